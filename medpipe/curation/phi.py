"""PHI/PII redaction with typed placeholders, by rules (HIPAA Safe Harbor identifiers that occur in
medical Q&A and dialogue text). Every rule is tested on a labelled set (medpipe_tests/data/phi_labelled.txt)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = r"(?:Mc|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_FULL_NAME = rf"{_NAME}(?:[ \t]+[A-Z]\.)?(?:[ \t]+{_NAME}){{0,2}}"
_RELATIVE = r"(?:son|daughter|husband|wife|mother|father|mom|mum|dad|brother|sister|friend|child|baby|uncle|aunt|aunty|nephew|niece|cousin|grandson|granddaughter|grandmother|grandfather|partner|boyfriend|girlfriend|neighbou?r|colleague)"
_OLD = r"(9\d|1[0-2]\d)"
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# Words that follow a title or a sign-off but are not names.
_NOT_NAMES = {
    "The", "This", "That", "Your", "You", "It", "If", "In", "On", "At", "For", "And", "But", "Please", "Thanks", "Thank", "Regards",
    "Hope", "Hello", "Hi", "Dear", "Sir", "Madam", "Doctor", "Patient", "Take", "Best", "Good", "Wishing", "Wish", "Get", "Well", "Kind",
    "Sincerely", "Yours", "Cheers", "Care", "Stay", "Consult", "Feel", "Let", "Do", "Don't", "Also", "Is", "Are", "Was", "With", "My", "We",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Rule:
    label: str
    pattern: re.Pattern[str]
    group: int = 0

    @property
    def gate(self) -> str:
        """What a text must contain for this rule to be worth running."""
        return self.label if self.label in _GATES else "NAME"


RULES: tuple[Rule, ...] = (
    Rule("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    # A URL that carries an identifier: a query parameter, or a path segment of 5+ digits.
    Rule("URL", re.compile(r"\bhttps?://[^\s<>\"')]*?(?:[?&][\w-]+=[^\s<>\"')]*|/\d{5,}(?=[/?#\s]|[.,;)]?(?:\s|$)))[^\s<>\"')]*?(?=[.,;)]?(?:\s|$))", re.IGNORECASE)),
    Rule("PHONE", re.compile(r"(?<![\w/.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,6}){1,3}(?![\w/-]|\.\d)")),
    Rule("ID", re.compile(r"\b(?:MRN|medical record(?: number| no\.?)?|record(?: number| no\.?| #)?|account(?: number| no\.?)?|acct\.?|patient id|insurance(?: number| no\.?| id)|policy(?: number| no\.?)?|SSN|social security(?: number)?)[ \t]*(?:is[ \t]+|[:#][ \t]*|no\.?[ \t]*)?#?([A-Z0-9][A-Z0-9-]{4,})\b", re.IGNORECASE), 1),
    Rule("DATE", re.compile(rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?:19|20)\d{{2}})\b")),
    Rule("AGE", re.compile(rf"\b{_OLD}(?=[\s-]*(?:years?|yrs?|y/?o)\b)", re.IGNORECASE), 1),
    Rule("AGE", re.compile(rf"\b(?:aged?|age of)[ \t]+{_OLD}\b", re.IGNORECASE), 1),
    Rule("AGE", re.compile(rf"\b(?:he|she|I|who|{_RELATIVE})[ \t]+(?:is|was|turned|just turned)[ \t]+{_OLD}\b(?![ \t]*(?:%|mg|kg|bpm|mm|/|\.\d))", re.IGNORECASE), 1),
    Rule("NAME", re.compile(rf"\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Prof|Professor|Nurse)\.?[ \t]+({_FULL_NAME})"), 1),
    Rule("NAME", re.compile(rf"(?:\b(?:[Rr]egards|[Tt]hanks|[Tt]hank you|[Ss]incerely|[Bb]est wishes|[Tt]ake care|[Gg]et well soon|[Cc]heers|[Yy]ours truly)\s*[,.-]?\s*(?:\n\s*)?)(?!Dr\b|Doctor\b)({_FULL_NAME})"), 1),
    Rule("NAME", re.compile(rf"\b(?:[Mm]y name is|[Tt]his is|I am|I'm|[Mm]y {_RELATIVE},?)[ \t]+({_FULL_NAME})(?=[\s,.!?']|$)"), 1),
    Rule("NAME", re.compile(rf"\b(?:Hi|Hello|Hey)[,!]?[ \t]+({_FULL_NAME})[ \t]+here\b"), 1),
)


_NAME_CUE = re.compile(
    r"\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Prof|Professor|Nurse|[Rr]egards|[Tt]hanks|[Tt]hank you|[Ss]incerely|[Bb]est wishes|[Tt]ake care|"
    r"[Gg]et well soon|[Cc]heers|[Yy]ours truly|[Mm]y name is|[Tt]his is|I am|I'm|[Mm]y [a-z]+|Hi|Hello|Hey)\b"
)
# Cheap searches that a text must pass before a rule's full pattern runs on it.
_GATES = {
    "EMAIL": re.compile("@"),
    "URL": re.compile("http", re.IGNORECASE),
    "PHONE": re.compile(r"\d[ .-]?\d{2}"),
    "ID": re.compile(r"MRN|[Rr]ecord|[Aa]ccount|[Aa]cct|[Pp]atient ID|[Pp]atient id|[Ii]nsurance|[Pp]olicy|SSN|[Ss]ocial security"),
    "DATE": re.compile(r"(?:19|20)\d\d"),
    "AGE": re.compile(r"(?<!\d)(?:9\d|1[0-2]\d)(?!\d)"),
    "NAME": _NAME_CUE,
}
# Every rule needs one of these; a text without any is skipped (a vectorised prefilter, for speed).
TRIGGER = (
    r"@|https?://|\d{3}|\b(?:9\d|1[0-2]\d)\b|(?i:\b(?:dr|mr|mrs|ms|miss|prof|professor|nurse|doctor|regards|thanks|thank you|sincerely"
    r"|best wishes|take care|get well soon|cheers|yours truly|my name is|this is|hi|hello|hey)\b)|\bI am\b|\bI'm\b|\b[Mm]y\s+[a-z]+,?\s+[A-Z]"
)


def find_phi(text: str) -> list[Span]:
    """Non-overlapping spans, the earliest (then longest) winning."""
    spans: list[Span] = []
    open_gates: dict[str, bool] = {}
    for rule in RULES:
        if rule.gate not in open_gates:
            open_gates[rule.gate] = bool(_GATES[rule.gate].search(text))
        if not open_gates[rule.gate]:
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span(rule.group)
            value = text[start:end]
            if rule.label == "NAME":
                value, end = _trim_name(value, start)
            elif rule.label == "PHONE" and not 9 <= sum(c.isdigit() for c in value) <= 13:
                value = ""
            elif rule.label == "ID" and sum(c.isdigit() for c in value) < 3:
                value = ""
            if not value:
                continue
            spans.append(Span(start, end, rule.label, value))
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    chosen: list[Span] = []
    for span in spans:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def redact(text: str) -> tuple[str, list[Span]]:
    spans = find_phi(text)
    out, last = [], 0
    for span in spans:
        out.append(text[last : span.start])
        out.append(f"[{span.label}]")
        last = span.end
    out.append(text[last:])
    return "".join(out), spans


def _trim_name(value: str, start: int) -> tuple[str, int]:
    words = value.split()
    if words and words[0] in _NOT_NAMES:
        return "", start
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    kept = " ".join(words)
    return kept, start + len(kept)
