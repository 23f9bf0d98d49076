"""What a data lead checks in a release, computed from `final`: split leakage, boilerplate, near-duplicate question+answer
pairs, filled templates with an empty slot, system prompts that contradict their answers, and each source's share. The release
gate runs the first ones as checks; the realdata test and the closing figures use all of them."""

from __future__ import annotations

import polars as pl

from medpipe.curation import minhash
from medpipe.curation.boilerplate import REVIEWED_ANY
from medpipe.curation.splits import SUBSTANTIAL_ANSWER_CHARS
from medpipe.publish.hub import DEFAULT_MAX_SHARE
from medpipe.publish.prompts import contradicts, system_prompt
from medpipe.sources.templates import empty_slot
from medpipe.warehouse.text import dedup_key



def leakage_column(final: pl.DataFrame) -> pl.Series:
    """Per row: "" or why this test row leaks ("question in train", "answer in train"): its normalised question, or its normalised
    answer of SUBSTANTIAL_ANSWER_CHARS or more, is also a train row's."""
    questions = final["input"].map_elements(dedup_key, return_dtype=pl.String)
    answers = final["output"].map_elements(dedup_key, return_dtype=pl.String)
    train = final["split"] == "train"
    train_questions, train_answers = set(questions.filter(train).to_list()), set(answers.filter(train).to_list())
    reasons = []
    for split, question, answer, row_id in zip(final["split"].to_list(), questions.to_list(), answers.to_list(), final["id"].to_list()):
        found = []
        if split == "test" and question in train_questions:
            found.append("question in train")
        if split == "test" and len(answer) >= SUBSTANTIAL_ANSWER_CHARS and answer in train_answers:
            found.append("answer in train")
        reasons.append(f"test row {row_id}: {', '.join(found)}" if found else "")
    return pl.Series("_leak", reasons, dtype=pl.String)


def leakage_counts(final: pl.DataFrame) -> dict[str, int]:
    leaks = leakage_column(final)
    return {"test_questions_in_train": int(leaks.str.contains("question in train").sum()),
            "test_answers_in_train": int(leaks.str.contains("answer in train").sum())}


def empty_slot_column(final: pl.DataFrame) -> pl.Series:
    """Per row: "" or the template its answer fills with an empty slot."""
    return pl.Series("_empty_slot", [f"row {i}: {hit}" if (hit := empty_slot(o or "")) else "" for i, o in zip(final["id"], final["output"])],
                     dtype=pl.String)


def boilerplate_rows(final: pl.DataFrame) -> int:
    """Rows whose answer (or a message turn) still holds a reviewed boilerplate phrase."""
    turns = final["messages"].list.eval(pl.element().struct.field("content")).list.join("\n").fill_null("")
    return int((final["output"].str.contains(REVIEWED_ANY) | turns.str.contains(REVIEWED_ANY)).sum())


def near_duplicate_pairs(final: pl.DataFrame, threshold: float = 0.8, ngram: int = 5) -> int:
    """Pairs of rows whose question+answer word n-gram Jaccard is at least `threshold`."""
    texts = (final["input"] + " " + final["output"]).to_list()
    return len(minhash.near_duplicates(texts, minhash.NearDuplicateConfig(threshold=threshold, ngram=ngram)))


def contradictions(final: pl.DataFrame) -> int:
    """Rows whose exported system prompt forbids what their answer does (names a diagnosis)."""
    return sum(contradicts(system_prompt(source), output) for source, output in zip(final["source"].to_list(), final["output"].to_list()))


def share_bounds(sources: list[str], configured: dict[str, float | None], synthetic: frozenset[str],
                 default: float = DEFAULT_MAX_SHARE) -> dict[str, float]:
    """The largest share of `final` each real source may hold: its max_share when configured, else the default."""
    return {s: configured.get(s) or default for s in sources if s not in synthetic}
