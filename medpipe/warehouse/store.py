"""The DuckDB file: connections, one transaction helper, the table names, and the statements in sql/ (the Dagster resource is resource.py)."""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

import duckdb
import polars as pl

from medpipe.settings import SQL_DIR

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


def insert_quarantine(con: duckdb.DuckDBPyConnection, quarantined: pl.DataFrame | Any) -> None:
    """Append quarantined rows: a polars frame, an Arrow table or a DuckDB relation in the quarantine's schema."""
    if isinstance(quarantined, pl.DataFrame):
        if not quarantined.height:
            return
        quarantined = quarantined.to_arrow()
    con.register("quarantine_frame", quarantined)
    try:
        con.execute(statement("quarantine_insert"))
    finally:
        con.unregister("quarantine_frame")


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


