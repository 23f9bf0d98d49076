"""pdf_documents -> pdf_chunks -> chunk_embeddings -> faiss_index, each a Step (warehouse/step.py), rebuilt only where something changed."""

import dagster as dg
import duckdb
import polars as pl

from medpipe.corpus import extract
from medpipe.corpus.config import PdfFolder
from medpipe.corpus.embedding_cache import embed_missing, vectors_of
from medpipe.corpus.embeddings import Embedder, count_tokens, encode
from medpipe.corpus.index import IndexConfig, build_index, index_ids, index_kind, load_index, save_index
from medpipe.warehouse.guard import refuse_empty_input
from medpipe.warehouse.report import markdown_preview, progress_logger
from medpipe.warehouse.rows import quarantine_frame
from medpipe.warehouse.step import Output, Plan, Step, StepContext, markdown, step_asset
from medpipe.warehouse.store import CORPUS, read_table, statement, table_exists, table_version
from medpipe.warehouse.resource import Warehouse
from medpipe.warehouse.versions import file_fingerprints

CORPUS_GROUP = "corpus"
DOCUMENTS, PAGES, CHUNKS, EMBEDDINGS, INDEX = extract.EXTRACT_STEP, "pdf_pages", "pdf_chunks", "chunk_embeddings", "faiss_index"


class ChunkConfig(dg.Config):
    # all-MiniLM-L6-v2 was trained on short passages: 96-token chunks put a known passage in the top 5
    # for 98% of test queries on the real guidelines, against 92% for 200-token chunks (benchmarks/results/corpus.md).
    max_tokens: int = 96
    overlap_tokens: int = 24


def plan_documents(context: StepContext) -> Plan:
    folder: PdfFolder = context.resources["pdf_folder"]
    paths, rejected = folder.files(), []
    if not folder.is_offline():
        downloaded, rejected = extract.download_guidelines(context.warehouse.data_dir / "pdf_downloads", extract.GUIDELINE_PDFS)  # type: ignore[union-attr]
        paths += downloaded

    def run() -> Output:
        con = context.con
        if not paths:
            refuse_empty_input(con, CORPUS, DOCUMENTS, f"MEDPIPE_PDF_DIR={folder.path}", "holds no PDF", folder.allow_empty)
        known = table_exists(con, CORPUS, DOCUMENTS) and table_exists(con, CORPUS, PAGES)
        previous_docs = read_table(con, CORPUS, DOCUMENTS) if known else pl.DataFrame(schema=extract.DOCUMENT_SCHEMA)
        previous_pages = read_table(con, CORPUS, PAGES) if known else pl.DataFrame(schema=extract.PAGE_SCHEMA)
        result = extract.extract_corpus(paths, previous_pages, previous_docs)
        quarantined = pl.concat([result.quarantined, quarantine_frame(rejected)])
        image_only = result.documents.select(pl.col("image_only_pages").list.len().sum()).item() if result.documents.height else 0
        return Output(
            tables={(CORPUS, DOCUMENTS): result.documents, (CORPUS, PAGES): result.pages}, quarantined=quarantined,
            warnings=[f"PDF rejected: {row['source_id']}: {row['detail']}" for row in quarantined.iter_rows(named=True)],
            metadata={"dagster/row_count": result.documents.height, "pdf_dir": str(folder.path), "pages": result.pages.height,
                      "image_only_pages": int(image_only or 0), "extracted": result.extracted, "reused": result.reused,
                          "rejected": quarantined.height,
                      "documents": markdown(markdown_preview(result.documents, ["file_name", "title", "pages", "image_only_pages"], rows=20))})

    return Plan({"files": file_fingerprints(paths), "rejected": rejected}, run)


