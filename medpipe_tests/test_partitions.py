"""Partitioned outputs without the single writer: the Parquet partition store, its call cache, the import into the warehouse, and LLM
hosts taken out of rotation. Against simulated LLM hosts (medpipe/synthetic/sim_server.py): fast, no model."""

from __future__ import annotations

import threading
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa
import pytest

from medpipe.settings import Settings
from medpipe.sources.catalog import MCQ_EXPLANATION_SOURCE
from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import DuckDBCallCache, OllamaLLM, PartitionCallCache, run_calls
from medpipe.synthetic.sim_server import serve
from medpipe.warehouse.partitions import CACHE_SCHEMA, PartitionStore
from medpipe.warehouse.rows import quarantine_frame, rows_frame
from medpipe_tests.helpers import materialize, metadata, offline_settings, query, resources_for

MEDQA = dg.AssetSelection.assets(["sources", "medqa"])


@pytest.fixture(scope="module")
def sim_host():
    server = serve("127.0.0.1", 0, ms_per_token=0.5, parallel=4)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server
    server.shutdown()
    server.server_close()


def entry(key: str) -> dict:
    return {"key": key, "model": "m", "prompt_version": "v", "prompt": "p", "options": "{}", "response": f"r-{key}", "host": "h",
            "prompt_tokens": 1, "generated_tokens": 2, "generation_ns": 3}


def test_a_partition_commits_all_or_nothing_and_a_rewrite_replaces_it(tmp_path: Path) -> None:
    store = PartitionStore(tmp_path / "parts")
    store.add_pending("ds", "p1", entry("a"))
    assert store.committed() == [] and store.cache_entries("ds", "p1").column("key").to_pylist() == ["a"]  # pending: kept, not committed
    rows = rows_frame([]).to_arrow()
    first = store.commit("ds", "p1", rows, quarantine_frame([]).to_arrow(), store.cache_entries("ds", "p1"))
    assert [c.version for c in store.committed()] == [first.version] and first.counts["llm_cache"] == 1
    assert not (tmp_path / "parts" / "ds" / "p1" / "pending").exists()
    # a writer that dies before its marker leaves the committed version as it was
    pa.parquet.write_table(rows, tmp_path / "parts" / "ds" / "p1" / "rows-orphan.parquet")
    assert store.marker("ds", "p1").version == first.version
    second = store.commit("ds", "p1", rows, quarantine_frame([]).to_arrow(), pa.Table.from_pylist([entry("a"), entry("b")], schema=CACHE_SCHEMA))
    assert [c.version for c in store.committed()] == [second.version]
    names = sorted(p.name for p in (tmp_path / "parts" / "ds" / "p1").iterdir())
    assert names == sorted(["_COMMITTED", *(f"{k}-{second.version}.parquet" for k in ("rows", "quarantine", "llm_cache"))])


def test_the_partition_call_cache_reads_back_the_calls_of_a_killed_attempt(sim_host, tmp_path: Path) -> None:
    host, server = sim_host
    store = PartitionStore(tmp_path / "parts")
    llm = OllamaLLM(hosts=host, num_predict=20)
    calls = [syn.question_call(topic, "Cool a burn under running water.") for topic in ("burns", "scalds", "cuts")]
    con = duckdb.connect()
    replies, stats = run_calls(con, llm, calls[:2], cache=PartitionCallCache(store, "ds", "p1"))  # an attempt that dies after two calls
    assert stats.called == 2
    again = PartitionCallCache(store, "ds", "p1")  # another worker, later
    replies, stats = run_calls(con, llm, calls, cache=again)
    assert (stats.cached, stats.called) == (2, 1) and len(again.table()) == 3


def mcq_settings(tmp_path: Path, store: str = "") -> Settings:
    return offline_settings(tmp_path / "db.duckdb", partition_store=store)


def generate(settings: Settings, host: str, partition: str) -> dg.ExecuteInProcessResult:
    from medpipe.definitions import defs

    resources = resources_for(settings) | {"llm": OllamaLLM(hosts=host, num_predict=40)}
    return dg.materialize([*defs.assets], resources=resources, selection=["mcq_explanations"], partition_key=partition,
                          run_config={"ops": {"mcq_explanations": {"config": {"max_rows_per_shard": 2}}}})


def test_a_worker_reads_the_warehouse_cache_through_a_read_only_connection(tmp_path: Path) -> None:
    """A worker opens the DuckDB file read-only: the calls a one-machine build cached there are still found, and a file with no
    llm_cache table is simply a miss."""
    entry = {name: "x" for name in CACHE_SCHEMA.names} | {"key": "k1", "response": "cached reply", "prompt_tokens": 1, "generated_tokens": 1,
                                                           "generation_ns": 1}
    built, empty = tmp_path / "built.duckdb", tmp_path / "empty.duckdb"
    with duckdb.connect(str(built)) as con:
        DuckDBCallCache(con).put(entry)
    duckdb.connect(str(empty)).close()
    store = PartitionStore(tmp_path / "parts")
    with duckdb.connect(str(built), read_only=True) as con:
        assert PartitionCallCache(store, "d", "p", con).get(["k1", "k2"]) == {"k1": "cached reply"}
    with duckdb.connect(str(empty), read_only=True) as con:
        assert PartitionCallCache(store, "d", "p", con).get(["k1"]) == {}


def test_partitions_in_the_store_reach_merged_like_the_warehouse_default(sim_host, tmp_path: Path) -> None:
    """The same partitions generated into the DuckDB file (the default) and into the partition store give the same sources table and
    llm_cache once `merged` has imported them; the store's partitions need no writer lock."""
    host, _ = sim_host
    from medpipe.synthetic.tasks import shard_of

    default, stored = mcq_settings(tmp_path / "a"), mcq_settings(tmp_path / "b", str(tmp_path / "b" / "parts"))
    for settings in (default, stored):
        assert materialize(settings, MEDQA).success
    shards = sorted({shard_of(sid) for (sid,) in query(default, "SELECT source_id FROM sources.medqa")})
    for shard in shards:
        generate(default, host, shard)
        meta = metadata(generate(stored, host, shard), "mcq_explanations")
        assert meta["kept"] + meta["quarantined"] >= 1
    assert not query(stored, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'synthetic_mcq_explanation'")[0][0]
    assert len(PartitionStore(stored.partition_root).committed()) == len(shards)
    for settings in (default, stored):
        assert materialize(settings, dg.AssetSelection.assets("merged")).success
    sql = f"SELECT * EXCLUDE (meta) FROM sources.{MCQ_EXPLANATION_SOURCE} ORDER BY id"
    assert query(default, sql) == query(stored, sql) and query(stored, sql)
    cache = "SELECT key, response FROM llm_cache ORDER BY key"
    assert query(default, cache) == query(stored, cache)
    again = metadata(materialize(stored, dg.AssetSelection.assets("merged")), "merged")
    assert again["partitions_imported"] == 0  # imported once


def test_a_dead_host_leaves_the_rotation_and_its_requests_go_to_the_others(sim_host) -> None:
    host, server = sim_host
    llm = OllamaLLM(hosts=f"http://127.0.0.1:9,{host}", num_predict=20, retries=2, backoff=0.01, host_cooldown=60)
    calls = [syn.question_call(f"topic {i}", "Cool a burn under running water.") for i in range(6)]
    replies, stats = run_calls(duckdb.connect(), llm, calls)
    assert stats.called == 6 and llm.hosts_down() == ["http://127.0.0.1:9"]
    picks = [llm._next_host() for _ in range(4)]
    assert set(picks) == {host}  # out of the rotation while it rests
