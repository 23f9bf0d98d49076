"""Small renderings for asset metadata."""

from __future__ import annotations

import time
from typing import Callable

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


def progress_logger(log: Callable[[str], None], label: str, every_seconds: float = 10.0) -> Callable[[int, int, float], None]:
    """A progress callback that logs done/total, rate and ETA at most every `every_seconds`, and at the end."""
    last = [-every_seconds]

    def report(done: int, total: int, elapsed: float) -> None:
        now = time.monotonic()
        if (total <= 0 or done < total) and now - last[0] < every_seconds:
            return
        last[0] = now
        rate = done / elapsed if elapsed > 0 else 0.0
        if total <= 0:  # a stream of unknown length
            log(f"{label}: {done:,} ({rate:,.1f}/s)")
            return
        eta = (total - done) / rate if rate > 0 else 0.0
        log(f"{label}: {done:,}/{total:,} ({rate:,.1f}/s, ETA {eta:,.0f} s)")

    report.say = lambda line: log(f"{label}: {line}")  # type: ignore[attr-defined]  # what a long wait logs (synthetic.llm.run_calls)
    return report
