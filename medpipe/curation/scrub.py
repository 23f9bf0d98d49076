"""PHI redaction applied to every published text of the unified rows: input, context, output, reasoning, every message turn and
every string inside `meta`. Ids follow the redacted content.

Vectorised: polars decides, once per distinct text of every column, which kinds of PHI a text can hold (`phi.kind_masks`: one
Rust regex per kind, name cues checked with the word they introduce, a first-name lexicon lookup); only those texts reach the
Python rules, and only those kinds' finders run on them. The texts of free-text sources (dialogues, consultations, user-added
sources: `phi_tagger.tagger_applies`) also go, all of them, through the trained tagger beside the rules (`phi_tagger`). Only rows
with a redaction are rebuilt. The scrub also says what the
rules find in every text it leaves (`Scrubbed.scans`), so that the release gate need not scan those texts again (`phi_scans`)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import polars as pl

from medpipe.curation.phi import Span, find_phi, kind_masks, placeholders, redact
from medpipe.curation.phi_tagger import TAGGER_BIT, find_phi_tagged, load_tagger, with_tagger
from medpipe.warehouse.machine import map_in_forks
from medpipe.warehouse.text import content_id

TEXT_COLUMNS = ("input", "context", "output", "reasoning")
KEYED_COLUMNS = ("input", "context", "output")  # the content id hashes these
# meta keys that medpipe writes itself (synthetic generation bookkeeping): not free text, never PHI ("partition": "2026-11-22")
MACHINE_META_KEYS = frozenset({"partition", "model", "prompt_versions", "options", "retrieved_chunk_ids", "grounding_score", "answer_idx",
                               "turns", "trailing_patient_turns_cut", "paragraphs"})
PUBLISHED_COLUMNS = (*TEXT_COLUMNS, "messages", "meta")


META_MACHINE_FIELDS = r'"(?:partition|model|retrieved_chunk_ids|prompt_versions)": (?:"[^"]*"|\[[^\]]*\])'


FINDINGS = pl.List(pl.Struct({"label": pl.String, "rule": pl.String}))
SCANS_SCHEMA = {"scope": pl.String, "t": pl.String, "findings": FINDINGS}  # scope: "text" (judged whole) or "meta" (a JSON document)


@dataclass(frozen=True)
class Scrubbed:
    rows: pl.DataFrame
    redactions: Counter[str]
    scans: pl.DataFrame  # SCANS_SCHEMA: every distinct published text of `rows` and what the rules find in it (almost always nothing)


def text_kinds(texts: pl.Series) -> dict[str, int]:
    """Distinct texts that may hold PHI -> the bitmask of kinds whose finders must run on them."""
    unique = texts.drop_nulls().unique()
    if unique.len() == 0:
        return {}
    kinds = kind_masks(unique)
    hit = kinds != 0
    return dict(zip(unique.filter(hit).to_list(), kinds.filter(hit).to_list()))


def findings_of(spans: list[Span]) -> list[dict[str, str]]:
    return [{"label": label, "rule": rule} for label, rule in sorted({(s.label, s.rule) for s in spans})]


def judge_texts(texts: pl.Series) -> dict[str, list[dict[str, str]]]:
    """Distinct texts (each judged whole) -> what the rules find in them; texts with no finding are left out."""
    judged = {text: findings_of(find_phi(text, kinds=kinds)) for text, kinds in text_kinds(texts).items()}
    return {text: found for text, found in judged.items() if found}


def judge_meta(documents: pl.Series) -> dict[str, list[dict[str, str]]]:
    """Distinct meta documents (each string judged on its own) -> what the rules find in them; clean documents are left out."""
    unique = documents.drop_nulls().unique()
    judged = {doc: findings_of([s for text in meta_strings(doc) for s in find_phi(text)]) for doc in unique.filter(meta_mask(unique)).to_list()}
    return {doc: found for doc, found in judged.items() if found}


def scans_frame(scope: str, texts: pl.Series, judged: dict[str, list[dict[str, str]]]) -> pl.DataFrame:
    """SCANS_SCHEMA rows for distinct `texts`, with the findings of `judged` (none for the others)."""
    unique = texts.drop_nulls().unique()
    found = pl.DataFrame({"t": list(judged), "findings": list(judged.values())}, schema={"t": pl.String, "findings": FINDINGS})
    return (unique.to_frame("t").join(found, on="t", how="left")
            .select(pl.lit(scope).alias("scope"), "t", pl.col("findings").fill_null(pl.lit([], FINDINGS))))


def column_texts(indexed: pl.DataFrame) -> pl.DataFrame:
    """(_row, column, t): every text of the text columns and of every message turn, one line each."""
    parts = [indexed.select("_row", pl.lit(column).alias("column"), pl.col(column).cast(pl.String).alias("t")) for column in TEXT_COLUMNS]
    turns = indexed.select("_row", pl.lit("messages").alias("column"), pl.col("messages").list.eval(pl.element().struct.field("content")).alias("t"))
    parts.append(turns.explode("t").with_columns(pl.col("t").cast(pl.String)))
    return pl.concat(parts).filter(pl.col("t").is_not_null() & (pl.col("t") != ""))


def meta_mask(documents: pl.Series) -> pl.Series:
    """True where a meta document may hold PHI outside medpipe's own bookkeeping fields (decided once per distinct document)."""
    documents = documents.cast(pl.String)
    unique = documents.drop_nulls().unique()
    flagged = unique.filter(kind_masks(unique.str.replace_all(META_MACHINE_FIELDS, "")) != 0)
    return documents.is_in(flagged.implode()).fill_null(False)


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


