"""The verifier of each generation task: a reply becomes the text a row keeps, or a Rejection naming the rule it broke.
Grounding is scored elsewhere (it needs the embedding model); these rules are pure functions of the reply and the gold row."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from medpipe.synthetic.prompts import EMERGENCY_EXAMPLE, MCQ_EXAMPLE, QUESTION_PATTERN, SYMPTOM_EXAMPLE, WIKI_QA_EXAMPLE, is_repetitive
from medpipe.warehouse.rows import Rejection

_QUESTION = re.compile(QUESTION_PATTERN)
_REFUSAL = re.compile(r"\b(?:I'?m sorry|I am sorry|I can(?:not|'t) (?:help|answer|provide)|as an AI|I am unable|I'm unable)\b", re.IGNORECASE)
_OPTION_LINE = re.compile(r"^([A-J])\.\s*(.+)$")
# "the answer is C", "correct answer: (C)", "option C is correct", "C is the best answer", "choose C"
_CLAIM_PATTERNS = (  # words in any case, the option letter in capitals
    r"(?i:\b(?:answer|choice|option)\s*(?:is|:|would be|=))\s*\(?\s*(?i:option\s+)?([A-J])\b(?![a-z'])",
    r"(?i:\b(?:option|choice)\s+)\(?([A-J])\)?(?i:\s+is\s+(?:the\s+)?(?:correct|right|best|most appropriate))",
    r"\b([A-J])\)?(?i:\s+is\s+(?:the\s+)?(?:correct|right|best)\s+(?:answer|option|choice))",
    r"(?i:\b(?:choose|select|pick))\s+\(?(?i:option\s+)?([A-J])\b(?![a-z'])",
)
_CLAIMS = [re.compile(p) for p in _CLAIM_PATTERNS]


def parse_object(reply: str, fields: dict[str, type]) -> dict | Rejection:
    """The reply as a JSON object holding each field with its type."""
    try:
        value = json.loads(reply)
    except json.JSONDecodeError as exc:
        return Rejection("malformed_reply", f"{exc}: {reply[:300]}")
    if not isinstance(value, dict) or any(not isinstance(value.get(name), kind) for name, kind in fields.items()):
        return Rejection("schema_mismatch", reply[:300])
    return value


def clean(text: str) -> str:
    return " ".join(text.split())


def copies_example(text: str, example: tuple[str, str], n: int = 6) -> bool:
    """The reply repeats a run of `n` words of the prompt's worked example (small models copy it instead of answering)."""
    def grams(t: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9]+", t.lower())
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    return bool(grams(text) & grams(example[1]))


@dataclass(frozen=True)
class WikiQA:
    question: str
    answer: str


def verify_wiki_qa(reply: str, title: str) -> WikiQA | Rejection:
    """A question about the term that ends with "?", answered (not repeated) in a plain, non-repetitive sentence or two."""
    parsed = parse_object(reply, {"question": str, "answer": str})
    if isinstance(parsed, Rejection):
        return parsed
    question, answer = clean(parsed["question"]), clean(parsed["answer"])
    if not _QUESTION.match(question):
        return Rejection("not_a_question", question[:200])
    if not _mentions_term(question + " " + answer, title):
        return Rejection("off_term", f"{title}: {question[:200]}")
    if len(answer) < 40 or answer.endswith("?") or answer.rstrip(". ").lower() in question.lower():
        return Rejection("no_answer", answer[:200])
    if _REFUSAL.search(answer):
        return Rejection("refusal", answer[:200])
    if is_repetitive(question) or is_repetitive(answer):
        return Rejection("repetitive", answer[:200])
    if copies_example(f"{question} {answer}", WIKI_QA_EXAMPLE):
        return Rejection("copies_example", answer[:200])
    return WikiQA(question, answer)


def _mentions_term(text: str, title: str) -> bool:
    """The term's title, or one of its words of 4+ letters, appears in the text (the pair is about the article's term)."""
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) >= 4] or [title.lower()]
    lowered = text.lower()
    return any(w[:-1] in lowered if len(w) > 5 else w in lowered for w in words)  # "asthma" matches "asthmatic"


def option_lines(context: str) -> dict[str, str]:
    """MedQA's context: "A. text" lines -> {letter: text}."""
    found = (_OPTION_LINE.match(line.strip()) for line in context.splitlines())
    return {m.group(1): m.group(2).strip() for m in found if m}


