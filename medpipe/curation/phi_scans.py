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
from medpipe.curation.scrub import column_texts, judge_meta, judge_texts, scans_frame
from medpipe.warehouse.store import statement

# The rules are the code of phi.py with its word lists (data/*.txt), scrub.py (which meta strings are judged) and this module (which
# texts are published). A text's key is polars' 64-bit hash, stable within a polars version only: the version is part of the rules version.
_RULE_FILES = (phi.__file__, scrub.__file__, __file__, *sorted(str(p) for p in (Path(phi.__file__).parent / "data").glob("*.txt")))
RULES_VERSION = (hashlib.sha256(b"".join(Path(path).read_bytes() for path in _RULE_FILES)).hexdigest()[:16] + f"/polars-{pl.__version__}")
# The scope is folded into the key (low bit flipped for a meta document): a join on one integer column is ~8x faster than on two.
TEXT_HASH = pl.col("t").hash().xor((pl.col("scope") == "meta").cast(pl.UInt64)).alias("text_hash")
FINDINGS_SCHEMA = {"row": pl.UInt32, "column": pl.String, "label": pl.String, "rule": pl.String}


def published_texts(frame: pl.DataFrame) -> pl.DataFrame:
    """(_row, column, scope, t): every published text of every row, each column and message turn judged whole ("text"),
    the meta JSON document string by string ("meta")."""
    indexed = frame.with_row_index("_row")
    texts = column_texts(indexed).with_columns(pl.lit("text").alias("scope"))
    meta = indexed.select("_row", pl.lit("meta").alias("column"), pl.lit("meta").alias("scope"), pl.col("meta").cast(pl.String).alias("t"))
    return pl.concat([texts.select("_row", "column", "scope", "t"), meta.filter(pl.col("t").is_not_null() & (pl.col("t") != ""))])


def recorded(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """(text_hash, findings) of every text the current rules version scanned."""
    con.execute(statement("phi_scans_create"))
    return con.execute(statement("phi_scans_recorded"), {"version": RULES_VERSION}).pl().cast({"text_hash": pl.UInt64})


def record_scans(con: duckdb.DuckDBPyConnection, scans: pl.DataFrame, known: pl.DataFrame | None = None) -> pl.DataFrame:
    """Record what the current rules found in each text of `scans` (SCANS_SCHEMA) that is not recorded yet; `known`: the
    record as the caller just read it (`recorded`), else it is read here. Returns the rows it added (text_hash, findings)."""
    hashed = scans.with_columns(TEXT_HASH).unique("text_hash", keep="first")
    new = hashed.join(recorded(con) if known is None else known, on="text_hash", how="anti").select("text_hash", "findings")
    if new.height:
        con.execute(statement("phi_scans_prune"), {"version": RULES_VERSION})
        con.register("new_scans", new)
        try:
            con.execute(statement("phi_scans_insert"), {"version": RULES_VERSION})
        finally:
            con.unregister("new_scans")
    return new


def scan_unknown(unknown: pl.DataFrame) -> pl.DataFrame:
    """Run the rules on texts never scanned (scope, t): SCANS_SCHEMA rows for all of them."""
    texts = unknown.filter(pl.col("scope") == "text")["t"]
    documents = unknown.filter(pl.col("scope") == "meta")["t"]
    return pl.concat([scans_frame("text", texts, judge_texts(texts)), scans_frame("meta", documents, judge_meta(documents))])


def phi_findings(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> pl.DataFrame:
    """(row, column, label, rule) of every PHI finding in the frame's published columns, each column judged on its own
    (input, context, output, reasoning, each message turn as `messages`, the strings of `meta`); texts the current rules
    never scanned are scanned now and recorded."""
    published = published_texts(frame).with_columns(TEXT_HASH)
    known = recorded(con)  # read once: what this call scans is added to it, not read back
    unknown = published.join(known, on="text_hash", how="anti").unique("text_hash", keep="first")
    if unknown.height:
        known = pl.concat([known, record_scans(con, scan_unknown(unknown.select("scope", "t")), known)], how="vertical_relaxed")
    found = known.filter(pl.col("findings").list.len() > 0).explode("findings").unnest("findings")
    hits = published.join(found, on="text_hash").select(pl.col("_row").alias("row"), "column", "label", "rule")
    return hits.sort("row", "column", "label", "rule").cast(FINDINGS_SCHEMA)  # type: ignore[arg-type]
