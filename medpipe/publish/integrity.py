"""The gate's frames that need more than `final` itself: whether every row of this content of `final` was checked by the
recorded decontamination (and, for any that was not, whether it leaks an evaluation question), and whether a published
text holds a replacement or control character."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import polars as pl

from medpipe.curation import decontam
from medpipe.curation.decontam import checked_rows_version
from medpipe.warehouse.store import EVAL_QUESTIONS, MAIN, read_table, statement, table_exists, table_version

DECONTAMINATE = "decontaminate"  # the step, and the table it writes
# U+FFFD (a character lost on the way: a lone surrogate, bytes that were not UTF-8) and the C0 controls but tab, LF and CR, and DEL
BAD_CHARACTERS = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\x{FFFD}]"
TEXT_COLUMNS = ("input", "context", "output", "reasoning")


def contamination_inputs(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the contamination check reads besides final: the evaluation questions and the decontamination's record (part of
    the gate's inputs key, so a changed evaluation set or a rewritten decontaminate table runs the gate again)."""
    return {"eval_questions": table_version(con, MAIN, EVAL_QUESTIONS), "decontaminated": table_version(con, MAIN, DECONTAMINATE),
            "record": _recorded(con)}


def _recorded(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    con.execute(statement("step_versions_create"))
    found = con.execute("SELECT metadata FROM step_versions WHERE step = $step", {"step": DECONTAMINATE}).fetchone()
    return json.loads(found[0]) if found else {}


def contamination_frame(con: duckdb.DuckDBPyConnection, final: pl.DataFrame) -> pl.DataFrame:
    """Per row of final: "" when the recorded decontamination checked this exact (id, input) against the current evaluation
    questions and kept it, or when checking it now finds no leak; else the question it leaks. Rows the record does not cover
    (planted after the step, or all rows when the evaluation set changed since) are checked here with the step's recorded config."""
    questions = (read_table(con, MAIN, EVAL_QUESTIONS, order_by=("eval_set", "question_id")) if table_exists(con, MAIN, EVAL_QUESTIONS)
                 else pl.DataFrame(schema={"eval_set": pl.String, "question_id": pl.String, "question": pl.String}))
    record = _recorded(con)
    covered = pl.DataFrame(schema={"id": pl.String, "input": pl.String})
    if (record.get("eval_questions_version") == table_version(con, MAIN, EVAL_QUESTIONS) and table_exists(con, MAIN, DECONTAMINATE)):
        checked = con.execute(f"SELECT id, input FROM {MAIN}.{DECONTAMINATE}").pl()
        if checked_rows_version(checked) == record.get("checked_rows_version"):
            covered = checked
    unchecked = final.select("id", "input").join(covered, on=["id", "input"], how="anti")
    leaks = decontam.contaminated(unchecked.unique("id"), questions, decontam.DecontaminationConfig(**(record.get("config") or {})))
    described = leaks.select("id", pl.format("row {}: leaks {} question {} ({} of its {} distinctive n-grams, containment {}){}", "id", "eval_set",
                                             "question_id", "shared_ngrams", "question_ngrams", pl.col("containment").round(2),
                                             pl.lit(f"; {unchecked.height} of {final.height} rows not covered by the recorded decontamination"))
                             .alias("_contamination"))
    return final.select("id").join(described, on="id", how="left", maintain_order="left").select(pl.col("_contamination").fill_null(""))


def characters_frame(final: pl.DataFrame) -> pl.DataFrame:
    """Per row of final: "" when every published text (the text columns and each message turn) is free of BAD_CHARACTERS, else
    the first one found, its column and the text around it."""
    columns = {c: pl.col(c).fill_null("") for c in TEXT_COLUMNS}
    columns["messages"] = pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n").fill_null("")
    texts = final.select(pl.col("id"), *(expr.alias(name) for name, expr in columns.items()))
    found = pl.lit("")
    for name in reversed(list(columns)):  # the first column with a bad character names it
        position = pl.col(name).str.find(BAD_CHARACTERS)
        snippet = pl.col(name).str.slice((position - 20).clip(lower_bound=0), 45)
        found = pl.when(position.is_not_null()).then(
            pl.format("row {}: {} holds {} at {}: {}", "id", pl.lit(name), pl.col(name).str.slice(position, 1).map_elements(
                lambda c: f"U+{ord(c):04X}", return_dtype=pl.String), position, snippet.map_elements(repr, return_dtype=pl.String))).otherwise(found)
    return texts.select(found.alias("_characters"))
