"""The one step contract. A `Step` says what it reads, what it writes and how it computes; `step_asset` makes its Dagster
asset, which skips when its inputs are unchanged, writes the step's tables, its quarantine and its record in one
transaction, and reports the same metadata whether it ran or skipped.

A step's `plan` reads what it needs to know what it depends on and returns a `Plan`: the inputs (hashed, with the step's
config and medpipe's code, into the key recorded with the output) and `run`, which computes the `Output`. The runner
writes nothing a step did not return, and a crash anywhere leaves the previous output and record.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import dagster as dg
import duckdb
import polars as pl

from medpipe.warehouse.rows import QUARANTINE_SCHEMA
from medpipe.warehouse.store import ensure_quarantine, insert_quarantine, replace_table, statement, transaction
from medpipe.warehouse.resource import Warehouse
from medpipe.warehouse.versions import inputs_key, plain, record_step, up_to_date

STEP_TAG = "medpipe/step"  # every asset made by `step_asset` carries it (a test checks that every warehouse writer does)

Table = tuple[str, str]  # (schema, table)


@dataclass
class StepContext:
    """What a step may use: the connection, its config, the resources it asked for, the warehouse, a log, and metadata it
    wants reported besides its output's."""

    con: duckdb.DuckDBPyConnection
    config: Any
    resources: dict[str, Any]
    warehouse: Warehouse | None
    log: logging.Logger | Any
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class Output:
    """What a step's run produced. `tables` replace the step's tables; `quarantined` replaces the step's quarantine (its rows
    are written under the step's name); `write` does the step's other writes in the same transaction (a load record, the
    index's id map); `warnings` are logged loudly."""

    tables: dict[Table, pl.DataFrame | Any] = field(default_factory=dict)
    quarantined: pl.DataFrame | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    write: Callable[[duckdb.DuckDBPyConnection], dict[str, Any] | None] | None = None  # may return metadata known only once written
    warnings: list[str] = field(default_factory=list)
    data_version: str | None = None


@dataclass
class Plan:
    """The step's inputs (None: they cannot be fingerprinted, so the step always runs) and its run."""

    inputs: dict[str, Any] | None
    run: Callable[[], Output]
    this_run: dict[str, Any] = field(default_factory=dict)  # what the plan itself did (reported also when the step skips)


@dataclass(frozen=True)
class Step:
    """One step of the pipeline: its one name (the asset's, the quarantine's, the record's), what it writes, how it plans
    and runs, and the Dagster facts of its asset."""

    name: str
    description: str
    plan: Callable[[StepContext], Plan]
    group: str
    writes: tuple[Table, ...] = ()  # every table it replaces: the step skips only when they all still exist
    files: Callable[[Warehouse], Sequence[Path]] | None = None  # outputs outside the DuckDB file, which must exist to skip
    deps: tuple[Any, ...] = ()
    key_prefix: str | None = None
    config: type[dg.Config] | None = None
    resources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("duckdb",)
    metadata: dict[str, Any] = field(default_factory=dict)  # the asset's static metadata (shown in the UI's catalog)
    describe: Callable[[Any], str] | None = None  # the card's sentence on what this step did, from the config it ran with


def run_step(step: Step, context: StepContext) -> tuple[dict[str, Any], str | None, bool]:
    """Plan, skip or run, and write: (metadata, data version, whether it ran)."""
    plan = step.plan(context)
    key = None
    if plan.inputs is not None:
        key = inputs_key(step.name, **plan.inputs, config=context.config)
        recorded = up_to_date(context.con, step.name, key, outputs=step.writes)
        files_present = step.files is None or context.warehouse is not None and all(path.exists() for path in step.files(context.warehouse))
        if recorded is not None and files_present:
            context.log.info(f"{step.name}: up to date (inputs, config and code unchanged)")
            return {**skipped_metadata(recorded), **plan.this_run}, recorded.get("data_version"), False
    output = plan.run()
    for warning in output.warnings:
        context.log.warning(f"{step.name}: {warning}")
    metadata = write_output(step, context.con, output, key, {**output.metadata, **context.metadata, **plan.this_run})
    return metadata, metadata.get("data_version"), True


def write_output(step: Step, con: duckdb.DuckDBPyConnection, output: Output, key: str | None, metadata: dict[str, Any]) -> dict[str, Any]:
    """The step's tables, quarantine, other writes and record, all or nothing; the metadata as recorded."""
    if output.quarantined is not None:
        ensure_quarantine(con)
    with transaction(con):
        for (schema, table), rows in output.tables.items():
            replace_table(con, schema, table, rows)
        if output.quarantined is not None:
            con.execute(statement("quarantine_clear"), {"step": step.name, "source": None})
            quarantined = output.quarantined  # a frame, or a relation already under the step's name (curation's chunked steps)
            insert_quarantine(con, as_quarantine(quarantined, step.name) if isinstance(quarantined, pl.DataFrame) else quarantined)
        if output.write is not None:
            metadata |= output.write(con) or {}
        if output.data_version is not None:
            metadata["data_version"] = output.data_version
        if key is not None:
            record_step(con, step.name, key, metadata)
    return metadata


def as_quarantine(rows: pl.DataFrame, step: str) -> pl.DataFrame:
    """Quarantined rows under the step's one name."""
    if not rows.height:
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    return rows.with_columns(pl.lit(step).alias("step")).select(list(QUARANTINE_SCHEMA)).cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]


def skipped_metadata(recorded: dict[str, Any]) -> dict[str, Any]:
    """A skipped step reports its row count and, under `last_run`, what the run that built the output reported."""
    metadata: dict[str, Any] = {"up_to_date": "inputs, config and code unchanged since the last run: skipped",
                                "last_run": dg.MetadataValue.json(recorded)}
    if "dagster/row_count" in recorded:
        metadata["dagster/row_count"] = recorded["dagster/row_count"]
    return metadata


def dagster_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Plain dicts and lists shown as JSON in the UI; Dagster's own values as they are."""
    return {k: dg.MetadataValue.json(plain(v)) if isinstance(v, (dict, list)) else v for k, v in metadata.items()}


def markdown(text: str) -> dg.MetadataValue:
    return dg.MetadataValue.md(text)


def step_asset(step: Step) -> dg.AssetsDefinition:
    """The Dagster asset of a step: config and resources as the step declares them, the skip, the transaction, the metadata."""

    @dg.asset(name=step.name, key_prefix=step.key_prefix, deps=list(step.deps), group_name=step.group, description=step.description,
              kinds=set(step.kinds), config_schema=step.config.to_config_schema() if step.config else None,
              required_resource_keys={"warehouse", *step.resources}, metadata=step.metadata or None, op_tags={STEP_TAG: step.name})
    def _asset(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        warehouse: Warehouse = context.resources.warehouse
        config = step.config(**context.op_config) if step.config else None
        resources = {key: getattr(context.resources, key) for key in step.resources}
        with warehouse.get_connection() as con:
            metadata, data_version, _ = run_step(step, StepContext(con, config, resources, warehouse, context.log))
        return dg.MaterializeResult(metadata=dagster_metadata(metadata), data_version=dg.DataVersion(data_version) if data_version else None)

    return _asset
