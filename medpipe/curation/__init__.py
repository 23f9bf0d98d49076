"""Curation: the ordered STEPS (length filter, PHI scrubbing, exact/near/semantic dedup, decontamination, MCQ flags) between merged and final."""
