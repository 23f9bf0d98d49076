"""`medpipe review sample` and `medpipe review import`: what the CLI runs (imported by the CLI at start, so the rest lazily)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medpipe.review import ALL, DEFAULT_N, DEFAULT_SEED
from medpipe.settings import Settings, load_settings



def add_parser(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser("review", help="clinician review: sample rows of final to label, import the labels")
    commands = review.add_subparsers(dest="review_command", required=True)
    sample = commands.add_parser("sample", help="write a seeded, stratified sample of final's unlabelled rows to CSV or XLSX")
    sample.add_argument("--source", required=True, help=f"a source of final, or `{ALL}` (N rows of every source)")
    sample.add_argument("--n", type=int, default=DEFAULT_N, help=f"rows per source (default {DEFAULT_N})")
    sample.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the sample's seed (default {DEFAULT_SEED})")
    sample.add_argument("--out", required=True, type=Path, help="the file to write: .csv or .xlsx")
    imported = commands.add_parser("import", help="store the labels of a labelled sample file in the warehouse")
    imported.add_argument("file", type=Path)
    imported.add_argument("--reviewer", help="who labelled the rows (when the file has no reviewer column)")


def run(args: argparse.Namespace, settings: Settings | None = None) -> int:
    from medpipe.review.labels import LabelFileError
    from medpipe.review.sample import SampleError

    settings = settings or load_settings()
    try:
        if args.review_command == "sample":
            return sample(settings, args.source, args.n, args.seed, args.out)
        return import_file(settings, args.file, args.reviewer)
    except (LabelFileError, SampleError) as exc:
        print(f"medpipe: {exc}", file=sys.stderr)
        return 2


def sample(settings: Settings, source: str, n: int, seed: int, out: Path) -> int:
    from medpipe.review.sample import SampleError, draw_sample, write_sample
    from medpipe.warehouse.store import connect_file

    if not settings.duckdb_path.exists():
        raise SampleError(f"no warehouse at {settings.duckdb_path}: run `medpipe build` first")
    con = connect_file(str(settings.duckdb_path), read_only=True)  # closed at once: a reader blocks a build's writes while open
    try:
        rows = draw_sample(con, source, n, seed)
    finally:
        con.close()
    write_sample(rows, out)
    counts = rows.group_by("source").len().sort("source").iter_rows()
    print(f"medpipe: wrote {rows.height} row(s) to {out} ({', '.join(f'{s} {k}' for s, k in counts) or 'none: every row is labelled'}); "
          f"fill `label` with correct, wrong, unsafe or not_an_answer, then `medpipe review import {out}`")
    return 0


def import_file(settings: Settings, path: Path, reviewer: str | None) -> int:
    """Labels are written like a build writes: holding the DuckDB file's writer lock, so an import never interleaves with a build."""
    from medpipe.review.labels import ensure_tables, import_labels
    from medpipe.warehouse.lock import writer_lock
    from medpipe.warehouse.store import connect_file

    with writer_lock(settings.duckdb_path, "medpipe review import", settings.lock_timeout, say=lambda line: print(f"medpipe: {line}", flush=True)):
        con = connect_file(str(settings.duckdb_path))
        try:
            ensure_tables(con)
            report = import_labels(con, path, reviewer)
        finally:
            con.close()
    print(f"medpipe: {report.describe(path)}; the next build applies them (`medpipe build --no-synthetic`)")
    return 0
