"""The emergency screen measured on a labelled set written apart from its rules and examples (default: the first one,
medpipe_tests/data/emergency_messages.jsonl): recall on emergencies, false-alarm rate on the rest, every failure listed.
`--cross-validate` instead scores the classifier's bars by 5-fold cross-validation on the screen's own labelled examples
(medpipe/app/data/emergency_examples.jsonl), which is how THRESHOLD and INFORMATIONAL_THRESHOLD were chosen.

Usage: .venv/bin/python benchmarks/bench_emergency.py [--set PATH] [--title "..."] [--cross-validate]   (appends a section to
benchmarks/results/emergency.md, so the first measurement stays beside any later one)
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import time
from pathlib import Path

from medpipe.app import emergency
from medpipe.app.emergency import default_screen

HERE = Path(__file__).resolve().parent
SET = HERE.parent / "medpipe_tests" / "data" / "emergency_messages.jsonl"
RESULTS = HERE / "results" / "emergency.md"


def commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()


def cross_validate(title: str, folds: int = 5) -> list[str]:
    """Recall and false alarms of the rules + classifier for a grid of bars, each message scored by a classifier that never saw it."""
    import numpy as np

    rows = emergency.read_examples()
    screen = default_screen("")
    assert screen.encode is not None, "the sentence encoder did not load"
    examples = emergency.embed_examples(screen.encode, rows)
    order = np.random.default_rng(0).permutation(len(rows))
    table = ["| C | threshold | recall | false alarms |", "|---|---|---|---|"]
    for strength in (2.0, 4.0, 10.0, 30.0):
        probabilities = np.zeros(len(rows))
        for fold in range(folds):
            held = order[fold::folds]
            train = np.setdiff1d(order, held)
            part = emergency.Examples([examples.texts[i] for i in train], examples.emergency[train],
                                      [examples.categories[i] for i in train], examples.vectors[train])
            probabilities[held] = emergency.Classifier(part, strength).probabilities([examples.texts[i] for i in held], examples.vectors[held])
        for threshold in (0.1, 0.2, 0.3, 0.4, 0.5):
            verdicts = [emergency.decide(r["text"], float(p), threshold)[0] for r, p in zip(rows, probabilities)]
            positives = [v for v, r in zip(verdicts, rows) if r["emergency"]]
            negatives = [v for v, r in zip(verdicts, rows) if not r["emergency"]]
            table.append(f"| {strength:g} | {threshold} | {sum(positives) / len(positives):.3f} ({sum(positives)}/{len(positives)}) | "
                         f"{sum(negatives) / len(negatives):.3f} ({sum(negatives)}/{len(negatives)}) |")
    return [f"# {title}", "", f"Date {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit()}`, "
            f"{folds}-fold cross-validation on `medpipe/app/data/emergency_examples.jsonl` ({len(rows)} examples: "
            f"{int(examples.emergency.sum())} emergencies); load average {os.getloadavg()[0]:.1f}. Shipped: C {emergency.CLASSIFIER_C:g}, threshold "
            f"{emergency.THRESHOLD}.", "", *table, ""]


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("--title", default="Emergency screen on the labelled set written apart")
    parser.add_argument("--cross-validate", action="store_true")
    args = parser.parse_args()
    if args.cross_validate:
        lines = cross_validate(args.title)
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + "\n".join(lines))
        print("\n".join(lines))
        return
    rows = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
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
    lines = [
        f"# {args.title}",
        "",
        f"Date {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit()}`, set `{args.set.name}` "
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
