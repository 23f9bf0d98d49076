"""Redactions follow duplicates: the row a duplicate cluster keeps carries every redaction any member of its cluster had.

The same dialogue can reach curation twice, once in its original casing (where the scrubber finds "Dr. Patel") and once
lower-cased by another publisher (where "dr. patel" may pass). Whenever a member holds placeholders in a published text that
differs from the kept row's (a text column, a message turn, a string of `meta` at the same place in the document), the two texts
are aligned word by word (difflib) and every stretch of words that the member replaced by placeholders is replaced in the kept
row by the member's words there, provided the member is a near copy of the kept text (most of its other words align). Only
those members are read in Python.

Carrying changes a kept row's content and so its id; two kept rows can then end equal (two clusters of a templated question,
each kept row carrying "[NAME]" where its own name was). `keep_and_carry` merges such clusters and ranks them again, so no two
kept rows share an id (the release gate's `final_unique_id`)."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import polars as pl

from medpipe.curation.clusters import keep_one_per_cluster
from medpipe.curation.phi import LABELS
from medpipe.curation.scrub import MACHINE_META_KEYS
from medpipe.warehouse.text import content_id

PLACEHOLDER_PATTERN = r"\[(?:" + "|".join(LABELS) + r")\]"
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
TEXT_COLUMNS = ("input", "context", "output", "reasoning")
COUNTED = (*TEXT_COLUMNS, "_turns", "meta")
# a member's redactions are carried into a kept text only when at least this share of the member's other words align with it
NEAR_COPY = 0.5
_WORD = re.compile(r"\S+")


def carry_into(kept: str, member: str) -> str:
    """`kept` with every stretch of words that `member` (a near copy) redacted replaced by the member's redacted words."""
    if not member or not PLACEHOLDER.search(member):
        return kept
    kept_words = list(_WORD.finditer(kept))
    member_words = member.split()
    matcher = SequenceMatcher(None, [w.group().lower() for w in kept_words], [w.lower() for w in member_words], autojunk=False)
    plain = sum(1 for w in member_words if not PLACEHOLDER.search(w))
    if sum(block.size for block in matcher.get_matching_blocks()) < NEAR_COPY * plain:
        return kept  # another text (a different reasoning, another source's description): its placeholders say nothing of this one
    out, last = [], 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        redacted = [w for w in member_words[j1:j2] if PLACEHOLDER.search(w)]
        if tag == "replace" and redacted and not any(PLACEHOLDER.search(w.group()) for w in kept_words[i1:i2]):
            out += [kept[last : kept_words[i1].start()], " ".join(member_words[j1:j2])]
            last = kept_words[i2 - 1].end()
    return "".join(out) + kept[last:] if out else kept


def _meta_strings(value: Any, path: tuple[object, ...] = (), key: str | None = None) -> dict[tuple[object, ...], str]:
    """Every published string of a meta document by its place in it (medpipe's bookkeeping fields left out, as the scrub does)."""
    if key in MACHINE_META_KEYS:
        return {}
    if isinstance(value, str):
        return {path: value}
    if isinstance(value, dict):
        return {p: s for k, v in value.items() for p, s in _meta_strings(v, (*path, k), k).items()}
    if isinstance(value, list):
        return {p: s for i, v in enumerate(value) for p, s in _meta_strings(v, (*path, i), key).items()}
    return {}


def carry_into_meta(kept: str | None, member: str | None) -> str | None:
    """The kept row's meta document with each string carrying the redactions of the member's string at the same place."""
    if not kept or not member or not PLACEHOLDER.search(member):
        return kept
    try:
        kept_doc, member_doc = json.loads(kept), json.loads(member)
    except ValueError:
        return carry_into(kept, member)
    theirs = _meta_strings(member_doc)

    def walk(value: Any, path: tuple[object, ...], key: str | None) -> Any:
        if key in MACHINE_META_KEYS:
            return value
        if isinstance(value, str):
            return carry_into(value, theirs[path]) if path in theirs else value
        if isinstance(value, dict):
            return {k: walk(v, (*path, k), k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*path, i), key) for i, v in enumerate(value)]
        return value

    carried = walk(kept_doc, (), None)
    return json.dumps(carried, ensure_ascii=False, sort_keys=True, default=str) if carried != kept_doc else kept


