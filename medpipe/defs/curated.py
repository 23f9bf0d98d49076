"""merged -> filtered -> deduplicated -> final."""


import dagster as dg

from medpipe.defs.sources import SOURCE_SCHEMA, source_assets
from medpipe.lib import curate
from medpipe.lib.report import markdown_preview
from medpipe.lib.warehouse import counts_by_source, read_table, table_exists
from medpipe.resources import DUCKDB_POOL, Warehouse
from medpipe.sources.catalog import INCLUDED, PRIORITY

CURATED = dict(group_name="curated", kinds={"duckdb"}, pool=DUCKDB_POOL)


class LengthBounds(dg.Config):
    min_chars: int = 10
    max_chars: int = 1500


class SplitConfig(dg.Config):
    seed: int = 42
    test_fraction: float = 0.05


@dg.asset(deps=[a.key for a in source_assets], **CURATED)
def merged(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """Union of every normalised source in the unified schema."""
    with warehouse.get_connection() as con:
        tables = [(SOURCE_SCHEMA, spec.name) for spec in INCLUDED if table_exists(con, SOURCE_SCHEMA, spec.name)]
        total = curate.build_merged(con, tables)
        per_source = counts_by_source(con, "merged")
    missing = [spec.name for spec in INCLUDED if not per_source.get(spec.name)]
    if missing:
        context.log.warning(f"MISSING SOURCES: {', '.join(missing)} contribute no rows to this build (see their assets' status).")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": total,
            "rows_by_source": dg.MetadataValue.json(per_source),
            "missing_sources": ", ".join(missing) or "none",
        }
    )


@dg.asset(deps=[merged], **CURATED)
def filtered(warehouse: Warehouse, config: LengthBounds) -> dg.MaterializeResult:
    """Rows whose input and output lengths lie within the configured bounds."""
    with warehouse.get_connection() as con:
        counts = curate.filter_length(con, config.min_chars, config.max_chars)
    return dg.MaterializeResult(metadata={"dagster/row_count": counts.kept, **counts.as_metadata()})


@dg.asset(deps=[filtered], **CURATED)
def deduplicated(warehouse: Warehouse) -> dg.MaterializeResult:
    """Exact duplicates across sources removed on normalised content."""
    with warehouse.get_connection() as con:
        counts = curate.dedup_exact(con, PRIORITY)
    return dg.MaterializeResult(metadata={"dagster/row_count": counts.kept, **counts.as_metadata()})


@dg.asset(deps=[deduplicated], **CURATED)
def final(context: dg.AssetExecutionContext, warehouse: Warehouse, config: SplitConfig) -> dg.MaterializeResult:
    """The unified, deduplicated training table, shuffled with a fixed seed and split into train/test."""
    with warehouse.get_connection() as con:
        splits = curate.build_final(con, config.seed, config.test_fraction)
        per_source = counts_by_source(con, "final")
        preview = read_table(con, "main", "final").head(5)
    context.log.info(f"final: {sum(splits.values())} rows {splits}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(splits.values()),
            "rows_by_split": dg.MetadataValue.json(splits),
            "rows_by_source": dg.MetadataValue.json(per_source),
            "preview": dg.MetadataValue.md(markdown_preview(preview, ["split", "source", "input", "output"])),
        }
    )


curated_assets = [merged, filtered, deduplicated, final]
