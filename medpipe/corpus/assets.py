"""pdf_documents -> pdf_chunks -> chunk_embeddings -> faiss_index, rebuilt only where something changed."""

import dagster as dg
import polars as pl

from medpipe.corpus import extract
from medpipe.corpus.embedding_cache import embed_missing, vectors_of
from medpipe.corpus.embeddings import Embedder, count_tokens, encode
from medpipe.corpus.index import IndexConfig, build_index, index_ids, index_kind, load_index, save_index
from medpipe.sources.config import SourceSettings
from medpipe.warehouse.guard import refuse_empty_input
from medpipe.warehouse.report import markdown_preview, progress_logger
from medpipe.warehouse.rows import quarantine_frame
from medpipe.warehouse.store import CORPUS, Warehouse, read_table, statement, table_exists, table_version, transaction, write_step
from medpipe.warehouse.versions import file_fingerprints, inputs_key, record_step, skipped, up_to_date

CORPUS_ASSET = dict(key_prefix=CORPUS, group_name="corpus")
DOCUMENTS, PAGES, CHUNKS = "pdf_documents", "pdf_pages", "pdf_chunks"


class ChunkConfig(dg.Config):
    # all-MiniLM-L6-v2 was trained on short passages: 96-token chunks put a known passage in the top 5
    # for 98% of test queries on the real guidelines, against 92% for 200-token chunks (benchmarks/results/corpus.md).
    max_tokens: int = 96
    overlap_tokens: int = 24


@dg.asset(name=DOCUMENTS, kinds={"duckdb", "pdf"}, **CORPUS_ASSET)
def pdf_documents(context: dg.AssetExecutionContext, warehouse: Warehouse, source_settings: SourceSettings) -> dg.MaterializeResult:
    """Text of every guideline PDF, page by page, with title, page count, image-only pages and sha256."""
    pdf_dir = source_settings.pdf_path
    paths = sorted(p for p in pdf_dir.glob("*") if p.suffix.lower() == ".pdf" and p.is_file())
    rejected: list[dict] = []
    if not source_settings.is_offline():
        downloaded, rejected = extract.download_guidelines(warehouse.data_dir / "pdf_downloads", extract.GUIDELINE_PDFS)
        paths += downloaded
    with warehouse.get_connection() as con:
        key = inputs_key(DOCUMENTS, files=file_fingerprints(paths), rejected=rejected)
        recorded = up_to_date(con, DOCUMENTS, key, outputs=((CORPUS, DOCUMENTS), (CORPUS, PAGES)))
        if recorded is not None:
            return skipped(recorded)
        if not paths:
            refuse_empty_input(con, CORPUS, DOCUMENTS, f"MEDPIPE_PDF_DIR={pdf_dir}", "holds no PDF", source_settings.allow_empty)
        known = table_exists(con, CORPUS, DOCUMENTS) and table_exists(con, CORPUS, PAGES)
        previous_docs = read_table(con, CORPUS, DOCUMENTS) if known else pl.DataFrame(schema=extract.DOCUMENT_SCHEMA)
        previous_pages = read_table(con, CORPUS, PAGES) if known else pl.DataFrame(schema=extract.PAGE_SCHEMA)
        result = extract.extract_corpus(paths, previous_pages, previous_docs)
        quarantined = pl.concat([result.quarantined, quarantine_frame(rejected)])
        image_only = result.documents.select(pl.col("image_only_pages").list.len().sum()).item() if result.documents.height else 0
        metadata = {"dagster/row_count": result.documents.height, "pdf_dir": str(pdf_dir), "pages": result.pages.height,
                    "image_only_pages": int(image_only or 0), "extracted": result.extracted, "reused": result.reused, "rejected": quarantined.height,
                    "documents": markdown_preview(result.documents, ["file_name", "title", "pages", "image_only_pages"], rows=20)}
        with transaction(con):
            write_step(con, schema=CORPUS, tables={DOCUMENTS: result.documents, PAGES: result.pages}, step=extract.EXTRACT_STEP, source=None,
                       quarantined=quarantined)
            record_step(con, DOCUMENTS, key, metadata)
    for row in quarantined.iter_rows(named=True):
        context.log.warning(f"PDF rejected: {row['source_id']}: {row['detail']}")
    return dg.MaterializeResult(metadata=metadata | {"documents": dg.MetadataValue.md(metadata["documents"])})


