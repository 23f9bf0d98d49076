"""The assistant on the clinical question set written apart (benchmarks/data/clinical_questions.jsonl), every configuration
that exists here: no model (the emergency screen and the passages alone), base model and adapter each with and without
retrieval, and the model on OLLAMA_HOST. Writes benchmarks/results/assistant_eval.md with the date, the commit and the load.

Usage: .venv/bin/python benchmarks/bench_assistant.py [--max-new-tokens 48] [--max-questions N] [--every N]
(the warehouse and the adapter are the ones the settings name: MEDPIPE_DUCKDB, beside it sft_adapter/)
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
from pathlib import Path

from medpipe.settings import load_settings
from medpipe.app import evaluation as assistant_eval
from medpipe.train.config import SftSettings

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--max-questions", type=int, default=None)
    parser.add_argument("--every", type=int, default=1, help="every Nth question of the set (a spread sample when time is short)")
    args = parser.parse_args()
    settings = load_settings()
    questions = assistant_eval.read_questions()[:: args.every][: args.max_questions]
    load_before = os.getloadavg()
    results = assistant_eval.run(settings.duckdb_path, SftSettings(), questions, args.max_new_tokens, settings.ollama_hosts, settings.llm_model,
                                 settings.emergency_number, progress=lambda line: print(line, flush=True))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    lines = ["# The assistant on the clinical question set", "",
             f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`, {len(questions)} questions "
             f"(every {args.every}th of the set: {', '.join(q.id for q in questions)}) "
             f"({sum(q.emergency for q in questions)} emergencies), answers cut at {args.max_new_tokens} new tokens, greedy; load average "
             f"{' / '.join(f'{x:.1f}' for x in load_before)} before, {' / '.join(f'{x:.1f}' for x in os.getloadavg())} after (shared machine).",
             "What is scored is what the user reads: the emergency notice and first-aid passage when the screen fires, then the checked answer "
             "(an ungrounded answer is replaced by the abstention). `model_element_recall` scores the model's own answer alone.", "",
             assistant_eval.table(results), "", "## Failures per configuration", ""]
    for name, figures in results.items():
        lines += [f"**{name}**: " + ("; ".join(figures["failures"]) or "none"), ""]
    (HERE / "results" / "assistant_eval.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
