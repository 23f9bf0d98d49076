"""Clinicians' labels of rows: the table (keyed by the row's content id), reading a labelled file, storing it, retiring labels
whose row changed, and the decision that keeps labelled-wrong rows out of the release."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from medpipe.review import LABELS, WITHHELD_LABELS
from medpipe.warehouse.store import FINAL, MAIN, QUARANTINE, statement, table_exists, table_ref, transaction

REVIEW_LABELS = "review_labels"
REVIEW_STEP = "apply_review_labels"  # the curation step that applies the labels (its quarantine rows hold the withheld ids)
SAMPLE_COLUMNS = ("id", "source", "input", "context", "output", "reasoning", "label", "note")
REQUIRED_COLUMNS = ("id", "label")


class LabelFileError(ValueError):
    """A labelled file that cannot be imported; the message is one line naming the file, row and column."""


@dataclass(frozen=True)
class Label:
    id: str
    source: str
    source_id: str | None
    label: str
    note: str
    reviewer: str


@dataclass(frozen=True)
class ImportReport:
    imported: int
    unlabelled: int  # rows of the file left without a label (not imported)
    by_label: dict[str, int]
    by_source: dict[str, int]

    def describe(self, path: Path) -> str:
        labels = ", ".join(f"{label} {n}" for label, n in self.by_label.items()) or "none"
        sources = ", ".join(f"{source} {n}" for source, n in self.by_source.items()) or "none"
        return (f"imported {self.imported} label(s) from {path.name} ({labels}; by source: {sources})"
                + (f"; {self.unlabelled} row(s) without a label left unlabelled" if self.unlabelled else ""))


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(statement("review_labels_create"))
    con.execute(statement("review_label_log_create"))


def read_label_file(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (every value a string, "" when empty) of a CSV or XLSX file."""
    if not path.is_file():
        raise LabelFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            rows = [dict(zip(header, values)) for values in reader if any(v.strip() for v in values)]
        return header, rows
    if suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        header = [h.strip() for h in (values[0] if values else [])]
        return header, [dict(zip(header, row)) for row in values[1:] if any(v.strip() for v in row)]
    raise LabelFileError(f"{path.name}: unknown file type {path.suffix or '(none)'}: give a .csv or .xlsx file")


def parse_labels(path: Path, header: list[str], rows: list[dict[str, str]], known: dict[str, tuple[str, str | None]],
                 reviewer: str | None) -> tuple[list[Label], int]:
    """The labels of a file's rows, checked whole before anything is stored: every error names the file's row (as a spreadsheet
    numbers it: the header is row 1) and column. Rows with an empty label are not labels (a sample labelled in part)."""
    for column in REQUIRED_COLUMNS:
        if column not in header:
            raise LabelFileError(f"{path.name} row 1, column {column}: missing column (the header has {', '.join(header) or 'nothing'})")
    labels, unlabelled, seen = [], 0, {}
    for number, row in enumerate(rows, start=2):
        label = (row.get("label") or "").strip().lower()
        if not label:
            unlabelled += 1
            continue
        if label not in LABELS:
            raise LabelFileError(f"{path.name} row {number}, column label: unknown label {row['label'].strip()!r} (expected one of "
                                 f"{', '.join(LABELS)})")
        row_id = (row.get("id") or "").strip()
        if row_id not in known:
            raise LabelFileError(f"{path.name} row {number}, column id: unknown id {row_id!r} (not a row of final nor one the labels withheld)")
        if row_id in seen:
            raise LabelFileError(f"{path.name} row {number}, column id: id {row_id} is labelled twice (first on row {seen[row_id]})")
        seen[row_id] = number
        who = (row.get("reviewer") or "").strip() or (reviewer or "").strip()
        if not who:
            raise LabelFileError(f"{path.name} row {number}, column reviewer: no reviewer (fill the column or give --reviewer)")
        source, source_id = known[row_id]
        labels.append(Label(row_id, source, source_id, label, (row.get("note") or "").strip(), who))
    return labels, unlabelled


def known_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    """Rows a label may name: those of `final`, and those the labels withheld from it (a relabelled row must be found again)."""
    known: dict[str, tuple[str, str | None]] = {}
    if table_exists(con, MAIN, QUARANTINE):
        withheld = con.execute(f"SELECT json_extract_string(payload, '$.id'), source, source_id FROM {table_ref(MAIN, QUARANTINE)} "
                               "WHERE step = $step",
                               {"step": REVIEW_STEP}).fetchall()
        known |= {row_id: (source, source_id) for row_id, source, source_id in withheld if row_id}
    if table_exists(con, MAIN, FINAL):
        known |= {row_id: (source, source_id)
                  for row_id, source, source_id in con.execute(f"SELECT id, source, source_id FROM {table_ref(MAIN, FINAL)}").fetchall()}
    return known


