"""Distributed execution on Dagster's own pieces: a PostgreSQL instance, the daemon, two dagster-celery workers on a Redis broker and two
bundled LLM servers, with the shipped configuration; a backfill of generation partitions spread over the workers, one worker killed
whole mid-run (its step redelivered by the daemon's sensor, not by the broker's hour-long visibility timeout), then the broker restarted
(down for 10 s) while the other worker generates: every run succeeds, none is retried. The merged rows must equal
those of an in-process run of the same partitions, with no LLM call paid twice except those in flight at the kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from medpipe import automation
from medpipe.settings import DEFAULT_CELERY_CONFIG, PROJECT_ROOT
from medpipe.sources.catalog import MCQ_EXPLANATION_SOURCE
from medpipe.synthetic.llm import OllamaLLM
from medpipe.synthetic.local_server import local_server
from medpipe.synthetic.tasks import shard_of, write_generated
from medpipe.warehouse.partitions import PartitionStore, import_partitions
from medpipe_tests import services
from medpipe_tests.helpers import materialize, offline_settings, query, resources_for

ASSET, JOB = "mcq_explanations", "generate_mcq_explanations"
PARTITIONS = 4
INPUTS = dg.AssetSelection.assets("generation_inputs")
REDIS_DOWN_SECONDS = 10


def require_services() -> None:
    missing = services.missing_services()
    if missing and not (os.environ.get("CI") or os.environ.get("MEDPIPE_CI")):
        pytest.skip(f"{', '.join(missing)} not installed (Debian: apt-get install postgresql redis-server; .ci/run installs them)")
    assert not missing, f"CI must install {missing} (.ci/run)"


def served(hosts: list[str]) -> int:
    total = 0
    for host in hosts:
        with urllib.request.urlopen(f"{host}/medpipe/stats", timeout=10) as response:
            total += int(json.loads(response.read())["chat_requests"])
    return total


def merged_rows(base: Path, root: Path, into: Path) -> tuple[list[tuple], list[tuple]]:
    """The generated table and its quarantine after `merged`'s import of the partitions under `root`, in a copy of the base warehouse."""
    into.write_bytes(base.read_bytes())
    with duckdb.connect(str(into)) as con:
        import_partitions(con, PartitionStore(root), write_generated)
        rows = con.execute(f"SELECT * FROM sources.{MCQ_EXPLANATION_SOURCE} ORDER BY source_id").fetchall()
        rejected = con.execute("SELECT * FROM quarantine WHERE step = 'synthetic' ORDER BY source_id").fetchall()
    return rows, rejected


def cache_keys(root: Path) -> set[str]:
    store = PartitionStore(root)
    return {k for c in store.committed() for k in store.read(c, "llm_cache").column("key").to_pylist()}


def worker_busy(log: Path) -> bool:
    text = log.read_text(errors="replace") if log.exists() else ""
    return text.count("] received") > text.count("] succeeded")


def pending_calls(root: Path) -> int:
    return len(list(root.glob("*/*/pending/*.parquet")))


