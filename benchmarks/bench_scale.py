"""How each step's time and memory grow with the data: `build_final` on the shared benchmark recipe at several sizes, and a projection.

Usage: .venv/bin/python benchmarks/bench_scale.py [--scales 1,3,10] [--timeout 3600] --title "what this run measures"
       .venv/bin/python benchmarks/bench_scale.py --report <saved run>,<saved run>   (the report alone, from runs saved in .cache)

Scale k is ../shared/bench/build_corpus100k.py with every count multiplied by k (k=10: 1,000,000 rows, 200k near and 50k exact
duplicates; the 4,726 real rows stay as they are), written into five sources' raw formats as bench_final.py writes the 100k corpus.
Each size is built once, in process, in a fresh process on a new DuckDB file (data caches cold, the static model distilled), with:
  - each step's seconds, from Dagster's step events;
  - each step's peak resident memory: the process's RSS sampled every 100 ms and given to the step running at that moment (the
    in-process executor runs one step at a time); it includes what the process held before the step (imports, caches).
A step's peak includes what earlier steps left in the process; its own rise is its peak less the process's size when it started.
The projection fits, per step, seconds = a * rows^b and (peak MB - the process's MB before the first step) = c * rows^d through the
smallest and the largest size, and extends both to 10M and 100M rows. Writes results/scale.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_final import CACHE, MODELS, PROJECT, build_env, load, write_scaled_raw_dir  # noqa: E402

RESULTS = HERE / "results" / "scale.md"
READING = "\n## What the figures say\n"  # the hand-written reading at the end of the results, kept when they are rewritten
RECIPE = PROJECT.parent / "shared" / "bench" / "build_corpus100k.py"
COUNTS = ("N_TOTAL = 100_000", "N_NEAR = 20_000", "N_EXACT = 5_000")

BUILD = """
import json, os, resource, threading, time
import dagster as dg
samples = []
def sample():
    while True:
        with open("/proc/self/status", "rb") as status:
            text = status.read()
        samples.append((time.time(), int(text.split(b"VmRSS:")[1].split()[0]) / 1024))
        time.sleep(0.1)
threading.Thread(target=sample, daemon=True).start()
from medpipe.definitions import defs
instance = dg.DagsterInstance.ephemeral()
time.sleep(0.3)
before_mb = max(mb for _, mb in samples)
t = time.perf_counter()
result = defs.resolve_job_def("build_final").execute_in_process(instance=instance, raise_on_error=False)
seconds = time.perf_counter() - t
starts, ends = {}, {}
for entry in instance.all_logs(result.run_id):
    event = entry.dagster_event
    if event is None or not event.step_key:
        continue
    if event.event_type == dg.DagsterEventType.STEP_START:
        starts[event.step_key] = entry.timestamp
    elif event.event_type in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
        ends[event.step_key] = entry.timestamp
steps = {}
for key, start in starts.items():
    end = ends.get(key, time.time())
    window = [mb for at, mb in samples if start <= at <= end] or [None]
    steps[key] = {"seconds": end - start, "start_mb": window[0], "peak_mb": max(window, key=lambda mb: mb or 0)}
