"""The emergency screen measured once on the labelled set written apart from its rules and examples
(medpipe_tests/data/emergency_messages.jsonl): recall on emergencies, false-alarm rate on the rest, every failure listed.

Usage: .venv/bin/python benchmarks/bench_emergency.py [--title "..."]   (appends a section to benchmarks/results/emergency.md,
so the first measurement stays beside any later one)
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import time
from pathlib import Path

from medpipe.app.emergency import default_screen

HERE = Path(__file__).resolve().parent
SET = HERE.parent / "medpipe_tests" / "data" / "emergency_messages.jsonl"
RESULTS = HERE / "results" / "emergency.md"


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--title", default="Emergency screen on the labelled set written apart")
    args = parser.parse_args()
    rows = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    screen = default_screen("")
    started = time.perf_counter()
    verdicts = screen.screen_many([r["text"] for r in rows])
    seconds = time.perf_counter() - started
    emergencies = [(r, v) for r, v in zip(rows, verdicts) if r["emergency"]]
    others = [(r, v) for r, v in zip(rows, verdicts) if not r["emergency"]]
    missed = [(r, v) for r, v in emergencies if not v.emergency]
    alarms = [(r, v) for r, v in others if v.emergency]
    recall = 1 - len(missed) / len(emergencies)
    false_alarm = len(alarms) / len(others)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    lines = [
        f"# {args.title}",
        "",
        f"Date {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`, set `{SET.relative_to(HERE.parent)}` "
        f"({len(rows)} messages: {len(emergencies)} emergencies, {len(others)} not). Load average {os.getloadavg()[0]:.1f}; "
        f"{seconds:.2f} s for the whole set ({1000 * seconds / len(rows):.1f} ms a message, embedding included).",
        "",
        "| figure | value | goal |",
        "|---|---|---|",
        f"| emergency recall | {recall:.3f} ({len(emergencies) - len(missed)}/{len(emergencies)}) | >= 0.99 |",
        f"| false alarms | {false_alarm:.3f} ({len(alarms)}/{len(others)}) | <= 0.05 |",
        "",
        "## Missed emergencies",
        "",
        *[f"- [{r.get('category', '')}] {r['text']!r} ({v.reason}; nearest emergency example {v.similarity:.2f})" for r, v in missed],
        "",
        "## False alarms",
        "",
        *[f"- [{r.get('category', '')}] {r['text']!r} -> {v.category} ({v.reason})" for r, v in alarms],
        "",
    ]
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write("\n" + "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
