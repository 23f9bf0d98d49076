"""Near-duplicate step against a plain datasketch MinHash LSH on the same 100,000 rows, in the same run;
plus PHI recall/precision on the labelled set.

Usage: .venv/bin/python benchmarks/bench_curation.py   (needs benchmarks/.cache/corpus100k.parquet: run bench_final.py once)

Each method runs in its own process (peak RSS is that process's ru_maxrss). Both use 128 permutations,
word 5-grams and threshold 0.8 on `input + " " + output`. Recall: planted near-duplicates that end in
their parent's cluster (73.7% of them have a true 5-gram Jaccard >= 0.8, which caps any method).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "curation.md"

COMMON = """
import json, resource, time, re
import numpy as np, polars as pl
d = pl.read_parquet(%r)
texts = (d["input"] + " " + d["output"]).to_list()
ids = d["id"].to_list(); pos = {i: k for k, i in enumerate(ids)}
near = d.filter(pl.col("kind") == "near_dup")
def report(seconds, labels, pairs):
    hit = sum(labels[pos[a]] == labels[pos[b]] for a, b in zip(near["id"], near["parent_id"]))
    distinct = d.filter(pl.col("kind").is_in(["orig", "synth"]))["id"].to_list()
    merged = len(distinct) - len({labels[pos[i]] for i in distinct})
    print(json.dumps({"seconds": seconds, "recall": hit / near.height, "pairs": pairs, "false_merges": merged,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

MEDPIPE = COMMON + """
from medpipe.curation import minhash
from medpipe.curation.clusters import cluster_labels
t = time.perf_counter()
pairs = minhash.near_duplicate_pairs(minhash.signatures(texts, 128, 5), 0.8)
labels = cluster_labels(len(texts), pairs)
report(time.perf_counter() - t, labels, len(pairs))
"""

DATASKETCH = COMMON + """
from datasketch import MinHash, MinHashLSH
from medpipe.curation.clusters import UnionFind
t = time.perf_counter()
lsh = MinHashLSH(threshold=0.8, num_perm=128)
sigs = []
for k, text in enumerate(texts):
    words = re.findall(r"\\w+", text.lower())
    grams = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
    m = MinHash(num_perm=128)
    m.update_batch([g.encode("utf-8") for g in grams])
    lsh.insert(str(k), m)
    sigs.append(m)
union = UnionFind(len(texts)); pairs = 0
for k, m in enumerate(sigs):
    for other in lsh.query(m):
        if int(other) != k:
            union.union(k, int(other)); pairs += 1
report(time.perf_counter() - t, union.labels(), pairs // 2)
"""


def run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    corpus = HERE / ".cache" / "corpus100k.parquet"
    ours, baseline = run(MEDPIPE % str(corpus)), run(DATASKETCH % str(corpus))
    from medpipe.curation.phi_eval import score

    phi = score(HERE.parent / "medpipe_tests" / "data" / "phi_labelled.txt")
    lines = [
        "# Curation", "", "## Near-duplicates on the 100,000-row benchmark corpus (2 cores, same run)", "",
        "| method | seconds | recall of planted near-duplicates | pairs | false merges among distinct rows | peak RSS MB |", "|---|---|---|---|---|---|",
        *(f"| {name} | {r['seconds']:.1f} | {r['recall']:.3f} | {r['pairs']:,} | {r['false_merges']} | {r['peak_rss_mb']:,.0f} |" for name, r in (("medpipe (numpy/polars MinHash LSH)", ours), ("datasketch 2.0 MinHashLSH", baseline))),
        "", f"medpipe / datasketch time ratio: {ours['seconds'] / baseline['seconds']:.2f} (target <= 1: medpipe at least as fast).", "",
        "## PHI redaction on the labelled set (`medpipe_tests/data/phi_labelled.txt`)", "",
        f"{phi.labelled} labelled spans; recall {phi.recall:.3f}, precision {phi.precision:.3f} (span-exact, same label).",
        "The rules were written against this set, so these are training-set figures, not a held-out estimate.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
