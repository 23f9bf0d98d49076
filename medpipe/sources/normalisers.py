"""One small function per source whose mapping is more than a plain column mapping.

A normaliser takes one raw record and returns a Pair, a list of Pairs, or a Rejection;
it raises Malformed for a record of the wrong shape. Outputs are always the gold answers.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from medpipe.sources.dialogue import dialogue_pair, split_inline_turns, split_prefixed_utterance
from medpipe.sources.templates import DIAGNOSIS, DISASTER_NEEDS, DISEASE_TREATMENT
from medpipe.warehouse.rows import Malformed, Pair, Rejection, text_field

NormaliseResult = Pair | list[Pair] | Rejection
Normaliser = Callable[[dict[str, Any]], NormaliseResult]

NON_MEDICAL_INTENTS = frozenset({"greeting", "goodbye", "thanks", "noanswer", "options"})
_THINK = re.compile(r"^\s*<think>(.*?)</think>\s*", re.DOTALL)
_FURTHER_TURN = re.compile(r"\b(?:patient|user)\s*:\s*\S", re.IGNORECASE)
_DISAMBIGUATION = re.compile(r"\bmay (also )?refer to:?\s*$", re.IGNORECASE)


def columns(input: str, output: str, context: str | None = None, meta: tuple[str, ...] = ()) -> Normaliser:
    """The plain mapping: named columns to input/output(/context), other named columns kept in meta."""

    def normalise(record: dict[str, Any]) -> Pair:
        return Pair(
            input=text_field(record, input),
            output=text_field(record, output),
            context=text_field(record, context, required=False) if context else "",
            meta={key: record.get(key) for key in meta if record.get(key) not in (None, "")},
        )

    return normalise


def medical_o1_reasoning(record: dict[str, Any]) -> Pair:
    """Question -> Response, with the chain of thought kept apart in `reasoning`."""
    return Pair(
        input=text_field(record, "Question"),
        output=text_field(record, "Response"),
        reasoning=text_field(record, "Complex_CoT", required=False) or None,
    )


def medqa(record: dict[str, Any]) -> Pair:
    """Options go to context as "A. ..." lines; output is the gold letter and its answer text."""
    options = record.get("options")
    if isinstance(options, list):  # the parquet conversion stores options as [{key, value}]
        options = {item["key"]: item["value"] for item in options}
    if not isinstance(options, dict) or not options:
        raise Malformed("missing_field", "options")
    options = {letter: strip_stray_quote(str(value)) for letter, value in options.items() if value is not None}
    answer = strip_stray_quote(text_field(record, "answer"))
    letter = text_field(record, "answer_idx", required=False).strip()
    if not letter:
        letter = next((k for k, v in options.items() if v == answer), "")
    if letter not in options:
        raise Malformed("answer_not_in_options", f"answer_idx={letter!r}")
    context = "\n".join(f"{key}. {value}" for key, value in sorted(options.items()))
    return Pair(
        input=strip_stray_quote(text_field(record, "question")),
        context=context,
        output=f"{letter}. {answer}",
        meta={"answer_idx": letter, "meta_info": record.get("meta_info")},
    )


def strip_stray_quote(text: str) -> str:
    """MedQA's files end some questions, options and answers with an unmatched `"` (often on a line of its own)."""
    text = text.strip()
    if text.endswith('"') and text.count('"') % 2 == 1:
        text = text[:-1].rstrip()
    return text


def wiki_medical_terms(record: dict[str, Any]) -> Pair | Rejection:
    """Title -> lead paragraph. Full articles exceed any sensible answer length; the lead defines the term."""
    title = text_field(record, "page_title" if "page_title" in record else "key").replace("_", " ").strip()
    text = text_field(record, "page_text" if "page_text" in record else "value")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if not paragraphs or _DISAMBIGUATION.search(paragraphs[0]):
        return Rejection("disambiguation_page", title)
    return Pair(input=f"What is {title}?", output=lead(paragraphs[0]), meta={"page_title": title, "paragraphs": len(paragraphs)})


LEAD_CHARS = 1200


def lead(paragraph: str) -> str:
    """A paragraph, or its sentences up to LEAD_CHARS when it is longer (some copies hold a whole article in one paragraph)."""
    if len(paragraph) <= LEAD_CHARS:
        return paragraph
    end = max(paragraph.rfind(". ", 0, LEAD_CHARS), paragraph.rfind(".\n", 0, LEAD_CHARS))
    return paragraph[: end + 1] if end > 0 else paragraph


def symptom_to_diagnosis(record: dict[str, Any]) -> Pair:
    """Symptoms -> the gold diagnosis label, stated in one fixed sentence (labels alone are a few characters)."""
    label = text_field(record, "output_text").strip()
    return Pair(input=text_field(record, "input_text"), output=DIAGNOSIS.fill(label=label), meta={"label": label})


