"""The curation steps, in order. Adding, removing or reordering a step is one entry in STEPS plus the step's function;
the assets, their dependencies, the tables they read and write and the card's account of them are generated from this list."""

from __future__ import annotations

import time
from typing import Callable, Iterable

import dagster as dg
import numpy as np
import polars as pl

from medpipe.corpus.embedding_cache import CacheStats, cached_vectors
from medpipe.corpus.static_embedder import embedder_dedup_encoder
from medpipe.curation import decontam, minhash, semantic
from medpipe.curation.cluster_redactions import keep_and_carry
from medpipe.curation.clusters import cluster_labels
from medpipe.curation.decontam import DecontaminationConfig
from medpipe.curation.lengths import LengthBounds, filter_length, kind_bounds
from medpipe.curation.mcq import leak_flags
from medpipe.curation.minhash import NearDuplicateConfig
from medpipe.curation.phi_scans import record_scans
from medpipe.curation.quality import CleanTextConfig, LanguageConfig, clean_text_step, filter_language
from medpipe.curation.runner import CurationStep, keep_all
from medpipe.curation.scrub import scrub_rows
from medpipe.curation.splits import ParaphraseCapConfig, cap_paraphrases
from medpipe.review import judge
from medpipe.review.labels import REVIEW_LABELS, REVIEW_STEP, active_labels, label_counts, retire_changed, withhold_labelled
from medpipe.sources.catalog import PRIORITY
from medpipe.synthetic.llm import OllamaLLM
from medpipe.warehouse.report import progress_logger
from medpipe.warehouse.step import StepContext
from medpipe.warehouse.store import EVAL_QUESTIONS, MAIN, read_table, table_version




class SemanticDuplicateConfig(dg.Config):
    enabled: bool = True
    # "static": a model2vec model distilled from the packaged MiniLM (thousands of texts/s, no torch at encode time);
    # "minilm": the embedder resource's sentence-transformers model (~100 texts/s on 2 cores)
    encoder: str = "static"
    # cosines of the inputs, and of the outputs (a pair below it is the same question with another answer). Chosen for the
    # static encoder by measurement against MiniLM's pairs (benchmarks/results/semantic.md); with "minilm" use 0.95 and 0.9
    threshold: float = 0.875
    answer_threshold: float = 0.88


OTHER_ANSWER = "same_question_other_answer"
# texts encoded and written to the embedding cache at a time: a crash loses at most two batches (one being written while the
# next is encoded), about a second of work either way
CACHE_BATCH = {"static": 8192, "minilm": 64}


