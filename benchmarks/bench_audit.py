"""The labelled seed set (medpipe_tests/data/audit_seed.jsonl): each source's audited error rate with its Wilson 95% interval and
the release gate's verdict at the default bound, then the judge (the bundled SmolLM2-135M unless --host/--model name another)
on every seed row and its agreement with the labels. Prints markdown for benchmarks/results/audit.md.

    python benchmarks/bench_audit.py [--host URL --model NAME] [--per-source N] [--max-rows M]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

from medpipe.review import ERROR_LABELS, LABELS
from medpipe.review.audit import agreement, audits_of
from medpipe.review.judge import RUBRIC_VERSION, judge_rows
from medpipe.settings import DEFAULT_LLM_MODEL
from medpipe.synthetic.llm import OllamaLLM
from medpipe.synthetic.local_server import local_server
from medpipe.warehouse.text import content_id

SEED = Path(__file__).resolve().parents[1] / "medpipe_tests" / "data" / "audit_seed.jsonl"


def seed() -> pl.DataFrame:
    rows = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = pl.DataFrame(rows).with_columns(pl.col("context").fill_null(""))
    return frame.with_columns(pl.Series("id", [content_id(i, c, o) for i, c, o in frame.select("input", "context", "output").iter_rows()]))


def error_rates(rows: pl.DataFrame) -> str:
    lines = ["| source | audited | correct | wrong | unsafe | not_an_answer | error rate | 95% Wilson interval | gate at 0.10 |",
             "|---|---|---|---|---|---|---|---|---|"]
    counts = {s: collections.Counter(labels) for s, labels in rows.group_by("source").agg("label").iter_rows()}
    audits = audits_of(rows.select("source", "label"), bounds={})
    for audit in [*audits, *audits_of(rows.select(pl.lit("all sources").alias("source"), "label"), bounds={})]:
        low, high = audit.interval
        c = counts.get(audit.source, collections.Counter(rows["label"].to_list()))
        lines.append(f"| {audit.source} | {audit.audited} | {c['correct']} | {c['wrong']} | {c['unsafe']} | {c['not_an_answer']} | "
                     f"{audit.rate:.1%} | "
                     f"{low:.3f}-{high:.3f} | {'BLOCKS' if audit.blocks else 'passes'} |")
    return "\n".join(lines)


def balanced(rows: pl.DataFrame, per_source: int) -> pl.DataFrame:
    """Per source, the first per_source // 2 rows labelled an error, then correct rows up to per_source (in the seed's order)."""
    error = pl.col("label").is_in(ERROR_LABELS)
    parts = []
    for source in sorted(set(rows["source"])):
        mine = rows.filter(pl.col("source") == source)
        errors = mine.filter(error).head(per_source // 2)
        parts += [errors, mine.filter(~error).head(per_source - errors.height)]
    return pl.concat(parts)


def judge(rows: pl.DataFrame, host: str, model: str, cache: Path) -> str:
    with duckdb.connect(str(cache)) as con:  # the call cache: a rerun asks only what it has not asked
        llm = OllamaLLM(hosts=host, model=model, timeout=600, retries=1)
        started = time.perf_counter()
        run = judge_rows(con, llm, rows)
        seconds = time.perf_counter() - started
    load = os.getloadavg()
    labelled = dict(zip(rows["id"], rows["label"]))
    ids = [i for i in rows["id"] if i in run.verdicts]
    found = agreement([run.verdicts[i].verdict for i in ids], [labelled[i] for i in ids])
    confusion = collections.Counter((labelled[i], run.verdicts[i].verdict) for i in ids)
    table = ["| label \\ judge | " + " | ".join(LABELS) + " |", "|---" * (len(LABELS) + 1) + "|"]
    table += [f"| {h} | " + " | ".join(str(confusion[(h, j)]) for j in LABELS) + " |" for h in LABELS]
    by_source = []
    for source in sorted(set(rows["source"])):
        mine = [i for i in ids if i in set(rows.filter(pl.col("source") == source)["id"])]
        a = agreement([run.verdicts[i].verdict for i in mine], [labelled[i] for i in mine])
        by_source.append(f"| {source} | {a.rows} | {a.kappa if a.kappa is None else round(a.kappa, 2)} | "
                         f"{a.precision if a.precision is None else round(a.precision, 2)} | "
                         f"{a.recall if a.recall is None else round(a.recall, 2)} |")
    return (f"Judge `{run.model}`, rubric `{RUBRIC_VERSION}`, {len(rows)} seed rows: {len(run.verdicts)} verdicts, {len(run.malformed)} "
            "replies not a verdict; "
            f"{run.stats.called} calls in {seconds:.0f} s ({run.stats.generated_tokens} tokens generated), load average {load[0]:.2f} {load[1]:.2f} "
            f"{load[2]:.2f}.\n\n"
            f"**{found.describe()}.**\n\nConfusion (rows = the careful reader's label, columns = the judge's verdict):\n\n" + "\n".join(table)
            + "\n\nPer source (wrong+unsafe):\n\n| source | rows | kappa | precision | recall |\n|---|---|---|---|---|\n" + "\n".join(by_source))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", help="an Ollama host (default: the bundled server, started for the run)")
    parser.add_argument("--model", default=DEFAULT_LLM_MODEL)
    parser.add_argument("--per-source", type=int, default=0,
                        help="judge only N rows of each source, half of them labelled errors where there are (0: every seed row)")
    parser.add_argument("--max-rows", type=int, default=0, help="then judge only the first N of those (0: all)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bench_audit_llm_cache.duckdb")
    args = parser.parse_args()
    rows = seed()
    print(f"## Seed set: {rows.height} rows, {rows['source'].n_unique()} sources\n\n{error_rates(rows)}\n")
    judged = balanced(rows, args.per_source) if args.per_source else rows
    judged = judged.head(args.max_rows) if args.max_rows else judged
    if args.host:
        print(judge(judged, args.host, args.model, args.cache))
        return
    with local_server(log=Path(tempfile.gettempdir()) / "bench_audit_server.log") as host:
        print(judge(judged, host, args.model, args.cache))


if __name__ == "__main__":
    main()
