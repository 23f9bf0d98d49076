"""`medpipe build` materialises the pipeline on this repo's Dagster instance; `medpipe retrieve` queries the corpus."""

from __future__ import annotations

import argparse
import datetime
import os
import sys

from medpipe.settings import PROJECT_ROOT


def use_project_instance() -> None:
    """Dagster reads dagster.yaml from DAGSTER_HOME; default it to the repo root so runs show in the UI."""
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT))
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def build(job_name: str, synthetic: bool) -> int:
    """build_all: the corpus, today's synthetic partition (with an LLM: OLLAMA_HOST, else the bundled server), then the rest."""
    use_project_instance()
    from medpipe.lib.local_llm import ensure_llm
    from medpipe.settings import load_settings

    if job_name != "build_all" or not synthetic:
        return run_jobs([(job_name, None)])
    log = load_settings().data_dir / "llm_server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        with ensure_llm(log) as host:
            print(f"medpipe: LLM at {host}")
            today = datetime.date.today().isoformat()
            return run_jobs([("build_corpus", None), ("synthetic_daily", today), ("build_all", None)])
    except (FileNotFoundError, RuntimeError, TimeoutError) as exc:
        print(f"medpipe: NO LLM ({exc}); building without new synthetic rows", file=sys.stderr)
        return run_jobs([("build_all", None)])


def run_jobs(jobs: list[tuple[str, str | None]]) -> int:
    import dagster as dg
    import duckdb

    from medpipe.definitions import defs, settings
    from medpipe.lib.warehouse import counts_by_source

    print(f"medpipe: DuckDB {settings.duckdb_path}; offline={settings.offline}; raw_dir={settings.raw_dir or '-'}")
    failures = []
    with dg.DagsterInstance.get() as instance:
        for job_name, partition in jobs:  # a failed job does not stop the next: final still builds from what is there
            result = defs.resolve_job_def(job_name).execute_in_process(instance=instance, partition_key=partition, raise_on_error=False)
            if not result.success:
                steps = [event.step_key for event in result.all_events if event.is_step_failure]
                failures.append(f"{job_name} (run {result.run_id}) at {', '.join(steps) or 'start'}")
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'final'").fetchone()[0]:
            print("final rows by source:", counts_by_source(con, "final"))
            quarantined = con.execute("SELECT step, reason, count(*) FROM quarantine GROUP BY ALL ORDER BY ALL").fetchall()
            print("quarantined:", {f"{step}:{reason}": n for step, reason, n in quarantined})
    if failures:
        print(f"medpipe: FAILED: {'; '.join(failures)}. See the log above or `dagster dev`.", file=sys.stderr)
        return 1
    print(f"medpipe: {len(jobs)} run(s) succeeded.")
    return 0


def retrieve(query: str, k: int) -> int:
    """Print the top-k chunks of the built corpus for a query."""
    import duckdb

    from medpipe.definitions import settings
    from medpipe.lib.embeddings import load_model
    from medpipe.lib.retrieval import retrieve as top_k
    from medpipe.lib.vector_index import load_index

    index = load_index(settings.faiss_path)
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        hits = top_k(con, index, load_model(os.environ.get("MEDPIPE_EMBEDDING_MODEL", "")), query, k)
    for rank, hit in enumerate(hits, start=1):
        pages = f"p. {hit.first_page}" if hit.first_page == hit.last_page else f"pp. {hit.first_page}-{hit.last_page}"
        print(f"{rank}. score {hit.score:.3f}  {hit.title} ({pages})  [{hit.chunk_id}]")
        print("   " + " ".join(hit.text.split())[:300])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medpipe", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build", help="materialise every asset (or one job) and run its checks")
    build_parser.add_argument("--job", default="build_all", help="job to run: build_all (default), build_final, build_corpus")
    build_parser.add_argument("--no-synthetic", action="store_true", help="skip generating today's synthetic partition")
    retrieve_parser = sub.add_parser("retrieve", help="top-k guideline chunks for a query")
    retrieve_parser.add_argument("query")
    retrieve_parser.add_argument("-k", type=int, default=5)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.job, not args.no_synthetic)
    return retrieve(args.query, args.k)


if __name__ == "__main__":
    sys.exit(main())