def scrub_rows(rows: pl.DataFrame) -> Scrubbed:
    """Redact PHI in input, context, output, reasoning, message turns and meta strings; add `flags` entries
    `phi_redacted:<LABEL>` and recompute the content id. Returns the rows, redactions by label and the scans of what it left."""
    indexed = rows.with_row_index("_row")
    # which texts need the Python rules (and which of them), decided in polars once per distinct text
    texts = column_texts(indexed)
    kinds = with_tagger(text_kinds(texts["t"]), texts, indexed.select("_row", "source"))
    wanted_rows = texts.filter(pl.col("t").is_in(pl.Series(list(kinds), dtype=pl.String).implode()))["_row"]
    documents = indexed["meta"].cast(pl.String)
    candidates = indexed.filter(indexed["_row"].is_in(wanted_rows.unique().implode()) | meta_mask(documents))
    done = redact_texts(kinds)  # message turns repeat the input and the output: each text is redacted once
    counts: Counter[str] = Counter()
    updates = [row for row in candidates.to_dicts() if _scrub_row(row, done, counts)]
    if updates:
        changed = pl.DataFrame(updates, schema=indexed.schema)
        indexed = pl.concat([indexed.filter(~pl.col("_row").is_in(changed["_row"].implode())), changed]).sort("_row")
    return Scrubbed(indexed.drop("_row"), counts, _scans_left(texts["t"], documents, done, indexed["meta"].cast(pl.String)))


Redaction = tuple[str, list[Span], list[Span]]  # as `phi.redact_fully`: the text, the spans redacted, what the rules still find


def redact_texts(kinds: dict[str, int]) -> dict[str, Redaction]:
    """`phi.redact_fully` of each text (redacted again until the rules find nothing in the result), every pass running only the
    finders of the kinds polars flags for the text it reads: the first from `kinds`, the later ones from one `kind_masks` call
    over all the rewritten texts."""
    done: dict[str, Redaction] = {}
    pending = {text: (text, [], mask) for text, mask in kinds.items()}
    while pending:
        rewritten: dict[str, tuple[str, list[Span]]] = {}
        every_found = find_many([(text, mask) for text, _, mask in pending.values()])
        for (original, (text, spans, mask)), found in zip(pending.items(), every_found):
            new = placeholders(text, found) if found else text
            if new == text:
                done[original] = (text, spans, found)
            else:
                rewritten[original] = (new, spans + found)
        masks = kind_masks(pl.Series([new for new, _ in rewritten.values()], dtype=pl.String)).to_list() if rewritten else []
        pending = {original: (new, spans, mask) for (original, (new, spans)), mask in zip(rewritten.items(), masks)}
    return done


def find_all(texts: list[tuple[str, int]]) -> list[list[Span]]:
    """`phi.find_phi` of each (text, kinds); with the tagger beside the rules where `kinds` has `TAGGER_BIT`."""
    return [find_phi_tagged(text, mask & ~TAGGER_BIT) if mask & TAGGER_BIT else find_phi(text, kinds=mask) for text, mask in texts]


def find_many(texts: list[tuple[str, int]]) -> list[list[Span]]:
    """`find_all`, shared with forked workers (`map_in_forks`): the rules and the tagger are pure Python."""
    if any(mask & TAGGER_BIT for _, mask in texts):
        load_tagger()  # once, before a fork: the workers share it
    return map_in_forks(find_all, texts)


def _scrub_row(row: dict[str, Any], done: dict[str, Redaction], counts: Counter[str]) -> bool:
    """Redact one row in place from the redactions of its texts; True when something was redacted."""

    def redacted(text: str) -> tuple[str, list[Span]]:
        found = done.get(text, (text, [], []))
        return found[0], found[1]

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
        return False
    row["flags"] = [*(row["flags"] or []), *sorted(f"phi_redacted:{label}" for label in labels)]
    if changed_key:
        row["id"] = content_id(row["input"] or "", row["context"] or "", row["output"] or "")
    return True


def _scans_left(texts: pl.Series, documents: pl.Series, done: dict[str, Redaction], scrubbed_documents: pl.Series) -> pl.DataFrame:
    """What the rules find in every text the scrub leaves: nothing in a text it did not change (the same rules found nothing
    there), what `redact_fully` still found in a text it redacted; a meta document it changed is judged again."""
    redacted = {text: (new, left) for text, (new, spans, left) in done.items() if spans}
    kept = texts.filter(~texts.is_in(pl.Series(list(redacted), dtype=pl.String).implode()))
    written = pl.Series([new for new, _ in redacted.values()], dtype=pl.String)
    left = {new: findings_of(spans) for new, spans in redacted.values() if spans}
    changed_documents = scrubbed_documents.filter(~scrubbed_documents.is_in(documents.implode()))
    return pl.concat([scans_frame("text", kept, {}), scans_frame("text", written, left),
                      scans_frame("meta", scrubbed_documents, judge_meta(changed_documents))])
