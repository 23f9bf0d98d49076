"""The synthetic stage's assets: synthetic_qa (grounded first-aid Q&A, daily), emergency_scenarios (daily, RAG), and the tasks over
existing rows by source shard: wiki_term_qa, mcq_explanations, symptom_reasoning. All go through Ollama with the call cache."""

import functools
from collections import Counter
from typing import Any, Callable

import dagster as dg

from medpipe.corpus.assets import faiss_index
from medpipe.corpus.embeddings import Embedder
from medpipe.corpus.index import load_index
from medpipe.synthetic.generation import SyntheticConfig, generate_partition, store_partition
from medpipe.sources.assets import source_assets
from medpipe.sources.catalog import (EMERGENCY_SOURCE, MCQ_EXPLANATION_SOURCE, SYMPTOM_REASONING_SOURCE, SYNTHETIC_SOURCE,
                                     WIKI_QA_SOURCE)
from medpipe.synthetic import prompts as syn
from medpipe.synthetic import tasks
from medpipe.synthetic.llm import CallCache, LLMUnavailable, OllamaLLM, PartitionCallCache
from medpipe.warehouse.report import progress_logger
from medpipe.warehouse.rows import quarantine_frame, rows_frame
from medpipe.warehouse.partitions import PartitionStore, store_of
from medpipe.warehouse.resource import GenerationInputs, GenerationStore, Warehouse
from medpipe.warehouse.snapshot import export_inputs
from medpipe.warehouse.store import CORPUS, MAIN, SOURCES

SYNTHETIC_PARTITIONS = dg.DailyPartitionsDefinition(start_date=syn.FIRST_DAY, end_offset=1)
SHARD_PARTITIONS = dg.StaticPartitionsDefinition(tasks.SHARD_KEYS)
SOURCE_ASSETS = {a.key.path[-1]: a.key for a in source_assets}


# What the generation steps read. On workers they read it from the files `generation_inputs` exported, never the DuckDB file.
GENERATION_INPUTS = ((CORPUS, "pdf_documents"), (CORPUS, "pdf_chunks"), (CORPUS, "chunk_embeddings"), (CORPUS, "faiss_ids"),
                     (SOURCES, "wiki_medical_terms"), (SOURCES, "medqa"), (SOURCES, "symptom_to_diagnosis"), (MAIN, "llm_cache"))


@dg.asset(deps=[faiss_index, *(SOURCE_ASSETS[name] for schema, name in GENERATION_INPUTS if schema == SOURCES)], group_name="synthetic",
          kinds={"duckdb", "parquet"})
def generation_inputs(context: dg.AssetExecutionContext, warehouse: Warehouse, generation: GenerationStore) -> dg.MaterializeResult:
    """The tables and the FAISS index the generation steps read, exported under the partition store when partitions are generated
    there (the celery workers), so that no worker opens the DuckDB file: its shared read lock would block the writer. Nothing to do
    when the steps run in the writer's process (the one-machine default)."""
    if not generation.write_partitions:
        return dg.MaterializeResult(metadata={"exported": False, "why": "partitions are generated in the writer's process, from the warehouse"})
    store = PartitionStore(generation.partition_root)
    with warehouse.get_connection() as con:
        snapshot = export_inputs(con, store, GENERATION_INPUTS, [warehouse.faiss_path])
    context.log.info(f"generation_inputs: exported {len(snapshot.tables)} tables and {snapshot.files} as version {snapshot.version}")
    return dg.MaterializeResult(metadata={"exported": True, "version": snapshot.version, "root": generation.partition_root,
                                          "rows_by_table": dg.MetadataValue.json(snapshot.tables), "files": ", ".join(snapshot.files)})


