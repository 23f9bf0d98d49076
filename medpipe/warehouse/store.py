"""The DuckDB warehouse: one file, one transaction helper, the table names, and the statements in sql/."""

from __future__ import annotations

import hashlib
import os
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import dagster as dg
import duckdb
import polars as pl
from dagster_duckdb import DuckDBResource

from medpipe.settings import DEFAULT_LOCK_TIMEOUT, SQL_DIR
from medpipe.warehouse.lock import acquire, lock_path, release
from medpipe.warehouse.machine import keep_mmap_threshold
from medpipe.warehouse.partitions import PartitionStore

# Schemas and the tables more than one stage reads.
SOURCES = "sources"
CORPUS = "corpus"
MAIN = "main"
QUARANTINE = "quarantine"
FINAL = "final"
EVAL_QUESTIONS = "eval_questions"

WAREHOUSE_CATALOG = "warehouse"  # the file's catalog name in every connection of `connect_file`
ROW_GROUP_SIZE_ROWS = 16_384
UNCOMPRESSED_METHODS = "fsst"


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

    def partitions(self) -> PartitionStore | None:
        return PartitionStore(self.partition_root) if self.partition_root else None

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


class GenerationStore(Warehouse):
    """Where the partitioned generation assets read their inputs and keep each partition. By default (`write_partitions` off) it is the
    warehouse itself: the run holds the writer lock and a partition is replaced in the DuckDB file, as on one machine. With
    `write_partitions` on, a partition is committed as Parquet files under `partition_root` and the DuckDB file is only read
    (read-only, no lock), so several workers on several machines generate partitions at once; `merged` imports them."""

    write_partitions: bool = False

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if not self.write_partitions:
            super().setup_for_execution(context)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if not self.write_partitions:
            super().teardown_after_execution(context)

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if not self.write_partitions:
            with super().get_connection() as con:
                yield con
            return
        con = self._connect(read_only=True)
        try:
            con.execute("SET python_enable_replacements = false")
            yield con
        finally:
            con.close()


