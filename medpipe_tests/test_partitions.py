"""Partitioned outputs without the single writer: the Parquet partition store, its call cache, the import into the warehouse, and LLM
hosts taken out of rotation. Against simulated LLM hosts (medpipe/synthetic/sim_server.py): fast, no model."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from medpipe.settings import Settings
from medpipe.sources.catalog import MCQ_EXPLANATION_SOURCE
from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import DuckDBCallCache, OllamaLLM, PartitionCallCache, run_calls
from medpipe.synthetic.sim_server import serve
from medpipe.warehouse.partitions import CACHE_SCHEMA, KINDS, PartitionStore, import_partitions
from medpipe.warehouse.rows import Rejection, quarantine_frame, quarantine_row, rows_frame
from medpipe_tests.helpers import materialize, metadata, offline_settings, query, resources_for

MEDQA = dg.AssetSelection.assets(["sources", "medqa"])
INPUTS = dg.AssetSelection.assets("generation_inputs")


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
    folder = tmp_path / "parts" / "ds" / "p1"
    store.add_pending("ds", "p1", entry("a"))
    assert store.committed() == [] and store.cache_entries("ds", "p1").column("key").to_pylist() == ["a"]  # pending: kept, not committed
    rows = rows_frame([]).to_arrow()
    first = store.commit("ds", "p1", rows, quarantine_frame([]).to_arrow(), store.cache_entries("ds", "p1"))
    assert [c.version for c in store.committed()] == [first.version] and first.counts["llm_cache"] == 1
    assert not any((folder / "pending").iterdir())  # the commit holds the pending call now
    # a writer that dies before its record leaves the committed version as it was
    pa.parquet.write_table(rows, folder / "rows-orphan.parquet")
    assert store.marker("ds", "p1").version == first.version
    second = store.commit("ds", "p1", rows, quarantine_frame([]).to_arrow(), pa.Table.from_pylist([entry("a"), entry("b")], schema=CACHE_SCHEMA))
    assert second.version > first.version and [c.version for c in store.committed()] == [second.version]
    store.collect_garbage(store.committed())  # what the import does next: only the committed version is left
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert names == sorted([f"_COMMITTED-{second.version}", *(f"{k}-{second.version}.parquet" for k in KINDS)])


def test_a_partition_committed_by_the_earlier_layout_is_read_until_a_record_supersedes_it(tmp_path: Path) -> None:
    store = PartitionStore(tmp_path / "parts")
    folder = tmp_path / "parts" / "ds" / "p1"
    folder.mkdir(parents=True)
    calls = pa.Table.from_pylist([entry("a")], schema=CACHE_SCHEMA)
    for kind, table in zip(KINDS, (rows_frame([]).to_arrow(), quarantine_frame([]).to_arrow(), calls)):
        pa.parquet.write_table(table, folder / f"{kind}-20261201T120000-0123abcd.parquet")
    (folder / "_COMMITTED").write_text('{"version": "20261201T120000-0123abcd", "counts": {"rows": 0, "quarantine": 0, "llm_cache": 1}}')
    legacy = store.marker("ds", "p1")
    assert legacy.version == "20261201T120000-0123abcd" and store.cache_entries("ds", "p1").column("key").to_pylist() == ["a"]
    store.collect_garbage(store.committed())
    assert store.marker("ds", "p1") == legacy  # nothing older to delete
    rewrite = store.commit("ds", "p1", rows_frame([]).to_arrow(), quarantine_frame([]).to_arrow(), CACHE_SCHEMA.empty_table())
    assert store.marker("ds", "p1") == rewrite and rewrite.counts["llm_cache"] == 1  # the earlier commit's call is kept
    store.collect_garbage(store.committed())
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted([f"_COMMITTED-{rewrite.version}",
                                                                              *(f"{k}-{rewrite.version}.parquet" for k in KINDS)])


class Stepped(pafs.FileSystemHandler):
    """The local filesystem with a stop before each operation that lists, reads, moves or deletes, so that a test can interleave two
    attempts operation by operation. Writes do not stop: the store writes only temporary files, which no other attempt sees."""

    def __init__(self, stop: Callable[[], None]) -> None:
        self.fs, self.stop = pafs.LocalFileSystem(), stop

    def _do(self, name: str, *args: Any) -> Any:
        self.stop()
        return getattr(self.fs, name)(*args)

    def get_type_name(self) -> str:
        return "stepped"

    def normalize_path(self, path: str) -> str:
        return path

    def get_file_info(self, paths: list[str]) -> Any:
        return self.fs.get_file_info(paths)  # no stop: a file is opened (or listed) next, and that stops

    def get_file_info_selector(self, selector: pafs.FileSelector) -> Any:
        return self._do("get_file_info", selector)

    def create_dir(self, path: str, recursive: bool) -> None:
        self.fs.create_dir(path, recursive=recursive)

    def delete_dir(self, path: str) -> None:
        self._do("delete_dir", path)

    def delete_dir_contents(self, path: str, missing_dir_ok: bool = False) -> None:
        self._do("delete_dir_contents", path, missing_dir_ok)

    def delete_root_dir_contents(self) -> None:
        raise NotImplementedError

    def delete_file(self, path: str) -> None:
        self._do("delete_file", path)

    def move(self, src: str, dest: str) -> None:
        self._do("move", src, dest)

    def copy_file(self, src: str, dest: str) -> None:
        self._do("copy_file", src, dest)

    def open_input_stream(self, path: str) -> Any:
        return self._do("open_input_stream", path)

    def open_input_file(self, path: str) -> Any:
        return self._do("open_input_file", path)

    def open_output_stream(self, path: str, metadata: Any) -> Any:
        return self.fs.open_output_stream(path, metadata=metadata)

    def open_append_stream(self, path: str, metadata: Any) -> Any:
        return self._do("open_append_stream", path, metadata)


class Attempt:
    """One attempt at a partition (a worker) in a thread of its own, held before each filesystem operation until the test lets it go."""

    def __init__(self, root: Path, work: Callable[[PartitionStore], Any]) -> None:
        self.store = PartitionStore(root)
        self.store.fs = pafs.PyFileSystem(Stepped(self._hold))
        self.go, self.held = threading.Semaphore(0), threading.Semaphore(0)
        self.done, self.error, self.result, self.ops = False, None, None, 0
        threading.Thread(target=self._run, args=(work,), daemon=True).start()
        self.held.acquire()  # before its first operation

    def _hold(self) -> None:
        self.held.release()
        self.go.acquire()

    def _run(self, work: Callable[[PartitionStore], Any]) -> None:
        try:
            self.result = work(self.store)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            self.done = True
            self.held.release()

    def step(self, n: int | None = None) -> "Attempt":
        """Let it take n more operations (all that are left when None)."""
        while not self.done and (n is None or n > 0):
            self.go.release()
            self.held.acquire()
            self.ops += 1
            n = None if n is None else n - 1
        return self


RACE_SOURCE = MCQ_EXPLANATION_SOURCE


def race_row(row_id: str) -> dict:
    return {"id": row_id, "source": RACE_SOURCE, "source_id": f"p1/{row_id}", "input": f"question {row_id}?", "context": "",
            "output": f"answer {row_id}", "reasoning": None, "messages": [], "license": "x", "meta": "{}"}


def an_attempt(name: str) -> Callable[[PartitionStore], Any]:
    """What a worker does with a partition (keep_partition): read back the partition's earlier calls, make its own call and keep it at
    once, then commit its rows, its quarantine and its calls."""
    def work(store: PartitionStore) -> Any:
        cache = PartitionCallCache(store, RACE_SOURCE, "p1")
        cache.put(entry(f"{name}-call"))
        rows = rows_frame([race_row(f"{name}-0"), race_row(f"{name}-1")]).to_arrow()
        rejected = quarantine_frame([quarantine_row("synthetic", RACE_SOURCE, f"p1/{name}-bad", Rejection("refusal"), {})]).to_arrow()
        return store.commit(RACE_SOURCE, "p1", rows, rejected, cache.table())
    return work


class Importer:
    """`merged`'s import into one DuckDB connection, emptied before each use; what it imported: partition -> (row ids, quarantined ids)."""

    def __init__(self) -> None:
        self.con, self.got = duckdb.connect(), {}

    def write(self, con: duckdb.DuckDBPyConnection, dataset: str, partition: str, rows: Any, quarantine: Any) -> None:
        self.got[partition] = (sorted(r[0] for r in rows.select("id").fetchall()), [q[0] for q in quarantine.select("source_id").fetchall()])

    def run(self, root: Path) -> list[str]:
        self.con.execute("DROP TABLE IF EXISTS partition_imports; DROP TABLE IF EXISTS llm_cache")
        self.got = {}
        return [c.version for c in import_partitions(self.con, PartitionStore(root), self.write)]


