"""Every source's loader and normaliser, on the bundled sample and (when present) on the real files."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from medpipe_tests.helpers import offline_settings
from medpipe.settings import SAMPLES_DIR, Settings
from medpipe.sources.catalog import CATALOG, EVAL_SETS, INCLUDED, SOURCES
from medpipe.sources.config import SourceSettings
from medpipe.sources.evalsets import load_eval_questions
from medpipe.sources.load import SourceResult, SourceSkipped, normalise_records, raw_records
from medpipe.sources.readers import read_file


def load(name: str, settings: Settings) -> SourceResult:
    spec, source_settings = SOURCES[name], SourceSettings.from_settings(settings)
    _, records, _ = raw_records(spec, source_settings, source_settings.row_cap(spec))
    return normalise_records(spec, records)


def reasons(result: SourceResult) -> dict[str, int]:
    return {k.removeprefix("dropped:"): v for k, v in result.counts().items() if k.startswith("dropped:")}


# name -> (records read, rows kept, quarantined by reason) on the bundled sample
SAMPLE_EXPECTED = {
    "medqa": (7, 5, {"invalid_json": 1, "missing_field": 1}),
    "medical_o1_reasoning_sft": (4, 3, {"placeholder_output": 1}),
    "medical_o1_verifiable_problem": (4, 4, {}),
    "medicationqa": (9, 7, {"placeholder_output": 1, "missing_field": 1}),
    "wiki_medical_terms": (6, 5, {"disambiguation_page": 1}),
    "symptom_to_diagnosis": (7, 7, {}),
    "diseases_symptoms": (6, 5, {"missing_field": 1}),
    "first_aid_intents": (5, 9, {"non_medical_intent": 1, "missing_field": 1}),
    "synthetic_disaster_reports": (4, 3, {"missing_field": 1}),
    "ii_medical_reasoning_sft": (4, 3, {"missing_turn": 1}),
    "know_medical_dialogues": (4, 3, {"empty_output": 1}),
    "meddialog_en": (5, 4, {"no_patient_doctor_exchange": 1}),
}


SAMPLES_WITH_ONE_EXACT_DUPLICATE = {"medicationqa", "symptom_to_diagnosis"}


def test_every_included_source_has_a_sample_and_an_expectation() -> None:
    assert set(SAMPLE_EXPECTED) == {spec.name for spec in INCLUDED}
    for spec in INCLUDED:
        assert (SAMPLES_DIR / spec.folder).is_dir(), spec.name


def test_cameo_is_an_excluded_entry_with_its_reason() -> None:
    cameo = SOURCES["cameo"]
    assert cameo.hub_id == "amu-cai/CAMEO" and cameo.normalise is None
    assert "speech" in cameo.excluded and cameo not in INCLUDED
    assert [spec.name for spec in CATALOG if spec.excluded] == ["cameo"]


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTED))
def test_sample_counts_and_invariants(name: str, sample_settings: Settings) -> None:
    result = load(name, sample_settings)
    read, kept, dropped = SAMPLE_EXPECTED[name]
    assert (result.read, result.kept.height, reasons(result)) == (read, kept, dropped)
    rows = result.kept
    assert rows["source"].unique().to_list() == [name]
    assert rows["id"].n_unique() == rows.height - (name in SAMPLES_WITH_ONE_EXACT_DUPLICATE)
    assert rows["source_id"].n_unique() == rows.height
    for column in ("input", "output"):
        assert rows[column].str.len_chars().min() > 0
        assert not rows[column].str.contains(r"^\s|\s$").any()
    assert set(result.quarantined["step"].to_list()) <= {name}


def test_medqa_keeps_options_and_the_answer_text(sample_settings: Settings) -> None:
    row = load("medqa", sample_settings).kept.row(1, named=True)
    assert row["context"].splitlines()[2] == "C. Intramuscular epinephrine"
    assert row["context"].endswith("E. Observation")  # MedQA's unmatched trailing quote (on a line of its own) is removed
    assert row["output"] == "C. Intramuscular epinephrine"
    assert json.loads(row["meta"])["answer_idx"] == "C"


def test_o1_reasoning_is_kept_apart_from_the_answer(sample_settings: Settings) -> None:
    row = load("medical_o1_reasoning_sft", sample_settings).kept.row(0, named=True)
    assert row["reasoning"].startswith("Okay, let's think")
    assert "let's think" not in row["output"] and row["output"].startswith("She most likely has")


def test_first_aid_pairs_every_pattern_with_every_response(sample_settings: Settings) -> None:
    rows = load("first_aid_intents", sample_settings).kept
    burns = rows.filter(pl.col("meta").str.contains('"Burns"'))
    assert burns.height == 4  # 2 patterns x 2 responses
    assert rows.filter(pl.col("meta").str.contains('"Cuts"')).height == 3


def test_dialogues_keep_their_turns(sample_settings: Settings) -> None:
    rows = load("meddialog_en", sample_settings).kept
    multi = rows.filter(pl.col("messages").list.len() == 4).row(0, named=True)
    assert [m["role"] for m in multi["messages"]] == ["user", "assistant", "user", "assistant"]
    assert multi["input"] == "The rash fades when I press it. Should I still worry?"
    assert multi["context"].startswith("Patient: Hello doctor")
    assert sorted(rows["source_id"].to_list()) == ["train:id=0", "train:id=1", "train:id=2", "train:id=2@line42"]


def test_cleaning_removes_the_c1_control_character(sample_settings: Settings) -> None:
    rows = load("medicationqa", sample_settings).kept
    assert not rows["input"].str.contains("\x9d").any()
    assert rows["input"].str.contains("grams?").any()


def test_raw_dir_without_the_folder_is_skipped_loudly(tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "x.duckdb", raw_dir=tmp_path)
    with pytest.raises(SourceSkipped, match="no folder 'medicationqa'"):
        raw_records(SOURCES["medicationqa"], SourceSettings.from_settings(settings), None)


def test_max_rows_caps_a_source_but_never_an_evaluation_set(tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "x.duckdb", max_rows_per_source=2)
    assert load("symptom_to_diagnosis", settings).read == 2
    capped_harder = SourceSettings.from_settings(offline_settings(tmp_path / "x.duckdb", max_rows_per_source=1))
    questions, _, _ = load_eval_questions(EVAL_SETS, capped_harder)
    uncapped, _, _ = load_eval_questions(EVAL_SETS, SourceSettings.from_settings(offline_settings(tmp_path / "y.duckdb")))
    assert uncapped["eval_set"].value_counts()["count"].max() > 1  # so that a cap of 1 would show
    assert questions.equals(uncapped)  # a capped evaluation set would let its leaks through


def test_the_hub_loader_path_reads_the_same_rows_through_datasets(sample_settings: Settings) -> None:
    """The online path calls datasets.load_dataset; here it loads the sample folder as a local dataset repo."""
    from medpipe.sources.readers import read_hub

    spec = SOURCES["symptom_to_diagnosis"]
    via_hub = normalise_records(spec, read_hub(str(SAMPLES_DIR / spec.folder), None, "train", "main", None))
    assert via_hub.kept["id"].to_list() == load(spec.name, sample_settings).kept["id"].to_list()


# ---- real files (../shared/realdata) ----

REAL_EXPECTED = {
    "medical_o1_reasoning_sft": (198, 198, {}),
    "medical_o1_verifiable_problem": (198, 198, {}),
    "medicationqa": (690, 677, {"placeholder_output": 13}),
    "wiki_medical_terms": (419, 410, {"disambiguation_page": 9}),
    "symptom_to_diagnosis": (853, 853, {}),
    "diseases_symptoms": (400, 399, {"missing_field": 1}),
    "first_aid_intents": (46, 188, {"non_medical_intent": 2}),
    "know_medical_dialogues": (482, 482, {}),
}


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_counts(name: str, real_settings: Settings) -> None:
    result = load(name, real_settings)
    read, kept, dropped = REAL_EXPECTED[name]
    assert (result.read, result.kept.height, reasons(result)) == (read, kept, dropped)
    assert not result.kept["input"].str.contains(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]").any()


def test_real_sources_without_a_folder_are_skipped(real_settings: Settings) -> None:
    for name in ("synthetic_disaster_reports", "ii_medical_reasoning_sft", "meddialog_en"):
        with pytest.raises(SourceSkipped):
            raw_records(SOURCES[name], SourceSettings.from_settings(real_settings), None)
    with pytest.raises(SourceSkipped, match="train: train.jsonl"):
        raw_records(SOURCES["medqa"], SourceSettings.from_settings(real_settings), None)  # only the held-out test split is there


def test_real_medqa_test_file_normalises(realdata: Path) -> None:
    spec = SOURCES["medqa"]
    result = normalise_records(spec, read_file(realdata / "medqa_usmle" / "test.jsonl", "test"))
    assert (result.read, result.kept.height) == (1273, 1273)
    first = result.kept.row(0, named=True)
    assert first["output"] == "C. Tell the attending that he cannot fail to disclose this mistake"
    assert first["context"].count("\n") == 4
    # the real file's stray quotes: 69 questions end with one, 52 contexts with a `"` line, 5 answers with `\n"`; all removed
    assert result.kept["input"].str.ends_with('"').sum() == 0
    assert result.kept["context"].str.contains('\n"', literal=True).sum() == 0 and result.kept["output"].str.ends_with('\n"').sum() == 0
    assert result.kept["output"].str.ends_with('"').sum() == 3  # answers quoted as a whole ("I have bad news...") keep their quotes


def test_real_diseases_missing_treatment_is_code_71(real_settings: Settings) -> None:
    result = load("diseases_symptoms", real_settings)
    assert json.loads(result.quarantined["payload"][0])["Code"] == "71"


def test_real_wiki_disambiguation_stubs(real_settings: Settings) -> None:
    result = load("wiki_medical_terms", real_settings)
    stubs = set(result.quarantined["detail"].to_list())
    assert {"Depression", "Chest infection", "Whiplash", "Thrush"} <= stubs
    assert "Gallstones" not in stubs
    assert "What is medical condition?" in result.kept["input"].to_list()


def test_real_dialogue_turns(real_settings: Settings) -> None:
    rows = load("know_medical_dialogues", real_settings).kept
    turns = rows["messages"].list.len().value_counts().sort("messages")
    assert turns["messages"].to_list()[0] == 2 and turns["messages"].max() >= 16


def test_meddialog_structured_forms_load() -> None:
    """lighteval/med_dialog rows (`src`/`tgt`) and the original `en` config (ClassLabel speakers) normalise like the raw text."""
    from medpipe.sources.normalisers import meddialog

    lighteval = meddialog(
        {"src": "Patient: I have a dry cough for a week. Doctor: Drink warm fluids and see a doctor if it lasts.", "tgt": "dry cough"})
    assert (lighteval.input, lighteval.output) == ("I have a dry cough for a week.", "Drink warm fluids and see a doctor if it lasts.")
    original = meddialog({"dialogue_id": 3, "dialogue_url": "u",
                          "dialogue_turns": [{"speaker": 0, "utterance": "Rash on arm."}, {"speaker": 1, "utterance": "Use a mild cream."}]})
    assert [m["role"] for m in original.messages] == ["user", "assistant"] and original.output == "Use a mild cream."


def test_kept_rows_framed_in_batches_equal_one_frame(monkeypatch: pytest.MonkeyPatch, sample_settings: Settings) -> None:
    """normalise_records turns kept rows into a polars frame every FRAME_ROWS rows (memory); the result is the same frame."""
    from medpipe.sources import load as loading

    whole = load("first_aid_intents", sample_settings)
    monkeypatch.setattr(loading, "FRAME_ROWS", 2)
    batched = load("first_aid_intents", sample_settings)
    assert whole.kept.height > 4 and batched.kept.equals(whole.kept) and batched.quarantined.equals(whole.quarantined)
