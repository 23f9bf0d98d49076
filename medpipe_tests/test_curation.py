"""Curation steps on constructed cases and on the real files."""

from __future__ import annotations

import json

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


def test_cluster_labels_are_the_smallest_member_of_each_connected_component() -> None:
    import random

    rng = random.Random(7)
    n = 300
    pairs = [(a, b, 1.0) for a, b in {tuple(sorted(rng.sample(range(n), 2))) for _ in range(200)}]
    neighbours: dict[int, set[int]] = {k: set() for k in range(n)}
    for a, b, _ in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    expected = [0] * n
    for start in range(n):  # the component of each row by a walk, labelled by its smallest row
        seen, todo = {start}, [start]
        while todo:
            for nxt in neighbours[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        expected[start] = min(seen)
    assert cluster_labels(n, pairs).tolist() == expected
    assert cluster_labels(3, []).tolist() == [0, 1, 2]


def test_cluster_representative_prefers_source_priority_then_completeness() -> None:
    rows = rows_of(("b_source", "q1", "short"), ("a_source", "q1 again", "a much longer answer"),
                   ("a_source", "q1 too", "longer answer"), ("b_source", "q2", "x"))
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
    [("C. B12", []), ("The answer is (E) none of these", ["option_not_in_context", "answer_contradicts_gold"]),
     ("The correct answer is B, folate.", ["answer_contradicts_gold"])],
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
                             pl.Series("messages", [[{"role": "user", "content": r[1]}, {"role": "assistant", "content": r[2]}]
                                                    for r in (lower, original, ("", "q", "a"))]))
    ranked = carry_redactions(keep_one_per_cluster(rows, cluster_labels(3, [(0, 1, 0.9)]), {"a_source": 0, "b_source": 1}))
    kept = ranked.filter("kept").row(0, named=True)
    assert kept["source"] == "a_source" and kept["output"] == "give fluids and paracetamol. regards, [NAME]"
    assert kept["messages"][1]["content"] == kept["output"] and "phi_redacted:NAME" in kept["flags"]
    assert kept["id"] == content_id(kept["input"], "", kept["output"]) != rows["id"][0]  # the id follows the content
    assert ranked.filter(~pl.col("kept"))["kept_id"].to_list() == [kept["id"]]  # and the dropped copy names it
    assert ranked["source_id"].to_list() == rows["source_id"].to_list() and ranked.row(2, named=True)["output"] == "other answer"


def test_meta_strings_of_the_kept_row_carry_the_redactions_of_the_same_field() -> None:
    """Meta strings can differ within a cluster (the same dialogue from two publishers, with its own description each):
    the kept row's string at a place in its meta carries what the member redacted at the same place, and nothing from
    another field or from a text that is not a copy of it."""
    from medpipe.curation.cluster_redactions import carry_into_meta, carry_redactions

    kept = {"description": "fell at home. dr. kaushal bhavsar saw me", "turns": 2, "notes": ["same words", "asked mr. rohit"]}
    member = {"description": "Fell at home. [NAME] saw me", "turns": 2, "notes": ["Same words", "a different note by [NAME] here"]}
    carried = json.loads(carry_into_meta(json.dumps(kept), json.dumps(member)))
    assert carried == {"description": "fell at home. [NAME] saw me", "turns": 2, "notes": ["same words", "asked mr. rohit"]}
    assert carry_into_meta(json.dumps(kept), json.dumps({"summary": "[NAME] saw me"})) == json.dumps(kept)  # another field
    # through the cluster: the kept row (higher priority, nothing redacted) takes the member's redactions in meta and its flag
    rows = rows_of(("a_source", "fell at home, hip hurts", "see a doctor today"), ("b_source", "Fell at home, hip hurts", "See a doctor today"))
    rows = rows.with_columns(pl.Series("meta", [json.dumps(kept), json.dumps(member)]), pl.Series("flags", [[], ["phi_redacted:NAME"]]))
    ranked = carry_redactions(keep_one_per_cluster(rows, cluster_labels(2, [(0, 1, 0.9)]), {"a_source": 0, "b_source": 1}))
    row = ranked.filter("kept").row(0, named=True)
    assert json.loads(row["meta"])["description"] == "fell at home. [NAME] saw me" and row["flags"] == ["phi_redacted:NAME"]
    assert row["id"] == rows["id"][0]  # meta is not part of the id


def test_a_member_with_as_many_placeholders_elsewhere_still_gives_its_redactions() -> None:
    from medpipe.curation.cluster_redactions import carry_redactions

    kept = ("a_source", "q", "thanks [NAME]. regards, dr. meera iyer")
    member = ("b_source", "Q", "Thanks anil. Regards, [NAME]")
    rows = rows_of(kept, member)
    ranked = carry_redactions(keep_one_per_cluster(rows, cluster_labels(2, [(0, 1, 0.9)]), {"a_source": 0, "b_source": 1}))
    assert ranked.filter("kept")["output"].to_list() == ["thanks [NAME]. regards, [NAME]"]


def test_kept_rows_that_end_equal_after_carrying_are_merged() -> None:
    """Two clusters of a templated question, each keeping the lower-cased copy whose name the rules missed: carrying gives
    both kept rows the same content, hence the same id; the clusters merge and one row is kept (the gate's unique id)."""
    from medpipe.curation.cluster_redactions import keep_and_carry

    rows = rows_of(("a_source", "hi, i am anil kumar. i have a fever, what should i do?", "rest and fluids"),
                   ("b_source", "Hi, I am [NAME]. I have a fever, what should I do?", "Rest and fluids"),
                   ("a_source", "hi, i am ravi shastri. i have a fever, what should i do?", "rest and fluids"),
                   ("b_source", "Hi, I am [NAME]. I have a fever, what should I do?", "Rest and fluids."),
                   ("a_source", "unrelated", "row"))
    ranked = keep_and_carry(rows, cluster_labels(5, [(0, 1, 0.9), (2, 3, 0.9)]), {"a_source": 0, "b_source": 1})
    kept = ranked.filter("kept")
    assert kept["id"].is_unique().all() and kept.height == 2
    survivor = kept.filter(pl.col("source_id") != "a_source:4").row(0, named=True)
    assert survivor["input"] == "hi, i am [NAME]. i have a fever, what should i do?"
    assert survivor["id"] == content_id(survivor["input"], "", survivor["output"])
    dropped = ranked.filter(~pl.col("kept"))
    assert dropped.height == 3 and set(dropped["kept_id"]) == {survivor["id"]}
    assert not any("anil" in text or "ravi" in text for text in kept["input"].to_list())