def test_two_attempts_at_one_partition_interleaved_at_every_operation_leave_it_whole(tmp_path: Path) -> None:
    """A celery redelivery, a rerun of a stuck run or a partition backfilled twice: two attempts at the same partition committed once
    before, interleaved at every pair of points between their filesystem operations (A takes i of them, B takes j or all of them, A
    finishes, B finishes), with `merged`'s import run at that point or not. Whatever the order, both attempts succeed, the partition reads back
    whole (the three files of the version its commit names, all of one attempt), `import_partitions` works during and after, and no
    paid call is lost (the next attempt reads back every call made)."""
    earlier = tmp_path / "earlier"
    store = PartitionStore(earlier)
    store.add_pending(RACE_SOURCE, "p1", entry("earlier-call"))
    store.commit(RACE_SOURCE, "p1", rows_frame([race_row("earlier")]).to_arrow(), quarantine_frame([]).to_arrow(),
                 store.cache_entries(RACE_SOURCE, "p1"))

    def start(root: Path, *names: str) -> list[Attempt]:
        shutil.copytree(earlier, root)
        return [Attempt(root, an_attempt(name)) for name in names]

    solo, = start(tmp_path / "solo", "a")
    ops = solo.step().ops
    assert solo.error is None and ops >= 10, solo.error
    calls = {"earlier-call", "a-call", "b-call"}
    importer, failures, tried = Importer(), [], 0
    for middle_import in (False, True):
        for i in range(ops + 1):
            for j in [*range(ops + 1), None]:
                root = tmp_path / f"race-{int(middle_import)}-{i}-{j}"
                a, b = start(root, "a", "b")
                tried += 1
                try:
                    a.step(i)
                    b.step(j)
                    if middle_import:
                        importer.run(root)
                    a.step()
                    b.step()
                    assert a.error is None and b.error is None, f"an attempt failed: {a.error or b.error!r}"
                    store = PartitionStore(root)
                    marker = store.marker(RACE_SOURCE, "p1")
                    assert marker is not None and marker.version in {a.result.version, b.result.version}
                    winner = "a" if marker.version == a.result.version else "b"
                    tables = {kind: store.read(marker, kind) for kind in KINDS}  # all three are there
                    assert {kind: t.num_rows for kind, t in tables.items()} == marker.counts
                    assert sorted(tables["rows"].column("id").to_pylist()) == [f"{winner}-0", f"{winner}-1"]
                    assert tables["quarantine"].column("source_id").to_pylist() == [f"p1/{winner}-bad"]
                    assert importer.run(root) == [marker.version]
                    assert importer.got == {"p1": ([f"{winner}-0", f"{winner}-1"], [f"p1/{winner}-bad"])}
                    again = store.marker(RACE_SOURCE, "p1")
                    assert again == marker and store.read(again, "rows").num_rows == 2  # still whole after the import
                    assert set(store.cache_entries(RACE_SOURCE, "p1").column("key").to_pylist()) >= calls  # no paid call lost
                except Exception as exc:  # noqa: BLE001 - every broken interleaving is reported
                    failures.append(f"import={middle_import} i={i} j={j}: {type(exc).__name__}: {exc}")
                finally:
                    a.step()
                    b.step()
                shutil.rmtree(root)
    assert not failures, f"{len(failures)} interleavings of {tried} broke the partition, e.g.\n" + "\n".join(failures[:5])


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
    assert metadata(materialize(default, INPUTS), "generation_inputs")["exported"] is False  # one machine: the warehouse itself
    assert materialize(stored, INPUTS).success
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