def diseases_symptoms(record: dict[str, Any]) -> Pair:
    """Symptoms -> disease and treatments, in the seed card's template."""
    # a repeated disease is numbered in its name ("Ethylene glycol poisoning-1"): the number is not part of the answer
    name, treatments = re.sub(r"-\d+$", "", text_field(record, "Name").strip()), text_field(record, "Treatments").strip()
    symptoms = ", ".join(part.strip() for part in re.split(r"[;,]", text_field(record, "Symptoms")) if part.strip())
    return Pair(
        input=f"I have these symptoms: {symptoms}. What could it be?",
        output=DISEASE_TREATMENT.fill(name=name, treatments=treatments),
        meta={"code": record.get("Code"), "name": name},
    )


def first_aid_intents(record: dict[str, Any]) -> list[Pair] | Rejection:
    """Every pattern paired with every response of its intent; chit-chat intents are not medical."""
    tag = text_field(record, "tag", required=False).strip()
    if tag.lower() in NON_MEDICAL_INTENTS:
        return Rejection("non_medical_intent", tag)
    patterns, responses = record.get("patterns"), record.get("responses")
    if not isinstance(patterns, list) or not isinstance(responses, list) or not patterns or not responses:
        raise Malformed("missing_field", "patterns/responses")
    if not all(isinstance(text, str) for text in [*patterns, *responses]):
        raise Malformed("wrong_type", "patterns/responses must be text")
    return [
        Pair(input=pattern, output=response, meta={"tag": tag}, source_id_suffix=f"/p{p}r{r}")
        for p, pattern in enumerate(patterns)
        for r, response in enumerate(responses)
    ]


def disaster_reports(record: dict[str, Any]) -> Pair:
    """The seed card's template: situation -> resources needed."""
    needs = record.get("resource_needs")
    if isinstance(needs, str):
        needs = [needs]
    if not isinstance(needs, list) or not needs:
        raise Malformed("missing_field", "resource_needs")
    severity, kind = text_field(record, "severity_level").strip(), text_field(record, "disaster_type").strip()
    return Pair(
        input=f"There is a {severity} {kind}. Situation: {text_field(record, 'responder_notes')}",
        output=DISASTER_NEEDS.fill(needs=", ".join(str(n) for n in needs if str(n).strip())),
        meta={"disaster_type": kind, "severity_level": severity},
    )


def ii_medical_reasoning(record: dict[str, Any]) -> Pair:
    """The chat `messages`: the user turn is the input; a leading <think> block becomes `reasoning`."""
    messages = record.get("messages")
    if not isinstance(messages, list):
        raise Malformed("missing_field", "messages")
    user = next((m.get("content") for m in messages if isinstance(m, dict) and m.get("role") == "user"), None)
    assistant = next((m.get("content") for m in reversed(messages) if isinstance(m, dict) and m.get("role") == "assistant"), None)
    if not user or not assistant:
        raise Malformed("missing_turn", "user/assistant")
    thinking = _THINK.match(assistant)
    return Pair(
        input=user,
        output=assistant[thinking.end() :] if thinking else assistant,
        reasoning=thinking.group(1).strip() if thinking else None,
        meta={"model": record.get("model")},
    )


def know_medical_dialogues(record: dict[str, Any]) -> Pair:
    """Both published layouts: `description`/`utterances` (GitHub mirror, seed card) and `instruction`/`output` (Hub today)."""
    if "utterances" in record:
        utterances = record["utterances"]
        if not isinstance(utterances, list):
            raise Malformed("wrong_type", "utterances")
        return dialogue_pair([split_prefixed_utterance(str(u)) for u in utterances], {"description": record.get("description")})
    output = text_field(record, "output")
    if _FURTHER_TURN.search(output):  # the answer runs on into the patient's next turn: not one doctor answer
        raise Malformed("output_has_further_turn", _FURTHER_TURN.search(output).group(0))  # type: ignore[union-attr]
    return Pair(input=text_field(record, "instruction"), output=output)


def meddialog(record: dict[str, Any]) -> Pair:
    """The raw text release (parsed turns), the original `en` config (dialogue_turns) or lighteval's `src`."""
    if "dialogue_turns" in record:
        turns = record["dialogue_turns"]
        if not isinstance(turns, list):
            raise Malformed("wrong_type", "dialogue_turns")
        pairs = [(_speaker_name(t.get("speaker")), str(t.get("utterance") or "")) for t in turns]
        meta = {"dialogue_id": record.get("dialogue_id"), "url": record.get("dialogue_url"), "description": record.get("description")}
        return dialogue_pair(pairs, meta)
    return dialogue_pair(split_inline_turns(text_field(record, "src")), {"summary": record.get("tgt")})


def _speaker_name(speaker: Any) -> str:
    """The `en` config stores the speaker as a ClassLabel index: 0 = Patient, 1 = Doctor."""
    if isinstance(speaker, int):
        return ("patient", "doctor")[speaker]
    return str(speaker).strip().rstrip(":").lower()
