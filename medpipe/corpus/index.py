"""The FAISS index: inner product over unit vectors; flat for small corpora, HNSW above a size."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import faiss
import numpy as np


class IndexConfig(dg.Config):
    hnsw_above: int = 20_000  # exact flat search below this many vectors, HNSW above
    hnsw_m: int = 32
    ef_search: int = 64


def index_kind(n_vectors: int, config: IndexConfig) -> str:
    return "hnsw" if n_vectors > config.hnsw_above else "flat"


def build_index(vectors: np.ndarray, config: IndexConfig) -> faiss.Index:
    """Vectors get ids 0..n-1 (their row order), kept in an IDMap so the ids can be checked both ways."""
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 384
    if index_kind(len(vectors), config) == "hnsw":
        inner = faiss.IndexHNSWFlat(dim, config.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efSearch = config.ef_search
    else:
        inner = faiss.IndexFlatIP(dim)
    index = faiss.IndexIDMap2(inner)
    if len(vectors):
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.arange(len(vectors), dtype=np.int64))
    return index


def index_ids(index: faiss.Index) -> np.ndarray:
    return faiss.vector_to_array(index.id_map) if hasattr(index, "id_map") else np.arange(index.ntotal)


def save_index(index: faiss.Index, path: Path) -> None:
    """Write beside, then rename: a reader never sees a half-written index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    faiss.write_index(index, str(partial))
    os.replace(partial, path)


def load_index(path: Path) -> faiss.Index:
    if not path.exists():
        raise FileNotFoundError(f"no FAISS index at {path}: materialise the faiss_index asset first")
    return faiss.read_index(str(path))
