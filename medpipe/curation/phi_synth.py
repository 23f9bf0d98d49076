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
from medpipe.curation.phi_words import WORD_NAMES as WORD_NAMES_SET
from medpipe.curation.phi_words import drug_names, medical_terms

# Locales with Latin-script names (the dialogue sources are English, their patients from everywhere).
LOCALES = ("en_US", "en_GB", "en_IN", "en_AU", "en_NZ", "en_IE", "en_PH", "en_NG", "en_KE", "en_PK", "en_CA", "es_ES", "es_MX",
           "es_CO", "es_AR", "pt_BR", "pt_PT", "fr_FR", "fr_CA", "de_DE", "it_IT", "nl_NL", "pl_PL", "tr_TR", "id_ID", "vi_VN",
           "fil_PH", "sw", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "tw_GH", "cs_CZ", "ro_RO", "sv_SE", "da_DK", "fi_FI", "hu_HU")
# More Latin-script locales, names only (Nordic, Irish, Baltic, Balkan, Iberian and Latin American, Caucasus)
NAME_LOCALES = ("no_NO", "ga_IE", "is_IS", "et_EE", "lt_LT", "lv_LV", "hr_HR", "sk_SK", "sl_SI", "sq_AL", "az_AZ", "fr_BE", "nl_BE",
                "es_CL", "es_VE", "pt_PT", "de_AT", "de_CH", "it_CH", "en_KE", "en_GB")
ROMANIZED_LOCALES = ("zh_CN", "zh_TW", "ja_JP")  # names only, in Latin script (`romanized_name`)
# names in their own script (Cyrillic, Greek, Arabic, Hebrew, Indic, Thai, Han, Kana, Hangul, Georgian, Armenian)
SCRIPT_LOCALES = ("ru_RU", "uk_UA", "bg_BG", "el_GR", "ar_SA", "ar_EG", "fa_IR", "he_IL", "hi_IN", "bn_BD", "ta_IN", "th_TH", "zh_CN",
                  "zh_TW", "ja_JP", "ko_KR", "ka_GE", "hy_AM")
MONTH_LOCALES = ("es_ES", "fr_FR", "de_DE", "pt_BR", "it_IT", "nl_NL", "pl_PL", "tr_TR", "id_ID", "no_NO", "sv_SE", "da_DK", "ro_RO",
                 "cs_CZ", "fi_FI", "hu_HU")  # dates with foreign month and weekday names
# Persian (solar) months, romanized: Faker's fa_IR gives the Gregorian months in English
PERSIAN_MONTHS = ("farvardin", "ordibehesht", "khordad", "tir", "mordad", "shahrivar", "mehr", "aban", "azar", "dey", "bahman", "esfand")
WORD_NAMES = tuple(sorted(WORD_NAMES_SET))  # a fixed order for the seeded generator

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
_WORD_USES = ("the {x} is lovely this time of year", "we walked by the {x}", "there is {x} for a cure", "{x} is important to us",
              "the {x} came back normal", "i have {x} in my doctor", "it was a {x} to meet you", "we pray with {x}", "a {x} of light",
              "the {x} season makes it worse", "may god give us {x}", "i {x} it gets better")
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
        self.keep_case = False  # a letter or a note: its capitals stay

    def add(self, text: str, label: str | None = None) -> None:
        self.parts.append((text, label))
        self.length += len(text)

    def last(self) -> str:
        return self.parts[-1][0] if self.parts else ""

    def line(self, lower: bool) -> Line:
        """The line; lower-cased piece by piece (a lower case can be longer: "İ" -> "i̇")."""
        text, spans = "", []
        lower = lower and not self.keep_case
        for part, label in self.parts:
            part = part.lower() if lower else part
            if label:
                spans.append(Span(len(text), len(text) + len(part), label, part))
            text += part
        return Line(text, tuple(spans))


