"""Multiple-choice answer leaks: outputs that cite an option the context does not have, or name a different
option than the gold answer."""

from __future__ import annotations

import json
import re

_OPTION_LINE = re.compile(r"^\s*\(?([A-J])[.):]\s+\S", re.MULTILINE)
_CITED = re.compile(
    r"(?:^\s*\(?([A-J])[.):](?=\s)|\b(?:answer|option|choice)\s*(?:is|:)?\s*\(?([A-J])\b\)?|\(([A-J])\))",
    re.IGNORECASE | re.MULTILINE,
)
_ANSWER_IS = re.compile(r"^\s*\(?([A-J])[.):](?=\s)|\b(?:correct\s+)?(?:answer|option|choice)\s*(?:is|:)\s*\(?([A-J])\b",
                        re.IGNORECASE | re.MULTILINE)


def option_letters(context: str) -> set[str]:
    return set(_OPTION_LINE.findall(context))


def leak_flags(context: str, output: str, meta_json: str) -> list[str]:
    """[] for a clean row; 'option_not_in_context' and/or 'answer_contradicts_gold' otherwise."""
    letters = option_letters(context)
    if not letters:
        return []
    flags = []
    cited = {next(g for g in m if g).upper() for m in _CITED.findall(output)}
    if cited - letters:
        flags.append("option_not_in_context")
    gold = (json.loads(meta_json or "{}") or {}).get("answer_idx")
    stated = [next(g for g in m if g).upper() for m in _ANSWER_IS.findall(output)]
    if gold and stated and stated[0] != gold:
        flags.append("answer_contradicts_gold")
    return flags
