"""Quality steps on real shapes: boilerplate, scrape junk, run-on turns, language, templates, paraphrase cap, split groups,
length bounds per kind, the cluster keep-rule and the system prompts."""

from __future__ import annotations

import json
import logging

from pathlib import Path

import polars as pl
import pytest

from medpipe.curation import boilerplate, quality
from medpipe.curation.answers import not_an_answer
from medpipe.warehouse import machine
from medpipe.curation.boilerplate import frequent_boilerplate, strip_boilerplate
from medpipe.curation.clusters import keep_one_per_cluster
from medpipe.curation.lengths import LengthBounds, filter_length
from medpipe.curation.quality import (CleanTextConfig, LanguageConfig, clean_text_step, cut_run_on, filter_language, fix_junk,
                                      letter_count, not_english)
from medpipe.curation.runner import StepContext
from medpipe.curation.splits import ParaphraseCapConfig, cap_paraphrases, split_groups
from medpipe.publish.audit import contradictions, empty_slot_column, leakage_counts
from medpipe.publish.prompts import SYSTEM_PROMPTS, contradicts
from medpipe.sources.normalisers import symptom_to_diagnosis
from medpipe.sources.templates import DIAGNOSIS, empty_slot
from medpipe.warehouse.rows import CURATED_SCHEMA, Malformed
from medpipe.warehouse.text import content_id


DATA = Path(__file__).parent / "data"


def rows(*pairs: tuple[str, str, str], flags: list[str] | None = None) -> pl.DataFrame:
    return pl.DataFrame([{"id": content_id(q, "", a), "source": s, "source_id": f"{s}:{i}", "input": q, "context": "", "output": a, "reasoning": None,
                          "messages": [], "license": "x", "meta": "{}", "flags": flags or []}
                              for i, (s, q, a) in enumerate(pairs)], schema=CURATED_SCHEMA)


def context(config: object) -> StepContext:
    return StepContext(con=None, config=config, resources={}, warehouse=None, log=logging.getLogger("test"))


def test_reviewed_boilerplate_is_stripped_and_recorded() -> None:
    answer = ("in brief: possible strep. a sore throat with fever may be strep; a throat swab tells. "
              "would you like to video or text chat with me? let me know if i can assist you further.regards, dr. kaushal bhavsar")
    stripped = strip_boilerplate(answer)
    assert stripped.text == "possible strep. a sore throat with fever may be strep; a throat swab tells."
    assert any("video or text chat" in r for r in stripped.removed) and any(r.startswith("regards") for r in stripped.removed)


def test_frequent_sentences_are_boilerplate_only_when_they_ignore_the_question() -> None:
    questions = [f"question {i} about my {topic}" for i, topic in enumerate(["knee", "rash", "cough", "ear", "eye", "back", "tooth"])]
    questions += ["my sore throat hurts"] * 6
    answers = [f"Answer {i} with content. Stay safe out there friend." for i in range(7)]
    answers += [f"Gargle salt water {i}. A sore throat that lasts a week needs a throat swab." for i in range(6)]
    found = frequent_boilerplate(questions, answers, min_answers=5)
    assert "stay safe out there friend" in found
    assert not any("throat" in key for key in found)  # repeated under questions about the same thing: content


def test_scrape_junk_and_missing_space() -> None:
    text, fixes = fix_junk("Esidrix®¶    Hydrodiuril®¶ bimatoprost (UNII: QXS94885MZ) (bimatoprost - UNII:QXS94885MZ) helps "
                           "diarrhea.This see www.fda.gov")
    assert text == "Esidrix® Hydrodiuril® bimatoprost helps diarrhea. This see www.fda.gov"
    assert set(fixes) == {"registry_code", "pilcrow", "missing_space_after_full_stop"}