def test_a_backfill_spreads_over_celery_workers_and_survives_a_killed_worker_and_a_broker_restart(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_services()
    started = time.monotonic()
    base = offline_settings(tmp_path / "db.duckdb")
    assert materialize(base, dg.AssetSelection.assets(["sources", "medqa"])).success
    shards = [s for s, _ in Counter(shard_of(sid) for (sid,) in query(base, "SELECT source_id FROM sources.medqa")).most_common()][:PARTITIONS]
    assert len(shards) == PARTITIONS, shards

    with local_server(log=tmp_path / "llm1.log", parallel=1, threads=1, reproducible=True) as h1, \
            local_server(log=tmp_path / "llm2.log", parallel=1, threads=1, reproducible=True) as h2:
        hosts = [h1, h2]
        # the reference: the same partitions in process, into their own store
        reference = offline_settings(base.duckdb_path, pdf_dir=base.pdf_dir, partition_store=str(tmp_path / "ref_parts"))
        from medpipe.definitions import defs

        assert materialize(reference, INPUTS).success  # the tables the steps read, exported for them (workers never open the DuckDB file)
        reference_before = served(hosts)
        for shard in shards:
            assert dg.materialize([*defs.assets], resources=resources_for(reference) | {"llm": OllamaLLM(hosts=",".join(hosts), timeout=600)},
                                  selection=[ASSET], partition_key=shard).success
        reference_seconds = time.monotonic() - started
        # the calls the reference paid: one per cached reply, and one per reply that failed its schema (never cached, asked again)
        reference_paid = served(hosts) - reference_before

        with services.postgres(tmp_path / "postgres.log") as pg_url, services.redis(tmp_path / "redis.log") as redis_url:
            assert yaml.safe_load(DEFAULT_CELERY_CONFIG.read_text())["execution"]["config"]["config_source"]["broker_transport_options"][
                "visibility_timeout"] == 3600  # the shipped config: the broker alone would hand the lost step back after an hour
            parts = tmp_path / "parts"
            assert materialize(offline_settings(base.duckdb_path, pdf_dir=base.pdf_dir, partition_store=str(parts)), INPUTS).success
            env = services.deployment_env(services.instance_home(tmp_path / "home"), pg_url, redis_url, {
                "MEDPIPE_DUCKDB": str(base.duckdb_path), "MEDPIPE_PARTITION_STORE": str(parts),
                "OLLAMA_HOST": ",".join(hosts)})
            logs = {name: tmp_path / f"{name}.log" for name in ("worker1", "worker2", "daemon", "backfill", "redis")}
            processes = {name: services.start(services.worker_command(name, DEFAULT_CELERY_CONFIG), env, logs[name])
                         for name in ("worker1", "worker2")}
            processes["daemon"] = services.start([str(services.VENV_BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"], env, logs["daemon"])
            before = served(hosts)
            try:
                subprocess.run([str(services.VENV_BIN / "dagster"), "job", "backfill", "-w", "workspace.yaml", "-j", JOB,
                                "--partitions", ",".join(shards), "--noprompt"],
                               env=env, cwd=PROJECT_ROOT, check=True, stdout=open(logs["backfill"], "ab"), stderr=subprocess.STDOUT, timeout=300)
                # kill worker1 (its whole process group: the worker and the process running the step) in the middle of a partition
                deadline = time.monotonic() + 240
                while not (worker_busy(logs["worker1"]) and pending_calls(parts) >= 1):
                    assert time.monotonic() < deadline, "worker1 never ran a partition: " + logs["worker1"].read_text(errors="replace")[-3000:]
                    time.sleep(0.2)
                duckdb.connect(str(base.duckdb_path)).close()  # the writer opens the file while both workers generate: they hold no lock
                os.killpg(processes["worker1"].pid, signal.SIGKILL)
                processes["worker1"].wait()
                killed_at, killed_wall = time.monotonic(), time.time()
                # and the broker restarts, down for a while, as worker2 generates and the runs wait for their steps: no run may fail
                processes["redis"] = services.restart_redis(redis_url, tmp_path / "redis.log", down_seconds=REDIS_DOWN_SECONDS)

                monkeypatch.setenv("MEDPIPE_DAGSTER_PG_URL", pg_url)  # the instance file reads it
                instance = dg.DagsterInstance.from_config(str(tmp_path / "home"))
                deadline = time.monotonic() + 2 * automation.LOOK_SECONDS + 180  # two looks of the daemon's sensor, then the step
                while len(PartitionStore(parts).committed()) < PARTITIONS or _unfinished(instance):
                    assert time.monotonic() < deadline, _diagnose(instance, logs)
                    time.sleep(1)
                runs = instance.get_runs()
                assert sorted(r.tags.get("dagster/partition") for r in runs) == sorted(shards), _diagnose(instance, logs)  # no retry run
                assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs), _diagnose(instance, logs)
                redelivered = [e.timestamp for r in runs for e in instance.all_logs(r.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT)
                               if "Redelivered step" in (e.message or "")]
                assert len(redelivered) == 1, (redelivered, _diagnose(instance, logs))  # the killed worker's step, said in its run's log
                # within the README's bound: two looks 30 s apart, each up to 2 x 5 s of inspection, the broker down meanwhile
                assert redelivered[0] - killed_wall <= 2 * automation.LOOK_SECONDS + 2 * 10 + REDIS_DOWN_SECONDS, redelivered[0] - killed_wall
                paid = served(hosts) - before
            finally:
                for process in processes.values():
                    services.stop(process, timeout=10)

    assert "] received" in logs["worker1"].read_text(errors="replace") and "] succeeded" in logs["worker2"].read_text(errors="replace")

    ref_rows, ref_rejected = merged_rows(base.duckdb_path, tmp_path / "ref_parts", tmp_path / "ref.duckdb")
    rows, rejected = merged_rows(base.duckdb_path, parts, tmp_path / "dist.duckdb")
    assert rows == ref_rows and rejected == ref_rejected and len(rows) + len(rejected) >= PARTITIONS
    unique = cache_keys(parts)
    assert unique == cache_keys(tmp_path / "ref_parts")
    # repaid: only the killed worker's calls in flight (concurrency 2); the replies that failed their schema are paid in both runs
    assert len(unique) <= paid and reference_paid <= paid <= reference_paid + 2, (paid, reference_paid, len(unique))
    print(f"reference in process {reference_seconds:.0f} s; distributed: {paid} calls paid for {len(unique)} cached; "
          f"recovered {time.monotonic() - killed_at:.0f} s after the kill; total {time.monotonic() - started:.0f} s")


def _unfinished(instance: dg.DagsterInstance) -> bool:
    runs = instance.get_runs()
    return not runs or any(not r.is_finished for r in runs)


def _diagnose(instance: dg.DagsterInstance, logs: dict[str, Path]) -> str:
    runs = [(r.run_id[:8], r.tags.get("dagster/partition"), r.status.value) for r in instance.get_runs()]
    tails = "\n".join(f"--- {name}\n{path.read_text(errors='replace')[-2500:]}" for name, path in logs.items() if path.exists())
    return f"runs: {runs}\n{tails}"
