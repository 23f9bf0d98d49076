"""merged -> filtered -> deduplicated -> final, as SQL steps over DuckDB tables (statements in sql/)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import duckdb
import polars as pl

from medpipe.lib.rows import ROW_SCHEMA
from medpipe.lib.sql import statement, table_ref
from medpipe.lib.warehouse import ensure_quarantine, quarantine_counts, row_count


@dataclass(frozen=True)
class StepCounts:
    read: int
    kept: int
    dropped: Counter[str]

    def as_metadata(self) -> dict[str, int]:
        return {"read": self.read, "kept": self.kept, "dropped": sum(self.dropped.values())} | {
            f"dropped:{reason}": n for reason, n in sorted(self.dropped.items())
        }


def build_merged(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]]) -> int:
    """Union by column name of the given (schema, table) pairs; a source with extra columns adds them."""
    con.register("empty_rows", pl.DataFrame(schema=ROW_SCHEMA).to_arrow())
    parts = ["SELECT * FROM empty_rows"] + [f"SELECT * FROM {table_ref(schema, table)}" for schema, table in tables]
    con.execute("CREATE OR REPLACE TABLE merged AS " + " UNION ALL BY NAME ".join(parts))
    con.unregister("empty_rows")
    return row_count(con, "merged")


def filter_length(con: duckdb.DuckDBPyConnection, min_chars: int, max_chars: int) -> StepCounts:
    bounds = {"min_chars": min_chars, "max_chars": max_chars}
    return _sql_step(con, "filter_length", "merged", "filtered", [("filter_length", bounds), ("filter_length_quarantine", bounds)])


def dedup_exact(con: duckdb.DuckDBPyConnection, priority: dict[str, int]) -> StepCounts:
    """Exact duplicates across sources on normalised content; the source priority decides which copy stays."""
    frame = pl.DataFrame({"source": list(priority), "priority": list(priority.values())}, schema={"source": pl.String, "priority": pl.Int32})
    con.register("source_priority_frame", frame.to_arrow())
    con.execute("CREATE OR REPLACE TEMP TABLE source_priority AS SELECT * FROM source_priority_frame")
    con.unregister("source_priority_frame")
    steps = [("dedup_exact", {}), ("dedup_exact_quarantine", {}), ("dedup_exact_keep", {})]
    counts = _sql_step(con, "dedup_exact", "filtered", "deduplicated", steps)
    con.execute("DROP TABLE IF EXISTS dedup_ranked")
    return counts


def build_final(con: duckdb.DuckDBPyConnection, seed: int, test_fraction: float) -> dict[str, int]:
    con.execute(statement("final"), {"seed": str(seed), "test_fraction": test_fraction})
    return {split: int(n) for split, n in con.execute("SELECT split, count(*) FROM final GROUP BY split ORDER BY split").fetchall()}


def _sql_step(
    con: duckdb.DuckDBPyConnection, step: str, source_table: str, target_table: str, statements: list[tuple[str, dict]]
) -> StepCounts:
    ensure_quarantine(con)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(statement("quarantine_clear"), {"step": step, "source": None})
        for name, params in statements:
            con.execute(statement(name), params)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return StepCounts(read=row_count(con, source_table), kept=row_count(con, target_table), dropped=quarantine_counts(con, step))
