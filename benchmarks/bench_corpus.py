"""PDF corpus benchmark: extraction and chunking pages/s, embeddings/s against a plain
SentenceTransformer.encode of the same chunks (same run), index build time, query latency,
and HNSW recall@10 against a flat index.

Usage: .venv/bin/python benchmarks/bench_corpus.py [--realdata ../shared/realdata] [--vectors 5000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from medpipe.corpus import extract as corpus, index as vector_index
from medpipe.corpus.embedding_cache import embed_missing, text_hash
from medpipe.corpus.embeddings import count_tokens, encode, load_model

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "corpus.md"


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=str(HERE.parent.parent / "shared" / "realdata"))
    parser.add_argument("--vectors", type=int, default=5000, help="corpus inputs embedded for the HNSW recall test")
    args = parser.parse_args()
    pdfs = sorted(Path(args.realdata, "guideline_pdfs").rglob("*.pdf"))
    model = load_model("")
    lines = ["# PDF corpus and FAISS index", "", f"{len(pdfs)} real guideline PDFs; 2 cores; model all-MiniLM-L6-v2 (packaged), batch 64.", ""]

    from pypdf import PdfReader

    _, raw_seconds = timed(lambda: [p.extract_text() for path in pdfs for p in PdfReader(path).pages])
    extract, seconds = timed(lambda: corpus.extract_corpus(pdfs, pl.DataFrame(schema=corpus.PAGE_SCHEMA),
                                                           pl.DataFrame(schema=corpus.DOCUMENT_SCHEMA)))
    pages = extract.pages.height
    chunks, chunk_seconds = timed(lambda: corpus.chunk_corpus(extract.pages, lambda w: count_tokens(model, w), 96, 24))
    lines += ["| step | figure |", "|---|---|",
              f"| extraction (medpipe: pypdf + running lines + hyphenation) | {pages / seconds:.1f} pages/s |",
              f"| raw pypdf `extract_text` baseline | {pages / raw_seconds:.1f} pages/s (medpipe / baseline {raw_seconds / seconds:.2f}) |",
              f"| chunking (96 tokens, overlap 24) | {pages / chunk_seconds:.1f} pages/s, {chunks.height} chunks |"]

    texts = chunks["text"].to_list()
    encode(model, texts[:64])  # warm up
    _, plain = timed(lambda: model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False))
    with duckdb.connect(str(Path(tempfile.mkdtemp()) / "bench.duckdb")) as con:
        stats, ours = timed(lambda: embed_missing(con, "bench", {text_hash(t): t for t in texts}, lambda b: encode(model, b, 64)))
    lines += [f"| embeddings, plain `SentenceTransformer.encode` | {len(texts) / plain:.1f} chunks/s |",
              f"| embeddings, medpipe (cache lookup + encode + DuckDB write) | {stats.embedded / ours:.1f} chunks/s, ratio "
              f"{plain / ours * stats.embedded / len(texts):.2f} (target >= 0.9) |"]

    vectors_path = HERE / ".cache" / f"inputs{args.vectors}.npy"
    if vectors_path.exists():
        vectors = np.load(vectors_path)
    else:
        inputs = pl.read_parquet(HERE / ".cache" / "corpus100k.parquet")["input"].head(args.vectors).to_list()
        vectors = encode(model, inputs)
        np.save(vectors_path, vectors)
    queries = vectors[:: max(1, len(vectors) // 500)]
    for kind in ("flat", "hnsw"):
        config = vector_index.IndexConfig(hnsw_above=0 if kind == "hnsw" else len(vectors))
        index, build = timed(lambda: vector_index.build_index(vectors, config))
        latencies = []
        for q in queries[:200]:
            _, s = timed(lambda: index.search(q[None, :], 10))
            latencies.append(s * 1000)
        lines.append(f"| {kind} index, {len(vectors)} vectors | build {build * 1000:.0f} ms; query p50 {statistics.median(latencies):.3f} ms |")
    flat = vector_index.build_index(vectors, vector_index.IndexConfig(hnsw_above=len(vectors)))
    _, truth = flat.search(queries, 10)
    for ef in (16, 64):
        hnsw = vector_index.build_index(vectors, vector_index.IndexConfig(hnsw_above=0, hnsw_m=32, ef_search=ef))
        _, found = hnsw.search(queries, 10)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, found)])
        lines.append(f"| HNSW (M=32, efSearch {ef}) recall@10 vs flat, {len(queries)} queries | {recall:.3f} |")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
