"""The quality steps scored on a labelled set written apart from their rules (benchmarks/data/quality_labelled.jsonl: real rows of
../shared/realdata, each marked keep, strip or quarantine with a reason and, for strips, the texts that must go).

Each labelled row goes through what decides a single row: the normaliser's checks (empty or placeholder answer, a template
with an empty slot), clean_text (boilerplate, with each source's frequent sentences found from all of its real rows; scrape
junk; run-on turns), the language step and the length bounds of its kind. Duplicates and the paraphrase cap decide over sets
of rows and are not scored here.

Reported: precision and recall on quarantines (a good row quarantined is lost), recall on every row that needs an action,
strip accuracy (the row is stripped, every text marked for stripping is gone and the row is not quarantined), and the confusion.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/bench_quality.py [--realdata ../shared/realdata] [--set PATH]
(--set scores another labelled set of the same shape with the same code; the default is the set above.)
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter
from pathlib import Path

from benchmarks.quality_real import frequent_of, real_rows
from medpipe.sources import normalisers as n
from medpipe.warehouse.rows import Malformed, Rejection
from medpipe.curation.lengths import LengthBounds, kind_bounds
from medpipe.curation.quality import CleanTextConfig, LanguageConfig, clean_row, not_english
from medpipe.settings import PROJECT_ROOT
from medpipe.sources.catalog import INCLUDED, source_kind
from medpipe.sources.templates import empty_slot
from medpipe.warehouse.text import dedup_key, is_placeholder_key

LABELLED = PROJECT_ROOT / "benchmarks" / "data" / "quality_labelled.jsonl"


def source_name(labelled: str) -> str:
    """The labelled set names a source by its catalog name or its raw folder."""
    by_folder = {spec.folder: spec.name for spec in INCLUDED}
    return labelled if any(spec.name == labelled for spec in INCLUDED) else by_folder.get(labelled, labelled)


def frequent_by_source(realdata: Path, config: CleanTextConfig) -> dict[str, set[str]]:
    """Each source's frequency-found boilerplate from all of its real rows, as clean_text_step finds it (consultations only)."""
    return frequent_of(real_rows(realdata), config)


def as_normalised(source: str, row: dict) -> tuple[str, str, str | None]:
    """The labelled answer as its source's normaliser maps it (the set holds some fields as published: a wiki page's whole text,
    MedQA's stray quotes, a numbered disease name); a Rejection's reason instead when the normaliser rejects it."""
    question, answer = (row.get("input") or "").strip(), (row.get("output") or "").strip()
    if source == "wiki_medical_terms":
        pair = n.wiki_medical_terms({"page_title": question or str(row.get("source_id", "")), "page_text": answer})
        return (question, answer, pair.reason) if isinstance(pair, Rejection) else (pair.input, pair.output, None)
    if source == "medqa":
        return question, n.strip_stray_quote(answer), None
    if source == "first_aid_intents":  # the normaliser rejects chit-chat intents by their tag ("greeting/r0")
        pairs = n.first_aid_intents({"tag": str(row.get("source_id", "")).split("/")[0], "patterns": [question], "responses": [answer]})
        return (question, answer, pairs.reason) if isinstance(pairs, Rejection) else (question, answer, None)
    if source == "diseases_symptoms" and "\n" not in answer and "." not in answer:  # a disease name as the set holds it
        try:
            return question, n.diseases_symptoms({"Name": answer, "Symptoms": "any", "Treatments": "any"}).meta["name"], None
        except Malformed as exc:  # the normaliser quarantines a record it cannot map (an empty template slot)
            return question, answer, exc.reason
    return question, answer, None


def predict(row: dict, frequent: dict[str, set[str]]) -> tuple[str, str, str]:
    """(label, reason, cleaned output) the steps give the row."""
    source = source_name(row["source"])
    question, answer, rejected = as_normalised(source, row)
    if rejected:
        return "quarantine", rejected, answer
    if not answer or is_placeholder_key(dedup_key(answer)):
        return "quarantine", "placeholder_output", answer
    if empty_slot(answer):
        return "quarantine", "empty_template_slot", answer
    flat = {"id": "", "source": source, "source_id": row.get("source_id", ""), "input": question, "context": "", "output": answer,
            "reasoning": None, "messages": [], "license": "", "meta": "{}", "flags": []}
    cleaned, reason, _ = clean_row(flat, frequent.get(source, set()), CleanTextConfig().min_answer_chars)
    if reason:
        return "quarantine", reason, cleaned["output"]
    language = LanguageConfig()
    if not_english(cleaned["input"], language) or not_english(cleaned["output"], language):
        return "quarantine", "not_english", cleaned["output"]
    bounds = kind_bounds(LengthBounds())[source_kind(source)]
    if not bounds["output_min"] <= len(cleaned["output"]) <= bounds["output_max"] or not bounds["input_min"] <= len(
        cleaned["input"]) <= bounds["input_max"]:
        return "quarantine", "length", cleaned["output"]
    edited = cleaned["output"] != answer or cleaned["input"] != question or (source == "medqa" and answer != (row.get("output") or "").strip())
    return ("strip" if edited else "keep"), "", cleaned["output"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=str(PROJECT_ROOT.parent / "shared" / "realdata"))
    parser.add_argument("--set", default=str(LABELLED), help="a labelled set of the same shape (default: %(default)s)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    rows = [json.loads(line) for line in Path(args.set).read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"set: {args.set}")
    frequent = frequent_by_source(Path(args.realdata), CleanTextConfig())
    confusion: Counter[tuple[str, str]] = Counter()
    strip_ok = strip_total = 0
    misses = []
    for row in rows:
        label, reason, cleaned = predict(row, frequent)
        confusion[(row["label"], label)] += 1
        if row["label"] == "strip":
            strip_total += 1
            if label == "strip" and all(part.strip().lower() not in cleaned.lower() for part in row.get("strip") or []):
                strip_ok += 1
        if label != row["label"]:
            misses.append(f"{row['label']:>10} -> {label:<10} {row['source']}:{row['source_id']} ({row.get('reason')}; predicted {reason or '-'}): "
                          f"{(row.get('output') or '')[:90]!r}")
    predicted_q = sum(n for (_, p), n in confusion.items() if p == "quarantine")
    actual_q = sum(n for (a, _), n in confusion.items() if a == "quarantine")
    action = sum(n for (a, _), n in confusion.items() if a != "keep")
    acted = sum(n for (a, p), n in confusion.items() if a != "keep" and p != "keep")
    tp = confusion[("quarantine", "quarantine")]
    print(f"rows {len(rows)}: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["label"] for r in rows).items())))
    print(f"quarantine precision {tp / predicted_q if predicted_q else 1:.3f} ({tp}/{predicted_q}), recall {tp / actual_q if actual_q else 1:.3f} "
          f"({tp}/{actual_q})")
    print(f"recall on rows needing an action (strip or quarantine): {acted / action if action else 1:.3f} ({acted}/{action})")
    print(f"strip accuracy: {strip_ok / strip_total if strip_total else 1:.3f} ({strip_ok}/{strip_total})")
    print("confusion (labelled -> predicted): " + ", ".join(f"{a}->{p} {n}" for (a, p), n in sorted(confusion.items())))
    print("misses:\n  " + "\n  ".join(misses))


if __name__ == "__main__":
    main()
