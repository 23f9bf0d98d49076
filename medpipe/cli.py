"""`medpipe build`: materialise `final` and everything upstream on the Dagster instance of this repo."""

from __future__ import annotations

import argparse
import os
import sys

from medpipe.settings import PROJECT_ROOT


def use_project_instance() -> None:
    """Dagster reads dagster.yaml from DAGSTER_HOME; default it to the repo root so runs show in the UI."""
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT))
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def build(job_name: str) -> int:
    use_project_instance()
    import dagster as dg
    import duckdb

    from medpipe.definitions import defs, settings
    from medpipe.lib.warehouse import counts_by_source

    print(f"medpipe: DuckDB {settings.duckdb_path}; offline={settings.offline}; raw_dir={settings.raw_dir or '-'}")
    with dg.DagsterInstance.get() as instance:
        result = defs.get_job_def(job_name).execute_in_process(instance=instance, raise_on_error=False)
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'final'").fetchone()[0]:
            print("final rows by source:", counts_by_source(con, "final"))
            quarantined = con.execute("SELECT step, reason, count(*) FROM quarantine GROUP BY ALL ORDER BY ALL").fetchall()
            print("quarantined:", {f"{step}:{reason}": n for step, reason, n in quarantined})
    if not result.success:
        failed = [event.step_key for event in result.all_events if event.is_step_failure]
        print(f"medpipe: run {result.run_id} FAILED at {', '.join(failed)}; see `dagster dev` or the log above.", file=sys.stderr)
        return 1
    print(f"medpipe: run {result.run_id} succeeded.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medpipe", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build", help="materialise final (and everything upstream)")
    build_parser.add_argument("--job", default="build_final", help="job to run (default: build_final)")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.job)
    return 2


if __name__ == "__main__":
    sys.exit(main())
