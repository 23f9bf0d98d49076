"""Evaluation-set questions, read like sources (Hub, MEDPIPE_RAW_DIR or bundled samples)."""

from __future__ import annotations

import polars as pl

from medpipe.sources.catalog import EvalSetSpec
from medpipe.sources.config import SourceSettings
from medpipe.sources.load import SourceSkipped, raw_records
from medpipe.warehouse.text import clean_text

EVAL_SCHEMA = {"eval_set": pl.String, "question_id": pl.String, "question": pl.String}


def load_eval_questions(specs: tuple[EvalSetSpec, ...], inputs: SourceSettings) -> tuple[pl.DataFrame, dict[str, str]]:
    """All questions of the eval sets that can be read here, and why each other set was skipped."""
    rows, skipped = [], {}
    for spec in specs:
        try:
            _, records, _ = raw_records(spec, inputs)
            for raw in records:
                question = (raw.record or {}).get(spec.question_field)
                if isinstance(question, str) and question.strip():
                    rows.append({"eval_set": spec.name, "question_id": raw.source_id, "question": clean_text(question)})
        except SourceSkipped as exc:
            skipped[spec.name] = str(exc)
    return pl.DataFrame(rows, schema=EVAL_SCHEMA), skipped