@dg.asset(deps=[generation_inputs], partitions_def=SYNTHETIC_PARTITIONS, group_name="synthetic", kinds={"ollama", "duckdb"})
def synthetic_qa(context: dg.AssetExecutionContext, config: SyntheticConfig, generation: GenerationStore, embedder: Embedder,
                 llm: OllamaLLM) -> dg.MaterializeResult:
    """Questions seeded from guideline chunks and topics, each answered from its own top-k chunks and checked for grounding."""
    model = embedder.load()
    kept = quarantined = 0
    rejected: Counter[str] = Counter()
    stats = []
    with generation.reading() as inputs:
        context.log.info(f"synthetic_qa reads {inputs.origin}")
        index, con = load_index(inputs.faiss_path), inputs.con
        for key in context.partition_keys:
            cache = call_cache(generation, con, SYNTHETIC_SOURCE, key)
            try:
                result = generate_partition(con, llm, model, index, key, config, progress_logger(context.log.info, f"{key}: LLM calls"), cache)
            except LLMUnavailable as exc:
                raise dg.Failure(description=f"synthetic_qa[{key}]: {exc} Finished calls are kept in the call cache; re-run to resume.") from exc
            if cache is None:
                store_partition(con, key, result)
            else:
                keep_partition(generation, cache, SYNTHETIC_SOURCE, key, result.rows, result.quarantined)
            kept, quarantined = kept + len(result.rows), quarantined + len(result.quarantined)
            rejected.update(q["reason"] for q in result.quarantined)
            stats += result.stats
    tokens, seconds = sum(s.generated_tokens for s in stats), sum(s.wall_seconds for s in stats)
    context.log.info(f"synthetic_qa {context.partition_keys}: {kept} kept, {quarantined} quarantined, {sum(s.called for s in stats)} LLM calls")
    warning = tasks.nothing_kept_warning(kept, kept + quarantined, rejected, sum(s.failed for s in stats))
    if warning != "none":
        context.log.warning(f"synthetic_qa {context.partition_keys}: {warning}")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": kept, "kept": kept, "quarantined": quarantined, "llm_calls": sum(s.called for s in stats),
        "llm_cache_hits": sum(s.cached for s in stats), "llm_invalid_replies": sum(s.failed for s in stats), "generated_tokens": tokens,
        "llm_seconds": round(seconds, 3), "pipeline_tokens_per_second": round(tokens / seconds, 1) if seconds else 0.0,
        "rejected_by_reason": dg.MetadataValue.json(dict(rejected)), "model": llm.model, "hosts": llm.hosts, "warning": warning,
        **topic_space(context, config.topics, config.questions_per_partition),
    })


def topic_space(context: dg.AssetExecutionContext, topics: list[str], per_day: int) -> dict[str, Any]:
    """How many new slots (a topic and its seed chunk) the topic space has left after the run's last day; a warning once none is."""
    left = syn.slots_left(max(context.partition_keys), topics, per_day)
    if left == 0:
        context.log.warning(f"{context.asset_key.to_user_string()} {context.partition_keys}: the topic space ({len(topics)} topics x "
                            f"{syn.SEED_CHUNKS} seed chunks) is exhausted: later days repeat earlier days' slots, so they add no rows. "
                            "Add topics to make new slots.")
    return {"new_slots_left": left}


def call_cache(generation: GenerationStore, con: Any, source: str, key: str) -> PartitionCallCache | None:
    """The partition's call cache in the partition store when partitions are written there; None: the DuckDB file's llm_cache."""
    store = store_of(generation) if generation.write_partitions else None
    return PartitionCallCache(store, source, key, con) if store else None


def keep_partition(generation: GenerationStore, cache: PartitionCallCache, source: str, key: str, rows: list, quarantined: list) -> None:
    """Commit one partition to the partition store: its rows, its quarantine and its calls, all or nothing (no writer lock)."""
    store = store_of(generation)
    assert store is not None
    store.commit(source, key, rows_frame(rows).to_arrow(), quarantine_frame(quarantined).to_arrow(), cache.table())


def _run(context: dg.AssetExecutionContext, generation: GenerationStore, llm: OllamaLLM, source: str,
         generate: Callable[[GenerationInputs, str, CallCache | None], tasks.TaskResult],
         extra_metadata: dict[str, Any] | None = None) -> dg.MaterializeResult:
    """Generate and keep each partition of the run (a range resumes partition by partition); metadata summed over them. A partition is
    replaced in the DuckDB file (one machine) or committed to the partition store (workers; `merged` imports it)."""
    total = tasks.TaskResult()
    with generation.reading() as inputs:
        context.log.info(f"{context.asset_key.to_user_string()} reads {inputs.origin}")
        con = inputs.con
        for key in context.partition_keys:
            cache = call_cache(generation, con, source, key)
            try:
                result = generate(inputs, key, cache)
            except LLMUnavailable as exc:
                raise dg.Failure(description=f"{context.asset_key.to_user_string()}[{key}]: {exc} Finished calls are kept in the call "
                                             "cache; re-run to resume.") from exc
            if cache is None:
                tasks.store_generated(con, source, key, result.rows, result.quarantined)
            else:
                keep_partition(generation, cache, source, key, result.rows, result.quarantined)
            total.rows += result.rows
            total.quarantined += result.quarantined
            total.stats += result.stats
            total.rejections_by_attempt.update(result.rejections_by_attempt)
    meta = total.metadata(llm)
    meta["hosts_down"] = ", ".join(llm.hosts_down()) or "none"
    meta.update(extra_metadata or {})
    context.log.info(f"{context.asset_key.to_user_string()} {context.partition_keys}: {meta['kept']} kept of {meta['slots']} slots, "
                     f"{meta['llm_calls']} LLM calls, rejected {meta['rejected_by_rule'].value}")
    if meta["warning"] != "none":
        context.log.warning(f"{context.asset_key.to_user_string()} {context.partition_keys}: {meta['warning']}")
    return dg.MaterializeResult(metadata=meta)


