"""The PHI tagger: a linear-chain CRF (python-crfsuite) over word tokens, trained on synthetic lines (`phi_synth`), used beside the
rules on free text (consultations, dialogues, user-added sources).

Why a CRF trained here: no package on the registries reachable from here ships NER weights, and the rules miss what they have
never seen (names without a cue, foreign dates, national IDs); a tagger that reads word shape, neighbouring words and the
lexicons generalises from synthetic identifiers. Features are cheap on purpose (the scrub's speed): the word itself only when it
is a common, function, medical or calendar word (never a rare word: no name of the base text is kept in the model), its shape,
suffix, length and lexicon memberships, the same for two words either side. It does not depend on capitalisation: most
training lines are lower case.

Combined with the rules by `find_phi_tagged`: every rule span, plus each tagger span that no rule span overlaps, whose every token
has a marginal probability of at least `MIN_MARGINAL`, and that the precision guard lets through (`_refused`: a drug, medical term or
eponym unless in a name position, an ordinary word outside a name context, an age that is a weight or temperature, a date that is a
dose or a clinical duration, an ID after a lot cue, a URL the rules already read).

The model ships as package data (`data/phi_tagger.crfsuite`, ~0.4 MB); `medpipe phi train` rebuilds it (seeded, byte-identical on a
rebuild from the same base text), written to a temporary file beside the target and renamed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from medpipe.curation.phi import (
    _EPONYM_NOUN,
    _ORGANISATION_AFTER,
    _PERSON_BEFORE,
    _PUBLIC_LINE,
    _TEMPERATURE_BEFORE,
    _UNIT_AFTER,
    EPONYMS,
    FUNCTION_WORDS,
    NOT_NAMES,
    ROLES,
    SOCIAL_URL,
    URL,
    Span,
    find_phi,
    lexicon,
    name_position,
)
from medpipe.curation.phi_words import WORD
from medpipe.curation.phi_words import drug_names, is_never_name, medical_terms, never_names
from medpipe.sources.catalog import SYNTHETIC_SOURCES

if TYPE_CHECKING:
    import polars as pl

MODEL_FILE = "phi_tagger.crfsuite"
MIN_MARGINAL = 0.9
TRAIN_LINES = 16000
TRAIN_SEED = 27
TRAIN_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?|[^\w\s]")
_TITLES = frozenset("dr doctor mr mrs ms miss prof professor nurse sister sir madam mam".split())
_RELATIVE_WORDS = frozenset("son daughter wife husband mother father mom mum dad brother sister friend baby uncle aunt aunty nephew niece "
                            "cousin grandmother grandfather grandma grandpa granny partner boyfriend girlfriend kid child "
                            "neighbour colleague".split())
_CUES = frozenset("name myself called named regards thanks hi hello dear am im i'm this is here from".split())
_SHAPE = str.maketrans({**{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"}, **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                        **{c: "d" for c in "0123456789"}})
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class _Lexicons:
    vocabulary: frozenset[str]
    first: frozenset[str]
    ambiguous: frozenset[str]
    surnames: frozenset[str]
    drugs: frozenset[str]
    medical: frozenset[str]
    eponyms: frozenset[str]
    places: frozenset[str]


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    first, ambiguous, surnames, common = lexicon()
    medical = medical_terms()
    vocabulary = (common | FUNCTION_WORDS | ROLES | NOT_NAMES | EPONYMS | medical | _TITLES | _RELATIVE_WORDS | _CUES) - first - surnames
    return _Lexicons(frozenset(vocabulary), first, ambiguous, surnames, drug_names(), medical, EPONYMS, NOT_NAMES)


def tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


# Letters of scripts without case, by script: a name in Han, Arabic or Devanagari is a shape, never its own letters (the model keeps
# no rare word); cased letters beyond ASCII (ø, é, Cyrillic, Greek) are x/X like ASCII ones, with a flag for their script.
_CASELESS = (("\u4e00", "\u9fff", "H"), ("\u3400", "\u4dbf", "H"), ("\u3040", "\u30ff", "J"), ("\uac00", "\ud7af", "K"),
             ("\u1100", "\u11ff", "K"), ("\u0600", "\u06ff", "A"), ("\u0590", "\u05ff", "W"), ("\u0900", "\u0dff", "I"),
             ("\u0e00", "\u0e7f", "T"), ("\u10a0", "\u10ff", "G"), ("\u0530", "\u058f", "Y"))


def _shape_char(c: str) -> str:
    if c.isdigit():
        return "d"
    if not c.isalpha():
        return c
    for low, high, code in _CASELESS:
        if low <= c <= high:
            return code
    return "X" if c.isupper() else "x" if c.islower() else "L"


def _shape(word: str) -> str:
    return word.translate(_SHAPE) if word.isascii() else "".join(_shape_char(c) for c in word)


def _script(word: str) -> str | None:
    """A flag for a word with letters beyond ASCII: accented Latin, Cyrillic, Greek, or one of `_CASELESS`."""
    if word.isascii():
        return None
    for c in word:
        if c.isalpha() and not c.isascii():
            if "\u0400" <= c <= "\u04ff":
                return "sc=cyr"
            if "\u0370" <= c <= "\u03ff":
                return "sc=grk"
            code = _shape_char(c)
            return "sc=lat" if code in "xX" else f"sc={code}"
    return None


def _word_features(word: str, lex: _Lexicons) -> tuple[str, list[str]]:
    """(the word's identity or shape, for its neighbours; its own features)."""
    low = word.lower()
    if low in lex.vocabulary:
        ident = "w=" + low
    elif low.isdigit():
        ident = f"d{min(len(low), 12)}"
    else:
        ident = "s=" + _REPEATS.sub(r"\1", _shape(low))[:6]
    shape = _REPEATS.sub(r"\1", _shape(word))[:6]
    own = [ident, "sh=" + shape, f"n={min(len(word), 12)}"]
    script = _script(word)
    if script:
        own.append(script)
    if low.isalpha():
        if low not in lex.vocabulary and script in (None, "sc=lat", "sc=cyr", "sc=grk"):
            own += ["x3=" + low[-3:], "x2=" + low[-2:], "p2=" + low[:2]]
        if low in lex.first:
            own.append("F")
        if low in lex.ambiguous:
            own.append("A")
        if low in lex.surnames:
            own.append("S")
        if low in lex.drugs:
            own.append("D")
        if low in lex.medical:
            own.append("M")
        if low in lex.eponyms:
            own.append("E")
        if low in lex.places:
            own.append("P")
        if low in _TITLES:
            own.append("T")
        if low in _RELATIVE_WORDS:
            own.append("R")
        if word[0].isupper():
            own.append("cap")
    return ident, own


_OFFSETS = (-2, -1, 1, 2)
_EDGE = tuple([f"{offset}edge"] for offset in _OFFSETS)
_WORD_CACHE_MAX = 500_000
Entry = tuple[list[str], tuple[list[str], ...], str]


@dataclass
class FeatureCache:
    """A word's features, once per word (words repeat), and the attributes kept: all of them for training; for tagging, only the
    model's (crfsuite drops the attributes its model lacks, so dropping them first gives the same tags and marginals, faster)."""

    known: frozenset[str] | None = None
    words: dict[str, Entry] = field(default_factory=dict)

    def keep(self, attributes: list[str]) -> list[str]:
        return attributes if self.known is None else [a for a in attributes if a in self.known]

    def entry(self, word: str) -> Entry:
        """(a word's own features, what it gives each neighbour at offsets -2, -1, +1, +2, its identity)."""
        hit = self.words.get(word)
        if hit is None:
            ident, own = _word_features(word, _lexicons())
            flags = [f for f in own if len(f) <= 3 and f.isupper()]
            hit = (self.keep(own), tuple(self.keep([f"{offset}{ident}", *(f"{offset}{flag}" for flag in flags)]) for offset in _OFFSETS), ident)
            if len(self.words) < _WORD_CACHE_MAX:
                self.words[word] = hit
        return hit


_TRAINING_CACHE = FeatureCache()


def features(words: list[str], cache: FeatureCache = _TRAINING_CACHE) -> list[list[str]]:
    """Per token: its own features, its neighbours' (two either side) and the pair of it and the word before."""
    entries = [cache.entry(w) for w in words]
    edge = tuple(cache.keep(e) for e in _EDGE)
    known, n = cache.known, len(entries)
    out = []
    for i, (own, _, ident) in enumerate(entries):
        row = ["b", *own, *(entries[i - 2][1][0] if i >= 2 else edge[0]), *(entries[i - 1][1][1] if i >= 1 else edge[1]),
               *(entries[i + 1][1][2] if i + 1 < n else edge[2]), *(entries[i + 2][1][3] if i + 2 < n else edge[3])]
        if i > 0:
            pair = f"bi={entries[i - 1][2]}|{ident}"
            if known is None or pair in known:
                row.append(pair)
        out.append(row)
    return out


def bio_labels(text: str, spans: tuple[Span, ...] | list[Span], found: list[re.Match[str]]) -> list[str]:
    """A BIO label per token: a token inside a span gets its kind (B- on the span's first token)."""
    labels, ordered, k, last = [], sorted(spans, key=lambda s: s.start), 0, -1
    for match in found:
        while k < len(ordered) and ordered[k].end <= match.start():
            k += 1
        if k < len(ordered) and ordered[k].start < match.end() and match.start() < ordered[k].end:
            labels.append(("I-" if k == last else "B-") + ordered[k].label)
            last = k
        else:
            labels.append("O")
    return labels


# ---------------------------------------------------------------- tagging


class Tagger:
    def __init__(self, model: Path | None = None) -> None:
        import pycrfsuite

        self.path = model or Path(str(files("medpipe.curation") / "data" / MODEL_FILE))
        if not self.path.is_file():
            raise FileNotFoundError(f"PHI tagger model missing: {self.path} (build it with `medpipe phi train`)")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._cache = FeatureCache(frozenset(self._tagger.info().attributes))

    def spans(self, text: str, min_marginal: float = MIN_MARGINAL) -> list[Span]:
        """Entities the CRF finds, each kept only when every token's marginal reaches `min_marginal`."""
        words = _TOKEN.findall(text)
        if not words:
            return []
        tagger = self._tagger
        labels = tagger.tag(features(words, self._cache))
        if all(label == "O" for label in labels):
            return []
        found = tokens(text)  # the offsets, only for the rare text with an entity
        out: list[Span] = []
        i = 0
        while i < len(labels):
            if labels[i] == "O":
                i += 1
                continue
            kind, j = labels[i][2:], i + 1
            while j < len(labels) and labels[j] == f"I-{kind}":
                j += 1
            first, last = i, j - 1
            while first <= last and not found[first].group(0)[0].isalnum():  # a span never starts or ends on punctuation
                first += 1
            while last >= first and not found[last].group(0)[-1].isalnum():
                last -= 1
            if first <= last and all(tagger.marginal(labels[t], t) >= min_marginal for t in range(i, j)):
                start, end = found[first].start(), found[last].end()
                out.append(Span(start, end, kind, text[start:end], "tagger"))
            i = j
        return out


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    return Tagger()


def load_tagger() -> None:
    """The model and the lexicons loaded (before forking workers that use them)."""
    tagger()
    _lexicons()
    never_names()
    _drug_parts()


# Sources of exam vignettes, reference articles and text generated from them: the rules only. Every other source (dialogues,
# consultations, consumer questions, any user-added source) is free text and also goes through the tagger.
RULES_ONLY_SOURCES = frozenset({"medqa", "medical_o1_reasoning_sft", "medical_o1_verifiable_problem", "wiki_medical_terms",
                                "symptom_to_diagnosis", "diseases_symptoms", "first_aid_intents", "synthetic_disaster_reports",
                                "ii_medical_reasoning_sft", "cameo"}) | SYNTHETIC_SOURCES
TAGGER_BIT = 1 << 12  # beside phi.KIND_BITS and the name-rule bits in a text's kinds mask: run the tagger too


def tagger_applies(source: str | None) -> bool:
    return source not in RULES_ONLY_SOURCES


def with_tagger(kinds: dict[str, int], texts: "pl.DataFrame", sources: "pl.DataFrame") -> dict[str, int]:
    """`kinds` (text -> kinds mask, from `scrub.text_kinds`) with `TAGGER_BIT` on every distinct text of a row (`_row`) whose
    source is free text, including the texts the rules' prefilter ruled out."""
    import polars as pl

    free = sources.filter(~pl.col("source").is_in(sorted(RULES_ONLY_SOURCES)) | pl.col("source").is_null())["_row"]
    tagged = texts.filter(pl.col("_row").is_in(free.implode()))["t"].unique().to_list()
    return kinds | {text: kinds.get(text, 0) | TAGGER_BIT for text in tagged}


_OVER_89 = re.compile(r"^(?:9\d|1[0-2]\d)$|ninety|hundred", re.IGNORECASE)  # an AGE is only an age over 89 (Safe Harbor)


def _not_a_name(text: str, span: Span) -> bool:
    """A tagger NAME that the guard refuses: a drug, medical term or eponym; with a digit ("turned 1"); a word that is also an
    ordinary word followed by a number ("alpha 1"); part of a word joined by a hyphen ("peto-bismol": a placeholder would cut it)."""
    glued = (span.end + 1 < len(text) and text[span.end] == "-" and text[span.end + 1].isalpha()) or (
        span.start >= 2 and text[span.start - 1] == "-" and text[span.start - 2].isalpha())
    lex = _lexicons()
    numbered = (" " not in span.text and span.text.lower() in lex.ambiguous | lex.vocabulary
                and re.match(r"[ \t-]?\d", text[span.end : span.end + 2]) is not None)  # "alpha 1", "type 2": a word numbered
    never = is_never_name(span.text) and not name_position(text, span.start, span.end)  # "my sister allegra has a cough" is a name
    hyphenated = any(part in _drug_parts() for token in span.text.lower().split() if "-" in token for part in token.split("-"))
    return glued or numbered or any(c.isdigit() for c in span.text) or never or hyphenated  # "peto-bismol": a part of "pepto-bismol"


@lru_cache(maxsize=1)
def _drug_parts() -> frozenset[str]:
    """The parts of the drug lexicon's hyphenated names that are not names or common words ("bismol" of "pepto-bismol")."""
    first, _, surnames, common = lexicon()
    parts = {part for name in drug_names() if "-" in name for part in name.split("-") if len(part) >= 4 and part.isalpha()}
    return frozenset(parts - first - surnames - common)


# What only a person does after a name that is also a word ("hope said", "grace is 4", "joy broke her leg")
_PERSON_VERB_AFTER = re.compile(r"[ \t]+(?:said|says|told|asked|cried|cries|keeps|kept|broke|fell|woke|vomited|turned|turns|is[ \t]+\d|was[ \t]+born"
                                r"|has[ \t]+had|and[ \t]+i\b)|['’]s[ \t]+(?:teacher|school|nurse|doctor|mum|mom|dad|class)\b", re.IGNORECASE)
_TWINS_BEFORE = re.compile(r"\bmy[ \t]+(?:twins?|kids|children|sons|daughters|boys|girls)\b[^.!?\n]{0,30}$", re.IGNORECASE)
_PRODUCT_BEFORE = re.compile(r"\b(?:lot|batch|ndc|serial|sku|catalog(?:ue)?|model|expiry)\b[^.!?\n]{0,30}$", re.IGNORECASE)
_FRACTION_DURATION = re.compile(r"\d{1,2}/(?:7|12|52)")  # clinical durations: 2/7 days, 3/12 months, 2/52 weeks
# a product's form or dose, in a NAME or right after it: "duolin nebuliser", "refzil 5ml"
_PRODUCT_FORM = re.compile(r"\b(?:nebuli[sz]ers?|inhalers?|respules?|rotacaps?|injections?|sprays?|gels?|lotions?|drops|suspensions?|solutions?"
                           r"|puffs?|sachets?|patch(?:es)?|ointments?|creams?|syrups?|tablets?|tabs?|capsules?|caps?|pills?)\b"
                           r"|\d+(?:\.\d+)?[ \t]*(?:mg|mcg|µg|ml|g|iu)\b", re.IGNORECASE)
_FIELD_LABEL = re.compile(r"[ \t]*[:：]")  # "Yatış tarihi:", "Chẩn đoán:": the label of a field, not a name
_ACRONYM = re.compile(r"[A-Z]{2,5}")  # "AKI"
_NUMBER_AFTER = re.compile(r"[ \t-]?\d")  # "دیابت نوع ۲", "Telma 40": a term or a product and its number
_RATIO = re.compile(r"\d{1,3}/\d{1,3}")  # "90/60", "10/10": a pressure or a score


def _lexicon_name(span: Span) -> bool:
    first, _, surnames, _ = lexicon()
    return any(w in first or w in surnames for w in WORD.findall(span.text.lower()))


_DOSE = re.compile(r"\d[ \t]*(?:mcg|µg|mg|ml|kg|g|iu|units?|%)\b", re.IGNORECASE)


def _ordinary_words(span: Span) -> bool:
    """Every word of a NAME span is an ordinary word (common, a month, a place) and none a first name or a surname of the lexicon."""
    first, _, surnames, common = lexicon()
    found = WORD.findall(span.text.lower())
    return bool(found) and all((w in common or w in NOT_NAMES) and w not in first and w not in surnames for w in found)


def _in_name_context(text: str, span: Span) -> bool:
    """A name that is also a word stands where only a person can: `phi.name_position`, after "my <relative>", before what only a
    person does, or among children's names."""
    before = text[max(0, span.start - 40) : span.start]
    return (name_position(text, span.start, span.end) or _PERSON_BEFORE.search(before) is not None
            or _PERSON_VERB_AFTER.match(text, span.end) is not None or _TWINS_BEFORE.search(before) is not None)


def _refused(text: str, span: Span) -> bool:
    """The precision guard on the tagger's spans (beside `_not_a_name`): an ordinary word outside a name context ("these pills are
    precious", "Iris is the coloured part"), a name before an organisation or an eponym noun ("... Ambani Hospital", "Fazekas
    grade 2"); an age that is a weight or a temperature; a date that is a dose or a clinical duration ("review in 3/12"); an ID
    after a lot or batch cue; a URL the rules read and found public (they redact every identifying one of these shapes)."""
    before = text[max(0, span.start - 40) : span.start]
    if span.label == "NAME":
        after = text[span.end : span.end + 16].lstrip(" \t")
        form = _PRODUCT_FORM.search(span.text) is not None or _PRODUCT_FORM.match(after) is not None
        return (_not_a_name(text, span) or form or (_ordinary_words(span) and not _in_name_context(text, span))
                or _FIELD_LABEL.match(text, span.end) is not None or _ACRONYM.fullmatch(span.text) is not None
                or (_NUMBER_AFTER.match(text, span.end) is not None and not _lexicon_name(span))
                or _ORGANISATION_AFTER.match(text, span.end) is not None or _EPONYM_NOUN.match(text, span.end) is not None)
    if span.label == "AGE":
        unit = _UNIT_AFTER.match(text, span.end) is not None and not re.match(r"[ \t]*-?[ \t]*y", text[span.end :])
        return not _OVER_89.search(span.text) or unit or _TEMPERATURE_BEFORE.search(before) is not None
    if span.label == "DATE":
        return _DOSE.search(span.text) is not None or (_FRACTION_DURATION.fullmatch(span.text) is not None
                                                       and re.search(r"(?:in|for|x|over|past|last|next|review|r/v|f/u|follow[ -]?up)[ \t]*$",
                                                                     before, re.IGNORECASE) is not None)
    if span.label in ("ID", "PHONE") and _PUBLIC_LINE.search(before):
        return True  # "the samaritans number 116 123"
    if span.label == "ID":
        return _PRODUCT_BEFORE.search(before) is not None or _RATIO.fullmatch(span.text) is not None
    if span.label == "URL":
        return URL.match(text, span.start) is not None or SOCIAL_URL.match(text, span.start) is not None
    return False


def combine(text: str, rules: list[Span], tagged: list[Span]) -> list[Span]:
    """The rules' spans, plus the tagger's that overlap none of them and pass the precision guard, in text order."""
    kept = [s for s in tagged if not _refused(text, s) and not any(r.start < s.end and s.start < r.end for r in rules)]
    return sorted(rules + kept, key=lambda s: s.start)


def find_phi_tagged(text: str, kinds: int | None = None) -> list[Span]:
    """Rules and tagger: what `scrub` applies to free text."""
    rules = find_phi(text) if kinds is None else find_phi(text, kinds=kinds)
    return combine(text, rules, tagger().spans(text))


# ---------------------------------------------------------------- training


def train(folders: list[Path], target: Path, lines: int = TRAIN_LINES, seed: int = TRAIN_SEED) -> dict[str, float]:
    """Train on `lines` synthetic lines from the dialogue text of `folders`; the model is written beside `target` then renamed."""
    import pycrfsuite

    from medpipe.curation.phi_synth import synthetic_lines

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for line in synthetic_lines(folders, lines, seed):
        found = tokens(line.text)
        if found:
            trainer.append(features([m.group(0) for m in found]), bio_labels(line.text, line.spans, found))
    generated = time.perf_counter() - started
    trainer.set_params(TRAIN_PARAMS)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=".partial-", dir=target.parent)
    os.close(handle)
    try:
        trainer.train(partial)
        os.chmod(partial, 0o644)  # mkstemp's 0600 would keep an installed copy from other users
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return {"lines": lines, "generate_s": round(generated, 1), "train_s": round(time.perf_counter() - started - generated, 1),
            "bytes": target.stat().st_size}


