"""Small renderings for asset metadata."""

from __future__ import annotations

import polars as pl


def markdown_preview(frame: pl.DataFrame, columns: list[str], rows: int = 5, width: int = 80) -> str:
    """A Markdown table of the first rows, cells cut to `width` characters and kept on one line."""
    present = [c for c in columns if c in frame.columns]
    lines = ["| " + " | ".join(present) + " |", "|" + "---|" * len(present)]
    for record in frame.head(rows).select(present).iter_rows():
        cells = [_cell(value, width) for value in record]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"
