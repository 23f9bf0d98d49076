"""Quality steps: boilerplate, scrape junk and run-on turns stripped from the published text (each strip recorded in the row's
meta under `stripped` and in its flags), consultation and reference answers that do not answer their question quarantined
(`not_an_answer`, `boilerplate_only`: medpipe/curation/answers.py), and rows that are not English quarantined.

Every edit changes a row's content, so its id is recomputed from the new text."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache, partial
from typing import Any

import dagster as dg
import polars as pl

from medpipe.curation.answers import not_an_answer
from medpipe.curation.boilerplate import Strip, frequent_boilerplate, strip_boilerplate
from medpipe.curation.runner import keep_all
from medpipe.warehouse.machine import map_in_forks
from medpipe.warehouse.step import StepContext
from medpipe.sources.catalog import source_kind
from medpipe.warehouse.text import content_id


class CleanTextConfig(dg.Config):
    min_boilerplate_answers: int = 5  # a sentence must repeat in this many distinct answers of a source ...
    min_boilerplate_share: float = 0.005  # ... and this share of them to be considered boilerplate
    max_topical_share: float = 0.3  # ... and share a content word with at most this share of the questions it follows
    min_answer_chars: int = 2  # an answer left shorter than this after stripping is quarantined (`nothing_left`)


class LanguageConfig(dg.Config):
    language: str = "en"
    min_letters: int = 20  # shorter texts are too short to identify reliably: they pass
    min_confidence: float = 0.95  # normalised probability of the identified language for a row to be quarantined


# A speaker label that opens a new turn inside an answer (the answer runs on into the next turn)
NEW_TURN = re.compile(r"(?:^|(?<=[.?!\n])|(?<=[.?!]\s))\s*\b(?:patient|user|human|client|customer)\s*:\s*(?=\S)", re.IGNORECASE)
# Scrape junk: registry codes of drug labels, the pilcrows of drug-label tables, runs of symbols. The last field lists literals
# (lower case) one of which every match of an ASCII text contains: an ASCII text with none of them is not searched (the
# searches were most of the step); a text with other characters always is (control characters are gone since the sources).
JUNK: tuple[tuple[str, re.Pattern[str], str, tuple[str, ...]], ...] = (
    ("registry_code", re.compile(r"\s*\((?:[^()\n]{0,60}?\s-\s)?(?:UNII|NDC|RxCUI|CAS(?: RN)?)\s*:\s*[A-Z0-9-]{4,}\)", re.IGNORECASE), "",
     ("unii", "ndc", "rxcui", "cas")),
    ("pilcrow", re.compile(r"¶"), "", ()),
    ("citation_marker", re.compile(r"(?<=\S)(?:\[\d{1,3}\])+"), "", ("[",)),
    ("empty_parentheses", re.compile(r"\s*\((?:\s*(?:UK|US|/)?\s*:?\s*[,;]?)*\s*\)"), "", ("(",)),
    ("symbol_run", re.compile(r"([^\w\s.,;:!?()'\"%/\-\[\]])\1{2,}|[*=_~#]{4,}"), "", tuple("#$&*+<=>@\\^`{|}~_")),
)
# "diarrhea.This": a sentence starting right after a full stop. Lower-case words on both sides are left alone (domains, file
# names), except the few that only ever start a sentence.
MISSING_SPACE = re.compile(r"\b([a-z]{2,})\.([A-Z][a-z]+|(?:i|i'm|i've|please|hope|thanks|regards|you|your|the|this|it|if|in|take|do|don't)\b)")
_NOT_A_SENTENCE_END = frozenset({"www", "e", "i", "dr", "mr", "mrs", "ms", "vs", "etc", "fig", "no"})
_DOMAIN = re.compile(r"\.(?:com|org|net|gov|edu|nih|io|uk|in|html?)\b", re.IGNORECASE)


# An answer that is a drug label's ingredient table flattened by a scrape (its inactive ingredients with a registry code on each
# row, or the table's header alone), not an answer; a list of ingredients ("Inactive ingredients: lactose; talc") answers a
# question about what a drug holds, and a line naming the active ingredient and its strength is an answer once its registry
# codes are stripped
DRUG_LABEL_TABLE = re.compile(r"\binactive ingredients?\b", re.IGNORECASE)
_REGISTRY_FIELD = re.compile(r"\b(?:UNII|NDC|RxCUI)\s*:", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"\b(?:in)?active ingredients?\b|\bactive moiety\b|\bingredient name\b|\bstrength\b|\bbasis of strength\b",
                           re.IGNORECASE)
# Letters of scripts other than Latin: a text mostly in them is not English however short it is
OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def cut_run_on(text: str) -> tuple[str, str | None]:
    """The answer up to a new speaker turn, and the cut turn label (None: no run-on)."""
    found = NEW_TURN.search(text) if ":" in text else None
    if not found or found.start() == 0 and not text[: found.start()].strip():
        return text, None
    return text[: found.start()].rstrip(), found.group(0).strip()


def fix_junk(text: str) -> tuple[str, list[str]]:
    """`text` without scrape junk and with a space after full stops that lack one; the kinds of fixes made."""
    fixes = []
    lowered = None if not text.isascii() else text.lower()
    for name, pattern, replacement, literals in JUNK:
        if lowered is not None and not any(literal in lowered for literal in literals):
            continue
        text, n = pattern.subn(replacement, text)
        if n:
            fixes.append(name)
            lowered = None if not text.isascii() else text.lower()
    def space(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if left.lower() in _NOT_A_SENTENCE_END or _DOMAIN.match("." + right):
            return match.group(0)
        return f"{left}. {right}"
    spaced = MISSING_SPACE.sub(space, text)
    if spaced != text:
        fixes.append("missing_space_after_full_stop")
    if fixes:
        spaced = re.sub(r"[ \t]{2,}", " ", spaced).strip()
    return spaced, fixes


def _merge_meta(meta: str | None, stripped: list[str]) -> str:
    try:
        document = json.loads(meta) if meta else {}
    except ValueError:
        document = {"meta": meta}
    if not isinstance(document, dict):
        document = {"meta": document}
    document["stripped"] = [*document.get("stripped", []), *stripped]
    return json.dumps(document, ensure_ascii=False, sort_keys=True, default=str)


def clean_row(row: dict[str, Any], frequent: set[str], min_answer_chars: int) -> tuple[dict[str, Any], str | None, str | None]:
    """The row with its answer (and its assistant turns) stripped of boilerplate, junk and run-on turns; the drop reason and detail
    when nothing of the answer is left."""
    flags, removed = set(), []

    def clean_answer(text: str) -> str:
        text, turn = cut_run_on(text)
        if turn:
            flags.add("run_on_turn_cut")
            removed.append(f"run-on turn from '{turn}'")
        stripped: Strip = strip_boilerplate(text, frequent)
        if stripped.removed:
            flags.add("boilerplate_stripped")
            removed.extend(stripped.removed)
        text, fixes = fix_junk(stripped.text)
        for fix in fixes:
            flags.add(f"fixed:{fix}")
        return text

    def clean_question(text: str) -> str:
        text, fixes = fix_junk(text)
        for fix in fixes:
            flags.add(f"fixed:{fix}")
        return text

    output = clean_answer(row["output"])
    updated = dict(row, input=clean_question(row["input"]), output=output, context=clean_question(row["context"] or ""))
    if row["messages"]:
        updated["messages"] = [m | {"content": clean_answer(m["content"]) if m["role"] == "assistant" else clean_question(m["content"])}
                               for m in row["messages"]]
    if (table := drug_label_table(row)) is not None:
        return row, "drug_label_table", table
    if not flags:
        updated = row
    else:
        updated["flags"] = sorted(set(row["flags"]) | flags)
        if removed:
            updated["meta"] = _merge_meta(row["meta"], removed)
        updated["id"] = content_id(updated["input"], updated["context"], updated["output"])
        if len(output.strip()) < min_answer_chars or not any(c.isalnum() for c in output):
            return updated, "nothing_left", f"the answer was only boilerplate or junk: {'; '.join(removed)[:300]}"
    if (verdict := not_an_answer(updated["input"], updated["output"], source_kind(row["source"]), "boilerplate_stripped" in flags)):
        return updated, *verdict
    return updated, None, None


def drug_label_table(row: dict[str, Any]) -> str | None:
    answer = row["output"]
    if not DRUG_LABEL_TABLE.search(answer):
        return None
    if (codes := len(_REGISTRY_FIELD.findall(answer))) >= 2:
        return f"the answer is a drug label's ingredient table ({codes} registry codes)"
    if not any(c.isalnum() for c in _TABLE_HEADER.sub(" ", answer)):
        return "the answer is a drug label's ingredient table header with no rows"
    return None


def clean_rows(frequent_by_source: dict[str, set[str]], min_answer_chars: int,
               rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str | None, str | None]]:
    return [clean_row(row, frequent_by_source[row["source"]], min_answer_chars) for row in rows]


def clean_text_step(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    """Boilerplate (reviewed list + per-source frequency), scrape junk and run-on turns stripped from every source's rows."""
    config: CleanTextConfig = context.config
    frequent_by_source: dict[str, set[str]] = {}
    for (source,), part in rows.group_by("source", maintain_order=True):
        # chatbot boilerplate is found in consultations; in exam, reference or reasoning text a repeated sentence is content
        frequent_by_source[source] = set() if source_kind(source) != "consultation" else frequent_boilerplate(part["input"].to_list(),
                                                          part["output"].to_list(), config.min_boilerplate_answers,
                                                          config.min_boilerplate_share, config.max_topical_share)
    decided = map_in_forks(partial(clean_rows, frequent_by_source, config.min_answer_chars), list(rows.iter_rows(named=True)))
    cleaned, reasons, details = (list(column) for column in zip(*decided)) if decided else ([], [], [])
    out = pl.DataFrame(cleaned, schema=rows.schema)
    flag_counts = Counter(f for flags in out["flags"].to_list() for f in flags if f in ("boilerplate_stripped", "run_on_turn_cut")
                          or f.startswith("fixed:"))
    context.metadata |= {"rows_edited_by_kind": dg.MetadataValue.json(dict(sorted(flag_counts.items()))),
                         "boilerplate_found_by_source": dg.MetadataValue.json({s: sorted(f)[:20] for s, f in frequent_by_source.items() if f})}
    return out.with_columns(pl.Series("drop_reason", reasons, dtype=pl.String), pl.Series("drop_detail", details, dtype=pl.String))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> tuple[str, float]:
    """py3langid's language (ISO 639-1) and normalised probability; its model ships inside the wheel."""
    language, probability = _identifier().classify(text)
    return language, float(probability)


