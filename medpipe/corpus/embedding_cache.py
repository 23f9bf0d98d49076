"""A content-hash cache of embeddings in DuckDB: a text is embedded once per model, and each batch is
stored as soon as it is computed, so an interrupted run keeps its work."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable

import duckdb
import numpy as np
import polars as pl

from medpipe.warehouse.store import cursor, statement

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
    computed: dict[str, np.ndarray] | None = None,
) -> CacheStats:
    """Embed the texts (keyed by text hash) that the cache lacks for this model. Each batch is stored (committed) by a
    writer thread on its own cursor while the next one is encoded: DuckDB's insert and the encoder share the cores.
    The new vectors are also put in `computed` (text hash -> vector) when given."""
    con.execute(statement("embedding_cache_create"))
    known = {row[0] for row in con.execute("SELECT text_sha256 FROM embedding_vectors WHERE model = $model", {"model": model}).fetchall()}
    missing = [h for h in texts if h not in known]
    started = time.perf_counter()
    writer_cursor = cursor(con)
    try:
        with ThreadPoolExecutor(1) as writer:
            stored: Future[None] | None = None
            for start in range(0, len(missing), batch_size):
                batch = missing[start : start + batch_size]
                vectors = encode([texts[h] for h in batch])
                if computed is not None:
                    computed.update(zip(batch, vectors))
                frame = pl.DataFrame({"text_sha256": batch, "vector": vector_bytes(vectors)})
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


def cached_vectors(con: duckdb.DuckDBPyConnection, model: str, texts: list[str], encode: Encoder, batch_size: int = 256,
                   progress: Progress | None = None) -> tuple[np.ndarray, CacheStats]:
    """(len(texts), dim) float32 vectors of the texts, in order, through the cache: only the texts it lacks are encoded
    (and stored), and only the ones it had are read back from it."""
    started = time.perf_counter()
    hashes = [text_hash(t) for t in texts]
    computed: dict[str, np.ndarray] = {}
    stats = embed_missing(con, model, dict(zip(hashes, texts)), encode, batch_size, progress, computed)
    stored = [position for position, h in enumerate(hashes) if h not in computed]
    read = _read_vectors(con, model, [hashes[p] for p in stored]) if stored else None
    dim = read.shape[1] if read is not None else len(next(iter(computed.values()))) if computed else 0
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if read is not None:
        out[stored] = read
    for position, h in enumerate(hashes):
        if h in computed:
            out[position] = computed[h]
    return out, replace(stats, seconds=time.perf_counter() - started)


def _read_vectors(con: duckdb.DuckDBPyConnection, model: str, hashes: list[str]) -> np.ndarray:
    """The cached vectors of these text hashes, in their order (each must be in the cache)."""
    con.register("wanted", pl.DataFrame({"text_sha256": hashes}).with_row_index("position").to_arrow())
    try:
        read = vectors_of(con.execute(statement("embedding_cache_vectors"), {"model": model}).pl())
    finally:
        con.unregister("wanted")
    if len(read) != len(hashes):
        raise RuntimeError(f"the embedding cache returned {len(read)} vectors for {len(hashes)} texts of model {model}")
    return read


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
