"""Near-duplicate detection on the 100,000-row benchmark corpus: medpipe's MinHash LSH against datasketch's, same rows, same run.

Usage: .venv/bin/python benchmarks/bench_curation.py [--rounds 3]

The corpus (../shared/bench/build_corpus100k.py, cached in benchmarks/.cache/) plants 20,000 near-duplicates (1-2 light edits
of a row) and 5,000 exact copies, each naming its parent. Every method works on `input + " " + output` with 128 permutations,
word 5-grams and threshold 0.8, in its own process (peak RSS is that process's ru_maxrss; "loaded" is its RSS once the corpus
is read, before the method runs), and its time includes clustering the pairs. The methods run in turns, `--rounds` times;
the table shows each method's median, and the ratio is the median of the rounds' medpipe / datasketch ratios.

- `medpipe near_duplicates`: what the curation step `dedup_near` calls (LSH candidates verified by their exact Jaccard).
- `datasketch MinHashLSH`: datasketch 2.0, every LSH candidate merged, as datasketch's own query returns them.

The ground truth is computed here in plain Python (words are runs of `\\w` in the lower-cased text, shingles their 5-grams, or
the words of a text shorter than that): the true Jaccard of every planted near-duplicate with its parent, and of every
merged pair that is not planted. Recall (a): planted near-duplicates that end in their parent's cluster, of all of them;
(b): of those whose true Jaccard is at least 0.8 (no method should merge the others). False merges: merged pairs that are
neither planted (same original) nor at or above 0.8 in true Jaccard; "in clusters" counts such pairs among all pairs of
rows that end in one cluster. The PHI figures are in benchmarks/results/phi.md (benchmarks/bench_phi.py); this script
rewrites only its own section of benchmarks/results/curation.md and keeps any other.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import polars as pl

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CORPUS = CACHE / "corpus100k.parquet"
TRUTH = CACHE / "corpus100k_truth.parquet"
RESULTS = HERE / "results" / "curation.md"
SECTION = "## Near-duplicates"
THRESHOLD, NUM_PERM, NGRAM = 0.8, 128, 5
METHODS = {
    "medpipe": "medpipe near_duplicates (exact Jaccard check)",
    "datasketch": "datasketch 2.0 MinHashLSH",
}
WORD = re.compile(r"\w+")


def corpus() -> pl.DataFrame:
    if not CORPUS.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        builder = HERE.parent.parent / "shared" / "bench" / "build_corpus100k.py"
        subprocess.run([sys.executable, str(builder), str(CORPUS)], check=True)
    return pl.read_parquet(CORPUS)


def texts_of(rows: pl.DataFrame) -> list[str]:
    return (rows["input"] + " " + rows["output"]).to_list()


# ------------------------------------------------------------------------------------------------------------ the methods


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_medpipe(texts: list[str]) -> tuple[list[tuple[int, int]], np.ndarray]:
    from medpipe.curation import minhash
    from medpipe.curation.clusters import cluster_labels

    pairs = minhash.near_duplicates(texts, minhash.NearDuplicateConfig(threshold=THRESHOLD, num_perm=NUM_PERM, ngram=NGRAM))
    return [(i, j) for i, j, _ in pairs], cluster_labels(len(texts), pairs)


def medpipe_stages(texts: list[str]) -> dict[str, float]:
    """run_medpipe's work again, one stage at a time."""
    from medpipe.curation import minhash
    from medpipe.curation.clusters import cluster_labels

    stages, clock = {}, time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[name], clock = now - clock, now

    shingles = minhash.Shingles(texts, NGRAM)
    lap("words and shingles (lower-case in polars, words and n-gram hashes in numpy)")
    sigs = shingles.signatures(NUM_PERM)
    lap("signatures (one-permutation MinHash, 3 prioritised rounds, optimal densification)")
    bands = minhash.recall_bands(THRESHOLD, NUM_PERM)
    i, j = minhash.candidate_pairs(sigs, *bands)
    lap(f"LSH candidates: {bands[0]} bands of {bands[1]}, {len(i):,} pairs")
    score = shingles.jaccard(i, j)
    lap("exact Jaccard of the candidates")
    cluster_labels(len(texts), [(a, b, s) for a, b, s in zip(i.tolist(), j.tolist(), score.tolist()) if s >= THRESHOLD])
    lap("clusters (connected components, medpipe.curation.clusters)")
    return stages