# English function words not shared with the languages met in the real files (Dutch, Afrikaans, German: "is", "in", "my",
# "of", "die" are left out). A text of 8+ words, a fifth of them these, is English without asking the identifier: py3langid
# costs ~0.6 ms a text (87 s of a 100k build), this ~25 us. Of the texts it passed, the identifier would have quarantined none:
# 121,488 of the 100k benchmark corpus, and 1,347 of the test sets written apart (audit seed, emergency messages, PHI sets).
ENGLISH_FUNCTION_WORDS = frozenset("""the and to you your that with for this are be have not on as can it if what how does should will from at by
they their there which when he she his her been has would could or i i'm i've it's don't can't but than then some any about after
because into more most other such these those while who why where very them him was were may also""".split())
_LOWER_WORD = re.compile(r"[a-z']+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def letter_count(text: str) -> int:
    """The characters of `text` that str.isalpha calls letters (a regex for ASCII text, which is most of it)."""
    return len(_ASCII_LETTER.findall(text)) if text.isascii() else sum(c.isalpha() for c in text)


def plainly_english(text: str) -> bool:
    words = _LOWER_WORD.findall(text.lower())
    if len(words) < 8:
        return False
    hits = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    return hits >= 3 and hits >= 0.2 * len(words)


def not_english(text: str, config: LanguageConfig) -> str | None:
    """"<language> <probability>" when `text` is confidently another language than the configured one, else None."""
    other_script = 0 if text.isascii() else len(OTHER_SCRIPT.findall(text))
    if other_script and (letters := letter_count(text)) and other_script / letters > 0.5:
        return f"non-Latin script ({other_script} of {letters} letters)"
    if config.language == "en" and plainly_english(text):
        return None
    if letter_count(text) < config.min_letters:
        return None
    language, probability = language_of(text)
    if language != config.language and probability >= config.min_confidence:
        return f"{language} {probability:.2f}"
    return None


def languages_found(config: LanguageConfig, pairs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Per (question, answer): the columns confidently in another language, with what they were identified as."""
    return [[(column, hit) for column, text in (("input", question), ("output", answer)) if (hit := not_english(text, config))]
            for question, answer in pairs]


def filter_language(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    config: LanguageConfig = context.config
    _identifier()  # loaded once, before a fork: the workers share it
    found = map_in_forks(partial(languages_found, config), list(zip(rows["input"].to_list(), rows["output"].to_list())))
    reasons = ["not_english" if hits else None for hits in found]
    details = ["; ".join(f"{column} identified as {hit} (py3langid)" for column, hit in hits) if hits else None for hits in found]
    context.metadata["identifier"] = "py3langid (model inside the wheel)"
    decided = keep_all(rows)
    return decided.with_columns(pl.Series("drop_reason", reasons, dtype=pl.String), pl.Series("drop_detail", details, dtype=pl.String))
