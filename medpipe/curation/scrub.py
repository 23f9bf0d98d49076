"""PHI redaction applied to every text column of the unified rows; ids follow the redacted content."""

from __future__ import annotations

from collections import Counter

import polars as pl

from medpipe.curation.phi import TRIGGER, redact
from medpipe.warehouse.text import content_id

TEXT_COLUMNS = ("input", "context", "output", "reasoning")


def scrub_rows(rows: pl.DataFrame) -> tuple[pl.DataFrame, Counter[str]]:
    """Redact PHI in input, context, output, reasoning and message turns; add `flags` entries
    `phi_redacted:<LABEL>` and recompute the content id. Returns the rows and redactions by label."""
    counts: Counter[str] = Counter()
    message_text = pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n")
    candidate = pl.any_horizontal([pl.col(c).fill_null("").str.contains(TRIGGER) for c in TEXT_COLUMNS] + [message_text.fill_null("").str.contains(TRIGGER)])
    marked = rows.with_columns(candidate.alias("_candidate"))
    untouched = marked.filter(~pl.col("_candidate")).drop("_candidate")
    records = marked.filter(pl.col("_candidate")).drop("_candidate").to_dicts()
    for row in records:
        labels: set[str] = set()
        for column in TEXT_COLUMNS:
            if row[column]:
                row[column], spans = redact(row[column])
                labels.update(s.label for s in spans)
                counts.update(s.label for s in spans)
        for message in row["messages"] or []:
            message["content"], spans = redact(message["content"])
            labels.update(s.label for s in spans)
        row["flags"] = [*row["flags"], *sorted(f"phi_redacted:{label}" for label in labels)]
        if labels:
            row["id"] = content_id(row["input"], row["context"], row["output"])
    scrubbed = pl.DataFrame(records, schema=untouched.schema)
    order = rows.select("source", "source_id").with_row_index("_position")
    merged = pl.concat([untouched, scrubbed]).join(order, on=["source", "source_id"], how="left").sort("_position").drop("_position")
    return merged, counts
