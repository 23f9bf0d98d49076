"""PHI through the whole pipeline: identifiers planted in every published column of raw source files never reach the release;
a build of MedDialog's raw-text format alone passes the release gate."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from medpipe.publish.gate import CHECK_NAMES
from medpipe.publish.hub import HubPublisher
from medpipe.settings import SAMPLES_DIR
from medpipe.sources.catalog import SOURCES
from medpipe_tests.conftest import REALDATA
from medpipe_tests.helpers import FINAL, RELEASE, check_results, materialize, offline_settings, query

# builds of one to four sources: each is more of final than the default share bound of a source (0.3)
WHOLE_SHARE = HubPublisher(max_source_share=1.0)

SURNAMES = ("Whitcombe", "Ferrandino", "Okonjo", "Lindqvist", "Castellanos", "Abernathy", "Thorvaldsen", "Marchetti", "Delacroix", "Nakashima",
            "Szymanska", "Braithwaite")


def identifiers(slot: int) -> dict[str, tuple[str, str]]:
    """The identifiers planted in one slot (a column of one row): kind -> (the text planted, a fragment that must not survive)."""
    return {
        "NAME": (f"Dr. {SURNAMES[slot]}", SURNAMES[slot]),
        "EMAIL": (f"rv{slot}kestrel@gmail.com", f"rv{slot}kestrel"),
        "OBFUSCATED_EMAIL": (f"jn{slot}heron at yahoo dot com", f"jn{slot}heron"),
        "PHONE": (f"+44 7700 9004{slot:02d}", f"9004{slot:02d}"),
        "URL": (f"https://www.facebook.com/wrenharlow{slot}", f"wrenharlow{slot}"),
        "ID": (f"MRN: 7{slot}319528", f"7{slot}319528"),
    }


def planted(slot: int, lead: str) -> str:
    ids = {kind: text for kind, (text, _) in identifiers(slot).items()}
    return (f"{lead} Please ask {ids['NAME']} to write to {ids['EMAIL']} or {ids['OBFUSCATED_EMAIL']}, call me on {ids['PHONE']}, "
            f"see {ids['URL']} and quote my {ids['ID']}.")


# slot -> (source, where in the raw record); every published column of some released row is planted
SLOTS = {
    0: ("medical_o1_reasoning_sft", "Question -> input"),
    1: ("medical_o1_reasoning_sft", "Response -> output"),
    2: ("medical_o1_reasoning_sft", "Complex_CoT -> reasoning"),
    3: ("medical_o1_verifiable_problem", "Open-ended Verifiable Question -> input"),
    4: ("medical_o1_verifiable_problem", "Ground-True Answer -> output"),
    5: ("medqa", "an option -> context"),
    6: ("know_medical_dialogues", "first patient turn -> messages, context"),
    7: ("know_medical_dialogues", "first doctor turn -> messages, context"),
    8: ("know_medical_dialogues", "last patient turn -> messages, input"),
    9: ("know_medical_dialogues", "last doctor turn -> messages, output"),
    10: ("know_medical_dialogues", "description -> meta"),
    11: ("medicationqa", "Section Title, URL -> meta"),
}


def write_raw(raw: Path) -> None:
    """Raw files of four sources, in their published formats, with identifiers planted in every field that is published."""
    (raw / "medical_o1").mkdir(parents=True)
    (raw / "medical_o1" / "demo_data.json").write_text(json.dumps([{
        "Question": planted(0, "A 40-year-old man has had a dry cough for three weeks after a cold. What is the most likely cause?"),
        "Response": planted(1, "Post-viral cough is the most likely cause; it settles within eight weeks."),
        "Complex_CoT": planted(2, "The cough followed a cold and there are no red flags, so a post-viral cough fits best."),
        "Open-ended Verifiable Question": planted(3, "Which vitamin deficiency causes scurvy in sailors on long voyages?"),
        "Ground-True Answer": planted(4, "Vitamin C deficiency causes scurvy."),
    }]), encoding="utf-8")
    (raw / "medqa_usmle").mkdir()
    options = {"A": "Amoxicillin", "B": "Oral rehydration salts", "C": planted(5, "Refer to a cardiologist."), "D": "Loperamide"}
    (raw / "medqa_usmle" / "train.jsonl").write_text(json.dumps({
        "question": "A 3-year-old boy has had watery diarrhoea for two days and is mildly dehydrated. What is the most appropriate first treatment?",
        "answer": "Oral rehydration salts", "options": options, "meta_info": "step1", "answer_idx": "B"}) + "\n", encoding="utf-8")
    (raw / "know_medical_dialogues").mkdir()
    (raw / "know_medical_dialogues" / "train_set_med.json").write_text(json.dumps([{
        "description": planted(10, "Sore throat and fever in a teenager."),
        "utterances": [f"patient: {planted(6, 'my daughter has a sore throat and fever since monday.')}",
                       f"doctor: {planted(7, 'does she have a cough or a runny nose?')}",
                       f"patient: {planted(8, 'no cough, but her neck glands are swollen and tender.')}",
                       f"doctor: {planted(9, 'that may be strep throat; a throat swab will tell, and antibiotics help if it is positive.')}"],
    }]), encoding="utf-8")
    (raw / "medicationqa").mkdir()
    ids = identifiers(11)
    pl.DataFrame({"Question": ["how long should i take ferrous sulfate for anaemia"],
                  "Focus (Drug)": ["Ferrous sulfate"], "Question Type": ["Usage"],
                  "Answer": ["Iron tablets are usually taken for three months after the haemoglobin returns to normal, to refill iron stores."],
                  "Section Title": [planted(11, "Dosage.")],
                  "URL": [f"{ids['URL'][0]}?patient_id=7{11}319528"]}).write_parquet(raw / "medicationqa" / "train-00000-of-00001.parquet")


def release_texts(folder: Path) -> dict[str, str]:
    """Every file of a release folder as text: Parquet shards as the JSON of their rows, the other files as they are."""
    texts = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        if path.suffix == ".parquet":
            texts[name] = json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False, default=str)
        else:
            texts[name] = path.read_text(encoding="utf-8")
    return texts


def test_identifiers_planted_in_every_published_column_never_reach_the_release(tmp_path: Path) -> None:
    write_raw(tmp_path / "raw")
    settings = offline_settings(tmp_path / "data" / "medpipe.duckdb", raw_dir=tmp_path / "raw")
    assert materialize(settings, RELEASE, hub=WHOLE_SHARE).success
    folder = settings.data_dir / "release"
    texts = release_texts(folder)
    assert {"README.md", "LICENSE", "manifest.json"} <= set(texts)
    assert sum(name.startswith("data/") for name in texts) >= 1 and sum(name.startswith("exports/") for name in texts) >= 2
    # nothing planted survives, in any file (Parquet shards, chat and Alpaca exports, card, manifest, plots)
    leaks = [(name, slot, kind, fragment) for name, text in texts.items() for slot in SLOTS
             for kind, (_, fragment) in identifiers(slot).items() if fragment.lower() in text.lower()]
    assert leaks == []
    # the planted rows are released, redacted in each column with the typed placeholders
    rows = pl.concat([pl.read_parquet(path) for path in sorted((folder / "data").glob("*.parquet"))])
    by_source = {source: rows.filter(pl.col("source") == source).row(0, named=True) for source in {s for s, _ in SLOTS.values()}}
    assert all(rows.filter(pl.col("source") == source).height == 1 for source in by_source)
    placeholders = ("[NAME]", "[EMAIL]", "[PHONE]", "[URL]", "[ID]")
    dialogue, o1, verifiable = by_source["know_medical_dialogues"], by_source["medical_o1_reasoning_sft"], by_source["medical_o1_verifiable_problem"]
    columns = {
        "medical_o1 input": o1["input"], "medical_o1 output": o1["output"], "medical_o1 reasoning": o1["reasoning"],
        "verifiable input": verifiable["input"], "verifiable output": verifiable["output"], "medqa context": by_source["medqa"]["context"],
        "dialogue input": dialogue["input"], "dialogue output": dialogue["output"], "dialogue context": dialogue["context"],
        **{f"dialogue turn {n}": turn["content"] for n, turn in enumerate(dialogue["messages"])},
        "dialogue meta": json.loads(dialogue["meta"])["description"],
            "medicationqa meta": json.loads(by_source["medicationqa"]["meta"])["Section Title"],
    }
    assert len(dialogue["messages"]) == 4
    assert {column: [p for p in placeholders if p not in text] for column, text in columns.items()} == dict.fromkeys(columns, [])
    assert json.loads(by_source["medicationqa"]["meta"])["URL"] == "[URL]"
    # each planted sentence keeps its plain and its obfuscated address apart (the context holds two planted turns)
    assert {column: text.count("[EMAIL]") for column, text in columns.items()} == {column: 2 * text.count("Please ask")
                                                                                   for column, text in columns.items()}
    for kind in ("chat", "alpaca"):
        exported = "".join(text for name, text in texts.items() if name.startswith(f"exports/{kind}_"))
        assert all(p in exported for p in placeholders), kind


@pytest.mark.parametrize("origin", ["sample", "real"])
def test_a_build_of_meddialog_raw_text_alone_passes_every_check_of_the_gate(origin: str, tmp_path: Path) -> None:
    """MEDPIPE_RAW_DIR holding only MedDialog's folder: every other source is absent (skipped), so `final` is MedDialog's raw
    text release (`id=N` dialogues, "Regards, Dr. ..." sign-offs) alone; the blocking checks on it all pass."""
    spec = SOURCES["meddialog_en"]
    folder = (SAMPLES_DIR if origin == "sample" else REALDATA) / spec.folder
    if origin == "real" and not sorted(folder.glob("*.txt")):
        pytest.skip(f"no MedDialog raw text (*.txt) in {folder}: the real data folder holds no MedDialog copy; the bundled sample runs instead")
    raw = tmp_path / "raw"
    (raw / spec.folder).mkdir(parents=True)
    for path in sorted(folder.glob("*.txt")):
        (raw / spec.folder / path.name).symlink_to(path)
    settings = offline_settings(tmp_path / "data" / "medpipe.duckdb", raw_dir=raw)
    result = materialize(settings, FINAL, hub=WHOLE_SHARE)
    assert result.success
    assert [row[0] for row in query(settings, "SELECT DISTINCT source FROM final")] == ["meddialog_en"]
    checks = check_results(result)
    assert {name: checks[name][0] for name in CHECK_NAMES if name in checks} == dict.fromkeys(CHECK_NAMES, True), checks
    if origin == "sample":  # the sample's doctors sign their answers
        published = json.dumps(query(settings, "SELECT input, context, output, messages, meta FROM final"), default=str).lower()
        assert "[name]" in published and not any(name in published for name in ("ramesh kumar", "anita sharma"))