def _progress(context: dg.AssetExecutionContext, key: str) -> Callable[[int, int, float], None]:
    return progress_logger(context.log.info, f"{context.asset_key.to_user_string()}[{key}]: LLM calls")


@dg.asset(deps=[SOURCE_ASSETS["wiki_medical_terms"], generation_inputs], partitions_def=SHARD_PARTITIONS, group_name="synthetic",
          kinds={"ollama", "duckdb"})
def wiki_term_qa(context: dg.AssetExecutionContext, config: tasks.WikiQAConfig, generation: GenerationStore, embedder: Embedder,
                 llm: OllamaLLM) -> dg.MaterializeResult:
    """Questions a learner would ask about each wiki term of the shard, answered from the article's text and grounded in it."""
    model = embedder.load()
    return _run(context, generation, llm, WIKI_QA_SOURCE,
                lambda inputs, key, cache: tasks.generate_wiki_qa(inputs.con, llm, model, key, config, _progress(context, key), cache))


@dg.asset(deps=[SOURCE_ASSETS["medqa"], generation_inputs], partitions_def=SHARD_PARTITIONS, group_name="synthetic",
          kinds={"ollama", "duckdb"})
def mcq_explanations(context: dg.AssetExecutionContext, config: tasks.GoldExplanationConfig, generation: GenerationStore,
                     llm: OllamaLLM) -> dg.MaterializeResult:
    """MedQA train/validation rows of the shard with an explanation of the gold option in `reasoning`, verified to conclude on it.

    The explanation enriches a copy of the row instead of making a new question: the gold option stays the row's output, the row keeps
    its content id, and the exact-dedup step keeps the explained copy (same source rank, longer reasoning) and quarantines the bare one."""
    return _run(context, generation, llm, MCQ_EXPLANATION_SOURCE,
                lambda inputs, key, cache: tasks.generate_mcq_explanations(inputs.con, llm, key, config, _progress(context, key), cache))


@dg.asset(deps=[SOURCE_ASSETS["symptom_to_diagnosis"], generation_inputs], partitions_def=SHARD_PARTITIONS, group_name="synthetic",
          kinds={"ollama", "duckdb"})
def symptom_reasoning(context: dg.AssetExecutionContext, config: tasks.GoldExplanationConfig, generation: GenerationStore,
                      llm: OllamaLLM) -> dg.MaterializeResult:
    """Symptom-to-diagnosis rows of the shard with step-by-step reasoning in `reasoning`, verified to end in the gold diagnosis."""
    return _run(context, generation, llm, SYMPTOM_REASONING_SOURCE,
                lambda inputs, key, cache: tasks.generate_symptom_reasoning(inputs.con, llm, key, config, _progress(context, key), cache))


@dg.asset(deps=[generation_inputs], partitions_def=SYNTHETIC_PARTITIONS, group_name="synthetic", kinds={"ollama", "duckdb"})
def emergency_scenarios(context: dg.AssetExecutionContext, config: tasks.EmergencyConfig, generation: GenerationStore, embedder: Embedder,
                        llm: OllamaLLM) -> dg.MaterializeResult:
    ("""Realistic emergencies and their step-by-step first aid, retrieved from the guideline corpus and grounded in it """
     """(the card's extreme first-aid rows).""")
    model, index = embedder.load(), functools.cache(load_index)
    return _run(context, generation, llm, EMERGENCY_SOURCE,
                lambda inputs, key, cache: tasks.generate_emergency_scenarios(inputs.con, llm, model, index(inputs.faiss_path), key, config,
                                                                              _progress(context, key), cache),
                topic_space(context, config.topics, config.scenarios_per_partition))


DAILY_ASSETS = [synthetic_qa, emergency_scenarios]
SHARD_ASSETS = [wiki_term_qa, mcq_explanations, symptom_reasoning]
assets = [generation_inputs, *DAILY_ASSETS, *SHARD_ASSETS]
