"""The single-row quality decisions (clean_text's quarantines) on the whole of the real files: counts per reason and a sample of
rows per reason, to read. A good row in a sample means the rule is wrong.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/quality_real.py [--realdata ../shared/realdata] [--reason not_an_answer ...]
       [--sample 30] [--seed 0]
"""

from __future__ import annotations

import argparse
import logging
import random
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl

from medpipe.curation.boilerplate import frequent_boilerplate
from medpipe.curation.quality import CleanTextConfig, clean_row
from medpipe.settings import PROJECT_ROOT
from medpipe.sources.catalog import INCLUDED
from medpipe.sources.config import SourceSettings
from medpipe.sources.load import SourceSkipped, normalise_records, raw_records


def real_rows(realdata: Path) -> dict[str, pl.DataFrame]:
    """Each catalog source's kept rows as its normaliser gives them from the files in `realdata`."""
    settings = SourceSettings(raw_dir=str(realdata), offline=True)
    found = {}
    for spec in INCLUDED:
        try:
            _, records, _ = raw_records(spec, settings, None)
        except SourceSkipped:
            continue
        kept = normalise_records(spec, records).kept
        if kept.height:
            found[spec.name] = kept
    return found


def frequent_of(rows: dict[str, pl.DataFrame], config: CleanTextConfig) -> dict[str, set[str]]:
    """As clean_text_step: frequency-found boilerplate in consultations only."""
    from medpipe.sources.catalog import source_kind

    return {source: frequent_boilerplate(kept["input"].to_list(), kept["output"].to_list(), config.min_boilerplate_answers,
                                         config.min_boilerplate_share, config.max_topical_share)
            if source_kind(source) == "consultation" else set() for source, kept in rows.items()}


def decisions(rows: dict[str, pl.DataFrame], config: CleanTextConfig) -> list[tuple[dict, str | None, str | None, dict]]:
    """(raw row, reason, detail, cleaned row) for every real row."""
    frequent = frequent_of(rows, config)
    out = []
    for source, kept in rows.items():
        for row in kept.with_columns(pl.lit([], dtype=pl.List(pl.String)).alias("flags")).iter_rows(named=True):
            cleaned, reason, detail = clean_row(row, frequent[source], config.min_answer_chars)
            out.append((row, reason, detail, cleaned))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=str(PROJECT_ROOT.parent / "shared" / "realdata"))
    parser.add_argument("--reason", action="append", default=[], help="reasons to sample (default: every reason found)")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--width", type=int, default=300)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    decided = decisions(real_rows(Path(args.realdata)), CleanTextConfig())
    by_reason: dict[str, list] = defaultdict(list)
    for item in decided:
        if item[1]:
            by_reason[item[1]].append(item)
    print(f"real rows {len(decided)}; quarantined by clean_text: " + ", ".join(f"{r} {len(v)}" for r, v in sorted(by_reason.items())))
    for reason, items in sorted(by_reason.items()):
        print(f"  {reason}: " + ", ".join(f"{s} {n}" for s, n in sorted(Counter(i[0]['source'] for i in items).items())))
    rng = random.Random(args.seed)
    for reason in args.reason or sorted(by_reason):
        items = by_reason.get(reason, [])
        chosen = sorted(rng.sample(items, min(args.sample, len(items))), key=lambda i: (i[0]["source"], i[0]["source_id"]))
        print(f"\n## {reason}: {len(items)} rows, {len(chosen)} shown")
        for row, _, detail, cleaned in chosen:
            print(f"- {row['source']}:{row['source_id']} [{detail}]\n    Q: {row['input'][:args.width]!r}\n    A: {row['output'][:args.width]!r}")


if __name__ == "__main__":
    main()