def main(argv: list[str] | None = None) -> int:
    """`medpipe phi train`: rebuild the drug and medical-term lists and the tagger model (package data by default)."""
    from medpipe.curation.phi_guard import DRUG_NAME_WORDS_FILE, DRUG_NAMES_FILE, MEDICAL_TERMS_FILE, write_drug_names, write_medical_terms

    parser = argparse.ArgumentParser(prog="medpipe phi train")
    parser.add_argument("folders", nargs="*", type=Path, help="samples-like folders of dialogue and reference text (default: the bundled samples)")
    parser.add_argument("--lines", type=int, default=TRAIN_LINES)
    parser.add_argument("--seed", type=int, default=TRAIN_SEED)
    parser.add_argument("--out", type=Path, default=None, help=f"model file (default: the package's data/{MODEL_FILE})")
    parser.add_argument("--lists", action="store_true", help="also rewrite data/drug_names.txt and data/medical_terms.txt")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Faker draws some values through sets, whose order follows the process's string hashing: without a fixed hash seed the
        # same seed gives other lines in another process (seen: an it_IT city), so another model. The command runs itself again
        # with PYTHONHASHSEED=0: the model is the same bytes on every rebuild.
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], {**os.environ, "PYTHONHASHSEED": "0"})
    data = Path(str(files("medpipe.curation") / "data"))
    folders = args.folders or [Path(str(files("medpipe") / "samples"))]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        parser.error(f"not a folder: {', '.join(missing)}")
    if args.lists:
        print(f"drug names: {write_drug_names(data / DRUG_NAMES_FILE, data / DRUG_NAME_WORDS_FILE)}; "
              f"medical terms: {write_medical_terms(folders, data / MEDICAL_TERMS_FILE)}")
    report = train(folders, args.out or data / MODEL_FILE, args.lines, args.seed)
    print(" ".join(f"{k}={v}" for k, v in report.items()))
    return 0