def scrub_phi(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    scrub = scrub_rows(rows)
    record_scans(context.con, scrub.scans)  # what the rules find in the texts left: the release gate reads it instead of scanning again
    scrubbed, redactions = scrub.rows, scrub.redactions
    flagged = scrubbed.filter(pl.col("flags").list.eval(pl.element().str.starts_with("phi_redacted:")).list.any())
    context.metadata |= {"flagged": flagged.height, "redactions_by_type": dg.MetadataValue.json(dict(sorted(redactions.items()))),
                         "flagged_by_source": dg.MetadataValue.json(dict(flagged.group_by("source").len().sort("source").iter_rows()))}
    return keep_all(scrubbed)


def split_by_answer(pairs: list[tuple[int, int, float]], answer_similarities: Iterable[float],
                    threshold: float) -> tuple[list[tuple[int, int, float]], set[int]]:
    """Pairs whose answers agree too (duplicates), and the rows of pairs that ask the same question but answer it otherwise;
    `answer_similarities` holds one value per pair, in the pairs' order."""
    duplicates, other_answer = [], set()
    for (i, j, score), answer_similarity in zip(pairs, answer_similarities, strict=True):
        if answer_similarity >= threshold:
            duplicates.append((i, j, score))
        else:
            other_answer |= {i, j}
    return duplicates, other_answer


def flag_rows(rows: pl.DataFrame, positions: set[int], flag: str) -> pl.DataFrame:
    hit = pl.int_range(pl.len()).is_in(sorted(positions))
    return rows.with_columns(
        pl.when(hit).then(pl.col("flags").list.concat(pl.lit([flag])).list.unique(maintain_order=True)).otherwise(pl.col("flags")).alias("flags"))


def drop_duplicates(rows: pl.DataFrame, labels: object, reason: str, detail: pl.Expr) -> pl.DataFrame:
    """Keep one row per cluster (the one rule in clusters.py), carrying every redaction of its members (clusters whose kept
    rows end equal are merged); the others are dropped naming the row they duplicate."""
    ranked = keep_and_carry(rows, labels, PRIORITY)  # type: ignore[arg-type]
    return ranked.with_columns(
        pl.when(~pl.col("kept")).then(pl.lit(reason)).alias("drop_reason"),
        pl.when(~pl.col("kept")).then(detail).alias("drop_detail"),
    ).drop("kept", "kept_id", "kept_source", "kept_source_id")


def dedup_exact(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    # the id is a hash of the normalised input, context and output: equal ids are exact duplicates
    return drop_duplicates(rows, rows["id"], "exact_duplicate", pl.format("duplicate of {}:{}", "kept_source", "kept_source_id"))


def dedup_near(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    config: NearDuplicateConfig = context.config
    questions = (rows["input"] + " " + rows["context"]).to_list()
    candidates = minhash.near_duplicates(questions, config)
    answer_jaccard = minhash.pair_jaccard(rows["output"].to_list(), candidates, config.ngram)
    pairs, other_answer = split_by_answer(candidates, answer_jaccard, config.answer_threshold)
    if config.qa_threshold < 1:
        whole = (rows["input"] + " " + rows["context"] + " " + rows["output"]).to_list()
        qa_pairs = minhash.near_duplicates(whole, config.model_copy(update={"threshold": config.qa_threshold}))
        pairs += qa_pairs
        other_answer -= {i for a, b, _ in qa_pairs for i in (a, b)}
        context.metadata["question_answer_pairs"] = len(qa_pairs)
    context.metadata |= {"pairs": len(pairs), "same_question_other_answer": len(other_answer)}
    detail = pl.format("near duplicate (Jaccard >= {} in question and >= {} in answer, or >= {} in both together) of {} row {}",
                       pl.lit(config.threshold), pl.lit(config.answer_threshold), pl.lit(config.qa_threshold), "kept_source", "kept_id")
    return drop_duplicates(flag_rows(rows, other_answer, OTHER_ANSWER), cluster_labels(rows.height, pairs), "near_duplicate", detail)


def dedup_semantic(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    config: SemanticDuplicateConfig = context.config
    if not config.enabled:
        context.log.warning("semantic deduplication disabled by config: rows pass through unchanged")
        context.metadata["status"] = "disabled by config"
        return keep_all(rows)
    encoder = embedder_dedup_encoder(config.encoder, context.resources["embedder"])
    batch = CACHE_BATCH[config.encoder]
    inputs, input_stats = step_vectors(context, encoder, batch, rows["input"].to_list(), "inputs")
    searched = time.perf_counter()
    i, j, cosine = semantic.similar_pair_arrays(inputs, config.threshold)
    searched = time.perf_counter() - searched
    # only the answers of rows in a candidate pair are compared, so only those are embedded
    paired = np.union1d(i, j)
    answers, output_stats = step_vectors(context, encoder, batch, rows["output"].gather(paired).to_list(), "outputs of candidate pairs")
    outputs = np.zeros((rows.height, answers.shape[1] if len(paired) else 0), dtype=np.float32)
    outputs[paired] = answers
    same_answer = semantic.pair_cosines(outputs, i, j) >= config.answer_threshold
    pairs = list(zip(i[same_answer].tolist(), j[same_answer].tolist(), cosine[same_answer].tolist()))
    other_answer = set(np.union1d(i[~same_answer], j[~same_answer]).tolist())
    context.metadata |= {"pairs": len(pairs), "candidate_pairs": len(i), "same_question_other_answer": len(other_answer),
                         "embedded": input_stats.embedded + output_stats.embedded, "embeddings_reused": input_stats.reused + output_stats.reused,
                         "answer_vectors": len(paired),
                         "seconds_vectors": round(input_stats.seconds + output_stats.seconds, 2), "seconds_pairs": round(searched, 2)}
    detail = pl.format("semantic duplicate ({} cosine >= {} in question, >= {} in answer) of {} row {}", pl.lit(config.encoder),
                       pl.lit(config.threshold),
                       pl.lit(config.answer_threshold), "kept_source", "kept_id")
    return drop_duplicates(flag_rows(rows, other_answer, OTHER_ANSWER), cluster_labels(rows.height, pairs), "semantic_duplicate", detail)


def step_vectors(context: StepContext, encoder: tuple[str, Callable[[list[str]], np.ndarray]], batch_size: int, texts: list[str],
                 label: str) -> tuple[np.ndarray, CacheStats]:
    """Unit vectors of the texts through the embedding cache (keyed by the encoder's name); the encoder loads its model only
    when a text is new to the cache."""
    name, encode = encoder
    return cached_vectors(context.con, name, texts, encode, batch_size, progress=progress_logger(context.log.info, f"embedding {label}"))


def decontaminate(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    config: DecontaminationConfig = context.config
    questions = read_table(context.con, MAIN, EVAL_QUESTIONS, order_by=("eval_set", "question_id"))
    matches = decontam.contaminated(rows, questions, config)
    decided = rows.join(matches, on="id", how="left", maintain_order="left")
    hit = pl.col("eval_set").is_not_null()
    dropped = decided.filter(hit)
    context.metadata |= {
        "contaminated_by_eval_set": dg.MetadataValue.json(dict(dropped.group_by("eval_set").len().sort("eval_set").iter_rows())),
        "eval_sets_checked": ", ".join(sorted(questions["eval_set"].unique().to_list())) or "none",
        # what the release gate's contamination check compares with (publish/integrity.py): the questions and the rows this run kept
        "eval_questions_version": table_version(context.con, MAIN, EVAL_QUESTIONS),
            "checked_rows_version": decontam.checked_rows_version(decided.filter(~hit)),
    }
    return decided.with_columns(
        pl.when(hit).then(pl.lit("benchmark_contamination")).alias("drop_reason"),
        pl.when(hit).then(pl.format("{} question {}: contains {} of its {} distinctive {}-word n-grams (containment {})", "eval_set", "question_id",
                                    "shared_ngrams", "question_ngrams", "n", pl.col("containment").round(2))).alias("drop_detail"),
    ).drop("eval_set", "question_id", "shared_ngrams", "question_ngrams", "containment", "n")


def flag_mcq(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    leaks = [leak_flags(c, o, m) for c, o, m in zip(rows["context"], rows["output"], rows["meta"])]
    context.metadata["mcq_leaks_flagged"] = sum(1 for flags in leaks if flags)
    return keep_all(rows.with_columns(pl.col("flags").list.concat(pl.Series(leaks, dtype=pl.List(pl.String))).list.unique(maintain_order=True)))


class JudgeConfig(dg.Config):
    model: str = ""  # an Ollama model on OLLAMA_HOST (a capable one, e.g. on a GPU host); "" turns the judge off
    sources: list[str] = []  # the sources whose rows it scores; empty: every source


def judge_rows(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    config: JudgeConfig = context.config
    if not config.model:
        context.metadata["status"] = "off (config model is empty)"
        return keep_all(rows)
    base: OllamaLLM = context.resources["llm"]
    llm = OllamaLLM(hosts=base.hosts, model=config.model, timeout=base.timeout, retries=base.retries, concurrency=base.concurrency)
    chosen = rows.filter(pl.col("source").is_in(config.sources)) if config.sources else rows
    run = judge.judge_rows(context.con, llm, chosen, progress_logger(context.log.info, f"judging {chosen.height:,} rows"))
    judge.record_verdicts(context.con, chosen, run)
    if run.malformed:
        context.log.warning(f"judge: {len(run.malformed)} replies were not a verdict; those rows are not flagged (first: {run.malformed[:3]})")
    verdicts = [v.verdict for v in run.verdicts.values()]
    context.metadata |= {"model": run.model, "rubric_version": judge.RUBRIC_VERSION, "judged": len(run.verdicts),
                         "malformed_replies": len(run.malformed),
                         "llm_calls": run.stats.called, "llm_cached": run.stats.cached,
                         "verdicts": dg.MetadataValue.json({v: verdicts.count(v) for v in sorted(set(verdicts))})}
    if (found := judge.judge_agreement(context.con)) is not None:
        context.metadata["agreement_with_labels"] = dg.MetadataValue.json({"judge": found[0], **found[1].as_metadata()})
    return keep_all(judge.flag_judged(rows, run.verdicts))


def apply_review_labels(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    retired = retire_changed(context.con, rows)
    labels = active_labels(context.con)
    context.metadata |= {"labels_in_force": labels.height, "labels_retired_now": retired,
                         "labels_by_kind": dg.MetadataValue.json(label_counts(labels))}
    return withhold_labelled(rows, labels)


def describe_cleaning(clean: CleanTextConfig) -> str:
    return ("Chatbot boilerplate is stripped from answers: a reviewed list (telehealth upsells, 'in brief:' labels, greetings, closings, "
            f"sign-offs, AI disclaimers) and sentences repeated in at least {clean.min_boilerplate_answers} distinct answers of a consultation "
            f"source (4+ words) that share a content word with at most {clean.max_topical_share:.0%} of the questions they follow and name no "
            "care advice; drug-label registry codes, pilcrows and symbol runs are removed, a missing space after a full stop is restored, and "
            "an answer that runs into a new speaker turn is cut there. Each strip is listed in the row's `meta.stripped` and flagged. "
            "A consultation or reference answer that does not answer its question is quarantined (`not_an_answer`): only questions back to "
            "the asker, a fragment cut mid-sentence or inside a link, only a referral elsewhere, a refusal on the service's scope, an opening "
            "request for more information, a list or table announced but absent, a drug label's section headings or a field with no value, "
            "a heading cut before its content, a report site's line that only says reports exist, a disambiguation list, or a bare name "
            "where the question asks how or why; a consultation left with no content word "
            "(or one beside a referral, or only that nothing can be said) is quarantined too (`boilerplate_only` when that is what "
            "stripping left). Exam, diagnosis and reasoning rows keep their short gold answers.")


def describe_length(bounds: LengthBounds) -> str:
    per_kind = "; ".join(f"{kind}: input {b['input_min']:,}-{b['input_max']:,}, output {b['output_min']:,}-{b['output_max']:,}"
                         for kind, b in kind_bounds(bounds).items())
    return f"Length bounds (characters) per kind of row, so exam answers may be one word and reasoning answers long: {per_kind}."


def describe_near(near: NearDuplicateConfig) -> str:
    return (f"Near duplicates: MinHash LSH over word {near.ngram}-grams proposes pairs; a pair whose question (input and context) has an "
            f"exact Jaccard >= {near.threshold} and whose answer has one >= {near.answer_threshold}, or whose question and answer together "
            f"have one >= {near.qa_threshold}, is one cluster, which keeps one row (the highest-priority source, then the cleanest copy: "
            "cased over lower-cased, without boilerplate over with, then the most complete answer).")


def describe_semantic(semantic: SemanticDuplicateConfig) -> str:
    if not semantic.enabled:
        return "Semantic deduplication was turned off for this build."
    return (f"Semantic duplicates (cosine of {semantic.encoder} embeddings >= {semantic.threshold} in the input and "
            f">= {semantic.answer_threshold} in the output) are reduced to one row per cluster.")


def describe_decontamination(decontam: DecontaminationConfig) -> str:
    return (f"Rows that hold at least {decontam.min_containment:.0%} of an evaluation question's distinctive {decontam.ngram}-word "
            f"n-grams, or at least {decontam.min_shared_ngrams} of them, are removed (n-grams found in more than {decontam.eval_df_max} "
            f"evaluation question(s) or {decontam.train_df_max} training rows are stock phrasing and do not count).")


STEPS: tuple[CurationStep, ...] = (
    # first: later steps compare, scrub and bound the text a model is trained on
    CurationStep("clean_text", "Chatbot boilerplate (reviewed list and per-source repeated sentences), scrape junk and run-on turns stripped "
                 "from every source; the strip recorded per row; consultation and reference answers that do not answer quarantined.",
                 decide=clean_text_step, config=CleanTextConfig, describe=describe_cleaning),
    CurationStep("filter_language", "Rows whose question or answer is confidently not English (py3langid, offline) quarantined.",
                 decide=filter_language, config=LanguageConfig, row_by_row=True,
                 describe=lambda c: f"Rows whose question or answer is not '{c.language}' (py3langid, probability >= {c.min_confidence} on "
                                    f"{c.min_letters}+ letters) are quarantined."),
    CurationStep("scrub_phi", "PHI/PII (names, addresses, dates, phones, e-mails, record numbers, identifying URLs, IPs, ages over 89) redacted "
                 "in every published column.", decide=scrub_phi, row_by_row=True,
                 describe=lambda _: "PHI (names, phone numbers, emails, identifying URLs, record numbers, full dates, ages over 89) is redacted "
                                    "with typed placeholders."),
    # after the scrub: a placeholder can be longer or shorter than what it replaced, and the bounds hold for published text
    CurationStep("filter_length", "Rows whose input and output lengths lie within the bounds of their kind (exam answers may be one word, "
                 "reasoning answers long).", decide=filter_length, config=LengthBounds, describe=describe_length,
                 row_by_row=True),
    CurationStep("dedup_exact", "Exact duplicates across sources removed on normalised content.", decide=dedup_exact,
                 describe=lambda _: "Exact duplicates (normalised input, context and output) are removed across sources."),
    CurationStep("dedup_near", "Near-duplicates (MinHash LSH: question and answer both above their Jaccard thresholds) reduced to one row per "
                 "cluster.", decide=dedup_near, config=NearDuplicateConfig, describe=describe_near),
    CurationStep("dedup_semantic", "Semantic duplicates (question and answer embeddings both above their cosine thresholds) reduced to one row "
                 "per cluster.", decide=dedup_semantic, config=SemanticDuplicateConfig, resources=("embedder",), kinds=("duckdb", "numpy"),
                 describe=describe_semantic),
    CurationStep("cap_paraphrases", "At most a configured number of paraphrased questions kept under one answer of substance (first-aid "
                 "patterns x responses).", decide=cap_paraphrases, config=ParaphraseCapConfig,
                 describe=lambda c: f"At most {c.max_questions_per_answer} questions are kept under one answer of {c.min_answer_chars}+ "
                                    "characters (first-aid intents pair every pattern with every response); templated answers are exempt."),
    CurationStep("decontaminate", "Rows that leak an evaluation question (most of its distinctive n-grams, or a long distinctive passage) "
                 "removed; shared stock phrasing does not count.", decide=decontaminate, config=DecontaminationConfig, reads=(EVAL_QUESTIONS,),
                 describe=describe_decontamination),
    CurationStep("flag_mcq", "Multiple-choice answer leaks flagged (an output citing an option the context lacks, or contradicting the gold "
                 "answer).", decide=flag_mcq, row_by_row=True),
    CurationStep("judge", "Rows of the chosen sources scored by a judge model (off by default: config model); rows it finds wrong are "
                 "flagged with its reason, never dropped.", decide=judge_rows, config=JudgeConfig, resources=("llm",),
                 describe=lambda c: f"A judge model ({c.model}, rubric {judge.RUBRIC_VERSION}) scored rows for correctness and safety and flagged "
                                    "those it judged wrong or unsafe." if c.model else "No judge model screened the rows (the judge step is off)."),
    # last before final: a label names a row by its content id as released
    CurationStep(REVIEW_STEP, "Rows clinicians labelled wrong or unsafe withheld (quarantined with the label as reason); labels of rows whose "
                 "content changed retired.", decide=apply_review_labels, reads=(REVIEW_LABELS,),
                 describe=lambda _: "Rows a clinician labelled wrong or unsafe are withheld (quarantined with the label as reason)."),
)
