"""RAG synthetic Q&A: prompts, the plan of a partition, and the validation of every reply."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from medpipe.synthetic.llm import Call
from medpipe.warehouse.rows import Rejection

QUESTION_PROMPT = "question-v2"
ANSWER_PROMPT = "answer-v2"
SEED_CHUNKS = 3  # a topic retrieves this many chunks; successive days seed from the next one

DEFAULT_TOPICS = [
    "severe bleeding", "burns", "choking", "cardiopulmonary resuscitation", "heat stroke", "dehydration in children",
    "fractures and sprains", "snake bites", "poisoning", "drowning", "hypothermia", "anaphylaxis", "seizures",
    "stroke", "heart attack", "shock", "head injury", "cholera and diarrhoea", "psychological first aid", "fever",
]

QUESTION_SCHEMA = {"type": "object", "properties": {"question": {"type": "string", "minLength": 20, "maxLength": 300}}, "required": ["question"]}
ANSWER_SCHEMA = {
    "type": "object",
    "properties": {"sufficient_context": {"type": "boolean"}, "answer": {"type": "string", "minLength": 20, "maxLength": 1500}},
    "required": ["sufficient_context", "answer"],
}
_FIRST_QUESTION = re.compile(r"[A-Z][^?\[\]{}]{10,280}\?")

_REFUSAL = re.compile(r"\b(?:I'?m sorry|I am sorry|I can(?:not|'t) (?:help|answer|provide)|as an AI|I am unable|I'm unable)\b", re.IGNORECASE)
_INSUFFICIENT = re.compile(r"\b(?:context (?:does not|doesn't)|not enough information|insufficient (?:context|information)|no information)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Slot:
    """One question to make in a partition: its number, topic and which of the topic's chunks seeds it."""

    number: int
    topic: str
    chunk_rank: int


def plan_partition(partition_key: str, topics: list[str], questions: int) -> list[Slot]:
    """A daily partition takes the next `questions` topics in order (wrapping), so days cover every topic."""
    day = date.fromisoformat(partition_key).toordinal()
    start = day * questions
    return [Slot(i, topics[(start + i) % len(topics)], ((start + i) // len(topics)) % SEED_CHUNKS) for i in range(questions)]


def _schema_text(schema: dict) -> str:
    return json.dumps(schema, sort_keys=True)


def question_call(topic: str, passage: str, attempt: int = 0) -> Call:
    return Call(QUESTION_PROMPT, (
        ("system", "You write first-aid exam questions. Reply in JSON."),
        ("user", f"Text: {passage}\n\nWrite one question about {topic} that is answered by the text above. The question must end with a question mark."),
    ), _schema_text(QUESTION_SCHEMA), attempt)


def answer_call(question: str, passages: list[str], attempt: int = 0) -> Call:
    context = "\n\n".join(f"[{i + 1}] {p}" for i, p in enumerate(passages))
    return Call(ANSWER_PROMPT, (
        ("system", "You are a first-aid instructor. Use only the guideline passages to answer the question in two or three sentences. "
                   "If they do not contain the answer, set sufficient_context to false. Reply in JSON."),
        ("user", f"Question: {question}\n\nGuideline passages:\n{context}"),
    ), _schema_text(ANSWER_SCHEMA), attempt)


def parse_reply(reply: str, field: str) -> dict | Rejection:
    try:
        value = json.loads(reply)
    except json.JSONDecodeError as exc:
        return Rejection("malformed_reply", f"{exc}: {reply[:300]}")
    if not isinstance(value, dict) or not isinstance(value.get(field), str):
        return Rejection("schema_mismatch", reply[:300])
    return value


def is_repetitive(text: str) -> bool:
    """Degenerate loops ("ahem, ahem, ahem") that small models fall into."""
    words = re.findall(r"\w+", text.lower())
    return len(words) >= 12 and len(set(words)) / len(words) < 0.35


def validate_question(reply: str) -> str | Rejection:
    parsed = parse_reply(reply, "question")
    if isinstance(parsed, Rejection):
        return parsed
    text = " ".join(parsed["question"].split())
    found = _FIRST_QUESTION.search(text)  # small models wrap the question in markup or add instructions around it
    if not found:
        return Rejection("not_a_question", text[:200])
    question = found.group(0)
    if is_repetitive(question):
        return Rejection("repetitive", question[:200])
    return question


def validate_answer(reply: str, question: str, min_chars: int, max_chars: int) -> str | Rejection:
    parsed = parse_reply(reply, "answer")
    if isinstance(parsed, Rejection):
        return parsed
    answer = parsed["answer"].strip()
    if answer.rstrip("?. ").lower() in question.lower() or answer.endswith("?"):
        return Rejection("answer_repeats_question", answer[:200])
    if parsed.get("sufficient_context") is False or _INSUFFICIENT.search(answer):
        return Rejection("insufficient_context", answer[:200])
    if _REFUSAL.search(answer):
        return Rejection("refusal", answer[:200])
    if not min_chars <= len(answer) <= max_chars:
        return Rejection("answer_length", f"{len(answer)} chars")
    if is_repetitive(answer):
        return Rejection("repetitive", answer[:200])
    return answer


def grounding_scores(answers: np.ndarray, contexts: list[np.ndarray]) -> list[float]:
    """Per answer, the highest cosine similarity to one of its retrieved chunks (unit vectors)."""
    return [float(np.max(ctx @ a)) if len(ctx) else 0.0 for a, ctx in zip(answers, contexts)]
