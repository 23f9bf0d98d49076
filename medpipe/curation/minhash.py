"""MinHash LSH near-duplicate clustering over word shingles, vectorised with polars and numpy."""

from __future__ import annotations

import math

import numpy as np
import polars as pl


_GRAM_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(texts: list[str], ngram: int) -> tuple[np.ndarray, np.ndarray]:
    """(doc, 32-bit hash) of every word n-gram of every text (lower-cased words of letters and digits).
    A text shorter than n words contributes its words as shingles."""
    words = (
        pl.DataFrame({"text": texts})
        .with_row_index("doc")
        .select("doc", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("word"))
        .explode("word")
        .drop_nulls("word")
        .select("doc", pl.col("word").hash(seed=20240611).alias("hash"))
    )
    docs, word_hashes = words["doc"].to_numpy(), words["hash"].to_numpy()
    n = len(word_hashes) - ngram + 1
    if n <= 0:
        return docs, (word_hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    gram = word_hashes[:n].copy()
    for k in range(1, ngram):
        gram = gram * _GRAM_MULTIPLIER + word_hashes[k : k + n]
    whole = docs[:n] == docs[ngram - 1 :]
    gram_docs, gram_hashes = docs[:n][whole], gram[whole]
    short = np.isin(docs, np.unique(gram_docs), invert=True)
    all_docs = np.concatenate([gram_docs, docs[short]])
    all_hashes = np.concatenate([gram_hashes, word_hashes[short]])
    return all_docs, ((all_hashes >> np.uint64(32)) ^ (all_hashes & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def signatures(texts: list[str], num_perm: int = 128, ngram: int = 5, seed: int = 1, block: int = 262_144) -> np.ndarray:
    """(n, num_perm) MinHash signatures; permutation i is x -> a_i * x + b_i (mod 2^32, a_i odd), mixed by an xorshift."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**32, num_perm, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 2**32, num_perm, dtype=np.uint64).astype(np.uint32)
    docs, values = shingle_hashes(texts, ngram)
    order = np.argsort(docs, kind="stable")
    docs, values = docs[order], values[order]
    out = np.full((len(texts), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(values), block):
        hashed = values[start : start + block, None] * a[None, :] + b[None, :]
        hashed ^= hashed >> np.uint32(16)
        doc_block = docs[start : start + block]
        boundaries = np.flatnonzero(np.r_[True, doc_block[1:] != doc_block[:-1]])
        rows = doc_block[boundaries]
        out[rows] = np.minimum(out[rows], np.minimum.reduceat(hashed, boundaries, axis=0))
    return out


def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around the threshold (as datasketch does)."""

    def area(f, lo: float, hi: float) -> float:
        steps = 200
        width = (hi - lo) / steps
        return sum(f(lo + (i + 0.5) * width) for i in range(steps)) * width

    best, best_error = (1, num_perm), math.inf
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        if rows == 0:
            continue
        fp = area(lambda s: 1 - (1 - s**rows) ** bands, 0.0, threshold)
        fn = area(lambda s: 1 - (1 - (1 - s**rows) ** bands), threshold, 1.0)
        if fp + fn < best_error:
            best, best_error = (bands, rows), fp + fn
    return best


def near_duplicate_pairs(sigs: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, estimated Jaccard) that share an LSH bucket and whose signatures agree on at least
    `threshold` of their positions; each bucket member is compared with the bucket's first member."""
    bands, rows = optimal_bands(threshold, sigs.shape[1])
    pairs: dict[tuple[int, int], float] = {}
    for band in range(bands):
        chunk = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
        bucket = pl.DataFrame({f"h{i}": chunk[:, i] for i in range(rows)}).select(pl.struct(pl.all()).hash(seed=band).alias("key")).with_row_index("doc")
        groups = bucket.group_by("key").agg(pl.col("doc").sort()).filter(pl.col("doc").list.len() > 1)["doc"].to_list()
        for members in groups:
            head = members[0]  # the bucket's smallest row: the same pairs whatever order the groups come in
            others = np.asarray(members[1:])
            agree = (sigs[others] == sigs[head]).mean(axis=1)
            for other, score in zip(others.tolist(), agree.tolist()):
                if score >= threshold:
                    pairs[(min(head, other), max(head, other))] = score
    return [(i, j, s) for (i, j), s in pairs.items()]
