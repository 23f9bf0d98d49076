"""Benchmark decontamination: training inputs that share a long word n-gram with an evaluation question."""

from __future__ import annotations

import polars as pl


def _ngram_table(texts: list[str], keys: list[str], n: int) -> pl.DataFrame:
    """(key, n-gram hash) for every word n-gram of each text; texts shorter than n words give one whole-text gram."""
    words = (
        pl.DataFrame({"key": keys, "text": texts})
        .select("key", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("word"))
        .with_columns(pl.col("word").list.len().alias("n_words"))
    )
    long = words.filter(pl.col("n_words") >= n).explode("word")
    shifted = [pl.col("word").shift(-k).over("key") for k in range(n)]
    grams = long.select("key", pl.concat_str(shifted, separator=" ").alias("gram")).drop_nulls()
    short = words.filter(pl.col("n_words").is_between(1, n - 1)).select("key", pl.col("word").list.join(" ").alias("gram"))
    return pl.concat([grams, short]).select("key", pl.col("gram").hash(seed=7).alias("gram")).unique()



def contaminated(
    rows: pl.DataFrame, eval_questions: pl.DataFrame, long_n: int = 13, short_n: int = 8, short_below: int = 30
) -> pl.DataFrame:
    """Rows (id) whose input shares an n-gram with an evaluation question, with the eval set and question matched.

    Inputs of at least `short_below` words are matched on `long_n`-grams, shorter inputs on `short_n`-grams;
    `eval_questions` has columns eval_set, question_id, question.
    """
    sizes = rows.select("id", "input", pl.col("input").str.extract_all(r"\w+").list.len().alias("n_words"))
    found = []
    eval_keys = (eval_questions["eval_set"] + "\x1f" + eval_questions["question_id"]).to_list()
    for n in sorted({long_n, short_n}):
        subset = sizes.filter((pl.col("n_words") >= short_below) if n == long_n else (pl.col("n_words") < short_below))
        if subset.height == 0 or eval_questions.height == 0:
            continue
        train = _ngram_table(subset["input"].to_list(), subset["id"].to_list(), n)
        evals = _ngram_table(eval_questions["question"].to_list(), eval_keys, n).rename({"key": "eval_key"})
        found.append(train.join(evals, on="gram").group_by("key").agg(pl.col("eval_key").first(), pl.len().alias("shared_ngrams"), pl.lit(n).alias("n")))
    if not found:
        return pl.DataFrame(schema={"id": pl.String, "eval_set": pl.String, "question_id": pl.String, "shared_ngrams": pl.UInt32, "n": pl.Int32})
    return (
        pl.concat(found)
        .with_columns(pl.col("eval_key").str.split_exact("\x1f", 1).struct.rename_fields(["eval_set", "question_id"]).alias("match"))
        .unnest("match")
        .select(pl.col("key").alias("id"), "eval_set", "question_id", "shared_ngrams", pl.col("n").cast(pl.Int32))
    )


