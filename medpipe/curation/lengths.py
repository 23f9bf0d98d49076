"""Length bounds per kind of row: exam and symptom-to-diagnosis rows keep their short gold answers ("yellow", "CME"),
dialogue and free-text rows keep a minimum, and a reasoning answer is not dropped for being long."""

from __future__ import annotations

from typing import Any

import dagster as dg
import polars as pl

from medpipe.warehouse.step import StepContext
from medpipe.sources.catalog import source_kind


class LengthBounds(dg.Config):
    min_chars: int = 10  # input and output, for every kind not named below
    max_chars: int = 1500
    # kind -> its own bound on the output (the answer) or the input, where the default does not fit it
    # a correct gold answer can be one word ("yellow" for a pill's colour, "CME")
    min_output_chars: dict[str, int] = {"exam": 1, "diagnosis": 1, "reference": 1}
    # a well-formed reasoning answer is long; so are a drug label's numbered instructions and a guideline's key points (the two
    # medicationqa answers over 4,000 characters, 4,139 and 4,322: an inhaler's steps, dual antiplatelet therapy's duration)
    max_output_chars: dict[str, int] = {"reasoning": 8000, "exam": 4000, "reference": 8000}
    max_input_chars: dict[str, int] = {"exam": 4000, "reasoning": 4000}  # clinical vignettes with lab tables


def kind_bounds(config: dict[str, Any] | LengthBounds) -> dict[str, dict[str, int]]:
    """Per kind: min/max of the input and the output, from the step's config (as recorded, or the config object)."""
    from medpipe.sources.catalog import KINDS

    c = config if isinstance(config, dict) else config.model_dump()
    return {kind: {"input_min": c["min_chars"], "input_max": c.get("max_input_chars", {}).get(kind, c["max_chars"]),
                   "output_min": c.get("min_output_chars", {}).get(kind, c["min_chars"]),
                   "output_max": c.get("max_output_chars", {}).get(kind, c["max_chars"])} for kind in KINDS}


def bounds_columns(rows: pl.DataFrame, bounds: dict[str, dict[str, int]]) -> pl.DataFrame:
    """Each row's bounds (input_min, input_max, output_min, output_max) by its source's kind."""
    kinds = {source: source_kind(source) for source in rows["source"].unique().to_list()}
    kind = pl.col("source").replace_strict(kinds, return_dtype=pl.String)
    return rows.select(*(kind.replace_strict({k: b[name] for k, b in bounds.items()}, return_dtype=pl.Int64).alias(name)
                         for name in ("input_min", "input_max", "output_min", "output_max")))


def filter_length(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    bounds = bounds_columns(rows, kind_bounds(context.config))
    n_in, n_out = rows["input"].str.len_chars(), rows["output"].str.len_chars()
    reason = (pl.when(n_in < bounds["input_min"]).then(pl.lit("input_too_short")).when(n_in > bounds["input_max"]).then(pl.lit("input_too_long"))
              .when(n_out < bounds["output_min"]).then(pl.lit("output_too_short")).when(n_out > bounds["output_max"]).then(pl.lit("output_too_long")))
    context.metadata["bounds_by_kind"] = dg.MetadataValue.json(kind_bounds(context.config))
    return rows.with_columns(reason.alias("drop_reason"),
                             pl.format("input {} chars, output {} chars (bounds for its kind: input {}-{}, output {}-{})", n_in, n_out,
                                       bounds["input_min"], bounds["input_max"], bounds["output_min"], bounds["output_max"]).alias("drop_detail"))
