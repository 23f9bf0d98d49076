"""Duplicate clusters: union-find over row positions, and the one rule that picks the row a cluster keeps."""

from __future__ import annotations

import numpy as np
import polars as pl


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return int(root)

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def labels(self) -> np.ndarray:
        return np.array([self.find(i) for i in range(len(self.parent))], dtype=np.int64)


def cluster_labels(n: int, pairs: list[tuple[int, int, float]]) -> np.ndarray:
    """Connected components of the pair graph, labelled by their smallest member."""
    union = UnionFind(n)
    for i, j, _ in pairs:
        union.union(i, j)
    return union.labels()


def keep_one_per_cluster(rows: pl.DataFrame, labels: pl.Series | np.ndarray, priority: dict[str, int]) -> pl.DataFrame:
    """The rows in their order, with `kept` (is this the row its cluster keeps) and the kept row's `kept_id`,
    `kept_source` and `kept_source_id`. A cluster keeps the row of the highest-priority source, then the most
    complete answer (longest output, then longest reasoning), then the smallest (id, source, source_id)."""
    helper = ["_cluster", "_priority", "_output_len", "_reasoning_len", "_position"]
    return (
        rows.with_columns(
            pl.Series("_cluster", labels),
            pl.col("source").replace_strict(priority, default=len(priority)).alias("_priority"),
            pl.col("output").str.len_chars().alias("_output_len"),
            pl.col("reasoning").fill_null("").str.len_chars().alias("_reasoning_len"),
            pl.int_range(pl.len()).alias("_position"),
        )
        .sort(["_cluster", "_priority", "_output_len", "_reasoning_len", "id", "source", "source_id"],
              descending=[False, False, True, True, False, False, False])
        .with_columns(*(pl.col(c).first().over("_cluster").alias(f"kept_{c}") for c in ("id", "source", "source_id")),
                      (pl.int_range(pl.len()).over("_cluster") == 0).alias("kept"))
        .sort("_position")
        .drop(helper)
    )
