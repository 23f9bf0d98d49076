"""PHI: the rules on both labelled sets, the scrub over every published column, and the release gate's PHI check."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from medpipe.curation import scrub
from medpipe.warehouse import machine
from medpipe.warehouse.machine import worker_count
from medpipe.curation.phi import ALL_KINDS, find_phi, redact
from medpipe.curation.phi_eval import parse_labelled, score
from medpipe.curation import phi_scans
from medpipe.curation.phi_scans import phi_findings, record_scans
from medpipe.curation.scrub import PUBLISHED_COLUMNS, scrub_rows
from medpipe.publish.gate import phi_column
from medpipe_tests.helpers import offline_settings
from medpipe.sources.catalog import SOURCES
from medpipe.sources.config import SourceSettings
from medpipe.sources.load import normalise_records, raw_records
from medpipe.warehouse.rows import CURATED_SCHEMA
from medpipe.warehouse.text import content_id

DATA = Path(__file__).parent / "data"
LABELLED = DATA / "phi_labelled.txt"  # the first tuning set
HELDOUT = DATA / "phi_heldout.txt"  # written apart from the rules; tuned on in the second accuracy pass
UNTUNED = DATA / "phi_untuned.txt"  # written before the second pass; measured once (0.844/0.927), then tuned on too

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


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def gate_phi(con: duckdb.DuckDBPyConnection, rows: pl.DataFrame) -> list[str]:
    """The release gate's PHI column on `rows`, as `final_expectations` computes it."""
    return phi_column(rows, phi_findings(con, rows)).to_list()


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


# set 3 was measured once untuned (0.798 / 0.910, benchmarks/results/phi.md); these floors hold the tuned figures (the held-out set's
# 0.96 became 0.95 when issue 27 labelled "april was the worst month ..." as a DATE, which no rule reads)
@pytest.mark.parametrize("path,recall,precision", [(HELDOUT, 0.95, 0.98), (UNTUNED, 0.93, 0.98), (DATA / "phi_untuned3.txt", 0.94, 0.98)])
def test_second_and_third_sets_do_not_regress(path: Path, recall: float, precision: float) -> None:
    """Floors at the scores recorded in benchmarks/results/phi.md (both sets were tuned on: these are no longer held-out figures)."""
    result = score(path)
    assert result.labelled >= 200
    assert result.recall >= recall, result.misses
    assert result.precision >= precision, result.false_alarms


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
        # shapes of the real know_medical_dialogues file (names invented): a title glued to the sign-off, a name word that is
        # also an English word inside a name, a cue glued to the name, a known first name with an adjective's ending
        ("rest well. take caredr.marisol", "rest well. take caredr.[NAME]"),
        ("hope that helps.rgdsdr wayne tolliver would you like to video", "hope that helps.rgdsdr [NAME] would you like to video"),
        ("regards, dr. anders mark halvorsen, general surgeon", "regards, dr. [NAME], general surgeon"),
        ("hi my name is.brent i was diagnosed with pneumonia", "hi my name is.[NAME] i was diagnosed with pneumonia"),
        ("regards, dr. vasant", "regards, dr. [NAME]"),
        ("ok. dr. anil will call you", "ok. dr. [NAME] will call you"),  # "will" is a name only when a surname follows
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
        # eponyms and drugs that the real files' [NAME]s fell on
        "Restless legs syndrome, also known as Willis–Ekbom disease, and Durand–Nicolas–Favre disease.",
        "It seems you may have Ludwig's angina.",
        "The extended-release capsule (brand name: Inderal LA) is taken once a day; generic name: Sertraline.",
        "Another vaccine, called Tdap, protects against pertussis. i was given a vaccine called pneumo 23 and a drug named Humira.",
        "Hu·\u200bmira | hyü-ˈmer-ə",
    ],
)
def test_non_personal_identifiers_are_kept(text: str) -> None:
    assert find_phi(text) == [], find_phi(text)


