"""The warehouse as a Dagster resource: the one DuckDB file every step writes to, held by a run's writer lock from its first step
to its last; the FAISS index and the release folder live beside it."""

from __future__ import annotations

import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from medpipe.settings import DEFAULT_LOCK_TIMEOUT, Settings
from medpipe.warehouse import health
from medpipe.warehouse.lock import acquire, lock_path, release
from medpipe.warehouse.machine import keep_mmap_threshold
from medpipe.warehouse.partitions import PartitionStore
from medpipe.warehouse.snapshot import open_inputs
from medpipe.warehouse.store import connect_file


class Warehouse(DuckDBResource):
    """The one DuckDB file every asset writes to; the FAISS index and the release folder live beside it.

    A run holds the file's writer lock (warehouse/lock.py) from its first step to its last, so two builds never
    interleave their writes; a second build waits up to `lock_timeout` seconds, saying whom it waits for."""

    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    partition_root: str = ""  # the partition store (warehouse/partitions.py) whose committed partitions `merged` imports; "" for none

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        keep_mmap_threshold()  # the process that runs the steps: freed column buffers go back to the system
        acquire(lock_path(self.path), context.run_id or "outside a run", self.lock_timeout, context.log.warning if context.log else print)
        try:
            start_of_run(self, context)
        except BaseException:
            release(lock_path(self.path))
            raise

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        try:
            end_of_run(self, context)
        finally:
            release(lock_path(self.path))

    @property
    def path(self) -> Path:
        return Path(self.database)

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @property
    def faiss_path(self) -> Path:
        return self.path.with_suffix(".faiss")

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # dagster-duckdb's own get_connection leaves the file open when the asset raises; this one always closes it.
        self.data_dir.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            con.execute("SET python_enable_replacements = false")  # SQL never reads a Python variable named like a table
            yield con
        finally:
            con.close()

    def _connect(self, attempts: int = 10, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """Another process may hold the file's lock for a moment (a reader, the UI): retry with backoff."""
        for attempt in range(attempts):
            try:
                return connect_file(self.database, read_only=read_only, config={"custom_user_agent": "medpipe", **self.connection_config})
            except duckdb.IOException:
                if attempt == attempts - 1:
                    raise
                time.sleep(min(0.1 * 2**attempt, 2.0))
        raise AssertionError("unreachable")


@dataclass(frozen=True)
class GenerationInputs:
    con: duckdb.DuckDBPyConnection  # the tables a generation step reads, by their warehouse names
    faiss_path: Path
    origin: str  # where they come from, for the step's log


class GenerationStore(Warehouse):
    """Where the partitioned generation assets read their inputs and keep each partition. By default (`write_partitions` off) it is the
    warehouse itself: the run holds the writer lock and a partition is replaced in the DuckDB file, as on one machine. With
    `write_partitions` on, a partition is committed as Parquet files under `partition_root`, and the inputs are read from the files
    `generation_inputs` exported there (warehouse/snapshot.py): a worker never opens the DuckDB file, so it never blocks the writer."""

    write_partitions: bool = False

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if not self.write_partitions:
            super().setup_for_execution(context)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if not self.write_partitions:
            super().teardown_after_execution(context)

    @contextmanager
    def reading(self) -> Iterator[GenerationInputs]:
        if not self.write_partitions:
            with self.get_connection() as con:
                yield GenerationInputs(con, self.faiss_path, "the warehouse")
            return
        with open_inputs(PartitionStore(self.partition_root)) as (con, files, snapshot):
            exported = datetime.datetime.fromtimestamp(snapshot.exported_at, datetime.timezone.utc)
            yield GenerationInputs(con, files / self.faiss_path.name, f"the inputs exported at {exported:%Y-%m-%d %H:%M:%S} UTC "
                                                                      f"(version {snapshot.version} of {self.partition_root})")

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.write_partitions:
            raise RuntimeError("a step that writes partitions to the partition store never opens the DuckDB file: use reading()")
        with super().get_connection() as con:
            yield con


def start_of_run(warehouse: Warehouse, context: dg.InitResourceContext) -> None:
    """With the writer lock held, before any step: tag the run with its process (a later start marks it failed if that process
    died), refuse a damaged file in one line, and finish a release swap a killed run left half done."""
    if context.instance is not None and context.run_id:
        context.instance.add_run_tags(context.run_id, health.run_tags())
    problem = health.quick_problem(warehouse.path)
    if problem:
        raise dg.Failure(description=problem, allow_retries=False)
    if health.release_needs_reconciling(warehouse.data_dir):
        with warehouse.get_connection() as con:
            health.reconcile_release(con, warehouse.data_dir, say=context.log.warning if context.log else print)


def end_of_run(warehouse: Warehouse, context: dg.InitResourceContext) -> None:
    """With the writer lock still held: snapshot the tables a damaged file must never lose (warehouse/health.py); a snapshot that
    cannot be written is a warning, not a failed run."""
    if not warehouse.path.is_file():
        return
    try:
        with warehouse.get_connection() as con:
            health.snapshot_tables(con, warehouse.data_dir)
    except (duckdb.Error, OSError) as exc:
        (context.log.warning if context.log else print)(f"the snapshot of the caches beside {warehouse.path} was not written: {exc}")


def resources(settings: Settings) -> dict[str, Any]:
    return {"warehouse": Warehouse(database=str(settings.duckdb_path), lock_timeout=settings.lock_timeout, partition_root=settings.partition_root),
            "generation": GenerationStore(database=str(settings.duckdb_path), lock_timeout=settings.lock_timeout,
                                          partition_root=settings.partition_root, write_partitions=settings.write_partitions)}
