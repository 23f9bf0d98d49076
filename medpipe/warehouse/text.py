"""Text cleaning and content keys: the only place that decides what 'the same text' means."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# C0 and C1 control characters except tab and newline, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CRLF = re.compile(r"\r\n?")
_SPACE_RUN = re.compile(r"\s+")


def clean_text(value: str) -> str:
    """Unicode NFC, control characters removed, line endings unified, outer whitespace trimmed.

    Cleaning never rewrites wording: inner spacing, newlines and tabs are kept.
    """
    text = unicodedata.normalize("NFC", _CRLF.sub("\n", value))
    return _CONTROL.sub("", text).strip()


def dedup_key(value: str) -> str:
    """The form two texts must share to count as exact duplicates: NFKC, casefolded, whitespace folded."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFKC", value).casefold()).strip()


def content_id(input_text: str, context: str, output: str) -> str:
    """Stable row id: a hash of the normalised content, so the same pair gets the same id in any source."""
    joined = "\x1f".join(dedup_key(part) for part in (input_text, context, output))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def is_placeholder(value: str) -> bool:
    """An answer that says there is no answer ("No answers", "Unanswerable", "N/A", ...)."""
    return dedup_key(value).strip(" .!") in PLACEHOLDER_ANSWERS


PLACEHOLDER_ANSWERS = frozenset(
    {"no answer", "no answers", "unanswerable", "n/a", "na", "none", "null", "nan", "-", "?", "tbd", "unknown"}
)