class _Fakers(dict):
    """One seeded Faker per locale, made on first use (~0.1 s each; a generator uses a hundred): its sequence depends only on its
    own seed, so making it late changes nothing. "+<locale>" is a second generator for the same locale."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.seeds = {locale: seed * 1000 + i for i, locale in enumerate(LOCALES + ROMANIZED_LOCALES)}
        self.seeds |= {f"+{locale}": seed * 1000 + 500 + i for i, locale in enumerate(NAME_LOCALES + SCRIPT_LOCALES + MONTH_LOCALES)}

    def __missing__(self, key: str):
        from faker import Faker

        fake = Faker(key.lstrip("+"))
        fake.seed_instance(self.seeds[key])
        self[key] = fake
        return fake


class Generator:
    """Seeded: the same seed and base text give the same lines."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.fakers = _Fakers(seed)
        first, ambiguous, surnames, _ = lexicon()
        self.lexicon_first, self.lexicon_surnames = sorted(first), sorted(surnames)
        self.ambiguous = sorted(ambiguous)
        self.drugs = sorted(w for w in drug_names() if len(w) >= 4 and w.isalpha())
        self.diseases = sorted(medical_terms())
        self.eponyms = sorted(EPONYMS)
        self.named_things = sorted((set(first) | set(ambiguous)) & (set(self.drugs) | EPONYMS))  # "allegra", "addison": also names

    # ------------------------------------------------------------ values

    def _fake(self, locales: tuple[str, ...] = LOCALES):
        return self.fakers[self.rng.choice(locales)]

    def _extra(self, locales: tuple[str, ...]):
        return self.fakers["+" + self.rng.choice(locales)]

    def first(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(self.lexicon_first)
        if r < 0.2:
            return self._fake(ROMANIZED_LOCALES).romanized_name().split()[-1]
        if r < 0.24:
            return self._extra(SCRIPT_LOCALES).first_name()
        name = (self._extra(NAME_LOCALES) if r < 0.36 else self._fake()).first_name()
        if r > 0.95:
            name = f"{name}-{self._fake().first_name()}"
        return _plain(name) if self.rng.random() < 0.3 else name

    def last(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(self.lexicon_surnames)
        if r < 0.2:
            return self._fake(ROMANIZED_LOCALES).romanized_name().split()[0]
        if r < 0.24:
            return self._extra(SCRIPT_LOCALES).last_name()
        name = (self._extra(NAME_LOCALES) if r < 0.36 else self._fake()).last_name()
        return _plain(name) if self.rng.random() < 0.3 else name

    def name(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.first()
        if r < 0.8:
            return f"{self.first()} {self.last()}"
        if r < 0.87:
            return self._fake(ROMANIZED_LOCALES).romanized_name()
        if r < 0.9:
            return f"{self.first()[0]}. {self.last()}"
        if r < 0.93:
            return self._extra(SCRIPT_LOCALES).name()  # in its own script ("王丽华", "Светлана Иванова")
        if r < 0.96:  # Iberian and Latin American: two given names or two surnames, with particles and accents
            fake = self._fake(("es_ES", "es_MX", "es_CO", "es_AR", "pt_BR", "pt_PT"))
            return self.rng.choice([f"{fake.first_name()} {fake.first_name()} {fake.last_name()}",
                                    f"{fake.first_name()} {fake.last_name()} {fake.last_name()}",
                                    f"{fake.first_name()} {self.rng.choice(['de', 'da', 'dos', 'del', 'de la'])} {fake.last_name()}"])
        return f"{self.first()} {self.first()} {self.last()}"

    def cap_name(self) -> str:
        """A full name capitalised as in a letter or a note ("Lars Eriksson", "Siobhan O'Leary")."""
        name = self.name() if self.rng.random() < 0.3 else f"{self.first()} {self.last()}"
        return " ".join(w[:1].upper() + w[1:] if w[:1].islower() and w not in ("de", "da", "dos", "del", "la", "van", "von") else w
                        for w in name.split(" "))

    def date(self) -> str:
        rng = self.rng
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2027)
        suffix = _ORDINAL.get(day, "th")
        name = _MONTHS[month - 1]
        shapes = [f"{day:02d}/{month:02d}/{year}", f"{month}/{day}/{year}", f"{day}-{month}-{year % 100:02d}", f"{year}-{month:02d}-{day:02d}",
                  f"{day}.{month}.{year}", f"{day} {name}", f"{name} {day}", f"{day}{suffix} {name}", f"{day}{suffix} of {name} {year}",
                  f"{name} {day}, {year}", f"{day} {name[:3]} {year}", f"the {day}{suffix}", f"{rng.choice(_WEEKDAYS)} the {day}{suffix}",
                  f"{rng.choice(_WEEKDAYS)} {day} {name}", f"{day}/{month}", f"{name[:3]} {day}{suffix}", f"{day}{suffix} {name[:3]}"]
        r = rng.random()
        if r < 0.3:
            return self.foreign_date(day, month, year)
        if r < 0.36:  # East Asian and Vietnamese
            return rng.choice([f"{month}月{day}日", f"{year}年{month}月{day}日", f"{month}월 {day}일", f"{year}년 {month}월 {day}일",
                               f"{day} tháng {month}", f"{day} tháng {month} năm {year}", f"ngày {day} tháng {month}"])
        if r < 0.42:  # a short numeric date with its weekday
            weekday = rng.choice(_WEEKDAYS)
            weekday = weekday[:3] if rng.random() < 0.6 else weekday
            weekday = weekday.capitalize() if rng.random() < 0.4 else weekday
            return rng.choice([f"{weekday} {day}/{month}", f"{weekday} {day:02d}/{month:02d}", f"{weekday}, {day}/{month}",
                               f"{weekday} {day}.{month}.", f"{weekday} {day}/{month}/{year % 100:02d}"])
        return rng.choice(shapes)

    def foreign_date(self, day: int, month: int, year: int) -> str:
        """A date with a month (and weekday) of another language: "miércoles 3 de diciembre", "vendredi 28 novembre", "2 azar"."""
        rng = self.rng
        if rng.random() < 0.12:
            name = rng.choice(PERSIAN_MONTHS)
            return rng.choice([f"{day} {name}", f"{day} {name} {year - 621}", f"{day}th of {name}"])
        fake = self._extra(MONTH_LOCALES)
        name = fake.month_name()
        weekday = fake.day_of_week()
        name, weekday = (name.lower(), weekday.lower()) if rng.random() < 0.7 else (name, weekday)
        return rng.choice([f"{day} {name}", f"{day} de {name}", f"{weekday} {day} de {name}", f"{day}. {name} {year}", f"{weekday} {day} {name}",
                           f"{day} de {name} de {year}", f"{day} {name} {year}", f"{weekday}, {day}. {name}", f"{name} {day}"])

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
            ("nik", digits(16)), ("ktp", digits(16)), ("my ktp number is", digits(16)), ("philhealth no.", f"{digits(2)}-{digits(9)}-{digits(1)}"),
            ("my philhealth number is", f"{digits(2)}-{digits(9)}-{digits(1)}"), ("cpf", f"{digits(3)}.{digits(3)}.{digits(3)}-{digits(2)}"),
            ("cnic", f"{digits(5)}{digits(7)}{digits(1)}"), ("hmo id", f"{letters(3).lower()}/{digits(2)}/{digits(6)}"),
            ("card", f"{digits(4)} {digits(4)} {digits(4)} {digits(4)}"), ("rx", f"RX-{digits(8)}"), ("Rx", f"{digits(7)}"),
            ("prontuário", f"{digits(7)}-{digits(1)}"), ("cédula", f"{digits(1)}.{digits(3)}.{digits(3)}.{digits(3)}"),
            ("amka", digits(11)), ("pesel", digits(11)), ("cnp", digits(13)), ("nin", digits(11)), ("iqama", digits(10)),
            ("tc kimlik no", digits(11)), ("personnummer", f"{digits(8)}-{digits(4)}"), ("fødselsnummer", f"{digits(6)} {digits(5)}"),
            ("polis oms", f"{digits(4)} {digits(4)} {digits(4)} {digits(4)}"), ("raqam qawmi", digits(14)), ("bsn", digits(9)),
            ("dni", f"{digits(8)}{letters(1)}"), ("nie", f"{letters(1)}{digits(7)}{letters(1)}"), ("curp",
            f"{letters(4)}{digits(6)}{letters(6)}{digits(2)}"),
            ("codice fiscale", f"{letters(6)}{digits(2)}{letters(1)}{digits(2)}{letters(1)}{digits(3)}{letters(1)}"), ("user id", f"pt-{digits(8)}"),
            ("my account number with the lab is", f"acc-{digits(7)}"), ("my mrn at the hospital is", digits(7)), ("member no",
            f"{digits(4)}-{digits(6)}"),
            ("sehat card", f"{digits(5)}-{digits(7)}-{digits(1)}"), ("ohip", f"{digits(4)}-{digits(3)}-{digits(3)}-{letters(2)}"),
            ("no. rekam medis", f"{digits(2)}.{digits(2)}.{digits(2)}"), ("numéro de sécurité sociale",
            f"{digits(1)} {digits(2)} {digits(2)} {digits(2)} {digits(3)} {digits(3)} {digits(2)}"),
            ("versichertennummer", f"{letters(1)}{digits(9)}"), ("tessera sanitaria", digits(20)), ("número de afiliación", digits(11)),
        ])

    def code(self) -> str:
        """An identifying number in one of many shapes (digits, letters, dots, dashes)."""
        rng = self.rng
        shape = rng.choice(["dddddddddd", "ddd.ddd.ddd-dd", "dd.ddd.ddd", "dddd-ddd-ddd-LL", "LL-LL-ddddddd", "LLL-dddd-dddd-dd",
                            "LLL.dddddddddd", "ddddddddddd", "Ldddddddd", "ddddd-ddddddd-d", "LLdddddd", "dddd dddd dddd", "LLLLLddddL",
                            "dddddddddddddddd", "dd-ddddddddd-d", "lll/dd/dddddd", "dddd dddd dddd dddd", "lll-ddddddd", "LL-dddddddd",
                            "dddddddddddddd", "ddddddd-d", "d.ddd.ddd.ddd", "ddd.ddd.ddd-dd", "dd dddd dddd", "LLdd-dddddd"])
        return "".join(str(rng.randint(0, 9)) if c == "d" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if c == "L"
                       else rng.choice("abcdefghjkmnprstuvwxyz") if c == "l" else c for c in shape)

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
                           f"https://mychart.{fake.domain_word()}health.org/patient/{rng.randint(10**6, 10**8)}/results",
                           f"https://meet.{fake.domain_word()}.health/visit/{rng.randint(10000, 99999)}-{fake.lexify('???')}",
                           f"https://zoom.us/j/{rng.randint(10**9, 10**10)}",
                           f"https://portal.{fake.domain_word()}.com/record?pid={rng.randint(10**6, 10**8)}",
                           f"https://{fake.domain_name()}/appointments/{rng.randint(10**5, 10**7)}",
                           f"https://teleconsult.{fake.domain_word()}.in/room/{fake.lexify('????')}{rng.randint(100, 9999)}",
                           f"https://www.gofundme.com/f/help-{user}", f"{fake.url()}profile/{rng.randint(100, 99999)}"])

    def ip(self) -> str:
        fake = self._fake()
        return fake.ipv4() if self.rng.random() < 0.8 else fake.ipv6()

    def age(self) -> str:
        return self.rng.choice(_OLD_WORDS) if self.rng.random() < 0.3 else str(self.rng.randint(90, 108))

    def word_name(self) -> str:
        return self.rng.choice(WORD_NAMES) if self.rng.random() < 0.6 else self.rng.choice(self.ambiguous)

    def city(self) -> str:
        return self._fake().city()

    def hospital(self) -> str:
        return self.rng.choice(_HOSPITALS).format(city=self.city(), first=self.first(), last=self.last())

    # ------------------------------------------------------------ lines

    def clauses(self, b: _Builder) -> None:
        """One clause with identifiers or hard negatives (pieces added to `b`)."""
        rng = self.rng
        kind = rng.randrange(44)
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
        elif kind in (34, 35):  # a word that is also a name, in a name position (labelled)
            self.word_name_clause(b)
        elif kind == 36:  # ... and the same words as words (not labelled)
            word = rng.choice([w for w in WORD_NAMES if w not in _MONTHS])
            b.add(rng.choice(_AMBIGUOUS_USES + _WORD_USES).format(w=rng.choice(["do", "try", "ask"]), x=word) + ". ")
        elif kind in (37, 38):  # a letter or a note: a capitalised full name with no cue word
            self.note_clause(b)
        elif kind == 39:  # a month alone dating the person's event is a DATE; a weekday alone is not
            if rng.random() < 0.65:
                b.add(rng.choice(["i was admitted in ", "we are moving to spain in ", "my surgery is planned for ", "she started the pills in ",
                                  "the pain started in ", "my last period was in ", "i'm travelling to india in ", "he had covid in ",
                                  "should i start the aspirin in ", "my baby is due in ", "since ", "until early ", "we go back in ",
                                  "i stopped smoking in ", "the lump appeared in late "]))
                month = rng.choice(_MONTHS)
                b.add(month.capitalize() if rng.random() < 0.3 else month, "DATE")
                b.add(rng.choice([". ", ", ", " and ", " - "]))
            else:
                day = rng.choice(_WEEKDAYS)
                b.add(rng.choice([f"i found it on {day}. ", f"the clinic is closed on {day}s. ", f"send it by {day}. ",
                                  f"since {day} i have fever. ", f"see you on {day}. ", f"{day} was the worst day. "]))
        elif kind == 40:  # capitalised hard negatives in a mixed-case line: drugs, places, hospitals, eponyms, diseases
            b.keep_case = True
            drug = rng.choice(self.drugs).capitalize()
            b.add(rng.choice([f"I was prescribed {drug} 500 mg twice daily. ", f"Started on {drug} last week. ", f"Is {drug} safe in pregnancy? ",
                              f"I'm travelling to {self.city()} next month. ", f"She was born at {self.hospital().title()}. ",
                              f"My son has {rng.choice(self.eponyms).capitalize()} disease. ",
                              f"We live near {self.city()} in {self._fake().country()}. ",
                              f"Referred to {self.hospital().title()} for a CT head. ",
                              f"Can I take {drug} with {rng.choice(self.drugs).capitalize()}? ",
                              f"The {self.city()} Clinic said to wait. ", f"Diagnosed with {rng.choice(self.diseases).capitalize()} in 2019. "]))
        elif kind == 41:  # an age over 89 in more shapes
            b.add(rng.choice(["my grandma is ", "my nan is ", "my lola is ", "my abuela is ", "my nonna is ", "my oma is ", "aged ",
                              "my grandad turned ", "grandpa turns ", "she turned ", f"my great aunt {self.first()} turned ",
                              f"my grandmother {self.first()} is ", f"grandpa {self.first()} ", "my mother, ", "he is ", "i am "]))
            age = self.age()
            tail = rng.choice(["yo", "y", "F", "M", "-year-old", " yo", " y/o", ""]) if age[0].isdigit() else ""
            b.add(age, "AGE")
            b.add(tail + rng.choice([" and has dementia. ", ", fell at home. ", " this year. ", ". ", " and still walks. ",
            " fell asleep at church. "]))
        elif kind == 42:  # identifying portal and meeting links
            b.add(rng.choice(["my results are in the portal ", "your video link is ", "join here ", "per my chart at ", "see "]))
            b.add(self.url(), "URL")
            b.add(rng.choice([" ", ". ", ", thanks. "]))
        elif kind == 43:  # names in lists and after a possessive of the family
            names = [self.word_name() if rng.random() < 0.4 else self.first() for _ in range(2)]
            b.add(rng.choice(["my twins are ", "my kids are ", "my daughters ", "our sons ", "the twins, "]))
            b.add(names[0], "NAME")
            b.add(rng.choice([" and ", " & "]))
            b.add(names[1], "NAME")
            b.add(rng.choice([", both have chickenpox. ", " have a cough. ", ", both 6. ", " both have fever. "]))
        else:
            b.add(rng.choice(["my ", "our "]) + rng.choice(RELATIVES) + " ")
            b.add(self.name(), "NAME")
            b.add(rng.choice([" is ", " has ", ", ", " who is ", " was "]) + rng.choice(["feverish. ", "12. ", "on insulin. ", "in pain. "]))

    def word_name_clause(self, b: _Builder) -> None:
        """A name that is also a word (or a drug, an eponym) where only a person can stand."""
        rng = self.rng
        name = rng.choice(self.named_things) if rng.random() < 0.15 else self.word_name()
        shape = rng.randrange(6)
        if shape == 0:
            b.add(rng.choice(["my daughter ", "my son ", "my wife ", "my sister ", "my mother ", "my nan ", "my best friend ", "my baby ",
                              "my husband ", "my grandson "]))
            b.add(name, "NAME")
            b.add(rng.choice([" is 4 and has a rash. ", " has a cough. ", " broke her leg. ", " was diagnosed with asthma. ", " keeps crying. ",
                              " is 7 months pregnant. ", " has sickle cell. ", ", 6, has fever. ", " (10) has a cold. ", " said it hurts. "]))
        elif shape == 1:
            b.add(name.capitalize() if rng.random() < 0.3 else name, "NAME")
            b.add(rng.choice([" said the pain is worse. ", " is 4 and still wets the bed. ", " told me to ask you. ",
            " has had diarrhoea since monday. ",
                              " was born early. ", "'s teacher said she is tired. ", " and i are worried. ", " turned 3 last week. "]))
        elif shape == 2:
            b.add(rng.choice(["hi its ", "hi, it's ", "this is ", "i am ", "i'm ", "hello doctor, i am ", "my name is "]))
            b.add(name, "NAME")
            b.add(rng.choice([" again, ", " here. ", ", 34, ", " from leeds. "]))
        elif shape == 3:
            b.add(rng.choice(["hi ", "hello ", "thanks ", "dear "]))
            b.add(name, "NAME")
            b.add(rng.choice([", ", ". ", "! "]))
        elif shape == 4:
            b.add(rng.choice(["ask ", "tell ", "i told ", "we took "]))
            b.add(name, "NAME")
            b.add(rng.choice([" to rest. ", " about it. ", " to the clinic. "]))
        else:
            b.keep_case = True
            b.add(rng.choice(["My daughter ", "My wife ", "My mother ", "My son ", "Our baby "]))
            b.add(name.capitalize(), "NAME")
            b.add(rng.choice([" has had a migraine for three days. ", " was diagnosed with type 1 diabetes. ", " is 39 and pregnant. "]))

    def note_clause(self, b: _Builder) -> None:
        """A clinical note, letter or log line naming the patient with no cue word, capitalised."""
        rng = self.rng
        b.keep_case = True
        name = self.cap_name()
        shape = rng.randrange(8)
        if shape == 0:
            b.add(rng.choice(["Nurse note ", "Progress note ", "Ward round ", "Clinic note ", "Review "]))
            b.add(self.date(), "DATE")
            b.add(rng.choice([": Patient ", ": ", " - ", ": Pt "]))
            b.add(name, "NAME")
            b.add(rng.choice([" reports improved sleep. ", ", 58M, HbA1c 9.4%. ", " seen with her son. ", " is stable on warfarin. "]))
        elif shape == 1:
            b.add(rng.choice(["Pt: ", "Re: ", "Patient: ", "Name: ", "Client: ", "Attn: "]))
            b.add(name, "NAME")
            b.add(rng.choice([", 34M. ", ", DOB ", f", {rng.randint(18, 88)}F, ", " - ", "; "]))
        elif shape == 2:
            b.add(rng.choice(["Triage note: ", "Consultation 09:40 -- ", "ED triage -- ", "Call log: ", "Discharge: ", "Home visit: "]))
            b.add(name, "NAME")
            b.add(rng.choice([", tel ", ", c/o chest pain. ", " rang re: INR 4.6. ", ", reduced oral intake. ", " (DOB "]))
        elif shape == 3:
            b.add(rng.choice(["I confirm that ", "This is to certify that ", "Please see ", "Kindly review ", "Spoke with "]))
            b.add(name, "NAME")
            b.add(rng.choice([" attended clinic today. ", " is unfit for work. ", " at your earliest convenience. ", " and her daughter. "]))
        elif shape == 4:
            b.add(rng.choice(["CT head for ", "Prescription for ", "Referral for ", "Bloods taken from ", "Dispensed to "]))
            b.add(name, "NAME")
            b.add(rng.choice([" (MRN ", ", amoxicillin 500 mg. ", ". No acute findings. ", " today. "]))
        elif shape == 5:
            b.add(rng.choice(["Surgery performed on ", "Seen by ", "Cholecystectomy on ", "Assessed "]))
            b.add(name, "NAME")
            b.add(rng.choice([" by Mr ", " with Dr ", " in clinic. "]))
            if b.last().endswith(("Mr ", "Dr ")):
                b.add(self.cap_name(), "NAME")
                b.add(". ")
        elif shape == 6:
            b.add(name, "NAME")
            b.add(rng.choice([" rang from ", " called on ", " can be reached on "]))
            b.add(self.phone(), "PHONE")
            b.add(". ")
        else:
            b.add(rng.choice(["Hi, I'm ", "Hello, I am ", "Thanks, ", "Regards, ", "-- "]))
            b.add(name, "NAME")
            b.add(rng.choice([" (", ". ", ", 29, ", "\n"]))

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
