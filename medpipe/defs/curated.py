"""merged -> filtered -> scrubbed -> deduplicated -> near_deduplicated -> semantic_deduplicated -> decontaminated -> final."""

import dagster as dg
import polars as pl

from medpipe.defs.sources import SOURCE_SCHEMA, source_assets
from medpipe.defs.synthetic import synthetic_qa
from medpipe.lib import curate, decontam, minhash, semantic
from medpipe.lib.clusters import cluster_labels, split_clusters
from medpipe.lib.embedding_cache import embed_missing, text_hash, vectors_of
from medpipe.lib.embeddings import encode
from medpipe.lib.evalsets import load_eval_questions
from medpipe.lib.mcq import leak_flags
from medpipe.lib.report import markdown_preview, progress_logger
from medpipe.lib.rows import quarantine_frame, quarantine_from
from medpipe.lib.scrub import scrub_rows
from medpipe.lib.sql import statement
from medpipe.lib.warehouse import counts_by_source, read_table, table_exists, write_step
from medpipe.resources import DUCKDB_POOL, Embedder, SourceSettings, Warehouse
from medpipe.sources.catalog import EVAL_SETS, INCLUDED, PRIORITY, SYNTHETIC_SOURCES

CURATED = dict(group_name="curated", kinds={"duckdb"}, pool=DUCKDB_POOL)
MAIN = "main"


class LengthBounds(dg.Config):
    min_chars: int = 10
    max_chars: int = 1500


class NearDuplicateConfig(dg.Config):
    threshold: float = 0.8
    num_perm: int = 128
    ngram: int = 5


class SemanticDuplicateConfig(dg.Config):
    enabled: bool = True  # MiniLM embeds ~100 inputs/s on 2 cores: 100k new rows take ~17 minutes (then cached)
    threshold: float = 0.95
    neighbours: int = 10


class DecontaminationConfig(dg.Config):
    long_ngram: int = 13
    short_ngram: int = 8
    short_below_words: int = 30


class SplitConfig(dg.Config):
    seed: int = 42
    test_fraction: float = 0.05


def _replace(warehouse: Warehouse, table: str, rows: pl.DataFrame, step: str, quarantined: pl.DataFrame) -> None:
    with warehouse.get_connection() as con:
        write_step(con, schema=MAIN, tables={table: rows}, step=step, source=None, quarantined=quarantined)


def _read(warehouse: Warehouse, table: str, order_by: tuple[str, ...] = ("id", "source", "source_id")) -> pl.DataFrame:
    """A table in a fixed order: DuckDB returns rows of a parallel query in any order, and the duplicate
    clusters must not depend on it."""
    with warehouse.get_connection() as con:
        return read_table(con, MAIN, table).sort(order_by)


def _dedup_metadata(before: int, kept: pl.DataFrame, dropped: pl.DataFrame) -> dict[str, object]:
    return {"read": before, "kept": kept.height, "dropped": dropped.height, "dagster/row_count": kept.height,
            "dropped_by_source": dg.MetadataValue.json(dict(dropped.group_by("source").len().iter_rows()) if dropped.height else {})}


@dg.asset(deps=[*(a.key for a in source_assets), synthetic_qa], **CURATED)
def merged(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """Union of every normalised source and of the synthetic partitions generated so far, in the unified schema."""
    names = [spec.name for spec in INCLUDED] + sorted(SYNTHETIC_SOURCES)
    with warehouse.get_connection() as con:
        tables = [(SOURCE_SCHEMA, name) for name in names if table_exists(con, SOURCE_SCHEMA, name)]
        total = curate.build_merged(con, tables)
        per_source = counts_by_source(con, "merged")
    missing = [spec.name for spec in INCLUDED if not per_source.get(spec.name)]
    if missing:
        context.log.warning(f"MISSING SOURCES: {', '.join(missing)} contribute no rows to this build (see their assets' status).")
    return dg.MaterializeResult(metadata={"dagster/row_count": total, "rows_by_source": dg.MetadataValue.json(per_source), "missing_sources": ", ".join(missing) or "none"})


@dg.asset(deps=[merged], **CURATED)
def filtered(warehouse: Warehouse, config: LengthBounds) -> dg.MaterializeResult:
    """Rows whose input and output lengths lie within the configured bounds."""
    with warehouse.get_connection() as con:
        counts = curate.filter_length(con, config.min_chars, config.max_chars)
    return dg.MaterializeResult(metadata={"dagster/row_count": counts.kept, **counts.as_metadata()})


@dg.asset(deps=[filtered], **CURATED)
def scrubbed(warehouse: Warehouse) -> dg.MaterializeResult:
    """PHI/PII (names, phones, emails, identifying URLs, record numbers, full dates, ages over 89) redacted with typed placeholders."""
    rows, redactions = scrub_rows(_read(warehouse, "filtered"))
    _replace(warehouse, "scrubbed", rows, "scrub_phi", quarantine_frame([]))
    flagged = rows.filter(pl.col("flags").list.len() > 0)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": rows.height, "kept": rows.height, "dropped": 0, "flagged": flagged.height,
        "redactions_by_type": dg.MetadataValue.json(dict(redactions)),
        "flagged_by_source": dg.MetadataValue.json(dict(flagged.group_by("source").len().iter_rows()) if flagged.height else {}),
    })


