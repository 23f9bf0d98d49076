"""One asset per catalog source: read it, normalise it, keep the rows and quarantine the rest."""


import dagster as dg

from medpipe.lib.report import markdown_preview, progress_logger
from medpipe.lib.warehouse import write_step
from medpipe.resources import DUCKDB_POOL, SourceSettings, Warehouse
from medpipe.sources.catalog import INCLUDED, SourceSpec
from medpipe.sources.load import STEP, SourceSkipped, normalise_records, raw_records
from medpipe.lib.rows import quarantine_frame, rows_frame
from medpipe.sources.readers import SourceUnavailable

SOURCE_SCHEMA = "sources"
PREVIEW_COLUMNS = ["source_id", "input", "context", "output"]


def source_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    @dg.asset(
        name=spec.name,
        key_prefix=SOURCE_SCHEMA,
        group_name="sources",
        kinds={"duckdb", "polars"},
        description=spec.description,
        pool=DUCKDB_POOL,
        metadata={"hub_id": spec.hub_id, "config": spec.config or "default", "license": spec.license},
    )
    def _source(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
        settings = source_settings.settings(warehouse.database)
        try:
            origin, records, notes = raw_records(spec, settings)
            result = normalise_records(spec, records, progress_logger(context.log.info, f"{spec.name}: records read from {origin.kind}"))
        except SourceSkipped as skipped:
            context.log.warning(f"SOURCE SKIPPED: {skipped}")
            with warehouse.get_connection() as con:
                write_step(con, schema=SOURCE_SCHEMA, tables={spec.name: rows_frame([])}, step=STEP, source=spec.name, quarantined=quarantine_frame([]))
            return dg.MaterializeResult(metadata={"status": "skipped", "reason": str(skipped), "kept": 0})
        except SourceUnavailable as exc:
            raise dg.Failure(description=f"{spec.name}: {exc}") from exc
        for note in notes:
            context.log.warning(f"{spec.name}: {note}")
        with warehouse.get_connection() as con:
            write_step(con, schema=SOURCE_SCHEMA, tables={spec.name: result.kept}, step=STEP, source=spec.name, quarantined=result.quarantined)
        context.log.info(f"{spec.name}: {result.counts()}")
        return dg.MaterializeResult(
            metadata={
                "status": "loaded",
                "origin": f"{origin.kind}: {origin.where}",
                **result.counts(),
                "dagster/row_count": result.kept.height,
                "preview": dg.MetadataValue.md(markdown_preview(result.kept, PREVIEW_COLUMNS)),
            }
        )

    return _source


source_assets = [source_asset(spec) for spec in INCLUDED]
