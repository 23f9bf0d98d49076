"""The labels table as an asset of its own: written outside the runs (`medpipe review import`, the app's Review page), read by
the curation step that applies the labels, whose inputs hash it, so that a new label rebuilds `final` and re-runs the gate."""

import dagster as dg

from medpipe.review.labels import REVIEW_LABELS

review_labels = dg.AssetsDefinition(specs=[dg.AssetSpec(REVIEW_LABELS, group_name="curated", kinds={"duckdb"},
                             description="Clinicians' labels of rows (correct, wrong, unsafe, not_an_answer), keyed by content id; "
                                         "written by `medpipe review import` and the app's Review page.")])
assets = [review_labels]