@dg.asset(deps=[scrubbed], **CURATED)
def deduplicated(warehouse: Warehouse) -> dg.MaterializeResult:
    """Exact duplicates across sources removed on normalised content."""
    with warehouse.get_connection() as con:
        counts = curate.dedup_exact(con, PRIORITY)
    return dg.MaterializeResult(metadata={"dagster/row_count": counts.kept, **counts.as_metadata()})


@dg.asset(deps=[deduplicated], **CURATED)
def near_deduplicated(context: dg.AssetExecutionContext, warehouse: Warehouse, config: NearDuplicateConfig) -> dg.MaterializeResult:
    """Near-duplicates (MinHash LSH over word shingles, Jaccard >= threshold) reduced to one row per cluster."""
    rows = _read(warehouse, "deduplicated")
    texts = (rows["input"] + " " + rows["context"] + " " + rows["output"]).to_list()
    pairs = minhash.near_duplicate_pairs(minhash.signatures(texts, config.num_perm, config.ngram), config.threshold)
    kept, dropped = split_clusters(rows, cluster_labels(rows.height, pairs), PRIORITY)
    detail = pl.format("near duplicate (Jaccard >= {}) of {} row {}", pl.lit(config.threshold), pl.col("kept_source"), pl.col("kept_id"))
    _replace(warehouse, "near_deduplicated", kept, "dedup_near", quarantine_from(dropped, "dedup_near", "near_duplicate", detail))
    context.log.info(f"near duplicates: {len(pairs)} pairs, {dropped.height} rows dropped")
    return dg.MaterializeResult(metadata=_dedup_metadata(rows.height, kept, dropped) | {"pairs": len(pairs)})


@dg.asset(deps=[near_deduplicated], kinds={"duckdb", "faiss"}, group_name="curated", pool=DUCKDB_POOL)
def semantic_deduplicated(context: dg.AssetExecutionContext, warehouse: Warehouse, embedder: Embedder, config: SemanticDuplicateConfig) -> dg.MaterializeResult:
    """Semantic duplicates (cosine of input embeddings >= threshold) reduced to one row per cluster."""
    rows = _read(warehouse, "near_deduplicated")
    if not config.enabled:
        context.log.warning("semantic deduplication disabled by config: rows pass through unchanged")
        _replace(warehouse, "semantic_deduplicated", rows, "dedup_semantic", quarantine_frame([]))
        return dg.MaterializeResult(metadata={"dagster/row_count": rows.height, "status": "disabled by config"})
    model = embedder.load()
    hashes = [text_hash(t) for t in rows["input"].to_list()]
    with warehouse.get_connection() as con:
        stats = embed_missing(con, embedder.model_name, dict(zip(hashes, rows["input"].to_list())), lambda texts: encode(model, texts, embedder.batch_size),
                              progress=progress_logger(context.log.info, "embedding inputs"))
        con.register("wanted", pl.DataFrame({"text_sha256": hashes}).with_row_index("position").to_arrow())
        vectors = vectors_of(con.execute(statement("embedding_cache_vectors"), {"model": embedder.model_name}).pl())
        con.unregister("wanted")
    pairs = semantic.similar_pairs(vectors, config.threshold, config.neighbours)
    kept, dropped = split_clusters(rows, cluster_labels(rows.height, pairs), PRIORITY)
    detail = pl.format("semantic duplicate (cosine >= {}) of {} row {}", pl.lit(config.threshold), pl.col("kept_source"), pl.col("kept_id"))
    _replace(warehouse, "semantic_deduplicated", kept, "dedup_semantic", quarantine_from(dropped, "dedup_semantic", "semantic_duplicate", detail))
    return dg.MaterializeResult(metadata=_dedup_metadata(rows.height, kept, dropped) | {"pairs": len(pairs), "embedded": stats.embedded, "embeddings_reused": stats.reused})