@dg.asset(name=CHUNKS, deps=[pdf_documents], kinds={"duckdb"}, **CORPUS_ASSET)
def pdf_chunks(warehouse: Warehouse, embedder: Embedder, config: ChunkConfig) -> dg.MaterializeResult:
    """Chunks of the corpus by the embedding model's tokens, with overlap, never splitting a word."""
    with warehouse.get_connection() as con:
        key = inputs_key(CHUNKS, pages=table_version(con, CORPUS, PAGES), config=config, model=embedder.model_name)
        recorded = up_to_date(con, CHUNKS, key, outputs=((CORPUS, CHUNKS),))
        if recorded is not None:
            return skipped(recorded)  # the tokenizer is not loaded
        model = embedder.load()
        chunks = extract.chunk_corpus(read_table(con, CORPUS, PAGES), lambda words: count_tokens(model, words), config.max_tokens, config.overlap_tokens)
        metadata = {"dagster/row_count": chunks.height, "max_tokens": config.max_tokens, "overlap_tokens": config.overlap_tokens,
                    "mean_tokens": float(chunks["n_tokens"].mean() or 0), "preview": markdown_preview(chunks, ["chunk_id", "first_page", "n_tokens", "text"])}
        with transaction(con):
            write_step(con, schema=CORPUS, tables={CHUNKS: chunks}, step="pdf_chunk", source=None, quarantined=quarantine_frame([]))
            record_step(con, CHUNKS, key, metadata)
    return dg.MaterializeResult(metadata=metadata | {"preview": dg.MetadataValue.md(metadata["preview"])})


@dg.asset(deps=[pdf_chunks], kinds={"duckdb", "sentence_transformers"}, **CORPUS_ASSET)
def chunk_embeddings(context: dg.AssetExecutionContext, warehouse: Warehouse, embedder: Embedder) -> dg.MaterializeResult:
    """A unit vector per chunk; only chunks whose text the cache has not seen are embedded (the model loads only for those)."""
    with warehouse.get_connection() as con:
        chunks = con.execute("SELECT text_sha256, any_value(text) FROM corpus.pdf_chunks GROUP BY ALL").fetchall()
        stats = embed_missing(con, embedder.model_name, dict(chunks), lambda texts: encode(embedder.load(), texts, embedder.batch_size),
                              progress=progress_logger(context.log.info, "embedding chunks"))
        con.execute(statement("chunk_embeddings"), {"model": embedder.model_name})
    context.log.info(f"chunk embeddings: {stats.embedded} embedded, {stats.reused} reused from the cache")
    return dg.MaterializeResult(metadata={"dagster/row_count": len(chunks), "embedded": stats.embedded, "reused": stats.reused,
                                          "model": embedder.model_name, "embeddings_per_second": stats.embedded / stats.seconds if stats.seconds else 0.0})


@dg.asset(deps=[chunk_embeddings], kinds={"faiss"}, **CORPUS_ASSET)
def faiss_index(warehouse: Warehouse, config: IndexConfig) -> dg.MaterializeResult:
    """The FAISS inner-product index of the chunk vectors (flat when small, HNSW above hnsw_above), beside the DuckDB file."""
    with warehouse.get_connection() as con:
        key = inputs_key("faiss_index", vectors=table_version(con, CORPUS, "chunk_embeddings"), config=config, path=str(warehouse.faiss_path))
        recorded = up_to_date(con, "faiss_index", key, outputs=((CORPUS, "faiss_ids"),))
        if recorded is not None and warehouse.faiss_path.exists():
            return skipped(recorded)
        vectors = vectors_of(con.execute("SELECT vector FROM corpus.chunk_embeddings ORDER BY chunk_id").pl())
        save_index(build_index(vectors, config), warehouse.faiss_path)
        metadata = {"dagster/row_count": len(vectors), "index_type": index_kind(len(vectors), config), "path": str(warehouse.faiss_path)}
        with transaction(con):
            con.execute(statement("faiss_ids_write"))
            record_step(con, "faiss_index", key, metadata)
    return dg.MaterializeResult(metadata=metadata)


@dg.asset_check(asset=faiss_index, blocking=True)
def faiss_index_matches_chunks(warehouse: Warehouse) -> dg.AssetCheckResult:
    """The index holds exactly the chunk table's chunks: same count, and every id found both ways."""
    index = load_index(warehouse.faiss_path)
    with warehouse.get_connection() as con:
        chunk_ids = {r[0] for r in con.execute("SELECT chunk_id FROM corpus.pdf_chunks").fetchall()}
        mapping = dict(con.execute("SELECT position, chunk_id FROM corpus.faiss_ids").fetchall())
    in_index = {int(i) for i in index_ids(index)}
    unmapped_positions = in_index - set(mapping)
    chunks_missing_from_index = chunk_ids - {mapping[p] for p in in_index if p in mapping}
    index_entries_without_chunk = {mapping[p] for p in in_index if p in mapping} - chunk_ids
    passed = index.ntotal == len(chunk_ids) and not (unmapped_positions or chunks_missing_from_index or index_entries_without_chunk)
    return dg.AssetCheckResult(passed=passed, metadata={
        "index_vectors": index.ntotal, "chunks": len(chunk_ids), "chunks_missing_from_index": len(chunks_missing_from_index),
        "index_entries_without_chunk": len(index_entries_without_chunk) + len(unmapped_positions),
        "examples": ", ".join(sorted(chunks_missing_from_index | index_entries_without_chunk)[:5]) or "none",
    })


assets = [pdf_documents, pdf_chunks, chunk_embeddings, faiss_index]
checks = [faiss_index_matches_chunks]
