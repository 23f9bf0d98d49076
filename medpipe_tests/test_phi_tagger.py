"""The PHI tagger (phi_tagger), its synthetic lines (phi_synth) and its precision guard (phi_guard)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from medpipe.curation import phi_tagger
from medpipe.curation.phi import redact
from medpipe.curation.phi_eval import parse_labelled, score
from medpipe.curation.phi_words import is_never_name
from medpipe.curation.phi_synth import Generator, _Builder, synthetic_lines
from medpipe.curation.scrub import scrub_rows
from medpipe.sources.catalog import SOURCES, SYNTHETIC_SOURCES

SAMPLES = Path(phi_tagger.__file__).resolve().parents[1] / "samples"


def test_synthetic_lines_are_seeded_and_their_spans_match_the_text() -> None:
    first, again, other = (synthetic_lines([SAMPLES], 300, seed) for seed in (1, 1, 2))
    assert first == again
    assert first != other
    assert all(line.text[s.start : s.end] == s.text for line in first for s in line.spans)
    assert {s.label for line in first for s in line.spans} == {"NAME", "ADDRESS", "DATE", "PHONE", "EMAIL", "ID", "URL", "IP", "AGE"}


def test_every_clause_kind_keeps_its_spans_aligned() -> None:
    generator = Generator(3)
    for _ in range(600):
        builder = _Builder()
        generator.clauses(builder)
        line = builder.line(lower=True)
        assert all(line.text[s.start : s.end] == s.text for s in line.spans), line


def test_training_is_byte_identical_on_a_rebuild(tmp_path: Path) -> None:
    reports = [phi_tagger.train([SAMPLES], tmp_path / f"{i}.crfsuite", lines=150, seed=5) for i in range(2)]
    assert (tmp_path / "0.crfsuite").read_bytes() == (tmp_path / "1.crfsuite").read_bytes()
    assert reports[0]["bytes"] > 0
    assert not list(tmp_path.glob(".partial-*"))


def test_bio_labels_follow_the_spans() -> None:
    text, spans = parse_labelled("my son {{NAME:rahul kumar}} was seen on {{DATE:12/03/2025}}.")
    found = phi_tagger.tokens(text)
    labels = dict(zip((m.group(0) for m in found), phi_tagger.bio_labels(text, spans, found)))
    assert labels["rahul"] == "B-NAME" and labels["kumar"] == "I-NAME" and labels["son"] == "O"
    assert labels["12"] == "B-DATE" and labels["2025"] == "I-DATE"


@pytest.mark.parametrize("text,name", [
    ("i told meenakshi about the pain and she said to rest", "meenakshi"),
    ("so tendekai keeps coughing at night, what should we do", "tendekai"),
])
def test_the_shipped_tagger_finds_names_without_a_cue(text: str, name: str) -> None:
    assert not [s for s in redact(text)[1] if s.label == "NAME"]  # the rules alone miss it
    assert name in [s.text for s in phi_tagger.find_phi_tagged(text) if s.label == "NAME"]


@pytest.mark.parametrize("text", [
    "the doctor gave me something called allegra for the sneezing",
    "is humira safe with methotrexate",
    "i think it is a chalazion on my eyelid",
    "covid-19 may be the cause of the cough",
    "type 2 may be controlled with diet, stage 3 march of the disease",
    "apparently anoro ellipta was approved by the fda",
    "i took peto-bismol for a week and no change",
    "i am mbl deficient and alpha 1 too",
])
def test_drugs_diseases_and_numbered_terms_are_kept(text: str) -> None:
    assert phi_tagger.find_phi_tagged(text) == []


def test_the_guard_names_what_is_never_a_name() -> None:
    assert is_never_name("Humira") and is_never_name("chalazion") and is_never_name("Parkinson's")
    assert not is_never_name("rohit") and not is_never_name("Humira Rohit")


def test_rules_and_tagger_beat_the_rules_on_the_fourth_set() -> None:
    path = Path(__file__).parent / "data" / "phi_untuned4.txt"
    rules, both = score(path), score(path, phi_tagger.find_phi_tagged)
    assert both.leak_recall > rules.leak_recall
    assert both.redaction_precision >= 0.95


def test_leak_recall_counts_a_redaction_of_any_kind() -> None:
    from medpipe.curation.phi import Span

    path = Path(__file__).parent / "data" / "phi_labelled.txt"
    first = next(line for line in path.read_text(encoding="utf-8").splitlines() if "{{" in line and not line.startswith("#"))
    text, truth = parse_labelled(first)
    wrong_kind = [Span(s.start, s.start + 1, "URL" if s.label != "URL" else "IP", text[s.start]) for s in truth]
    result = score(path.with_name("phi_labelled.txt"), lambda t: wrong_kind if t == text else [])
    assert result.touched == len(truth) and result.true_positives == 0


def _rows(source: str, text: str) -> pl.DataFrame:
    return pl.DataFrame({"split": ["train"], "id": ["x"], "source": [source], "source_id": ["1"], "input": [text], "context": [""],
                         "output": ["rest and fluids"], "reasoning": [None],
                         "messages": [[{"role": "user", "content": text}, {"role": "assistant", "content": "rest and fluids"}]],
                         "license": ["x"], "meta": ['{"turns": 2}'], "flags": [[]]},
                        schema_overrides={"reasoning": pl.String, "flags": pl.List(pl.String)})


def test_the_scrub_tags_free_text_sources_only() -> None:
    text = "i told meenakshi about the pain and she said to rest"
    dialogue = scrub_rows(_rows("know_medical_dialogues", text).drop("split")).rows
    added = scrub_rows(_rows("my_clinic_chats", text).drop("split")).rows
    vignette = scrub_rows(_rows("medqa", text).drop("split")).rows
    assert "[NAME]" in dialogue["input"][0] and "[NAME]" in dialogue["messages"][0][0]["content"]
    assert "[NAME]" in added["input"][0]
    assert vignette["input"][0] == text


def test_rules_only_sources_are_known_sources() -> None:
    assert phi_tagger.RULES_ONLY_SOURCES <= set(SOURCES) | SYNTHETIC_SOURCES
    assert phi_tagger.tagger_applies("know_medical_dialogues") and phi_tagger.tagger_applies("meddialog_en")
    assert not phi_tagger.tagger_applies("medqa") and not phi_tagger.tagger_applies("wiki_medical_terms")


@pytest.mark.parametrize("text,kept", [
    ("my sister allegra has a really bad cough", True),
    ("hi its allegra again, the rash is back", True),
    ("the doctor gave me something called allegra for the sneezing", False),
    ("my father allegra 180 mg once a day", False),
])
def test_the_guard_keeps_a_drug_named_person_only_in_a_name_position(text: str, kept: bool) -> None:
    from medpipe.curation.phi import Span

    start = text.index("allegra")
    tagged = [Span(start, start + 7, "NAME", "allegra", "tagger")]
    assert bool(phi_tagger.combine(text, [], tagged)) == kept


def test_shapes_of_scripts_without_case_keep_no_letter_of_the_name() -> None:
    features = phi_tagger.features(["王丽华", "Bjørn", "Светлана"])
    assert not any("王" in f or "丽" in f for f in features[0])
    assert "sh=H" in features[0] and "sh=Xx" in features[1] and "sc=cyr" in features[2]


@pytest.mark.parametrize("text,word", [
    (", s- mucolite 5ml , duolin nebuliser and refzil 5ml for the cough", "duolin nebuliser"),
    ("i take zorvax 500 mg daily", "zorvax"),
    ("i took peto-bismol for a week and no help", "peto-bismol"),
    ("these pills are precious, i can't find them anywhere", "precious"),
    ("by god's grace it is better now", "grace"),
])
def test_the_guard_refuses_products_and_ordinary_words(text: str, word: str) -> None:
    from medpipe.curation.phi import Span

    start = text.index(word)
    assert phi_tagger.combine(text, [], [Span(start, start + len(word), "NAME", word, "tagger")]) == []