def connect_file(path: str, read_only: bool = False, config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to a DuckDB file that writes a step's table once, straight to the file.

    A step writes 60-100k rows, less than DuckDB's default row group (122,880 rows): such a table goes to the WAL at commit
    and is written a second time by the checkpoint when the connection closes. Attached with ROW_GROUP_SIZE_ROWS-row groups,
    it is written once, at the insert (DuckDB's optimistic write). FSST, DuckDB's compression of strings, is left off: in the
    100k-row build, the six steps that mostly read and write took 12.2 s, 10.9 s with small row groups and 8.7 s also
    without FSST, and the file is ~30% larger (781 vs 603 MB). Tables already in the file keep their compression.

    The file is attached to an in-memory database named after its path, which every connection of this process to the
    file shares (as `duckdb.connect(path)` shares one instance). A cursor of the connection needs `cursor()`."""
    if path.startswith(":memory:"):
        return duckdb.connect(path, read_only=read_only, config=config or {})
    absolute = os.path.abspath(path)
    con = duckdb.connect(f":memory:{WAREHOUSE_CATALOG}-{hashlib.sha256(absolute.encode()).hexdigest()[:16]}", config=config or {})
    try:
        options = f"ROW_GROUP_SIZE {ROW_GROUP_SIZE_ROWS}" + (", READ_ONLY" if read_only else "")
        con.execute(f"ATTACH IF NOT EXISTS '{absolute.replace(chr(39), chr(39) * 2)}' AS {WAREHOUSE_CATALOG} ({options})")
        con.execute(f"USE {WAREHOUSE_CATALOG}")
        con.execute(f"SET disabled_compression_methods = '{UNCOMPRESSED_METHODS}'")
    except BaseException:
        con.close()
        raise
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor (for another thread) that sees the same database as `con`: a new cursor starts in the instance's own catalog."""
    catalog = con.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
    new = con.cursor()
    new.execute(f"USE {quote_ident(catalog)}")
    return new


_open_transactions: set[int] = set()  # connections inside `transaction`: a nested one joins the outer


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a crash or an error inside leaves the tables as they were."""
    if id(con) in _open_transactions:
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    _open_transactions.add(id(con))
    try:
        try:
            yield con
        except BaseException:
            _rollback(con)
            raise
        try:
            con.execute("COMMIT")
        except duckdb.Error as exc:  # DuckDB has already ended the transaction: the error to report is this one (disk full, read-only)
            _rollback(con)
            raise type(exc)(f"the commit failed, nothing of this transaction was kept: {exc}") from exc
    finally:
        _open_transactions.discard(id(con))


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open; a failed commit or a fatal error may have ended it, and the error that did is
    the one to raise, not "cannot rollback - no transaction is active"."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


@lru_cache(maxsize=None)
def statement(name: str) -> str:
    """A statement of sql/, named after the step that runs it."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def quote_ident(name: str) -> str:
    """A DuckDB identifier; table names come from the code, never from data, and are still quoted."""
    return '"' + name.replace('"', '""') + '"'


def table_ref(schema: str, table: str) -> str:
    return f"{quote_ident(schema)}.{quote_ident(table)}"


def ensure_quarantine(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(statement("quarantine_create"))


def replace_table(con: duckdb.DuckDBPyConnection, schema: str, table: str, rows: pl.DataFrame | Any) -> None:
    """CREATE OR REPLACE a table from a polars frame or an Arrow table (call inside a transaction)."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {quote_ident(schema)}")
    con.register("_rows", rows.to_arrow() if isinstance(rows, pl.DataFrame) else rows)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {table_ref(schema, table)} AS SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def table_version(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """What a table holds: a hash of every row and column, independent of row order, read from the table itself so that any
    writer's change counts (~0.1 s per 100k rows); "absent" when there is no such table."""
    if not table_exists(con, schema, table):
        return "absent"
    rows, total = con.execute(f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM {table_ref(schema, table)} AS t").fetchone()  # type: ignore[misc]
    return f"{rows}:{total}"


def insert_quarantine(con: duckdb.DuckDBPyConnection, quarantined: pl.DataFrame) -> None:
    if quarantined.height:
        con.register("quarantine_frame", quarantined.to_arrow())
        try:
            con.execute(statement("quarantine_insert"))
        finally:
            con.unregister("quarantine_frame")


def write_step(con: duckdb.DuckDBPyConnection, *, schema: str, tables: dict[str, pl.DataFrame], step: str, source: str | None,
               quarantined: pl.DataFrame) -> None:
    """Replace a step's tables and its quarantine slice in one transaction: a crash leaves the previous state."""
    ensure_quarantine(con)
    with transaction(con):
        for table, rows in tables.items():
            replace_table(con, schema, table, rows)
        con.execute(statement("quarantine_clear"), {"step": step, "source": source})
        insert_quarantine(con, quarantined)


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = $schema AND table_name = $table",
                        {"schema": schema, "table": table}).fetchone()
    return bool(found and found[0])


def read_table(con: duckdb.DuckDBPyConnection, schema: str, table: str, order_by: tuple[str, ...] = ()) -> pl.DataFrame:
    """A whole table; `order_by` makes the row order deterministic (a parallel scan returns rows in any order). Sorted by polars,
    as DuckDB's ORDER BY would, NULLs last: twice as fast at 100k rows, as DuckDB's sort moves every column's text."""
    rows = con.execute(f"SELECT * FROM {table_ref(schema, table)}").pl()
    return rows.sort(list(order_by), nulls_last=True) if order_by else rows


def counts_by_source(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, int]:
    rows = con.execute(f"SELECT source, count(*) FROM {table_ref(schema, table)} GROUP BY source ORDER BY source").fetchall()
    return {source: int(n) for source, n in rows}


def start_of_run(warehouse: Warehouse, context: dg.InitResourceContext) -> None:
    """With the writer lock held, before any step: tag the run with its process (a later start marks it failed if that process
    died), refuse a damaged file in one line, and finish a release swap a killed run left half done."""
    from medpipe.warehouse import health

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
    from medpipe.warehouse import health

    if not warehouse.path.is_file():
        return
    try:
        with warehouse.get_connection() as con:
            health.snapshot_tables(con, warehouse.data_dir)
    except (duckdb.Error, OSError) as exc:
        (context.log.warning if context.log else print)(f"the snapshot of the caches beside {warehouse.path} was not written: {exc}")
