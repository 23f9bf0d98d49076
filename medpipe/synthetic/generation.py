"""One synthetic partition: plan, ask for questions, retrieve per question, ask for answers, validate, ground, store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import dagster as dg
import duckdb
import faiss
import numpy as np

from medpipe.corpus.embedding_cache import vectors_of
from medpipe.corpus.embeddings import encode
from medpipe.corpus.retrieval import retrieve_many
from medpipe.sources.catalog import SYNTHETIC_SOURCE
from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import Call, CallCache, CallStats, OllamaLLM, run_calls
from medpipe.synthetic.tasks import store_generated
from medpipe.warehouse.rows import Pair, Rejection, finish_pair, quarantine_row

STEP = "synthetic"
LICENSE = "generated from the guideline PDFs (see their licences)"
RETRYABLE = ("malformed_reply", "schema_mismatch")


class SyntheticConfig(dg.Config):
    questions_per_partition: int = 6
    top_k: int = 3
    grounding_threshold: float = 0.45
    min_answer_chars: int = 20
    max_answer_chars: int = 1500
    malformed_retries: int = 1
    topics: list[str] = syn.DEFAULT_TOPICS


@dataclass
class PartitionResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    stats: list[CallStats] = field(default_factory=list)


def generate_partition(
    con: duckdb.DuckDBPyConnection, llm: OllamaLLM, embed_model: Any, index: faiss.Index, key: str,
    settings: SyntheticConfig, progress: Callable[[int, int, float], None] | None = None, cache: CallCache | None = None,
) -> PartitionResult:
    """Every planned slot ends as a row or in quarantine with its reason and the raw reply.
    LLMUnavailable propagates; the calls finished before it are already in llm_cache."""
    result = PartitionResult()
    slots = syn.plan_partition(key, settings.topics, settings.questions_per_partition)
    seeds = retrieve_many(con, index, embed_model, [s.topic for s in slots], k=syn.SEED_CHUNKS)
    passages = [hits[min(s.chunk_rank, len(hits) - 1)].text if hits else "" for s, hits in zip(slots, seeds)]
    questions, q_raw = _ask(con, llm, result, len(slots), lambda i, a: syn.question_call(slots[i].topic, passages[i], a),
                            lambda reply, i: syn.validate_question(reply), settings.malformed_retries, progress, cache)
    asked = [i for i in range(len(slots)) if isinstance(questions[i], str)]
    hits = retrieve_many(con, index, embed_model, [questions[i] for i in asked], k=settings.top_k)  # each question's own chunks
    answers, a_raw = _ask(con, llm, result, len(asked), lambda j, a: syn.answer_call(questions[asked[j]], [h.text for h in hits[j]], a),
                          lambda reply, j: syn.validate_answer(reply, questions[asked[j]], settings.min_answer_chars, settings.max_answer_chars),
                          settings.malformed_retries, progress, cache)
    good = [j for j in range(len(asked)) if isinstance(answers[j], str)]
    scores = dict(zip(good, _grounding(con, embed_model, [answers[j] for j in good], [[h.chunk_id for h in hits[j]] for j in good])))
    for i, slot in enumerate(slots):
        if not isinstance(questions[i], str):
            result.quarantined.append(quarantine_row(STEP, SYNTHETIC_SOURCE, f"{key}/{i}", questions[i],
                                                     {"stage": "question", "raw": q_raw[i], "topic": slot.topic}))
    for j, i in enumerate(asked):
        source_id, chunk_ids, outcome, score = f"{key}/{i}", [h.chunk_id for h in hits[j]], answers[j], scores.get(j)
        if isinstance(outcome, str) and score is not None and score < settings.grounding_threshold:
            outcome = Rejection("low_grounding", f"{score:.3f} < {settings.grounding_threshold}")
        if isinstance(outcome, Rejection):
            payload = {"stage": "answer", "question": questions[i], "raw": a_raw[j], "chunk_ids": chunk_ids, "grounding": score}
            result.quarantined.append(quarantine_row(STEP, SYNTHETIC_SOURCE, source_id, outcome, payload))
            continue
        meta = {"partition": key, "topic": slots[i].topic, "model": llm.identity(), "prompt_versions": [syn.QUESTION_PROMPT, syn.ANSWER_PROMPT],
                "options": llm.options, "retrieved_chunk_ids": chunk_ids, "grounding_score": round(score or 0.0, 4)}
        row = finish_pair(Pair(input=questions[i], output=outcome, context="\n\n".join(h.text for h in hits[j]), meta=meta),
                          source=SYNTHETIC_SOURCE, source_id=source_id, license=LICENSE)
        if isinstance(row, Rejection):
            result.quarantined.append(quarantine_row(STEP, SYNTHETIC_SOURCE, source_id, row, {"raw": a_raw[j]}))
        else:
            result.rows.append(row)
    return result


def _ask(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, result: PartitionResult, n: int, make_call: Callable[[int, int], Call],
         validate: Callable[[str, int], Any], retries: int, progress: Callable[[int, int, float], None] | None,
         cache: CallCache | None = None) -> tuple[dict[int, Any], dict[int, str]]:
    """Validated replies for n calls; a malformed reply is asked again with the next seed, up to `retries` times."""
    outcome: dict[int, Any] = {}
    raw: dict[int, str] = {}
    todo = list(range(n))
    for attempt in range(retries + 1):
        calls = {i: make_call(i, attempt) for i in todo}
        replies, stats = run_calls(con, llm, calls.values(), progress, cache)
        result.stats.append(stats)
        for i, call in calls.items():
            raw[i] = replies[call.key(llm.identity(), llm.options)]
            outcome[i] = validate(raw[i], i)
        todo = [i for i in todo if isinstance(outcome[i], Rejection) and outcome[i].reason in RETRYABLE]
        if not todo:
            break
    return outcome, raw


def _grounding(con: duckdb.DuckDBPyConnection, embed_model: Any, answers: list[str], chunk_ids: list[list[str]]) -> list[float]:
    if not answers:
        return []
    answer_vectors = encode(embed_model, answers)
    wanted = sorted({c for ids in chunk_ids for c in ids})
    stored = con.execute(
        "SELECT chunk_id, vector FROM corpus.chunk_embeddings WHERE chunk_id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": wanted}).pl()
    vectors = dict(zip(stored["chunk_id"].to_list(), vectors_of(stored)))
    dim = answer_vectors.shape[1]
    contexts = [np.stack([vectors[c] for c in ids if c in vectors]) if any(c in vectors for c in ids)
                else np.zeros((0, dim), np.float32) for ids in chunk_ids]
    return syn.grounding_scores(answer_vectors, contexts)


def store_partition(con: duckdb.DuckDBPyConnection, partition: str, result: PartitionResult) -> None:
    """Replace one partition's rows and quarantine in one transaction."""
    store_generated(con, SYNTHETIC_SOURCE, partition, result.rows, result.quarantined)
