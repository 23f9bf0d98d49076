"""Curation steps on constructed cases and on the real files."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from medpipe.curation import semantic
from medpipe.curation.clusters import cluster_labels, keep_one_per_cluster
from medpipe.corpus.embeddings import encode, load_model
from medpipe.curation.mcq import leak_flags
from medpipe.warehouse.rows import CURATED_SCHEMA
from medpipe.warehouse.text import content_id


def rows_of(*texts: tuple[str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"id": content_id(i, "", o), "source": s, "source_id": f"{s}:{n}", "input": i, "context": "", "output": o, "reasoning": None,
          "messages": [], "license": "x", "meta": "{}", "flags": []} for n, (s, i, o) in enumerate(texts)],
        schema=CURATED_SCHEMA,
    )


def test_cluster_representative_prefers_source_priority_then_completeness() -> None:
    rows = rows_of(("b_source", "q1", "short"), ("a_source", "q1 again", "a much longer answer"), ("a_source", "q1 too", "longer answer"), ("b_source", "q2", "x"))
    ranked = keep_one_per_cluster(rows, cluster_labels(4, [(0, 1, 0.9), (1, 2, 0.9)]), {"a_source": 0, "b_source": 1})
    assert ranked["source_id"].to_list() == rows["source_id"].to_list()  # the rows keep their order
    assert ranked.filter("kept")["source_id"].to_list() == ["a_source:1", "b_source:3"]
    dropped = ranked.filter(~pl.col("kept"))
    assert sorted(dropped["source_id"].to_list()) == ["a_source:2", "b_source:0"]
    assert set(dropped["kept_id"]) == {rows["id"][1]} and set(dropped["kept_source"]) == {"a_source"}


def test_semantic_pairs_on_paraphrases_with_the_real_model() -> None:
    model = load_model("")
    texts = ["What is the treatment for a minor burn?", "What is the treatment of a minor burn?", "How do I stop a nosebleed?"]
    pairs = semantic.similar_pairs(encode(model, texts), 0.95)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


@pytest.mark.parametrize(
    "output,flags",
    [("C. B12", []), ("The answer is (E) none of these", ["option_not_in_context", "answer_contradicts_gold"]), ("The correct answer is B, folate.", ["answer_contradicts_gold"])],
)
def test_mcq_answer_leaks(output: str, flags: list[str]) -> None:
    assert leak_flags("A. Iron\nB. Folate\nC. B12\nD. Zinc", output, json.dumps({"answer_idx": "C"})) == flags


# ---- real files ----


def test_the_kept_row_carries_every_redaction_of_its_cluster() -> None:
    from medpipe.curation.cluster_redactions import carry_into, carry_redactions

    assert carry_into("thanks. regards, dr. bhagyesh v. patel", "Thanks. Regards, [NAME]") == "thanks. regards, [NAME]"
    assert carry_into("call me at 555 123 4567, ok", "Call me at [PHONE], ok") == "call me at [PHONE], ok"
    assert carry_into("same words here", "Same words here") == "same words here"
    # the lower-cased copy wins its cluster (higher priority) but its sign-off was not redacted; the original's was
    lower = ("a_source", "my son has a fever. what should i do?", "give fluids and paracetamol. regards, dr. kaushal bhavsar")
    original = ("b_source", "My son has a fever. What should I do?", "Give fluids and paracetamol. Regards, [NAME]")
    rows = rows_of(lower, original, ("a_source", "other question", "other answer"))
    rows = rows.with_columns(pl.Series("flags", [[], ["phi_redacted:NAME"], []]),
                             pl.Series("messages", [[{"role": "user", "content": r[1]}, {"role": "assistant", "content": r[2]}] for r in (lower, original, ("", "q", "a"))]))
    ranked = carry_redactions(keep_one_per_cluster(rows, cluster_labels(3, [(0, 1, 0.9)]), {"a_source": 0, "b_source": 1}))
    kept = ranked.filter("kept").row(0, named=True)
    assert kept["source"] == "a_source" and kept["output"] == "give fluids and paracetamol. regards, [NAME]"
    assert kept["messages"][1]["content"] == kept["output"] and "phi_redacted:NAME" in kept["flags"]
    assert kept["id"] == content_id(kept["input"], "", kept["output"]) != rows["id"][0]  # the id follows the content
    assert ranked.filter(~pl.col("kept"))["kept_id"].to_list() == [kept["id"]]  # and the dropped copy names it
    assert ranked["source_id"].to_list() == rows["source_id"].to_list() and ranked.row(2, named=True)["output"] == "other answer"
