"""Group-aware splits and the paraphrase cap: rows that share a question, an answer of substance or a near-duplicate question
land in the same split, so no test question or answer is also in train.

A row's split comes from its group's anchor: the smallest hash of the normalised questions in its group. A row added later keeps
every other row's split unless it joins two groups (then the merged group takes the smaller anchor)."""

from __future__ import annotations

import hashlib

import dagster as dg
import polars as pl

from medpipe.curation import minhash
from medpipe.curation.clusters import cluster_labels
from medpipe.warehouse.step import StepContext
from medpipe.sources.templates import TEMPLATED_SOURCES
from medpipe.warehouse.text import dedup_key

SUBSTANTIAL_ANSWER_CHARS = 40  # an answer this long that repeats is the same answer, not a coincidence ("Yes.", "C. Aspirin")


class SplitGroupConfig(dg.Config):
    near_question_threshold: float = 0.8  # questions whose word 5-gram Jaccard reaches this share a split
    ngram: int = 5
    num_perm: int = 128


class ParaphraseCapConfig(dg.Config):
    max_questions_per_answer: int = 2  # paraphrased questions kept under one answer (first-aid intents: patterns x responses)
    min_answer_chars: int = SUBSTANTIAL_ANSWER_CHARS


def stable_hash(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _pairs_sharing(keys: pl.Series) -> list[tuple[int, int, float]]:
    """(first position, other position, 1.0) for every row whose non-empty key an earlier row has."""
    frame = pl.DataFrame({"key": keys, "pos": pl.int_range(len(keys), eager=True)}).filter(pl.col("key") != "")
    grouped = frame.group_by("key").agg(pl.col("pos").min().alias("first"), pl.col("pos")).explode("pos").filter(pl.col("pos") != pl.col("first"))
    return [(a, b, 1.0) for a, b in zip(grouped["first"].to_list(), grouped["pos"].to_list())]


def split_groups(rows: pl.DataFrame, config: SplitGroupConfig | None = None) -> pl.DataFrame:
    """`id` and `split_group` per row: the anchor of the connected group of rows sharing a normalised question, a normalised
    answer of SUBSTANTIAL_ANSWER_CHARS or more, or a near-duplicate question (word n-gram Jaccard >= the threshold)."""
    config = config or SplitGroupConfig()
    if rows.is_empty():
        return pl.DataFrame(schema={"id": pl.String, "split_group": pl.String})
    questions = [dedup_key(q or "") for q in rows["input"].to_list()]
    answers = [key if len(key) >= SUBSTANTIAL_ANSWER_CHARS else "" for key in (dedup_key(a or "") for a in rows["output"].to_list())]
    pairs = _pairs_sharing(pl.Series(questions, dtype=pl.String)) + _pairs_sharing(pl.Series(answers, dtype=pl.String))
    near = minhash.NearDuplicateConfig(threshold=config.near_question_threshold, num_perm=config.num_perm, ngram=config.ngram)
    pairs += minhash.near_duplicates(rows["input"].to_list(), near)
    labels = cluster_labels(rows.height, pairs)
    anchors = pl.DataFrame({"label": labels, "anchor": [stable_hash(q) for q in questions]})
    group_anchor = anchors.group_by("label").agg(pl.col("anchor").min())
    return (anchors.join(group_anchor, on="label", how="left", suffix="_group", maintain_order="left")
            .select(rows["id"], pl.col("anchor_group").alias("split_group")))


def cap_paraphrases(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    """One answer under many paraphrased questions teaches the answer, not the questions: keep at most the configured number of
    questions per answer of substance (the ones whose ids hash lowest, so the kept rows stay put as rows are added). Templated
    answers (a diagnosis label in a fixed sentence) are the label under many case descriptions, not paraphrases, and are left."""
    config: ParaphraseCapConfig = context.config
    answer_keys = [dedup_key(a or "") for a in rows["output"].to_list()]
    ranked = rows.with_columns(
        pl.Series("_answer", answer_keys, dtype=pl.String),
        pl.Series("_rank_key", [stable_hash(i) for i in rows["id"].to_list()], dtype=pl.String),
    )
    capped = ranked.with_columns(
        ((pl.col("_answer").str.len_chars() >= config.min_answer_chars) & ~pl.col("source").is_in(sorted(TEMPLATED_SOURCES))).alias("_capped"),
        pl.col("_rank_key").rank("ordinal").over("_answer").alias("_rank"),
        pl.len().over("_answer").alias("_questions"),
        pl.col("source_id").sort_by("_rank_key").first().over("_answer").alias("_first"),
    )
    over = pl.col("_capped") & (pl.col("_rank") > config.max_questions_per_answer)
    context.metadata["answers_capped"] = capped.filter(over).select(pl.col("_answer").n_unique()).item()
    return capped.with_columns(
        pl.when(over).then(pl.lit("paraphrase_cap")).alias("drop_reason"),
        pl.when(over).then(pl.format("one of {} questions under the same answer (kept {}, e.g. {})", "_questions",
                                     pl.lit(config.max_questions_per_answer), "_first")).alias("drop_detail"),
    ).drop("_answer", "_rank_key", "_capped", "_rank", "_questions", "_first")

