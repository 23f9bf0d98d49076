"""Semantic duplicates: inputs whose embeddings have cosine similarity above a threshold (exact FAISS search)."""

from __future__ import annotations

import faiss
import numpy as np



def similar_pairs(vectors: np.ndarray, threshold: float, neighbours: int = 10) -> list[tuple[int, int, float]]:
    """Pairs (i, j, cosine) with cosine >= threshold among each vector's nearest neighbours (unit vectors)."""
    if len(vectors) < 2:
        return []
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    scores, ids = index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(neighbours + 1, len(vectors)))
    pairs = {}
    for i, (row_scores, row_ids) in enumerate(zip(scores, ids)):
        for score, j in zip(row_scores.tolist(), row_ids.tolist()):
            if j >= 0 and j != i and score >= threshold:
                pairs[(min(i, j), max(i, j))] = score
    return [(i, j, s) for (i, j), s in pairs.items()]
