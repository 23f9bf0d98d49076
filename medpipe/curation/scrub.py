"""PHI redaction applied to every published text of the unified rows: input, context, output, reasoning, every message turn and
every string inside `meta`. Ids follow the redacted content.

Vectorised: polars decides, once per distinct text of every column, which kinds of PHI a text can hold (`phi.kind_masks`: one
Rust regex per kind, name cues checked with the word they introduce, a first-name lexicon lookup); only those texts reach the
Python rules, and only those kinds' finders run on them. Only rows with a redaction are rebuilt."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import polars as pl

from medpipe.curation.phi import Span, find_phi, kind_masks, redact
from medpipe.warehouse.text import content_id

TEXT_COLUMNS = ("input", "context", "output", "reasoning")
KEYED_COLUMNS = ("input", "context", "output")  # the content id hashes these
# meta keys that medpipe writes itself (synthetic generation bookkeeping): not free text, never PHI ("partition": "2026-11-22")
MACHINE_META_KEYS = frozenset({"partition", "model", "prompt_versions", "options", "retrieved_chunk_ids", "grounding_score", "answer_idx",
                               "turns", "trailing_patient_turns_cut", "paragraphs"})
PUBLISHED_COLUMNS = (*TEXT_COLUMNS, "messages", "meta")


META_MACHINE_FIELDS = r'"(?:partition|model|retrieved_chunk_ids|prompt_versions)": (?:"[^"]*"|\[[^\]]*\])'


def candidate_mask(texts: pl.Series, names_without_cue: bool = True) -> pl.Series:
    """True for the texts the rules must read (some kind in `phi.kind_masks`)."""
    return kind_masks(texts, names_without_cue) != 0


def text_kinds(texts: pl.Series, names_without_cue: bool = True) -> dict[str, int]:
    """Distinct texts that may hold PHI -> the bitmask of kinds whose finders must run on them."""
    unique = texts.drop_nulls().unique()
    if unique.len() == 0:
        return {}
    kinds = kind_masks(unique, names_without_cue)
    hit = kinds != 0
    return dict(zip(unique.filter(hit).to_list(), kinds.filter(hit).to_list()))


def column_texts(indexed: pl.DataFrame) -> pl.DataFrame:
    """(_row, column, t): every text of the text columns and of every message turn, one line each."""
    parts = [indexed.select("_row", pl.lit(column).alias("column"), pl.col(column).cast(pl.String).alias("t")) for column in TEXT_COLUMNS]
    turns = indexed.select("_row", pl.lit("messages").alias("column"), pl.col("messages").list.eval(pl.element().struct.field("content")).alias("t"))
    parts.append(turns.explode("t").with_columns(pl.col("t").cast(pl.String)))
    return pl.concat(parts).filter(pl.col("t").is_not_null() & (pl.col("t") != ""))


def meta_candidates(indexed: pl.DataFrame, names_without_cue: bool = True) -> pl.Series:
    """True where a meta document may hold PHI outside medpipe's own bookkeeping fields."""
    meta = indexed["meta"].cast(pl.String).fill_null("")
    return candidate_mask(meta.str.replace_all(META_MACHINE_FIELDS, ""), names_without_cue)


def meta_strings(meta: str | None) -> list[str]:
    """Every string inside a meta JSON document (keys excluded), except medpipe's own bookkeeping fields."""
    out: list[str] = []

    def walk(value: Any, key: str | None) -> None:
        if key in MACHINE_META_KEYS:
            return
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    if meta:
        try:
            walk(json.loads(meta), None)
        except ValueError:
            out.append(meta)
    return out


def _redact_meta(meta: str, labels: set[str], counts: Counter[str]) -> str:
    try:
        document = json.loads(meta)
    except ValueError:
        text, spans = redact(meta)
        labels.update(s.label for s in spans)
        counts.update(s.label for s in spans)
        return text

    def walk(value: Any, key: str | None) -> Any:
        if key in MACHINE_META_KEYS:
            return value
        if isinstance(value, str):
            text, spans = redact(value)
            labels.update(s.label for s in spans)
            counts.update(s.label for s in spans)
            return text
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        return value

    redacted = walk(document, None)
    return json.dumps(redacted, ensure_ascii=False, sort_keys=True, default=str) if redacted != document else meta


def scrub_rows(rows: pl.DataFrame) -> tuple[pl.DataFrame, Counter[str]]:
    """Redact PHI in input, context, output, reasoning, message turns and meta strings; add `flags` entries
    `phi_redacted:<LABEL>` and recompute the content id. Returns the rows and redactions by label."""
    counts: Counter[str] = Counter()
    if rows.height == 0:
        return rows, counts
    indexed = rows.with_row_index("_row")
    # which texts need the Python rules (and which of them), decided in polars once per distinct text
    texts = column_texts(indexed)
    kinds = text_kinds(texts["t"])
    wanted_rows = texts.filter(pl.col("t").is_in(pl.Series(list(kinds), dtype=pl.String).implode()))["_row"] if kinds else pl.Series([], dtype=pl.UInt32)
    wanted = indexed["_row"].is_in(wanted_rows.unique().implode()) | meta_candidates(indexed)
    candidates = indexed.filter(wanted)
    if candidates.height == 0:
        return rows, counts

    done: dict[str, tuple[str, list[Span]]] = {}  # message turns repeat the input and the output: redact each text once

    def redacted(text: str) -> tuple[str, list[Span]]:
        found = done.get(text)
        if found is None:
            found = done[text] = _redact_with(text, kinds.get(text, 0))
        return found

    updates: list[dict[str, Any]] = []
    for row in candidates.to_dicts():
        labels: set[str] = set()
        changed_key = False
        for column in TEXT_COLUMNS:
            if row[column]:
                text, spans = redacted(row[column])
                if spans:
                    row[column] = text
                    labels.update(s.label for s in spans)
                    counts.update(s.label for s in spans)
                    changed_key = changed_key or column in KEYED_COLUMNS
        for message in row["messages"] or []:
            if message["content"]:
                text, spans = redacted(message["content"])
                if spans:
                    message["content"] = text
                    labels.update(s.label for s in spans)
                    counts.update(s.label for s in spans)
        if row["meta"]:
            row["meta"] = _redact_meta(row["meta"], labels, counts)
        if not labels:
            continue
        row["flags"] = [*(row["flags"] or []), *sorted(f"phi_redacted:{label}" for label in labels)]
        if changed_key:
            row["id"] = content_id(row["input"] or "", row["context"] or "", row["output"] or "")
        updates.append(row)
    if not updates:
        return rows, counts
    changed = pl.DataFrame(updates, schema=indexed.schema)
    merged = pl.concat([indexed.filter(~pl.col("_row").is_in(changed["_row"].implode())), changed])
    return merged.sort("_row").drop("_row"), counts


def _redact_with(text: str, kinds: int) -> tuple[str, list[Span]]:
    """`phi.redact` running only the finders of `kinds` (0: the text holds no PHI)."""
    return redact(text, kinds) if kinds else (text, [])


def phi_findings(texts: list[str], names_without_cue: bool = True) -> list[list[tuple[str, str]]]:
    """(label, rule) of every span in each text: what the release gate reports."""
    return [[(s.label, s.rule) for s in find_phi(t, names_without_cue)] for t in texts]
