"""What a source is (a catalog entry, or a [[source]] table of MEDPIPE_SOURCES_FILE) and the kinds of row a source gives."""

from __future__ import annotations

from dataclasses import dataclass, field

from medpipe.sources.normalisers import Normaliser

# Kinds of row: an exam question (options or a short verifiable answer), a symptom-to-diagnosis case, a chain of thought to an
# answer, a consultation (a question or dialogue answered with general information), a reference definition.
KINDS = ("consultation", "exam", "diagnosis", "reasoning", "reference")


@dataclass(frozen=True)
class SourceSpec:
    name: str
    hub_id: str
    license: str
    normalise: Normaliser | None  # None only for an excluded entry
    description: str
    config: str | None = None
    revision: str = "main"
    splits: tuple[str, ...] = ("train",)
    folder: str = ""
    # Per split, file name patterns tried in order inside the source's folder (bundled sample or MEDPIPE_RAW_DIR).
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_rows: int | None = None
    excluded: str = ""
    # Why the rows may be trained on locally but not republished on the Hub ("" = they may be).
    not_redistributable: str = ""
    # What kind of row the source gives (KINDS): it picks the system prompt of its exports and its length bounds.
    kind: str = "consultation"
    # The release gate blocks when the 95% interval of this source's audited error rate (clinician labels wrong, unsafe or
    # not an answer) lies wholly above this share (medpipe.review.audit).
    max_error_rate: float = 0.10
    max_share: float | None = None  # its largest share of `final` (the release gate's default bound when None)
    path: str = ""  # a file or folder configured by MEDPIPE_SOURCES_FILE (catalog entries use `folder` instead)
