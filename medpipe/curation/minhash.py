"""Near-duplicate detection over word n-gram shingles: MinHash LSH candidates verified by exact Jaccard, vectorised with numpy.

A text's words are the maximal runs of `\\w` characters (Python's `re` definition) of its lower-cased text; its shingles
are its word n-grams, or its words when it has fewer than n. `near_duplicates` finds the pairs of texts whose shingle
sets have a Jaccard similarity of at least the threshold: LSH bands over MinHash signatures propose candidate pairs and
each candidate is then checked against its exact Jaccard similarity, so a merged pair is always above the threshold and
the bands can be chosen for recall.

Signatures are one-permutation MinHash (a shingle is hashed into one of `num_perm` bins; a bin keeps its smallest
value), repeated over three prioritised rounds: a bin still empty after round r takes the smallest value of round
r + 1, and a bin empty after every round copies, by optimal densification (Shrivastava 2017), the first non-empty bin
in a fixed random order of the bins that depends only on the bin. Two texts agree on a bin with probability equal to
the Jaccard similarity of their shingle sets, as with `num_perm` independent permutations, at a cost of three
hashes per shingle instead of `num_perm`.

Everything is deterministic: the same texts in the same order give the same signatures and pairs on every run. A
bucket's members are paired with the member whose signature hashes lowest, not the first row, so permuting the rows
gives the same clusters (the pairs differ at most in which of several identical rows a row is paired with).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

import dagster as dg
import numpy as np
import polars as pl

from medpipe.warehouse.machine import worker_count

_U64 = np.uint64
_ALL = _U64(0xFFFFFFFFFFFFFFFF)
_EMPTY = np.uint32(0xFFFFFFFF)  # an empty bin (bin values are below 3 << 30)
_WORD_SEED = _U64(0x5DEECE66D2024061)
_WORD_MULTIPLIER = _U64(0xFF51AFD7ED558CCD)
_GRAM_MULTIPLIER = _U64(0x9E3779B97F4A7C15)
_ROUND_MULTIPLIERS = (_U64(0xD6E8FEB86659FD93), _U64(0xA0761D6478BD642F), _U64(0xE7037ED1A0B428DB))
# 3 rounds: one round leaves 53% of the bins of the benchmark corpus empty (median 80 words a row), and densifying them
# costs more than two more hashes per shingle; 3 was the fastest of 1-4 there, with the least noisy estimates of 1-3
_ROUNDS = len(_ROUND_MULTIPLIERS)
_TEXT_BATCH = 16384  # texts lower-cased and copied into one buffer at a time
_TEXT_GRAIN = 1 << 20  # bytes of text per unit of work: bounds the temporary arrays, and is what the threads share
_SHINGLE_GRAIN = 1 << 18  # shingles per unit of signature work
_PAIR_GRAIN = 1 << 20  # shingles per unit of pair verification
_HASH_BITS = 42  # shingle hash bits compared by the exact Jaccard (a false match in a pair of 200 shingles: ~5e-9)

_T = TypeVar("_T")
_R = TypeVar("_R")


def _map(fn: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    """fn over items, in order; on threads when there are several (numpy releases the GIL in its loops)."""
    workers = min(worker_count(), len(items))
    if workers <= 1:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated arange(start, start + length) for each (start, length)."""
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    return np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place."""
    x ^= x >> _U64(30)
    x *= _U64(0xBF58476D1CE4E5B9)
    x ^= x >> _U64(27)
    x *= _U64(0x94D049BB133111EB)
    x ^= x >> _U64(31)
    return x


# ---------------------------------------------------------------------------------------------------------------- words


@lru_cache(maxsize=65536)
def _is_word_char(code_point: int) -> bool:
    return re.match(r"\w", chr(code_point)) is not None


def _utf8(texts: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """(byte offsets, bytes) of the lower-cased texts in one buffer; None counts as empty."""
    arrow = (pl.Series("text", texts, dtype=pl.String).fill_null("").str.to_lowercase()
             .to_arrow(compat_level=pl.CompatLevel.oldest()))  # large_string: int64 offsets and one data buffer
    _, offsets, data = arrow.buffers()
    offsets = np.frombuffer(offsets, dtype=np.int64)[arrow.offset : arrow.offset + len(arrow) + 1]
    return offsets, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def _word_mask(text: np.ndarray) -> np.ndarray:
    """Per byte of lower-cased UTF-8 text (no ASCII capitals): does it belong to a `\\w` character."""
    mask = (text - np.uint8(48)) < 10  # 0-9 (uint8 arithmetic wraps)
    mask |= (text - np.uint8(97)) < 26  # a-z
    mask |= text == 95  # _
    high = np.flatnonzero(text >= 0x80)
    if high.size:  # multi-byte characters: decode the code points and ask Python's `re` about each distinct one
        is_lead = text[high] >= 0xC0
        lead = high[is_lead]
        last = len(text) - 1
        b0 = text[lead].astype(np.uint32)
        b1, b2, b3 = (text[np.minimum(lead + k, last)].astype(np.uint32) & 0x3F for k in (1, 2, 3))
        code = np.where(b0 < 0xE0, ((b0 & 0x1F) << 6) | b1,
                        np.where(b0 < 0xF0, ((b0 & 0x0F) << 12) | (b1 << 6) | b2, ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3))
        distinct, which = np.unique(code, return_inverse=True)
        word = np.array([_is_word_char(int(c)) for c in distinct], dtype=bool)[which]
        mask[high] = word[np.cumsum(is_lead) - 1]  # a continuation byte belongs to the lead byte before it
    return mask


def _words(offsets: np.ndarray, data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(words per text, 64-bit hash of each word in order) of the texts whose bytes are data[offsets[0]:offsets[-1]]."""
    bounds = offsets - offsets[0]
    n = len(bounds) - 1
    # the texts with a space between two texts (no word runs across them), then 8 bytes of padding
    text = np.insert(data[offsets[0] : offsets[-1]], bounds[1:-1], np.uint8(32))
    size = len(text)
    text = np.concatenate([text, np.zeros(8, dtype=np.uint8)])
    mask = np.zeros(size + 2, dtype=bool)
    mask[1:-1] = _word_mask(text[:size])
    edges = np.flatnonzero(mask[1:] != mask[:-1])  # alternately a word's first byte and the byte after its last
    starts, ends = edges[0::2], edges[1::2]
    lengths = ends - starts
    counts = np.diff(np.searchsorted(starts, bounds + np.minimum(np.arange(n + 1), max(n - 1, 0))))
    # hash 8 bytes at a time, read through a byte-strided little-endian uint64 view, zeroing the bytes past the word
    view = np.ndarray(shape=(size + 1,), dtype="<u8", buffer=text, strides=(1,))
    h = view[starts]
    h &= _ALL >> (_U64(64) - (np.minimum(lengths, 8).astype(np.uint64) << _U64(3)))
    h ^= _WORD_SEED
    h *= _WORD_MULTIPLIER
    h ^= h >> _U64(32)
    todo, step = np.flatnonzero(lengths > 8), 8
    while todo.size:
        left = lengths[todo] - step
        v = view[starts[todo] + step]
        v &= _ALL >> (_U64(64) - (np.minimum(left, 8).astype(np.uint64) << _U64(3)))
        v ^= h[todo]
        v *= _WORD_MULTIPLIER
        v ^= v >> _U64(32)
        h[todo] = v
        todo, step = todo[left > 8], step + 8
    h ^= lengths.astype(np.uint64)
    h *= _U64(0xC4CEB9FE1A85EC53)
    h ^= h >> _U64(29)
    return counts, h


