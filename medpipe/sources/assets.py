"""One step per catalog source (read, normalise, keep or quarantine) and the evaluation questions training data must not contain."""

import dagster as dg
import duckdb

from medpipe.sources.catalog import EVAL_SETS, INCLUDED, SourceSpec
from medpipe.sources.config import SourceSettings
from medpipe.sources.evalsets import eval_inputs, load_eval_questions
from medpipe.sources.load import SourceResult, SourceSkipped, normalise_records, pinned, raw_records
from medpipe.sources.readers import SourceUnavailable
from medpipe.warehouse.guard import refuse_empty_input
from medpipe.warehouse.report import markdown_preview, progress_logger
from medpipe.warehouse.rows import quarantine_frame, rows_frame
from medpipe.warehouse.step import Output, Plan, Step, StepContext, markdown, step_asset
from medpipe.warehouse.store import EVAL_QUESTIONS, MAIN, SOURCES, statement, table_exists
from medpipe.warehouse.versions import file_fingerprints

PREVIEW_COLUMNS = ["source_id", "input", "context", "output"]
SOURCES_GROUP = "sources"


def source_step(spec: SourceSpec) -> Step:
    def plan(context: StepContext) -> Plan:
        settings: SourceSettings = context.resources["source_settings"]
        try:
            origin, records, notes = raw_records(spec, settings, settings.row_cap(spec))
        except SourceSkipped as exc:
            missing = exc  # the except clause unbinds its own name when it ends; the run below still needs it
            return Plan({"missing": str(missing)}, lambda: skipped_source(spec, context, missing))
        except SourceUnavailable as exc:
            raise dg.Failure(description=f"{spec.name}: {exc}") from exc
        cap = settings.row_cap(spec)
        fixed = origin.kind != "hub" or pinned(spec)  # files are fingerprinted; the Hub only at a pinned commit
        inputs = {"origin": origin.where, "files": file_fingerprints(origin.files), "cap": cap,
                  "max_loss": settings.max_source_loss} if fixed else None

        def run() -> Output:
            try:  # the records are read here, lazily: a file that turns out unreadable fails the source, naming it
                result = normalise_records(spec, records, progress_logger(context.log.info, f"{spec.name}: records read from {origin.kind}"))
            except SourceUnavailable as exc:
                raise dg.Failure(description=f"{spec.name}: {exc}") from exc
            origin_key = f"{origin.kind}: {origin.where}"
            check_load(spec.name, result, previous_load(context.con, spec.name, origin_key, cap), settings.max_source_loss)
            context.log.info(f"{spec.name}: {result.counts()}")

            def record_load(con: duckdb.DuckDBPyConnection) -> None:
                con.execute(statement("source_loads_record"), {"source": spec.name, "origin": origin_key, "row_cap": cap, "read": result.read,
                                                               "kept": result.kept.height})

            return Output(tables={(SOURCES, spec.name): result.kept}, quarantined=result.quarantined, write=record_load, warnings=notes,
                          metadata={"status": "loaded", "origin": origin_key, **result.counts(), "dagster/row_count": result.kept.height,
                                    "preview": markdown(markdown_preview(result.kept, PREVIEW_COLUMNS))})

        return Plan(inputs, run)

    return Step(spec.name, spec.description, plan, SOURCES_GROUP, writes=((SOURCES, spec.name),), key_prefix=SOURCES, kinds=("duckdb", "polars"),
                resources=("source_settings",), metadata={"hub_id": spec.hub_id, "config": spec.config or "default", "license": spec.license})


def skipped_source(spec: SourceSpec, context: StepContext, missing: SourceSkipped) -> Output:
    """A source with nothing to read gets an empty table and an empty quarantine, said loudly: the run goes on."""
    settings: SourceSettings = context.resources["source_settings"]
    refuse_empty_input(context.con, SOURCES, spec.name, f"MEDPIPE_RAW_DIR={settings.raw_dir}" if settings.raw_dir else "the bundled samples",
                       f"has no files for the source {spec.name}", settings.allow_empty)
    return Output(tables={(SOURCES, spec.name): rows_frame([])}, quarantined=quarantine_frame([]),
                  warnings=[f"SOURCE SKIPPED: {missing}"], metadata={"status": "skipped", "reason": str(missing), "kept": 0})