def run_datasketch(texts: list[str]) -> tuple[list[tuple[int, int]], np.ndarray]:
    from datasketch import MinHash, MinHashLSH

    from medpipe.curation.clusters import cluster_labels

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sigs = []
    for k, text in enumerate(texts):
        words = WORD.findall(text.lower())
        grams = {" ".join(words[i : i + NGRAM]) for i in range(max(1, len(words) - NGRAM + 1))}
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([g.encode("utf-8") for g in grams])
        lsh.insert(str(k), m)
        sigs.append(m)
    pairs = {(min(k, other), max(k, other)) for k, m in enumerate(sigs) for other in map(int, lsh.query(m)) if other != k}
    return sorted(pairs), cluster_labels(len(texts), [(a, b, 1.0) for a, b in sorted(pairs)])


def worker(method: str, out: Path, profile: bool) -> None:
    texts = texts_of(pl.read_parquet(CORPUS))
    loaded = rss_mb()
    run = {"medpipe": run_medpipe, "datasketch": run_datasketch}[method]
    start = time.perf_counter()
    pairs, labels = run(texts)
    seconds = time.perf_counter() - start
    peak = rss_mb()
    stages = medpipe_stages(texts) if profile else {}
    np.savez(out, pairs=np.array(pairs, dtype=np.int64).reshape(-1, 2), labels=labels)
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "loaded_rss_mb": loaded, "stages": stages}))


