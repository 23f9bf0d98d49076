"""One asset per catalog source (read, normalise, keep or quarantine) and the evaluation questions training data must not contain."""

import dagster as dg

from medpipe.sources.catalog import EVAL_SETS, INCLUDED, SourceSpec
from medpipe.sources.config import SourceSettings
from medpipe.sources.evalsets import load_eval_questions
from medpipe.sources.load import STEP, SourceSkipped, normalise_records, raw_records
from medpipe.sources.readers import SourceUnavailable
from medpipe.warehouse.report import markdown_preview, progress_logger
from medpipe.warehouse.rows import quarantine_frame, rows_frame
from medpipe.warehouse.store import DUCKDB_POOL, EVAL_QUESTIONS, MAIN, SOURCES, Warehouse, write_step

PREVIEW_COLUMNS = ["source_id", "input", "context", "output"]


def source_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    @dg.asset(
        name=spec.name,
        key_prefix=SOURCES,
        group_name="sources",
        kinds={"duckdb", "polars"},
        description=spec.description,
        pool=DUCKDB_POOL,
        metadata={"hub_id": spec.hub_id, "config": spec.config or "default", "license": spec.license},
    )
    def _source(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
        try:
            origin, records, notes = raw_records(spec, source_settings)
            result = normalise_records(spec, records, progress_logger(context.log.info, f"{spec.name}: records read from {origin.kind}"))
        except SourceSkipped as skipped:
            context.log.warning(f"SOURCE SKIPPED: {skipped}")
            with warehouse.get_connection() as con:
                write_step(con, schema=SOURCES, tables={spec.name: rows_frame([])}, step=STEP, source=spec.name, quarantined=quarantine_frame([]))
            return dg.MaterializeResult(metadata={"status": "skipped", "reason": str(skipped), "kept": 0})
        except SourceUnavailable as exc:
            raise dg.Failure(description=f"{spec.name}: {exc}") from exc
        for note in notes:
            context.log.warning(f"{spec.name}: {note}")
        with warehouse.get_connection() as con:
            write_step(con, schema=SOURCES, tables={spec.name: result.kept}, step=STEP, source=spec.name, quarantined=result.quarantined)
        context.log.info(f"{spec.name}: {result.counts()}")
        return dg.MaterializeResult(metadata={
            "status": "loaded", "origin": f"{origin.kind}: {origin.where}", **result.counts(), "dagster/row_count": result.kept.height,
            "preview": dg.MetadataValue.md(markdown_preview(result.kept, PREVIEW_COLUMNS)),
        })

    return _source


@dg.asset(name=EVAL_QUESTIONS, group_name="evaluation", kinds={"duckdb"}, pool=DUCKDB_POOL)
def eval_questions(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
    """Questions of the evaluation sets (MedQA test, MedMCQA dev, PubMedQA, MMLU medical) that training data must not contain."""
    questions, skipped = load_eval_questions(EVAL_SETS, source_settings)
    for reason in skipped.values():
        context.log.warning(f"EVAL SET SKIPPED: {reason}")
    with warehouse.get_connection() as con:
        write_step(con, schema=MAIN, tables={EVAL_QUESTIONS: questions}, step=EVAL_QUESTIONS, source=None, quarantined=quarantine_frame([]))
    by_set = dict(questions.group_by("eval_set").len().sort("eval_set").iter_rows()) if questions.height else {}
    return dg.MaterializeResult(metadata={"dagster/row_count": questions.height, "loaded_eval_sets": ", ".join(by_set) or "none",
                                          "skipped_eval_sets": ", ".join(skipped) or "none", "questions_by_set": dg.MetadataValue.json(by_set)})


source_assets = [source_asset(spec) for spec in INCLUDED]
assets = [*source_assets, eval_questions]