def test_a_search_skipped_for_want_of_its_literal_would_have_found_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reviewed phrase and junk pattern is searched only in texts holding its literal: on real rows and on examples of every
    pattern, the result is what searching every text gives."""
    texts = [json.loads(line)[column] for line in (DATA / "audit_seed.jsonl").read_text().splitlines() for column in ("input", "output")]
    texts += ["Thanks for your query on HCM. Rest.", "HELLO AND WELCOME TO 'ASK A DOCTOR' SERVICE. Ice it.", "I have read your query.",
              "Hope this helps you. As an AI, I cannot. (end of conversation)", "Wishing good health to your mother.",
              "Take it (UK: ) daily [12] ¶ with water ★★★ and ==== rest (NDC: 1234-56)", "In brief: rest. Best regards, Dr. Ann Lee",
              "healthtap doctors say so. I will be happy to help you further. welcome to health care magic, ok",
              "Héllo ★★★ (CAS: 50-00-0) [3]", "let me know if I can help you further.thanks ~~~~ &&& Patient: ok"]

    def clean(text: str) -> tuple:
        return strip_boilerplate(text), fix_junk(text), cut_run_on(text)

    guarded = [clean(text) for text in texts]
    monkeypatch.setattr(boilerplate, "REVIEWED_PATTERNS", tuple((name, "", p) for name, _, p in boilerplate.REVIEWED_PATTERNS))
    monkeypatch.setattr(quality, "JUNK", tuple((name, p, replacement, ("",)) for name, p, replacement, _ in quality.JUNK))
    assert guarded == [clean(text) for text in texts]
    assert sum(bool(strip.removed) for strip, _, _ in guarded) >= 10 and sum(bool(fixes) for _, (_, fixes), _ in guarded) >= 5


def test_the_quality_steps_decide_the_same_in_forked_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """clean_text and filter_language share their rows with forked workers (machine.map_in_forks): same rows, same reasons."""
    seed = [json.loads(line) for line in (DATA / "audit_seed.jsonl").read_text().splitlines()]
    frame = rows(*[("know_medical_dialogues", r["input"], r["output"]) for r in seed],
                 ("chat", "Ek het al drie dae koors en my keel is baie seer, wat moet ek doen?", "Drink fluids. Patient: ok"))
    alone = [clean_text_step(frame, context(CleanTextConfig())), filter_language(frame, context(LanguageConfig()))]
    monkeypatch.setattr(machine, "FORK_FROM", 50)
    if machine.worker_count() < 2:
        pytest.skip("one core: the steps fork no worker")
    forked = [clean_text_step(frame, context(CleanTextConfig())), filter_language(frame, context(LanguageConfig()))]
    assert all(a.equals(f) for a, f in zip(alone, forked))
    assert "run_on_turn_cut" in alone[0]["flags"].to_list()[-1]
    assert alone[1]["drop_reason"].to_list()[-1] == "not_english"


def test_run_on_turn_is_cut_or_quarantined() -> None:
    assert cut_run_on("Drink fluids and rest. Patient: thank you doctor") == ("Drink fluids and rest.", "Patient:")
    assert cut_run_on("Ask the user: how long has it hurt?")[1] is None  # a label inside a sentence is not a new turn
    frame = rows(("chat", "I have a cough for two days", "Drink warm fluids.\nPatient: ok and what about fever?"),
                 ("chat", "Is ibuprofen fine with a cold?", "Patient: yes"))
    out = clean_text_step(frame, context(CleanTextConfig()))
    assert out["output"][0] == "Drink warm fluids." and "run_on_turn_cut" in out["flags"][0]
    assert json.loads(out["meta"][0])["stripped"] == ["run-on turn from 'Patient:'"]
    assert out["id"][0] != frame["id"][0]  # content changed: so did the id
    assert "run_on_turn_cut" not in out["flags"][1] and out["output"][1] == "Patient: yes"  # a turn label at the very start is not a run-on


def test_answer_of_only_boilerplate_is_quarantined() -> None:
    out = clean_text_step(rows(("chat", "Thanks doctor for the help", "Would you like to video or text chat with me?")), context(CleanTextConfig()))
    assert out["drop_reason"].to_list() == ["nothing_left"]


def test_answers_that_do_not_answer_are_quarantined_per_kind() -> None:
    """Real shapes of know_medical_dialogues and medicationqa rows (consultation, reference), and the good short answers beside them."""
    cases = [  # (kind, question, answer, reason or None)
        ("consultation", "i have cough with no travel history. is this a symptom of covid-19?", "hello, i understand your concern. i just have a "
         "few more questions. does your cough has phlegm? any other symptoms like difficulty breathing? are you a smoker?", "not_an_answer"),
        ("consultation", "possible covid-19 - mild symptoms - next steps?", "may confirm with", "not_an_answer"),
        ("consultation", "should i get tested for covid 9?", "maybe. do video w/", "not_an_answer"),
        ("consultation", "do i have covid 19?", "unknown without any details it's impossible to say.", "not_an_answer"),
        ("consultation", "i went to the dr for a cough and fever on march 5.", "question you have not posted a question.", "not_an_answer"),
        ("consultation", "should one also cover eyes in addition to covering mouth and nose?", "correct. every bit helps.", None),
        ("consultation", "how do i know if i have corona virus?", "to be sure, get tested!", None),
        ("consultation", "will the pneumonia vaccines prevent pneumonia from the flu?", "no. the vaccines prevent bacterial pneumonia. they "
         "have no effect on viral pneumonia.", None),
        ("reference", "what is the class for insulin glargine?", "DEA Schedule: None", "not_an_answer"),
        ("reference", "what medication not to take with lithium", "What special precautions should I follow?", "not_an_answer"),
        ("reference", "show me the stages of oxycodone 15 milligram hcl", "Stages of Opiate Withdrawal …", "not_an_answer"),
        ("reference", 'is oxybutynin an "opioid?"', "OXYBUTYNIN CHLORIDE", "not_an_answer"),
        ("reference", "how you use for paracetamol", "Acetaminophen", "not_an_answer"),
        ("reference", "where does fluorouracil come from", "dailymed list of manufacturers", "not_an_answer"),
        ("reference", "What is Chest infection?", "Chest infection may refer to:  Upper respiratory tract infection Pneumonia", "not_an_answer"),
        ("reference", "tudorza pressair is what schedule drug", "DEA Schedule: None", None),
        ("reference", "what mg norco comes in", "... NORCO® 5/325 ... NORCO® 7.5/325 ... NORCO® 10/325 …", None),
        ("reference", "why no side affects on hydromorphone listed", "Hydromorphone may cause side effects.", "not_an_answer"),
        ("reference", "what's the smell of marijuana", "Consumer perceptions of strain differences in Cannabis aroma … [whole page]",
         "not_an_answer"),
        ("reference", "how to give insulin", "Insulin comes as a solution (liquid) and a suspension (liquid with particles that will settle on "
         "standing) to inject subcutaneously. Insulin is usually injected several times a day … [whole section]", None),
        ("reference", "what is actonel prescribed for?", "Postmenopausal Osteoporosis ... Osteoporosis in Men ... Paget’s Disease …", None),
        ("reference", "what color is phenytoin", "PINK", None),
        ("reference", "what is docusate sodium", "Stool softener", None),
        ("reference", "what valacyclovir looks like", "Color blue Shape CAPSULE Size 17mm", None),
        ("reference", "what insulin can be mixed with glargine", "Do not mix with other insulins", None),
        ("exam", "What is the gold-standard test?", "Biopsy", None),
    ]
    assert [(v or (None,))[0] for v in (not_an_answer(q, a, kind) for kind, q, a, _ in cases)] == [reason for *_, reason in cases]


def test_refusals_requests_for_more_and_missing_lists_are_not_answers() -> None:
    """Real shapes: a scope refusal, an opening request for more information before stock advice, a list or table the scrape left
    out, a label's table of contents, a site's line that only says reports exist, an answer cut inside a link; and the real
    answers beside them that must stay (the list after an ellipsis, values beside a table pointer, a finding of a report site,
    the same stock advice opened by a recommendation, an invitation to come back to the forum, a cut date stamp)."""
    stock_advice = ("difficult to advise without more information, so seek evaluation by a doctor. because of covid, try to do that by "
                    "phone/telemedicine. however, seek care right away if difficulty breathing, or severe symptoms.")
    cases = [  # (kind, question, answer, reason or None)
        ("consultation", "i need a referral letter to get a covid test done", "see your physician. your personal physician can give you "
         "this letter. this forum is for answering general medical/dental questions.", "not_an_answer"),
        ("consultation", "will i be covered if i get corona 19 with my medival aid?", "probably... ... but we here on this forum answer "
         "general medical questions, not particulars of individual medical coverage. call medival aid to know for sure.", "not_an_answer"),
        ("consultation", "on an antibiotic amoxicillin 1000mg morning and night?", f"need more info! {stock_advice}", "not_an_answer"),
        ("consultation", "singulair could help prevent viral pneumonia, would this hold true for covid?", "no. it is not... yet that "
         "new is based in a paper (https://journals. plos.org/plospathogens/article?", "not_an_answer"),
        ("reference", "what drugs case erectile dysfuntion", "The following is a list of some medicines and drugs that may cause "
         "impotence in men. There may be additional drugs other than those on this list that can cause erectile difficulties.",
         "not_an_answer"),
        ("reference", "how many mgs of seroquel does one take for sleep", "The recommended initial dose, titration, dose range and "
         "maximum SEROQUEL dose for each approved indication is displayed in Table 1. After initial dosing, adjustments can be made "
         "upwards or downwards", "not_an_answer"),
        ("reference", "senna tablets what dose", "HOW SUPPLIED … DOSAGE & INDICATIONS ... MAXIMUM DOSAGE ... DOSING CONSIDERATIONS ... "
         "ADMINISTRATION …", "not_an_answer"),
        ("reference", "how can biotin effect my blood test", "FDA Warns that Biotin May Affect Some Lab Test Results …", "not_an_answer"),
        ("reference", "can i drink cataflam when i drink medrol;", "Drug interactions are reported among people who take Medrol and "
         "Cataflam together. This study is created by eHealthMe based on reports of 36 people who take Medrol and Cataflam from FDA, "
         "and is updated regularly.", "not_an_answer"),
        ("consultation", "i'm not sure, my temperature is 36.5, i have some chills", f"seek evaluation. {stock_advice}", None),
        ("consultation", "i am an asthmatic, my chest is tight", "not yet. only if your respiration rate goes above 25. use this forum "
         "if your symptoms change. we are here for you.", None),
        ("consultation", "is covering mouth and nose by mask sufficient?", "distance staying separated by 6 feet can make a difference! "
         "the following guideline should help!https://www. healthtap.com/blog/covid-19-care-guidelines/preventing-covid-", None),
        ("consultation", "i am experiencing sore throat and lightheaded", "covid-19 infections tend to have chest cough, whereas strep "
         "usually lacks cough but has more throat pain. can call dr. on video or phone. (mar.", None),
        ("reference", "can i drink voltarel or cataflam when i drink medrol", "Methylprenisolone (oral route) ... Using this medicine "
         "with any of the following medicines is usually not recommended, but may be required in some cases. … Diclofenac", None),
        ("reference", "what is the dosage of levofloxacin tablets for bronchitis please", "The usual dose of levofloxacin tablets are "
         "250 mg or 500 mg administered orally every 24 hours, as indicated by infection and described in Table 1.", None),
        ("reference", "why am i so cold taking bystolic b p med", "Feeling cold is found among people who take Bystolic, especially "
         "for people who are female, 60+ old. This study is created by eHealthMe based on reports of 11,671 people.", None),
        ("reference", "when does skin redness start on fluorouracil", "When Fluorouracil 5% Topical Cream is applied to a lesion, a "
         "response occurs with the following sequence: erythema, usually followed by vesiculation, desquamation.", None),
    ]
    assert [(v or (None,))[0] for v in (not_an_answer(q, a, kind) for kind, q, a, _ in cases)] == [reason for *_, reason in cases]


def test_a_drug_label_table_is_quarantined_but_a_list_of_ingredients_answers() -> None:
    frame = rows(("medicationqa", "81% aspirin contain resin and shellac in it. ?", "Inactive Ingredients  Ingredient Name"),
                 ("medicationqa", "what does tasmar contain", "CTIVE INGREDIENT/ACTIVE MOIETY\nTolcapone (UNII: CIF6334OLY) \n\nINACTIVE "
                  "INGREDIENTS\nLactose Monohydrate (UNII: EWQ57Q8I5X)\npovidone K30 (UNII: U725QWY32X)"),
                 ("medicationqa", 'is penicillin in the pill "montelukast?"', "What are the ingredients in montelukast sodium tablets?\n\nActive "
                  "ingredient: montelukast sodium, USP\n\nInactive ingredients:\n\n10 mg tablet: croscarmellose sodium, lactose monohydrate"),
                 ("medicationqa", "what is in norvasc", "ACTIVE INGREDIENT-AMLODIPINE BESYLATE; INACTIVE INGREDIENTS-MICROCRYSTALLINE CELLULOSE"))
    assert clean_text_step(frame, context(CleanTextConfig()))["drop_reason"].to_list() == ["drug_label_table", "drug_label_table", None, None]


def test_a_consultation_left_with_too_little_after_stripping_is_boilerplate_only() -> None:
    frame = rows(("know_medical_dialogues", "my 2 year old has a cough and fever, can she be tested for covid19?",
                  "in brief: yes call your doctor for advise. would you like to video or text chat with me?"),
                 ("know_medical_dialogues", "was in cape town, now a sore throat and dry cough",
                  "in brief: yes yes would you like to video or text chat with me?"),
                 ("know_medical_dialogues", "my son has a snotty nose and sore throat, no fever",
                  "in brief: no not now get telephonic consult via this or other forums. not indicated to be tested right now. "
                  "would you like to video or text chat with me?"))
    out = clean_text_step(frame, context(CleanTextConfig()))
    assert out["drop_reason"].to_list() == ["boilerplate_only", "boilerplate_only", None]
    assert "referral" in out["drop_detail"][0] and out["output"][2].startswith("no not now")


def test_language_step_quarantines_afrikaans_only() -> None:
    frame = rows(("chat", "Ek het al drie dae koors en my keel is baie seer, wat moet ek doen?",
                  "Drink plenty of fluids and see a doctor if it lasts."),
                 ("chat", "i have had a dry cough and a mild fever since monday, is it covid?", "It could be; take a test and stay home."),
                 ("chat", "CME?", "Continuing medical education."))
    out = filter_language(frame, context(LanguageConfig()))
    assert out["drop_reason"].to_list() == ["not_english", None, None]
    assert "af" in out["drop_detail"][0]


def test_a_text_of_other_script_digits_or_marks_only_is_not_a_crash() -> None:
    """Devanagari digits are in the other-script ranges but are not letters: no division by zero letters."""
    assert not_english("०१२३", LanguageConfig()) is None
    assert letter_count("x\u0301 é ०") == sum(c.isalpha() for c in "x\u0301 é ०") == 2


def test_template_never_filled_with_an_empty_slot() -> None:
    with pytest.raises(Malformed, match="empty_template_slot"):
        symptom_to_diagnosis({"input_text": "I have a rash on my arms.", "output_text": "  "})
    assert DIAGNOSIS.fill(label="impetigo") == "The most likely diagnosis is impetigo."
    assert empty_slot("The most likely diagnosis is .") and empty_slot("The most likely diagnosis is N/A.")
    assert empty_slot("The most likely diagnosis is typhoid.") is None
    final = rows(("symptom_to_diagnosis", "fever and rash", "The most likely diagnosis is ."))
    assert empty_slot_column(final)[0].startswith("row ")


def test_paraphrase_cap_keeps_two_questions_per_answer_but_not_for_templates() -> None:
    answer = "Cool the burn under cool running water for 20 minutes and cover it with cling film."
    frame = rows(*[("first_aid_intents", q, answer) for q in ("how to treat a burn", "what to do for a burn", "i burned my hand", "burn first aid")],
                 *[("symptom_to_diagnosis", f"symptoms {i} itchy scaly patches on my elbows",
                    "The most likely diagnosis is psoriasis.") for i in range(4)])
    out = cap_paraphrases(frame, context(ParaphraseCapConfig()))
    assert out.filter(pl.col("source") == "first_aid_intents")["drop_reason"].null_count() == 2
    assert out.filter(pl.col("drop_reason") == "paraphrase_cap").height == 2
    assert out.filter(pl.col("source") == "symptom_to_diagnosis")["drop_reason"].null_count() == 4


def test_split_groups_join_shared_questions_answers_and_near_duplicates() -> None:
    long_answer = "Take it with food, twice a day, and do not drink alcohol while you take it."
    frame = rows(("a", "how do i take metformin tablets", long_answer), ("a", "what is the dose of metformin for adults", long_answer),
                 ("b", "what is the dose of metformin for adults", "500 mg twice a day."),
                 ("c", "is it safe to take ibuprofen with a mild cold today", "Yes, for most adults."),
                 ("c", "is it safe to take ibuprofen with a mild cold today?", "Usually yes."),
                 ("d", "what causes a migraine", "Several triggers."))
    groups = split_groups(frame)["split_group"].to_list()
    assert groups[0] == groups[1] == groups[2] and groups[3] == groups[4] and len(set(groups)) == 3
    assert split_groups(frame.slice(3, 3))["split_group"].to_list() == groups[3:]  # other groups' rows keep their anchor when rows are added


def test_length_bounds_per_kind_keep_short_gold_answers_and_long_reasoning() -> None:
    frame = rows(("medical_o1_verifiable_problem", "What colour is a 10 mg Valium tablet?", "Blue"),
                 ("medical_o1_reasoning_sft", "A 30-year-old with fever and rose spots. Diagnosis?", "x" * 2199),
                 ("know_medical_dialogues", "my knee hurts when i run", "Rest."),
                 ("medicationqa", "how to use albuterol oral inhalation", "To inhale the aerosol using an inhaler, follow these steps: " * 70))
    out = filter_length(frame, context(LengthBounds()))
    assert out["drop_reason"].to_list() == [None, None, "output_too_short", None]  # a label's 4,000+ character instructions too


def test_cluster_keeps_the_cleanest_copy() -> None:
    cased = "A sore throat with fever may be strep; a throat swab tells."
    frame = rows(("know_medical_dialogues", "sore throat", cased.lower() + " would you like to video or text chat with me?"),
                 ("know_medical_dialogues", "Sore throat", cased))
    ranked = keep_one_per_cluster(frame, [0, 0], {"know_medical_dialogues": 0})
    assert ranked["kept"].to_list() == [False, True]


def test_system_prompts_fit_their_answers() -> None:
    frame = rows(("symptom_to_diagnosis", "fever and rose spots", "The most likely diagnosis is typhoid."),
                 ("medical_o1_reasoning_sft", "A 30-year-old with fever", "The most likely diagnosis is typhoid fever."),
                 ("know_medical_dialogues", "sore throat", "It may be strep throat; the most likely diagnosis is a viral pharyngitis."))
    assert contradictions(frame) == 0
    old = "You give general medical information, not a diagnosis, and you advise seeing a qualified health professional."
    assert contradicts(old, "The most likely diagnosis is typhoid.")
    assert not any(contradicts(p, "The most likely diagnosis is typhoid.") for p in SYSTEM_PROMPTS.values())


def test_leakage_counts() -> None:
    answer = "Cool the burn under cool running water for 20 minutes and cover it."
    final = rows(("a", "how to treat a burn", answer), ("a", "burn first aid please", answer), ("a", "how to treat a burn", "Cool it."))
    final = final.with_columns(pl.Series("split", ["train", "test", "test"]))
    assert leakage_counts(final) == {"test_questions_in_train": 1, "test_answers_in_train": 1}