def measure(method: str, profile: bool) -> tuple[dict, np.ndarray, np.ndarray]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.npz"
        done = subprocess.run([sys.executable, __file__, "--worker", method, str(out)] + (["--profile"] if profile else []),
                              capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{method} failed (exit code {done.returncode}):\n{done.stderr}")
        saved = np.load(out)
        return json.loads(done.stdout.strip().splitlines()[-1]), saved["pairs"], saved["labels"]


# ---------------------------------------------------------------------------------------------------------- ground truth


def shingles(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return set(words) if len(words) < NGRAM else {" ".join(words[k : k + NGRAM]) for k in range(len(words) - NGRAM + 1)}


class Truth:
    def __init__(self, rows: pl.DataFrame) -> None:
        self.texts = texts_of(rows)
        parent = rows["parent_id"].to_numpy()
        position = {row_id: k for k, row_id in enumerate(rows["id"].to_list())}
        up = np.array([position.get(p, k) if p >= 0 else k for k, p in enumerate(parent)])
        self.root = up[up]  # an exact copy of a near-duplicate belongs to the near-duplicate's parent
        self.distinct = np.flatnonzero(parent < 0)
        self.cache: dict[tuple[int, int], float] = {}
        near = rows.with_row_index("row").filter(pl.col("kind") == "near_dup")
        self.near = near["row"].to_numpy()
        self.parent = np.array([position[p] for p in near["parent_id"].to_list()])
        if TRUTH.exists() and TRUTH.stat().st_mtime >= CORPUS.stat().st_mtime:
            self.near_jaccard = pl.read_parquet(TRUTH)["jaccard"].to_numpy()
        else:
            self.near_jaccard = np.array([self.jaccard(a, b) for a, b in zip(self.near.tolist(), self.parent.tolist())])
            pl.DataFrame({"row": self.near, "parent": self.parent, "jaccard": self.near_jaccard}).write_parquet(TRUTH)

    def jaccard(self, i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in self.cache:
            a, b = shingles(self.texts[key[0]]), shingles(self.texts[key[1]])
            self.cache[key] = len(a & b) / len(a | b) if a | b else 0.0
        return self.cache[key]

    def false(self, pairs) -> int:
        return sum(1 for i, j in pairs if self.root[i] != self.root[j] and self.jaccard(int(i), int(j)) < THRESHOLD)

    def score(self, pairs: np.ndarray, labels: np.ndarray) -> dict:
        found = labels[self.near] == labels[self.parent]
        above = self.near_jaccard >= THRESHOLD
        members: dict[int, list[int]] = {}
        for row, label in enumerate(labels.tolist()):
            members.setdefault(label, []).append(row)
        together = [pair for rows in members.values() if 1 < len(rows) <= 1000 for pair in combinations(rows, 2)]
        huge = sum(len(rows) for rows in members.values() if len(rows) > 1000)
        return {
            "recall_all": float(found.mean()), "recall_above": float(found[above].mean()), "pairs": len(pairs),
            "false_pairs": self.false(pairs.tolist()),
                "false_in_clusters": self.false(together) if not huge else f"n/a ({huge:,} rows in clusters over 1,000)",
            "distinct_merged": int(len(self.distinct) - len(np.unique(labels[self.distinct]))),
            "below_found": float(found[~above].mean()),
        }


# ---------------------------------------------------------------------------------------------------------------- report


def section(results: dict[str, list[dict]], truth: Truth, quality: dict[str, dict], rounds: int) -> str:
    med = {m: {k: statistics.median(r[k] for r in runs) for k in ("seconds", "peak_rss_mb", "loaded_rss_mb")} for m, runs in results.items()}
    ratio = {m: statistics.median(a["seconds"] / b["seconds"] for a, b in zip(runs, results["datasketch"])) for m, runs in results.items()}
    above = truth.near_jaccard >= THRESHOLD
    lines = [
        f"{SECTION} on the 100,000-row benchmark corpus (`bench_curation.py`: 2 shared cores, {rounds} rounds, medians)", "",
        f"Rows: `input + \" \" + output`; 128 permutations, word 5-grams, threshold 0.8. Planted near-duplicates: {len(truth.near):,}, "
        f"of which {above.sum():,} ({above.mean():.1%}) have a true Jaccard >= 0.8 with their parent.", "",
        "| method | seconds | time / datasketch | recall (a) all planted | recall (b) planted with J >= 0.8 | pairs | false merges: pairs | false "
        "merges: in clusters | distinct rows merged | peak RSS MB (loaded) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for method, runs in results.items():
        q = quality[method]
        lines.append(f"| {METHODS[method]} | {med[method]['seconds']:.1f} | {ratio[method]:.2f} | {q['recall_all']:.3f} | {q['recall_above']:.4f} | "
                     f"{q['pairs']:,} | {q['false_pairs']} | {q['false_in_clusters']} | {q['distinct_merged']} | "
                     f"{med[method]['peak_rss_mb']:,.0f} ({med[method]['loaded_rss_mb']:,.0f}) |")
    speedup = 1 / ratio["medpipe"]
    lines += [
        "", f"medpipe `near_duplicates` is {speedup:.1f}x faster than datasketch in the same run (target: at least 3.5x), "
        f"recall (b) {quality['medpipe']['recall_above']:.4f} (target: at least 0.95).", "",
        "Seconds per round (medpipe / medpipe signatures / datasketch): "
        + "; ".join(" / ".join(f"{results[m][k]['seconds']:.1f}" for m in results) for k in range(rounds)) + ".", "",
        "False merges: merged pairs that are neither planted (same original row) nor at or above 0.8 in true Jaccard; "
        "\"in clusters\" counts such pairs among all pairs of rows that end in one cluster. \"Distinct rows merged\" (the previous "
        "metric) counts original and recombined rows that lose their own cluster: the corpus's recombined rows share sentences, "
        "and every pair medpipe's exact check merges is at or above 0.8, so those are true near-duplicates by the definition. "
        f"Planted near-duplicates below 0.8 that end in their parent's cluster all the same: medpipe "
        f"{quality['medpipe']['below_found']:.3f} (through other rows), datasketch {quality['datasketch']['below_found']:.3f} "
        "(its candidates are merged unverified).", "",
        "Before (the previous implementation: 128 multiply-permutations over every shingle in numpy, polars struct-hash bands, "
        "a Python loop per bucket, datasketch's bands with r = 128 // b): 11.7 s against datasketch's 29.3 s in the same run "
        "(ratio 0.40), 1,013 MB peak; scored as above, recall (a) 0.675, (b) 0.899, 8 false-merge pairs (31 in clusters), "
        "143 distinct rows merged.", "",
        "### Where medpipe's time goes (one round, stage by stage)", "",
        "| stage | seconds |", "|---|---|",
        *(f"| {stage} | {seconds:.2f} |" for stage, seconds in results["medpipe"][0]["stages"].items()),
    ]
    return "\n".join(lines) + "\n"


def write(text: str) -> None:
    """Replace this benchmark's section of the results file; keep the title and every other section."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Curation\n"
    parts = re.split(r"(?m)^(?=## )", old)
    kept = [p for p in parts[1:] if not p.startswith(SECTION)]
    RESULTS.write_text(parts[0].rstrip("\n") + "\n\n" + text + "".join("\n" + p.rstrip("\n") + "\n" for p in kept), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "OUT"))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), args.profile)
        return
    rows = corpus()
    results: dict[str, list[dict]] = {m: [] for m in METHODS}
    outputs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for k in range(args.rounds):
        for method in METHODS:
            stats, pairs, labels = measure(method, profile=(method == "medpipe" and k == 0))
            results[method].append(stats)
            if method in outputs and not np.array_equal(outputs[method][0], pairs):
                raise SystemExit(f"{method} merged other pairs in round {k + 1}")
            outputs[method] = (pairs, labels)
            print(f"round {k + 1} {method}: {stats['seconds']:.1f} s", flush=True)
    truth = Truth(rows)
    quality = {m: truth.score(*outputs[m]) for m in METHODS}
    write(section(results, truth, quality, args.rounds))
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
