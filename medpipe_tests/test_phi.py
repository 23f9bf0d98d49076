"""PHI: the rules on both labelled sets, the scrub over every published column, and the release gate's PHI check."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from medpipe.curation.phi import find_phi, redact
from medpipe.curation.phi_eval import parse_labelled, score
from medpipe.curation.scrub import scrub_rows
from medpipe.publish.gate import phi_column
from medpipe.warehouse.rows import CURATED_SCHEMA
from medpipe.warehouse.text import content_id

DATA = Path(__file__).parent / "data"
LABELLED = DATA / "phi_labelled.txt"  # the tuning set
HELDOUT = DATA / "phi_heldout.txt"  # written apart from the rules; never tuned on

# (column, planted text, label): one identifier planted in each published column
PLANTED = [
    ("input", "Please write to me at jane.doe@example.com about the rash.", "EMAIL"),
    ("context", "Patient: my number is +91 98765 43210, call me.", "PHONE"),
    ("output", "Take rest and fluids.\nregards, dr. bhagyesh v. patel", "NAME"),
    ("reasoning", "The patient, aged 96, has a hip fracture.", "AGE"),
    ("messages", "i was admitted on 3/4/21 with dengue.", "DATE"),
    ("meta", "see https://www. healthtap.com/user_questions/1234567?utm_source=x&_hsenc=abc", "URL"),
]


def row(n: int, input_text: str = "What is asthma?", output: str = "A chronic disease of the airways.", **extra: object) -> dict[str, object]:
    base: dict[str, object] = {"id": "", "source": "src", "source_id": f"src:{n}", "input": input_text, "context": "", "output": output,
                               "reasoning": None, "messages": [], "license": "x", "meta": "{}", "flags": []}
    base |= extra
    base["id"] = content_id(str(base["input"]), str(base["context"]), str(base["output"]))
    return base


def frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=CURATED_SCHEMA)


def planted_rows() -> pl.DataFrame:
    rows = []
    for n, (column, text, _) in enumerate(PLANTED):
        if column == "messages":
            rows.append(row(n, messages=[{"role": "user", "content": text}, {"role": "assistant", "content": "Rest."}]))
        elif column == "meta":
            rows.append(row(n, meta=json.dumps({"url": text, "turns": 2, "nested": {"note": ["my name is Priya Menon"]}})))
        else:
            rows.append(row(n, **{column: text}))
    rows.append(row(len(rows)))  # a clean row
    return frame(rows)


def test_tuning_set_scores() -> None:
    result = score(LABELLED)
    assert result.labelled >= 150
    assert result.recall >= 0.99, result.misses
    assert result.precision >= 0.99, result.false_alarms


def test_heldout_set_scores_do_not_regress() -> None:
    """Measured once after tuning on the tuning set only (benchmarks/results/phi.md): recall 0.882, precision 0.961."""
    result = score(HELDOUT)
    assert result.labelled >= 200
    assert result.recall >= 0.88, result.misses
    assert result.precision >= 0.96, result.false_alarms


@pytest.mark.parametrize(
    "text,expected",
    [
        ("thanks for the query. regards, dr. bhagyesh v. patel", "thanks for the query. regards, dr. [NAME]"),
        ("in brief: rest. dr.jolanda", "in brief: rest. dr.[NAME]"),
        ("my husband saw dr mathews at st. stephens", "my husband saw dr [NAME] at st. stephens"),
        ("hello doctor, my name is sushil kumar and i have a cough", "hello doctor, my name is [NAME] and i have a cough"),
        ("thank you, sunita", "thank you, [NAME]"),
        ("mail me at ravi dot kumar at gmail dot com", "mail me at [EMAIL]"),
        ("see https://www. healthtap.com/q/1?x=1&_hsenc=p2A now", "see [URL] now"),
        ("my grandmother is ninety-four and weak", "my grandmother is [AGE] and weak"),
    ],
)
def test_lower_case_sign_offs_and_cues(text: str, expected: str) -> None:
    assert redact(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "This is Parkinson's disease and it progresses slowly.",
        "He has Hodgkin lymphoma; the Babinski sign is positive.",
        "Will there be any side effects?",
        "this is albendazole or pyrantel, both are safe.",
        "Call 911, 108 or the 988 lifeline; in the UK call NHS 111; poison help 1-800-222-1222 or 1800 425 1213.",
        "The NDC code is 0002-1433-80; NDC 50090-2876-0 is the 10 mg tablet.",
        "Read https://www.who.int/news-room/fact-sheets and https://www.bbc.com/news/health-51234567.",
        "The guideline was published on 12 March 2020. I have had diabetes since 2015.",
        "Take Allegra with montelukast; Crohn's disease and Graves disease are autoimmune.",
        "A 45-year-old man with a pulse of 98 and saturation of 95%.",
    ],
)
def test_non_personal_identifiers_are_kept(text: str) -> None:
    assert find_phi(text) == [], find_phi(text)


def test_scrub_redacts_every_published_column_and_rekeys() -> None:
    rows = planted_rows()
    scrubbed, counts = scrub_rows(rows)
    assert scrubbed["source_id"].to_list() == rows["source_id"].to_list()  # order kept
    by_column = {column: scrubbed.row(n, named=True) for n, (column, _, _) in enumerate(PLANTED)}
    for n, (column, text, label) in enumerate(PLANTED):
        got = by_column[column]
        if column == "messages":
            value = got["messages"][0]["content"]
        elif column == "meta":
            meta = json.loads(got["meta"])
            value = meta["url"]
            assert meta["nested"]["note"] == ["my name is [NAME]"] and meta["turns"] == 2
        else:
            value = got[column]
        assert f"[{label}]" in value and value != text, (column, value)
        assert f"phi_redacted:{label}" in got["flags"], got["flags"]
        keyed = column in ("input", "context", "output")
        assert (got["id"] != rows["id"][n]) == keyed
        assert got["id"] == content_id(got["input"], got["context"], got["output"])
    clean = scrubbed.row(len(PLANTED), named=True)
    assert clean == rows.row(len(PLANTED), named=True)
    assert all(counts[label] >= 1 for _, _, label in PLANTED)
    # what the scrub leaves, the gate no longer finds
    assert (phi_column(scrubbed.with_columns(pl.lit("train").alias("split"))) == "").all()


def test_gate_names_the_column_the_pattern_and_the_row() -> None:
    rows = planted_rows()
    found = phi_column(rows).to_list()
    for n, (column, _, label) in enumerate(PLANTED):
        assert f"row {rows['id'][n]}: {column} {label}" in found[n], found[n]
    assert found[len(PLANTED)] == ""


def test_gate_judges_each_column_on_its_own() -> None:
    rows = frame([row(0, input_text="my cough is better now. Thanks", output="Self quarantine for 14 days and drink fluids."),
                  row(1, input_text="can i take ibuprofen? thanks", output="Sunil, yes with food.")])
    found = phi_column(rows).to_list()
    assert found[0] == ""
    assert "output NAME" in found[1] and "input" not in found[1]


def test_scrub_prefilter_loses_nothing_on_the_tuning_set() -> None:
    texts = [parse_labelled(line)[0] for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    rows = frame([row(n, input_text=t, output="answer") for n, t in enumerate(texts)])
    scrubbed, _ = scrub_rows(rows)
    assert scrubbed["input"].to_list() == [redact(t)[0] for t in texts]


def test_redaction_is_stable() -> None:
    """Redacted text holds no further PHI: re-running the rules (as the gate does) finds nothing."""
    texts = [parse_labelled(line)[0] for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    leftovers = [(t, find_phi(redact(t)[0])) for t in texts]
    assert [x for x in leftovers if x[1]] == []


def test_real_dialogues_scrub_without_touching_clinical_numbers(realdata: Path) -> None:
    data = json.loads((realdata / "know_medical_dialogues" / "train_set_med.json").read_text(encoding="utf-8"))
    rows = frame([row(n, input_text=d["utterances"][0], output=d["utterances"][-1]) for n, d in enumerate(data)])
    scrubbed, counts = scrub_rows(rows)
    assert scrubbed.height == rows.height
    changed = scrubbed.filter(pl.col("flags").list.len() > 0)
    assert changed.height < 0.2 * rows.height  # COVID-era dialogues: signed by doctors, dated
    outputs = " ".join(scrubbed["output"].to_list()).lower()
    for name in ("bhagyesh", "kaushal bhavsar"):  # "jolanda" still survives in some sign-off forms (see the issue note)
        assert name not in outputs
