"""The 100k in-process build (`bench_final.in_process`: raw -> final, caches cold, the static model distilled) at several
commits in the same run, alternating between them, with the per-step seconds of each: what a change of code costs, free of
the day's machine speed.

Usage: .venv/bin/python benchmarks/bench_commits.py COMMIT [COMMIT ...] [--runs 2] [--out benchmarks/results/NAME.md]

Each commit is checked out in a temporary git worktree and built with its own `benchmarks/bench_final.py`; the scale-up's raw
files and the distilled model come from this checkout's benchmark cache (`bench_final.py` makes them).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_final  # noqa: E402


# The curation assets' names before issue 25 gave each step one name
RENAMED = {"scrubbed": "scrub_phi", "filtered": "filter_length", "deduplicated": "dedup_exact", "near_deduplicated": "dedup_near",
           "semantic_deduplicated": "dedup_semantic", "decontaminated": "decontaminate", "flagged": "flag_mcq"}


def bench_module(worktree: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_final_{worktree.name}", worktree / "benchmarks" / "bench_final.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("commits", nargs="+")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    scaled = bench_final.CACHE / "raw100k"
    if not scaled.exists():
        bench_final.write_scaled_raw_dir(bench_final.corpus(), scaled)
    if not bench_final.MODELS.exists():
        bench_final.distill_alone()
    load_before = bench_final.load()
    with tempfile.TemporaryDirectory(prefix="medpipe-commits-") as root:
        modules = {}
        for commit in args.commits:
            worktree = Path(root) / commit
            subprocess.run(["git", "worktree", "add", "--detach", str(worktree), commit], cwd=bench_final.PROJECT, check=True,
                           capture_output=True)
            modules[commit] = bench_module(worktree)
        try:
            builds: dict[str, list[dict]] = {commit: [] for commit in args.commits}
            for run in range(args.runs):
                for commit in args.commits:
                    result = modules[commit].in_process(scaled, bench_final.MODELS)
                    built = result["first"] | {"peak_rss_mb": result["peak_rss_mb"]}
                    built["steps"] = {RENAMED.get(step, step): seconds for step, seconds in built["steps"].items()}
                    builds[commit].append(built)
                    print(json.dumps({"commit": commit, "run": run + 1, "build": built}), file=sys.stderr, flush=True)
                    print(f"run {run + 1} {commit}: {built['seconds']:.1f} s, {built['final']:,} rows in final", flush=True)
        finally:
            for commit in args.commits:
                subprocess.run(["git", "worktree", "remove", "--force", str(Path(root) / commit)], cwd=bench_final.PROJECT,
                               capture_output=True)
    text = render(args.commits, builds, args.runs, load_before, bench_final.load())
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


def render(commits: list[str], builds: dict[str, list[dict]], runs: int, load_before: str, load_after: str) -> str:
    first = commits[0]
    steps = sorted({step for built in builds.values() for b in built for step in b["steps"]},
                   key=lambda s: -statistics.median(b["steps"].get(s, 0.0) for b in builds[commits[-1]]))
    lines = [f"# The 100k in-process build at {len(commits)} commits, same run", "",
             f"Command: `.venv/bin/python benchmarks/bench_commits.py {' '.join(commits)} --runs {runs}`. 2 cores; load average "
             f"(1/5/15 min) {load_before} before, {load_after} after; builds alternate between the commits; medians of {runs}.", "",
             "| commit | seconds (each run) | / first commit | rows in final | peak RSS MB |", "|---|---|---|---|---|"]
    base = statistics.median(b["seconds"] for b in builds[first])
    for commit, built in builds.items():
        median = statistics.median(b["seconds"] for b in built)
        each = ", ".join(f"{b['seconds']:.1f}" for b in built)
        lines.append(f"| `{commit}` | {median:.1f} ({each}) | {median / base:.2f} | "
                     f"{built[0]['final']:,} | {max(b['peak_rss_mb'] for b in built):,.0f} |")
    lines += ["", "Per step, medians (s); a step a commit does not have is blank:", "",
              "| step | " + " | ".join(f"`{c}`" for c in commits) + " |", "|---|" + "---|" * len(commits)]
    for step in steps:
        cells = [f"{statistics.median(b['steps'][step] for b in builds[c]):.2f}" if all(step in b["steps"] for b in builds[c]) else ""
                 for c in commits]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
