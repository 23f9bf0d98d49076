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