def verify_mcq_explanation(reply: str, options: dict[str, str], gold_letter: str) -> str | Rejection:
    """The explanation and its conclusion support the gold option only: the conclusion names the gold letter and its answer text
    and no other option; nowhere does the explanation claim another option is the answer. Returns the reasoning to keep."""
    parsed = parse_object(reply, {"explanation": str, "conclusion": str})
    if isinstance(parsed, Rejection):
        return parsed
    explanation, conclusion = clean(parsed["explanation"]), clean(parsed["conclusion"])
    gold_text = options[gold_letter]
    claimed = {letter for letter in claimed_letters(conclusion) if letter in options}
    if claimed - {gold_letter} or _names_other_option_text(conclusion, options, gold_letter):
        return Rejection("concludes_other_option", conclusion[:200])
    if gold_letter not in claimed or gold_text.lower() not in conclusion.lower():
        return Rejection("conclusion_misses_gold", f"expected {gold_letter}. {gold_text}: {conclusion[:200]}")
    if {letter for letter in claimed_letters(explanation) if letter in options} - {gold_letter}:
        return Rejection("argues_other_option", explanation[:200])
    if len(explanation) < 60:
        return Rejection("explanation_too_short", explanation)
    if _REFUSAL.search(explanation) or is_repetitive(explanation):
        return Rejection("repetitive", explanation[:200])
    if copies_example(explanation, MCQ_EXAMPLE):
        return Rejection("copies_example", explanation[:200])
    return f"{explanation}\n\n{conclusion}"


def claimed_letters(text: str) -> set[str]:
    """Option letters the text claims as the answer ("the answer is C", "option C is correct", ...)."""
    return {m.group(1) for pattern in _CLAIMS for m in pattern.finditer(text)}


def _names_other_option_text(conclusion: str, options: dict[str, str], gold_letter: str) -> bool:
    lowered, gold = conclusion.lower(), options[gold_letter].lower()
    return any(text.lower() in lowered and text.lower() not in gold for letter, text in options.items() if letter != gold_letter and len(text) > 3)


def verify_symptom_reasoning(reply: str, gold_label: str, labels: list[str]) -> str | Rejection:
    """Two or more reasoning steps whose final diagnosis is the gold label and whose last step names no other diagnosis.
    Returns the reasoning to keep, ending in the diagnosis."""
    parsed = parse_object(reply, {"steps": list, "diagnosis": str})
    if isinstance(parsed, Rejection):
        return parsed
    steps = [clean(s) for s in parsed["steps"] if isinstance(s, str) and clean(s)]
    diagnosis = clean(parsed["diagnosis"]).rstrip(".").lower()
    if diagnosis != gold_label.lower():
        return Rejection("wrong_diagnosis", f"expected {gold_label}: {diagnosis[:200]}")
    if len(steps) < 2:
        return Rejection("too_few_steps", str(len(steps)))
    last = steps[-1].lower()
    others = [label for label in labels if label.lower() != gold_label.lower() and re.search(rf"\b{re.escape(label.lower())}\b", last)
              and label.lower() not in gold_label.lower()]
    if others:
        return Rejection("names_other_diagnosis", f"{', '.join(others)}: {steps[-1][:200]}")
    text = " ".join(steps)
    if _REFUSAL.search(text) or is_repetitive(text):
        return Rejection("repetitive", text[:200])
    if copies_example(text, SYMPTOM_EXAMPLE):
        return Rejection("copies_example", text[:200])
    numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
    return f"{numbered}\nFinal diagnosis: {gold_label}."


@dataclass(frozen=True)
class Scenario:
    scenario: str
    steps: list[str]

    @property
    def response(self) -> str:
        return "\n".join(f"{i}. {s}" for i, s in enumerate(self.steps, 1))


def verify_emergency_scenario(reply: str) -> Scenario | Rejection:
    """A described emergency (not a question, not empty) and at least three distinct first-aid steps."""
    parsed = parse_object(reply, {"scenario": str, "steps": list})
    if isinstance(parsed, Rejection):
        return parsed
    scenario = clean(parsed["scenario"])
    steps = list(dict.fromkeys(clean(s) for s in parsed["steps"] if isinstance(s, str) and len(clean(s)) >= 10))
    if len(scenario) < 60:
        return Rejection("scenario_too_short", scenario[:200])
    if len(steps) < 3:
        return Rejection("too_few_steps", str(len(steps)))
    if _REFUSAL.search(scenario + " " + " ".join(steps)):
        return Rejection("refusal", scenario[:200])
    if is_repetitive(scenario) or is_repetitive(" ".join(steps)):
        return Rejection("repetitive", scenario[:200])
    if copies_example(scenario + " " + " ".join(steps), EMERGENCY_EXAMPLE):
        return Rejection("copies_example", scenario[:200])
    return Scenario(scenario, steps)
