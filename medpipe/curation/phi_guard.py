"""What is never redacted as a name: drug names, disease and medical terms, eponyms and places (the precision guard of the PHI
rules and tagger).

Drug names: the one-word names of the lexicon of PyPI `drug-named-entity-recognition` (MIT; DrugBank open data, MeSH, Wikipedia
names and brands), copied to `data/drug_names.txt` by `write_drug_names`. Medical terms: \
`data/medical_terms.txt`, the words of disease and condition names (written by `write_medical_terms`
from the reference sources: wiki_medical_terms titles, diseases_symptoms and symptom_to_diagnosis diagnoses), less every word of
the name lexicon (a first name or surname there stays a possible name: "Charles Bonnet syndrome" must not make "charles" a
non-name; the eponyms that are names are `phi.EPONYMS`).
"""

from __future__ import annotations

import bz2
import csv
import json
import pickle
from importlib.resources import files
from pathlib import Path

from medpipe.curation.phi_words import DRUG_NAME_WORDS, DRUG_NAMES, MEDICAL_TERMS, WORD, lexicon

DRUG_NAMES_FILE, DRUG_NAME_WORDS_FILE, MEDICAL_TERMS_FILE = (f"{stem}.txt" for stem in (DRUG_NAMES, DRUG_NAME_WORDS, MEDICAL_TERMS))


def write_drug_names(target: Path, words_target: Path | None = None) -> int:
    """Write the one-word names of the drug lexicon of `drug-named-entity-recognition` to `target` and, to `words_target`, the
    words of its many-word names that are not given names, surnames or common words ("anoro ellipta"); returns the first count."""
    with bz2.open(files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2", "rb") as handle:
        lexicon = pickle.load(handle)  # the package's own data file, read as the package reads it
    names = set(lexicon["drug_variant_to_canonical"])
    words = sorted(name for name in names if " " not in name and len(name) >= 3)
    header = ("# One-word drug names and brands of the drug lexicon of PyPI `drug-named-entity-recognition` 2.0.9 (MIT; DrugBank open\n"
              "# data, MeSH, Wikipedia); written by `medpipe phi train --lists` (phi_guard.write_drug_names).\n")
    target.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    if words_target is not None:
        first, ambiguous, surnames, common = lexicon()
        parts = {w for name in names if " " in name for w in WORD.findall(name) if len(w) >= 4} - first - ambiguous - surnames - common - set(words)
        words_target.write_text("# The words of the many-word names of the same drug lexicon (\"anoro ellipta\"), less given names, surnames,\n"
                                "# common words and the one-word names; the guard's only (not a tagger feature).\n"
                                + "".join(f"{w}\n" for w in sorted(parts)), encoding="utf-8")
    return len(words)


def condition_names(folder: Path) -> list[str]:
    """Disease and condition names of the reference sources in a samples-like folder."""
    names: list[str] = []
    for path in sorted((folder / "wiki_medical_terms").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        names += list(document) if isinstance(document, dict) else []
    for path in sorted((folder / "diseases_symptoms").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            names += [row.get("Name", "") for row in csv.DictReader(handle)]
    for path in sorted((folder / "symptom_to_diagnosis").glob("*.jsonl")):
        names += [json.loads(line)["output_text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return names


def write_medical_terms(folders: list[Path], target: Path) -> int:
    """Write the medical-term list from the condition names of `folders`; returns its word count."""
    first, ambiguous, surnames, common = lexicon()
    words = {w.lower() for folder in folders for name in condition_names(folder) for w in WORD.findall(name)}
    words = sorted(w for w in words if len(w) >= 3 and w not in first | ambiguous | surnames | common)
    header = ("# Words of disease and condition names (wiki_medical_terms titles, diseases_symptoms and symptom_to_diagnosis diagnoses),\n"
              "# less the name lexicon and the common words; written by `medpipe phi train` (phi_guard.write_medical_terms).\n")
    target.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    return len(words)