def test_scrub_redacts_every_published_column_and_rekeys(con: duckdb.DuckDBPyConnection) -> None:
    rows = planted_rows()
    scrub = scrub_rows(rows)
    scrubbed, counts = scrub.rows, scrub.redactions
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
    # what the scrub leaves, the gate no longer finds, whether it scans the texts itself or reads the scrub's record
    assert phi_findings(con, scrubbed).height == 0
    fresh = duckdb.connect()
    record_scans(fresh, scrub.scans)
    assert phi_findings(fresh, scrubbed).height == 0


def test_no_planted_identifier_survives_in_any_published_column() -> None:
    """Identifiers of every kind planted in every published column of the same rows: none of their text is left."""
    planted = {"EMAIL": "anita.rao77@gmail.com", "PHONE": "+91 98450 12763", "NAME": "dr. bhagyesh patel", "ID": "mrn 00731952",
               "URL": "https://www.facebook.com/sunita.menon.77", "DATE": "born on 14/02/1961", "ADDRESS": "42 wellington road, leeds ls12 1ej",
               "IP": "103.21.58.190", "AGE": "she is 96 years old"}
    leaks = {"EMAIL": "anita.rao77", "PHONE": "98450", "NAME": "bhagyesh", "ID": "00731952", "URL": "sunita.menon", "DATE": "14/02",
             "ADDRESS": "wellington", "IP": "103.21", "AGE": "96"}
    rows = []
    for n, (label, text) in enumerate(planted.items()):
        sentence = f"please note: {text}. my cough is better."
        rows.append(row(n, input_text=sentence, output=f"rest. {sentence}", context=sentence, reasoning=sentence,
                        messages=[{"role": "user", "content": sentence}, {"role": "assistant", "content": f"ok. {sentence}"}],
                        meta=json.dumps({"description": sentence, "turns": 2, "nested": [{"note": sentence}]})))
    scrubbed = scrub_rows(frame(rows)).rows
    for n, label in enumerate(planted):
        got = scrubbed.row(n, named=True)
        published = {column: json.dumps(got[column]) for column in PUBLISHED_COLUMNS}
        assert {column: leaks[label] in value for column, value in published.items()} == dict.fromkeys(PUBLISHED_COLUMNS, False), (label, published)
        assert f"phi_redacted:{label}" in got["flags"]


def test_gate_names_the_column_the_pattern_and_the_row(con: duckdb.DuckDBPyConnection) -> None:
    rows = planted_rows()
    found = gate_phi(con, rows)
    for n, (column, _, label) in enumerate(PLANTED):
        assert f"row {rows['id'][n]}: {column} {label}" in found[n], found[n]
    assert found[len(PLANTED)] == ""


def test_gate_judges_each_column_on_its_own(con: duckdb.DuckDBPyConnection) -> None:
    rows = frame([row(0, input_text="my cough is better now. Thanks", output="Self quarantine for 14 days and drink fluids."),
                  row(1, input_text="can i take ibuprofen? thanks", output="Sunil, yes with food.")])
    found = gate_phi(con, rows)
    assert found[0] == ""
    assert "output NAME" in found[1] and "input" not in found[1]


