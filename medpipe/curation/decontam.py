"""Benchmark decontamination: training inputs that leak an evaluation question, not ones that merely share its phrasing.

Method (score, then keep; every threshold is a parameter):

1. Every text becomes a sequence of content words: NFKC, lower case, ``\\w+`` tokens, with a small closed list of function
   words (articles, auxiliaries, pronouns, prepositions) removed, so dropped articles, he/she swaps and "is"/"was" changes
   do not break the n-grams. Its distinct word ``ngram``-grams are hashed (64-bit); a text shorter than ``ngram`` content
   words has one gram, the whole text, which matches only a text of exactly the same content words.
2. An n-gram is **boilerplate** when more than ``eval_df_max`` distinct evaluation questions contain it (stock phrasing
   such as "most appropriate next step management", vital-sign and lab templates), or when more than ``train_df_max``
   training rows contain it (phrasing common in the training data). Only the other n-grams, a question's
   *distinctive* n-grams, count as evidence. Identical evaluation questions are counted once, so a question listed in
   two eval sets keeps its n-grams.
3. For every (training row, evaluation question) pair sharing a distinctive n-gram: ``shared_ngrams`` (how many of the
   question's distinctive n-grams occur in the row) and ``containment`` (that count over the question's distinctive
   n-grams). A row is contaminated when ``shared_ngrams >= min_shared_ngrams`` (it shares a long distinctive passage:
   a partial copy) or ``containment >= min_containment`` (most of the question is in it: verbatim copies, light edits,
   short questions).

Everything is vectorised (polars for tokens and joins, numpy for the rolling n-gram hash) and deterministic: the result
does not depend on row order and is sorted.
"""

from __future__ import annotations

import hashlib

import dagster as dg
import numpy as np
import polars as pl

# Function words dropped before n-grams are formed: a closed list, not a topic list, so no medical content word is lost.
STOPWORDS = frozenset(
    "a an the and or of with w without is are was were be been being am has have had do does did to in on at for by from as "
    "that this these those which who whom whose he she his her hers him himself herself it its they their them there "
    "then than but not s".split()
)

OUTPUT_SCHEMA = {"id": pl.String, "eval_set": pl.String, "question_id": pl.String, "shared_ngrams": pl.UInt32,
                 "question_ngrams": pl.UInt32, "containment": pl.Float64, "n": pl.Int32}



class DecontaminationConfig(dg.Config):
    ngram: int = 4  # content words per n-gram (function words dropped)
    eval_df_max: int = 1  # an n-gram in more evaluation questions than this is boilerplate
    train_df_max: int = 100  # ... and so is one in more training rows than this
    min_shared_ngrams: int = 30  # a row sharing this many distinctive n-grams of a question leaks it
    min_containment: float = 0.45  # ... and so does one holding this share of the question's distinctive n-grams


DEFAULTS = DecontaminationConfig()
_SEED = 0x6D656470  # token hashes: fixed seed, so the same text always gives the same n-grams
_BASE = np.uint64(0x9E3779B97F4A7C15)  # rolling-hash multiplier (odd, 64-bit)
_KEY_SEP = "\x1f"
_STOP_HASHES = pl.Series(sorted(STOPWORDS)).hash(seed=_SEED)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the polynomial hash over all 64 bits."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def content_tokens(texts: pl.Series) -> pl.DataFrame:
    """(doc, tok) for every content word of every text, in text order; doc is the text's position."""
    texts = texts.fill_null("")
    non_ascii = texts.str.contains(r"[^\x00-\x7f]").fill_null(False).arg_true()
    if non_ascii.len():  # NFKC only where it can change anything: most training text is ASCII
        texts = texts.scatter(non_ascii, texts.gather(non_ascii).str.normalize("NFKC"))
    words = (
        pl.DataFrame({"text": texts})
        .with_row_index("doc")
        .select("doc", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("word"))
        .explode("word")
        .drop_nulls("word")
        .select("doc", pl.col("word").hash(seed=_SEED).alias("tok"))
    )
    return words.filter(~pl.col("tok").is_in(_STOP_HASHES.implode()))


def ngram_table(texts: pl.Series, n: int) -> pl.DataFrame:
    """(doc, gram) for every content-word n-gram of each text (repeats included: callers take distinct pairs where they
    need them, after filtering); a text of 1..n-1 content words gives one whole-text gram."""
    return _ngrams(content_tokens(texts), n)


def _ngrams(tokens: pl.DataFrame, n: int) -> pl.DataFrame:
    if n < 1:
        raise ValueError(f"ngram must be at least 1, got {n}")
    doc = tokens["doc"].to_numpy()
    tok = tokens["tok"].to_numpy()
    if tok.size == 0:
        return pl.DataFrame(schema={"doc": pl.UInt32, "gram": pl.UInt64})
    starts_of_doc = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    lengths = np.diff(np.r_[starts_of_doc, doc.size])
    doc_ids = doc[starts_of_doc]
    with np.errstate(over="ignore"):
        # full n-grams: start i is valid when the gram ends inside its own text
        end_of_doc = np.repeat(starts_of_doc + lengths, lengths)
        starts = np.flatnonzero(np.arange(doc.size) + n <= end_of_doc)
        h = tok[starts].copy()
        for k in range(1, n):
            h = h * _BASE + tok[starts + k]
        full = _mix(h)
        # short texts: one gram over all their words, with the length folded in so it never equals a full gram by construction
        short = np.flatnonzero(lengths < n)
        hs = np.zeros(short.size, dtype=np.uint64)
        for k in range(n - 1):
            live = lengths[short] > k
            hs[live] = hs[live] * _BASE + tok[starts_of_doc[short[live]] + k]
        whole = _mix(hs * _BASE + lengths[short].astype(np.uint64) + np.uint64(0xA5A5A5A5))
    return pl.DataFrame({
        "doc": np.r_[doc[starts], doc_ids[short]].astype(np.uint32),
        "gram": np.r_[full, whole],
    })


