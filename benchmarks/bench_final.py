"""Time raw -> final (no LLM) on the real files and on a 100,000-row scale-up; record rows/s and peak RSS.

Usage: .venv/bin/python benchmarks/bench_final.py [--realdata ../shared/realdata] [--runs 3]

The scale-up writes the 100k benchmark corpus (../shared/bench) into five sources' real raw formats
(JSON array, JSONL, parquet, chat-messages JSONL, instruction/output JSON), so every reader runs.
Each scenario runs in a fresh process; peak RSS is that process's ru_maxrss. The baseline, in the same
run, is a plain polars read of the same 100k rows plus `unique` on normalised (input, output).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results" / "final_build.md"

SCENARIO = """
import json, resource, sys, time
import dagster as dg
from medpipe.definitions import defs
t = time.perf_counter()
run_config = {"ops": {"semantic_deduplicated": {"config": {"enabled": SEMANTIC}}}}
result = defs.get_job_def("build_final").execute_in_process(run_config=run_config)
elapsed = time.perf_counter() - t
meta = result.asset_materializations_for_node("final")[0].metadata
materializations = [e.materialization for e in result.get_asset_materialization_events()]
read = sum(m.metadata["read"].value for m in materializations if m.asset_key.path[0] == "sources" and "read" in m.metadata)
print(json.dumps({"seconds": elapsed, "read": read, "final": meta["dagster/row_count"].value,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "ok": result.success}))
"""


def corpus() -> pl.DataFrame:
    path = CACHE / "corpus100k.parquet"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        builder = HERE.parent.parent / "shared" / "bench" / "build_corpus100k.py"
        subprocess.run([sys.executable, str(builder), str(path)], check=True)
    return pl.read_parquet(path)


def write_scaled_raw_dir(rows: pl.DataFrame, root: Path) -> None:
    """Each corpus row goes to one source's raw format, chosen by the corpus row's own source."""
    groups = {
        "medical_o1": ("medqa_usmle", "medical_o1"),
        "symptom_to_diagnosis": ("symptom_to_diagnosis",),
        "medicationqa": ("medicationqa",),
        "know_medical_dialogues": ("know_medical_dialogues",),
        "ii_medical_reasoning_sft": ("wiki_medical_terms", "diseases_symptoms", "first_aid_intents"),
    }
    pick = {src: folder for folder, srcs in groups.items() for src in srcs}
    for folder in groups:
        (root / folder).mkdir(parents=True, exist_ok=True)
    part = {folder: rows.filter(pl.col("source").replace_strict(pick, default=None) == folder) for folder in groups}
    o1 = part["medical_o1"]
    (root / "medical_o1" / "medical_o1_verifiable_problem.json").write_text(
        json.dumps([{"Open-ended Verifiable Question": i, "Ground-True Answer": o} for i, o in zip(o1["input"], o1["output"])]), encoding="utf-8"
    )
    s2d = part["symptom_to_diagnosis"].select(pl.col("output").alias("output_text"), pl.col("input").alias("input_text"))
    s2d.write_ndjson(root / "symptom_to_diagnosis" / "train.jsonl")
    part["medicationqa"].select(pl.col("input").alias("Question"), pl.col("output").alias("Answer")).write_parquet(root / "medicationqa" / "train.parquet")
    kmd = part["know_medical_dialogues"]
    (root / "know_medical_dialogues" / "train.json").write_text(
        json.dumps([{"instruction": i, "output": o} for i, o in zip(kmd["input"], kmd["output"])]), encoding="utf-8"
    )
    ii = part["ii_medical_reasoning_sft"]
    with (root / "ii_medical_reasoning_sft" / "train.jsonl").open("w", encoding="utf-8") as out:
        for i, o in zip(ii["input"], ii["output"]):
            out.write(json.dumps({"model": "bench", "messages": [{"role": "user", "content": i}, {"role": "assistant", "content": o}]}) + "\n")


def run_scenario(raw_dir: Path, db: Path, semantic: bool) -> dict:
    db.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"} | {
        "MEDPIPE_RAW_DIR": str(raw_dir), "MEDPIPE_DUCKDB": str(db), "MEDPIPE_OFFLINE": "1",
        "MEDPIPE_MAX_ROWS_PER_SOURCE": "1000000", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", f"SEMANTIC = {semantic}\n" + SCENARIO], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def baseline(rows: pl.DataFrame) -> float:
    path = CACHE / "baseline.parquet"
    rows.select("input", "output").write_parquet(path)
    t = time.perf_counter()
    frame = pl.read_parquet(path)
    key = [pl.col(c).str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars().alias(f"k_{c}") for c in ("input", "output")]
    frame.with_columns(key).unique(subset=["k_input", "k_output"], keep="first")
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=str(HERE.parent.parent / "shared" / "realdata"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = corpus()
    scaled = CACHE / "raw100k"
    if not scaled.exists():
        write_scaled_raw_dir(rows, scaled)
    # The scale-up runs without semantic dedup: MiniLM embeds ~100 inputs/s here (see bench_corpus.md), ~14 min for 80k rows.
    scenarios = {"realdata (all steps)": (Path(args.realdata), True), "scale-up 100k (semantic dedup off)": (scaled, False)}
    lines = ["# raw -> final (no LLM)", "", f"2 cores; median of {args.runs} runs, each in a fresh process (imports not timed).", "",
             "| scenario | records read | rows in final | seconds | rows/s | peak RSS MB | baseline s (polars read + unique) | medpipe / baseline |", "|---|---|---|---|---|---|---|---|"]
    for name, (raw, semantic) in scenarios.items():
        results = [run_scenario(raw, CACHE / "bench.duckdb", semantic) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in results)
        base = statistics.median(baseline(rows) for _ in range(args.runs)) if name.startswith("scale") else None
        r = results[0]
        lines.append(f"| {name} | {r['read']:,} | {r['final']:,} | {seconds:.2f} | {r['read'] / seconds:,.0f} | {max(x['peak_rss_mb'] for x in results):,.0f} | "
                     f"{'' if base is None else f'{base:.2f}'} | {'' if base is None else f'{seconds / base:.1f}x'} |")
        print(lines[-1], flush=True)
    lines += ["", "Target: 100,000 rows raw -> final in under 60 s on 2 cores, peak RSS under 4 GB."]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
