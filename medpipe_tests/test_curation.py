"""Curation steps on constructed cases and on the real files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from medpipe.curation import decontam, minhash, semantic
from medpipe.curation.clusters import cluster_labels, keep_one_per_cluster
from medpipe.corpus.embeddings import encode, load_model
from medpipe.curation.mcq import leak_flags
from medpipe.curation.phi import redact
from medpipe.curation.phi_eval import parse_labelled, score
from medpipe.warehouse.rows import CURATED_SCHEMA
from medpipe.curation.scrub import scrub_rows
from medpipe.warehouse.text import content_id

LABELLED = Path(__file__).parent / "data" / "phi_labelled.txt"

BASE = "A 45-year-old man presents with crushing chest pain radiating to the left arm and jaw for the past hour, with sweating and nausea."
NEAR = "A 45-year-old man presents with crushing chest pain radiating to the left arm and jaw for the past hour, with sweating and vomiting."
OTHER = "A 3-year-old child has a barking cough, hoarse voice and inspiratory stridor that is worse at night after a mild cold."


def rows_of(*texts: tuple[str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"id": content_id(i, "", o), "source": s, "source_id": f"{s}:{n}", "input": i, "context": "", "output": o, "reasoning": None,
          "messages": [], "license": "x", "meta": "{}", "flags": []} for n, (s, i, o) in enumerate(texts)],
        schema=CURATED_SCHEMA,
    )


def test_minhash_finds_a_light_edit_and_not_a_different_case() -> None:
    answer = (" Treat as acute coronary syndrome: give aspirin, record an ECG within ten minutes, call for urgent reperfusion if there is"
              " ST elevation, monitor the rhythm continuously and keep a defibrillator nearby while awaiting transfer to a cardiac centre.")
    sigs = minhash.signatures([BASE + answer, NEAR + answer, OTHER + answer])
    pairs = minhash.near_duplicate_pairs(sigs, 0.8)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert 0.8 <= pairs[0][2] <= 1.0


def test_minhash_is_deterministic_and_short_texts_work() -> None:
    texts = ["fever", "fever", "a b c"]
    assert np.array_equal(minhash.signatures(texts), minhash.signatures(texts))
    assert (minhash.signatures(texts)[0] == minhash.signatures(texts)[1]).all()


def test_bands_match_datasketch_choice_for_the_default() -> None:
    bands, rows = minhash.optimal_bands(0.8, 128)
    assert bands * rows <= 128 and 0.7 < (1 / bands) ** (1 / rows) < 0.9


def test_cluster_representative_prefers_source_priority_then_completeness() -> None:
    rows = rows_of(("b_source", "q1", "short"), ("a_source", "q1 again", "a much longer answer"), ("a_source", "q1 too", "longer answer"), ("b_source", "q2", "x"))
    ranked = keep_one_per_cluster(rows, cluster_labels(4, [(0, 1, 0.9), (1, 2, 0.9)]), {"a_source": 0, "b_source": 1})
    assert ranked["source_id"].to_list() == rows["source_id"].to_list()  # the rows keep their order
    assert ranked.filter("kept")["source_id"].to_list() == ["a_source:1", "b_source:3"]
    dropped = ranked.filter(~pl.col("kept"))
    assert sorted(dropped["source_id"].to_list()) == ["a_source:2", "b_source:0"]
    assert set(dropped["kept_id"]) == {rows["id"][1]} and set(dropped["kept_source"]) == {"a_source"}


def test_semantic_pairs_on_paraphrases_with_the_real_model() -> None:
    model = load_model("")
    texts = ["What is the treatment for a minor burn?", "What is the treatment of a minor burn?", "How do I stop a nosebleed?"]
    pairs = semantic.similar_pairs(encode(model, texts), 0.95)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_decontamination_long_and_short_ngrams() -> None:
    evals = pl.DataFrame({"eval_set": ["medqa_test", "mmlu_anatomy"], "question_id": ["test:1", "test:7"],
                          "question": [BASE + " Which of the following is the most likely diagnosis?", "Which nerve innervates the deltoid muscle of the shoulder?"]})
    rows = rows_of(
        ("src", "Case: " + BASE + " What should be done first?", "ECG"),  # long input sharing a 13-gram
        ("src", "In adults, which nerve innervates the deltoid muscle of the shoulder?", "Axillary nerve"),  # short input sharing an 8-gram
        ("src", OTHER, "Croup"),
        ("src", "Which nerve is it?", "Unknown"),
    )
    found = decontam.contaminated(rows, evals)
    by_id = {r["id"]: r for r in found.to_dicts()}
    assert set(by_id) == {rows["id"][0], rows["id"][1]}
    assert by_id[rows["id"][0]]["eval_set"] == "medqa_test" and by_id[rows["id"][0]]["n"] == 13
    assert by_id[rows["id"][1]]["eval_set"] == "mmlu_anatomy" and by_id[rows["id"][1]]["n"] == 8


def test_phi_rules_meet_the_recall_target_on_the_labelled_set() -> None:
    result = score(LABELLED)
    assert result.labelled >= 100
    assert result.recall >= 0.95, result.misses
    assert result.precision >= 0.9, result.false_alarms


def test_doctor_sign_offs_are_redacted_with_typed_placeholders() -> None:
    text, spans = redact("Take care, Dr. Anita Sharma, Pediatrician. Call 555-867-5309.")
    assert text == "Take care, Dr. [NAME], Pediatrician. Call [PHONE]."
    assert [s.label for s in spans] == ["NAME", "PHONE"]
    assert redact("A 45-year-old man with 95% saturation and 92 bpm.")[0] == "A 45-year-old man with 95% saturation and 92 bpm."


def test_scrub_rows_redacts_every_text_and_rekeys_the_row() -> None:
    rows = rows_of(("meddialog_en", "My name is Priya Menon and I have a cough.", "Rest and fluids. Regards, Dr. Shilpa Rao"), ("src", "What is asthma?", "A disease of the airways."))
    rows = rows.with_columns(pl.Series("messages", [[{"role": "user", "content": "My name is Priya Menon"}], []], dtype=CURATED_SCHEMA["messages"]))
    scrubbed, counts = scrub_rows(rows)
    first = scrubbed.row(0, named=True)
    assert first["input"] == "My name is [NAME] and I have a cough." and first["output"].endswith("Dr. [NAME]")
    assert first["messages"][0]["content"] == "My name is [NAME]"
    assert first["flags"] == ["phi_redacted:NAME"] and first["id"] == content_id(first["input"], "", first["output"])
    assert scrubbed.row(1, named=True)["id"] == rows["id"][1] and counts["NAME"] == 2


def test_scrub_prefilter_loses_nothing_on_the_labelled_set() -> None:
    lines = [l for l in LABELLED.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    texts = [parse_labelled(line)[0] for line in lines]
    rows = rows_of(*(("src", t, "answer") for t in texts))
    scrubbed, _ = scrub_rows(rows)
    assert scrubbed["input"].to_list() == [redact(t)[0] for t in texts]


@pytest.mark.parametrize(
    "output,flags",
    [("C. B12", []), ("The answer is (E) none of these", ["option_not_in_context", "answer_contradicts_gold"]), ("The correct answer is B, folate.", ["answer_contradicts_gold"])],
)
def test_mcq_answer_leaks(output: str, flags: list[str]) -> None:
    assert leak_flags("A. Iron\nB. Folate\nC. B12\nD. Zinc", output, json.dumps({"answer_idx": "C"})) == flags


# ---- real files ----

def test_real_medqa_test_questions_are_caught_when_reworded_and_real_sources_are_clean(realdata: Path) -> None:
    questions = [json.loads(line)["question"] for line in (realdata / "medqa_usmle" / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    evals = pl.DataFrame({"eval_set": "medqa_test", "question_id": [f"test:{i}" for i in range(len(questions))], "question": questions})
    reworded = [("leak", "Please help: " + " ".join(q.split()[:-4]) + " ... what now?", "x") for q in questions[:200] if len(q.split()) >= 30]
    leaked = rows_of(*reworded)
    assert decontam.contaminated(leaked, evals).height == leaked.height
    real_inputs = [json.loads(line)["input_text"] for line in (realdata / "symptom_to_diagnosis" / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    assert decontam.contaminated(rows_of(*(("s2d", t, "x") for t in real_inputs)), evals).height == 0


def test_real_dialogues_scrub_without_touching_clinical_numbers(realdata: Path) -> None:
    data = json.loads((realdata / "know_medical_dialogues" / "train_set_med.json").read_text(encoding="utf-8"))
    rows = rows_of(*(("kmd", d["utterances"][0], d["utterances"][-1]) for d in data))
    scrubbed, counts = scrub_rows(rows)
    assert scrubbed.height == rows.height
    assert counts["PHONE"] >= 5  # helpline numbers in the answers
    changed = scrubbed.filter(pl.col("flags").list.len() > 0).height
    assert changed < 0.05 * rows.height
