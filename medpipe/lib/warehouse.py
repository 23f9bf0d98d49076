"""DuckDB reads and writes shared by every asset: a step's table and its quarantine rows change together."""

from __future__ import annotations

from collections import Counter

import duckdb
import polars as pl

from medpipe.lib.sql import quote_ident, statement, table_ref


def ensure_quarantine(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(statement("quarantine_create"))


def write_step(
    con: duckdb.DuckDBPyConnection,
    *,
    schema: str,
    tables: dict[str, pl.DataFrame],
    step: str,
    source: str | None,
    quarantined: pl.DataFrame,
) -> None:
    """Replace a step's tables and its quarantine slice in one transaction: a crash leaves the previous state."""
    ensure_quarantine(con)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {quote_ident(schema)}")
        for table, rows in tables.items():
            con.register("rows_frame", rows.to_arrow())
            con.execute(f"CREATE OR REPLACE TABLE {table_ref(schema, table)} AS SELECT * FROM rows_frame")
            con.unregister("rows_frame")
        con.execute(statement("quarantine_clear"), {"step": step, "source": source})
        if quarantined.height:
            con.register("quarantine_frame", quarantined.to_arrow())
            con.execute(statement("quarantine_insert"))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = $schema AND table_name = $table",
        {"schema": schema, "table": table},
    ).fetchone()
    return bool(found and found[0])


def read_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> pl.DataFrame:
    return con.execute(f"SELECT * FROM {table_ref(schema, table)}").pl()


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    found = con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()
    return int(found[0]) if found else 0


def quarantine_counts(con: duckdb.DuckDBPyConnection, step: str) -> Counter[str]:
    rows = con.execute("SELECT reason, count(*) FROM quarantine WHERE step = $step GROUP BY reason", {"step": step}).fetchall()
    return Counter({reason: int(n) for reason, n in rows})


def counts_by_source(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
    rows = con.execute(f"SELECT source, count(*) FROM {quote_ident(table)} GROUP BY source ORDER BY source").fetchall()
    return {source: int(n) for source, n in rows}