@dg.asset(group_name="evaluation", kinds={"duckdb"}, pool=DUCKDB_POOL)
def eval_questions(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
    """Questions of the evaluation sets (MedQA test, MedMCQA dev, PubMedQA, MMLU medical) that training data must not contain."""
    questions, skipped = load_eval_questions(EVAL_SETS, source_settings.settings(warehouse.database))
    for name, reason in skipped.items():
        context.log.warning(f"EVAL SET SKIPPED: {reason}")
    _replace(warehouse, "eval_questions", questions, "eval_questions", quarantine_frame([]))
    return dg.MaterializeResult(metadata={"dagster/row_count": questions.height, "skipped_eval_sets": ", ".join(skipped) or "none",
                                          "questions_by_set": dg.MetadataValue.json(dict(questions.group_by("eval_set").len().iter_rows()) if questions.height else {})})


@dg.asset(deps=[semantic_deduplicated, eval_questions], **CURATED)
def decontaminated(warehouse: Warehouse, config: DecontaminationConfig) -> dg.MaterializeResult:
    """Rows whose input shares a long word n-gram with an evaluation question removed."""
    rows, questions = _read(warehouse, "semantic_deduplicated"), _read(warehouse, "eval_questions", ("eval_set", "question_id"))
    matches = decontam.contaminated(rows, questions, config.long_ngram, config.short_ngram, config.short_below_words)
    dropped = rows.join(matches, on="id")
    kept = rows.join(matches, on="id", how="anti")
    detail = pl.format("{} question {}: {} shared {}-grams", pl.col("eval_set"), pl.col("question_id"), pl.col("shared_ngrams"), pl.col("n"))
    _replace(warehouse, "decontaminated", kept, "decontaminate", quarantine_from(dropped, "decontaminate", "benchmark_contamination", detail))
    return dg.MaterializeResult(metadata={
        "dagster/row_count": kept.height, "read": rows.height, "kept": kept.height, "dropped": dropped.height,
        "contaminated_by_source": dg.MetadataValue.json(dict(dropped.group_by("source").len().iter_rows()) if dropped.height else {}),
        "contaminated_by_eval_set": dg.MetadataValue.json(dict(dropped.group_by("eval_set").len().iter_rows()) if dropped.height else {}),
    })


@dg.asset(deps=[decontaminated], **CURATED)
def final(context: dg.AssetExecutionContext, warehouse: Warehouse, config: SplitConfig) -> dg.MaterializeResult:
    """The unified training table: MCQ answer leaks flagged, shuffled with a fixed seed, split into train/test."""
    rows = _read(warehouse, "decontaminated")
    leaks = [leak_flags(c, o, m) for c, o, m in zip(rows["context"], rows["output"], rows["meta"])]
    rows = rows.with_columns((pl.col("flags").list.concat(pl.Series(leaks, dtype=pl.List(pl.String)))).alias("flags"))
    with warehouse.get_connection() as con:
        write_step(con, schema=MAIN, tables={"flagged": rows}, step="flag_mcq", source=None, quarantined=quarantine_frame([]))
        splits = curate.build_final(con, config.seed, config.test_fraction)
        per_source = counts_by_source(con, "final")
        preview = read_table(con, MAIN, "final").head(5)
    flagged = sum(1 for f in leaks if f)
    context.log.info(f"final: {sum(splits.values())} rows {splits}; {flagged} MCQ answer leaks flagged")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": sum(splits.values()), "rows_by_split": dg.MetadataValue.json(splits), "rows_by_source": dg.MetadataValue.json(per_source),
        "mcq_leaks_flagged": flagged, "preview": dg.MetadataValue.md(markdown_preview(preview, ["split", "source", "input", "output"])),
    })


curated_assets = [merged, filtered, scrubbed, deduplicated, near_deduplicated, semantic_deduplicated, eval_questions, decontaminated, final]
