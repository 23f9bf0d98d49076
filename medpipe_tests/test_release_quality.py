"""What the release promises, on the real files and with a dataset added by the sources file:
no test question or answer in train, no boilerplate, no non-English row, few near duplicates, exports with id and source,
no system prompt contradicting its answer; a configured source's run-on turns cut, and the gate's share bound."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from medpipe.publish.audit import boilerplate_rows, contradictions, leakage_counts, near_duplicate_pairs
from medpipe.settings import PROJECT_ROOT, SAMPLES_DIR, Settings, SettingError
from medpipe.sources.custom import SourceFileError, configured_sources
from medpipe_tests.helpers import RELEASE, materialize, offline_settings, query


def final_rows(settings: Settings) -> pl.DataFrame:
    import duckdb

    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute("SELECT * FROM final").pl()


def test_real_release_meets_the_done_when_figures(real_settings: Settings) -> None:
    result = materialize(real_settings, RELEASE, raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    final = final_rows(real_settings)
    assert leakage_counts(final) == {"test_questions_in_train": 0, "test_answers_in_train": 0}
    assert boilerplate_rows(final) == 0
    assert near_duplicate_pairs(final) <= 0.005 * final.height
    assert contradictions(final) == 0
    assert not query(real_settings, "SELECT count(*) FROM final WHERE source = 'know_medical_dialogues' AND input LIKE '%ek het%'")[0][0]
    not_english = query(real_settings, "SELECT count(*) FROM quarantine WHERE reason = 'not_english'")[0][0]
    assert not_english >= 2  # the two Afrikaans know_medical_dialogues questions
    assert not final.filter(pl.col("flags").list.len() != pl.col("flags").list.unique().list.len()).height  # flags are a set
    release = real_settings.duckdb_path.parent / "release"
    for path in (release / "exports").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert row["id"] and row["source"], path.name
    card = (release / "README.md").read_text(encoding="utf-8")
    assert "local folder `wiki_medical_terms`" in card and "| unknown |" in card  # the files read carry no licence of their own
    assert "## System prompts" in card and "not a diagnosis" not in card.split("## System prompts")[1].split("##")[0]


def chatdoctor_records() -> list[dict[str, str]]:
    """The shape of ChatDoctor's HealthCareMagic/iCliniq JSON: one instruction for all, the patient's text, the doctor's answer;
    some answers run on into the patient's next turn, as 161 of the real file's do."""
    instruction = "If you are a doctor, please answer the medical questions based on the patient's description."
    complaints = ["I have had a dry cough for three weeks after a cold and it gets worse at night.",
                  "My daughter has a rash on her arms that itches and spreads after she plays outside.",
                  "I get a pounding headache behind my right eye every afternoon with a blocked nose.",
                  "My ankle is swollen and painful since I twisted it playing football yesterday evening.",
                  "I feel burning when I pass urine and need to go very often since two days.",
                  "My father has chest tightness when he climbs stairs, which goes away when he rests.",
                  "I am 30 weeks pregnant and my feet and hands have become very puffy this week.",
                  "After eating fatty food I get a sharp pain under my right ribs that lasts an hour.",
                  "My son swallowed a button battery about twenty minutes ago and seems fine.",
                  "I have trouble falling asleep and wake at four every morning feeling low."]
    answers = ["A cough that lingers after a cold is usually post-viral and settles within eight weeks; honey and warm fluids help.",
               "This looks like contact dermatitis from plants; wash the skin, use a mild steroid cream and avoid the plant.",
               "A headache behind one eye with a blocked nose fits sinusitis; saline rinses and decongestants for a few days help.",
               "This is most likely a sprain: rest, ice, compression and elevation, and an X-ray if you cannot bear weight.",
               "These are the symptoms of a urinary tract infection; a urine test confirms it and antibiotics treat it.",
               "Chest tightness on exertion that eases with rest can be angina; he should see a doctor this week for an ECG.",
               "Sudden swelling of the hands and face late in pregnancy needs a blood pressure and urine check today for pre-eclampsia.",
               "Pain under the right ribs after fatty meals points to gallstones; an ultrasound of the abdomen will show them.",
               "A swallowed button battery is an emergency even without symptoms: go to the emergency department now.",
               "Early waking with a low mood can be depression; talk to your doctor, who can offer therapy or medication."]
    records = []
    for i, (complaint, answer) in enumerate(zip(complaints, answers, strict=True)):
        if i % 3 == 0:
            answer += " Patient: thank you doctor, and should I also take paracetamol?"
        records.append({"instruction": instruction, "input": complaint, "output": f"Hello, thanks for your query. {answer}"})
    return records


def write_sources_file(tmp_path: Path, max_share: float | None) -> Path:
    data = tmp_path / "chatdoctor"
    data.mkdir(exist_ok=True)
    (data / "HealthCareMagic-100k.json").write_text(json.dumps(chatdoctor_records()), encoding="utf-8")
    share = f"max_share = {max_share}\n" if max_share is not None else ""
    toml = tmp_path / f"sources-{max_share}.toml"
    toml.write_text(f'[[source]]\nname = "chatdoctor_hcm"\npath = "{data / "HealthCareMagic-100k.json"}"\nformat = "json"\n'
                    f'input = "input"\noutput = "output"\nlicence = "unknown"\nkind = "consultation"\n{share}', encoding="utf-8")
    return toml


def test_sources_file_errors_name_file_source_and_key(tmp_path: Path) -> None:
    good = write_sources_file(tmp_path, None)
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace('output = "output"', 'output = "response"'), encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"bad.toml: source 'chatdoctor_hcm': key 'output': column 'response' is not in"):
        configured_sources(bad)
    bad.write_text(good.read_text().replace('format = "json"', 'format = "yaml"'), encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"key 'format': unknown format 'yaml'"):
        configured_sources(bad)
    bad.write_text(good.read_text().replace("HealthCareMagic-100k.json", "missing.json"), encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"key 'path': .*missing.json does not exist"):
        configured_sources(bad)
    assert isinstance(SourceFileError(bad, "s", "k", "p"), SettingError) and "\n" not in str(SourceFileError(bad, "s", "k", "p"))
    (spec,) = configured_sources(good)
    assert (spec.name, spec.kind, spec.license, spec.max_share) == ("chatdoctor_hcm", "consultation", "unknown", None)


BUILD = """
import json, sys
from pathlib import Path
from medpipe.settings import Settings
from medpipe_tests.helpers import FINAL, check_results, materialize
result = materialize(Settings(duckdb_path=Path(sys.argv[1]), raw_dir=Path(sys.argv[2]), offline=True), FINAL, raise_on_error=False)
print(json.dumps({name: [passed, details.get("examples", [])] for name, (passed, details) in check_results(result).items()}, default=str))
"""


def build_with_sources_file(tmp_path: Path, toml: Path, name: str) -> tuple[Settings, dict[str, list]]:
    """A build of three bundled samples and the configured source in a new interpreter, which reads MEDPIPE_SOURCES_FILE as a
    user's `medpipe build` does (the catalog is read when the definitions load); the gate's outcome per check."""
    raw = tmp_path / f"raw-{name}"
    for folder in ("medqa_usmle", "symptom_to_diagnosis", "wiki_medical_terms"):  # 17 rows, none of them more than 30%
        shutil.copytree(SAMPLES_DIR / folder, raw / folder)
    settings = offline_settings(tmp_path / f"{name}.duckdb", raw_dir=raw)
    env = os.environ | {"MEDPIPE_SOURCES_FILE": str(toml), "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", BUILD, str(settings.duckdb_path), str(raw)], env=env, capture_output=True, text=True,
                          cwd=PROJECT_ROOT, check=True)
    return settings, json.loads(done.stdout.strip().splitlines()[-1])


def test_a_configured_source_is_cleaned_and_bounded_by_its_share(tmp_path: Path) -> None:
    settings, checks = build_with_sources_file(tmp_path, write_sources_file(tmp_path, None), "default")
    rows = final_rows(settings)
    mine = rows.filter(pl.col("source") == "chatdoctor_hcm")
    assert mine.height == rows.group_by("source").len()["len"].max() and mine.height > 0.3 * rows.height  # the largest source
    assert not mine.filter(pl.col("output").str.contains("(?i)patient:")).height  # run-on turns cut
    assert mine.filter(pl.col("flags").list.contains("run_on_turn_cut")).height
    passed, examples = checks["final_source_share"]
    hint = " ".join(map(str, examples))
    assert not passed and "source 'chatdoctor_hcm'" in hint and "raise `max_share`" in hint and "observed 0." in hint

    settings, checks = build_with_sources_file(tmp_path, write_sources_file(tmp_path, 0.95), "raised")
    assert checks["final_source_share"][0], checks["final_source_share"]
    assert all(passed for passed, _ in checks.values()), {name: examples for name, (passed, examples) in checks.items() if not passed}
