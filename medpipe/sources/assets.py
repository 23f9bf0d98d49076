"""One asset per catalog source (read, normalise, keep or quarantine) and the evaluation questions training data must not contain."""

import re

import dagster as dg

from medpipe.sources.catalog import EVAL_SETS, INCLUDED, SourceSpec
from medpipe.sources.config import SourceSettings
from medpipe.sources.evalsets import load_eval_questions
from medpipe.sources.load import STEP, SourceResult, SourceSkipped, normalise_records, raw_records
from medpipe.sources.readers import SourceUnavailable
from medpipe.warehouse.guard import refuse_empty_input
from medpipe.warehouse.report import markdown_preview, progress_logger
from medpipe.warehouse.rows import quarantine_frame, rows_frame
from medpipe.warehouse.store import EVAL_QUESTIONS, MAIN, SOURCES, Warehouse, statement, table_exists, table_version, transaction, write_step
from medpipe.warehouse.versions import file_fingerprints, inputs_key, record_step, skipped, up_to_date

PREVIEW_COLUMNS = ["source_id", "input", "context", "output"]


def source_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    @dg.asset(
        name=spec.name,
        key_prefix=SOURCES,
        group_name="sources",
        kinds={"duckdb", "polars"},
        description=spec.description,
        metadata={"hub_id": spec.hub_id, "config": spec.config or "default", "license": spec.license},
    )
    def _source(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
        try:
            origin, records, notes = raw_records(spec, source_settings)
            cap = source_settings.max_rows_per_source or spec.max_rows
            # Files are fingerprinted; the Hub only when the catalog pins a commit (a branch such as "main" can move).
            fixed = origin.kind != "hub" or re.fullmatch(r"[0-9a-f]{40}", spec.revision) is not None
            key = inputs_key(spec.name, origin=origin.where, files=file_fingerprints(origin.files), cap=cap, max_loss=source_settings.max_source_loss)
            with warehouse.get_connection() as con:
                recorded = up_to_date(con, spec.name, key, outputs=((SOURCES, spec.name),)) if fixed else None
            if recorded is not None:
                context.log.info(f"{spec.name}: up to date ({origin.kind} files unchanged)")
                return skipped(recorded)
            result = normalise_records(spec, records, progress_logger(context.log.info, f"{spec.name}: records read from {origin.kind}"))
        except SourceSkipped as missing:
            context.log.warning(f"SOURCE SKIPPED: {missing}")
            metadata = {"status": "skipped", "reason": str(missing), "kept": 0}
            with warehouse.get_connection() as con:
                refuse_empty_input(con, SOURCES, spec.name, f"MEDPIPE_RAW_DIR={source_settings.raw_dir}" if source_settings.raw_dir else "the bundled samples", f"has no files for the source {spec.name}", source_settings.allow_empty)
                key = inputs_key(spec.name, missing=str(missing))
                if up_to_date(con, spec.name, key, outputs=((SOURCES, spec.name),)) is None or table_version(con, SOURCES, spec.name) != "0:0":
                    with transaction(con):
                        write_step(con, schema=SOURCES, tables={spec.name: rows_frame([])}, step=STEP, source=spec.name, quarantined=quarantine_frame([]))
                        record_step(con, spec.name, key, metadata)
            return dg.MaterializeResult(metadata=metadata)
        except SourceUnavailable as exc:
            raise dg.Failure(description=f"{spec.name}: {exc}") from exc
        for note in notes:
            context.log.warning(f"{spec.name}: {note}")
        origin_key = f"{origin.kind}: {origin.where}"
        metadata = {"status": "loaded", "origin": origin_key, **result.counts(), "dagster/row_count": result.kept.height,
                    "preview": markdown_preview(result.kept, PREVIEW_COLUMNS)}
        with warehouse.get_connection() as con:
            con.execute(statement("source_loads_create"))
            previous = con.execute("SELECT kept FROM source_loads WHERE source = $s AND origin = $o AND row_cap IS NOT DISTINCT FROM $c",
                                   {"s": spec.name, "o": origin_key, "c": cap}).fetchone()
            check_load(spec.name, result, previous[0] if previous else None, source_settings.max_source_loss)
            with transaction(con):
                write_step(con, schema=SOURCES, tables={spec.name: result.kept}, step=STEP, source=spec.name, quarantined=result.quarantined)
                con.execute(statement("source_loads_record"), {"source": spec.name, "origin": origin_key, "row_cap": cap, "read": result.read,
                                                               "kept": result.kept.height})
                record_step(con, spec.name, key, metadata)
        context.log.info(f"{spec.name}: {result.counts()}")
        return dg.MaterializeResult(metadata=metadata | {"preview": dg.MetadataValue.md(metadata["preview"])})

    return _source


def check_load(name: str, result: SourceResult, previous_kept: int | None, max_loss: float) -> None:
    """A source that keeps nothing of what it read, or far less than its previous load, fails instead of passing quietly."""
    reasons = ", ".join(f"{k.removeprefix('dropped:')} {v}" for k, v in result.counts().items() if k.startswith("dropped:"))
    if result.read and not result.kept.height:
        raise dg.Failure(description=f"{name}: all {result.read:,} records were quarantined ({reasons}); its format or columns have probably changed. "
                                     "See `SELECT reason, detail FROM quarantine WHERE source = '" + name + "'`; the previous rows of this source are kept.")
    if previous_kept and result.kept.height < previous_kept * (1 - max_loss):
        raise dg.Failure(description=f"{name}: kept {result.kept.height:,} rows against {previous_kept:,} at its previous load from the same origin "
                                     f"(more than {max_loss:.0%} lost; quarantined: {reasons or 'none'}). The previous rows are kept; fix the files, "
                                     "or remove the source's folder to skip it.")


@dg.asset(name=EVAL_QUESTIONS, group_name="evaluation", kinds={"duckdb"})
def eval_questions(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
    """Questions of the evaluation sets (MedQA test, MedMCQA dev, PubMedQA, MMLU medical) that training data must not contain."""
    questions, quarantined, skipped = load_eval_questions(EVAL_SETS, source_settings)
    for reason in skipped.values():
        context.log.warning(f"EVAL SET SKIPPED: {reason}")
    if quarantined.height:
        context.log.warning(f"EVAL SET RECORDS QUARANTINED: {dict(quarantined.group_by('source').len().iter_rows())} (see quarantine, step {EVAL_QUESTIONS})")
    by_set = dict(questions.group_by("eval_set").len().sort("eval_set").iter_rows()) if questions.height else {}
    with warehouse.get_connection() as con:
        if table_exists(con, MAIN, EVAL_QUESTIONS):  # an evaluation set that shrank would let its leaks through unnoticed
            before = dict(con.execute(f"SELECT eval_set, count(*) FROM {EVAL_QUESTIONS} GROUP BY 1").fetchall())
            shrunk = {name: f"{n} -> {by_set.get(name, 0)}" for name, n in before.items() if name not in skipped and by_set.get(name, 0) < n}
            if shrunk:
                context.log.warning(f"EVAL SETS SHRANK since the previous load: {shrunk}")
        write_step(con, schema=MAIN, tables={EVAL_QUESTIONS: questions}, step=EVAL_QUESTIONS, source=None, quarantined=quarantined)
    return dg.MaterializeResult(metadata={"dagster/row_count": questions.height, "quarantined": quarantined.height, "loaded_eval_sets": ", ".join(by_set) or "none",
                                          "skipped_eval_sets": ", ".join(skipped) or "none", "questions_by_set": dg.MetadataValue.json(by_set)})


source_assets = [source_asset(spec) for spec in INCLUDED]
assets = [*source_assets, eval_questions]
