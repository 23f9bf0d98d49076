"""A content-hash cache of embeddings in DuckDB: a text is embedded once per model, and each batch is
stored as soon as it is computed, so an interrupted run keeps its work."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import duckdb
import numpy as np
import polars as pl

from medpipe.warehouse.store import statement

Encoder = Callable[[list[str]], np.ndarray]
Progress = Callable[[int, int, float], None]


@dataclass(frozen=True)
class CacheStats:
    embedded: int
    reused: int
    seconds: float


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed_missing(
    con: duckdb.DuckDBPyConnection,
    model: str,
    texts: dict[str, str],
    encode: Encoder,
    batch_size: int = 256,
    progress: Progress | None = None,
) -> CacheStats:
    """Embed the texts (keyed by text hash) that the cache lacks for this model. Each batch is stored (committed) by a
    writer thread on its own cursor while the next one is encoded: DuckDB's insert and the encoder share the cores."""
    con.execute(statement("embedding_cache_create"))
    known = {row[0] for row in con.execute("SELECT text_sha256 FROM embedding_vectors WHERE model = $model", {"model": model}).fetchall()}
    missing = [h for h in texts if h not in known]
    started = time.perf_counter()
    writer_cursor = con.cursor()
    try:
        with ThreadPoolExecutor(1) as writer:
            stored: Future[None] | None = None
            for start in range(0, len(missing), batch_size):
                batch = missing[start : start + batch_size]
                frame = pl.DataFrame({"text_sha256": batch, "vector": vector_bytes(encode([texts[h] for h in batch]))})
                if stored is not None:
                    stored.result()
                stored = writer.submit(_store, writer_cursor, model, frame)
                if progress:
                    progress(start + len(batch), len(missing), time.perf_counter() - started)
            if stored is not None:
                stored.result()
    finally:
        writer_cursor.close()
    return CacheStats(embedded=len(missing), reused=len(texts) - len(missing), seconds=time.perf_counter() - started)


def _store(cursor: duckdb.DuckDBPyConnection, model: str, frame: pl.DataFrame) -> None:
    cursor.register("new_vectors", frame.to_arrow())
    try:
        cursor.execute(statement("embedding_cache_insert"), {"model": model})
    finally:
        cursor.unregister("new_vectors")


def vector_bytes(vectors: np.ndarray) -> pl.Series:
    """Each row's float32 little-endian bytes: how the cache stores a vector."""
    rows = np.ascontiguousarray(vectors, dtype="<f4")
    return pl.Series("vector", [row.tobytes() for row in rows], dtype=pl.Binary)


def vectors_of(frame: pl.DataFrame, column: str = "vector") -> np.ndarray:
    """A column of stored vectors (`vector_bytes`) as an (n, dim) float32 matrix."""
    if frame.height == 0:
        return np.zeros((0, 0), dtype=np.float32)
    flat = np.frombuffer(b"".join(frame[column].to_list()), dtype="<f4")
    return flat.reshape(frame.height, -1).astype(np.float32)
