"""The corpus assets through Dagster: incremental embedding, rejected files, the index check, retrieval quality."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from medpipe.corpus.embeddings import load_model
from medpipe.corpus.retrieval import retrieve_many
from medpipe.warehouse.resource import Warehouse
from medpipe.corpus.index import IndexConfig, build_index, index_kind, load_index, save_index
from medpipe.settings import SAMPLES_DIR, Settings
from medpipe_tests.helpers import check_results, materialize, metadata, offline_settings, query
from medpipe_tests.pdf_factory import write_text_pdf

CORPUS = dg.AssetSelection.groups("corpus")


@pytest.fixture
def corpus_settings(tmp_path: Path) -> Settings:
    pdfs = tmp_path / "pdfs"
    shutil.copytree(SAMPLES_DIR / "pdfs", pdfs)
    return offline_settings(tmp_path / "db.duckdb", pdf_dir=pdfs)


def test_rerun_embeds_nothing_and_a_new_pdf_embeds_only_its_chunks(corpus_settings: Settings) -> None:
    first = materialize(corpus_settings, CORPUS)
    chunks = metadata(first, "corpus__pdf_chunks")["dagster/row_count"]
    assert metadata(first, "corpus__chunk_embeddings")["embedded"] == chunks > 0
    assert check_results(first)["faiss_index_matches_chunks"][0]

    again = materialize(corpus_settings, CORPUS)
    for step in ("pdf_documents", "pdf_chunks", "chunk_embeddings", "faiss_index"):  # same files: nothing read, chunked or embedded again
        assert {"up_to_date", "last_run"} <= set(metadata(again, f"corpus__{step}")), step

    write_text_pdf(corpus_settings.pdf_dir / "snake_bite.pdf", [["Snake bite. Keep the person calm and still, and immobilise the bitten limb.",
                                                                  "Do not cut the wound, suck out venom or apply a tourniquet. Take the "
                                                                  "person to hospital."]])
    grown = materialize(corpus_settings, CORPUS)
    new_chunks = query(corpus_settings, "SELECT count(*) FROM corpus.pdf_chunks c JOIN corpus.pdf_documents d ON d.sha256 = c.document_sha256 WHERE "
                                        "d.file_name = 'snake_bite.pdf'")[0][0]
    assert metadata(grown, "corpus__chunk_embeddings")["embedded"] == new_chunks == 1
    assert metadata(grown, "corpus__pdf_documents")["extracted"] == 1
    assert metadata(grown, "corpus__faiss_index")["dagster/row_count"] == chunks + 1


def test_a_non_pdf_file_is_quarantined_with_a_clear_reason(corpus_settings: Settings) -> None:
    (corpus_settings.pdf_dir / "ifrc_first_aid_guidelines.pdf").write_text("<html><body>Landing page</body></html>", encoding="utf-8")
    result = materialize(corpus_settings, CORPUS)
    assert metadata(result, "corpus__pdf_documents")["rejected"] == 1
    ((reason, detail),) = query(corpus_settings, "SELECT reason, detail FROM quarantine WHERE step = 'pdf_documents'")
    assert reason == "not_a_pdf" and "HTML page saved under a .pdf name" in detail


def faiss_path(settings: Settings) -> Path:
    return Warehouse(database=str(settings.duckdb_path)).faiss_path


def test_the_index_check_fails_when_index_and_chunks_disagree(corpus_settings: Settings) -> None:
    materialize(corpus_settings, CORPUS)
    index = load_index(faiss_path(corpus_settings))
    vectors = index.reconstruct_n(0, index.ntotal)[:-1]
    save_index(build_index(vectors, IndexConfig(hnsw_above=10)), faiss_path(corpus_settings))
    result = materialize(corpus_settings, dg.AssetSelection.checks_for_assets(dg.AssetKey(["corpus", "faiss_index"])), raise_on_error=False)
    passed, details = check_results(result)["faiss_index_matches_chunks"]
    assert not passed and details["chunks_missing_from_index"] == 1


def test_hnsw_is_chosen_above_the_configured_size() -> None:
    assert index_kind(100, IndexConfig(hnsw_above=50)) == "hnsw" and index_kind(50, IndexConfig(hnsw_above=50)) == "flat"


def known_passages(con: duckdb.DuckDBPyConnection, n: int) -> list[tuple[str, set[str]]]:
    """Sentences of at least 12 words from pages spread over every document, with the chunks that contain them."""
    chunks = con.execute("SELECT chunk_id, text FROM corpus.pdf_chunks").fetchall()
    pages = con.execute("SELECT sha256, page, text FROM corpus.pdf_pages WHERE has_text ORDER BY sha256, page").fetchall()
    passages = []
    for sha, page, text in pages[:: max(1, len(pages) // n)]:
        sentences = [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", text) if 12 <= len(s.split()) <= 40]
        if not sentences:
            continue
        sentence = max(sentences, key=len)
        holders = {cid for cid, ctext in chunks if sentence in " ".join(ctext.split())}
        if holders:
            query_text = " ".join(sentence.split()[2:])  # the passage without its first words, as a user would half-remember it
            passages.append((query_text, holders))
    return passages


def test_retrieval_finds_known_passages_of_the_real_pdfs(realdata: Path, tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "real.duckdb", pdf_dir=tmp_path / "pdfs")
    settings.pdf_dir.mkdir()
    for pdf in (realdata / "guideline_pdfs").rglob("*.pdf"):
        shutil.copy(pdf, settings.pdf_dir / pdf.name)
    result = materialize(settings, CORPUS)
    assert check_results(result)["faiss_index_matches_chunks"][0]
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        passages = known_passages(con, 40)
        hits = retrieve_many(con, load_index(faiss_path(settings)), load_model(""), [q for q, _ in passages], k=5)
    assert len(passages) >= 20
    found = sum(bool({h.chunk_id for h in top} & holders) for top, (_, holders) in zip(hits, passages))
    assert found / len(passages) >= 0.9, f"{found}/{len(passages)} passages in the top 5"


def test_the_embedding_cache_keeps_every_batch_stored_before_a_crash(tmp_path: Path) -> None:
    """Batches are written by a writer thread while the next is encoded: an encoder that fails on the third batch leaves the
    first two stored, and the rerun embeds only the rest, with the same vectors read back."""
    import numpy as np
    import polars as pl

    from medpipe.corpus.embedding_cache import embed_missing, text_hash, vectors_of

    texts = {text_hash(f"text {i}"): f"text {i}" for i in range(10)}

    def vector(text: str) -> np.ndarray:
        return np.array([float(text.split()[1]), 1.0, -0.5], dtype=np.float32)

    calls: list[int] = []

    def failing(batch: list[str]) -> np.ndarray:
        calls.append(len(batch))
        if len(calls) == 3:
            raise RuntimeError("killed")
        return np.stack([vector(t) for t in batch])

    con = duckdb.connect(str(tmp_path / "cache.duckdb"))
    with pytest.raises(RuntimeError, match="killed"):
        embed_missing(con, "m", texts, failing, batch_size=3)
    assert con.execute("SELECT count(*) FROM embedding_vectors").fetchone()[0] == 6
    stats = embed_missing(con, "m", texts, lambda batch: np.stack([vector(t) for t in batch]), batch_size=3)
    assert (stats.embedded, stats.reused) == (4, 6)
    con.register("wanted", pl.DataFrame({"text_sha256": list(texts)}).with_row_index("position").to_arrow())
    got = vectors_of(con.execute("SELECT e.vector FROM wanted w JOIN embedding_vectors e USING (text_sha256) ORDER BY w.position").pl())
    assert np.array_equal(got, np.stack([vector(t) for t in texts.values()]))


def test_cached_vectors_encode_only_what_the_cache_lacks_and_read_back_only_what_it_had(tmp_path: Path) -> None:
    """Cold: every text encoded, nothing read back; warm: nothing encoded; mixed: each text's vector in the texts' order,
    repeated texts included, equal to the encoder's."""
    import numpy as np

    from medpipe.corpus.embedding_cache import cached_vectors

    encoded: list[str] = []

    def encode(batch: list[str]) -> np.ndarray:
        encoded.extend(batch)
        return np.stack([np.array([len(t), t.count("a"), 1.0], dtype=np.float32) for t in batch])

    con = duckdb.connect(str(tmp_path / "cache.duckdb"))
    first = ["a", "bb", "a", "ccc"]
    vectors, stats = cached_vectors(con, "m", first, encode, batch_size=2)
    assert (stats.embedded, stats.reused, sorted(encoded)) == (3, 0, ["a", "bb", "ccc"])
    assert np.array_equal(vectors, encode(first))
    encoded.clear()
    again = ["ccc", "dddd", "a", "aaaa"]
    vectors, stats = cached_vectors(con, "m", again, encode, batch_size=2)
    assert (stats.embedded, stats.reused, sorted(encoded)) == (2, 2, ["aaaa", "dddd"])
    encoded.clear()
    assert np.array_equal(vectors, encode(again))
    encoded.clear()
    vectors, stats = cached_vectors(con, "m", [], encode)
    assert (vectors.shape[0], stats.embedded, encoded) == (0, 0, [])
