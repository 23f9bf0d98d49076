"""merged -> the curation STEPS in order -> final, each a Step (warehouse/step.py); the graph is the list."""

from typing import Sequence

import dagster as dg
import duckdb
import polars as pl

from medpipe.curation.runner import CURATED_GROUP, CurationStep, as_step
from medpipe.curation.splits import split_groups
from medpipe.curation.steps import STEPS
from medpipe.sources.assets import source_assets
from medpipe.sources.catalog import INCLUDED, SYNTHETIC_SOURCES
from medpipe.synthetic.assets import assets as synthetic_assets
from medpipe.synthetic.tasks import write_generated
from medpipe.warehouse.partitions import import_partitions, store_of
from medpipe.warehouse.report import markdown_preview
from medpipe.warehouse.rows import CURATED_SCHEMA, content_version
from medpipe.warehouse.step import Output, Plan, Step, StepContext, markdown, step_asset
from medpipe.warehouse.store import FINAL, MAIN, SOURCES, counts_by_source, statement, table_exists, table_ref, table_version

MERGED = "merged"


class SplitConfig(dg.Config):
    seed: int = 42
    test_fraction: float = 0.05


def plan_merged(context: StepContext) -> Plan:
    names = [spec.name for spec in INCLUDED] + sorted(SYNTHETIC_SOURCES)
    store = store_of(context.warehouse) if context.warehouse else None
    imported = import_partitions(context.con, store, write_generated) if store else []  # partitions committed by workers since the last merge
    if imported:
        context.log.info(f"imported {len(imported)} partitions from {store.root}: " + ", ".join(f"{c.dataset}[{c.partition}]" for c in imported))  # type: ignore[union-attr]
    tables = [name for name in names if table_exists(context.con, SOURCES, name)]

    def run() -> Output:
        rows = union_sources(context.con, tables)
        per_source = dict(rows.group_by("source").len().sort("source").iter_rows())
        missing = [spec.name for spec in INCLUDED if not per_source.get(spec.name)]
        warnings = [f"MISSING SOURCES: {', '.join(missing)} contribute no rows to this build (see their assets' status)."] if missing else []
        return Output(tables={(MAIN, MERGED): rows}, warnings=warnings,
                      metadata={"dagster/row_count": rows.height, "rows_by_source": per_source, "missing_sources": ", ".join(missing) or "none"})

    return Plan({"tables": {name: table_version(context.con, SOURCES, name) for name in tables}}, run,
                this_run={"partitions_imported": len(imported)})


def union_sources(con: duckdb.DuckDBPyConnection, tables: list[str]) -> pl.DataFrame:
    """The source tables stacked by column name, each row with no flags yet."""
    empty = pl.DataFrame(schema=CURATED_SCHEMA)
    parts = [con.execute(f"SELECT * FROM {table_ref(SOURCES, name)}").pl() for name in tables]
    rows = pl.concat([empty, *(p.with_columns(pl.lit([], dtype=pl.List(pl.String)).alias("flags")) for p in parts)], how="diagonal_relaxed")
    return rows.select(list(CURATED_SCHEMA)).cast(CURATED_SCHEMA)  # type: ignore[arg-type]


merged_step = Step(MERGED, "Union of every normalised source and of the synthetic partitions generated so far, in the unified schema.",
                   plan_merged, CURATED_GROUP, writes=((MAIN, MERGED),), deps=(*(a.key for a in source_assets), *(a.key for a in synthetic_assets)))


def final_step(upstream: str) -> Step:
    def plan(context: StepContext) -> Plan:
        return Plan({"input": table_version(context.con, MAIN, upstream)},
                    lambda: Output(write=lambda con: write_final(con, upstream, context.config)))

    return Step(FINAL, "The unified training table: the last curation step's rows, shuffled with a fixed seed and split into train/test by id.",
                plan, CURATED_GROUP, writes=((MAIN, FINAL),), deps=(upstream,), config=SplitConfig)


def write_final(con: duckdb.DuckDBPyConnection, upstream: str, config: SplitConfig) -> dict:
    con.execute(f"CREATE OR REPLACE TEMP VIEW step_input AS SELECT * FROM {table_ref(MAIN, upstream)}")
    con.register("split_groups", split_groups(con.execute("SELECT id, input, output FROM step_input ORDER BY id").pl()))
    con.execute(statement("final"), {"seed": str(config.seed), "test_fraction": config.test_fraction})
    splits = dict(con.execute("SELECT split, count(*) FROM final GROUP BY split ORDER BY split").fetchall())
    version = final_version(con)
    preview = markdown_preview(con.execute(f"SELECT * FROM {table_ref(MAIN, FINAL)} ORDER BY id LIMIT 5").pl(),
                               ["split", "source", "input", "output"])
    return {"dagster/row_count": sum(splits.values()), "rows_by_split": splits, "rows_by_source": counts_by_source(con, MAIN, FINAL),
            "data_version": version, "preview": markdown(preview)}


def curation_steps(steps: Sequence[CurationStep] = STEPS) -> list[Step]:
    """merged, one step per curation step in order, then final."""
    tables = [MERGED, *(step.name for step in steps)]
    return [merged_step, *(as_step(step, upstream) for step, upstream in zip(steps, tables)), final_step(tables[-1])]


def final_version(con: duckdb.DuckDBPyConnection) -> str:
    """The content version of `final` (the release gate's outcome is recorded against it)."""
    return content_version(con.execute(f"SELECT split, id FROM {table_ref(MAIN, FINAL)}").pl())


steps = curation_steps()
assets = [step_asset(step) for step in steps]
