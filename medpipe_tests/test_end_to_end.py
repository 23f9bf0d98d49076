"""`final` materialised from nothing, on the bundled samples and on the real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from medpipe.warehouse.text import content_id
from medpipe.settings import Settings
from medpipe.sources.catalog import INCLUDED
from medpipe_tests.helpers import materialize, offline_settings, phi_suspects, query

FINAL_COLUMNS = ["split", "id", "source", "source_id", "input", "context", "output", "reasoning", "messages", "license", "meta", "flags"]


def test_final_from_samples(sample_settings: Settings) -> None:
    result = materialize(sample_settings)
    assert result.success
    columns = [row[0] for row in query(sample_settings,
                                       "SELECT column_name FROM information_schema.columns WHERE table_name = 'final' ORDER BY ordinal_position")]
    assert columns == FINAL_COLUMNS
    sources = {row[0] for row in query(sample_settings, "SELECT DISTINCT source FROM final")}
    assert sources == {spec.name for spec in INCLUDED}
    ((rows, ids, too_long),) = query(sample_settings,
                                     "SELECT count(*), count(DISTINCT id), "
                                     "count(*) FILTER (length(input) > 4000 OR length(trim(output)) = 0) FROM final")
    assert rows == ids and too_long == 0  # bounds per kind of row (curation/lengths.py): a gold answer may be one word
    # every row read ends in final or in quarantine: nothing is silently lost
    read = sum(m.metadata["read"].value for node in (f"sources__{s.name}" for s in INCLUDED) for m in result.asset_materializations_for_node(node))
    quarantined = query(sample_settings, "SELECT count(*) FROM quarantine")[0][0]
    first_aid_extra = 9 + 2 - 5  # intents expand into pattern x response pairs
    assert rows + quarantined == read + first_aid_extra
    # ids are the content hash of the row
    for input_text, context, output, row_id in query(sample_settings, "SELECT input, context, output, id FROM final"):
        assert content_id(input_text, context, output) == row_id


def test_final_is_reproducible_and_split_is_stable(sample_settings: Settings, tmp_path) -> None:
    materialize(sample_settings)
    first = query(sample_settings, "SELECT id, split FROM final")
    other = offline_settings(tmp_path / "again.duckdb")
    materialize(other)
    assert query(other, "SELECT id, split FROM final") == first


def test_exact_duplicates_across_sources_leave_one_row_with_its_reason(sample_settings: Settings) -> None:
    materialize(sample_settings)
    dupes = query(sample_settings, "SELECT source, detail FROM quarantine WHERE reason = 'exact_duplicate' ORDER BY source")
    assert [d[0] for d in dupes] == ["medicationqa", "symptom_to_diagnosis"]
    assert all(d[1].startswith("duplicate of ") for d in dupes)


def plant_leaks(realdata: Path, raw: Path) -> dict[str, str]:
    """A copy of the real files whose medical-o1 file also holds MedQA test questions: two verbatim, two lightly edited,
    and two unrelated questions that share only stock phrasing with many test questions. Returns question -> kind."""
    shutil.copytree(realdata, raw)
    tests = [json.loads(line) for line in (realdata / "medqa_usmle" / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    planted = {tests[0]["question"]: "leak", tests[1]["question"]: "leak",
               tests[2]["question"].replace("year-old", "y/o").replace("most likely", "most probable"): "leak",
               tests[3]["question"].replace("Which of the following", "What"): "leak",
               "A 30-year-old woman asks about cooling a kitchen burn at home. What is the most appropriate next step in the "
               "management of this patient?": "boilerplate",
               "A boy keeps sneezing near cats every spring. What is the most likely cause of the symptoms?": "boilerplate"}
    path = raw / "medical_o1" / "demo_data.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    # each its own answer: one answer under many questions is what the paraphrase cap removes
    records += [{"Question": q, "Complex_CoT": "Reasoning written for the test.", "Response": f"An answer written for the test, number {i}."}
                for i, q in enumerate(planted)]
    path.write_text(json.dumps(records), encoding="utf-8")
    return planted


def test_final_from_real_files(realdata: Path, tmp_path: Path) -> None:
    planted = plant_leaks(realdata, tmp_path / "raw")
    real_settings = offline_settings(tmp_path / "real.duckdb", raw_dir=tmp_path / "raw")
    result = materialize(real_settings)
    assert result.success
    by_source = dict(query(real_settings, "SELECT source, count(*) FROM final GROUP BY source"))
    assert set(by_source) == {"medical_o1_reasoning_sft", "medical_o1_verifiable_problem", "medicationqa", "wiki_medical_terms",
                              "symptom_to_diagnosis", "diseases_symptoms", "first_aid_intents", "know_medical_dialogues"}
    assert query(real_settings, "SELECT count(*) - count(DISTINCT id) FROM final") == [(0,)]
    # the real medicationqa file has one exact duplicate row and the symptom file repeats 4 inputs
    dropped = dict(query(real_settings, "SELECT source, count(*) FROM quarantine WHERE reason = 'exact_duplicate' GROUP BY source"))
    assert dropped.get("medicationqa", 0) >= 1 and dropped.get("symptom_to_diagnosis", 0) >= 1
    # the planted leaks, and only they, are removed and named; rows sharing only stock phrasing stay
    contaminated = query(real_settings,
                         "SELECT json_extract_string(payload, '$.input'), detail FROM quarantine WHERE reason = 'benchmark_contamination'")
    leaks = {q for q, kind in planted.items() if kind == "leak"}
    assert {q for q, _ in contaminated} == leaks and all(d.startswith("medqa_test question test:") for _, d in contaminated)
    kept = {row[0] for row in query(real_settings, "SELECT input FROM final WHERE source = 'medical_o1_reasoning_sft'")}
    assert {q for q, kind in planted.items() if kind == "boilerplate"} <= kept
    # the same question with another kind of answer is not a duplicate (medical-o1's verifiable rows ask the SFT rows' questions)
    assert by_source["medical_o1_verifiable_problem"] >= 150
    passed = dict(query(real_settings, "SELECT source, count(*) FROM merged WHERE length(input) BETWEEN 10 AND 1500 AND length(output) BETWEEN 10 "
                                       "AND 1500 GROUP BY source"))
    same_answer_dups = dict(query(real_settings, "SELECT source, count(*) FROM quarantine WHERE reason IN ('exact_duplicate', 'near_duplicate', "
                                                 "'semantic_duplicate', 'paraphrase_cap') GROUP BY source"))
    for source, n in passed.items():
        assert by_source.get(source, 0) + same_answer_dups.get(source, 0) >= 0.75 * n - len(planted), source
    merged = result.asset_materializations_for_node("merged")[0].metadata
    assert "medqa" in merged["missing_sources"].value
    assert json.loads(json.dumps(merged["rows_by_source"].value))["medicationqa"] == 677
    # issue 12 on the real files: no doctor name, e-mail or personal phone in any published column of final, no [NAME] on an
    # eponym or a drug (an independent scan; before the scrub it finds the doctors' sign-offs)
    assert {kind: found for kind, found in phi_suspects(real_settings).items() if found} == {}
    assert len(phi_suspects(real_settings, "merged")["doctor_name"]) >= 50
