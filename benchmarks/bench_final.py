"""raw -> final on a 100,000-row scale-up with every curation step on and every cache cold, against datasketch's MinHash LSH
alone on the same rows, in the same run; then a no-op rebuild. Also the real files (all steps).

Usage: .venv/bin/python benchmarks/bench_final.py [--realdata ../shared/realdata] [--runs 1]

The scale-up writes the 100k benchmark corpus (../shared/bench) into five sources' real raw formats (JSON array, JSONL,
parquet, chat-messages JSONL, instruction/output JSON), so every reader runs. Each build runs in a fresh process against a
new DuckDB file (every data cache cold: embeddings, step records, LLM calls); its peak memory is that process's ru_maxrss, and
the sum of its and its spawned children's RSS, sampled (TREE_RSS). The
static dedup model is a per-machine artefact distilled once from the installed MiniLM (like a model a package installs):
it is timed on its own, and the builds run both with it already distilled and with an empty model cache (distilled in the
build). In this order, each timed around the build alone (imports not timed in process; timed in the CLI):
  - the distillation alone, into an empty folder, in a new process (imports included);
  - in process, model distilled: `build_final` with `execute_in_process`, its per-step seconds from Dagster's step events;
    then the no-op: the same job again on the same files (nothing changed): seconds and rows embedded;
  - in process, empty model cache;
  - `dagster asset materialize --select <build_final's assets>` in a new process on a fresh DuckDB file, model distilled
    (imports included).
The baseline is datasketch 2.0's MinHash LSH alone (128 permutations, threshold 0.8, word 5-grams: signatures, insert and
query) on the same rows' `input + " " + output`, in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

import polars as pl

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results" / "final_build.md"
MODELS = CACHE / "models"  # the machine's model cache for the builds that start with the static model distilled

# The peak memory of the build's processes together: this one and the children it spawned (the release gate's Great Expectations
# process), from each one's VmRSS sampled every 100 ms by a thread started with the process. A forked child (the scrub's workers)
# is left out: its pages are its parent's, copy-on-write, and would be counted twice. ru_maxrss is exact for this process alone.
TREE_RSS = """
import os, threading, time
def _read(path):
    try:
        with open(path, "rb") as found:
            return found.read()
    except OSError:
        return b""
def _rss_kb(pid):
    status = _read(f"/proc/{pid}/status")
    return int(status.split(b"VmRSS:")[1].split()[0]) if b"VmRSS:" in status else 0
_tree_peak_kb = [0]
def _sample(pid):
    own_command = _read(f"/proc/{pid}/cmdline")
    while True:
        children = [int(child) for child in _read(f"/proc/{pid}/task/{pid}/children").split()]
        spawned = [child for child in children if _read(f"/proc/{child}/cmdline") != own_command]
        _tree_peak_kb[0] = max(_tree_peak_kb[0], _rss_kb(pid) + sum(_rss_kb(child) for child in spawned))
        time.sleep(0.1)
threading.Thread(target=_sample, args=(os.getpid(),), daemon=True).start()
def tree_peak_rss_mb():
    return _tree_peak_kb[0] / 1024
"""

IN_PROCESS = TREE_RSS + """
import json, resource, time
from medpipe.definitions import defs
def build():
    t = time.perf_counter()
    result = defs.resolve_job_def("build_final").execute_in_process()
    seconds = time.perf_counter() - t
    steps = {e.step_key: e.event_specific_data.duration_ms / 1000 for e in result.all_events if e.is_step_success}
    meta = {e.asset_key.to_user_string(): {k: v.value for k, v in e.materialization.metadata.items()}
            for e in result.get_asset_materialization_events()}
    embedded = sum(m.get("embedded", 0) for m in meta.values() if isinstance(m.get("embedded", 0), int))
    return {"ok": result.success, "seconds": seconds, "steps": steps, "embedded": embedded,
            "final": meta["final"]["dagster/row_count"], "read": sum(m["read"] for k, m in meta.items() if k.startswith("sources/") and "read" in m),
            "semantic": {k: v for k, v in meta["dedup_semantic"].items() if k.startswith(("seconds_", "candidate_", "pairs", "answer_"))}}
