"""`medpipe build` materialises the pipeline on this repo's Dagster instance; `medpipe retrieve` queries the corpus; `medpipe review`
samples rows for clinicians and imports their labels."""

from __future__ import annotations

import argparse
import datetime
import logging
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from dataclasses import replace

from medpipe.app.launch import DEFAULT_PORT
from medpipe.review import commands as review_commands
from medpipe.settings import PROJECT_ROOT, Settings, SettingError, load_settings, validate_settings
from medpipe.warehouse.stops import kept_since, worker_died

JOB_NAMES = ("build_all", "build_final", "build_corpus", "train")
GENERATION_JOB_NAMES = ("synthetic_daily", "synthetic_shards")  # their shortfall under load does not fail `medpipe build`


def use_project_instance() -> None:
    """Dagster reads dagster.yaml from DAGSTER_HOME; default it to the repo root so runs show in the UI."""
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT))
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def build(job_name: str, synthetic: bool, verbose: bool, grace: float = 5.0, allow_empty: bool = False) -> int:
    """Run the build in a child process and stop it on SIGTERM or SIGINT within `grace` seconds: the child gets SIGINT
    (Dagster stops at its next safe point, the asset in flight rolls back), and SIGKILL if it is still running after
    `grace` (Dagster defers interrupts until a step ends). A kill is safe: DuckDB discards an uncommitted transaction
    and the OS frees the writer lock."""
    use_project_instance()
    settings = replace(load_settings(), allow_empty=True) if allow_empty else load_settings()
    validate_settings(settings)
    started = time.time()
    worker = multiprocessing.get_context("fork").Process(target=_build_worker, args=(settings, job_name, synthetic, verbose, os.getpid()),
                                                         name="medpipe-build")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    worker.start()
    while worker.is_alive() and not stop.wait(0.2):
        pass
    if stop.is_set() and worker.is_alive():
        os.kill(worker.pid, signal.SIGINT)
        worker.join(grace)
        if worker.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
        worker.join()
        print(f"medpipe: STOPPED by a signal. {kept_since(settings.duckdb_path, started)}", file=sys.stderr, flush=True)
        return 130
    worker.join()
    if worker.exitcode is not None and worker.exitcode < 0:  # the worker was killed (the OOM killer sends SIGKILL)
        print(f"medpipe: {worker_died(-worker.exitcode, worker.pid)} {kept_since(settings.duckdb_path, started)}", file=sys.stderr, flush=True)
        return 128 - worker.exitcode
    return worker.exitcode or 0


def _build_worker(settings: Settings, job_name: str, synthetic: bool, verbose: bool, parent: int) -> None:
    from medpipe.warehouse.health import WarehouseDamaged, check_open
    from medpipe.warehouse.lock import WarehouseBusy, writer_lock
    from medpipe.warehouse.machine import die_with_parent

    os.setpgrp()  # the build and its helpers (log tailers, the LLM server) form one group the parent can stop
    die_with_parent(parent)  # if `medpipe build` is killed (SIGKILL cannot be caught), the kernel kills this worker too
    try:
        with writer_lock(settings.duckdb_path, "medpipe build", settings.lock_timeout, say=lambda line: print(f"medpipe: {line}", flush=True)):
            check_open(settings.duckdb_path)
            code = build_jobs(settings, job_name, synthetic, verbose)
    except (WarehouseBusy, PermissionError, WarehouseDamaged, SettingError) as exc:  # SettingError: a bad MEDPIPE_SOURCES_FILE, read with the catalog
        print(f"medpipe: {exc}", file=sys.stderr, flush=True)
        code = 2
    except KeyboardInterrupt:
        code = 130
    sys.stdout.flush()
    os._exit(code)