def store_labels(con: duckdb.DuckDBPyConnection, labels: list[Label], origin: str, at: datetime.datetime | None = None) -> None:
    """Replace each row's label by the new one (active again if it was retired) and log it, in one transaction."""
    at = at or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    ensure_tables(con)
    frame = pl.DataFrame([{**label.__dict__, "labelled_at": at, "origin": origin} for label in labels],
                         schema={"id": pl.String, "source": pl.String, "source_id": pl.String, "label": pl.String, "note": pl.String,
                                 "reviewer": pl.String, "labelled_at": pl.Datetime("us"), "origin": pl.String})
    con.register("new_labels", frame.to_arrow())
    try:
        with transaction(con):
            con.execute("INSERT OR REPLACE INTO review_labels SELECT id, source, source_id, label, note, reviewer, labelled_at, NULL, "
                        "NULL FROM new_labels")
            con.execute("INSERT INTO review_label_log SELECT id, source, label, note, reviewer, labelled_at, origin FROM new_labels")
    finally:
        con.unregister("new_labels")


def import_labels(con: duckdb.DuckDBPyConnection, path: Path, reviewer: str | None = None) -> ImportReport:
    """Check the whole file, then store its labels; a malformed file raises LabelFileError and stores nothing."""
    header, rows = read_label_file(path)
    labels, unlabelled = parse_labels(path, header, rows, known_rows(con), reviewer)
    store_labels(con, labels, origin=path.name)
    by_label = {label: n for label in LABELS if (n := sum(1 for item in labels if item.label == label))}
    by_source: dict[str, int] = {}
    for item in labels:
        by_source[item.source] = by_source.get(item.source, 0) + 1
    return ImportReport(len(labels), unlabelled, by_label, dict(sorted(by_source.items())))


def active_labels(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every label in force (not retired): id, source, source_id, label, note, reviewer, labelled_at."""
    if not table_exists(con, MAIN, REVIEW_LABELS):
        return pl.DataFrame(schema={"id": pl.String, "source": pl.String, "source_id": pl.String, "label": pl.String, "note": pl.String,
                                    "reviewer": pl.String, "labelled_at": pl.Datetime("us")})
    return con.execute(
        "SELECT id, source, source_id, label, note, reviewer, labelled_at FROM review_labels WHERE retired_at IS NULL ORDER BY id").pl()


def retire_changed(con: duckdb.DuckDBPyConnection, rows: pl.DataFrame) -> int:
    """Retire the labels whose row is back with other content: its source and source id are among `rows` under another id
    (the id is a hash of the content). Returns how many were retired."""
    if not table_exists(con, MAIN, REVIEW_LABELS):
        return 0
    current = rows.select("source", "source_id", pl.col("id").alias("new_id")).unique(["source", "source_id"])
    changed = (active_labels(con).filter(~pl.col("id").is_in(rows["id"].implode()))
               .join(current, on=["source", "source_id"]).select("id", "new_id"))
    if changed.height:
        con.register("changed_labels", changed.to_arrow())
        try:
            con.execute("UPDATE review_labels SET retired_at = current_timestamp, retired_because = 'content changed: now row ' || c.new_id "
                        "FROM changed_labels AS c WHERE review_labels.id = c.id")
        finally:
            con.unregister("changed_labels")
    return changed.height


def withhold_labelled(rows: pl.DataFrame, labels: pl.DataFrame) -> pl.DataFrame:
    """Every row with drop_reason = its label when a clinician labelled it wrong or unsafe (NULL otherwise) and the label's note,
    reviewer and date as the detail."""
    withheld = labels.filter(pl.col("label").is_in(WITHHELD_LABELS)).select(
        "id", pl.col("label").alias("drop_reason"),
        pl.format("labelled {} by {} on {}{}", "label", "reviewer", pl.col("labelled_at").dt.date(),
                  pl.when(pl.col("note").fill_null("") != "").then(pl.lit(": ") + pl.col("note")).otherwise(pl.lit(""))).alias("drop_detail"))
    return rows.join(withheld, on="id", how="left", maintain_order="left")


def label_counts(labels: pl.DataFrame) -> dict[str, Any]:
    return dict(labels.group_by("label").len().sort("label").iter_rows()) if labels.height else {}
