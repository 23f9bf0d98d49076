"""Synthetic PHI training lines for the tagger (`phi_tagger`): real dialogue text with injected identifiers, seeded.

Base text: the patient and doctor turns of the dialogue sources (the bundled samples, and the real files when a folder of them is
given), their sentences split and regrouped into lines of one to three sentences. A base line on which the rules already find
something is left out (it may hold a real identifier, labelled as nothing). Into each line go, by chance of a seeded generator:
names after a relative ("my son arjun"), in place of "he"/"she", with no cue at all ("told meenakshi", "hamid and layla are
twins"), and introductions, greetings, sign-offs, appointments and contact details with every kind the rules cover (names, dates
in many shapes and languages, phones, e-mails plain and obfuscated, record and national IDs, addresses, identifying URLs, IPs and
ages over 89), in many Faker locales. Hard negatives go in unlabelled: drug names (the drug lexicon of PyPI
`drug-named-entity-recognition`), diseases and eponyms, cities and countries, hospitals named after people or places, ages under 90,
hotlines and organisation URLs, and the ordinary words that are also names ("will", "hope", "grace"). Most lines are lower-cased,
as the dialogue sources are. Lines of reference text (vignettes, encyclopaedia sentences) go in as they are, as negatives.

Name lists come only from Faker's locales and the project's own lexicon (`phi.lexicon`), both of clean provenance (phi.py).

The span convention is the labelled sets' (benchmarks/results/phi.md): a NAME without its title, an ID without its cue, an AGE as
the number text, an ADDRESS from the street or building to the postcode (a city only before the code).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medpipe.curation.phi import EPONYMS, Span, find_phi, lexicon
from medpipe.curation.phi_words import drug_names, medical_terms

# Locales with Latin-script names (the dialogue sources are English, their patients from everywhere).
LOCALES = ("en_US", "en_GB", "en_IN", "en_AU", "en_NZ", "en_IE", "en_PH", "en_NG", "en_KE", "en_PK", "en_CA", "es_ES", "es_MX",
           "es_CO", "es_AR", "pt_BR", "pt_PT", "fr_FR", "fr_CA", "de_DE", "it_IT", "nl_NL", "pl_PL", "tr_TR", "id_ID", "vi_VN",
           "fil_PH", "sw", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "tw_GH", "cs_CZ", "ro_RO", "sv_SE", "da_DK", "fi_FI", "hu_HU")
ROMANIZED_LOCALES = ("zh_CN", "zh_TW", "ja_JP")  # names only, in Latin script (`romanized_name`)
MONTH_LOCALES = ("es_ES", "fr_FR", "de_DE", "pt_BR", "it_IT", "nl_NL", "pl_PL", "tr_TR", "id_ID")  # dates with foreign month names

RELATIVES = ("son", "daughter", "wife", "husband", "mother", "father", "mom", "dad", "brother", "sister", "friend", "baby",
             "grandmother", "grandfather", "uncle", "aunt", "nephew", "niece", "cousin", "partner", "boyfriend", "girlfriend",
             "mother in law", "father in law", "grandson", "granddaughter", "neighbour", "colleague", "kid", "child")
_RELATIVE = re.compile(rf"\bmy (?:little |elder |younger |\d+ (?:year|yr|month)s? old )?(?:{'|'.join(RELATIVES)})\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she)\b(?= (?:is|was|has|had|gets|got|feels|felt|complains|says|said|took|takes|can|cannot|can't|does"
                      r"|did|keeps|started))", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_OLD_WORDS = ("ninety", "ninety-one", "ninety-two", "ninety three", "ninety-four", "ninety five", "ninety-six", "ninety-seven",
              "ninety eight", "ninety-nine", "a hundred", "one hundred and one", "hundred and two", "a hundred and three")
_ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AMBIGUOUS_USES = ("i will {w} it", "by god's grace it is better", "i hope it is nothing serious", "she brought a rose from the garden",
                   "the echo showed normal function", "it was a joy to see him walk again", "we were told to have patience",
                   "the nurse said i may go home", "faith in the treatment helps", "it felt like a ray of light",
                   "there is a mark on my skin", "i want to bill my insurance", "he is a sunny child", "the pain is on the crown of the head",
                   "i felt a chill", "we pray for her", "will this heal", "may i take it with food", "his rash is rose coloured",
                   "the summer heat makes it worse", "we live near the bay", "i have a dull ache", "i was told to rest and hope")
_HOTLINES = ("call 911", "call 112 right away", "the helpline 1-800-273-8255", "toll free 1800 180 1104", "call nhs 111",
             "the poison line 1-800-222-1222", "ndc 0093-7180-56", "icd-10 code e11.9", "lot number 4521a")
_PUBLIC_URLS = ("www.nhs.uk/conditions/asthma", "https://www.who.int/news-room/fact-sheets", "https://medlineplus.gov/diabetes.html",
                "www.cdc.gov/flu", "https://www.mayoclinic.org/diseases-conditions", "www.webmd.com")
_HOSPITALS = ("{city} general hospital", "st. {first}'s hospital", "{last} memorial hospital", "apollo hospital", "fortis hospital",
              "{city} medical college", "aiims delhi", "the {city} clinic", "{last} nursing home", "mayo clinic", "johns hopkins")


def _plain(name: str) -> str:
    """A name without its accents, as typed on a phone ("Nguyễn" -> "Nguyen")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Line:
    text: str
    spans: tuple[Span, ...]


