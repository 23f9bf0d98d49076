"""What the labels say about each source: its audited error rate with a Wilson 95% interval, the release gate's verdict on it,
the card's account of it, and how well a judge model agrees with the clinicians."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import polars as pl

from medpipe.review import ERROR_LABELS
from medpipe.sources.catalog import CATALOG, SourceSpec

Z_95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval
DEFAULT_MAX_ERROR_RATE = SourceSpec.__dataclass_fields__["max_error_rate"].default


def wilson_interval(errors: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion errors/n: unlike the normal approximation it stays within [0, 1] and is
    honest at 0 or n errors and small n, which is where audits of a few dozen rows live."""
    if n <= 0:
        return 0.0, 1.0
    p, z2 = errors / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class SourceAudit:
    source: str
    audited: int
    errors: int
    max_error_rate: float
    latest: datetime.date | None = None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.errors, self.audited)

    @property
    def rate(self) -> float:
        return self.errors / self.audited if self.audited else 0.0

    @property
    def blocks(self) -> bool:
        """The whole interval lies above the bound: the source is worse than allowed with 95% confidence."""
        return self.audited > 0 and self.interval[0] > self.max_error_rate

    def describe(self) -> str:
        low, high = self.interval
        return (f"{self.source}: {self.errors} of {self.audited} audited rows labelled {'/'.join(ERROR_LABELS)} "
                f"({self.rate:.1%}, 95% Wilson interval {low:.3f}-{high:.3f}) vs bound {self.max_error_rate:.2f}")


def max_error_rates(catalog: Iterable[SourceSpec] = CATALOG) -> dict[str, float]:
    return {spec.name: spec.max_error_rate for spec in catalog}


def audits_of(labels: pl.DataFrame, bounds: dict[str, float] | None = None) -> list[SourceAudit]:
    """Per source (sorted), from a frame with `source`, `label` and optionally `labelled_at`."""
    bounds = max_error_rates() if bounds is None else bounds
    if not labels.height:
        return []
    dated = "labelled_at" in labels.columns
    grouped = labels.group_by("source").agg(pl.len().alias("audited"), pl.col("label").is_in(ERROR_LABELS).sum().alias("errors"),
                                            *([pl.col("labelled_at").max().alias("latest")] if dated else [])).sort("source")
    return [SourceAudit(row["source"], row["audited"], row["errors"], bounds.get(row["source"], DEFAULT_MAX_ERROR_RATE),
                        row["latest"].date() if dated and row["latest"] is not None else None) for row in grouped.iter_rows(named=True)]


def source_audits(con: Any) -> list[SourceAudit]:
    """The audit of every source that has labels in force (`con`: a DuckDB connection to the warehouse)."""
    from medpipe.review.labels import active_labels  # the warehouse (and Dagster) only here: the gate's process imports this module

    return audits_of(active_labels(con))


def gate_audits(con: Any) -> dict[str, tuple[int, int, float]]:
    """The release gate's input: source -> (audited, errors, bound). Relabelling changes it, so the gate runs again."""
    return {a.source: (a.audited, a.errors, a.max_error_rate) for a in source_audits(con)}


def gate_problems(audits: dict[str, tuple[int, int, float]]) -> dict[str, str]:
    """Per audited source: "" when it passes, else what blocks the release (source, counts, interval, bound)."""
    problems = {}
    for source, (audited, errors, bound) in sorted(audits.items()):
        audit = SourceAudit(source, audited, errors, bound)
        problems[source] = f"{audit.describe()}: interval wholly above the bound" if audit.blocks else ""
    return problems


# --- agreement of a judge with the clinicians ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """A judge's verdicts against clinicians' labels on the same rows, on the binary question "wrong or unsafe?"."""

    rows: int
    both: int  # judged wrong/unsafe and labelled wrong/unsafe
    judge_only: int
    human_only: int
    kappa: float | None
    precision: float | None
    recall: float | None

    def describe(self) -> str:
        def fmt(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.2f}"
        return (f"{self.rows} rows judged and labelled: Cohen's kappa {fmt(self.kappa)}, precision {fmt(self.precision)}, "
                f"recall {fmt(self.recall)} on wrong+unsafe ({self.both} found, {self.judge_only} false alarms, {self.human_only} missed)")

    def as_metadata(self) -> dict[str, float | int | None]:
        return {"rows": self.rows, "kappa": self.kappa, "precision": self.precision, "recall": self.recall,
                "true_positives": self.both, "false_positives": self.judge_only, "false_negatives": self.human_only}


FLAGGED = ("wrong", "unsafe")


def agreement(judged: Sequence[str], labelled: Sequence[str]) -> Agreement:
    """Cohen's kappa and precision/recall of "wrong or unsafe" between two parallel sequences of labels."""
    if len(judged) != len(labelled):
        raise ValueError("judged and labelled must be parallel")
    a = [j in FLAGGED for j in judged]
    b = [h in FLAGGED for h in labelled]
    n = len(a)
    both = sum(x and y for x, y in zip(a, b))
    judge_only = sum(x and not y for x, y in zip(a, b))
    human_only = sum(y and not x for x, y in zip(a, b))
    kappa = None
    if n:
        observed = sum(x == y for x, y in zip(a, b)) / n
        pa, pb = sum(a) / n, sum(b) / n
        expected = pa * pb + (1 - pa) * (1 - pb)
        kappa = (observed - expected) / (1 - expected) if expected < 1 else None  # both constant: kappa is undefined
    precision = both / (both + judge_only) if both + judge_only else None
    recall = both / (both + human_only) if both + human_only else None
    return Agreement(n, both, judge_only, human_only, kappa, precision, recall)


# --- the dataset card ------------------------------------------------------------------------------------------------------


def card_section(audits: Sequence[SourceAudit], sources: Iterable[str], judge: str | None = None) -> str:
    """The card's "Clinician audit" section: per released source, the rows audited, errors, the interval and the latest label's
    date, or `not audited`; and the judge model's agreement with the labels when both exist."""
    by_source = {a.source: a for a in audits}
    lines = []
    for source in sources:
        audit = by_source.get(source)
        if audit is None:
            lines.append(f"| {source} | not audited | | | | |")
            continue
        low, high = audit.interval
        lines.append(f"| {source} | {audit.audited:,} | {audit.errors:,} ({audit.rate:.1%}) | {low:.3f}-{high:.3f} | {audit.max_error_rate:.2f} | "
                     f"{audit.latest.isoformat() if audit.latest else '-'} |")
    judged = f"\n\nJudge model: {judge}" if judge else ""
    return ("Clinicians label random samples of each source as correct, wrong, unsafe or not an answer (`medpipe review`). Errors are rows "
            "labelled wrong, unsafe or not an answer; the interval is the Wilson 95% interval of the error rate, and the release is blocked "
            "when it lies wholly above the source's bound. Rows labelled wrong or unsafe are not in this release.\n\n"
            "| source | rows audited | errors | 95% interval | bound | latest label |\n|---|---|---|---|---|---|\n" + "\n".join(lines) + judged)
