"""Semantic duplicates: every pair of unit vectors whose cosine is at least a threshold, found by random-hyperplane LSH
(SimHash) and verified by exact dot products, vectorised with numpy.

A random Gaussian direction w splits the sphere in two; two vectors at angle a fall on the same side (sign of x . w)
with probability p = 1 - a / pi. `similar_pairs` draws `bands * rows` directions (fixed seed), packs each band's `rows`
sign bits into one key, and groups the rows by key, band by band. Two vectors at the threshold cosine share a band's key
with probability p^rows and some band's with probability 1 - (1 - p^rows)^bands; `recall_bands` picks, within a budget
of `bits` directions, the most rows per band (the smallest buckets) for which that is at least 1 - `miss`. A pair above
the threshold has a larger p and so is found with a higher probability.

Inside a bucket every pair is a candidate, and each bucket is verified whole by its Gram matrix (the members' vectors
times their transpose): buckets of the same size are stacked and multiplied together, a bucket above `_BUCKET_CAP`
members is multiplied in row blocks. Only the Gram entries at or above the threshold are kept, so every returned pair
carries its exact dot product (precision 1); a pair found in several bands is returned once. Rows of zeros (texts
without a known word piece) have cosine 0 with everything and never pair. Identical rows are searched once and their
pairs expanded afterwards: a group of identical rows (the same question or answer text) would otherwise be one bucket,
all of whose pairs are computed again, in every band.

The bands are shared by one thread per core, each with single-threaded BLAS (threaded BLAS on thousands of small
matrices spends its time waiting for its threads). Besides the input and the pairs found, memory holds the key matrix
(bands x n, 8 bytes each) and the Gram blocks of the bands in progress (`_GRAM_ENTRIES` floats each).

Everything is deterministic: the directions depend only on the dimension and the seed, and the same vectors give the
same pairs and cosines on every run. The recall is a probability over the random directions: with the fixed seed, a
given pair is either always found or always missed.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from threadpoolctl import threadpool_limits

from medpipe.warehouse.machine import worker_count

_BITS = 1536  # random directions drawn (bands * rows <= _BITS): at 0.875, 96 bands of 16 rows, recall 0.9975 at the threshold
_MISS = 0.005  # largest probability of missing a pair exactly at the threshold
_BUCKET_CAP = 64  # buckets up to this size are stacked by size; larger ones are multiplied in row blocks
_GRAM_ENTRIES = 1 << 22  # Gram entries (float32) computed at a time
_BLOCK_ROWS = 512  # a large bucket's Gram is computed in blocks of this many rows: its upper triangle, not the whole square
_SEED = 20261129


def recall_bands(threshold: float, bits: int = _BITS, miss: float = _MISS) -> tuple[int, int]:
    """(bands, rows) with the most rows per band (the fewest candidates) such that bands * rows <= bits and a pair of
    cosine `threshold` shares some band's key with probability at least 1 - miss; for 0.875 and 1536: (96, 16), 0.9975."""
    same_side = 1 - math.acos(min(max(threshold, -1.0), 1.0)) / math.pi
    for rows in range(min(bits, 64), 0, -1):
        bands = bits // rows
        if 1 - (1 - same_side**rows) ** bands >= 1 - miss:
            return bands, rows
    return bits, 1


def similar_pairs(vectors: np.ndarray, threshold: float, *, bits: int = _BITS, miss: float = _MISS,
                  seed: int = _SEED) -> list[tuple[int, int, float]]:
    """All pairs (i, j, cosine), i < j, of rows of `vectors` (unit or zero vectors) whose dot product is at least
    `threshold` (> 0), each found with probability >= 1 - miss (see the module's docstring); sorted by (i, j)."""
    i, j, cos = similar_pair_arrays(vectors, threshold, bits=bits, miss=miss, seed=seed)
    return list(zip(i.tolist(), j.tolist(), cos.tolist()))


