"""The seed card's generation tasks over existing rows (wiki term Q&A, MCQ explanations, symptom reasoning, by source shard) and over
the guideline corpus (emergency scenarios, by day): plan the slots, ask with retries on a new seed, verify, ground, store.

Every slot ends as a row or in quarantine with the rule it broke and the raw reply. No task changes a gold answer: the MCQ and symptom
tasks copy their base row's input, context and output unchanged and only add `reasoning`."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional

import dagster as dg
import duckdb
import faiss

from medpipe.corpus.embeddings import encode
from medpipe.corpus.retrieval import retrieve_many
from medpipe.sources.catalog import EMERGENCY_SOURCE, MCQ_EXPLANATION_SOURCE, SYMPTOM_REASONING_SOURCE, WIKI_QA_SOURCE
from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import Call, CallCache, CallStats, OllamaLLM, run_calls
from medpipe.synthetic.verify import (Scenario, WikiQA, option_lines, verify_emergency_scenario, verify_mcq_explanation,
                                      verify_symptom_reasoning, verify_wiki_qa)
from medpipe.warehouse.rows import Pair, Rejection, finish_pair, quarantine_frame, quarantine_row, rows_frame
from medpipe.warehouse.store import SOURCES, ensure_quarantine, insert_quarantine, statement, table_ref, transaction

STEP = "synthetic"
SOURCE_SHARDS = 8  # rows of a source are spread over this many partitions by a stable hash of their source_id
SHARD_KEYS = [f"shard-{i}" for i in range(SOURCE_SHARDS)]
EMPTY_PARTITION_SLOTS = 3  # a run of at least this many slots that keeps none is reported loudly (metadata `warning`, a log warning)


def nothing_kept_warning(kept: int, slots: int, rejected: dict[str, int], invalid_replies: int) -> str:
    """"none", or the loud line a run that kept nothing of many slots reports."""
    if kept or slots < EMPTY_PARTITION_SLOTS:
        return "none"
    return (f"NOTHING KEPT of {slots} slots (rejected: {dict(sorted(rejected.items()))}; {invalid_replies} LLM replies failed their schema and "
            "were not cached). Check the LLM host and model; the next run asks again every call whose reply was not kept.")


class YieldConfig(dg.Config):
    """What raises a task's yield with a small model; every switch is measured in benchmarks/bench_generation.py."""

    constrained: bool = True  # patterns and enums in the JSON schema (question ends with "?", conclusion among the options)
    few_shot: bool = True  # one worked example in the prompt
    retries: int = 2  # a rejected reply is asked again with the next seed, this many times
    context_chars: int = 700  # source text shown to the model (a short grounded context)
    repeat_penalty: Optional[float] = None  # over the resource's (1.3, which keeps a small model out of loops); None: the resource's

    def option_overrides(self) -> tuple[tuple[str, Any], ...]:
        return (("repeat_penalty", self.repeat_penalty),) if self.repeat_penalty is not None else ()


class ShardTaskConfig(YieldConfig):
    max_rows_per_shard: int = 4  # rows of a shard generated per run, in a stable order: raising it generates only for the new rows


class GoldExplanationConfig(ShardTaskConfig):
    """The MCQ and symptom tasks restate a gold answer they are shown: a repeat penalty pushes a small model off it (with 1.3,
    SmolLM2 concluded on another option than the gold one in every measured slot)."""

    repeat_penalty: Optional[float] = 1.0


class WikiQAConfig(ShardTaskConfig):
    grounding_threshold: float = 0.55  # answer vs the article text; measured in benchmarks/results/generation.md


class EmergencyConfig(YieldConfig):
    scenarios_per_partition: int = 4
    top_k: int = 2
    context_chars: int = 500  # per retrieved passage
    grounding_threshold: float = 0.5  # steps vs the retrieved passages; measured in benchmarks/results/generation.md
    topics: list[str] = syn.EMERGENCY_TOPICS