def _shingle_block(offsets: np.ndarray, data: np.ndarray, ngram: int) -> tuple[np.ndarray, np.ndarray]:
    """(shingles per text, 64-bit hash of each shingle, grouped by text in order); a repeated shingle repeats."""
    counts, words = _words(offsets, data)
    m = len(words)
    gram = words.copy()
    for k in range(1, min(ngram, m)):
        gram[: m - k] *= _GRAM_MULTIPLIER
        gram[: m - k] += words[k:]
    end = np.cumsum(counts)
    whole = counts >= ngram
    keep = np.ones(m, dtype=bool)
    keep[(end[whole, None] - np.arange(1, ngram)[None, :]).ravel()] = False  # the last ngram - 1 words start no n-gram
    short = np.flatnonzero(~whole & (counts > 0))
    if short.size:  # a text with fewer words than ngram has its words as shingles
        at = _ranges(end[short] - counts[short], counts[short])
        gram[at] = words[at]
    return np.where(whole, counts - ngram + 1, counts), gram[keep]


def _text_spans(offsets: np.ndarray, grain: int | None = None) -> list[tuple[int, int]]:
    n, grain = len(offsets) - 1, grain or _TEXT_GRAIN
    cuts = np.unique(np.concatenate([[0, n], np.searchsorted(offsets, np.arange(grain, int(offsets[-1]), grain))]))
    return [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:])]