def build_jobs(settings: Settings, job_name: str, synthetic: bool, verbose: bool) -> int:
    """build_all: the corpus, today's synthetic partition and source shard (with an LLM: OLLAMA_HOST, else the bundled server), then the rest."""
    from medpipe.automation import shard_of_day
    from medpipe.synthetic.local_server import ensure_llm

    if job_name != "build_all" or not synthetic:
        return run_jobs(settings, [(job_name, None)], verbose)
    log = settings.data_dir / "llm_server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        with ensure_llm(settings.ollama_hosts, log) as host:
            print(f"medpipe: LLM at {host}")
            today = datetime.date.today()
            jobs = [("build_corpus", None), ("synthetic_daily", today.isoformat()), ("synthetic_shards", shard_of_day(today)), ("build_all", None)]
            return run_jobs(replace(settings, ollama_hosts=host), jobs, verbose)
    except (FileNotFoundError, RuntimeError, TimeoutError) as exc:
        print(f"medpipe: NO LLM ({exc}); building without new synthetic rows", file=sys.stderr)
        return run_jobs(settings, [("build_all", None)], verbose)


def run_jobs(settings: Settings, jobs: list[tuple[str, str | None]], verbose: bool = False) -> int:
    import dagster as dg
    import duckdb

    from medpipe.definitions import build_definitions
    from medpipe.warehouse.health import sweep_dead_runs
    from medpipe.warehouse.store import MAIN, counts_by_source

    defs = build_definitions(settings)
    print(f"medpipe: DuckDB {settings.duckdb_path}; raw_dir={settings.raw_dir or '-'}")
    failures, short = [], []  # short: a generation run that did not finish; what it made is kept and the rest builds without it
    run_config = {"loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "INFO"}}}}
    with dg.DagsterInstance.get() as instance:
        sweep_dead_runs(instance, say=lambda line: print(f"medpipe: {line}"))
        for job_name, partition in jobs:  # a failed job does not stop the next: final still builds from what is there
            print(f"medpipe: {job_name}" + (f" [{partition}]" if partition else ""))
            result = defs.resolve_job_def(job_name).execute_in_process(instance=instance, partition_key=partition, raise_on_error=False,
                                                                        run_config=run_config)
            for line in asset_summary(result):
                print("  " + line)
            if not result.success:
                steps = [event.step_key for event in result.all_events if event.is_step_failure]
                (short if job_name in GENERATION_JOB_NAMES else failures).append(f"{job_name} (run {result.run_id}) at {', '.join(steps) or 'start'}")
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'final'").fetchone()[0]:
            print("final rows by source:", counts_by_source(con, MAIN, "final"))
            quarantined = con.execute("SELECT step, reason, count(*) FROM quarantine GROUP BY ALL ORDER BY ALL").fetchall()
            print("quarantined:", {f"{step}:{reason}": n for step, reason, n in quarantined})
    if short:
        print(f"medpipe: INCOMPLETE: new synthetic rows were short ({'; '.join(short)}): the LLM did not answer every slot in time; "
              "everything else was built from what is there. Run `medpipe build` again later to fill them.", file=sys.stderr)
    if failures:
        print(f"medpipe: FAILED: {'; '.join(failures)}. See the log above or `dagster dev`.", file=sys.stderr)
        return 1
    print(f"medpipe: {len(jobs) - len(short)} run(s) succeeded" + (f", {len(short)} generation run(s) short (INCOMPLETE above)." if short else "."))
    return 0


def asset_summary(result: object) -> list[str]:
    """One line per materialised asset: name, rows, rows dropped, seconds; and each failed step."""
    seconds = {e.step_key: e.event_specific_data.duration_ms / 1000 for e in result.all_events if e.is_step_success}  # type: ignore[attr-defined]
    lines = []
    for event in result.all_events:  # type: ignore[attr-defined]
        if event.is_step_materialization:
            materialization = event.event_specific_data.materialization
            meta = {k: v.value for k, v in materialization.metadata.items()}
            rows = meta.get("dagster/row_count", meta.get("kept", "-"))
            dropped = meta.get("dropped", meta.get("quarantined"))
            status = f" ({meta['status']})" if isinstance(meta.get("status"), str) and meta["status"] != "loaded" else ""
            lines.append(f"{materialization.asset_key.to_user_string():34} {rows:>9,} rows" if isinstance(rows, int)
                         else f"{materialization.asset_key.to_user_string():34} {'':>9}     ")
            lines[-1] += (f"  {dropped:>7,} dropped" if isinstance(dropped, int)
                          else " " * 17) + f"  {seconds.get(event.step_key, 0.0):6.1f} s{status}"
        elif event.is_step_failure:
            lines.append(f"{event.step_key:34} FAILED: {event.event_specific_data.error.message.strip().splitlines()[0][:200]}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:  # what the check found
            examples = event.event_specific_data.metadata.get("examples")
            lines.append(f"check {event.event_specific_data.check_name} FAILED"
                         + (f": {'; '.join(map(str, examples.value))[:600]}" if examples else ""))
    return lines


def retrieve(query: str, k: int) -> int:
    """Print the top-k chunks of the built corpus for a query."""
    import duckdb

    from medpipe.corpus.embeddings import load_model
    from medpipe.corpus.index import load_index
    from medpipe.corpus.retrieval import retrieve as top_k
    from medpipe.warehouse.resource import Warehouse

    settings = load_settings()
    warehouse = Warehouse(database=str(settings.duckdb_path))
    index = load_index(warehouse.faiss_path)
    with duckdb.connect(warehouse.database, read_only=True) as con:
        hits = top_k(con, index, load_model(settings.embedding_model), query, k)
    for rank, hit in enumerate(hits, start=1):
        pages = f"p. {hit.first_page}" if hit.first_page == hit.last_page else f"pp. {hit.first_page}-{hit.last_page}"
        print(f"{rank}. score {hit.score:.3f}  {hit.title} ({pages})  [{hit.chunk_id}]")
        print("   " + " ".join(hit.text.split())[:300])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medpipe", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build", help="materialise every asset (or one job) and run its checks")
    build_parser.add_argument("--job", default="build_all", choices=JOB_NAMES, help="job to run (default: build_all)")
    build_parser.add_argument("--no-synthetic", action="store_true", help="skip generating today's synthetic partition")
    build_parser.add_argument("--verbose", action="store_true", help="print Dagster's full event stream")
    build_parser.add_argument("--allow-empty", action="store_true", help="let a missing or empty PDF or raw folder empty what the previous build had")
    retrieve_parser = sub.add_parser("retrieve", help="top-k guideline chunks for a query")
    retrieve_parser.add_argument("query")
    retrieve_parser.add_argument("-k", type=int, default=5)
    ask_parser = sub.add_parser("ask", help="answer one question in the terminal: an emergency notice first, then the checked answer")
    ask_parser.add_argument("question")
    app_parser = sub.add_parser("app", help="the assistant app (chat and dataset browser) on 127.0.0.1")
    app_parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default: {DEFAULT_PORT}")
    doctor_parser = sub.add_parser("doctor", help="check every table of the DuckDB file; --salvage copies the readable ones into a new file")
    doctor_parser.add_argument("--salvage", action="store_true",
                               help="keep every readable table (caches, release history) in a new file, set the damaged one aside")
    sub.add_parser("compact", help="rewrite the DuckDB file to reclaim the space of dropped tables (under the writer lock)")
    review_commands.add_parser(sub)
    phi_parser = sub.add_parser("phi", help="PHI tagger: `medpipe phi train [FOLDER ...]` rebuilds its model (see --help)")
    phi_parser.add_argument("action", choices=["train"])
    phi_parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command == "phi":
        from medpipe.curation.phi_tagger import main as phi_main

        return phi_main(args.rest)
    if args.command == "app":
        from medpipe.app.launch import run_app

        run_app(args.port)  # replaces this process
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    from medpipe.warehouse.lock import WarehouseBusy

    try:
        if args.command == "build":
            return build(args.job, not args.no_synthetic, args.verbose, allow_empty=args.allow_empty)
        if args.command in ("doctor", "compact"):
            from medpipe.warehouse import health

            settings = load_settings()
            if args.command == "compact":
                return health.compact_command(settings.duckdb_path, settings.lock_timeout)
            return health.doctor_command(settings.duckdb_path, args.salvage, settings.lock_timeout)
        if args.command == "review":
            return review_commands.run(args)
        if args.command == "ask":
            from medpipe.app.assistant import ask

            return ask(args.question)
        return retrieve(args.query, args.k)
    except (SettingError, WarehouseBusy, PermissionError) as exc:
        for line in str(exc).splitlines():  # several bad settings: one line each
            print(f"medpipe: {line}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