def shard_of(source_id: str) -> str:
    """A row's shard: stable across runs and machines, and unchanged when other rows are added."""
    return SHARD_KEYS[int(hashlib.sha256(source_id.encode("utf-8")).hexdigest()[:8], 16) % SOURCE_SHARDS]


@dataclass(frozen=True)
class TaskSlot:
    """One row to generate: its id in the generated table, its call (per attempt) and its verifier (reply -> kept value or Rejection)."""

    source_id: str
    make_call: Callable[[int], Call]
    verify: Callable[[str], Any]
    payload: dict[str, Any]


@dataclass
class SlotOutcome:
    value: Any
    raw: str
    attempts: int
    call: Call


@dataclass
class TaskResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    stats: list[CallStats] = field(default_factory=list)
    rejections_by_attempt: Counter[str] = field(default_factory=Counter)  # every rejected reply, retried or not

    def metadata(self, llm: OllamaLLM) -> dict[str, Any]:
        slots = len(self.rows) + len(self.quarantined)
        tokens, seconds = sum(s.generated_tokens for s in self.stats), sum(s.wall_seconds for s in self.stats)
        return {
            "dagster/row_count": len(self.rows), "slots": slots, "kept": len(self.rows), "quarantined": len(self.quarantined),
            "accepted_share": round(len(self.rows) / slots, 3) if slots else 0.0,
            "rejected_by_rule": dg.MetadataValue.json(dict(Counter(q["reason"] for q in self.quarantined))),
            "rejected_replies_by_rule": dg.MetadataValue.json(dict(self.rejections_by_attempt)),
            "llm_calls": sum(s.called for s in self.stats), "llm_cache_hits": sum(s.cached for s in self.stats),
            "generated_tokens": tokens, "llm_seconds": round(seconds, 3), "model": llm.model, "hosts": llm.hosts,
            "llm_invalid_replies": sum(s.failed for s in self.stats),
            "warning": nothing_kept_warning(len(self.rows), slots, Counter(q["reason"] for q in self.quarantined), sum(s.failed for s in self.stats)),
        }


def ask_with_retries(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, slots: list[TaskSlot], settings: YieldConfig, result: TaskResult,
                     progress: Callable[[int, int, float], None] | None = None, cache: CallCache | None = None) -> list[SlotOutcome]:
    """Each slot's verified value or its last Rejection; a rejected reply is asked again with the next seed up to `settings.retries`
    times. LLMUnavailable propagates; every finished call is already in llm_cache."""
    outcomes: dict[int, SlotOutcome] = {}
    todo = list(range(len(slots)))
    for attempt in range(settings.retries + 1):
        calls = {i: replace(slots[i].make_call(attempt), option_overrides=settings.option_overrides()) for i in todo}
        replies, stats = run_calls(con, llm, calls.values(), progress, cache)
        result.stats.append(stats)
        for i, call in calls.items():
            raw = replies[call.key(llm.identity(), llm.options)]
            value = slots[i].verify(raw)
            outcomes[i] = SlotOutcome(value, raw, attempt + 1, call)
            if isinstance(value, Rejection):
                result.rejections_by_attempt[value.reason] += 1
        todo = [i for i in todo if isinstance(outcomes[i].value, Rejection)]
        if not todo:
            break
    return [outcomes[i] for i in range(len(slots))]


def provenance(llm: OllamaLLM, partition: str, outcome: SlotOutcome, settings: YieldConfig, **extra: Any) -> dict[str, Any]:
    return {"partition": partition, "model": llm.identity(), "prompt_version": outcome.call.prompt_version,
            "options": outcome.call.options(llm.options),
            "attempts": outcome.attempts, "constrained": settings.constrained, "few_shot": settings.few_shot, **extra}


