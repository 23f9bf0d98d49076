"""Redactions follow duplicates: the row a duplicate cluster keeps carries every redaction any member of its cluster had.

The same dialogue can reach curation twice, once in its original casing (where the scrubber finds "Dr. Patel") and once
lower-cased by another publisher (where "dr. patel" may pass). When the cluster keeps the copy with fewer placeholders, each
text column of the kept row is aligned word by word (difflib) with the member's, and every stretch of words that the member
replaced by placeholders is replaced in the kept row by the member's words there. Only rows whose member holds more
placeholders in a column than the kept row are read in Python."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher

import polars as pl

from medpipe.curation.phi import LABELS
from medpipe.warehouse.text import content_id

PLACEHOLDER_PATTERN = r"\[(?:" + "|".join(LABELS) + r")\]"
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
TEXT_COLUMNS = ("input", "context", "output", "reasoning")
_WORD = re.compile(r"\S+")


def carry_into(kept: str, member: str) -> str:
    """`kept` with every stretch of words that `member` (a near copy) redacted replaced by the member's redacted words."""
    if not member or not PLACEHOLDER.search(member):
        return kept
    kept_words = list(_WORD.finditer(kept))
    member_words = member.split()
    matcher = SequenceMatcher(None, [w.group().lower() for w in kept_words], [w.lower() for w in member_words], autojunk=False)
    out, last = [], 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        redacted = [w for w in member_words[j1:j2] if PLACEHOLDER.search(w)]
        if tag == "replace" and redacted and not any(PLACEHOLDER.search(w.group()) for w in kept_words[i1:i2]):
            out += [kept[last : kept_words[i1].start()], " ".join(member_words[j1:j2])]
            last = kept_words[i2 - 1].end()
    return "".join(out) + kept[last:] if out else kept


def carry_redactions(ranked: pl.DataFrame) -> pl.DataFrame:
    """`ranked` (rows with `kept` and `kept_id`, from keep_one_per_cluster) with each kept row's text columns and message
    turns carrying its cluster members' redactions, their `phi_redacted:*` flags added, and its id (and its members'
    `kept_id`) recomputed from the new content."""
    counts = [pl.col(c).fill_null("").str.count_matches(PLACEHOLDER_PATTERN).alias(f"_n_{c}") for c in (*TEXT_COLUMNS, "_turns")]
    frame = ranked.with_columns(pl.col("messages").list.eval(pl.element().struct.field("content")).list.join("\n").alias("_turns")).with_columns(counts)
    kept = frame.filter("kept").select("id", *[pl.col(f"_n_{c}").alias(f"_kept_n_{c}") for c in (*TEXT_COLUMNS, "_turns")])
    members = frame.filter(~pl.col("kept")).join(kept, left_on="kept_id", right_on="id")
    more = pl.any_horizontal(pl.col(f"_n_{c}") > pl.col(f"_kept_n_{c}") for c in (*TEXT_COLUMNS, "_turns"))
    donors = members.filter(more).select("kept_id", *TEXT_COLUMNS, "messages", "flags")
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
            row["messages"] = [turn | {"content": carry_into(turn["content"], other["content"])} for turn, other in zip(row["messages"], donor["messages"])]
        row["flags"] = list(dict.fromkeys([*row["flags"], *(f for f in donor["flags"] if f.startswith("phi_redacted:"))]))
    new_ids = {old: content_id(row["input"] or "", row["context"] or "", row["output"] or "") for old, row in rows.items()}
    changed = pl.DataFrame([row | {"id": new_ids[old]} for old, row in rows.items()], schema=indexed.schema)
    return (pl.concat([indexed.filter(~pl.col("_position").is_in(changed["_position"].implode())), changed])
            .sort("_position")
            .with_columns(pl.col("kept_id").replace(new_ids))
            .drop("_position"))