first = build()
noop = build()
print(json.dumps({"first": first, "noop": noop, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tree_peak_rss_mb": tree_peak_rss_mb()}))
"""

# datasketch's MinHash LSH on `input + " " + output`, word 5-grams: argv[2] "bulk" uses its fast path (`MinHash.bulk`, which
# copies one initialised MinHash instead of drawing the 128 permutations again per text, and `insertion_session`);
# "per_object" builds a `MinHash` per text, as its README's first example does (the baseline of sessions 1-7).
DATASKETCH = """
import json, re, resource, sys, time
import polars as pl
from datasketch import MinHash, MinHashLSH
rows = pl.read_parquet(sys.argv[1])
texts = (rows["input"] + " " + rows["output"]).to_list()
word = re.compile(r"\\w+")
def shingles(text):
    words = word.findall(text.lower())
    return [" ".join(words[i:i + 5]).encode("utf-8") for i in range(max(1, len(words) - 4))]
t = time.perf_counter()
lsh = MinHashLSH(threshold=0.8, num_perm=128)
if sys.argv[2] == "bulk":
    sigs = MinHash.bulk((shingles(text) for text in texts), num_perm=128)
    with lsh.insertion_session() as session:
        for k, m in enumerate(sigs):
            session.insert(str(k), m)
else:
    sigs = []
    for k, text in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch(shingles(text))
        lsh.insert(str(k), m)
        sigs.append(m)
pairs = sum(len(lsh.query(m)) - 1 for m in sigs) // 2
print(json.dumps({"seconds": time.perf_counter() - t, "pairs": pairs, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def corpus() -> pl.DataFrame:
    path = CACHE / "corpus100k.parquet"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        builder = PROJECT.parent / "shared" / "bench" / "build_corpus100k.py"
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
    part["medicationqa"].select(pl.col("input").alias("Question"),
                                pl.col("output").alias("Answer")).write_parquet(root / "medicationqa" / "train.parquet")
    kmd = part["know_medical_dialogues"]
    (root / "know_medical_dialogues" / "train.json").write_text(
        json.dumps([{"instruction": i, "output": o} for i, o in zip(kmd["input"], kmd["output"])]), encoding="utf-8"
    )
    ii = part["ii_medical_reasoning_sft"]
    with (root / "ii_medical_reasoning_sft" / "train.jsonl").open("w", encoding="utf-8") as out:
        for i, o in zip(ii["input"], ii["output"]):
            out.write(json.dumps({"model": "bench", "messages": [{"role": "user", "content": i}, {"role": "assistant", "content": o}]}) + "\n")


def build_env(raw_dir: Path, work: Path, models: Path | None = None) -> dict[str, str]:
    """A fresh DuckDB file and Dagster home under `work`; the model cache `models`, or an empty one under `work`."""
    for sub in ("data", "models", "dagster"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDPIPE_", "DAGSTER_"))}
    return env | {"MEDPIPE_RAW_DIR": str(raw_dir), "MEDPIPE_DUCKDB": str(work / "data" / "medpipe.duckdb"), "MEDPIPE_OFFLINE": "1",
                  "MEDPIPE_MAX_ROWS_PER_SOURCE": "1000000", "MEDPIPE_MODEL_CACHE": str(models or work / "models"), "HF_HUB_OFFLINE": "1",
                  "DAGSTER_HOME": str(work / "dagster")}


def distill_alone() -> tuple[float, Path]:
    """Seconds to distil the static model into an empty folder in a new process; then the machine's model cache, distilled."""
    with tempfile.TemporaryDirectory(prefix="medpipe-models-") as empty:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "medpipe.corpus.static_embedder", empty], cwd=PROJECT, check=True, capture_output=True)
        seconds = time.perf_counter() - t
    subprocess.run([sys.executable, "-m", "medpipe.corpus.static_embedder", str(MODELS)], cwd=PROJECT, check=True, capture_output=True)
    return seconds, MODELS


def in_process(raw_dir: Path, models: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="medpipe-bench-") as work:
        out = subprocess.run([sys.executable, "-c", IN_PROCESS], env=build_env(raw_dir, Path(work), models), cwd=PROJECT,
                             capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(out.stderr[-3000:])
        return json.loads(out.stdout.strip().splitlines()[-1])


CLI = TREE_RSS + """
import json, resource, sys
from dagster._cli import main  # what the `dagster` script runs
sys.argv = ["dagster", "asset", "materialize", "--select", sys.argv[1]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "tree_peak_rss_mb": tree_peak_rss_mb()}))
"""


def cli(raw_dir: Path, models: Path) -> dict:
    """`dagster asset materialize` (Dagster's CLI entry point, run in a new process whose peak RSS is read at its end), fresh
    files; seconds include imports."""
    with tempfile.TemporaryDirectory(prefix="medpipe-bench-") as work:
        env = build_env(raw_dir, Path(work), models) | {"DAGSTER_CLI_ASSET_MATERIALIZE_MODULE_NAME": "medpipe.definitions"}
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CLI, build_final_selection()], env=env, cwd=PROJECT, capture_output=True, text=True)
        seconds = time.perf_counter() - t
        result = json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {"code": out.returncode}
        if out.returncode or result["code"]:
            raise RuntimeError(out.stderr[-3000:])
        return {"seconds": seconds, "peak_rss_mb": result["peak_rss_mb"], "tree_peak_rss_mb": result["tree_peak_rss_mb"]}


def build_final_selection() -> str:
    """The asset keys `build_final` materialises (final and everything upstream but the synthetic stage), comma-separated."""
    from medpipe.definitions import defs

    return ",".join(sorted(key.to_user_string() for key in defs.resolve_job_def("build_final").asset_layer.executable_asset_keys))


def datasketch(rows: pl.DataFrame, variant: str) -> dict:
    path = CACHE / "datasketch_rows.parquet"
    rows.select("input", "output").write_parquet(path)
    out = subprocess.run([sys.executable, "-c", DATASKETCH, str(path), variant], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def gx_import() -> float:
    """Seconds to import Great Expectations in a new process after dagster and polars (the gate pays it once per process)."""
    code = "import time, dagster, polars; t = time.perf_counter(); import great_expectations; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, check=True, capture_output=True, text=True,
                         env=os.environ | {"GX_ANALYTICS_ENABLED": "False"})
    return float(out.stdout.strip().splitlines()[-1])


def rss(builds: Iterable[dict]) -> str:
    """The largest peak RSS of the builds' own processes, and of their process trees."""
    builds = list(builds)
    return f"{max(b['peak_rss_mb'] for b in builds):,.0f} ({max(b['tree_peak_rss_mb'] for b in builds):,.0f})"


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=str(PROJECT.parent / "shared" / "realdata"))
    parser.add_argument("--runs", type=int, default=1, help="repeats of the scale-up (medians reported)")
    args = parser.parse_args()
    rows = corpus()
    scaled = CACHE / "raw100k"
    if not scaled.exists():
        write_scaled_raw_dir(rows, scaled)
    load_before = load()
    distill_s, models = distill_alone()
    print(f"distillation alone: {distill_s:.1f} s", flush=True)
    runs = []
    for _ in range(args.runs):
        base, per_object = datasketch(rows, "bulk"), datasketch(rows, "per_object")
        base["per_object_seconds"] = per_object["seconds"]
        print(f"datasketch: {base['seconds']:.1f} s bulk, {per_object['seconds']:.1f} s per object", flush=True)
        built = in_process(scaled, models)
        print(f"medpipe in process: {built['first']['seconds']:.1f} s, no-op {built['noop']['seconds']:.1f} s", json.dumps(built), flush=True)
        unbuilt = in_process(scaled)
        print(f"medpipe in process, empty model cache: {unbuilt['first']['seconds']:.1f} s", flush=True)
        runs.append((base, built, unbuilt, cli(scaled, models)))
        print(f"medpipe CLI: {runs[-1][3]['seconds']:.1f} s", flush=True)
    real = in_process(Path(args.realdata), models) if Path(args.realdata).is_dir() else None

    def median(values: list[float]) -> float:
        return statistics.median(values)

    base_s = median([b["seconds"] for b, *_ in runs])
    per_object_s = median([b["per_object_seconds"] for b, *_ in runs])
    first_s = median([m["first"]["seconds"] for _, m, _, _ in runs])
    unbuilt_s = median([u["first"]["seconds"] for _, _, u, _ in runs])
    noop_s = median([m["noop"]["seconds"] for _, m, _, _ in runs])
    cli_s = median([c["seconds"] for *_, c in runs])
    built, unbuilt = runs[0][1], runs[0][2]
    lines = [
        "# raw -> final, every curation step on, data caches cold", "",
        f"Command: `.venv/bin/python benchmarks/bench_final.py --runs {args.runs}`. 2 cores; load average (1/5/15 min) {load_before} before, "
        f"{load()} after; {args.runs} run(s), medians. Each build: a fresh process and a new DuckDB file (no embedding, step or LLM "
        "record). The static dedup model is distilled once per machine from the installed MiniLM: timed alone, and the builds run "
        "with it distilled and with an empty model cache.", "",
        "## Scale-up: the 100,000-row benchmark corpus written into five sources' raw formats", "",
        "Peak memory: the build's process alone (RSS, ru_maxrss), then in brackets the build's processes together (it and the "
        "release gate's Great Expectations process it spawns: the sum of their RSS, sampled every 100 ms; the scrub's forked workers share "
        "their parent's pages and are left out).", "",
        "| what | seconds | / datasketch | peak MB: own RSS (process tree) | notes |", "|---|---|---|---|---|",
        f"| datasketch 2.0 MinHash LSH alone (same rows), `MinHash.bulk` + `insertion_session` | {base_s:.1f} | 1.00 | "
        f"{runs[0][0]['peak_rss_mb']:,.0f} | {runs[0][0]['pairs']:,} candidate pairs; the baseline of every ratio here |",
        f"| the same, a `MinHash` per text (the baseline before session 9) | {per_object_s:.1f} | {per_object_s / base_s:.2f} | | |",
        f"| medpipe `build_final`, in process | {first_s:.1f} | {first_s / base_s:.2f} | {rss(m for _, m, _, _ in runs)} | "
        f"{built['first']['read']:,} records read, {built['first']['final']:,} rows in final, {built['first']['embedded']:,} texts embedded |",
        f"| medpipe `dagster asset materialize --select <build_final's assets>` | {cli_s:.1f} | {cli_s / base_s:.2f} | {rss(c for *_, c in runs)} | "
        "new process, imports included |",
        f"| no-op rebuild (nothing changed), in process | {noop_s:.1f} | {noop_s / base_s:.2f} | | {built['noop']['embedded']:,} texts embedded |",
        f"| the static model's one-time distillation alone (new process) | {distill_s:.1f} | {distill_s / base_s:.2f} | | per "
        "machine, not per build |",
        f"| medpipe `build_final`, in process, empty model cache (distils first) | {unbuilt_s:.1f} | {unbuilt_s / base_s:.2f} | "
        f"{rss(u for _, _, u, _ in runs)} | semantic step {unbuilt['first']['steps'].get('dedup_semantic', 0):.1f} s |",
        "", "Each run, medpipe in process / datasketch (s): " + "; ".join(f"{m['first']['seconds']:.1f} / {b['seconds']:.1f} "
                                                                          f"({m['first']['seconds'] / b['seconds']:.2f}x)"
                                                             for b, m, _, _ in runs)
        + ". CLI / datasketch: " + "; ".join(f"{c['seconds']:.1f} / {b['seconds']:.1f} ({c['seconds'] / b['seconds']:.2f}x)" for b, _, _, c in runs)
        + ".",
        "", "### Per step (in process, model distilled, first build of the first run)", "",
        f"Inside dedup_semantic: {built['first']['semantic'].get('seconds_vectors', 0):.1f} s to embed (and cache) the inputs and the "
        f"outputs of the {built['first']['semantic'].get('answer_vectors', 0):,} rows in a candidate pair, "
        f"{built['first']['semantic'].get('seconds_pairs', 0):.1f} s to find the "
        f"{built['first']['semantic'].get('candidate_pairs', 0):,} input pairs "
        f"above the threshold ({built['first']['semantic'].get('pairs', 0):,} duplicate pairs once their answers are compared).", "",
        "| step | seconds |", "|---|---|",
        *[f"| {step} | {seconds:.2f} |" for step, seconds in sorted(built["first"]["steps"].items(), key=lambda kv: -kv[1])],
        "", "### Per step, no-op rebuild", "", "| step | seconds |", "|---|---|",
        *[f"| {step} | {seconds:.2f} |" for step, seconds in sorted(built["noop"]["steps"].items(), key=lambda kv: -kv[1])[:10]],
    ]
    if real:
        lines += ["", "## The real files (`../shared/realdata`), every step on, caches cold", "",
                  f"{real['first']['read']:,} records read, {real['first']['final']:,} rows in final: {real['first']['seconds']:.1f} s in process, "
                  f"no-op rebuild {real['noop']['seconds']:.1f} s ({real['noop']['embedded']} texts embedded), peak RSS "
                  f"{real['peak_rss_mb']:,.0f} MB."]
    gate_s = built["first"]["steps"].get("final_expectations", 0.0)
    lines += ["", f"The gate step (`final_expectations`, {gate_s:.2f} s): the polars frames of the suite, then the suite in the gate's own "
              f"process (`gate.SuiteProcess`), started with the run, whose import of Great Expectations ({gx_import():.2f} s alone in a new "
              "process after dagster and polars) overlaps the first steps."]
    lines += ["", "Targets (issue 14): the whole build no longer than datasketch's MinHash alone, peak RSS under 2 GB, no-op rebuild under 5 s "
                  "with 0 rows embedded."]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())
    (CACHE / "datasketch_rows.parquet").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