def previous_load(con: duckdb.DuckDBPyConnection, name: str, origin: str, cap: int | None) -> int | None:
    con.execute(statement("source_loads_create"))
    found = con.execute("SELECT kept FROM source_loads WHERE source = $s AND origin = $o AND row_cap IS NOT DISTINCT FROM $c",
                        {"s": name, "o": origin, "c": cap}).fetchone()
    return found[0] if found else None


def check_load(name: str, result: SourceResult, previous_kept: int | None, max_loss: float) -> None:
    """A source that keeps nothing of what it read, or far less than its previous load, fails instead of passing quietly."""
    reasons = ", ".join(f"{k.removeprefix('dropped:')} {v}" for k, v in result.counts().items() if k.startswith("dropped:"))
    if result.read and not result.kept.height:
        raise dg.Failure(description=f"{name}: all {result.read:,} records were quarantined ({reasons}); its format or columns have "
                                     "probably changed. "
                                     "See `SELECT reason, detail FROM quarantine WHERE source = '" + name + "'`; "
                                     "the previous rows of this source are kept.")
    if previous_kept and result.kept.height < previous_kept * (1 - max_loss):
        raise dg.Failure(description=f"{name}: kept {result.kept.height:,} rows against {previous_kept:,} at its previous load from the same origin "
                                     f"(more than {max_loss:.0%} lost; quarantined: {reasons or 'none'}). The previous rows are kept; fix the files, "
                                     "or remove the source's folder to skip it.")


def plan_eval_questions(context: StepContext) -> Plan:
    settings: SourceSettings = context.resources["source_settings"]

    def run() -> Output:
        questions, quarantined, skipped = load_eval_questions(EVAL_SETS, settings)
        warnings = [f"EVAL SET SKIPPED: {reason}" for reason in skipped.values()]
        if quarantined.height:
            warnings.append(f"EVAL SET RECORDS QUARANTINED: {dict(quarantined.group_by('source').len().iter_rows())} (see quarantine, step "
                            f"{EVAL_QUESTIONS})")
        by_set = dict(questions.group_by("eval_set").len().sort("eval_set").iter_rows()) if questions.height else {}
        if table_exists(context.con, MAIN, EVAL_QUESTIONS):  # an evaluation set that shrank would let its leaks through unnoticed
            before = dict(context.con.execute(f"SELECT eval_set, count(*) FROM {EVAL_QUESTIONS} GROUP BY 1").fetchall())
            shrunk = {name: f"{n} -> {by_set.get(name, 0)}" for name, n in before.items() if name not in skipped and by_set.get(name, 0) < n}
            if shrunk:
                warnings.append(f"EVAL SETS SHRANK since the previous load: {shrunk}")
        return Output(tables={(MAIN, EVAL_QUESTIONS): questions}, quarantined=quarantined, warnings=warnings, metadata={
            "dagster/row_count": questions.height, "quarantined": quarantined.height, "loaded_eval_sets": ", ".join(by_set) or "none",
            "skipped_eval_sets": ", ".join(skipped) or "none", "questions_by_set": by_set})

    return Plan(eval_inputs(EVAL_SETS, settings), run)


eval_questions_step = Step(EVAL_QUESTIONS,
                           "Questions of the evaluation sets (MedQA test, MedMCQA dev, PubMedQA, MMLU medical) that training data must not contain.",
                           plan_eval_questions, "evaluation", writes=((MAIN, EVAL_QUESTIONS),), resources=("source_settings",))

source_steps = [source_step(spec) for spec in INCLUDED]
steps = [*source_steps, eval_questions_step]
source_assets = [step_asset(step) for step in source_steps]
assets = [*source_assets, step_asset(eval_questions_step)]
