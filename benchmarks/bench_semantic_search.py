"""All pairs of unit vectors above a cosine threshold: the SimHash LSH search (`semantic.similar_pairs`) against the
exact flat search (FAISS IndexFlatIP range_search), on the static model's vectors of the 100k benchmark corpus.

At each size the exact search runs once, at the lowest threshold (its cost hardly depends on the threshold), and the
exact pair set at a higher threshold is its subset. Each search runs in its own process, so that its peak RSS (which
includes the vectors, n x 256 float32) is its own. Sizes: 100k = the corpus's inputs; 200k = its inputs and outputs.

Vectors are cached in benchmarks/.cache/static_{inputs,outputs}.npy; when absent they are encoded with the static model
(medpipe.corpus.static_embedder, distilled once into ~/.cache/medpipe/models) from benchmarks/.cache/corpus100k.parquet
(build it with ../shared/bench/build_corpus100k.py from the project root).

Usage: .venv/bin/python benchmarks/bench_semantic_search.py [--sizes 100000,200000] [--thresholds 0.875,0.9,0.95]
Writes benchmarks/results/semantic_search.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CORPUS = CACHE / "corpus100k.parquet"
RESULTS = HERE / "results" / "semantic_search.md"


def vectors(n: int) -> np.ndarray:
    columns = ("inputs", "outputs")
    if not all((CACHE / f"static_{c}.npy").exists() for c in columns):
        import polars as pl

        from medpipe.corpus import static_embedder as se

        embedder = se.StaticEmbedder(se.ensure_static_model(Path("~/.cache/medpipe/models").expanduser()))
        rows = pl.read_parquet(CORPUS, columns=["input", "output"])
        for c in columns:
            np.save(CACHE / f"static_{c}.npy", embedder.encode(rows[c[:-1]].fill_null("").to_list()))
    both = np.concatenate([np.load(CACHE / f"static_{c}.npy") for c in columns])
    if n > len(both):
        raise SystemExit(f"at most {len(both)} vectors, not {n}")
    return both[:n]


def exact(x: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    import faiss

    index = faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    lims, scores, ids = index.range_search(x, threshold)
    query = np.repeat(np.arange(len(x)), np.diff(lims.astype(np.int64)))
    keep = query < ids
    return query[keep] * len(x) + ids[keep], scores[keep]


def lsh(x: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    from medpipe.curation import semantic

    pairs = semantic.similar_pairs(x, threshold)
    codes = np.array([i * len(x) + j for i, j, _ in pairs], dtype=np.int64)
    return codes, np.array([c for _, _, c in pairs], dtype=np.float32)


def child(method: str, n: int, threshold: float, out: Path) -> None:
    """One search in this process: saves the pair codes (i * n + j) and prints seconds, CPU seconds and peak RSS."""
    x = vectors(n)
    wall, cpu = time.perf_counter(), time.process_time()
    codes, scores = (exact if method == "exact" else lsh)(x, threshold)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    np.savez(out, codes=codes, scores=scores)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": wall, "cpu": cpu, "pairs": len(codes), "rss_mb": rss,
                      "candidates": candidates(x, threshold) if method == "lsh" else None}))


def candidates(x: np.ndarray, threshold: float) -> int:
    """Pairs sharing a bucket, summed over the bands (what the Gram matrices verify)."""
    from concurrent.futures import ThreadPoolExecutor

    from medpipe.curation import semantic

    with ThreadPoolExecutor(1) as pool:
        keys = semantic._band_keys(x, *semantic.recall_bands(threshold), semantic._SEED, pool)
    sizes = np.concatenate([np.unique(band, return_counts=True)[1] for band in keys]).astype(np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def run(method: str, n: int, threshold: float, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", method, str(n), str(threshold), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=os.environ | {"PYTHONPATH": str(HERE.parent)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,200000")
    parser.add_argument("--thresholds", default="0.875,0.9,0.95")
    parser.add_argument("--reuse-exact", action="store_true", help="reuse the exact search saved in benchmarks/.cache by an earlier run")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        method, n, threshold, out = args.child
        child(method, int(n), float(threshold), Path(out))
        return
    from medpipe.curation.semantic import recall_bands

    sizes = [int(s) for s in args.sizes.split(",")]
    thresholds = sorted(float(t) for t in args.thresholds.split(","))
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            pairs_file, figures_file = (CACHE / f"exact_{n}_{thresholds[0]}.{ext}" for ext in ("npz", "json"))
            if args.reuse_exact and pairs_file.exists():
                ex = json.loads(figures_file.read_text())
            else:
                log(f"exact {n} at {thresholds[0]}")
                ex = run("exact", n, thresholds[0], pairs_file) | {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
                figures_file.write_text(json.dumps(ex))
            with np.load(pairs_file) as f:
                exact_codes, exact_scores = f["codes"], f["scores"]
            log(f"exact {n}: {ex}")
            for t in thresholds:
                truth = np.sort(exact_codes[exact_scores >= t])
                got = run("lsh", n, t, Path(tmp) / "lsh.npz")
                with np.load(Path(tmp) / "lsh.npz") as f:
                    codes = f["codes"]
                found = np.isin(truth, codes)
                bands, r = recall_bands(t)
                rows.append({"n": n, "threshold": t, "bands": bands, "rows": r, "exact": ex, "lsh": got, "exact_pairs": len(truth),
                             "recall": float(found.mean()) if len(truth) else 1.0, "missed": int((~found).sum()),
                             "not_in_exact": int((~np.isin(codes, truth)).sum())})
                log(f"lsh {n} at {t}: {got}, recall {rows[-1]['recall']:.5f}")
    load_after = os.getloadavg()
    write(rows, load_before, load_after, " ".join(sys.argv[1:]))


def write(rows: list[dict], load_before, load_after, argv: str) -> None:
    out = ["# All-pairs cosine search: SimHash LSH vs exact flat", "",
           f"`PYTHONPATH=. .venv/bin/python benchmarks/bench_semantic_search.py {argv}`".replace("  ", " "), "",
           f"Machine: {platform.machine()}, {os.cpu_count()} cores, shared: load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
           f"(1-minute). Vectors: the static model's (dim 256) of the 100k benchmark corpus: 100k = inputs, 200k = inputs + outputs. "
           "Exact = FAISS IndexFlatIP `range_search` at the lowest threshold, run once per size (the pairs at a higher threshold are "
           "its subset); LSH = `semantic.similar_pairs`. Each search in its own process; peak RSS includes the vectors.", "",
           "| n | threshold | bands x rows | exact pairs | exact s (CPU s) | LSH s (CPU s) | speed-up | recall | missed | LSH candidates | LSH pairs "
           "not in exact | exact RSS MB | LSH RSS MB |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        ex, ls = r["exact"], r["lsh"]
        out.append(f"| {r['n']} | {r['threshold']} | {r['bands']} x {r['rows']} | {r['exact_pairs']} | {ex['seconds']:.1f} ({ex['cpu']:.0f}) | "
                   f"{ls['seconds']:.1f} ({ls['cpu']:.0f}) | {ex['seconds'] / ls['seconds']:.1f}x | {r['recall']:.4f} | {r['missed']} | "
                   f"{ls['candidates']} | {r['not_in_exact']} | {ex['rss_mb']:.0f} | {ls['rss_mb']:.0f} |")
    measured = sorted({f"{r['n']}: {r['exact']['measured']}" for r in rows})
    out += ["", f"Exact searches ran at (n: time): {'; '.join(measured)}; with `--reuse-exact` an earlier run's exact search is reused.",
            "", "LSH pairs not in the exact set are pairs within float rounding of the threshold (FAISS and the Gram matrices sum "
            "in different orders); every LSH pair carries its own dot product, at or above the threshold. Candidates are the pairs sharing "
            "a bucket, summed over the bands (what the Gram matrices compute, repeats included); the LSH peak RSS includes the "
            "(bands x n) uint64 key matrix.", "",
            "Method (`medpipe/curation/semantic.py`): `bands x rows` random Gaussian directions; per band, each vector's `rows` "
            "sign bits form its bucket key; every bucket's Gram matrix is computed (buckets of equal size stacked, buckets over "
            "64 members in row blocks) and its entries at or above the threshold are the pairs. `recall_bands` takes the most "
            "rows per band within 1,536 directions such that a pair exactly at the threshold is found with probability >= 0.995 "
            "(higher for pairs above it).", ""]
    RESULTS.write_text("\n".join(out), encoding="utf-8")
    log(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
