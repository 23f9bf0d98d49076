"""Text cleaning and content keys: the only place that decides what 'the same text' means."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# C0 and C1 control characters except tab and newline, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CRLF = re.compile(r"\r\n?")


def clean_text(value: str) -> str:
    """Unicode NFC, control characters removed, line endings unified, outer whitespace trimmed.

    Cleaning never rewrites wording: inner spacing, newlines and tabs are kept.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", _CRLF.sub("\n", value) if "\r" in value else value)
    return (_CONTROL.sub("", text) if _CONTROL.search(text) else text).strip()


def dedup_key(value: str) -> str:
    r"""The form two texts must share to count as exact duplicates: NFKC, casefolded, whitespace folded (runs of what
    str.isspace calls whitespace become one space, outer ones go: what `re.sub(r"\s+", " ", s).strip()` does, 2x faster)."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split()) if value else ""


def content_id(input_text: str, context: str, output: str) -> str:
    """Stable row id: a hash of the normalised content, so the same pair gets the same id in any source."""
    return id_of_keys(dedup_key(input_text), dedup_key(context), dedup_key(output))


def id_of_keys(input_key: str, context_key: str, output_key: str) -> str:
    """`content_id` from the three texts' dedup keys."""
    return hashlib.sha256("\x1f".join((input_key, context_key, output_key)).encode("utf-8")).hexdigest()[:20]


def is_placeholder_key(key: str) -> bool:
    """Whether an answer, given by its dedup key, says there is no answer ("No answers", "Unanswerable", "N/A", ...)."""
    return key.strip(" .!") in PLACEHOLDER_ANSWERS


PLACEHOLDER_ANSWERS = frozenset(
    {"no answer", "no answers", "unanswerable", "n/a", "na", "none", "null", "nan", "-", "?", "tbd", "unknown"}
)
