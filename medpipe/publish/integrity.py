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
DESCRIBED_HITS = 1000  # rows with a bad character described in full (column, code point, text around it)


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
    the first one found, its column and the text around it. The search is vectorised; only the rows it hits are described."""
    columns = {c: pl.col(c).fill_null("") for c in TEXT_COLUMNS}
    columns["messages"] = pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n").fill_null("")
    texts = final.select(pl.col("id"), *(expr.alias(name) for name, expr in columns.items()))
    found = texts.with_row_index("_row").with_columns(*(pl.col(name).str.find(BAD_CHARACTERS).alias(f"_at_{name}") for name in columns))
    hits = found.filter(pl.any_horizontal(pl.col(f"_at_{name}").is_not_null() for name in columns))
    described = [""] * final.height
    for row in hits.slice(DESCRIBED_HITS).select("_row", "id").iter_rows():  # past the first ones, the row is enough to fail the check
        described[row[0]] = f"row {row[1]}: holds a replacement or control character"
    for row in hits.head(DESCRIBED_HITS).iter_rows(named=True):
        name = next(name for name in columns if row[f"_at_{name}"] is not None)
        text, at = row[name], row[f"_at_{name}"]
        char_at = len(text.encode("utf-8")[:at].decode("utf-8", errors="ignore"))  # polars' str.find gives a byte offset
        described[row["_row"]] = (f"row {row['id']}: {name} holds U+{ord(text[char_at]):04X} at {char_at}: "
                                  f"{text[max(0, char_at - 20):char_at + 25]!r}")
    return pl.DataFrame({"_characters": described}, schema={"_characters": pl.String})
