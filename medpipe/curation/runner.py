"""The curation step interface, made a pipeline `Step` (warehouse/step.py) by `as_step`.

A curation step reads its input table and returns every input row (possibly rewritten) with `drop_reason` (NULL: kept)
and `drop_detail`; its Step writes the kept rows as the step's table, the dropped rows to `quarantine`, and the step's
run (config and counts) to `curation_runs`, all in one transaction.

A step whose decision on a row depends on that row alone (`row_by_row`) is given its input a chunk at a time, in the table's
own order, and its kept and quarantined rows gather in temporary DuckDB tables (which spill to disk): its memory is that of
one chunk, whatever the size of the table. The metadata its chunks report is added up (counts, and counts by key).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator

import dagster as dg
import duckdb
import polars as pl

from medpipe.warehouse.machine import heap_retained
from medpipe.warehouse.rows import CURATED_SCHEMA, QUARANTINE_SCHEMA
from medpipe.warehouse.step import Output, Plan, Step, StepContext
from medpipe.warehouse.store import MAIN, cursor, read_table, statement, table_ref, table_version

ROW_ORDER = ("id", "source", "source_id")  # a fixed input order: duplicate clusters must not depend on DuckDB's scan order
LOUD_SHARE = 0.25  # a step that removes more than this share of a source's rows says so in a warning
DROP_COLUMNS = {"drop_reason": pl.String, "drop_detail": pl.String}
CURATED_GROUP = "curated"
CHUNK_ROWS = 50_000  # the rows a row-by-row step decides at once

Decide = Callable[[pl.DataFrame, StepContext], pl.DataFrame]


@dataclass(frozen=True)
class CurationStep:
    """One curation step: its one name (asset, table, quarantine and record), and either a polars `decide` function or a
    statement of sql/ that selects from `step_input`; `describe` gives the card's sentence from the config it ran with."""

    name: str
    description: str
    decide: Decide | None = None
    sql: str | None = None
    config: type[dg.Config] | None = None
    resources: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # other tables (assets) the step reads, e.g. the evaluation questions
    kinds: tuple[str, ...] = ("duckdb",)
    describe: Callable[[Any], str] | None = None
    row_by_row: bool = False  # a row's decision depends on that row alone: decided a chunk at a time, in bounded memory

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
                "dropped_by_source": self.dropped_by_source, "dropped_by_reason": self.dropped_by_reason, **self.extra}


def keep_all(rows: pl.DataFrame) -> pl.DataFrame:
    """A decision that drops nothing (for steps that only rewrite or flag rows)."""
    return rows.with_columns(pl.lit(None, pl.String).alias("drop_reason"), pl.lit(None, pl.String).alias("drop_detail"))


def as_step(step: CurationStep, upstream: str) -> Step:
    """The pipeline Step of a curation step that reads `upstream` (and the step's `reads`)."""

    def plan(context: StepContext) -> Plan:
        inputs = {"input": table_version(context.con, MAIN, upstream), "reads": [table_version(context.con, MAIN, name) for name in step.reads],
                  "resources": context.resources}
        return Plan(inputs, lambda: curate(step, context, upstream))

    return Step(name=step.name, description=step.description, plan=plan, group=CURATED_GROUP, writes=((MAIN, step.name),),
                deps=(upstream, *step.reads), config=step.config, resources=step.resources, kinds=step.kinds, describe=step.describe)


@dataclass
class Split:
    """A step's decided rows split into kept rows and quarantine, with the counts its report needs."""

    kept: pl.DataFrame | Any  # a frame, or a relation over the temporary table the chunks were gathered in
    quarantined: pl.DataFrame | Any
    read_by_source: Counter[str] = field(default_factory=Counter)
    dropped_by_source: Counter[str] = field(default_factory=Counter)
    dropped_by_reason: Counter[str] = field(default_factory=Counter)


def split(step: CurationStep, decided: pl.DataFrame) -> Split:
    decided = decided.cast(DROP_COLUMNS)  # type: ignore[arg-type]
    is_dropped = pl.col("drop_reason").is_not_null()
    kept = decided.filter(~is_dropped).select(list(CURATED_SCHEMA)).cast(CURATED_SCHEMA)  # type: ignore[arg-type]
    dropped = decided.filter(is_dropped)
    quarantined = dropped.select(
        pl.lit(step.name).alias("step"), "source", "source_id", pl.col("drop_reason").alias("reason"), pl.col("drop_detail").alias("detail"),
        pl.struct("id", "input", "context", "output").struct.json_encode().alias("payload"),
    ).cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]
    return Split(kept, quarantined, Counter(_counts(decided, "source")), Counter(_counts(dropped, "source")),
                 Counter(_counts(dropped, "drop_reason")))


def chunks(con: duckdb.DuckDBPyConnection, table: str) -> Iterator[pl.DataFrame]:
    """The table's rows, CHUNK_ROWS at a time, in its own order (read on a cursor: the step writes on `con` meanwhile)."""
    reading = cursor(con)
    try:
        for batch in reading.execute(f"SELECT * FROM {table_ref(MAIN, table)}").fetch_record_batch(CHUNK_ROWS):
            yield pl.from_arrow(batch)  # type: ignore[misc]
    finally:
        reading.close()