class _Builder:
    """Pieces of a line, some labelled: their text joined, with the spans' offsets."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, str | None]] = []
        self.length = 0

    def add(self, text: str, label: str | None = None) -> None:
        self.parts.append((text, label))
        self.length += len(text)

    def last(self) -> str:
        return self.parts[-1][0] if self.parts else ""

    def line(self, lower: bool) -> Line:
        """The line; lower-cased piece by piece (a lower case can be longer: "İ" -> "i̇")."""
        text, spans = "", []
        for part, label in self.parts:
            part = part.lower() if lower else part
            if label:
                spans.append(Span(len(text), len(text) + len(part), label, part))
            text += part
        return Line(text, tuple(spans))


class Generator:
    """Seeded: the same seed and base text give the same lines."""

    def __init__(self, seed: int = 0) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fakers = {}
        for i, locale in enumerate(LOCALES + ROMANIZED_LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + i)
            self.fakers[locale] = fake
        first, ambiguous, surnames, _ = lexicon()
        self.lexicon_first, self.lexicon_surnames = sorted(first), sorted(surnames)
        self.ambiguous = sorted(ambiguous)
        self.drugs = sorted(w for w in drug_names() if len(w) >= 4 and w.isalpha())
        self.diseases = sorted(medical_terms())
        self.eponyms = sorted(EPONYMS)

    # ------------------------------------------------------------ values

    def _fake(self, locales: tuple[str, ...] = LOCALES):
        return self.fakers[self.rng.choice(locales)]

    def first(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(self.lexicon_first)
        if r < 0.2:
            return self._fake(ROMANIZED_LOCALES).romanized_name().split()[-1]
        name = self._fake().first_name()
        if r > 0.95:
            name = f"{name}-{self._fake().first_name()}"
        return _plain(name) if self.rng.random() < 0.3 else name

    def last(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(self.lexicon_surnames)
        if r < 0.2:
            return self._fake(ROMANIZED_LOCALES).romanized_name().split()[0]
        name = self._fake().last_name()
        return _plain(name) if self.rng.random() < 0.3 else name

    def name(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.first()
        if r < 0.8:
            return f"{self.first()} {self.last()}"
        if r < 0.87:
            return self._fake(ROMANIZED_LOCALES).romanized_name()
        if r < 0.93:
            return f"{self.first()[0]}. {self.last()}"
        return f"{self.first()} {self.first()} {self.last()}"

    def date(self) -> str:
        rng = self.rng
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2027)
        suffix = _ORDINAL.get(day, "th")
        name = _MONTHS[month - 1]
        shapes = [f"{day:02d}/{month:02d}/{year}", f"{month}/{day}/{year}", f"{day}-{month}-{year % 100:02d}", f"{year}-{month:02d}-{day:02d}",
                  f"{day}.{month}.{year}", f"{day} {name}", f"{name} {day}", f"{day}{suffix} {name}", f"{day}{suffix} of {name} {year}",
                  f"{name} {day}, {year}", f"{day} {name[:3]} {year}", f"the {day}{suffix}", f"{rng.choice(_WEEKDAYS)} the {day}{suffix}",
                  f"{rng.choice(_WEEKDAYS)} {day} {name}", f"{day}/{month}", f"{name[:3]} {day}{suffix}", f"{day}{suffix} {name[:3]}"]
        if rng.random() < 0.2:
            fake = self.fakers[rng.choice(MONTH_LOCALES)]
            foreign = fake.month_name().lower()
            return rng.choice([f"{day} {foreign}", f"{day} de {foreign}", f"{fake.day_of_week().lower()} {day} de {foreign}",
                               f"{day}. {foreign} {year}"])
        return rng.choice(shapes)

    def phone(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            return self._fake(tuple(loc for loc in LOCALES if not loc.endswith("_PH"))).phone_number()  # Faker has no Philippine phones
        digits = "".join(str(rng.randint(0, 9)) for _ in range(10))
        if r < 0.7:
            return f"+91 {digits[:5]} {digits[5:]}"
        if r < 0.8:
            return " ".join(digits)
        if r < 0.9:
            return " ".join(_NUMBER_WORDS[int(d)] if rng.random() < 0.5 else d for d in digits)
        return f"0{digits[:3]}-{digits[3:]}"

    def email(self) -> str:
        fake, rng = self._fake(), self.rng
        address = fake.free_email() if rng.random() < 0.6 else fake.email()
        if rng.random() < 0.25:
            local, domain = address.split("@")
            host, _, tld = domain.rpartition(".")
            return rng.choice([f"{local} at {host} dot {tld}", f"{local}[at]{host}[dot]{tld}", f"{local} (at) {domain}"])
        return address

    def identifier(self) -> tuple[str, str]:
        """(cue, value): the value is the span."""
        rng = self.rng
        digits = lambda n: "".join(str(rng.randint(0, 9)) for _ in range(n))  # noqa: E731
        letters = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))  # noqa: E731
        return rng.choice([
            ("mrn", digits(rng.randint(6, 9))), ("my mrn is", f"{letters(2)}{digits(7)}"), ("patient id:", f"PT-{digits(8)}"),
            ("uhid", digits(10)), ("ssn", self.fakers["en_US"].ssn()), ("social security number", self.fakers["en_US"].ssn()),
            ("aadhaar", f"{digits(4)} {digits(4)} {digits(4)}"), ("cnic", f"{digits(5)}-{digits(7)}-{digits(1)}"),
            ("cpf", self.fakers["pt_BR"].cpf()), ("nhs number", f"{digits(3)} {digits(3)} {digits(4)}"),
            ("policy no", f"{letters(3)}{digits(8)}"), ("rx", digits(7)), ("passport number", f"{letters(1)}{digits(7)}"),
            ("emirates id", f"784-{digits(4)}-{digits(7)}-{digits(1)}"), ("insurance member id", f"{letters(3)}{digits(9)}"),
            ("ip no", f"IP{digits(2)}-{digits(6)}"), ("the number on my insurance card is", f"{digits(4)} {digits(5)} {digits(1)}"),
            ("account number", digits(12)), ("medical record number", f"{letters(3)}-{digits(7)}"), ("reg no.", f"{digits(4)}/{digits(2)}"),
            ("case no", f"{letters(2)}-{digits(4)}-{digits(6)}"), ("licence number", f"{letters(2)}{digits(2)} {digits(11)}"),
        ])

    def code(self) -> str:
        """An identifying number in one of many shapes (digits, letters, dots, dashes)."""
        rng = self.rng
        shape = rng.choice(["dddddddddd", "ddd.ddd.ddd-dd", "dd.ddd.ddd", "dddd-ddd-ddd-LL", "LL-LL-ddddddd", "LLL-dddd-dddd-dd",
                            "LLL.dddddddddd", "ddddddddddd", "Ldddddddd", "ddddd-ddddddd-d", "LLdddddd", "dddd dddd dddd", "LLLLLddddL"])
        return "".join(str(rng.randint(0, 9)) if c == "d" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if c == "L" else c for c in shape)

    def address(self) -> str:
        rng, fake = self.rng, self._fake(("en_US", "en_GB", "en_AU", "en_CA", "en_IN", "en_NZ", "en_IE", "de_DE", "fr_FR", "es_ES", "pt_BR",
                                          "it_IT", "nl_NL", "pl_PL"))
        r = rng.random()
        if r < 0.5:
            return fake.address().replace("\n", ", ")
        if r < 0.75:
            return f"{fake.street_address()}, {fake.postcode()}"
        if r < 0.9:
            return (f"flat {rng.randint(1, 999)}, {self.last().lower()} apartments, {rng.randint(1, 20)}th cross, "
                    f"{self.fakers['en_IN'].city().lower()} {rng.randint(110001, 800000)}")
        return fake.street_address()

    def url(self) -> str:
        rng, fake = self.rng, self._fake()
        user = fake.user_name()
        return rng.choice([f"https://www.facebook.com/{user}", f"instagram.com/{user}", f"https://twitter.com/{user}",
                           f"www.linkedin.com/in/{user}", f"https://{fake.domain_name()}/patient?id={rng.randint(1000, 999999)}",
                           f"https://www.gofundme.com/f/help-{user}", f"{fake.url()}profile/{rng.randint(100, 99999)}"])

    def ip(self) -> str:
        fake = self._fake()
        return fake.ipv4() if self.rng.random() < 0.8 else fake.ipv6()

    def age(self) -> str:
        return self.rng.choice(_OLD_WORDS) if self.rng.random() < 0.3 else str(self.rng.randint(90, 108))

    def city(self) -> str:
        return self._fake().city()

    def hospital(self) -> str:
        return self.rng.choice(_HOSPITALS).format(city=self.city(), first=self.first(), last=self.last())

    # ------------------------------------------------------------ lines

    def clauses(self, b: _Builder) -> None:
        """One clause with identifiers or hard negatives (pieces added to `b`)."""
        rng = self.rng
        kind = rng.randrange(34)
        if kind == 0:
            b.add(rng.choice(["hi doctor, i am ", "hello doctor myself ", "my name is ", "this is ", "hi, i'm ", "dear doctor, i am ",
                              "hi doctor, it's ", "hello this is ", "i am ", "myself "]))
            b.add(self.name(), "NAME")
            b.add(rng.choice([f" from {self.city()}. ", f", {rng.randint(18, 80)} years old. ", " here. ", ", ", ". ", " again. ",
                              f" {rng.randint(18, 80)} f ", " and "]))
        elif kind == 1:
            b.add(rng.choice(["hello ", "hi ", "dear ", "good morning ", "yes ", "ok ", "thank you ", "sorry "]))
            b.add(self.first(), "NAME")
            b.add(rng.choice([", ", ". ", "! ", " ji, ", " ", ", please "]))
        elif kind == 2:
            b.add(rng.choice([" regards, dr. ", " thanks, ", " - ", " take care. dr ", "\nregards,\n", " best wishes, "]))
            b.add(self.name(), "NAME")
            b.add(rng.choice([". ", "\n", " ", ", "]))
        elif kind == 3:
            b.add(rng.choice(["my appointment is on ", "i was admitted on ", "he had surgery on ", "the test was done on ", "since ",
                              "please come back on ", "follow up on ", "my last period was on ", "born on "]))
            b.add(self.date(), "DATE")
            b.add(". ")
        elif kind == 4:
            b.add(rng.choice(["call me on ", "my number is ", "whatsapp ", "you can reach me at ", "ph: ", "mobile "]))
            b.add(self.phone(), "PHONE")
            b.add(rng.choice([". ", " ", " after 6 pm. "]))
        elif kind == 5:
            b.add(rng.choice(["my email is ", "mail me at ", "email: ", "send the report to "]))
            b.add(self.email(), "EMAIL")
            b.add(". ")
        elif kind == 6:
            cue, value = self.identifier()
            b.add(f"{cue} ")
            b.add(value, "ID")
            b.add(rng.choice([". ", ", ", " "]))
        elif kind == 7:
            b.add(rng.choice(["i live at ", "my address is ", "send it to ", "we stay at ", "address: "]))
            b.add(self.address(), "ADDRESS")
            b.add(". ")
        elif kind == 8:
            b.add(rng.choice(["see my profile ", "my page is ", "here is the link ", "donate at "]))
            b.add(self.url(), "URL")
            b.add(" ")
        elif kind == 9:
            b.add(rng.choice(["the login came from ", "my ip is ", "server "]))
            b.add(self.ip(), "IP")
            b.add(". ")
        elif kind == 10:
            b.add(rng.choice(["my grandmother is ", "my father turned ", "she is ", "patient aged ", "my grandpa, "]))
            b.add(self.age(), "AGE")
            b.add(rng.choice([" and has dementia. ", " years old. ", ", has a cough. ", " now. "]))
        elif kind == 11:  # an age under 90, a temperature, a pulse: not PHI
            b.add(rng.choice(["my mother is ", "i am ", "he is ", "patient aged ", "my father (", "at ", "my grandmother is "])
                  + str(rng.randint(1, 89)) + rng.choice([" years old. ", ". ", " and diabetic. ", ") has a cough. ", " the risk is low. "]))
            if rng.random() < 0.5:
                b.add(rng.choice(["temperature 99.5 at night. ", "pulse 96 at rest. ", "spo2 at 94. ", "fever of 101 since monday. ", "sugar 110. "]))
        elif kind == 12:  # names without any cue
            b.add(rng.choice(["i told ", "yesterday ", "we took ", "so ", "and "]))
            b.add(self.first(), "NAME")
            b.add(rng.choice([" has fever again. ", " said it hurts. ", " to the clinic. ", " keeps coughing at night. ", " and "]))
            if b.last() == " and ":
                b.add(self.first(), "NAME")
                b.add(" are twins. ")
        elif kind == 13:
            b.add(rng.choice(["my doctor, dr. ", "i saw dr ", "consulted doctor ", "nurse ", "mrs ", "mr. ", "prof. "]))
            b.add(self.last() if rng.random() < 0.6 else self.name(), "NAME")
            b.add(rng.choice([" said ", " prescribed ", ". ", " at "]) + (self.hospital() + ". " if rng.random() < 0.4 else ""))
        elif kind in (14, 15, 16):  # drugs
            drug = rng.choice(self.drugs)
            b.add(rng.choice([f"i am taking {drug} twice a day. ", f"the doctor gave {drug}. ", f"is {drug} safe? ", f"{drug} 500 mg ",
                              f"something called {drug}. ", f"brand name: {drug}. ", f"can i take {drug} with food. ", f"stop {drug}. "]))
        elif kind in (17, 18):  # diseases and eponyms
            term = rng.choice(self.eponyms).capitalize() if rng.random() < 0.5 else rng.choice(self.diseases)
            b.add(rng.choice([f"diagnosed with {term}. ", f"{term}'s disease ", f"{term} syndrome runs in the family. ", f"it could be {term}. ",
                              f"is this {term}? ", f"a {term} test was done. "]))
        elif kind == 19:  # places and hospitals
            b.add(rng.choice([f"we are from {self.city()}. ", f"admitted to {self.hospital()}. ", f"i moved to {self.city()} last year. ",
                              f"in {self._fake().country()}. ", f"treated at {self.hospital()} in {self.city()}. "]))
        elif kind == 20:  # ordinary words that are names
            b.add(rng.choice(_AMBIGUOUS_USES).format(w=rng.choice(["do", "try", "ask"])) + ". ")
        elif kind == 21:
            b.add(rng.choice(_HOTLINES) + ". " if rng.random() < 0.6 else "see " + rng.choice(_PUBLIC_URLS) + " ")
        elif kind == 22:  # medical numbers next to date-like words
            b.add(rng.choice(["covid-19 may be the cause. ", "type 2 diabetes since 2015. ", "stage 3 kidney disease. ", "grade 2 sprain. ",
                              "hba1c 7.2 in may. ", "bp 140/90. ", "2-3 times a day. ", "covid 19 in march. ", "in 2019. ", "vitamin d3 60000 iu. "]))
        elif kind == 23:  # a name that is also a word, as a name
            b.add(rng.choice(["my daughter ", "my wife ", "my friend ", "hi "]))
            b.add(rng.choice(self.ambiguous), "NAME")
            b.add(rng.choice([" has a rash. ", " is pregnant. ", ", "]))
        elif kind == 24:  # a name that is also a drug or an eponym, as a name
            b.add(rng.choice(["my son ", "my daughter ", "hello "]))
            b.add(rng.choice(["allegra", "addison", "wilson", "graves", "bell", "stevens", "parker", "crohn"]), "NAME")
            b.add(rng.choice([" has a cold. ", ", ", " is 6. "]))
        elif kind in (26, 32, 33):  # an age over 89 in looser shapes
            b.add(rng.choice(["my great-grandmother who is ", "my mother (", "patient, ", "grandpa is now ", "she turned ", "he is almost ",
                              "at ", "my nana, aged ", "the old man is ", "my father (", "my grandmother is ", "my grandpa ", "at ",
                              f"my mother {self.first()} is ", f"my dad {self.name()}, ", "i am ", "my grandfather is a ", "is turning "]))
            b.add(self.age(), "AGE")
            b.add(rng.choice([") has pneumonia. ", ", has had a fall. ", " and still walks. ", " this year. ", ". ", " yrs old has a cough. ",
                              "-year-old retired teacher. ", " the goal is comfort. ", " a sudden stop is not normal. ", " years young! ",
                              ") lives alone. ", ", lives at home. "]))
        elif kind == 27:  # an identifier whose cue is a word or two away, or foreign
            cue = rng.choice(["my {w} number is ", "his {w} no. is ", "{w} card number: ", "the number on my {w} card is ", "{w} ", "my {w} is "])
            word = rng.choice(["ohip", "amka", "dni", "nie", "cpr", "bsn", "pesel", "tb treatment card", "health card", "insurance",
                               "medicare", "medicaid", "aadhaar", "pan", "voter id", "hospital", "clinic file", "lab", "prescription",
                               "member", "employee", "student", "national id", "nin", "nhif", "philhealth", "ktp", "cnic", "cpf"])
            b.add(cue.format(w=word))
            b.add(self.code(), "ID")
            b.add(rng.choice([". ", ", ", " and ", " "]))
        elif kind == 28:  # names without a cue, in more places
            name = self.first()
            if rng.random() < 0.2:
                b.add(name.capitalize(), "NAME")
                b.add("'s school said it is fine. ")
            else:
                b.add(rng.choice(["(english name ", "ask ", "i and ", "call ", "tell "]))
                b.add(name, "NAME")
                b.add(rng.choice([") ", " about it. ", " went to the doctor. ", ". "]))
        elif kind == 29:  # a sentence that starts with a name
            b.add(self.name() if rng.random() < 0.4 else self.first(), "NAME")
            b.add(rng.choice([" has been coughing for a week. ", " is my son. ", " here, ", ", 45, from ", " and i ", " was told to rest. "]))
        elif kind == 30:  # a date of a month and year, or day and month apart
            b.add(rng.choice(["since ", "in ", "from ", "last seen ", "until "]))
            b.add(rng.choice([f"{rng.choice(_MONTHS)} {rng.randint(2015, 2027)}", f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
                              f"{rng.choice(_MONTHS)[:3]} '{rng.randint(15, 27)}", f"{rng.randint(1, 12)}/{rng.randint(2015, 2027)}"]), "DATE")
            b.add(". ")
        elif kind == 31:  # a phone in words
            b.add(rng.choice(["call me on ", "my number is ", "whatsapp "]))
            b.add(" ".join(rng.choice(_NUMBER_WORDS) for _ in range(10)), "PHONE")
            b.add(". ")
        else:
            b.add(rng.choice(["my ", "our "]) + rng.choice(RELATIVES) + " ")
            b.add(self.name(), "NAME")
            b.add(rng.choice([" is ", " has ", ", ", " who is ", " was "]) + rng.choice(["feverish. ", "12. ", "on insulin. ", "in pain. "]))

    def inject(self, base: str) -> _Builder:
        """`base` with identifiers: a name after "my <relative>" or in place of "he"/"she", and clauses before and after."""
        rng, b = self.rng, _Builder()
        for _ in range(rng.choice((0, 1, 1, 2))):
            self.clauses(b)
        match = _RELATIVE.search(base) if rng.random() < 0.6 else None
        pronoun = _PRONOUN.search(base) if rng.random() < 0.5 and not match else None
        if match:
            b.add(base[: match.end()] + " ")
            b.add(self.first() if rng.random() < 0.7 else self.name(), "NAME")
            b.add(base[match.end() :])
        elif pronoun:
            b.add(base[: pronoun.start()])
            b.add(self.first(), "NAME")
            b.add(base[pronoun.end() :])
        else:
            b.add(base)
        for _ in range(rng.choice((0, 1, 1, 2))):
            b.add(" ")
            self.clauses(b)
        return b

    def lines(self, dialogue: list[str], reference: list[str], count: int) -> Iterator[Line]:
        """`count` lines: mostly dialogue with identifiers injected, a tenth reference text as it is."""
        for _ in range(count):
            if reference and self.rng.random() < 0.1:
                yield Line(self.rng.choice(reference), ())
                continue
            builder = self.inject(self.rng.choice(dialogue)) if dialogue and self.rng.random() < 0.85 else self._template_only()
            if self.rng.random() < 0.4:  # as in the dialogue sources' turns
                builder.parts.insert(0, (self.rng.choice(("patient: ", "doctor: ", "Patient: ", "Doctor: ", "Q: ", "A: ")), None))
            yield builder.line(lower=self.rng.random() < 0.7)

    def _template_only(self) -> _Builder:
        b = _Builder()
        for _ in range(self.rng.randint(1, 3)):
            self.clauses(b)
        return b


# ---------------------------------------------------------------- base text

def _sentences(text: str, rng: random.Random) -> list[str]:
    """A turn split into lines of one to three sentences, without its "patient:"/"doctor:" prefix."""
    text = re.sub(r"^\s*(?:patient|doctor|q|a)\s*:\s*", "", text.strip(), flags=re.IGNORECASE)
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 3)
        out.append(" ".join(sentences[i : i + n])[:400])
        i += n
    return out


def _dialogue_turns(folder: Path) -> list[str]:
    """Turns of the dialogue files in a samples-like folder (know_medical_dialogues, meddialog_en, symptom_to_diagnosis)."""
    turns: list[str] = []
    for path in sorted((folder / "know_medical_dialogues").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            turns += [item[k] for k in ("instruction", "output", "description") if isinstance(item.get(k), str)]
            turns += [u for u in item.get("utterances", []) if isinstance(u, str)]
    for path in sorted((folder / "meddialog_en").glob("*.txt")):
        turns += [line for line in path.read_text(encoding="utf-8").splitlines()
                  if len(line) > 20 and not line.startswith(("id=", "http")) and line not in ("Description", "Dialogue")]
    for path in sorted((folder / "symptom_to_diagnosis").glob("*.jsonl")):
        turns += [json.loads(line)["input_text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return turns


def _reference_text(folder: Path) -> list[str]:
    """Sentences of reference text (vignettes, encyclopaedia articles): negatives."""
    texts: list[str] = []
    for path in sorted((folder / "wiki_medical_terms").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        texts += [v[:2000] for v in (document.values() if isinstance(document, dict) else []) if isinstance(v, str)]
    for path in sorted((folder / "medical_o1").glob("*.json")):
        texts += [item.get("question", "") or item.get("Question", "") for item in json.loads(path.read_text(encoding="utf-8"))
                  if isinstance(item, dict)]
    return [t for t in texts if t]


def base_text(folders: list[Path], seed: int = 0) -> tuple[list[str], list[str]]:
    """(dialogue lines, reference lines) of the folders, without the lines on which the rules find anything, in a fixed order."""
    rng = random.Random(seed)
    dialogue = sorted({s for folder in folders for turn in _dialogue_turns(folder) for s in _sentences(turn, rng)})
    reference = sorted({s for folder in folders for text in _reference_text(folder) for s in _sentences(text, rng)})
    clean = lambda lines: [s for s in lines if len(s) >= 12 and not find_phi(s)]  # noqa: E731
    return clean(dialogue), clean(reference)


def synthetic_lines(folders: list[Path], count: int, seed: int = 0) -> list[Line]:
    dialogue, reference = base_text(folders, seed)
    if not dialogue:
        raise ValueError(f"no dialogue text in {', '.join(str(f) for f in folders)}: nothing to inject identifiers into")
    return list(Generator(seed).lines(dialogue, reference, count))