def _row_spans(start: np.ndarray, grain: int) -> list[tuple[int, int]]:
    """Consecutive row ranges of about `grain` shingles (row k has start[k + 1] - start[k])."""
    n = len(start) - 1
    cuts = np.unique(np.concatenate([[0, n], np.searchsorted(start, np.arange(grain, int(start[-1]), grain))]))
    return [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:])]


class Shingles:
    """The shingles of a list of texts: text k has `counts[k]` shingles, `hashes[start[k]:start[k + 1]]` (64-bit, in the
    text's order; a shingle repeated in a text repeats)."""

    def __init__(self, texts: Sequence[str | None], ngram: int = 5) -> None:
        if ngram < 1:
            raise ValueError(f"ngram must be at least 1, not {ngram}")
        self.n = len(texts)
        blocks = []
        for lo in range(0, self.n, _TEXT_BATCH):  # lower-case and copy a batch of texts at a time
            offsets, data = _utf8(texts[lo : lo + _TEXT_BATCH])
            blocks += _map(lambda span: _shingle_block(offsets[span[0] : span[1] + 1], data, ngram), _text_spans(offsets))
        self.counts = np.concatenate([c for c, _ in blocks]) if blocks else np.zeros(0, dtype=np.int64)
        self.hashes = np.concatenate([h for _, h in blocks]) if blocks else np.zeros(0, dtype=np.uint64)
        self.start = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(self.counts, out=self.start[1:])

    def signatures(self, num_perm: int = 128, seed: int = 1) -> np.ndarray:
        """(n, num_perm) uint32 MinHash signatures (see the module's docstring)."""
        if num_perm < 1:
            raise ValueError(f"num_perm must be at least 1, not {num_perm}")
        spans = _row_spans(self.start, _SHINGLE_GRAIN)
        blocks = _map(lambda span: _signature_block(self.counts[span[0] : span[1]], self.hashes[self.start[span[0]] : self.start[span[1]]],
                                                    num_perm, seed), spans)
        return np.concatenate(blocks) if blocks else np.zeros((0, num_perm), dtype=np.uint32)

    def jaccard(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Exact Jaccard similarity of the shingle sets of rows i[p] and j[p] (over 42-bit shingle hashes; 0 when
        neither row has a shingle)."""
        return _jaccard(self.start, self.hashes, np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64))


# ----------------------------------------------------------------------------------------------------------- signatures


def _seed_key(seed: int, round_: int = 0) -> np.uint64:
    key = np.array([(seed * 0x9E3779B97F4A7C15 + round_ * 0x632BE59BD9B4E019 + 1) % (1 << 64)], dtype=np.uint64)
    return _mix64(key)[0]


@lru_cache(maxsize=16)
def _probe_order(num_perm: int, seed: int) -> np.ndarray:
    """(num_perm, num_perm): entry [t, j] is the t-th bin an empty bin j tries to copy."""
    order = np.argsort(np.random.default_rng([seed, num_perm]).random((num_perm, num_perm)), axis=1, kind="stable")
    return np.ascontiguousarray(order.T).astype(np.intp)


def _densify(sigs: np.ndarray, seed: int) -> None:
    """Optimal densification, in place: each empty bin of a row with some non-empty bin copies the first non-empty bin
    (as it was before densifying) in the bin's own fixed order of the bins."""
    n, k = sigs.shape
    flat = sigs.reshape(-1)
    source = flat.copy()
    empty = source == _EMPTY
    pos = np.flatnonzero(empty & np.repeat(~empty.reshape(n, k).all(axis=1), k))
    order = _probe_order(k, seed)
    j = pos % k
    row = pos - j
    for t in range(k):
        if not pos.size:
            break
        value = source[row + order[t][j]]
        found = value != _EMPTY
        flat[pos[found]] = value[found]
        missing = ~found
        pos, j, row = pos[missing], j[missing], row[missing]


def _signature_block(counts: np.ndarray, hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    n = len(counts)
    x = _mix64(hashes ^ _seed_key(seed))
    first_slot = np.repeat(np.arange(0, n * num_perm, num_perm, dtype=np.intp), counts)
    out = np.full(n * num_perm, _EMPTY, dtype=np.uint32)
    for round_, multiplier in enumerate(_ROUND_MULTIPLIERS):
        # multiply-shift: the top bits pick the bin, bits 4..33 are the value, under 2 bits of round number, so that
        # a bin keeps the smallest value of the first round that put anything in it
        y = x * multiplier
        if num_perm & (num_perm - 1) == 0:
            slot = (y >> _U64(64 - num_perm.bit_length() + 1)).astype(np.intp) if num_perm > 1 else np.zeros(len(y), dtype=np.intp)
        else:
            slot = (((y >> _U64(32)) * _U64(num_perm)) >> _U64(32)).astype(np.intp)
        slot += first_slot
        y >>= _U64(2)
        values = y.astype(np.uint32)
        values >>= np.uint32(2)
        values |= np.uint32(round_ << 30)
        np.minimum.at(out, slot, values)
        if round_ + 1 < _ROUNDS and not (out == _EMPTY).any():
            break
    out = out.reshape(n, num_perm)
    _densify(out, seed)
    return out


def shingle_hashes(texts: Sequence[str | None], ngram: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, 64-bit hash) of every shingle of every text, grouped by row in order (a shingle repeated in a text repeats)."""
    shingles = Shingles(texts, ngram)
    return np.repeat(np.arange(shingles.n, dtype=np.int64), shingles.counts), shingles.hashes


def signatures(texts: Sequence[str | None], num_perm: int = 128, ngram: int = 5, seed: int = 1) -> np.ndarray:
    """(len(texts), num_perm) uint32 MinHash signatures: the share of positions on which two rows agree estimates the
    Jaccard similarity of their shingle sets. A text without words gets an all-empty row (0xFFFFFFFF), which LSH skips."""
    return Shingles(texts, ngram).signatures(num_perm, seed)


# ------------------------------------------------------------------------------------------------------------------ LSH


def recall_bands(threshold: float, num_perm: int, miss: float = 0.01) -> tuple[int, int]:
    """(bands, rows) with the most rows per band (the fewest candidates) that still make a pair exactly at the
    threshold a candidate with probability at least 1 - miss; for 0.8 and 128: (21, 6), 0.998."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= 1 - miss:
            return bands, rows
    return num_perm, 1


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    x = np.sort(x)
    keep = np.ones(len(x), dtype=bool)
    keep[1:] = x[1:] != x[:-1]
    return x[keep]


def _band_keys(sigs: np.ndarray, bands: int, rows: int, grain: int = 16384) -> tuple[np.ndarray, np.ndarray]:
    """(bands, n) 64-bit bucket keys, and a 64-bit hash of each whole row: mixed random linear forms of the positions."""
    n, num_perm = sigs.shape
    rng = np.random.default_rng([num_perm, bands, rows])
    weight = rng.integers(0, 1 << 63, num_perm, dtype=np.uint64) * _U64(2) + _U64(1)
    salt = rng.integers(0, 1 << 63, bands, dtype=np.uint64)
    keys = np.empty((bands, n), dtype=np.uint64)
    whole = np.empty(n, dtype=np.uint64)
    for lo in range(0, n, grain):
        wide = sigs[lo : lo + grain].astype(np.uint64)
        wide *= weight
        whole[lo : lo + grain] = wide.sum(axis=1)
        part = wide[:, : bands * rows].reshape(-1, bands, rows).sum(axis=2)
        part += salt
        keys[:, lo : lo + grain] = _mix64(part).T
    return keys, _mix64(whole)


def candidate_pairs(sigs: np.ndarray, bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j, sorted) that share a bucket in some band; each bucket's members are paired with the member whose
    signature hashes lowest (then the lowest row), so that the pairs do not depend on the order of the rows."""
    n, num_perm = sigs.shape
    if bands * rows > num_perm:
        raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} signature positions, not {num_perm}")
    none = np.zeros(0, dtype=np.int64)
    live = np.flatnonzero((sigs != _EMPTY).any(axis=1))
    if live.size < 2:
        return none, none
    keys, whole = _band_keys(sigs if live.size == n else sigs[live], bands, rows)
    by_rank = np.lexsort((np.arange(live.size), whole))  # a bucket's head is its member of lowest rank
    rank = np.empty(live.size, dtype=np.uint64)
    rank[by_rank] = np.arange(live.size, dtype=np.uint64)
    bits = max(1, int(live.size - 1).bit_length())
    low = _U64((1 << bits) - 1)
    heads, members = [], []
    for key in keys:
        key &= ~low
        key |= rank
        key.sort()  # by (bucket, rank)
        start = np.ones(live.size, dtype=bool)
        start[1:] = (key[1:] ^ key[:-1]) > low  # another bucket
        member = np.flatnonzero(~start)
        if member.size:
            head = np.maximum.accumulate(np.where(start, np.arange(live.size), 0))[member]
            heads.append((key[head] & low).astype(np.int64))
            members.append((key[member] & low).astype(np.int64))
    if not heads:
        return none, none
    a, b = live[by_rank[np.concatenate(heads)]], live[by_rank[np.concatenate(members)]]
    pair = _sorted_unique(np.minimum(a, b) * n + np.maximum(a, b))
    return pair // n, pair % n


def _above(i: np.ndarray, j: np.ndarray, score: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    keep = score >= threshold
    return list(zip(i[keep].tolist(), j[keep].tolist(), score[keep].tolist()))


# -------------------------------------------------------------------------------------------------------- exact Jaccard


def _jaccard_block(start: np.ndarray, hashes: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Jaccard of the shingle sets of rows i[p] and j[p]: sort the keys (pair, shingle hash, side); in that order a key
    that differs from the one before only by its side is a shingle of the intersection, and one equal to it a repeat."""
    m = len(i)
    li, lj = start[i + 1] - start[i], start[j + 1] - start[j]
    key = np.empty(int(li.sum() + lj.sum()), dtype=np.uint64)
    for side, (rows, lengths, at) in enumerate(((i, li, slice(0, int(li.sum()))), (j, lj, slice(int(li.sum()), None)))):
        h = hashes[_ranges(start[rows], lengths)]
        h ^= h >> _U64(64 - _HASH_BITS)
        h &= _U64((1 << _HASH_BITS) - 1)
        h <<= _U64(1)
        h |= np.repeat((np.arange(m, dtype=np.uint64) << _U64(_HASH_BITS + 1)) | _U64(side), lengths)
        key[at] = h
    key.sort()
    step = key[1:] ^ key[:-1]
    again = np.flatnonzero(step <= 1) + 1  # same pair and shingle as the key before
    owner = (key[again] >> _U64(_HASH_BITS + 1)).astype(np.intp)
    union = li + lj - np.bincount(owner, minlength=m)
    inter = np.bincount(owner[step[again - 1] == 1], minlength=m)
    return inter / np.maximum(union, 1)


def _jaccard(start: np.ndarray, hashes: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact Jaccard similarity (over 42-bit shingle hashes) of each pair of rows (0 when both have no shingles)."""
    size = np.cumsum((start[i + 1] - start[i]) + (start[j + 1] - start[j]))
    total = int(size[-1]) if len(size) else 0
    # spans of at most _PAIR_GRAIN shingles and 2^20 pairs: the pair's index fits in the 64 - 43 bits left of a key
    cuts = np.unique(np.concatenate([[0, len(i)], np.arange(1 << 20, len(i), 1 << 20),
                                     np.searchsorted(size, np.arange(_PAIR_GRAIN, total, _PAIR_GRAIN), side="right")]))
    spans = [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
    parts = _map(lambda span: _jaccard_block(start, hashes, i[span[0] : span[1]], j[span[0] : span[1]]), spans)
    return np.concatenate(parts) if parts else np.zeros(0)


class NearDuplicateConfig(dg.Config):
    threshold: float = 0.8  # exact Jaccard of the question (input and context) word shingles, on MinHash LSH candidates
    answer_threshold: float = 0.8  # and of the answer's: a pair below it is the same question with another answer
    num_perm: int = 128  # signature positions of the LSH that proposes the candidates
    ngram: int = 5
    # and rows whose question and answer together reach this Jaccard are duplicates too (one long answer under two short
    # paraphrased questions, wiki aliases with one lead paragraph); 1.0 turns it off
    qa_threshold: float = 0.8


def pair_jaccard(texts: Sequence[str | None], pairs: Sequence[tuple[int, int] | tuple[int, int, float]], ngram: int) -> np.ndarray:
    """Exact Jaccard similarity of the shingle sets of texts[i] and texts[j] for each (i, j, ...) of pairs
    (only the texts in some pair are shingled)."""
    if not len(pairs):
        return np.zeros(0)
    ends = np.array([(p[0], p[1]) for p in pairs], dtype=np.int64)
    rows, local = np.unique(ends, return_inverse=True)
    local = local.reshape(-1, 2)
    return Shingles([texts[r] for r in rows.tolist()], ngram).jaccard(local[:, 0], local[:, 1])


def near_duplicates(texts: Sequence[str | None], config: NearDuplicateConfig = NearDuplicateConfig(), seed: int = 1,
                    bands: tuple[int, int] | None = None) -> list[tuple[int, int, float]]:
    """Pairs (i < j, Jaccard), sorted, of texts whose shingle sets have a Jaccard similarity of at least `config.threshold`:
    the candidates of LSH over `config.num_perm`-position signatures (bands default to `recall_bands`), each verified by
    its exact Jaccard."""
    shingles = Shingles(texts, config.ngram)
    b, r = bands or recall_bands(config.threshold, config.num_perm)
    i, j = candidate_pairs(shingles.signatures(config.num_perm, seed), b, r)
    return _above(i, j, shingles.jaccard(i, j), config.threshold)
