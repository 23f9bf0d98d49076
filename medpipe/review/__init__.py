"""Clinician review: labels, review samples, the audit of each source, and the judge model. The label vocabulary is here,
importable without the warehouse (the release gate's process imports the audit)."""

LABELS = ("correct", "wrong", "unsafe", "not_an_answer")
ERROR_LABELS = ("wrong", "unsafe", "not_an_answer")  # what the audit counts as an error of its source
WITHHELD_LABELS = ("wrong", "unsafe")  # rows never released: quarantined with the label as reason

ALL = "all"  # `medpipe review sample --source all`: every source of final
DEFAULT_N = 50  # rows a review sample draws per source
DEFAULT_SEED = 26  # the sample's seed: the same sample until the rows change