def grounding_score(embed_model: Any, text: str, passages: list[str]) -> float:
    """The best cosine between the text and a window of two sentences of its source passages (or a whole passage)."""
    windows = [w for p in passages for w in _windows(p)]
    if not windows:
        return 0.0
    vectors = encode(embed_model, [text, *windows])
    return syn.grounding_scores(vectors[:1], [vectors[1:]])[0]


def _windows(passage: str) -> list[str]:
    sentences = [s.strip() for s in passage.replace("\n", " ").split(". ") if s.strip()]
    return [passage, *(". ".join(sentences[i:i + 2]) for i in range(max(1, len(sentences) - 1)))]


def shard_rows(con: duckdb.DuckDBPyConnection, source: str, shard: str, limit: int) -> list[dict[str, Any]]:
    """The first `limit` rows of a source in a shard, in a stable order (by the hash of their source_id)."""
    rows = con.execute(f"SELECT * FROM {table_ref(SOURCES, source)}").pl().to_dicts()
    mine = [r for r in rows if shard_of(r["source_id"]) == shard]
    return sorted(mine, key=lambda r: hashlib.sha256(r["source_id"].encode("utf-8")).hexdigest())[:limit]


def _truncate(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + " …"


def _finish(result: TaskResult, source: str, slots: list[TaskSlot], outcomes: list[SlotOutcome],
            build_row: Callable[[int, SlotOutcome], dict | Rejection]) -> None:
    for i, (slot, outcome) in enumerate(zip(slots, outcomes)):
        row = outcome.value if isinstance(outcome.value, Rejection) else build_row(i, outcome)
        if isinstance(row, Rejection):
            result.quarantined.append(quarantine_row(STEP, source, slot.source_id, row,
                                                     {**slot.payload, "raw": outcome.raw, "attempts": outcome.attempts}))
        else:
            result.rows.append(row)


def enriched_row(base: dict[str, Any], source: str, source_id: str, reasoning: str, meta: dict[str, Any]) -> dict[str, Any]:
    """The base row with generated reasoning: input, context, output (the gold answer) and id unchanged."""
    return {**base, "source": source, "source_id": source_id, "reasoning": reasoning,
            "license": f"{base['license']}; reasoning generated", "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True)}


def generate_wiki_qa(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, embed_model: Any, shard: str, settings: WikiQAConfig,
                     progress: Callable[[int, int, float], None] | None = None, cache: CallCache | None = None) -> TaskResult:
    """Per wiki row: a learner's question about the term and its answer, from the article text, grounded in it."""
    result = TaskResult()
    bases = shard_rows(con, "wiki_medical_terms", shard, settings.max_rows_per_shard)
    titles = [json.loads(b["meta"]).get("page_title") or b["input"].removeprefix("What is ").rstrip("?") for b in bases]
    articles = [_truncate(b["output"], settings.context_chars) for b in bases]
    scores: dict[int, float] = {}

    def verify(i: int) -> Callable[[str], Any]:
        def check(reply: str) -> WikiQA | Rejection:
            pair = verify_wiki_qa(reply, titles[i])
            if isinstance(pair, Rejection):
                return pair
            scores[i] = grounding_score(embed_model, pair.answer, [articles[i]])
            if scores[i] < settings.grounding_threshold:
                return Rejection("low_grounding", f"{scores[i]:.3f} < {settings.grounding_threshold}")
            return pair
        return check

    slots = [TaskSlot(f"{shard}/{b['source_id']}",
                      lambda a, i=i: syn.wiki_qa_call(titles[i], articles[i], settings.constrained, settings.few_shot, a),
                      verify(i), {"term": titles[i], "base_id": b["id"]}) for i, b in enumerate(bases)]
    outcomes = ask_with_retries(con, llm, slots, settings, result, progress, cache)

    def build(i: int, outcome: SlotOutcome) -> dict | Rejection:
        pair: WikiQA = outcome.value
        meta = provenance(llm, shard, outcome, settings, base_source="wiki_medical_terms",
                          base_source_id=bases[i]["source_id"], base_id=bases[i]["id"],
                          page_title=titles[i], grounding_score=round(scores[i], 4))
        return finish_pair(Pair(input=pair.question, output=pair.answer, context=articles[i], meta=meta), source=WIKI_QA_SOURCE,
                           source_id=slots[i].source_id, license=f"{bases[i]['license']}; generated from the article")

    _finish(result, WIKI_QA_SOURCE, slots, outcomes, build)
    return result


def generate_mcq_explanations(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, shard: str, settings: GoldExplanationConfig,
                              progress: Callable[[int, int, float], None] | None = None, cache: CallCache | None = None) -> TaskResult:
    """Per MedQA train/validation row: why the gold option is right and the others are not, verified to agree with the gold answer."""
    result = TaskResult()
    bases = shard_rows(con, "medqa", shard, settings.max_rows_per_shard)
    options = [option_lines(b["context"]) for b in bases]
    golds = [json.loads(b["meta"])["answer_idx"] for b in bases]
    slots = [TaskSlot(
        f"{shard}/{b['source_id']}",
        lambda a, i=i: syn.mcq_explanation_call(_truncate(bases[i]["input"], settings.context_chars),
                                                [f"{k}. {v}" for k, v in sorted(options[i].items())],
                                                bases[i]["output"], settings.constrained, settings.few_shot, a),
        lambda reply, i=i: verify_mcq_explanation(reply, options[i], golds[i]),
        {"base_id": b["id"], "gold": b["output"]},
    ) for i, b in enumerate(bases)]
    outcomes = ask_with_retries(con, llm, slots, settings, result, progress, cache)

    def build(i: int, outcome: SlotOutcome) -> dict:
        meta = provenance(llm, shard, outcome, settings, base_source="medqa", base_source_id=bases[i]["source_id"], base_id=bases[i]["id"],
                          answer_idx=golds[i])
        return enriched_row(bases[i], MCQ_EXPLANATION_SOURCE, slots[i].source_id, outcome.value, meta)

    _finish(result, MCQ_EXPLANATION_SOURCE, slots, outcomes, build)
    return result


def generate_symptom_reasoning(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, shard: str, settings: GoldExplanationConfig,
                               progress: Callable[[int, int, float], None] | None = None, cache: CallCache | None = None) -> TaskResult:
    """Per symptom-to-diagnosis row: step-by-step reasoning from the symptoms that ends in the gold diagnosis."""
    result = TaskResult()
    labels = sorted({json.loads(m)["label"] for (m,) in con.execute(f"SELECT meta FROM {table_ref(SOURCES, 'symptom_to_diagnosis')}").fetchall()})
    bases = shard_rows(con, "symptom_to_diagnosis", shard, settings.max_rows_per_shard)
    golds = [json.loads(b["meta"])["label"] for b in bases]
    slots = [TaskSlot(
        f"{shard}/{b['source_id']}",
        lambda a, i=i: syn.symptom_reasoning_call(_truncate(bases[i]["input"], settings.context_chars), golds[i], labels, settings.constrained,
                                                  settings.few_shot, a),
        lambda reply, i=i: verify_symptom_reasoning(reply, golds[i], labels),
        {"base_id": b["id"], "gold": golds[i]},
    ) for i, b in enumerate(bases)]
    outcomes = ask_with_retries(con, llm, slots, settings, result, progress, cache)

    def build(i: int, outcome: SlotOutcome) -> dict:
        meta = provenance(llm, shard, outcome, settings, base_source="symptom_to_diagnosis", base_source_id=bases[i]["source_id"],
                          base_id=bases[i]["id"], label=golds[i])
        return enriched_row(bases[i], SYMPTOM_REASONING_SOURCE, slots[i].source_id, outcome.value, meta)

    _finish(result, SYMPTOM_REASONING_SOURCE, slots, outcomes, build)
    return result


def generate_emergency_scenarios(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, embed_model: Any, index: faiss.Index, day: str,
                                 settings: EmergencyConfig, progress: Callable[[int, int, float], None] | None = None,
                                     cache: CallCache | None = None) -> TaskResult:
    """Per slot of the day: an emergency and its first-aid steps, from top_k guideline passages retrieved for its topic (the nearest
    from its seed chunk on), grounded in them."""
    result = TaskResult()
    plan = syn.plan_partition(day, settings.topics, settings.scenarios_per_partition)
    nearest = retrieve_many(con, index, embed_model, [s.topic for s in plan], k=syn.SEED_CHUNKS + settings.top_k - 1)
    hits = [found[s.chunk_rank:s.chunk_rank + settings.top_k] or found[-settings.top_k:] for s, found in zip(plan, nearest)]
    passages = [[_truncate(h.text, settings.context_chars) for h in found] for found in hits]
    scores: dict[int, float] = {}

    def verify(i: int) -> Callable[[str], Any]:
        def check(reply: str) -> Scenario | Rejection:
            scenario = verify_emergency_scenario(reply)
            if isinstance(scenario, Rejection):
                return scenario
            scores[i] = grounding_score(embed_model, scenario.response, passages[i])
            if scores[i] < settings.grounding_threshold:
                return Rejection("low_grounding", f"{scores[i]:.3f} < {settings.grounding_threshold}")
            return scenario
        return check

    slots = [TaskSlot(f"{day}/{s.number}",
                      lambda a, i=i: syn.emergency_scenario_call(plan[i].topic, passages[i], settings.constrained, settings.few_shot, a),
                      verify(i), {"topic": s.topic, "chunk_ids": [h.chunk_id for h in hits[i]]}) for i, s in enumerate(plan)]
    outcomes = ask_with_retries(con, llm, slots, settings, result, progress, cache)

    def build(i: int, outcome: SlotOutcome) -> dict | Rejection:
        scenario: Scenario = outcome.value
        meta = provenance(llm, day, outcome, settings, topic=plan[i].topic, retrieved_chunk_ids=[h.chunk_id for h in hits[i]],
                          grounding_score=round(scores[i], 4))
        return finish_pair(Pair(input=f"{scenario.scenario} What should you do?", output=scenario.response,
                                context="\n\n".join(passages[i]), meta=meta),
                           source=EMERGENCY_SOURCE, source_id=slots[i].source_id, license="generated from the guideline PDFs (see their licences)")

    _finish(result, EMERGENCY_SOURCE, slots, outcomes, build)
    return result


def store_generated(con: duckdb.DuckDBPyConnection, source: str, partition: str, rows: list[dict[str, Any]],
                    quarantined: list[dict[str, Any]]) -> None:
    """Replace one partition's rows of a generated table (sources.<source>) and its quarantine rows, in one transaction."""
    write_generated(con, source, partition, rows_frame(rows).to_arrow(), quarantine_frame(quarantined).to_arrow())


def write_generated(con: duckdb.DuckDBPyConnection, source: str, partition: str, rows: Any, quarantined: Any) -> None:
    """`store_generated` for rows and quarantine already in tabular form (Arrow tables or DuckDB relations, e.g. a partition's Parquet files)."""
    ensure_quarantine(con)
    table = table_ref(SOURCES, source)
    with transaction(con):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {SOURCES}")
        con.register("rows_frame", rows)
        try:
            con.execute(statement("generated_create").format(table=table))
            con.execute(statement("generated_clear_partition").format(table=table), {"partition": partition})
            con.execute(statement("generated_insert").format(table=table))
        finally:
            con.unregister("rows_frame")
        con.execute(statement("quarantine_clear_source_prefix"), {"step": STEP, "source": source, "prefix": f"{partition}/"})
        if quarantined is not None:
            insert_quarantine(con, quarantined)
