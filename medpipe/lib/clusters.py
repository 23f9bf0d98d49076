"""Union-find over row positions, and the rule that picks one representative per duplicate cluster."""

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


def split_clusters(rows: pl.DataFrame, labels: np.ndarray, priority: dict[str, int]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Keep one row per cluster: the highest-priority source, then the most complete answer (longest
    output, then longest reasoning), then the smallest id. Returns (kept, dropped with `kept_id`)."""
    ranked = (
        rows.with_columns(
            pl.Series("_cluster", labels),
            pl.col("source").replace_strict(priority, default=len(priority)).alias("_priority"),
            pl.col("output").str.len_chars().alias("_output_len"),
            pl.col("reasoning").fill_null("").str.len_chars().alias("_reasoning_len"),
        )
        .sort(["_cluster", "_priority", "_output_len", "_reasoning_len", "id"], descending=[False, False, True, True, False])
        .with_columns(pl.col("id").first().over("_cluster").alias("kept_id"), pl.col("source").first().over("_cluster").alias("kept_source"),
                      (pl.int_range(pl.len()).over("_cluster") == 0).alias("_keep"))
    )
    helper = ["_cluster", "_priority", "_output_len", "_reasoning_len", "_keep"]
    kept = ranked.filter("_keep").drop(helper + ["kept_id", "kept_source"])
    dropped = ranked.filter(~pl.col("_keep")).drop(helper)
    order = rows.select("id").with_row_index("_pos")
    return kept.join(order, on="id", how="left").sort("_pos").drop("_pos"), dropped