def add_metadata(total: dict[str, Any], part: dict[str, Any]) -> None:
    """A chunk's metadata added to the step's: counts summed, counts by key summed key by key; any other value is a fact
    of the config, the same in every chunk."""
    for key, value in part.items():
        before = total.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and isinstance(before, int):
            total[key] = before + value
        elif isinstance(value, dg.JsonMetadataValue) and isinstance(before, dg.JsonMetadataValue) and _int_valued(value.data) \
                and _int_valued(before.data):
            total[key] = dg.MetadataValue.json(dict(sorted((Counter(before.data) + Counter(value.data)).items())))
        else:
            total[key] = value


def _int_valued(data: Any) -> bool:
    return isinstance(data, dict) and all(isinstance(v, int) and not isinstance(v, bool) for v in data.values())


def decide_in_chunks(step: CurationStep, context: StepContext, upstream: str) -> Split:
    """The step's decision a chunk at a time; kept and quarantined rows gathered in temporary tables of `con`."""
    con = context.con
    total = Split(kept=None, quarantined=None)
    kept_table, quarantine_table = f"chunked_kept_{step.name}", f"chunked_quarantine_{step.name}"
    for number, rows in enumerate(chunks(con, upstream)):
        chunk_context = replace(context, metadata={})
        with heap_retained():
            part = split(step, step.decide(rows, chunk_context))  # type: ignore[misc]
        add_metadata(context.metadata, chunk_context.metadata)
        for table, frame in ((kept_table, part.kept), (quarantine_table, part.quarantined)):
            con.register("chunk_rows", frame.to_arrow())
            try:
                con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM chunk_rows" if number == 0 else
                            f"INSERT INTO temp.main.{table} SELECT * FROM chunk_rows")
            finally:
                con.unregister("chunk_rows")
        for counts in ("read_by_source", "dropped_by_source", "dropped_by_reason"):
            getattr(total, counts).update(getattr(part, counts))
    if not total.read_by_source:  # an empty input: decided as one empty table, as a whole-table step sees it
        return split(step, step.decide(read_table(con, MAIN, upstream), context))  # type: ignore[misc]
    total.kept, total.quarantined = con.table(f"temp.main.{kept_table}"), con.table(f"temp.main.{quarantine_table}")
    return total


def drop_chunk_tables(con: duckdb.DuckDBPyConnection, step: CurationStep) -> None:
    for table in (f"chunked_kept_{step.name}", f"chunked_quarantine_{step.name}"):
        con.execute(f"DROP TABLE IF EXISTS temp.main.{table}")


def curate(step: CurationStep, context: StepContext, upstream: str) -> Output:
    """Run the step's decision on its input and split it into kept rows, quarantine, report and the curation_runs record."""
    con, config = context.con, context.config
    if step.sql is not None:
        con.execute(f"CREATE OR REPLACE TEMP VIEW step_input AS SELECT * FROM {table_ref(MAIN, upstream)}")
        decided = split(step, con.execute(statement(step.sql), config.model_dump() if config is not None else {}).pl())
    elif step.row_by_row:
        decided = decide_in_chunks(step, context, upstream)
    else:
        with heap_retained():
            decided = split(step, step.decide(read_table(con, MAIN, upstream, order_by=ROW_ORDER), context))  # type: ignore[misc]
    read_by_source, dropped_by_source = _sorted(decided.read_by_source), _sorted(decided.dropped_by_source)
    heavy = {source: f"{n:,} of {read_by_source[source]:,}" for source, n in dropped_by_source.items() if n > LOUD_SHARE * read_by_source[source]}
    warnings = []
    if heavy:
        warnings.append(f"REMOVED MORE THAN A QUARTER of {', '.join(f'{s} ({n})' for s, n in heavy.items())}")
        context.metadata["sources_over_a_quarter_removed"] = heavy
    config_fields = config.model_dump() if config is not None else {}
    read = sum(read_by_source.values())
    report = StepReport(read, read - sum(dropped_by_source.values()), dropped_by_source, _sorted(decided.dropped_by_reason),
                        context.metadata | ({"config": config_fields} if config is not None else {}))
    context.log.info(f"{step.name}: read {report.read:,}, kept {report.kept:,}, dropped {report.dropped:,} {report.dropped_by_reason or ''}")

    def record_run(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(statement("curation_runs_create"))
        con.execute(statement("curation_runs_record"), {"step": step.name, "output": step.name, "config": json.dumps(config_fields, sort_keys=True),
                                                         "read": report.read, "kept": report.kept, "dropped": report.dropped})
        drop_chunk_tables(con, step)  # written: the chunks' temporary tables are done with

    return Output(tables={(MAIN, step.name): decided.kept}, quarantined=decided.quarantined, metadata=report.metadata(), write=record_run,
                  warnings=warnings)


def recorded_config(con: duckdb.DuckDBPyConnection, step: str) -> dict[str, Any] | None:
    """The config a step last ran with, or None if it never ran on this warehouse."""
    con.execute(statement("curation_runs_create"))
    found = con.execute("SELECT config FROM curation_runs WHERE step = $step", {"step": step}).fetchone()
    return json.loads(found[0]) if found else None


def _sorted(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


def _counts(frame: pl.DataFrame, column: str) -> dict[str, int]:
    return dict(frame.group_by(column).len().sort(column).iter_rows()) if frame.height else {}
