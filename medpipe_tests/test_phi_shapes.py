"""PHI rules: the shapes added after set 5 was scored (issue 27): dates of other languages and scripts, a month alone or with its
year, a weekday with a short numeric date, national and account IDs, ages over 89 in more shapes, portal and meeting links,
names that are also words in a name position, full capitalised names, names in CJK and Cyrillic script. Small and fast."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from medpipe.curation.phi import find_phi, kind_masks, name_position, redact
from medpipe.curation.phi_eval import parse_labelled

DATA = Path(__file__).parent / "data"

SHAPES = [
    # dates: other languages (with their weekday), East Asian and Vietnamese, a weekday with d/m, a month with its year or alone
    ("el miércoles 3 de diciembre tiene cita", "el [DATE] tiene cita"),
    ("attended clinic on vendredi 28 novembre and", "attended clinic on [DATE] and"),
    ("op dinsdag 4 februari is mijn afspraak", "op [DATE] is mijn afspraak"),
    ("randevum 12 nisan 2025 tarihinde", "randevum [DATE] tarihinde"),
    ("fever since 2 azar and a rash", "fever since [DATE] and a rash"),
    ("a heart attack on 5月12日 and now", "a heart attack on [DATE] and now"),
    ("sinh ngày 15 tháng 8 năm 1961, huyết áp", "sinh ngày [DATE], huyết áp"),
    ("the next blood test is due mon 12/01, please fast", "the next blood test is due [DATE], please fast"),
    ("Admission note Sat 6/12: reduced intake", "Admission note [DATE]: reduced intake"),
    ("she turns 100 in May 2027, how do we", "she turns [AGE] in [DATE], how do we"),
    ("i was admitted in june and", "i was admitted in [DATE] and"),
    ("the appointment is the 24th or the 25th?", "the appointment is [DATE] or [DATE]?"),
    # IDs: national and account shapes, cue words of other languages, a cue a few words before its value, a long number
    ("my philhealth number is 12-050372194-6 will it", "my philhealth number is [ID] will it"),
    ("my ktp number is 3174052708900003 for the claim", "my ktp number is [ID] for the claim"),
    ("my cpf is 318.402.556-17 and", "my cpf is [ID] and"),
    ("my hmo id is hyg/22/118730", "my hmo id is [ID]"),
    ("my mrn at st james's is 2104887 in case", "my mrn at st james's is [ID] in case"),
    ("my account number with the lab is acc-7734120 and", "my account number with the lab is [ID] and"),
    ("Rx RX-00391774 for the amoxicillin", "Rx [ID] for the amoxicillin"),
    ("someone logged into my account from 203.0.113.88, that's", "someone logged into my account from [IP], that's"),  # not an ID
    ("I'm Giorgos, AMKA 12038101234. My pharmacy", "I'm [NAME], AMKA [ID]. My pharmacy"),
    ("polis 7754 3310 2298 1046, c/o palpitations", "polis [ID], c/o palpitations"),
    # ages over 89
    ("my grandma is 97 and", "my grandma is [AGE] and"),
    ("my nan rose is 97, she keeps falling", "my nan [NAME] is [AGE], she keeps falling"),
    ("ED triage: fall at home, 91y, GCS 15", "ED triage: fall at home, [AGE]y, GCS 15"),
    ("Halima Yusuf, 97F, from nursing home", "[NAME], [AGE]F, from nursing home"),
    ("my grandad turned 100 and got a card", "my grandad turned [AGE] and got a card"),
    ("My mother, Esther Nakamura, is 104 -- can she", "My mother, [NAME], is [AGE] -- can she"),
    # identifying links
    ("results in the portal https://mychart.riversidehealth.org/patient/55103278/results ok",
     "results in the portal [URL] ok"),
    ("your link is https://meet.carepoint.health/visit/88213-kpz for", "your link is [URL] for"),
    # names that are words, drugs or eponyms, in a name position
    ("my daughter hope is 4 and has a rash", "my daughter [NAME] is 4 and has a rash"),
    ("my sister allegra has a really bad cough", "my sister [NAME] has a really bad cough"),
    ("my son gilbert has a high bilirubin", "my son [NAME] has a high bilirubin"),
    ("hi its grace again, the eczema", "hi its [NAME] again, the eczema"),
    ("my twins are echo and river, both have chickenpox", "my twins are [NAME] and [NAME], both have chickenpox"),
    ("My wife June is 39 and pregnant", "My wife [NAME] is 39 and pregnant"),
    ("Hope said the pain is worse at night", "[NAME] said the pain is worse at night"),
    ("my neighbour faith okonkwo lives at home alone", "my neighbour [NAME] lives at home alone"),
    # full capitalised names with no cue; other scripts
    ("Nurse note: Patient Lars Eriksson reports improved sleep", "Nurse note: Patient [NAME] reports improved sleep"),
    ("Nurse call log: Camille Anne Moreau rang at noon", "Nurse call log: [NAME] rang at noon"),
    ("Consultation -- Svetlana Ivanova, c/o palpitations", "Consultation -- [NAME], c/o palpitations"),
    ("Hi, I'm Aisling. Could the pharmacy text me", "Hi, I'm [NAME]. Could the pharmacy text me"),
    ("patient: 我叫王丽华, my blood pressure is high", "patient: 我叫[NAME], my blood pressure is high"),
    # addresses of more countries
    ("lives at ul. długa 14/6, 31-147 kraków", "lives at [ADDRESS] kraków"),
    ("ako po si maria, taga blk 12 lot 7 camella homes, bacoor, cavite 4102, masakit", "ako po si [NAME], taga [ADDRESS], masakit"),
]
SHAPES += [
    # issue 27's third pass: ages, dates, phones, IDs and introductions of other languages, a name then the age in a note
    ("mi abuela tiene noventa y cuatro años y se cayó", "mi abuela tiene [AGE] años y se cayó"),
    ("mein opa ist neunzig und hustet", "mein opa ist [AGE] und hustet"),
    ("Seen today: Mrs Helga Brandt, 94, with her son", "Seen today: Mrs [NAME], [AGE], with her son"),
    ("my lmp was 14/11 and the test is positive", "my lmp was [DATE] and the test is positive"),
    ("la cita es el viernes 21 por la mañana", "la cita es el [DATE] por la mañana"),
    ("он родился 3 марта", "он родился [DATE]"),
    ("call me on 07 81 22 34 90 after six", "call me on [PHONE] after six"),
    ("my number is nine eight seven, six five four, three two one zero", "my number is [PHONE]"),
    ("my civil id is fine but my nhis no 55102938 expired", "my civil id is fine but my nhis no [ID] expired"),
    ("hola doctor, me llamo Joaquín Herrera y tengo fiebre", "hola doctor, me llamo [NAME] y tengo fiebre"),
    ("ik ben pieter, mijn dochter heeft koorts", "ik ben [NAME], mijn dochter heeft koorts"),
    ("mon fils mathis a de la fièvre", "mon fils [NAME] a de la fièvre"),
]

TRAPS = [
    "pain went from 4/10 to 7/10 overnight",
    "tree nuts, soy, wheat and sesame",
    "QRS 120 ms. Physical examination was normal",
    "get him to a doctor asap would you like a video call",
    "my friend suffers from asthma",
    "the doctor gave me something called allegra for the sneezing",
    "i hope the rash goes away soon, it started after she ate strawberries",
    "by god's grace the river was calm and the echo showed normal function",
    "april is a good time to start allergy medicines before the pollen season",
    "the clinic is closed on saturday, i found the lump on friday",
    "covid-19 may be the cause, type 2 diabetes and stage 3 kidney disease",
    "rx 1000 mg of paracetamol a day is the maximum for her",
    "Alois Alzheimer described the disease; Helen Keller National Center helps",
    "I was prescribed Keppra 500 mg twice daily after the seizure at Hôpital Necker",
    "the temperature was 99F, pulse 96",
    "my son will be fine, my wife may have a cold, my daughter also has a rash",
    "my kids are sick and tired of the rash",
]


@pytest.mark.parametrize("text,expected", SHAPES)
def test_new_shapes(text: str, expected: str) -> None:
    assert redact(text)[0] == expected


@pytest.mark.parametrize("text", TRAPS)
def test_new_shapes_keep_their_traps(text: str) -> None:
    assert find_phi(text) == [], find_phi(text)


def test_a_word_name_is_kept_by_the_guard_only_in_a_name_position() -> None:
    text = "my sister allegra has a cough and i gave her allegra"
    first, second = text.index("allegra"), text.rindex("allegra")
    assert name_position(text, first, first + 7) and not name_position(text, second, second + 7)


def test_prefilter_agrees_with_the_rules_on_sets_4_to_6_and_the_new_shapes() -> None:
    texts = [parse_labelled(line)[0] for name in ("phi_untuned4.txt", "phi_untuned5.txt", "phi_untuned6.txt")
             for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    texts += [t for t, _ in SHAPES] + TRAPS
    masks = kind_masks(pl.Series(texts)).to_list()
    assert [find_phi(t, m) for t, m in zip(texts, masks)] == [find_phi(t) for t in texts]
