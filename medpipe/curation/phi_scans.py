"""The record of what the PHI rules found in each published text (DuckDB table `phi_scans`), and the release gate's PHI
findings read from it.

The scrub records every text it leaves; `phi_findings` joins a frame's published texts (each column on its own, every message
turn, every meta document) against the record by text hash and scans with the rules only the texts that the current rules
version never saw, recording them too. An unchanged `final` is judged by one join, without running a rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl

from medpipe.curation import phi, scrub
from medpipe.curation.scrub import SCANS_SCHEMA, column_texts, judge_meta, judge_texts, scans_frame
from medpipe.warehouse.store import statement

# The rules are the code of phi.py (with its lexicon) and of scrub.py (which meta strings are judged); the key is DuckDB's hash().
RULES_VERSION = (hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for module in (phi, scrub))).hexdigest()[:16]
                 + f"/duckdb-{duckdb.__version__}")
FINDINGS_SCHEMA = {"row": pl.UInt32, "column": pl.String, "label": pl.String, "rule": pl.String}


def published_texts(frame: pl.DataFrame) -> pl.DataFrame:
    """(_row, column, scope, t): every published text of every row, each column and message turn judged whole ("text"),
    the meta JSON document string by string ("meta")."""
    indexed = frame.with_row_index("_row")
    texts = column_texts(indexed).with_columns(pl.lit("text").alias("scope"))
    meta = indexed.select("_row", pl.lit("meta").alias("column"), pl.lit("meta").alias("scope"), pl.col("meta").cast(pl.String).alias("t"))
    return pl.concat([texts.select("_row", "column", "scope", "t"), meta.filter(pl.col("t").is_not_null() & (pl.col("t") != ""))])


def record_scans(con: duckdb.DuckDBPyConnection, scans: pl.DataFrame) -> None:
    """Record what the current rules found in each text of `scans` (SCANS_SCHEMA)."""
    con.execute(statement("phi_scans_create"))
    if scans.height:
        con.register("new_scans", scans.select(list(SCANS_SCHEMA)))
        try:
            con.execute(statement("phi_scans_insert"), {"version": RULES_VERSION})
        finally:
            con.unregister("new_scans")


def scan_unknown(unknown: pl.DataFrame) -> pl.DataFrame:
    """Run the rules on texts never scanned (scope, t): SCANS_SCHEMA rows for all of them."""
    texts = unknown.filter(pl.col("scope") == "text")["t"]
    documents = unknown.filter(pl.col("scope") == "meta")["t"]
    return pl.concat([scans_frame("text", texts, judge_texts(texts)), scans_frame("meta", documents, judge_meta(documents))])


def phi_findings(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> pl.DataFrame:
    """(row, column, label, rule) of every PHI finding in the frame's published columns, each column judged on its own
    (input, context, output, reasoning, each message turn as `messages`, the strings of `meta`); texts the current rules
    never scanned are scanned now and recorded."""
    con.execute(statement("phi_scans_create"))
    con.register("published", published_texts(frame))
    try:
        unknown = con.execute(statement("phi_scans_unknown"), {"version": RULES_VERSION}).pl()
        if unknown.height:
            record_scans(con, scan_unknown(unknown))
        return con.execute(statement("phi_findings"), {"version": RULES_VERSION}).pl().cast(FINDINGS_SCHEMA)  # type: ignore[arg-type]
    finally:
        con.unregister("published")
