"""Evaluation-set questions, read like sources (Hub, MEDPIPE_RAW_DIR or bundled samples)."""

from __future__ import annotations

import polars as pl

from medpipe.sources.catalog import EvalSetSpec
from medpipe.sources.config import SourceSettings
from medpipe.sources.load import SourceSkipped, locate, pinned, raw_records
from medpipe.warehouse.rows import Malformed, Rejection, quarantine_frame, quarantine_row, text_field
from medpipe.warehouse.store import EVAL_QUESTIONS
from medpipe.warehouse.text import clean_text
from medpipe.warehouse.versions import file_fingerprints

EVAL_SCHEMA = {"eval_set": pl.String, "question_id": pl.String, "question": pl.String}


def load_eval_questions(specs: tuple[EvalSetSpec, ...], inputs: SourceSettings) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, str]]:
    """All questions of the eval sets that can be read here, the records that are not questions (quarantined like a
    source's), and why each other set was skipped."""
    rows, quarantined, skipped = [], [], {}
    for spec in specs:
        try:
            _, records, _ = raw_records(spec, inputs, spec.max_rows)  # never MEDPIPE_MAX_ROWS_PER_SOURCE: a capped set would let leaks through
            for raw in records:
                try:
                    if raw.error is not None or raw.record is None:
                        raise Malformed(raw.error.reason if raw.error else "unreadable", raw.error.detail if raw.error else "")
                    question = clean_text(text_field(raw.record, spec.question_field))
                    if not question:
                        raise Malformed("empty_question", spec.question_field)
                    rows.append({"eval_set": spec.name, "question_id": raw.source_id, "question": question})
                except Malformed as bad:
                    quarantined.append(quarantine_row(EVAL_QUESTIONS, spec.name, raw.source_id, Rejection(bad.reason, bad.detail), raw.record or {}))
        except SourceSkipped as exc:
            skipped[spec.name] = str(exc)
    return pl.DataFrame(rows, schema=EVAL_SCHEMA), quarantine_frame(quarantined), skipped


def eval_inputs(specs: tuple[EvalSetSpec, ...], inputs: SourceSettings) -> dict[str, object] | None:
    """What the evaluation sets would be read from (file fingerprints, or why a set is skipped); None when a set comes from
    a Hub branch, which can move."""
    found: dict[str, object] = {}
    for spec in specs:
        try:
            origin, _ = locate(spec, inputs)
        except SourceSkipped as exc:
            found[spec.name] = str(exc)
            continue
        if origin.kind == "hub" and not pinned(spec):
            return None
        found[spec.name] = [origin.where, file_fingerprints(origin.files)]
    return found
