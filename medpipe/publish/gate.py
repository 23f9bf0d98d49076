"""The expectation suite that gates a release, run with Great Expectations Core (1.x) on `final`."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any, Callable

import polars as pl

from medpipe.curation.phi import find_phi
from medpipe.curation.scrub import column_texts, meta_candidates, meta_strings, text_kinds
from medpipe.warehouse.rows import FINAL_COLUMNS


@dataclass(frozen=True)
class GateSettings:
    min_chars: int
    max_chars: int
    sources: frozenset[str]
    synthetic_sources: frozenset[str]
    max_synthetic_share: dict[str, float]  # generated source -> its largest share of final (one bound per generation task)
    # source -> (min rows, max rows); from the previous release and the allowed shrink, or configured
    row_bounds: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    check: str
    expectation: str
    success: bool
    unexpected: int
    examples: list[Any]


def _gx_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx  # imported here: ~3 s
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, context


def row_bounds_from_previous(previous: dict[str, int], max_shrink: float, max_growth: float) -> dict[str, tuple[int, int]]:
    """A source may shrink by at most `max_shrink` (a fraction) and grow to at most `max_growth` times its rows between releases."""
    return {source: (int(n * (1 - max_shrink)), int(n * max_growth)) for source, n in previous.items()}


# The suite: check name -> (the frame it validates, its expectations). The Dagster checks are these names. Each frame holds only
# the columns its expectations read (GX converts nothing else); the PHI findings and the dedup key are computed in polars first.
Expectations = Callable[[Any, GateSettings], list[Any]]
SUITE: dict[str, tuple[str, Expectations]] = {
    "final_schema": ("sample", lambda E, s: [E.ExpectTableColumnsToMatchOrderedList(column_list=FINAL_COLUMNS)]
                     + [E.ExpectColumnValuesToBeOfType(column=c, type_="str") for c in ("id", "source", "input", "output", "split")]),
    "final_no_empty_text": ("text", lambda E, s: [E.ExpectColumnValuesToNotBeNull(column=c) for c in ("input", "output")]
                            + [E.ExpectColumnValuesToNotMatchRegex(column=c, regex=r"^\s*$") for c in ("input", "output")]),
    "final_length_bounds": ("lengths", lambda E, s: [E.ExpectColumnValuesToBeBetween(column=f"{c}_chars", min_value=s.min_chars, max_value=s.max_chars)
                                                     for c in ("input", "output")]),
    "final_source_in_catalog": ("source", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="source", value_set=sorted(s.sources | s.synthetic_sources))]),
    "final_unique_id": ("keys", lambda E, s: [E.ExpectColumnValuesToBeUnique(column="id")]),
    "final_no_exact_duplicates": ("keys", lambda E, s: [E.ExpectColumnValuesToBeUnique(column="_dedup_key")]),
    "final_no_phi": ("phi", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_phi", value_set=[""])]),
    "final_synthetic_share": ("source", lambda E, s: [E.ExpectColumnMeanToBeBetween(column=f"_share_{source}", min_value=0.0, max_value=bound)
                                                      for source, bound in sorted(s.max_synthetic_share.items())]),
    "final_source_counts": ("counts", lambda E, s: [
        E.ExpectColumnValuesToBeBetween(column="rows", min_value=lo, max_value=hi, row_condition=f'source=="{source}"', condition_parser="pandas")
        for source, (lo, hi) in sorted(s.row_bounds.items())]),
}
CHECK_NAMES: tuple[str, ...] = tuple(SUITE)


def dedup_key_expr(columns: tuple[str, ...] = ("input", "context", "output")) -> pl.Expr:
    """`warehouse.text.dedup_key` of each column in polars (NFKC, lower case, whitespace folded, trimmed), joined."""
    return pl.concat_str(
        [pl.col(c).fill_null("").str.normalize("NFKC").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars() for c in columns],
        separator="\x1f",
    )


def phi_column(final: pl.DataFrame, names_without_cue: bool = True) -> pl.Series:
    """Per row: "" when clean, else every finding as "row <id>: <column> <LABEL> (<rule>)". Each column is judged on its own
    (input, context, output, reasoning, each message turn, each string in meta); polars picks, once per distinct text, the texts
    the rules must read and the kinds they must look for."""
    findings: dict[int, list[str]] = {}
    ids = final["id"].to_list()
    indexed = final.with_row_index("_row")
    texts = column_texts(indexed)
    kinds = text_kinds(texts["t"], names_without_cue)
    judged: dict[str, list[tuple[str, str]]] = {}
    for text, mask in kinds.items():
        labels = sorted({(s.label, s.rule) for s in find_phi(text, names_without_cue, mask)})
        if labels:
            judged[text] = labels
    if judged:
        hits = texts.filter(pl.col("t").is_in(pl.Series(list(judged), dtype=pl.String).implode()))
        for row, column, text in hits.iter_rows():
            for label, rule in judged[text]:
                findings.setdefault(row, []).append(f"row {ids[row]}: {column} {label} ({rule})")
    meta = indexed.filter(meta_candidates(indexed, names_without_cue)).select("_row", pl.col("meta").cast(pl.String))
    for row, document in meta.iter_rows():
        for text in meta_strings(document):
            for label, rule in sorted({(s.label, s.rule) for s in find_phi(text, names_without_cue)}):
                findings.setdefault(row, []).append(f"row {ids[row]}: meta {label} ({rule})")
    values = [""] * final.height
    for row, found in findings.items():
        values[row] = "; ".join(dict.fromkeys(found))
    return pl.Series("_phi", values, dtype=pl.String)


def validate_final(final: pl.DataFrame, settings: GateSettings) -> list[Outcome]:
    """Run the suite; one Outcome per expectation, grouped by the Dagster check that reports it."""
    gx, context = _gx_context()
    counts = final.group_by("source").len("rows")
    expected = pl.DataFrame({"source": list(settings.row_bounds)}, schema={"source": pl.String})
    frames = {
        "text": final.select("input", "output"),
        "lengths": final.select(pl.col("input").str.len_chars().alias("input_chars"), pl.col("output").str.len_chars().alias("output_chars")),
        "source": final.select("source", *((pl.col("source") == source).cast(pl.Float64).alias(f"_share_{source}") for source in settings.max_synthetic_share)),
        "keys": final.select("id", dedup_key_expr().alias("_dedup_key")),
        "phi": phi_column(final).to_frame(),
        # Column types are uniform within a DuckDB/polars table, so a sample shows the schema of every row.
        "sample": final.head(1000),
        "counts": expected.join(counts, on="source", how="full", coalesce=True).with_columns(pl.col("rows").fill_null(0)),
    }
    outcomes = []
    data_source = context.data_sources.add_pandas("final")
    pandas_frames = {name: frame.to_pandas() for name, frame in frames.items()}
    for check, (frame, expectations) in SUITE.items():
        batch = data_source.add_dataframe_asset(check).add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": pandas_frames[frame]})
        suite = context.suites.add(gx.ExpectationSuite(name=check, expectations=expectations(gx.expectations, settings)))
        for result in batch.validate(suite, result_format="SUMMARY").results:
            outcomes.append(Outcome(check, _describe(result.expectation_config), bool(result.success), int(result.result.get("unexpected_count") or 0),
                                    [_short(v) for v in (result.result.get("partial_unexpected_list") or [])[:3]] or _observed(result.result)))
    return outcomes


def _describe(config: Any) -> str:
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id", "condition_parser", "value_set", "column_list")}
    return f"{config.type}({', '.join(f'{k}={v}' for k, v in kwargs.items())})"


def _observed(result: dict[str, Any]) -> list[Any]:
    return [f"observed {result['observed_value']}"] if "observed_value" in result else []


def _short(value: Any) -> Any:
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"
