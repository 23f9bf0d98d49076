"""Decontamination: leaks of an evaluation question are caught, shared stock phrasing is not (constructed cases and the real files)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import polars as pl

from medpipe.curation import decontam
from medpipe.curation.decontam import DecontaminationConfig
from medpipe.warehouse.text import clean_text

STEP = " Which of the following is the most appropriate next step in the management of this patient?"
CAUSE = " Which of the following is the most likely cause of this patient's symptoms?"
VIGNETTES = [
    "A 45-year-old man presents with crushing chest pain radiating to the left arm and jaw for the past hour, with sweating and nausea. "
    "He smokes two packs a day and has untreated hyperlipidemia. His blood pressure is 150/95 mm Hg and pulse is 104/min. "
    "An ECG shows ST elevation in leads II, III and aVF with reciprocal depression in aVL.",
    "A 3-year-old girl is brought in by her father because of a barking cough, hoarse voice and inspiratory stridor that began after a mild cold. "
    "Symptoms are worse at night. Temperature is 38.1 C. She drools slightly and prefers to sit leaning forward on the bed.",
    "A 67-year-old woman with poorly controlled diabetes reports three days of severe ear pain with purulent discharge from the right ear. "
    "Examination shows granulation tissue at the bone-cartilage junction of the canal and a right facial droop.",
    "A 29-year-old marathon runner collapses at the finish line on a humid day and is confused. Rectal temperature is 41.2 C, "
    "the skin is hot and dry, and serum creatine kinase is markedly raised with dark urine.",
    "A 52-year-old farmer is found drooling, with pinpoint pupils, wheezing, bradycardia and muscle fasciculations after spraying his orchard "
    "without protective equipment in the early morning.",
]


def evals_of(*questions: str, eval_set: str = "medqa_test") -> pl.DataFrame:
    return pl.DataFrame({"eval_set": eval_set, "question_id": [f"test:{i}" for i in range(1, len(questions) + 1)], "question": list(questions)})


def rows_of(*inputs: str) -> pl.DataFrame:
    return pl.DataFrame({"id": [f"row{i}" for i in range(len(inputs))], "input": list(inputs)})


def matched(rows: pl.DataFrame, evals: pl.DataFrame, **params) -> dict[str, str]:
    return dict(decontam.contaminated(rows, evals, DecontaminationConfig(**params)).select("id", "question_id").iter_rows())


EVALS = evals_of(VIGNETTES[0] + STEP, VIGNETTES[1] + CAUSE, VIGNETTES[2] + STEP, VIGNETTES[3] + STEP, VIGNETTES[4] + CAUSE)


def test_verbatim_and_lightly_edited_copies_are_caught_and_name_the_question() -> None:
    q = EVALS["question"][0]
    edited = (q.replace("45-year-old", "48-year-old").replace("He smokes", "Smokes").replace("mm Hg", "mmHg")
              .replace(" the left arm", " left arm").replace("most appropriate next step", "best next step"))
    rows = rows_of(q, "Question: " + q + "\nA. Aspirin\nB. Heparin\nC. PCI\nD. Observation", edited, q.upper())
    found = decontam.contaminated(rows, EVALS)
    assert found["id"].to_list() == ["row0", "row1", "row2", "row3"]
    assert set(found["question_id"]) == {"test:1"} and set(found["eval_set"]) == {"medqa_test"}
    assert found.filter(pl.col("id") == "row0")["containment"][0] == 1.0
    assert found.filter(pl.col("id") == "row2")["containment"][0] >= 0.45
    assert found.columns == ["id", "eval_set", "question_id", "shared_ngrams", "question_ngrams", "containment", "n"]


def test_stock_phrasing_shared_with_several_eval_questions_is_not_a_leak() -> None:
    other = ("A 60-year-old man has had painless jaundice, pruritus and a 9-kg weight loss over two months; the gallbladder is palpable "
             "and non-tender and CT shows a mass in the head of the pancreas.")
    rows = rows_of(other + STEP, other + CAUSE, "What is the most appropriate next step in the management of this patient?",
                   "what is the most likely cause of the symptoms")
    # today's rule matched the first on its 13-gram of stock phrasing; the phrase is in three eval questions, so it is boilerplate
    assert matched(rows, EVALS) == {}
    scored = decontam.score_pairs(rows, EVALS)
    assert scored.height == 0


def test_phrasing_common_in_the_training_rows_does_not_count() -> None:
    sentence = "The skin is hot and dry, and serum creatine kinase is markedly raised with dark urine"
    rows = rows_of(*(f"Case {i}: a cyclist with cramps. {sentence}. What fluid would you give first?" for i in range(4)))
    loose = decontam.score_pairs(rows, EVALS)
    assert set(loose["question_id"]) == {"test:4"}  # the sentence is distinctive of eval question 4 ...
    assert decontam.score_pairs(rows, EVALS, DecontaminationConfig(train_df_max=3)).height == 0  # ... until more than train_df_max rows share it


def test_a_long_partial_copy_is_caught_by_its_shared_passage() -> None:
    sentences = [f"On day {d} the {organ} showed {finding} with {detail}." for d, organ, finding, detail in zip(
        range(1, 13), ["liver", "spleen", "kidney", "lung", "heart", "brain", "colon", "skin", "bone", "eye", "thyroid", "pancreas"],
        ["patchy necrosis", "marked congestion", "cortical scarring", "basal consolidation", "septal thickening", "periventricular lesions",
         "mucosal ulcers", "violaceous plaques", "lytic foci", "cotton wool spots", "cold nodules", "ductal dilatation"],
        ["bridging fibrosis", "siderotic nodules", "tubular casts", "air bronchograms", "myocyte disarray", "demyelination",
         "crypt abscesses", "spindle cells", "punched-out margins", "flame haemorrhages", "psammoma bodies", "calcified stones"])]
    long_question = " ".join(sentences) + STEP
    evals = pl.concat([EVALS, evals_of(long_question, eval_set="pathology")])
    copied = " ".join(sentences[:5]) + " What is the unifying diagnosis?"  # about 40% of the question, one long passage
    found = decontam.contaminated(rows_of(copied), evals)
    assert found.height == 1 and found["eval_set"][0] == "pathology"
    assert found["containment"][0] < 0.45  # caught by the shared passage (min_shared_ngrams), not by containment:
    assert decontam.contaminated(rows_of(copied), evals, DecontaminationConfig(min_shared_ngrams=10**6)).height == 0


def test_short_inputs_and_short_questions() -> None:
    evals = pl.concat([EVALS,
                       evals_of("Which nerve innervates the deltoid muscle of the shoulder?", "What is hypertension?", eval_set="mmlu_anatomy")])
    rows = rows_of(
        "In adults, which nerve innervates the deltoid muscle of the shoulder?",  # a short eval question inside a short input
        "What is hypertension?",  # fewer content words than the n-gram: matched as a whole text only
        "What is hypertension and how is it treated in pregnancy?",
        "Which nerve is it?",
        "deltoid muscle",
        "",
    )
    found = decontam.contaminated(rows, evals)
    assert dict(found.select("id", "question_id").iter_rows()) == {"row0": "test:1", "row1": "test:2"}
    assert set(found["eval_set"]) == {"mmlu_anatomy"}


def test_an_eval_question_listed_twice_keeps_its_ngrams() -> None:
    q = EVALS["question"][2]
    evals = pl.concat([EVALS, evals_of(q, eval_set="medqa_dev")])  # the same question in a second eval set
    found = decontam.contaminated(rows_of(q), evals)
    assert found.select("eval_set", "question_id").row(0) == ("medqa_dev", "test:1")  # smallest eval_set/question_id of the identical pair


def test_the_result_is_deterministic_and_independent_of_row_order() -> None:
    q1, q4 = EVALS["question"][0], EVALS["question"][3]
    inputs = [q1, q4 + " " + q1, "Unrelated: how long does a cold last?", q4.replace("29-year-old", "31-year-old"), VIGNETTES[2]]
    rows = rows_of(*inputs)
    first = decontam.contaminated(rows, EVALS)
    assert first.equals(decontam.contaminated(rows, EVALS))
    shuffled = rows.sample(fraction=1.0, shuffle=True, seed=3)
    assert first.equals(decontam.contaminated(shuffled, EVALS.sample(fraction=1.0, shuffle=True, seed=5)))
    assert first["id"].to_list() == sorted(first["id"].to_list())
    assert dict(first.select("id", "question_id").iter_rows())["row1"] == "test:1"  # two full questions: the one with more shared n-grams


def test_empty_inputs_give_an_empty_frame_with_the_schema() -> None:
    empty = decontam.contaminated(rows_of(), EVALS)
    assert empty.height == 0 and dict(empty.schema) == decontam.OUTPUT_SCHEMA
    assert decontam.contaminated(rows_of("anything at all"), EVALS.head(0)).height == 0


# ---- real files ----

def medqa_test(realdata: Path) -> pl.DataFrame:
    lines = (realdata / "medqa_usmle" / "test.jsonl").read_text(encoding="utf-8").splitlines()
    return pl.DataFrame({"eval_set": "medqa_test", "question_id": [f"test:{i}" for i in range(1, len(lines) + 1)],
                         "question": [clean_text(json.loads(line)["question"]) for line in lines]})


def light_edit(question: str, rng: random.Random) -> str:
    """Edits a leaker makes: another age, "most probable", units written out, a middle sentence dropped, articles dropped."""
    text = re.sub(r"\b(\d+)-year-old", lambda m: f"{int(m.group(1)) + 2}-year-old", question, count=1)
    text = text.replace("most likely", "most probable").replace("mm Hg", "mmHg").replace("/min", " per minute")
    sentences = re.split(r"(?<=[.?!])\s+", text)
    if len(sentences) >= 5:
        del sentences[rng.randrange(1, len(sentences) - 1)]
    return re.sub(r"\b(the|a|an) ", "", " ".join(sentences))


def test_planted_medqa_leaks_among_real_medical_o1_rows_are_the_only_rows_caught(realdata: Path) -> None:
    evals = medqa_test(realdata)
    o1 = json.loads((realdata / "medical_o1" / "demo_data.json").read_text(encoding="utf-8"))
    real = [clean_text(d[field]) for d in o1 for field in ("Question", "Open-ended Verifiable Question")]
    rng = random.Random(11)
    picked = rng.sample(range(evals.height), 30)
    planted = {f"verbatim:{i}": evals["question"][i]
               for i in picked[:15]} | {f"edited:{i}": light_edit(evals["question"][i], rng) for i in picked[15:]}
    rows = pl.DataFrame({"id": [f"o1:{k}" for k in range(len(real))] + list(planted), "input": real + list(planted.values())})
    found = decontam.contaminated(rows.sample(fraction=1.0, shuffle=True, seed=1), evals)
    assert sorted(found["id"]) == sorted(planted)
    assert all(row_id.split(":")[1] == str(int(qid.split(":")[1]) - 1) for row_id, qid in found.select("id", "question_id").iter_rows())
    # the two rows today's rule dropped share only stock phrasing with MedQA test: they stay
    assert decontam.contaminated(rows.filter(pl.col("id").str.starts_with("o1:")), evals).height == 0


def test_real_medqa_questions_reworded_are_caught_and_real_sources_are_clean(realdata: Path) -> None:
    evals = medqa_test(realdata)
    questions = evals["question"].to_list()[:200]
    reworded = ["Please help: " + " ".join(q.split()[:-4]) + " ... what now?" for q in questions if len(q.split()) >= 30]
    assert decontam.contaminated(rows_of(*reworded), evals).height == len(reworded)
    s2d = [json.loads(line)["input_text"] for line in (realdata / "symptom_to_diagnosis" / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    assert decontam.contaminated(rows_of(*s2d), evals).height == 0
