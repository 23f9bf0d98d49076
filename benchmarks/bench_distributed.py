"""Throughput of the distributed deployment for 1, 2 and 4 (LLM hosts x celery workers), against simulated remote GPU hosts.

Each simulated host (medpipe/synthetic/sim_server.py) answers /api/chat with a valid reply after a fixed delay per generated token and
decodes `--parallel` requests at once, like an Ollama on a GPU; it costs almost no CPU here, so what is measured is medpipe and Dagster's
share: the runs, the celery workers, the per-partition Parquet commits. Every piece is the real one: the instance on PostgreSQL, the
celery executor on a Redis broker, one `dagster-celery worker` per host (each worker with its own OLLAMA_HOST), one run per partition
of `generate_mcq_explanations` (all eight shards, started at once with `dagster job execute`), over a MedQA table scaled up from the
samples so that each shard holds ROWS_PER_SHARD rows.

Run: python benchmarks/bench_distributed.py  (writes benchmarks/results/distributed.md)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import dagster as dg
import duckdb
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from medpipe.settings import DEFAULT_CELERY_CONFIG, PROJECT_ROOT  # noqa: E402
from medpipe.synthetic.local_server import background_server, free_port  # noqa: E402
from medpipe.synthetic.tasks import SHARD_KEYS, shard_of  # noqa: E402
from medpipe.warehouse.partitions import PartitionStore  # noqa: E402
from medpipe_tests import services  # noqa: E402
from medpipe_tests.helpers import materialize, offline_settings  # noqa: E402

SCALES = (1, 2, 4)
ROWS_PER_SHARD = 12
MS_PER_TOKEN = 10.0  # a GPU host's decode speed: 100 tokens/s per request
HOST_SLOTS = 2  # requests a host decodes at once
NUM_PREDICT = 220  # the simulated reply is num_predict / 2 tokens: 1.1 s per call
RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "distributed.md"


def scaled_medqa(path: Path) -> int:
    """sources.medqa with ROWS_PER_SHARD rows in every shard: the sample rows repeated under new ids and question numbers."""
    assert materialize(offline_settings(path), dg.AssetSelection.assets(["sources", "medqa"])).success
    with duckdb.connect(str(path)) as con:
        sample = con.execute("SELECT * FROM sources.medqa").pl()
        rows, per_shard, i = [], {k: 0 for k in SHARD_KEYS}, 0
        while min(per_shard.values()) < ROWS_PER_SHARD:
            base = sample.row(i % sample.height, named=True)
            source_id = f"bench/{i}"
            if per_shard[shard_of(source_id)] < ROWS_PER_SHARD:
                per_shard[shard_of(source_id)] += 1
                rows.append(base | {"source_id": source_id, "id": f"bench-{i}", "input": f"(Case {i}) {base['input']}"})
            i += 1
        con.register("scaled", type(sample)(rows, schema=sample.schema).to_arrow())
        con.execute("CREATE OR REPLACE TABLE sources.medqa AS SELECT * FROM scaled")
        return len(rows)


def served(hosts: list[str]) -> tuple[int, int, float, float]:
    """Calls and tokens the hosts served, and the first request's arrival and the last reply's time over all hosts."""
    calls = tokens = 0
    first, last = float("inf"), 0.0
    for host in hosts:
        with urllib.request.urlopen(f"{host}/medpipe/stats", timeout=10) as response:
            stats = json.loads(response.read())
        calls, tokens = calls + stats["chat_requests"], tokens + stats["generated_tokens"]
        first, last = min(first, stats["first_request_at"] or first), max(last, stats["last_reply_at"] or 0.0)
    return calls, tokens, first, last


def measure(scale: int, base_db: Path, pg_url: str, redis_url: str, work: Path) -> dict:
    """`scale` simulated hosts and `scale` workers (one host each); all eight partitions as eight runs started at once."""
    work.mkdir(parents=True)
    db = work / "db.duckdb"
    db.write_bytes(base_db.read_bytes())
    parts = work / "parts"
    run_config = work / "run.yaml"
    run_config.write_text(yaml.safe_dump({"ops": {"mcq_explanations": {"config": {"max_rows_per_shard": ROWS_PER_SHARD}}}}))
    with _hosts(scale, work) as hosts:
        env = services.deployment_env(services.instance_home(work / "home"), pg_url, redis_url, {
            "MEDPIPE_DUCKDB": str(db), "MEDPIPE_PARTITION_STORE": str(parts), "MEDPIPE_CELERY_CONFIG": str(DEFAULT_CELERY_CONFIG)})
        workers = [services.start(services.worker_command(f"bench{scale}-{i}", DEFAULT_CELERY_CONFIG), env | {"OLLAMA_HOST": hosts[i]},
                                  work / f"worker{i}.log") for i in range(scale)]
        try:
            _wait_for_workers(work, scale)
            before = served(hosts)
            started = time.perf_counter()
            runs = [services.start([str(services.VENV_BIN / "dagster"), "job", "execute", "-m", "medpipe.definitions", "-j",
                                    "generate_mcq_explanations",
                                    "-c", str(run_config), "--tags", json.dumps({"dagster/partition": shard})], env, work / f"run-{shard}.log")
                    for shard in SHARD_KEYS]
            codes = [run.wait(timeout=1800) for run in runs]
            seconds = time.perf_counter() - started
            after = served(hosts)
        finally:
            for worker in workers:
                services.stop(worker, timeout=10)
    committed = PartitionStore(parts).committed()
    assert codes == [0] * len(SHARD_KEYS) and len(committed) == len(SHARD_KEYS), (codes, len(committed))
    calls, tokens = after[0] - before[0], after[1] - before[1]
    return {"scale": scale, "seconds": seconds, "llm_window": after[3] - after[2], "calls": calls, "tokens": tokens,
            "rows": sum(c.counts["rows"] for c in committed)}


class _hosts:
    def __init__(self, n: int, work: Path) -> None:
        self.n, self.work, self.stack = n, work, None

    def __enter__(self) -> list[str]:
        import contextlib

        self.stack = contextlib.ExitStack()
        hosts = []
        for i in range(self.n):
            port = free_port()
            command = [sys.executable, "-m", "medpipe.synthetic.sim_server", "--port", str(port), "--ms-per-token", str(MS_PER_TOKEN),
                       "--parallel", str(HOST_SLOTS)]
            host = f"http://127.0.0.1:{port}"
            self.stack.enter_context(background_server(command, lambda h=host: _answers(h), f"simulated host {host}", log=self.work / f"host{i}.log"))
            hosts.append(host)
        return hosts

    def __exit__(self, *exc: object) -> None:
        assert self.stack is not None
        self.stack.close()


def _answers(host: str) -> bool:
    try:
        with urllib.request.urlopen(f"{host}/api/version", timeout=1):
            return True
    except OSError:
        return False


def _wait_for_workers(work: Path, n: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while sum("ready." in (work / f"worker{i}.log").read_text(errors="replace") for i in range(n) if (work / f"worker{i}.log").exists()) < n:
        if time.monotonic() > deadline:
            raise TimeoutError("the celery workers did not start")
        time.sleep(0.5)


def main() -> None:
    if services.missing_services():
        sys.exit(f"install {services.missing_services()} first (Debian: postgresql, redis-server)")
    with tempfile.TemporaryDirectory(prefix="bench-dist-") as folder:
        work = Path(folder)
        base = work / "base.duckdb"
        rows = scaled_medqa(base)
        results = []
        with services.postgres(work / "postgres.log") as pg_url, services.redis(work / "redis.log") as redis_url:
            for scale in SCALES:
                # a fresh database per scale: the instance's run history does not carry over
                result = measure(scale, base, pg_url, redis_url, work / f"scale{scale}")
                result["calls_per_second"] = result["calls"] / result["seconds"]
                result["window_calls_per_second"] = result["calls"] / result["llm_window"]
                results.append(result)
                print(json.dumps(result), flush=True)
    write(results, rows)


def write(results: list[dict], rows: int) -> None:
    one = results[0]["calls_per_second"]
    per_call = NUM_PREDICT // 2 * MS_PER_TOKEN / 1000
    lines = [
        "# Distributed generation: throughput for 1, 2 and 4 LLM hosts x celery workers",
        "",
        f"`benchmarks/bench_distributed.py`, {time.strftime('%Y-%m-%d')}, on this machine's 2 shared cores. Simulated remote GPU hosts "
        f"({MS_PER_TOKEN:g} ms per generated token, {HOST_SLOTS} requests decoded at once, {per_call:.1f} s per call); one `dagster-celery` worker "
        f"(`-c 1`) per host, each with its own `OLLAMA_HOST`; the instance on PostgreSQL 15 and the broker on Redis 7 (Debian's packages, "
        f"loopback); `generate_mcq_explanations`, all {len(SHARD_KEYS)} shards started at once as {len(SHARD_KEYS)} runs (`dagster job execute`), "
        f"{ROWS_PER_SHARD} rows per shard ({rows} slots), each partition committed to the Parquet partition store. Wall time from the first "
        "run's start to the last run's end, LLM calls counted by the hosts.",
        "",
        "| hosts x workers | wall s | LLM calls | calls/s (wall) | speed-up | of linear | LLM window s | calls/s (window) | speed-up | of linear | "
        "host ceiling calls/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    one_window = results[0]["window_calls_per_second"]
    for r in results:
        speedup, window_speedup = r["calls_per_second"] / one, r["window_calls_per_second"] / one_window
        ceiling = r["scale"] * HOST_SLOTS / per_call
        lines.append(f"| {r['scale']} | {r['seconds']:.1f} | {r['calls']} | {r['calls_per_second']:.2f} | {speedup:.2f}x | "
                     f"{speedup / r['scale']:.0%} | "
                     f"{r['llm_window']:.1f} | {r['window_calls_per_second']:.2f} | {window_speedup:.2f}x | {window_speedup / r['scale']:.0%} "
                     f"| {ceiling:.2f} |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n\n" + ANALYSIS_PLACEHOLDER + "\n", encoding="utf-8")


ANALYSIS_PLACEHOLDER = "<!-- analysis: written after the run -->"

if __name__ == "__main__":
    main()