def similar_pair_arrays(vectors: np.ndarray, threshold: float, *, bits: int = _BITS, miss: float = _MISS,
                        seed: int = _SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`similar_pairs` as three arrays i, j (int64) and cosine (float32): hundreds of thousands of pairs stay out of Python."""
    if threshold <= 0:
        raise ValueError(f"threshold must be above 0, not {threshold}")
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    live = np.flatnonzero(x.any(axis=1))
    if live.size < 2:
        none = np.zeros(0, dtype=np.int64)
        return none, none, np.zeros(0, dtype=np.float32)
    # identical vectors are searched once: a group of them would be one bucket in every band
    distinct, group = _unique_rows(x[live])
    a, b, cos = _distinct_pairs(distinct, threshold, bits, miss, seed)
    i, j, cos = _expand(group.ravel(), distinct, a, b, cos, threshold)
    return live[i], live[j], cos


def pair_cosines(vectors: np.ndarray, i: np.ndarray, j: np.ndarray, block: int = 1 << 16) -> np.ndarray:
    """The dot product of rows i[k] and j[k] of `vectors` for each k, in blocks of `block` pairs."""
    out = np.empty(len(i), dtype=np.float32)
    for lo in range(0, len(i), block):
        out[lo : lo + block] = np.einsum("ij,ij->i", vectors[i[lo : lo + block]], vectors[j[lo : lo + block]])
    return out


def _unique_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct rows, index of each row's distinct row), like np.unique(x, axis=0, return_inverse=True) but grouped by a
    64-bit hash of each row's bytes (10x faster), checked exactly; on a hash collision, np.unique itself."""
    words = np.ascontiguousarray(x).view(np.uint64)
    multipliers = np.random.default_rng(_SEED).integers(1, 2**63, size=words.shape[1], dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        fingerprint = (words * multipliers).sum(axis=1, dtype=np.uint64)
    _, first, group = np.unique(fingerprint, return_index=True, return_inverse=True)
    distinct = x[first]
    if not np.array_equal(distinct[group], x):
        distinct, group = np.unique(x, axis=0, return_inverse=True)
    return distinct, group.ravel()


def _distinct_pairs(x: np.ndarray, threshold: float, bits: int, miss: float, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, cosine) of the LSH search over rows that are all different, sorted by (i, j)."""
    bands, rows = recall_bands(threshold, bits, miss)
    found = _PairSet(len(x))
    workers = worker_count()
    with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
        keys = _band_keys(x, bands, rows, seed, pool)
        for lo in range(0, bands, workers):  # no more bands in flight than workers: each may hold millions of pairs
            for codes, cos in pool.map(lambda band: _band_pairs(x, band, threshold), keys[lo : lo + workers]):
                found.add(codes, cos)
    return found.result()


def _expand(group: np.ndarray, distinct: np.ndarray, a: np.ndarray, b: np.ndarray, cos: np.ndarray,
            threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row pairs (i < j, sorted) from pairs of distinct vectors: every row of a's group with every row of b's, and
    every two rows of one group when the vector's dot product with itself reaches the threshold."""
    n = len(group)
    order = np.argsort(group, kind="stable")
    count = np.bincount(group, minlength=len(distinct))
    start = np.cumsum(count) - count
    self_dot = np.einsum("ij,ij->i", distinct, distinct)
    same = np.flatnonzero((count >= 2) & (self_dot >= threshold))
    # a pair of groups (g, h) has count[g] * count[h] row pairs; a group with itself all its ordered pairs, kept when p < q
    g, h = np.concatenate([a, same]), np.concatenate([b, same])
    score = np.concatenate([cos, self_dot[same]])
    sizes = count[g] * count[h]
    which = np.repeat(np.arange(len(g)), sizes)
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    p, q = offset // count[h][which], offset % count[h][which]
    keep = (g[which] != h[which]) | (p < q)
    i, j = order[start[g][which] + p][keep], order[start[h][which] + q][keep]
    codes = np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j)
    by_code = np.argsort(codes, kind="stable")
    codes = codes[by_code]
    return codes // n, codes % n, score[which][keep][by_code]


def _band_keys(x: np.ndarray, bands: int, rows: int, seed: int, pool: ThreadPoolExecutor, grain: int = 4096) -> np.ndarray:
    """(bands, n) uint64: bit r of key [b, k] is whether row k lies on the positive side of direction b * rows + r."""
    n, dim = x.shape
    directions = np.random.default_rng([seed, dim]).standard_normal((dim, bands * rows)).astype(np.float32)
    keys = np.empty((bands, n), dtype=np.uint64)

    def block(lo: int) -> None:
        above = (x[lo : lo + grain] @ directions > 0).reshape(-1, bands, rows)
        key = np.zeros(above.shape[:2], dtype=np.uint64)
        for r in range(rows):
            key |= above[:, :, r].astype(np.uint64) << np.uint64(r)
        keys[:, lo : lo + grain] = key.T

    list(pool.map(block, range(0, n, grain)))
    return keys


def _band_pairs(x: np.ndarray, keys: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """(i * n + j, cosine) of the pairs at or above the threshold inside one band's buckets."""
    parts = list(_bucket_pairs(x, keys, threshold))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    i, j, cos = (np.concatenate(part) for part in zip(*parts))
    return i.astype(np.int64) * len(x) + j, cos


def _bucket_pairs(x: np.ndarray, keys: np.ndarray, threshold: float):
    """(i, j, cosine) arrays, i < j, of the pairs at or above the threshold inside one band's buckets."""
    order = np.argsort(keys, kind="stable")  # a bucket's members in increasing row order
    sorted_keys = keys[order]
    start = np.flatnonzero(np.concatenate([[True], sorted_keys[1:] != sorted_keys[:-1]]))
    size = np.diff(np.append(start, len(keys)))
    pairs = order[start[size == 2][:, None] + np.arange(2)]  # the most common bucket: one dot product, no Gram matrix
    if len(pairs):
        cos = np.einsum("ij,ij->i", x[pairs[:, 0]], x[pairs[:, 1]])
        hit = cos >= threshold
        yield pairs[hit, 0], pairs[hit, 1], cos[hit]
    for s in np.unique(size[(size >= 3) & (size <= _BUCKET_CAP)]).tolist():
        members = order[start[size == s][:, None] + np.arange(s)]
        upper = np.triu(np.ones((s, s), dtype=bool), 1)
        step = max(1, _GRAM_ENTRIES // (s * s))
        for lo in range(0, len(members), step):
            block = members[lo : lo + step]
            v = x[block]
            gram = v @ v.transpose(0, 2, 1)
            b, p, q = np.nonzero((gram >= threshold) & upper)
            yield block[b, p], block[b, q], gram[b, p, q]
    for first, s in zip(start[size > _BUCKET_CAP].tolist(), size[size > _BUCKET_CAP].tolist()):
        members = order[first : first + s]
        v = x[members]
        step = min(max(1, _GRAM_ENTRIES // s), _BLOCK_ROWS)
        for lo in range(0, s, step):
            gram = v[lo : lo + step] @ v[lo:].T
            p, q = np.nonzero(np.triu(gram >= threshold, 1))
            yield members[lo + p], members[lo + q], gram[p, q]


class _PairSet:
    """Pairs (i, j, cosine) of rows of n, deduplicated: the cosine kept is the first one added."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.codes: list[np.ndarray] = []
        self.cosines: list[np.ndarray] = []
        self.pending = 0
        self.kept = 0

    def add(self, codes: np.ndarray, cos: np.ndarray) -> None:
        """Pairs coded as i * n + j."""
        if not len(codes):
            return
        self.codes.append(codes)
        self.cosines.append(cos)
        self.pending += len(codes)
        if self.pending > max(1 << 22, self.kept):
            self._compact()

    def _compact(self) -> None:
        codes, cosines = np.concatenate(self.codes), np.concatenate(self.cosines)
        codes, first = np.unique(codes, return_index=True)
        self.codes, self.cosines = [codes], [cosines[first]]
        self.kept, self.pending = len(codes), 0

    def result(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.codes:
            none = np.zeros(0, dtype=np.int64)
            return none, none, np.zeros(0, dtype=np.float32)
        self._compact()
        codes, cosines = self.codes[0], self.cosines[0]
        return codes // self.n, codes % self.n, cosines