def score_pairs(rows: pl.DataFrame, eval_questions: pl.DataFrame, config: DecontaminationConfig = DEFAULTS) -> pl.DataFrame:
    """Every (training row, evaluation question) pair that shares a distinctive n-gram, with its evidence.

    rows has columns id, input; eval_questions has eval_set, question_id, question. Returns id, eval_set, question_id,
    shared_ngrams, question_ngrams (the question's distinctive n-grams), containment (shared / question_ngrams), n.
    """
    ngram, eval_df_max, train_df_max = config.ngram, config.eval_df_max, config.train_df_max
    empty = pl.DataFrame(schema=OUTPUT_SCHEMA)
    if rows.height == 0 or eval_questions.height == 0:
        return empty
    keys = eval_questions.select(
        (pl.col("eval_set") + _KEY_SEP + pl.col("question_id")).alias("key"),
        pl.col("question"),
    )
    # identical questions (after tokenising) are one document: their n-grams are not boilerplate for being listed twice
    eval_tokens = content_tokens(keys["question"])
    eval_grams = _ngrams(eval_tokens, ngram).rename({"doc": "q"}).unique()
    signature = (
        eval_tokens
        .with_columns(pl.int_range(pl.len()).over("doc").alias("pos"))
        .group_by("doc").agg(pl.struct("tok", "pos").hash(seed=_SEED).sum().alias("sig"), pl.len().alias("words"))
    )
    question_doc = (
        keys.with_row_index("q").join(signature.rename({"doc": "q"}), on="q", how="inner")
        .sort("key")
        .group_by("sig", "words", maintain_order=True).agg(pl.col("q").first(), pl.col("key").first())
    )
    eval_grams = eval_grams.join(question_doc.select("q", "key"), on="q", how="semi")
    df = eval_grams.group_by("gram").agg(pl.len().alias("eval_df"))
    distinctive = eval_grams.join(df.filter(pl.col("eval_df") <= eval_df_max), on="gram", how="semi")

    train_grams = ngram_table(rows["input"], ngram).rename({"doc": "r"})
    candidate = train_grams.join(distinctive.select("gram").unique(), on="gram", how="semi").unique()
    common = candidate.group_by("gram").agg(pl.len().alias("train_df")).filter(pl.col("train_df") > train_df_max)
    distinctive = distinctive.join(common, on="gram", how="anti")
    candidate = candidate.join(common, on="gram", how="anti")

    per_question = distinctive.group_by("q").agg(pl.len().cast(pl.UInt32).alias("question_ngrams"))
    pairs = (
        candidate.join(distinctive, on="gram")
        .group_by("r", "q").agg(pl.len().cast(pl.UInt32).alias("shared_ngrams"))
        .join(per_question, on="q")
        .join(question_doc.select("q", "key"), on="q")
        .with_columns((pl.col("shared_ngrams") / pl.col("question_ngrams")).alias("containment"))
    )
    if pairs.height == 0:
        return empty
    ids = rows.select(pl.col("id")).with_row_index("r")
    return (
        pairs.join(ids, on="r")
        .with_columns(pl.col("key").str.split_exact(_KEY_SEP, 1).struct.rename_fields(["eval_set", "question_id"]).alias("match"))
        .unnest("match")
        .select("id", "eval_set", "question_id", "shared_ngrams", "question_ngrams", "containment", pl.lit(ngram, pl.Int32).alias("n"))
        .sort("id", "eval_set", "question_id")
    )


def contaminated(rows: pl.DataFrame, eval_questions: pl.DataFrame, config: DecontaminationConfig = DEFAULTS) -> pl.DataFrame:
    """Rows (id) that leak an evaluation question, one line each, naming the question matched and the evidence.

    A pair counts when shared_ngrams >= min_shared_ngrams or containment >= min_containment (see the module docstring);
    a row matching several questions names the one with the most shared n-grams (then the highest containment, then
    the smallest eval_set/question_id).
    """
    scored = score_pairs(rows, eval_questions, config)
    leaks = scored.filter((pl.col("shared_ngrams") >= config.min_shared_ngrams) | (pl.col("containment") >= config.min_containment))
    return (
        leaks.sort(["id", "shared_ngrams", "containment", "eval_set", "question_id"], descending=[False, True, True, False, False])
        .unique("id", keep="first", maintain_order=True)
    )


def checked_rows_version(rows: pl.DataFrame) -> str:
    """What a decontamination run checked and kept: its (id, input) pairs, independent of row order. The step records it; the
    release gate (publish/integrity.py) compares it with the table the step wrote before trusting that record for a row of final."""
    keys = rows.select(pl.concat_str([pl.col("id"), pl.col("input").fill_null("")], separator="\x1f")).to_series().sort().to_list()
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]
