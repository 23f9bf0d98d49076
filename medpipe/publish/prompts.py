"""The system prompt of each kind of row, in one place: the chat exports use it and the dataset card lists it. Each prompt fits
what its rows' answers do, so a model is never trained to say one thing in its system prompt and the opposite in its answer
(a prompt that forbids diagnoses above an answer that names one)."""

from __future__ import annotations

import re

from medpipe.sources.catalog import KINDS, source_kind

_CARE = "Advise seeing a qualified health professional, or emergency services when the situation is urgent."
SYSTEM_PROMPTS: dict[str, str] = {
    "consultation": ("You are a careful medical assistant for education and research. Give general medical information about what the "
                     f"person describes, including its likely causes, and say what they can do now. {_CARE}"),
    "exam": ("You are a medical tutor. Answer the exam question with the correct option or the short correct answer; where a "
             "chain of thought is given, it explains why."),
    "diagnosis": ("You are a medical assistant for education and research. From the symptoms described, name the most likely condition. "
                  "Only a clinician who examines the person can confirm it; say when to seek care. " + _CARE),
    "reasoning": ("You are a medical expert for education and research. Reason step by step through the clinical question and give "
                  "your conclusion, which may be a diagnosis or a treatment for the case described."),
    "reference": ("You are a medical reference for education and research. Answer from reference information (encyclopaedia entries, "
                  "drug labels) accurately; a short answer is right when the question asks for one fact."),
}
assert set(SYSTEM_PROMPTS) == set(KINDS), "every kind of row needs its system prompt"

# A prompt that says this cannot sit above an answer that names a diagnosis
FORBIDS_DIAGNOSIS = re.compile(
    r"\bnot (?:give |make |provide )?a diagnosis\b|\b(?:do not|don't|never|cannot) (?:diagnose|give a diagnosis)", re.IGNORECASE)
STATES_DIAGNOSIS = re.compile(r"\b(?:most likely|probable|likely|final|the) diagnosis (?:is|would be)\b|\bit seems you (?:may )?have\b|"
                              r"\byou (?:most likely|probably) have\b|\bdiagnosis:\s*\w", re.IGNORECASE)


def system_prompt(source: str) -> str:
    return SYSTEM_PROMPTS[source_kind(source)]


def contradicts(prompt: str, answer: str) -> bool:
    """Whether a system prompt forbids what its answer does: naming a diagnosis."""
    return bool(FORBIDS_DIAGNOSIS.search(prompt) and STATES_DIAGNOSIS.search(answer))
