"""Chatbot boilerplate in answers: sentences repeated across many answers of one source that do not depend on the question
(telehealth upsells, greetings, sign-offs), found from the data as C4/FineWeb line filters do, plus a short reviewed list.

A sentence is boilerplate of a source when it appears in at least `min_answers` distinct answers (and `min_share` of them), when
few of the questions it answers share a content word with it (advice repeated under questions about the same thing, "a sore
throat that does not go away needs a doctor", is content), and when it names no care advice (CARE_WORDS)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

# Reviewed phrases, stripped wherever they occur in an answer (case-insensitive). Each was read in the real files. The middle
# field is a lower-case literal every match contains: a text without it is not searched (the searches were most of the step).
REVIEWED: tuple[tuple[str, str, str], ...] = (
    ("in_brief_label", "in brief", r"^\s*in brief\s*:\s*"),
    ("telehealth_upsell", "chat with me", r"\(?\d{0,2}/?\d{0,2}/?\d{0,4}\)?\s*would you like to (?:video or text|text or video) chat with me\??"),
    ("telehealth_upsell", "video w", r"\bdo (?:a )?video (?:chat |call )?w(?:ith\b|/)\s*(?:(?:dr|doctor|me)\b\.?)?"),
    ("telehealth_upsell", "healthtap", r"\bhealthtap (?:guidelines?|doctors?)[^.?!\n]*[.?!]?"),
    ("ai_disclaimer", "as an ai", r"\bas an ai(?: language model)?,?\s*"),
    ("end_of_conversation", "conversation", r"\(\s*end of (?:the )?conversation\s*\)"),
    ("greeting", "thank", r"\b(?:hello|hi|dear)?\s*(?:and )?(?:thanks?|thank you) for (?:your|the) (?:question|query)(?: on| to"
                          r"| at)? (?:health ?care ?magic|hcm|icliniq)\.?"),
    ("greeting", "ask a doctor", r"\bhello and welcome to ['‘’\"]?ask a doctor['‘’\"]? service\.?"),
    ("greeting", "magic", r"\b(?:(?:hello|hi)\s*(?:dear)?\s*,?\s*|respected user\s*,?\s*(?:hi\s*)?)?(?:warm welcome to|thanks? (?:you )?for using"
                          r"|welcome to) health ?care ?magic(?:\.com)?\s*,?\.?"),
    ("greeting", "your query", r"\bi have (?:evaluated|gone through|read) your query(?: thoroughly| in detail)?\s*\.?"),
    ("greeting", "your query", r"\bi have reviewed your query and here is my advice\.?"),
    ("closing", "hope", r"\bhope (?:i have|this) (?:answered|solved|helps?) (?:your|you)(?: query| question)?\.?"),
    ("closing", "let me know if i can", r"\blet me know if i can (?:assist|help) you further\.?"),
    ("closing", "happy to help you further", r"\bi will be happy to help you further\.?"),
    ("closing", "health", r"\bwish(?:ing)? (?:you )?(?:good|the best of) health(?: to (?:your [a-z]+|you\b))?\.?"),
    ("sign_off", "regard", r"\b(?:best |kind |warm )?regards?\s*,?\s*(?:dr\.?|doctor)\s*"
                           r"(?:\[NAME\]|[a-z][\w.\-]*(?:\s+[a-z][\w.\-]*){0,2})?\s*\.?\s*$"),
)
REVIEWED_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (name, literal, re.compile(p, re.IGNORECASE | re.MULTILINE)) for name, literal, p in REVIEWED)
REVIEWED_ANY = "(?im)" + "|".join(f"(?:{p})" for _, _, p in REVIEWED)  # any reviewed phrase, for polars' str.contains

# A repeated sentence that names one of these is advice, not boilerplate ("see a doctor if it gets worse").
CARE_WORDS = frozenset("""doctor physician gp hospital emergency urgent ambulance 911 112 999 clinic pharmacist nurse specialist
medical medicine medication treatment symptoms pain fever bleeding seek consult examination test tests""".split())
STOPWORDS = frozenset("""the a an and or but if of to in on at for with from by is are was were be been being it its this that these those
you your yours i me my we our he she they them his her their as so not no do does did can could would should will may might have has had
what which who whom how when where why there here than then also just very more most any some such into about up out over only own same
too again further once all both each few other nor please thanks thank hello dear hi let know""".split())
MIN_BOILERPLATE_WORDS = 4
_SENTENCES = re.compile(r"(?<=[.?!])\s+|\n+")
_WORD = re.compile(r"[a-z][a-z0-9'-]+")


@dataclass(frozen=True)
class Strip:
    text: str
    removed: tuple[str, ...]  # what was taken out, in order


def sentence_key(sentence: str) -> str:
    """What two copies of a boilerplate sentence share: lower case, dates and numbers dropped, spacing folded."""
    return " ".join(re.sub(r"[\d/()]+", " ", sentence.lower()).split()).strip(" .,!")


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 3}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


def frequent_boilerplate(questions: list[str], answers: list[str], min_answers: int = 5, min_share: float = 0.005,
                         max_topical_share: float = 0.3) -> set[str]:
    """Sentence keys of one source's answers that are boilerplate by the rule in the module docstring."""
    seen_in: dict[str, set[int]] = defaultdict(set)
    distinct = {answer: i for i, answer in enumerate(answers)}  # an answer repeated under many questions counts once
    for answer, i in distinct.items():
        whole = sentence_key(answer)
        for sentence in sentences(answer):
            key = sentence_key(sentence)
            if key and key != whole:  # a whole answer repeated is a duplicate, not boilerplate
                seen_in[key].add(i)
    floor = max(min_answers, min_share * len(distinct))
    found = set()
    for key, rows in seen_in.items():
        # a sentence of three words or fewer ("yes.", "no.", "possible.") is an answer, however often it recurs
        if len(rows) < floor or len(key.split()) < MIN_BOILERPLATE_WORDS or content_words(key) & CARE_WORDS:
            continue
        words = content_words(key)
        topical = sum(1 for i in rows if words & content_words(questions[i])) / len(rows)
        if topical <= max_topical_share:
            found.add(key)
    return found


def strip_boilerplate(text: str, frequent: set[str] | frozenset[str] = frozenset()) -> Strip:
    """`text` without the reviewed phrases and the source's frequent boilerplate sentences; what was removed, in order."""
    removed: list[str] = []

    def cut(match: re.Match[str]) -> str:
        removed.append(match.group(0).strip())
        return " " if match.group(0)[:1].isspace() or match.group(0)[-1:].isspace() else ""

    lowered = text.lower()
    for _, literal, pattern in REVIEWED_PATTERNS:
        if literal in lowered and (stripped := pattern.sub(cut, text)) != text:
            text, lowered = stripped, stripped.lower()
    if frequent:
        kept_parts = []
        for part in re.split(r"((?<=[.?!])\s+|\n+)", text):
            if part.strip() and sentence_key(part) in frequent:
                removed.append(part.strip())
            else:
                kept_parts.append(part)
        text = "".join(kept_parts)
    if removed:
        text = re.sub(r"[ \t]{2,}", " ", text)
        text = re.sub(r"\n{3,}", "\n\n", text).strip(" \t\n,;")
    return Strip(text, tuple(r for r in removed if r))
