"""Duplicate clusters: the connected components of the pair graph over row positions, and the one rule that picks the row a
cluster keeps."""

from __future__ import annotations

import numpy as np
import polars as pl

from medpipe.curation.boilerplate import REVIEWED_ANY


def cluster_labels(n: int, pairs: list[tuple[int, int, float]]) -> np.ndarray:
    """Connected components of the pair graph over n rows, each row labelled by its component's smallest member.

    Vectorised union-find: every row points to a row of its component with a smaller or equal position (itself at first);
    each round hooks the larger root of every pair onto the smaller one, then follows pointers until each row points to its
    root. A component's smallest member can only point to itself, so it is the root that remains."""
    labels = np.arange(n, dtype=np.int64)
    if not pairs:
        return labels
    i, j = np.array([(a, b) for a, b, _ in pairs], dtype=np.int64).T
    while not np.array_equal(labels[i], labels[j]):
        low = np.minimum(labels[i], labels[j])
        np.minimum.at(labels, labels[i], low)
        np.minimum.at(labels, labels[j], low)
        while not np.array_equal(jumped := labels[labels], labels):
            labels = jumped
    return labels


def keep_one_per_cluster(rows: pl.DataFrame, labels: pl.Series | np.ndarray, priority: dict[str, int]) -> pl.DataFrame:
    """The rows in their order, with `kept` (is this the row its cluster keeps) and the kept row's `kept_id`,
    `kept_source` and `kept_source_id`. A cluster keeps the row of the highest-priority source, then the cleanest copy (cased
    over lower-cased, no boilerplate over boilerplate: the longest copy is often the one with a telehealth upsell), then the most
    complete answer (longest output, then longest reasoning), then the smallest (id, source, source_id). A row alone in its
    cluster keeps itself: only clusters of two or more are ranked (the boilerplate search is most of the cost)."""
    rows = rows.with_columns(pl.Series("_cluster", labels), pl.int_range(pl.len()).alias("_position"))
    alone = pl.len().over("_cluster") == 1
    singles = rows.filter(alone).with_columns(*(pl.col(c).alias(f"kept_{c}") for c in ("id", "source", "source_id")), kept=pl.lit(True))
    ranking = ["_priority", "_lower_cased", "_boilerplate", "_output_len", "_reasoning_len"]
    ranked = (
        rows.filter(~alone).with_columns(
            pl.col("source").replace_strict(priority, default=len(priority)).alias("_priority"),
            (pl.col("output") == pl.col("output").str.to_lowercase()).alias("_lower_cased"),
            (pl.col("flags").list.contains("boilerplate_stripped") | pl.col("output").str.contains(REVIEWED_ANY)).alias("_boilerplate"),
            pl.col("output").str.len_chars().alias("_output_len"),
            pl.col("reasoning").fill_null("").str.len_chars().alias("_reasoning_len"),
        )
        .sort(["_cluster", *ranking, "id", "source", "source_id"], descending=[False, False, False, False, True, True, False, False, False])
        .with_columns(*(pl.col(c).first().over("_cluster").alias(f"kept_{c}") for c in ("id", "source", "source_id")),
                      (pl.int_range(pl.len()).over("_cluster") == 0).alias("kept"))
        .drop(ranking)
    )
    return pl.concat([singles, ranked.select(singles.columns)]).sort("_position").drop("_cluster", "_position")