def test_a_worker_generates_while_the_writer_holds_the_duckdb_file(sim_host, tmp_path: Path) -> None:
    """Workers read the inputs `generation_inputs` exported, never the DuckDB file: a partition is generated while another process
    holds the file open for writing (a build), and that process could open it although the worker ran (no shared lock held)."""
    host, _ = sim_host
    from medpipe.synthetic.tasks import shard_of

    settings = mcq_settings(tmp_path, str(tmp_path / "parts"))
    assert materialize(settings, MEDQA).success
    shard = sorted({shard_of(sid) for (sid,) in query(settings, "SELECT source_id FROM sources.medqa")})[0]
    with pytest.raises(dg.Failure, match="Materialise `generation_inputs` first"):
        generate(settings, host, shard)  # nothing exported yet: the error names the asset to materialise
    inputs = metadata(materialize(settings, INPUTS), "generation_inputs")
    assert inputs["exported"] and inputs["rows_by_table"]["sources.medqa"] == query(settings, "SELECT count(*) FROM sources.medqa")[0][0]
    writer = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('open', flush=True); "
                               "time.sleep(120)", str(settings.duckdb_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        meta = metadata(generate(settings, host, shard), "mcq_explanations")
        assert meta["kept"] + meta["quarantined"] >= 1
    finally:
        writer.kill()
        writer.wait()
    assert [c.partition for c in PartitionStore(settings.partition_root).committed()] == [shard]
