"""Review samples: a seeded, stratified random sample of `final`'s rows not yet labelled, written to CSV or XLSX for clinicians."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import polars as pl

from medpipe.review import ALL, DEFAULT_N, DEFAULT_SEED
from medpipe.review.labels import SAMPLE_COLUMNS, LabelFileError, active_labels
from medpipe.warehouse.store import FINAL, MAIN, read_table, table_exists


class SampleError(ValueError):
    """A sample that cannot be drawn; one line saying why."""


def rank(row_id: str, seed: int) -> str:
    """A row's place in the seeded random order: the same seed and row give the same place in every build."""
    return hashlib.sha256(f"{seed}:{row_id}".encode()).hexdigest()


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """`n` draws shared among strata in proportion to their sizes (largest remainder), never more than a stratum holds."""
    total = sum(sizes.values())
    if total <= n:
        return dict(sizes)
    exact = {key: n * size / total for key, size in sizes.items()}
    shares = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: (-(exact[k] - shares[k]), k))[: n - sum(shares.values())]:
        shares[key] += 1
    return shares


def stratified(rows: pl.DataFrame, n: int, seed: int) -> pl.DataFrame:
    """`n` rows of one source, drawn in proportion from its strata (split x flagged or not), each stratum in seeded random order."""
    keyed = rows.with_columns(
        pl.format("{}/{}", "split", pl.when(pl.col("flags").list.len() > 0).then(pl.lit("flagged")).otherwise(pl.lit("clean"))).alias("_stratum"),
        pl.col("id").map_elements(lambda i: rank(i, seed), return_dtype=pl.String).alias("_rank"))
    shares = allocate(dict(keyed.group_by("_stratum").len().iter_rows()), n)
    picked = [keyed.filter(pl.col("_stratum") == stratum).sort("_rank").head(k) for stratum, k in sorted(shares.items())]
    return pl.concat(picked).sort("_rank").drop("_stratum", "_rank") if picked else keyed.head(0).drop("_stratum", "_rank")


def draw_sample(con: duckdb.DuckDBPyConnection, source: str, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> pl.DataFrame:
    """`n` unlabelled rows of `source` in `final` (`all`: `n` of every source), with empty label and note columns."""
    if n < 1:
        raise SampleError(f"--n must be at least 1 (got {n})")
    if not table_exists(con, MAIN, FINAL):
        raise SampleError("final has not been built: run `medpipe build` first")
    final = read_table(con, MAIN, FINAL)
    sources = sorted(final["source"].unique().to_list())
    if source != ALL and source not in sources:
        raise SampleError(f"no rows of source {source!r} in final (its sources: {', '.join(sources) or 'none'})")
    labelled = active_labels(con)["id"]
    unlabelled = final.filter(~pl.col("id").is_in(labelled.implode()))
    parts = [stratified(unlabelled.filter(pl.col("source") == name), n, seed) for name in (sources if source == ALL else [source])]
    sample = pl.concat(parts)
    return sample.select(*(pl.col(c) if c in sample.columns else pl.lit("").alias(c) for c in SAMPLE_COLUMNS)).with_columns(
        pl.col("context", "reasoning").fill_null(""))


def write_sample(sample: pl.DataFrame, path: Path) -> None:
    """CSV (UTF-8, every field quoted) or XLSX (one sheet, the header frozen), by the file's extension."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
            writer.writerow(sample.columns)
            writer.writerows(sample.iter_rows())
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "sample"
        sheet.append(sample.columns)
        for row in sample.iter_rows():
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        book.save(path)
    else:
        raise LabelFileError(f"{path.name}: unknown file type {path.suffix or '(none)'}: give a .csv or .xlsx file")
