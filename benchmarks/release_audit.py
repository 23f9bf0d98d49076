"""The figures a data lead checks in a build's `final` (publish/audit.py): rows per source, quarantine by reason, split leakage,
boilerplate rows, near-duplicate question+answer pairs, filled templates with an empty slot, and system-prompt contradictions.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/release_audit.py <duckdb file> [--one-prompt "<system prompt of every row>"]
(--one-prompt: a build from before the prompts per kind, whose exports gave every row the same prompt)."""

from __future__ import annotations

import argparse
import json

import duckdb

from medpipe.publish.audit import boilerplate_rows, contradictions, empty_slot_column, leakage_counts, near_duplicate_pairs
from medpipe.publish.prompts import contradicts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("duckdb")
    parser.add_argument("--one-prompt", default="")
    args = parser.parse_args()
    con = duckdb.connect(args.duckdb, read_only=True)
    final = con.execute("SELECT * FROM final").pl()
    quarantine = dict(con.execute("SELECT step || ': ' || reason, count(*) FROM quarantine GROUP BY ALL ORDER BY 1").fetchall())
    pairs = near_duplicate_pairs(final)
    figures = {
        "rows": final.height, "rows_by_split": dict(final.group_by("split").len().sort("split").iter_rows()),
        "rows_by_source": dict(final.group_by("source").len().sort("source").iter_rows()),
        "quarantine_by_reason": quarantine, **leakage_counts(final), "boilerplate_rows": boilerplate_rows(final),
        "near_duplicate_qa_pairs": pairs, "near_duplicate_share": round(pairs / final.height, 4) if final.height else 0,
        "empty_template_slots": int((empty_slot_column(final) != "").sum()),
        "prompt_contradictions": (sum(contradicts(args.one_prompt, o) for o in final["output"].to_list()) if args.one_prompt
                                  else contradictions(final)),
        "rows_with_a_repeated_flag": int((final["flags"].list.len() != final["flags"].list.unique().list.len()).sum()),
    }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