final = [e for e in result.get_asset_materialization_events() if e.asset_key.to_user_string() == "final"]
print("BUILD " + json.dumps({"ok": result.success, "seconds": seconds, "before_mb": before_mb, "steps": steps,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "final_rows": final[0].materialization.metadata["dagster/row_count"].value if final else None}))
"""


def corpus(scale: int):
    """The shared recipe with every count multiplied by `scale` (the real rows unchanged), cached."""
    import polars as pl

    path = CACHE / f"corpus_{scale}x.parquet"
    if not path.exists():
        source = RECIPE.read_text(encoding="utf-8")
        for line in COUNTS:
            assert line in source, f"{RECIPE} changed: no '{line}'"
            name, value = line.split(" = ")
            source = source.replace(line, f"{name} = {int(value.replace('_', '')) * scale}")
        CACHE.mkdir(parents=True, exist_ok=True)
        # run as if it were the recipe's own file (it finds ../realdata from there), with no copy of it written anywhere
        runner = "import sys; recipe, sys.argv = sys.argv[1], sys.argv[1:]; exec(compile(sys.stdin.read(), recipe, 'exec'), " \
                 "{'__name__': '__main__', '__file__': recipe})"
        subprocess.run([sys.executable, "-c", runner, str(RECIPE), str(path)], input=source, text=True, check=True)
    return pl.read_parquet(path)


def build(scale: int, timeout: float) -> dict:
    rows = corpus(scale)
    raw = CACHE / f"raw_{scale}x"
    if not raw.exists():
        write_scaled_raw_dir(rows, raw)
    subprocess.run([sys.executable, "-m", "medpipe.corpus.static_embedder", str(MODELS)], cwd=PROJECT, check=True, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="medpipe-scale-") as work:
        started = time.perf_counter()
        try:
            out = subprocess.run([sys.executable, "-c", BUILD], env=build_env(raw, Path(work), MODELS), cwd=PROJECT, capture_output=True,
                                 text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"rows": rows.height, "ok": False, "seconds": time.perf_counter() - started, "error": f"over {timeout:.0f} s"}
        (CACHE / f"scale_{scale}x.log").write_text(out.stdout + out.stderr, encoding="utf-8")
        found = [line for line in out.stdout.splitlines() if line.startswith("BUILD ")]
        if out.returncode or not found:
            return {"rows": rows.height, "ok": False, "seconds": time.perf_counter() - started,
                    "error": f"exit {out.returncode}: {out.stderr[-1500:]}"}
        return {"rows": rows.height} | json.loads(found[-1].removeprefix("BUILD "))


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float | None:
    (n0, y0), (n1, y1) = small, large
    return math.log(y1 / y0) / math.log(n1 / n0) if y0 > 0 and y1 > 0 else None


def project(small: tuple[int, float], large: tuple[int, float], rows: int) -> float | None:
    b = exponent(small, large)
    return None if b is None else large[1] * (rows / large[0]) ** b


def report(builds: list[dict], loads: tuple[str, str], title: str) -> str:
    done = [b for b in builds if b.get("ok")]
    lines = [
        f"## {title}", "",
        f"{os.cpu_count()} cores, {_ram_gb():.0f} GB RAM; load average (1/5/15 min) {loads[0]} before, {loads[1]} after. One build per size, in "
        "process, fresh process and DuckDB file, static model distilled.", "",
        "| rows | seconds | x of the smallest | peak RSS MB (process) | MB before the first step | rows in final | |",
        "|---|---|---|---|---|---|---|"]
    for b in builds:
        if b.get("ok"):
            ratio = b["seconds"] / done[0]["seconds"]
            lines.append(f"| {b['rows']:,} | {b['seconds']:.1f} | {ratio:.2f} | {b['peak_rss_mb']:,.0f} | {b['before_mb']:,.0f} | "
                         f"{b['final_rows']:,} | |")
        else:
            lines.append(f"| {b['rows']:,} | {b['seconds']:.1f} | | | | | did not finish: {b.get('error', '')[:300]} |")
    if len(done) < 2:
        return "\n".join(lines) + "\n"
    small, large = done[0], done[-1]
    n0, n1 = small["rows"], large["rows"]
    lines += ["", f"### Per step: growth from {n0:,} to {n1:,} rows, and the projection",
              "", "Exponent b: seconds (or MB above the process's start) grow as rows^b between the two sizes; projections extend that.",
              "", f"| step | s at {n0:,} | s at {n1:,} | b (time) | projected s at 10M | at 100M | peak MB at {n0:,} | at {n1:,} | "
                  f"its own rise MB at {n1:,} | b (memory above start) | projected peak GB at 10M | at 100M |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    base = large["before_mb"]
    totals = {10_000_000: 0.0, 100_000_000: 0.0}
    peaks = {10_000_000: [], 100_000_000: []}
    for key in sorted(large["steps"], key=lambda k: -large["steps"][k]["seconds"]):
        s0, s1 = small["steps"].get(key), large["steps"][key]
        if s0 is None:
            continue
        if s0["seconds"] < 1 or not s0["peak_mb"] or not s1["peak_mb"]:  # a step shorter than a second: a sample or two, no growth to fit
            lines.append(f"| {key} | {s0['seconds']:.1f} | {s1['seconds']:.1f} | | | | | | | | | under a second |")
            continue
        t_small, t_large = (n0, max(s0["seconds"], 0.01)), (n1, max(s1["seconds"], 0.01))
        m_small = (n0, max((s0["peak_mb"] or 0) - small["before_mb"], 1.0))
        m_large = (n1, max((s1["peak_mb"] or 0) - base, 1.0))
        cells = []
        for target in (10_000_000, 100_000_000):
            seconds = project(t_small, t_large, target) or 0.0
            totals[target] += seconds
            gb = ((project(m_small, m_large, target) or 0.0) + base) / 1024
            peaks[target].append((gb, key))
            cells.append((seconds, gb))
        bt, bm = exponent(t_small, t_large), exponent(m_small, m_large)
        lines.append(f"| {key} | {s0['seconds']:.1f} | {s1['seconds']:.1f} | {bt:.2f} | {cells[0][0]:,.0f} | {cells[1][0]:,.0f} | "
                     f"{s0['peak_mb'] or 0:,.0f} | {s1['peak_mb'] or 0:,.0f} | {(s1['peak_mb'] or 0) - (s1['start_mb'] or 0):,.0f} | "
                     f"{bm:.2f} | {cells[0][1]:,.1f} | {cells[1][1]:,.1f} |")
    for target in (10_000_000, 100_000_000):
        gb, key = max(peaks[target])
        lines.append(f"\nAt {target:,} rows: about {totals[target] / 3600:,.1f} hours of steps on this machine; the largest step peak "
                     f"{gb:,.1f} GB ({key}).")
    return "\n".join(lines) + "\n"


def _ram_gb() -> float:
    with open("/proc/meminfo") as meminfo:
        return int(meminfo.readline().split()[1]) / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,3,10", help="multiples of the 100k recipe, smallest first")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a build is stopped and reported unfinished")
    parser.add_argument("--title", default="", help="what this run measures (its section's title); kept with its builds")
    parser.add_argument("--report", default="", help="no build: write the report from these saved runs (comma-separated titles' files)")
    args = parser.parse_args()
    if not args.report:
        before, builds = load(), []
        saved = CACHE / f"scale_{_slug(args.title)}.json"
        for scale in (int(s) for s in args.scales.split(",")):
            builds.append(build(scale, args.timeout))
            print(json.dumps({k: v for k, v in builds[-1].items() if k != "steps"}), flush=True)
            saved.write_text(json.dumps({"title": args.title, "builds": builds, "loads": [before, load()]}), encoding="utf-8")
        runs = [saved]
    else:
        runs = [Path(name) for name in args.report.split(",")]
    sections = []
    for run in runs:
        record = json.loads(run.read_text(encoding="utf-8"))
        sections.append(report(record["builds"], tuple(record["loads"]), record["title"]))
    reading = RESULTS.read_text(encoding="utf-8").partition(READING)[2] if RESULTS.exists() else ""  # written by hand: kept
    RESULTS.write_text("# How time and memory grow: `build_final` at several sizes of the benchmark recipe, projected to 10M and 100M rows\n\n"
                       "Command: `.venv/bin/python benchmarks/bench_scale.py --scales 1,3,10 --title '...'` (each run saves its builds; "
                       "`--report <saved runs>` writes this file from them).\n\n" + "\n".join(sections) + (READING + reading if reading else ""),
                       encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.lower())[:60] or "run"


if __name__ == "__main__":
    main()
