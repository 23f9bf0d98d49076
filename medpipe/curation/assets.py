"""merged -> the curation STEPS in order -> final; the step assets are generated from the list."""

from typing import Sequence

import dagster as dg
import duckdb
import polars as pl

from medpipe.curation.runner import Step, run_step
from medpipe.curation.splits import split_groups
from medpipe.curation.steps import STEPS
from medpipe.sources.assets import source_assets
from medpipe.sources.catalog import INCLUDED, SYNTHETIC_SOURCES
from medpipe.synthetic.assets import assets as synthetic_assets
from medpipe.synthetic.tasks import write_generated
from medpipe.warehouse.partitions import import_partitions
from medpipe.warehouse.report import markdown_preview
from medpipe.warehouse.rows import CURATED_SCHEMA, content_version
from medpipe.warehouse.store import (FINAL, MAIN, SOURCES, Warehouse, counts_by_source, replace_table, statement,
                                     table_exists, table_ref, table_version, transaction)
from medpipe.warehouse.versions import inputs_key, record_step, skipped, up_to_date

MERGED = "merged"
CURATED = dict(group_name="curated")


class SplitConfig(dg.Config):
    seed: int = 42
    test_fraction: float = 0.05


@dg.asset(name=MERGED, deps=[*(a.key for a in source_assets), *synthetic_assets], kinds={"duckdb"}, **CURATED)
def merged(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """Union of every normalised source and of the synthetic partitions generated so far, in the unified schema."""
    names = [spec.name for spec in INCLUDED] + sorted(SYNTHETIC_SOURCES)
    store = warehouse.partitions()
    with warehouse.get_connection() as con:
        imported = import_partitions(con, store, write_generated) if store else []  # partitions committed by workers since the last merge
        if imported:
            context.log.info(f"imported {len(imported)} partitions from {store.root}: " + ", ".join(f"{c.dataset}[{c.partition}]" for c in imported))
        tables = [name for name in names if table_exists(con, SOURCES, name)]
        key = inputs_key(MERGED, tables={name: table_version(con, SOURCES, name) for name in tables})
        recorded = up_to_date(con, MERGED, key, outputs=((MAIN, MERGED),))
        if recorded is not None:
            return skipped(recorded, {"partitions_imported": len(imported)})
        with transaction(con):
            replace_table(con, MAIN, MERGED, union_sources(con, tables))
            per_source = counts_by_source(con, MAIN, MERGED)
            missing = [spec.name for spec in INCLUDED if not per_source.get(spec.name)]
            metadata = {"dagster/row_count": sum(per_source.values()), "rows_by_source": per_source, "missing_sources": ", ".join(missing) or "none"}
            record_step(con, MERGED, key, metadata)
    if missing:
        context.log.warning(f"MISSING SOURCES: {', '.join(missing)} contribute no rows to this build (see their assets' status).")
    return dg.MaterializeResult(metadata=metadata | {"rows_by_source": dg.MetadataValue.json(per_source), "partitions_imported": len(imported)})


def union_sources(con: duckdb.DuckDBPyConnection, tables: list[str]) -> pl.DataFrame:
    """The source tables stacked by column name, each row with no flags yet."""
    empty = pl.DataFrame(schema=CURATED_SCHEMA)
    parts = [con.execute(f"SELECT * FROM {table_ref(SOURCES, name)}").pl() for name in tables]
    rows = pl.concat([empty, *(p.with_columns(pl.lit([], dtype=pl.List(pl.String)).alias("flags")) for p in parts)], how="diagonal_relaxed")
    return rows.select(list(CURATED_SCHEMA)).cast(CURATED_SCHEMA)  # type: ignore[arg-type]


def step_asset(step: Step, upstream: str) -> dg.AssetsDefinition:
    """The asset of one step: it reads `upstream` (and the step's `reads`) and writes `step.table`."""

    @dg.asset(name=step.table, deps=[upstream, *step.reads], description=step.description, kinds=set(step.kinds),
              config_schema=step.config.to_config_schema() if step.config else None, required_resource_keys={"warehouse", *step.resources},
              **CURATED)
    def _step(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        config = step.config(**context.op_config) if step.config else None
        resources = {key: getattr(context.resources, key) for key in step.resources}
        with context.resources.warehouse.get_connection() as con:
            key = inputs_key(step.name, input=table_version(con, MAIN, upstream), reads=[table_version(con, MAIN, name) for name in step.reads],
                             config=config, resources=resources)
            recorded = up_to_date(con, step.name, key, outputs=((MAIN, step.table),))
            if recorded is not None:
                context.log.info(f"{step.name}: up to date (input, config and code unchanged)")
                return skipped(recorded)
            report = run_step(step, con, upstream, config, resources, context.log, inputs=key)
        context.log.info(f"{step.name}: read {report.read:,}, kept {report.kept:,}, dropped {report.dropped:,} {report.dropped_by_reason or ''}")
        return dg.MaterializeResult(metadata=report.metadata())

    return _step


def final_asset(upstream: str) -> dg.AssetsDefinition:
    @dg.asset(name=FINAL, deps=[upstream], kinds={"duckdb"}, **CURATED)
    def final(context: dg.AssetExecutionContext, warehouse: Warehouse, config: SplitConfig) -> dg.MaterializeResult:
        """The unified training table: the last curation step's rows, shuffled with a fixed seed and split into train/test by id."""
        with warehouse.get_connection() as con:
            key = inputs_key(FINAL, input=table_version(con, MAIN, upstream), config=config)
            recorded = up_to_date(con, FINAL, key, outputs=((MAIN, FINAL),))
            if recorded is not None:
                return skipped(recorded, data_version=dg.DataVersion(recorded["data_version"]))
            con.execute(f"CREATE OR REPLACE TEMP VIEW step_input AS SELECT * FROM {table_ref(MAIN, upstream)}")
            con.register("split_groups", split_groups(con.execute("SELECT id, input, output FROM step_input ORDER BY id").pl()))
            with transaction(con):
                con.execute(statement("final"), {"seed": str(config.seed), "test_fraction": config.test_fraction})
                splits = dict(con.execute("SELECT split, count(*) FROM final GROUP BY split ORDER BY split").fetchall())
                version = final_version(con)
                metadata = {"dagster/row_count": sum(splits.values()), "rows_by_split": splits, "rows_by_source": counts_by_source(con, MAIN, FINAL),
                            "data_version": version,
                            "preview": markdown_preview(con.execute(f"SELECT * FROM {table_ref(MAIN, FINAL)} ORDER BY id LIMIT 5").pl(),
                                                        ["split", "source", "input", "output"])}
                record_step(con, FINAL, key, metadata)
        context.log.info(f"final: {sum(splits.values())} rows {splits}, version {version}")
        return dg.MaterializeResult(data_version=dg.DataVersion(version), metadata=metadata | {
            "rows_by_split": dg.MetadataValue.json(splits), "rows_by_source": dg.MetadataValue.json(metadata["rows_by_source"]),
            "preview": dg.MetadataValue.md(metadata["preview"])})

    return final


def curation_assets(steps: Sequence[Step] = STEPS) -> list[dg.AssetsDefinition]:
    """merged, one asset per step in order, then final: the graph is the list."""
    tables = [MERGED, *(step.table for step in steps)]
    return [merged, *(step_asset(step, upstream) for step, upstream in zip(steps, tables)), final_asset(tables[-1])]


def final_version(con: duckdb.DuckDBPyConnection) -> str:
    """The content version of `final` (the release gate's outcome is recorded against it)."""
    return content_version(con.execute(f"SELECT split, id FROM {table_ref(MAIN, FINAL)}").pl())


assets = curation_assets()
