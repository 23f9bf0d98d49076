"""Patient-doctor dialogues: parsing MedDialog's raw text and turning turns into messages and a flat pair."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from medpipe.warehouse.rows import Malformed, Pair

ROLE_BY_SPEAKER = {"patient": "user", "doctor": "assistant"}
_SPEAKER_LINE = re.compile(r"^\s*(patient|doctor)\s*:\s*(.*)$", re.IGNORECASE)
_ID_LINE = re.compile(r"^id\s*=\s*(\d+)\s*$")
_INLINE_TURN = re.compile(r"\b(patient|doctor)\s*:", re.IGNORECASE)


@dataclass
class RawDialogue:
    """One `id=N` block of MedDialog's original text release."""

    dialogue_id: str
    line_no: int
    url: str = ""
    description: str = ""
    turns: list[tuple[str, str]] = field(default_factory=list)


def parse_meddialog_text(text: str) -> Iterator[RawDialogue]:
    """Parse blocks of `id=N`, URL, `Description`, text, `Dialogue`, then `Patient:`/`Doctor:` turns.

    Turn text may run over several lines or sit on the speaker line itself; blank lines are ignored;
    a repeated id yields a second dialogue (the caller decides how to key it).
    """
    current: RawDialogue | None = None
    section = ""
    speaker: str | None = None
    buffer: list[str] = []

    def flush_turn() -> None:
        nonlocal buffer
        if current is not None and speaker is not None and section == "dialogue":
            current.turns.append((speaker, "\n".join(buffer).strip()))
        buffer = []

    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if match := _ID_LINE.match(line):
            flush_turn()
            if current is not None:
                yield current
            current, section, speaker = RawDialogue(match.group(1), line_no), "header", None
            continue
        if current is None or not line.strip():
            continue
        stripped = line.strip()
        if section == "header" and re.match(r"^https?://", stripped):
            current.url = stripped
        elif stripped == "Description" and section in ("header", "description"):
            section = "description"
        elif stripped == "Dialogue" and section in ("header", "description"):
            section = "dialogue"
        elif section == "description":
            current.description = f"{current.description}\n{stripped}".strip()
        elif section == "dialogue" and (match := _SPEAKER_LINE.match(line)):
            flush_turn()
            speaker = match.group(1).lower()
            buffer = [match.group(2)] if match.group(2).strip() else []
        elif section == "dialogue" and speaker is not None:
            buffer.append(stripped)
    flush_turn()
    if current is not None:
        yield current


def split_inline_turns(text: str) -> list[tuple[str, str]]:
    """Split "Patient: ... Doctor: ..." running text (lighteval/med_dialog `src`) into turns."""
    parts = _INLINE_TURN.split(text)
    turns = [(parts[i].lower(), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
    return [(speaker, body) for speaker, body in turns if body]


def split_prefixed_utterance(utterance: str) -> tuple[str, str]:
    """"patient: text" -> ("patient", "text"), as in know_medical_dialogues and MedDialog processed.en."""
    match = _SPEAKER_LINE.match(utterance.split("\n", 1)[0])
    if not match:
        raise Malformed("unknown_speaker", utterance[:80])
    rest = utterance.split("\n", 1)[1] if "\n" in utterance else ""
    return match.group(1).lower(), (match.group(2) + ("\n" + rest if rest else "")).strip()


def dialogue_pair(turns: list[tuple[str, str]], meta: dict[str, object] | None = None) -> Pair:
    """Messages (consecutive turns of one speaker merged) plus a flat pair.

    The flat pair answers the last patient turn with the last doctor turn; earlier turns become the
    context as a transcript. Patient turns after the last doctor turn are cut and counted in meta.
    """
    messages: list[dict[str, str]] = []
    for speaker, body in turns:
        role = ROLE_BY_SPEAKER.get(speaker)
        if role is None:
            raise Malformed("unknown_speaker", speaker)
        if not body.strip():
            continue
        if messages and messages[-1]["role"] == role:
            messages[-1]["content"] += "\n" + body.strip()
        else:
            messages.append({"role": role, "content": body.strip()})
    while messages and messages[-1]["role"] != "assistant":
        messages.pop()
    last_doctor = max((i for i, (speaker, body) in enumerate(turns) if speaker == "doctor" and body.strip()), default=-1)
    trailing_cut = sum(1 for _, body in turns[last_doctor + 1 :] if body.strip())
    if len(messages) < 2 or messages[0]["role"] != "user":
        raise Malformed("no_patient_doctor_exchange", f"{len(turns)} turns")
    earlier = messages[:-2]
    transcript = "\n".join(f"{'Patient' if m['role'] == 'user' else 'Doctor'}: {m['content']}" for m in earlier)
    extra = dict(meta or {})
    extra["turns"] = len(messages)
    if trailing_cut:
        extra["trailing_patient_turns_cut"] = trailing_cut
    return Pair(input=messages[-2]["content"], output=messages[-1]["content"], context=transcript, messages=messages, meta=extra)