def plan_chunks(context: StepContext) -> Plan:
    embedder: Embedder = context.resources["embedder"]
    config: ChunkConfig = context.config

    def run() -> Output:
        model = embedder.load()  # the tokenizer: loaded only when the step runs
        chunks = extract.chunk_corpus(read_table(context.con, CORPUS, PAGES), lambda words: count_tokens(model, words),
                                      config.max_tokens, config.overlap_tokens)
        return Output(tables={(CORPUS, CHUNKS): chunks}, metadata={
            "dagster/row_count": chunks.height, "max_tokens": config.max_tokens, "overlap_tokens": config.overlap_tokens,
            "mean_tokens": float(chunks["n_tokens"].mean() or 0),
                "preview": markdown(markdown_preview(chunks, ["chunk_id", "first_page", "n_tokens", "text"]))})

    return Plan({"pages": table_version(context.con, CORPUS, PAGES)}, run)


def plan_embeddings(context: StepContext) -> Plan:
    embedder: Embedder = context.resources["embedder"]

    def run() -> Output:
        chunks = context.con.execute("SELECT text_sha256, any_value(text) FROM corpus.pdf_chunks GROUP BY ALL").fetchall()
        stats = embed_missing(context.con, embedder.model_name, dict(chunks), lambda texts: encode(embedder.load(), texts, embedder.batch_size),
                              progress=progress_logger(context.log.info, "embedding chunks"))
        context.log.info(f"chunk embeddings: {stats.embedded} embedded, {stats.reused} reused from the cache")

        def write(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(statement("chunk_embeddings"), {"model": embedder.model_name})

        return Output(write=write,
                      metadata={"dagster/row_count": len(chunks), "embedded": stats.embedded, "reused": stats.reused, "model": embedder.model_name,
                                             "embeddings_per_second": stats.embedded / stats.seconds if stats.seconds else 0.0})

    return Plan({"chunks": table_version(context.con, CORPUS, CHUNKS)}, run)


def plan_index(context: StepContext) -> Plan:
    warehouse, config = context.warehouse, context.config
    assert warehouse is not None

    def run() -> Output:
        vectors = vectors_of(context.con.execute("SELECT vector FROM corpus.chunk_embeddings ORDER BY chunk_id").pl())
        save_index(build_index(vectors, config), warehouse.faiss_path)
        def write(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(statement("faiss_ids_write"))

        return Output(write=write,
                      metadata={"dagster/row_count": len(vectors), "index_type": index_kind(len(vectors), config), "path": str(warehouse.faiss_path)})

    return Plan({"vectors": table_version(context.con, CORPUS, EMBEDDINGS), "path": str(warehouse.faiss_path)}, run)


documents = Step(DOCUMENTS, "Text of every guideline PDF, page by page, with title, page count, image-only pages and sha256.",
                 plan_documents, CORPUS_GROUP,
                 writes=((CORPUS, DOCUMENTS), (CORPUS, PAGES)), key_prefix=CORPUS, kinds=("duckdb", "pdf"), resources=("pdf_folder",))
chunks = Step(CHUNKS, "Chunks of the corpus by the embedding model's tokens, with overlap, never splitting a word.", plan_chunks, CORPUS_GROUP,
              writes=((CORPUS, CHUNKS),), key_prefix=CORPUS, deps=(dg.AssetKey([CORPUS, DOCUMENTS]),), config=ChunkConfig, resources=("embedder",))
embeddings = Step(EMBEDDINGS, "A unit vector per chunk; only chunks whose text the cache has not seen are embedded (the model loads only for those).",
                  plan_embeddings, CORPUS_GROUP, writes=((CORPUS, EMBEDDINGS),), key_prefix=CORPUS, deps=(dg.AssetKey([CORPUS, CHUNKS]),),
                  resources=("embedder",), kinds=("duckdb", "sentence_transformers"))
index = Step(INDEX,
             "The FAISS inner-product index of the chunk vectors (flat when small, HNSW above hnsw_above), beside the DuckDB file.", plan_index,
             CORPUS_GROUP, writes=((CORPUS, "faiss_ids"),), files=lambda warehouse: [warehouse.faiss_path], key_prefix=CORPUS,
             deps=(dg.AssetKey([CORPUS, EMBEDDINGS]),), config=IndexConfig, kinds=("faiss",))
steps = [documents, chunks, embeddings, index]
pdf_documents, pdf_chunks, chunk_embeddings, faiss_index = assets = [step_asset(step) for step in steps]


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


checks = [faiss_index_matches_chunks]