def carry_redactions(ranked: pl.DataFrame) -> pl.DataFrame:
    """`ranked` (rows with `kept` and `kept_id`, from keep_one_per_cluster) with each kept row's text columns, message turns
    and meta strings carrying its cluster members' redactions, their `phi_redacted:*` flags added, and its id (and its
    members' `kept_id`) recomputed from the new content."""
    texts = {c: pl.col(c).cast(pl.String).fill_null("") for c in (*TEXT_COLUMNS, "meta")}
    texts["_turns"] = pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n").fill_null("")
    frame = ranked.with_columns(*[text.alias(f"_t_{c}") for c, text in texts.items()])
    kept = frame.filter("kept").select(pl.col("id").alias("kept_id"), *[pl.col(f"_t_{c}").alias(f"_k_{c}") for c in COUNTED])
    # a member gives something only where it holds a placeholder in a text that differs from the kept row's
    gives = pl.any_horizontal((pl.col(f"_t_{c}").str.contains(PLACEHOLDER_PATTERN) & (pl.col(f"_t_{c}") != pl.col(f"_k_{c}"))) for c in COUNTED)
    donors = (frame.filter(~pl.col("kept")).join(kept, on="kept_id", maintain_order="left").filter(gives)
              .select("kept_id", *TEXT_COLUMNS, "messages", "meta", "flags"))
    if donors.is_empty():
        return ranked
    indexed = ranked.with_row_index("_position")
    rows = {row["id"]: row for row in indexed.filter(pl.col("id").is_in(donors["kept_id"].implode()) & pl.col("kept")).to_dicts()}
    for donor in donors.to_dicts():
        row = rows[donor["kept_id"]]
        for column in TEXT_COLUMNS:
            if row[column]:
                row[column] = carry_into(row[column], donor[column] or "")
        if row["messages"] and donor["messages"] and len(row["messages"]) == len(donor["messages"]):
            row["messages"] = [turn | {"content": carry_into(turn["content"], other["content"])}
                               for turn, other in zip(row["messages"], donor["messages"])]
        row["meta"] = carry_into_meta(row["meta"], donor["meta"])
        row["flags"] = list(dict.fromkeys([*row["flags"], *(f for f in donor["flags"] if f.startswith("phi_redacted:"))]))
    new_ids = {old: content_id(row["input"] or "", row["context"] or "", row["output"] or "") for old, row in rows.items()}
    changed = pl.DataFrame([row | {"id": new_ids[old]} for old, row in rows.items()], schema=indexed.schema)
    return (pl.concat([indexed.filter(~pl.col("_position").is_in(changed["_position"].implode())), changed])
            .sort("_position")
            .with_columns(pl.col("kept_id").replace(new_ids))
            .drop("_position"))


def keep_and_carry(rows: pl.DataFrame, labels: pl.Series | np.ndarray, priority: dict[str, int]) -> pl.DataFrame:
    """`keep_one_per_cluster` then `carry_redactions`. When carried content makes two kept rows equal (the same id), their
    clusters are merged and ranked again (one row kept, carrying the redactions of every member of both), until kept ids are
    unique."""
    labels = pl.Series("label", labels).cast(pl.String)
    while True:
        ranked = carry_redactions(keep_one_per_cluster(rows, labels, priority))
        kept = ranked.select("id", "kept", labels).filter("kept")
        clashes = kept.filter(pl.col("id").is_duplicated())
        if clashes.is_empty():
            return ranked
        # every cluster whose kept row clashes joins the cluster of the first kept row with the same id
        merge = clashes.group_by("id", maintain_order=True).agg(pl.col("label")).select(
            pl.col("label").alias("from"), pl.col("label").list.first().alias("to")).explode("from")
        labels = labels.replace(dict(zip(merge["from"], merge["to"])))
