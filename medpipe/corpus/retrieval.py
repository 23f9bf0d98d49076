"""Top-k chunks for a query: the query's own embedding searched in the FAISS index."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import faiss

from medpipe.corpus.embeddings import encode


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    score: float
    title: str
    first_page: int
    last_page: int
    text: str


def retrieve_many(con: duckdb.DuckDBPyConnection, index: faiss.Index, model: object, queries: list[str], k: int) -> list[list[Hit]]:
    if not queries or index.ntotal == 0:
        return [[] for _ in queries]
    scores, ids = index.search(encode(model, queries), min(k, index.ntotal))  # type: ignore[arg-type]
    wanted = sorted({int(i) for i in ids.ravel() if i >= 0})
    rows = con.execute(
        """
        SELECT f.position, c.chunk_id, coalesce(d.title, ''), c.first_page, c.last_page, c.text
        FROM corpus.faiss_ids AS f
        JOIN corpus.pdf_chunks AS c USING (chunk_id)
        LEFT JOIN corpus.pdf_documents AS d ON d.sha256 = c.document_sha256
        WHERE f.position IN (SELECT unnest($positions::BIGINT[]))
        """,
        {"positions": wanted},
    ).fetchall()
    by_position = {int(r[0]): r[1:] for r in rows}
    return [
        [Hit(by_position[int(i)][0], float(s), *by_position[int(i)][1:]) for s, i in zip(score_row, id_row) if int(i) in by_position]
        for score_row, id_row in zip(scores, ids)
    ]


def retrieve(con: duckdb.DuckDBPyConnection, index: faiss.Index, model: object, query: str, k: int = 5) -> list[Hit]:
    return retrieve_many(con, index, model, [query], k)[0]


