"""medpipe: a reproducible, checked pipeline for medical Q&A / dialogue training data."""

__version__ = "0.1.0"
