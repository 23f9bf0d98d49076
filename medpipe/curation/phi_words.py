"""The word lists of the PHI rules and tagger, read once from `data/` (one lower-case word a line; `#` lines name where the list
comes from): the name lexicon, words that are never names (function words, roles, places, eponyms, drugs, medical terms)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

DRUG_NAMES, DRUG_NAME_WORDS, MEDICAL_TERMS = "drug_names", "drug_name_words", "medical_terms"  # written by `medpipe phi train --lists`
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words(name: str) -> frozenset[str]:
    """A word list of `data/` (one lower-case word a line, `#` lines are comments)."""
    text = (files("medpipe.curation") / "data" / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


# Words that are never a name, even capitalised after a cue (function words, greetings, titles, roles).
FUNCTION_WORDS = words("function_words")
# Roles and job titles that follow "nurse", "doctor" or "Dr." ("Nurse Practitioner", "Doctor Online").
ROLES = words("roles")
# Months, weekdays, places and peoples that are also given names (never a name without a strong cue).
NOT_NAMES = words("not_names")
# Eponyms of diseases, signs, tests and organisms, and drug brands, that collide with given names: never cue-less names.
EPONYMS = words("eponyms")
# Common words of other languages that are also given names ("pero", "anak"): never a name without a cue.
FOREIGN_WORDS = words("foreign_words")


# Given names that are also ordinary English words (virtues, nature, months, gems): a name only in a name position ("my daughter
# hope is 4", "grace said", "hi joy,"); also the generator's names of that kind (phi_synth).
WORD_NAMES = frozenset((
    "hope", "grace", "joy", "faith", "charity", "patience", "mercy", "prudence", "honor", "justice", "liberty", "harmony", "river", "echo",
    "sky", "rain", "storm", "ocean", "brook", "forest", "rose", "lily", "daisy", "ivy", "willow", "hazel", "holly", "heather", "violet",
    "jasmine", "poppy", "iris", "olive", "rowan", "sage", "ruby", "pearl", "amber", "jade", "crystal", "summer", "autumn", "winter",
    "dawn", "june", "april", "may", "august", "will", "bill", "mark", "pat", "sunny", "precious", "blessing", "gift", "goodness",
    "comfort", "favour", "promise", "princess", "king", "major", "journey", "destiny", "miracle", "true", "wisdom", "story", "reign",
    "genesis", "trinity", "unity", "nova", "star", "angel"))


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, first names that are also English words, surnames, common English words), lower case."""
    first, ambiguous, surnames, common = (words(name) for name in ("first_names", "ambiguous_first_names", "surnames", "common_words"))
    return first - EPONYMS - NOT_NAMES - FOREIGN_WORDS, ambiguous, surnames - EPONYMS - NOT_NAMES, common | FUNCTION_WORDS


@lru_cache(maxsize=1)
def drug_names() -> frozenset[str]:
    """Drug names and brands, lower case (`data/drug_names.txt`: the package's pickle takes ~14 s to load)."""
    return words(DRUG_NAMES)


@lru_cache(maxsize=1)
def medical_terms() -> frozenset[str]:
    """Words of disease and condition names, lower case."""
    return words(MEDICAL_TERMS)


@lru_cache(maxsize=1)
def never_names() -> frozenset[str]:
    return drug_names() | words(DRUG_NAME_WORDS) | medical_terms() | EPONYMS | NOT_NAMES


@lru_cache(maxsize=1)
def given_words() -> frozenset[str]:
    """Words that are given names and also something else: an English word, a month, a place, an eponym or a drug ("hope",
    "june", "victoria", "gilbert", "allegra"). A name only in a name position (phi._names); the guard lets them through there."""
    _, ambiguous, _, _ = lexicon()
    first = words("first_names")
    return frozenset(ambiguous | WORD_NAMES | (first & (NOT_NAMES | EPONYMS | drug_names())))


def is_never_name(span_text: str) -> bool:
    """Whether a NAME span is a drug, a disease or medical term, an eponym or a place: every word of it is one."""
    tokens = [w.lower().rstrip("'’s") if w.lower().endswith(("'s", "’s")) else w.lower() for w in WORD.findall(span_text)]
    never = never_names()
    return bool(tokens) and all(w in never for w in tokens)
