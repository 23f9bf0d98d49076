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
SEED_CHUNKS = 20  # a topic's nearest chunks, each the seed of one slot: the topic space is topics x SEED_CHUNKS slots
FIRST_DAY = "2026-11-01"  # the first daily partition: the walk through the topic space starts there
EARLIER_SEED_CHUNKS = 3  # the seed chunks of the earlier plan, whose order the walk keeps (see _walk)

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
_INSUFFICIENT = re.compile(
    r"\b(?:context (?:does not|doesn't)|not enough information|insufficient (?:context|information)|no information)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Slot:
    """One question to make in a partition: its number, topic and which of the topic's chunks seeds it."""

    number: int
    topic: str
    chunk_rank: int


def plan_partition(partition_key: str, topics: list[str], questions: int) -> list[Slot]:
    """A daily partition takes the next `questions` slots (a topic and which of its chunks seeds it) of one walk through the topic space
    from FIRST_DAY on: no day repeats an earlier day's slot until every slot is taken (`slots_left`); the walk then starts again. A day's
    slots depend on its date only, so partitions can be made in any order, and at once."""
    start = _day_number(partition_key) * questions
    return [Slot(i, *_walk(start + i, topics, questions)) for i in range(questions)]


def slots_left(partition_key: str, topics: list[str], questions: int) -> int:
    """The slots of the topic space that no day up to this one takes: 0 once it is exhausted (more topics make more)."""
    return max(0, len(topics) * SEED_CHUNKS - (_day_number(partition_key) + 1) * questions)


def _day_number(partition_key: str) -> int:
    number = date.fromisoformat(partition_key).toordinal() - date.fromisoformat(FIRST_DAY).toordinal()
    if number < 0:
        raise ValueError(f"daily partition {partition_key} is before the first one, {FIRST_DAY}")
    return number


def _walk(position: int, topics: list[str], questions: int) -> tuple[str, int]:
    """The topic and seed chunk rank at a position of the walk. Its first topics x EARLIER_SEED_CHUNKS positions come in the order of
    the earlier plan (which counted from the date's ordinal, and repeated them every topics x 3 / questions days), so the days it made
    first keep their slots, rows and cached calls; the deeper seed chunks follow, a rank at a time."""
    position %= len(topics) * SEED_CHUNKS
    if position < len(topics) * EARLIER_SEED_CHUNKS:
        earlier = date.fromisoformat(FIRST_DAY).toordinal() * questions + position
        return topics[earlier % len(topics)], (earlier // len(topics)) % EARLIER_SEED_CHUNKS
    return topics[position % len(topics)], position // len(topics)


def _schema_text(schema: dict) -> str:
    return json.dumps(schema, sort_keys=True)


def question_call(topic: str, passage: str, attempt: int = 0) -> Call:
    return Call(QUESTION_PROMPT, (
        ("system", "You write first-aid exam questions. Reply in JSON."),
        ("user",
         f"Text: {passage}\n\nWrite one question about {topic} that is answered by the text above. The question must end with a question mark."),
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


# ---- the seed card's other generation tasks: wiki term Q&A, MCQ explanations, symptom reasoning, emergency scenarios ----
# Each task's prompt has two forms, chosen by its config: `constrained` puts patterns and enums in the JSON schema (enforced by the
# server's grammar) and `few_shot` adds one worked example. The version names the task's prompt text; the schema and the example are
# part of every call's cache key, so each form is cached apart.

WIKI_QA_PROMPT = "wiki-qa-v1"
MCQ_EXPLANATION_PROMPT = "mcq-explanation-v1"
SYMPTOM_REASONING_PROMPT = "symptom-reasoning-v1"
EMERGENCY_SCENARIO_PROMPT = "emergency-scenario-v1"
QUESTION_PATTERN = r"^[A-Z][^?\n]{15,200}\?$"  # one sentence that ends with a question mark

EMERGENCY_TOPICS = [
    "a road crash with a person bleeding heavily from the thigh", "a child pulled unconscious from a flooded river",
    "a kitchen fire with a person whose arm is badly burned", "a diner choking and unable to speak",
        "a worker collapsing from heat stroke on a building site",
    "a hiker bitten by a snake far from a hospital", "a person in cardiac arrest at a bus stop", "a cyclist with a suspected broken leg after a fall",
    "a toddler who swallowed household bleach", "an elderly person found cold and confused outdoors in winter",
    "a severe allergic reaction to a bee sting at a picnic", "a person having a seizure in a crowded market",
    "a farmer with a deep cut from a machine blade", "a group of people with severe diarrhoea after a flood",
]


def _ordered_schema_text(schema: dict) -> str:
    """The schema with its properties in the order given: a grammar generates them in that order (the question before its answer,
    the reasoning before its conclusion)."""
    return json.dumps(schema)


def _with_example(system: str, example: tuple[str, str] | None, user: str, few_shot: bool) -> tuple[tuple[str, str], ...]:
    shots = (("user", example[0]), ("assistant", example[1])) if few_shot and example else ()
    return (("system", system), *shots, ("user", user))


def wiki_qa_schema(constrained: bool) -> dict:
    question = {"type": "string", "pattern": QUESTION_PATTERN} if constrained else {"type": "string"}
    answer = {"type": "string", "minLength": 40, "maxLength": 600} if constrained else {"type": "string"}
    return {"type": "object", "properties": {"question": question, "answer": answer}, "required": ["question", "answer"]}


WIKI_QA_EXAMPLE = (
    "Term: Tetanus\n\nArticle: Tetanus is a bacterial infection caused by Clostridium tetani and characterized by muscle spasms. "
    "In the most common type, the spasms begin in the jaw and then progress to the rest of the body.",
    json.dumps({"question": "Where do the muscle spasms of tetanus usually begin?",
                "answer": "In the most common type of tetanus the spasms begin in the jaw and then spread to the rest of the body."}),
)


def wiki_qa_call(title: str, article: str, constrained: bool, few_shot: bool, attempt: int = 0) -> Call:
    return Call(WIKI_QA_PROMPT, _with_example(
        "You write study questions for medical students. Ask one question a learner would ask about the term, and answer it in one or "
        "two sentences using only the article. Reply in JSON.",
        WIKI_QA_EXAMPLE, f"Term: {title}\n\nArticle: {article}", few_shot,
    ), _ordered_schema_text(wiki_qa_schema(constrained)), attempt)


def mcq_explanation_schema(options: list[str], constrained: bool) -> dict:
    """`options` are the "A. text" lines; constrained, the conclusion is one of "The answer is A. text", ... (any option, not only the gold)."""
    if not constrained:
        return {"type": "object", "properties": {"explanation": {"type": "string"}, "conclusion": {"type": "string"}},
                "required": ["explanation", "conclusion"]}
    # Constrained, the grammar also fixes the order: the model commits to an option first, then explains that choice.
    conclusion = {"type": "string", "enum": [f"The answer is {o}" for o in options]}
    explanation = {"type": "string", "minLength": 60, "maxLength": 900}
    return {"type": "object", "properties": {"conclusion": conclusion, "explanation": explanation}, "required": ["conclusion", "explanation"]}


MCQ_EXAMPLE = (
    "Question: A 25-year-old man has a sore throat, fever and tender cervical lymph nodes; a rapid strep test is positive. "
    "Which is the most appropriate treatment?\nOptions:\nA. Penicillin V\nB. Acyclovir\nC. Fluconazole\nD. Observation only\n"
    "Correct answer: A. Penicillin V\nExplain why A. Penicillin V is correct.",
    json.dumps({"conclusion": "The answer is A. Penicillin V",
                "explanation": "A positive rapid strep test confirms group A streptococcal pharyngitis, which is treated with an antibiotic; "
                               "penicillin V is the first choice. Acyclovir treats herpes viruses, fluconazole treats fungal "
                               "infections, and observation "
                               "alone risks rheumatic fever."}),
)


def mcq_explanation_call(question: str, options: list[str], gold: str, constrained: bool, few_shot: bool, attempt: int = 0) -> Call:
    """The gold answer is given: the model explains it, and the verifier checks the explanation agrees with it."""
    lines = "\n".join(options)
    return Call(MCQ_EXPLANATION_PROMPT, _with_example(
        "You are a medical teacher. State the correct answer, then explain in two to four sentences why it is right and why the other "
        "options are wrong. Reply in JSON.",
        MCQ_EXAMPLE, f"Question: {question}\nOptions:\n{lines}\nCorrect answer: {gold}\nExplain why {gold} is correct.", few_shot,
    ), _ordered_schema_text(mcq_explanation_schema(options, constrained)), attempt)


def symptom_reasoning_schema(labels: list[str], constrained: bool) -> dict:
    if not constrained:
        return {"type": "object", "properties": {"steps": {"type": "array", "items": {"type": "string"}}, "diagnosis": {"type": "string"}},
                "required": ["steps", "diagnosis"]}
    # Constrained, the diagnosis (one of the labels) comes first and the steps explain it; the kept reasoning still ends in it.
    steps = {"type": "array", "items": {"type": "string", "minLength": 15, "maxLength": 300}, "minItems": 2, "maxItems": 4}
    return {"type": "object", "properties": {"diagnosis": {"type": "string", "enum": labels}, "steps": steps}, "required": ["diagnosis", "steps"]}


SYMPTOM_EXAMPLE = (
    "Symptoms: I have a runny nose, I sneeze a lot and my eyes itch every spring when the trees bloom.\nDiagnosis: allergy",
    json.dumps({"diagnosis": "allergy",
                "steps": ["Sneezing, a runny nose and itchy eyes point to irritation of the nose and eyes.",
                          "The symptoms come back every spring when trees release pollen, a seasonal trigger.",
                          "There is no fever or body ache, which makes an infection less likely than an allergic reaction."]}),
)


def symptom_reasoning_call(symptoms: str, label: str, labels: list[str], constrained: bool, few_shot: bool, attempt: int = 0) -> Call:
    """The gold diagnosis is given: the model reasons from the symptoms to it, and the verifier checks it ends there."""
    return Call(SYMPTOM_REASONING_PROMPT, _with_example(
        "You are a doctor teaching clinical reasoning. State the given diagnosis, then in two to four short steps reason from the "
        "patient's own symptoms to it. Reply in JSON.",
        SYMPTOM_EXAMPLE, f"Symptoms: {symptoms}\nDiagnosis: {label}", few_shot,
    ), _ordered_schema_text(symptom_reasoning_schema(labels, constrained)), attempt)


def emergency_scenario_schema(constrained: bool) -> dict:
    scenario = {"type": "string", "minLength": 60, "maxLength": 500} if constrained else {"type": "string"}
    step = {"type": "string", "minLength": 15, "maxLength": 250} if constrained else {"type": "string"}
    steps = {"type": "array", "items": step, "minItems": 3, "maxItems": 6} if constrained else {"type": "array", "items": step}
    return {"type": "object", "properties": {"scenario": scenario, "steps": steps}, "required": ["scenario", "steps"]}


EMERGENCY_EXAMPLE = (
    "Emergency: a person with a deep cut on the forearm\n\nGuideline passages:\n[1] Apply firm, direct pressure on the wound with a clean "
    "cloth. If blood soaks through, add more cloth and keep pressing. Call the emergency number.",
    json.dumps({"scenario": "At a workshop, a man slips and a glass sheet slices his forearm. Blood is flowing steadily from the "
                            "wound and he is pale.",
                "steps": ["Press firmly on the wound with a clean cloth.", "If blood soaks through, add more cloth on top and keep pressing.",
                          "Call the emergency number and stay with him until help arrives."]}),
)


def emergency_scenario_call(topic: str, passages: list[str], constrained: bool, few_shot: bool, attempt: int = 0) -> Call:
    context = "\n\n".join(f"[{i + 1}] {p}" for i, p in enumerate(passages))
    return Call(EMERGENCY_SCENARIO_PROMPT, _with_example(
        "You are a first-aid instructor. Describe a realistic emergency in two or three sentences, then give the first-aid steps for it, "
        "using only the guideline passages. Reply in JSON.",
        EMERGENCY_EXAMPLE, f"Emergency: {topic}\n\nGuideline passages:\n{context}", few_shot,
    ), _ordered_schema_text(emergency_scenario_schema(constrained)), attempt)
