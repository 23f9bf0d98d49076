"""Top-k chunks for a query: the query's own embedding searched in the FAISS index, and the similarity below which a
chunk is not about the query."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence

import duckdb
import faiss

from medpipe.corpus.embeddings import encode


# Cosine similarity (MiniLM) below which a chunk is not shown as relevant: measured on the bundled guidelines with on-topic
# first-aid questions against off-topic ones (benchmarks/results/relevance.md).
RELEVANCE_THRESHOLD = 0.3
PREVIEW_CHARS = 600


@dataclass(frozen=True)
class Hit:
    """A retrieved guideline chunk; `number` is its place in an answer's citations (0 until numbered)."""

    chunk_id: str
    score: float
    title: str
    first_page: int
    last_page: int
    text: str
    number: int = 0

    @property
    def pages(self) -> str:
        return f"p. {self.first_page}" if self.first_page == self.last_page else f"pp. {self.first_page}-{self.last_page}"

    @property
    def citation(self) -> str:
        return f"[{self.number}] {self.title or 'untitled guideline'}, {self.pages}"

    def preview(self, chars: int = PREVIEW_CHARS) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "chunk_id": self.chunk_id, "title": self.title, "first_page": self.first_page,
                "last_page": self.last_page, "text": self.text, "score": self.score}


def numbered(hits: Sequence[Hit]) -> list[Hit]:
    """The hits numbered 1, 2, ... as an answer cites them."""
    return [replace(h, number=n) for n, h in enumerate(hits, start=1)]


def relevant(hits: Sequence[Hit], threshold: float = RELEVANCE_THRESHOLD) -> list[Hit]:
    return [h for h in hits if h.score >= threshold]


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
        [Hit(by_position[int(i)][0], float(s), by_position[int(i)][1], int(by_position[int(i)][2]), int(by_position[int(i)][3]),
             by_position[int(i)][4]) for s, i in zip(score_row, id_row) if int(i) in by_position]
        for score_row, id_row in zip(scores, ids)
    ]


def retrieve(con: duckdb.DuckDBPyConnection, index: faiss.Index, model: object, query: str, k: int = 5) -> list[Hit]:
    return retrieve_many(con, index, model, [query], k)[0]


