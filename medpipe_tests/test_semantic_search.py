"""semantic.similar_pairs (SimHash LSH verified by dot products) against brute force on small synthetic vectors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from medpipe.curation import semantic


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def brute_force(x: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    gram = x @ x.T
    i, j = np.nonzero(np.triu(gram >= threshold, 1))
    return list(zip(i.tolist(), j.tolist()))


def planted(n: int = 3000, dim: int = 64, seed: int = 0) -> np.ndarray:
    """Random unit vectors (pairwise cosines near 0) and, every 10th row, a group of 1-4 noisy copies of it: with the
    default arguments the cosines within a group are 0.908-1 and between other rows below 0.6."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dim))
    for lo in range(0, n - 5, 10):
        size = 1 + lo // 10 % 4
        x[lo + 1 : lo + 1 + size] = x[lo] + rng.uniform(0.1, 0.25) * rng.standard_normal((size, dim))
    return unit(x)


def test_recall_bands_meet_the_miss_rate_with_the_most_rows() -> None:
    assert semantic.recall_bands(0.875) == (96, 16)
    for threshold in (0.8, 0.875, 0.9, 0.95, 0.99):
        bands, rows = semantic.recall_bands(threshold, bits=1024, miss=0.01)
        p = 1 - math.acos(threshold) / math.pi
        assert bands * rows <= 1024
        assert 1 - (1 - p**rows) ** bands >= 0.99
        assert 1 - (1 - p ** (rows + 1)) ** (1024 // (rows + 1)) < 0.99  # one more row per band would miss too often
    assert semantic.recall_bands(0.95)[1] > semantic.recall_bands(0.875)[1]


def test_planted_pairs_match_brute_force_with_exact_cosines() -> None:
    x = planted()
    pairs = semantic.similar_pairs(x, 0.9)
    expected = brute_force(x, 0.9)
    assert len(expected) > 500
    assert [(i, j) for i, j, _ in pairs] == expected  # sorted, i < j, none missed, none extra
    cos = np.array([c for _, _, c in pairs])
    dots = np.einsum("ij,ij->i", x[[i for i, _, _ in pairs]], x[[j for _, j, _ in pairs]])
    np.testing.assert_allclose(cos, dots, atol=1e-6)
    assert cos.min() >= 0.9


def test_deterministic() -> None:
    x = planted(1000, seed=1)
    assert semantic.similar_pairs(x, 0.9) == semantic.similar_pairs(x.copy(), 0.9)


def test_no_pairs_from_fewer_than_two_vectors() -> None:
    assert semantic.similar_pairs(np.zeros((0, 8), dtype=np.float32), 0.9) == []
    assert semantic.similar_pairs(unit(np.ones((1, 8))), 0.9) == []


def test_zero_vectors_never_pair_and_rows_keep_their_numbers() -> None:
    x = np.zeros((6, 16), dtype=np.float32)
    x[[1, 4]] = unit(np.arange(16, dtype=np.float64)[None, :] + 1)
    pairs = semantic.similar_pairs(x, 0.5)
    assert [(i, j) for i, j, _ in pairs] == [(1, 4)] and pairs[0][2] == pytest.approx(1.0, abs=1e-6)
    assert semantic.similar_pairs(np.zeros((5, 16), dtype=np.float32), 0.5) == []


def test_identical_vectors_form_one_huge_bucket() -> None:
    rng = np.random.default_rng(2)
    x = np.concatenate([np.repeat(unit(rng.standard_normal((1, 32))), 300, axis=0), unit(rng.standard_normal((50, 32)))])
    pairs = semantic.similar_pairs(x, 0.9)
    assert [(i, j) for i, j, _ in pairs] == brute_force(x, 0.9)
    assert len(pairs) >= 300 * 299 // 2


def test_large_buckets_in_row_blocks_match_brute_force(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "_BUCKET_CAP", 3)  # most buckets take the blocked path ...
    monkeypatch.setattr(semantic, "_GRAM_ENTRIES", 100)  # ... a few rows at a time
    x = planted(800, seed=3)
    x[400:460] = x[400]  # and one big bucket
    assert [(i, j) for i, j, _ in semantic.similar_pairs(x, 0.9)] == brute_force(x, 0.9)


def test_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError):
        semantic.similar_pairs(unit(np.ones((3, 4))), 0.0)
