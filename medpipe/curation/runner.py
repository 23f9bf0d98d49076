"""The curation step interface and the one runner every step goes through.

A step reads its input table and returns every input row (possibly rewritten) with `drop_reason` (NULL: kept)
and `drop_detail`; the runner writes the kept rows as the step's table, the dropped rows to `quarantine`,
and the step's run (config and counts) to `curation_runs`, all in one transaction.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Callable

import dagster as dg
import duckdb
import polars as pl

from medpipe.warehouse.machine import heap_retained
from medpipe.warehouse.rows import CURATED_SCHEMA, QUARANTINE_SCHEMA
from medpipe.warehouse.store import (MAIN, ensure_quarantine, insert_quarantine, read_table, replace_table, statement, table_ref,
                                     transaction)
from medpipe.warehouse.versions import record_step

ROW_ORDER = ("id", "source", "source_id")  # a fixed input order: duplicate clusters must not depend on DuckDB's scan order
LOUD_SHARE = 0.25  # a step that removes more than this share of a source's rows says so in a warning
DROP_COLUMNS = {"drop_reason": pl.String, "drop_detail": pl.String}


@dataclass
class StepContext:
    """What a step may use besides its rows: the connection, its config, the resources it asked for, a log,
    and extra metadata it wants to report."""

    con: duckdb.DuckDBPyConnection
    config: Any
    resources: dict[str, Any]
    log: logging.Logger | Any
    metadata: dict[str, Any] = field(default_factory=dict)


Decide = Callable[[pl.DataFrame, StepContext], pl.DataFrame]


@dataclass(frozen=True)
class Step:
    """One curation step: its quarantine name, the table (and asset) it writes, and either a polars `decide`
    function or a statement of sql/ that selects from `step_input`."""

    name: str
    table: str
    description: str
    decide: Decide | None = None
    sql: str | None = None
    config: type[dg.Config] | None = None
    resources: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # other tables (assets) the step reads, e.g. the evaluation questions
    kinds: tuple[str, ...] = ("duckdb",)

    def __post_init__(self) -> None:
        if (self.decide is None) == (self.sql is None):
            raise ValueError(f"step {self.name}: give either a decide function or a sql statement")


@dataclass(frozen=True)
class StepReport:
    read: int
    kept: int
    dropped_by_source: dict[str, int]
    dropped_by_reason: dict[str, int]
    extra: dict[str, Any]

    @property
    def dropped(self) -> int:
        return sum(self.dropped_by_reason.values())

    def metadata(self) -> dict[str, Any]:
        return {"dagster/row_count": self.kept, "read": self.read, "kept": self.kept, "dropped": self.dropped,
                "dropped_by_source": dg.MetadataValue.json(self.dropped_by_source),
                "dropped_by_reason": dg.MetadataValue.json(self.dropped_by_reason), **self.extra}


def keep_all(rows: pl.DataFrame) -> pl.DataFrame:
    """A decision that drops nothing (for steps that only rewrite or flag rows)."""
    return rows.with_columns(pl.lit(None, pl.String).alias("drop_reason"), pl.lit(None, pl.String).alias("drop_detail"))


def run_step(step: Step, con: duckdb.DuckDBPyConnection, input_table: str, config: Any, resources: dict[str, Any],
             log: Any, inputs: str | None = None) -> StepReport:
    """Run a step and write its output; `inputs` (versions.inputs_key) is recorded with the output so an unchanged rerun skips."""
    context = StepContext(con, config, resources, log)
    if step.sql is not None:
        con.execute(f"CREATE OR REPLACE TEMP VIEW step_input AS SELECT * FROM {table_ref(MAIN, input_table)}")
        decided = con.execute(statement(step.sql), config.model_dump() if config is not None else {}).pl()
    else:
        with heap_retained():
            decided = step.decide(read_table(con, MAIN, input_table, order_by=ROW_ORDER), context)  # type: ignore[misc]
    decided = decided.cast(DROP_COLUMNS)  # type: ignore[arg-type]
    is_dropped = pl.col("drop_reason").is_not_null()
    kept = decided.filter(~is_dropped).select(list(CURATED_SCHEMA)).cast(CURATED_SCHEMA)  # type: ignore[arg-type]
    dropped = decided.filter(is_dropped)
    quarantined = dropped.select(
        pl.lit(step.name).alias("step"), "source", "source_id", pl.col("drop_reason").alias("reason"), pl.col("drop_detail").alias("detail"),
        pl.struct("id", "input", "context", "output").struct.json_encode().alias("payload"),
    ).cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]
    read_by_source, dropped_by_source = _counts(decided, "source"), _counts(dropped, "source")
    heavy = {source: f"{n:,} of {read_by_source[source]:,}" for source, n in dropped_by_source.items() if n > LOUD_SHARE * read_by_source[source]}
    if heavy:
        log.warning(f"{step.name} REMOVED MORE THAN A QUARTER of {', '.join(f'{s} ({n})' for s, n in heavy.items())}")
        context.metadata["sources_over_a_quarter_removed"] = dg.MetadataValue.json(heavy)
    report = StepReport(decided.height, kept.height, dropped_by_source, _counts(dropped, "drop_reason"),
                        context.metadata | ({"config": dg.MetadataValue.json(config.model_dump())} if config is not None else {}))
    ensure_quarantine(con)
    con.execute(statement("curation_runs_create"))
    with transaction(con):
        replace_table(con, MAIN, step.table, kept)
        con.execute(statement("quarantine_clear"), {"step": step.name, "source": None})
        insert_quarantine(con, quarantined)
        con.execute(statement("curation_runs_record"), {
            "step": step.name, "output": step.table, "config": json.dumps(config.model_dump() if config is not None else {}, sort_keys=True),
            "read": report.read, "kept": report.kept, "dropped": report.dropped})
        if inputs is not None:
            record_step(con, step.name, inputs, report.metadata())
    return report


def recorded_config(con: duckdb.DuckDBPyConnection, step: str) -> dict[str, Any] | None:
    """The config a step last ran with, or None if it never ran on this warehouse."""
    con.execute(statement("curation_runs_create"))
    found = con.execute("SELECT config FROM curation_runs WHERE step = $step", {"step": step}).fetchone()
    return json.loads(found[0]) if found else None


def _counts(frame: pl.DataFrame, column: str) -> dict[str, int]:
    return dict(frame.group_by(column).len().sort(column).iter_rows()) if frame.height else {}