def test_scrub_prefilter_loses_nothing_on_the_labelled_sets() -> None:
    texts = [parse_labelled(line)[0] for path in (LABELLED, HELDOUT, UNTUNED)
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    rows = frame([row(n, input_text=t, output="answer", source="medqa") for n, t in enumerate(texts)])  # the rules only (no tagger)
    assert scrub_rows(rows).rows["input"].to_list() == [redact(t)[0] for t in texts]


def test_redaction_is_stable() -> None:
    """Redacted text holds no further PHI: re-running the rules (as the gate does) finds nothing."""
    texts = [parse_labelled(line)[0] for path in (LABELLED, HELDOUT, UNTUNED)
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    leftovers = [(t, find_phi(redact(t)[0])) for t in texts]
    assert [x for x in leftovers if x[1]] == []


def test_real_dialogues_scrub_without_touching_clinical_numbers(realdata: Path) -> None:
    data = json.loads((realdata / "know_medical_dialogues" / "train_set_med.json").read_text(encoding="utf-8"))
    rows = frame([row(n, input_text=d["utterances"][0], output=d["utterances"][-1]) for n, d in enumerate(data)])
    scrubbed = scrub_rows(rows).rows
    assert scrubbed.height == rows.height
    changed = scrubbed.filter(pl.col("flags").list.len() > 0)
    # COVID-era dialogues: signed by doctors, dated (since issue 27 a month dating the person's event and a month+year are dates too:
    # "in june she had a lung infection", "since august 2014"; 100 of these 482 rows)
    assert changed.height < 0.25 * rows.height
    outputs = " ".join(scrubbed["output"].to_list()).lower()
    for name in ("bhagyesh", "kaushal bhavsar"):  # "jolanda" still survives in some sign-off forms (see the issue note)
        assert name not in outputs


def test_gate_reads_the_scrub_record_and_scans_only_new_texts(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    scrub = scrub_rows(planted_rows())
    record_scans(con, scrub.scans)
    with monkeypatch.context() as patched:
        patched.setattr(phi_scans, "scan_unknown", lambda unknown: pytest.fail(f"scanned again: {unknown}"))
        assert phi_findings(con, scrub.rows).height == 0
    # a text changed after the scrub was never scanned: the gate scans it, finds the e-mail, and records it
    changed = scrub.rows.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("write to asha.k@example.org")).otherwise(pl.col("output")).alias("output"))
    reads = []
    with monkeypatch.context() as patched:
        patched.setattr(phi_scans, "recorded", lambda c, read=phi_scans.recorded: reads.append(1) or read(c))
        assert gate_phi(con, changed)[0].endswith("output EMAIL (email)")
    assert len(reads) == 1  # the record is read once, what was scanned now is added to what was read
    assert gate_phi(con, changed)[0].endswith("output EMAIL (email)")  # now from the record


MEDDIALOG_COVID = """id=0
https://www.healthcaremagic.com/questions/covid-cough
Description
Dry cough after my friend tested positive.
Dialogue
Patient:
My friend tested positive for COVID yesterday and I have a dry cough and a mild fever since this morning. What should I do? Thanks
Doctor:
Self quarantine for 14 days, drink fluids and take paracetamol for the fever. Get tested, and go to a hospital if you are short of breath.

id=1
https://www.icliniq.com/qa/covid/loss-of-smell
Description
Q. I lost my sense of smell. Is it COVID?
Dialogue
Patient:
Hi doctor, I lost my sense of smell two days ago, no fever. Is it COVID? Thank you
Doctor:
Hi. Loss of smell is common in COVID-19. Isolate at home, get an RT-PCR test and call the 1075 helpline if you feel worse.
Regards, Dr. Kaushal Bhavsar

id=2
https://www.healthcaremagic.com/questions/covid-vaccine-after-infection
Description
When can I take the vaccine after COVID?
Dialogue
Patient:
I had COVID on 3/4/21 and recovered. My number is 98450 12763. When can I take the vaccine?
Doctor:
Hello, thanks for the query. You can take the vaccine three months after recovery. Wish you good health. Regards, dr. bhagyesh v. patel
"""


def test_meddialog_raw_text_build_alone_passes_the_gate_phi_check(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """The issue's case: a patient turn ending "Thanks" and a doctor turn starting "Self quarantine" is not PHI, and the names,
    dates and numbers of the other dialogues are scrubbed: the MedDialog raw-text format alone passes the gate's PHI check."""
    (tmp_path / "meddialog_en").mkdir()
    (tmp_path / "meddialog_en" / "english-train.txt").write_text(MEDDIALOG_COVID, encoding="utf-8")
    settings = offline_settings(tmp_path / "x.duckdb", raw_dir=tmp_path)
    _, records, _ = raw_records(SOURCES["meddialog_en"], SourceSettings.from_settings(settings), None)
    rows = normalise_records(SOURCES["meddialog_en"], records).kept
    assert rows.height == 3
    assert gate_phi(con, rows)[0] == ""  # the "Thanks" + "Self quarantine" dialogue is clean as it is
    scrubbed = scrub_rows(rows.with_columns(pl.lit([], pl.List(pl.String)).alias("flags")).select(list(CURATED_SCHEMA))).rows
    assert phi_findings(con, scrubbed).height == 0
    text = scrubbed.write_json()
    assert not any(leak in text.lower() for leak in ("kaushal", "bhagyesh", "98450", "3/4/21"))


# General shapes read off the misses of phi_untuned3.txt (its figures are tuning figures since); every example is new, not from the set.
GENERAL_CASES = [
    # ages over 89: a unit glued to the number, a three-word name, an apposition in commas, a parenthesis before the verb
    ("she is a 97yrs old lady with copd", "she is a [AGE]yrs old lady with copd"),
    ("my uncle rajesh kumar sharma is 94 and bedbound", "my uncle [NAME] is [AGE] and bedbound"),
    ("my grandma sofia, 96, fell yesterday", "my grandma [NAME], [AGE], fell yesterday"),
    ("My father (a retired teacher) is 92 now.", "My father (a retired teacher) is [AGE] now."),
    # addresses: a house number of a clear shape without a street word, a numbered street, "Dr" as a street, a Canadian
    # postcode, the continental order (street, number, postcode)
    ("ship to h-9 rose garden colony, lucknow 226010 please", "ship to [ADDRESS] please"),
    ("we live at no 12 kamarajar salai, madurai 625002", "we live at [ADDRESS]"),
    ("office: 230 e 14th st, new york, ny 10003", "office: [ADDRESS]"),
    ("Mail: 77 Cedar Ridge Dr, Austin, TX 78701.", "Mail: [ADDRESS]."),
    ("my flat is 9 elm rd, halifax, ns b3h 4r2", "my flat is [ADDRESS]"),
    ("Adresse: Lindenweg 4, 80331 München", "Adresse: [ADDRESS] München"),
    ("address: rue des lilas 8, 75011 paris", "address: [ADDRESS] paris"),
    # phones: an extension, digits spaced one by one around a dash, digits mixed with number words after a phone cue
    ("Ring the ward on (212) 555-0148 x 33 after six.", "Ring the ward on [PHONE] after six."),
    ("my cell 7 0 3 1 2 - 4 4 8 9 6", "my cell [PHONE]"),
    ("pls phone my son on 98765 four three two 10", "pls phone my son on [PHONE]"),
    # ids: "ref no" and national identity cards; e-mails with a country code after the second-level domain
    ("booking ref no KT-8841-2207 from the clinic", "booking ref no [ID] from the clinic"),
    ("my national id card number 19880412 5521 for the form", "my national id card number [ID] for the form"),
    ("write to meena.r at rediffmail dot co dot in", "write to [EMAIL]"),
    # dates: a weekday before the day and month, the day in words, a day/month without a year after "on"
    ("the scan is on friday, 17 march at noon", "the scan is on [DATE] at noon"),
    ("we fly home on the thirtieth of june", "we fly home on [DATE]"),
    ("the cast came off on 23/8 and it still hurts", "the cast came off on [DATE] and it still hurts"),
    # names: a cue exists ("hi im", a dash or "sent from my ..." before a closing name, "X here," opening a message, "uncle X
    # has", a two-word capitalised name after "I'm" confirmed after its second word, an abbreviated first name, a name of
    # three lower-case words)
    ("hi im tanvir ahsan 38m, cough for 2 weeks", "hi im [NAME] 38m, cough for 2 weeks"),
    ("Thanks so much for the advice. - Marguerite Okafor", "Thanks so much for the advice. - [NAME]"),
    ("Sent from my Galaxy\nRosalind Achterberg", "Sent from my Galaxy\n[NAME]"),
    ("patient: tembeka here, my knee is swollen", "patient: [NAME] here, my knee is swollen"),
    ("uncle femi has had a cough for a month", "uncle [NAME] has had a cough for a month"),
    ("Hello, I'm Saoirse Ni Bhriain and I have eczema.", "Hello, I'm [NAME] and I have eczema."),
    ("my name is mohd. rafiqul haque and i have fever", "my name is [NAME] and i have fever"),
    ("this is pham quoc bao, my father has gout", "this is [NAME], my father has gout"),
]
GENERAL_TRAPS = [
    "my father, 92 kg, has gout",
    "the patient (bp 140/90) was 98 percent saturated",
    "hb 9.8, vitamin b-12 low, platelet count 150000",
    "take no 2 tablets, wbc 11000",
    "the weg 2 trial enrolled 2019 people",
    "take one two three four tablets of 500 mg",
    "call the covid helpline 1075 or the number one two three four 5678 hotline",
    "NDC ref 0002-1433-80 for the 10 mg pen",
    "i take it on 1/2 tablet at night and my vision was 6/6 on 6/6 test",
    "the third of my tablets and the first of many",
    "I moved here from Florence. The rash is itchy.",
    "he has an ayushman card and an esic card",
    "- Ibuprofen 400 mg\n- Paracetamol",
    "patient: pain here, near the ribs",
    "uncle has diabetes and aunt has asthma",
]


@pytest.mark.parametrize("text,expected", GENERAL_CASES)
def test_general_shapes_of_the_third_set(text: str, expected: str) -> None:
    assert redact(text)[0] == expected


@pytest.mark.parametrize("text", GENERAL_TRAPS)
def test_general_shapes_keep_their_traps(text: str) -> None:
    assert find_phi(text) == [], find_phi(text)


def test_prefilter_agrees_with_the_rules_on_the_third_set_and_the_new_shapes() -> None:
    import polars as pl

    from medpipe.curation.phi import kind_masks

    texts = [parse_labelled(line)[0] for line in (DATA / "phi_untuned3.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")] + [t for t, _ in GENERAL_CASES] + GENERAL_TRAPS
    masks = kind_masks(pl.Series(texts)).to_list()
    assert [find_phi(t, m) for t, m in zip(texts, masks)] == [find_phi(t) for t in texts]


def test_forked_workers_find_what_one_process_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scrub shares the Python rules with forked workers above machine.FORK_FROM texts: same spans, same order."""
    lines = [line for path in sorted(DATA.glob("phi_*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    texts = [(parse_labelled(line)[0], ALL_KINDS) for line in lines]
    assert len(texts) > 500
    monkeypatch.setattr(machine, "FORK_FROM", 100)
    if worker_count() < 2:
        pytest.skip("one core: find_many runs the rules in this process only")
    found = scrub.find_many(texts)
    assert found == scrub.find_all(texts)
    assert sum(map(len, found)) > 500


_PARENT = os.getpid()


def _dies_in_a_worker(part: list[tuple[str, int]]) -> list:
    if os.getpid() != _PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return [find_phi(text, kinds=mask) for text, mask in part]


def test_a_killed_phi_worker_costs_time_not_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker that dies (here: kills itself) leaves the rules to the scrub's own process: the same spans."""
    texts = [("call me on 98450 12763, regards dr. meera kulkarni", ALL_KINDS)] * 300
    monkeypatch.setattr(machine, "FORK_FROM", 100)
    if worker_count() < 2:
        pytest.skip("one core: find_many runs the rules in this process only")
    expected = scrub.find_all(texts)
    monkeypatch.setattr(scrub, "find_all", _dies_in_a_worker)
    assert scrub.find_many(texts) == expected and expected[0]
