"""Reading the labelled PHI sets and scoring a finder on them, two ways: span-exact (same label, same offsets: recall and
precision) and by what leaks (leak recall: the share of labelled spans that some redaction touches, whatever its label, i.e. that a
reader cannot still read whole; redaction precision: the share of redactions that touch a labelled span)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from medpipe.curation.phi import Span, find_phi

_MARK = re.compile(r"\{\{([A-Z]+):(.+?)\}\}")


@dataclass(frozen=True)
class Score:
    labelled: int
    found: int
    true_positives: int
    misses: list[tuple[str, str]]
    false_alarms: list[tuple[str, str]]
    touched: int = 0  # labelled spans that some found span overlaps (any label)
    touching: int = 0  # found spans that overlap some labelled span (any label)
    leaks: list[tuple[str, str]] = field(default_factory=list)  # labelled spans no found span touches

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def leak_recall(self) -> float:
        return self.touched / self.labelled if self.labelled else 1.0

    @property
    def redaction_precision(self) -> float:
        return self.touching / self.found if self.found else 1.0


def parse_labelled(line: str) -> tuple[str, list[Span]]:
    line = line.replace("\\n", "\n")
    text, spans, last = "", [], 0
    for match in _MARK.finditer(line):
        text += line[last : match.start()]
        spans.append(Span(len(text), len(text) + len(match.group(2)), match.group(1), match.group(2)))
        text += match.group(2)
        last = match.end()
    return text + line[last:], spans


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)


def score(path: Path, finder: Callable[[str], list[Span]] = find_phi, label: str | None = None) -> Score:
    """Scores of `finder` on a labelled file; with `label`, only labelled and found spans of that kind count (per kind), though a
    found span of any kind stops a labelled span from leaking."""
    labelled = found = hits = touched = touching = 0
    misses, false_alarms, leaks = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, every_truth = parse_labelled(line)
        every_found = finder(text)
        truth, predicted = every_truth, every_found
        if label is not None:
            truth, predicted = [s for s in truth if s.label == label], [s for s in predicted if s.label == label]
        truth_keys = {(s.start, s.end, s.label) for s in truth}
        predicted_keys = {(s.start, s.end, s.label) for s in predicted}
        labelled, found, hits = labelled + len(truth_keys), found + len(predicted_keys), hits + len(truth_keys & predicted_keys)
        misses += [(s.label, s.text) for s in truth if (s.start, s.end, s.label) not in predicted_keys]
        false_alarms += [(s.label, s.text) for s in predicted if (s.start, s.end, s.label) not in truth_keys]
        leaked = [s for s in truth if not _overlaps(s, every_found)]
        touched += len(truth) - len(leaked)
        leaks += [(s.label, s.text) for s in leaked]
        touching += sum(_overlaps(s, every_truth) for s in predicted)
    return Score(labelled, found, hits, misses, false_alarms, touched, touching, leaks)


def score_by_label(path: Path, finder: Callable[[str], list[Span]] = find_phi) -> dict[str, Score]:
    """One Score per identifier kind that the file labels or the finder reports, plus "ALL"."""
    kinds = sorted({s.label for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
                    for s in parse_labelled(line)[1] + finder(parse_labelled(line)[0])})
    return {**{kind: score(path, finder, kind) for kind in kinds}, "ALL": score(path, finder)}
