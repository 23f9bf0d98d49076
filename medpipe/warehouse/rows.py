"""The unified row schema and the keep-or-quarantine results every step produces."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

import polars as pl

from medpipe.warehouse.text import clean_text, dedup_key, id_of_keys, is_placeholder_key

MESSAGE = pl.Struct({"role": pl.String, "content": pl.String})

ROW_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String,
    "source": pl.String,
    "source_id": pl.String,
    "input": pl.String,
    "context": pl.String,
    "output": pl.String,
    "reasoning": pl.String,
    "messages": pl.List(MESSAGE),
    "license": pl.String,
    "meta": pl.String,
}

# Every curated table holds the row schema and its quality flags; `final` adds the split in front.
CURATED_SCHEMA: dict[str, pl.DataType] = {**ROW_SCHEMA, "flags": pl.List(pl.String)}
FINAL_COLUMNS = ["split", *CURATED_SCHEMA]

QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "step": pl.String,
    "source": pl.String,
    "source_id": pl.String,
    "reason": pl.String,
    "detail": pl.String,
    "payload": pl.String,
}


class Malformed(ValueError):
    """A raw record that cannot be mapped; the message is the quarantine reason."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Pair:
    """What a normaliser makes of one raw record (before cleaning and ids)."""

    input: str
    output: str
    context: str = ""
    reasoning: str | None = None
    messages: list[dict[str, str]] | None = None
    meta: dict[str, Any] | None = None
    source_id_suffix: str = ""


@dataclass(frozen=True)
class Rejection:
    reason: str
    detail: str = ""


def text_field(record: dict[str, Any], key: str, *, required: bool = True) -> str:
    """A string field of a raw record: missing, null or NaN raises Malformed when required; a value that is not text always does."""
    value = record.get(key)
    if value is None or (isinstance(value, float) and value != value):
        if required:
            raise Malformed("missing_field", key)
        return ""
    if not isinstance(value, str):  # a number where text belongs is a broken record, not text to coerce
        raise Malformed("wrong_type", f"{key}: {type(value).__name__}")
    return value


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def finish_pair(pair: Pair, *, source: str, source_id: str, license: str) -> dict[str, Any] | Rejection:
    """Clean a normaliser's pair, reject empty or placeholder text, and give it its stable id."""
    input_text, output, context = clean_text(pair.input), clean_text(pair.output), clean_text(pair.context)
    if not input_text:
        return Rejection("empty_input")
    if not output:
        return Rejection("empty_output")
    output_key = dedup_key(output)
    if is_placeholder_key(output_key):
        return Rejection("placeholder_output", output)
    messages = [{"role": m["role"], "content": clean_text(m["content"])} for m in pair.messages or []]
    return {
        "id": id_of_keys(dedup_key(input_text), dedup_key(context), output_key),
        "source": source,
        "source_id": source_id + pair.source_id_suffix,
        "input": input_text,
        "context": context,
        "output": output,
        "reasoning": clean_text(pair.reasoning) if pair.reasoning else None,
        "messages": messages,
        "license": license,
        "meta": to_json(pair.meta) if pair.meta else "{}",
    }


def rows_frame(rows: Iterable[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=ROW_SCHEMA)


def quarantine_frame(rows: Iterable[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=QUARANTINE_SCHEMA)


def quarantine_row(step: str, source: str, source_id: str, rejection: Rejection, payload: Any) -> dict[str, Any]:
    return {
        "step": step,
        "source": source,
        "source_id": source_id,
        "reason": rejection.reason,
        "detail": rejection.detail,
        "payload": payload if isinstance(payload, str) else to_json(payload),
    }


def content_version(rows: pl.DataFrame) -> str:
    """A hash of a table's content by (split, id): the same rows in the same splits give the same version."""
    keys = rows.select(pl.concat_str(["split", "id"], separator=":")).to_series().sort().to_list()
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]
