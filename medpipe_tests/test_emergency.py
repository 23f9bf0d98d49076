"""The emergency screen: rules and the embedding check on messages written here (the set written apart is measured by
benchmarks/bench_emergency.py), the fixed notice, and `medpipe ask` answering an emergency with no model and no warehouse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medpipe.app import emergency
from medpipe.settings import SettingError, load_settings

EMERGENCIES = ["My father has CRUSHING chest pain right now", "her face is drooping and her speech is slurred",
               "my son ate peanuts and his throat is closing", "i want to kill myself", "she collapsed and isn't breathing",
               "my toddler swallowed bleach", "blood is spurting from his leg"]
NOT_EMERGENCIES = ["how do I make a chocolate cake", "what are the signs of a stroke", "I had a heart attack 3 years ago, what should I eat",
                   "my cat is choking on a hairball", "I have a stuffy nose and can't breathe through it at night"]


def test_rules_name_the_category_in_any_case_and_leave_topics_alone() -> None:
    assert emergency.rule_hit("MY FATHER HAS CRUSHING CHEST PAIN")[0] == "cardiac"
    assert emergency.rule_hit("my father has crushing chest pain")[0] == "cardiac"
    assert emergency.rule_hit("how do I make a chocolate cake") is None
    assert emergency.informational("what are the signs of a stroke") and not emergency.informational("help, he is having a stroke now")


@pytest.fixture(scope="module")
def screen() -> emergency.EmergencyScreen:
    return emergency.default_screen("")


def test_screen_flags_emergencies_and_not_near_misses(screen: emergency.EmergencyScreen) -> None:
    verdicts = screen.screen_many(EMERGENCIES + NOT_EMERGENCIES)
    assert [v.emergency for v in verdicts] == [True] * len(EMERGENCIES) + [False] * len(NOT_EMERGENCIES), verdicts
    assert screen.examples is not None and screen.examples.emergency.sum() >= 100  # the labelled set the neighbours come from


def test_a_phrasing_no_rule_names_is_caught_by_the_classifier(screen: emergency.EmergencyScreen) -> None:
    text = "grandma suddenly cannot talk properly and her smile looks wrong"
    assert emergency.rule_hit(text) is None
    verdict = screen.screen(text)
    assert verdict.emergency and verdict.reason.startswith("classifier") and verdict.category == "stroke", verdict
    # without an encoder the rules decide, and leave questions about a topic alone
    assert emergency.decide("his face is drooping", None)[:2] == (True, "stroke")
    assert emergency.decide("what are the signs of a stroke? face drooping?", None)[0] is False
    assert emergency.decide("grandma cannot talk properly", None)[0] is False
    assert emergency.decide("what are the signs of a stroke? face drooping?", emergency.THRESHOLD)[0] is True  # else the classifier
    assert emergency.decide("what are the signs of a stroke? face drooping?", emergency.THRESHOLD - 0.01)[0] is False


def test_the_notice_is_one_line_with_the_configured_number() -> None:
    line = emergency.notice("911")
    assert line.startswith("EMERGENCY:") and "911" in line and "\n" not in line
    assert "CPR" in emergency.first_aid("unresponsive") and emergency.first_aid("unknown") == emergency.first_aid("other")
    assert load_settings({"MEDPIPE_EMERGENCY_NUMBER": "999"}).emergency_number == "999"
    assert load_settings({}).emergency_number == "112"
    with pytest.raises(SettingError, match="MEDPIPE_EMERGENCY_NUMBER"):
        load_settings({"MEDPIPE_EMERGENCY_NUMBER": "call me"})


def test_medpipe_ask_prints_the_emergency_notice_first_without_any_model(tmp_path: Path) -> None:
    env = os.environ | {"MEDPIPE_DUCKDB": str(tmp_path / "none.duckdb"), "OLLAMA_HOST": "http://127.0.0.1:9", "MEDPIPE_EMERGENCY_NUMBER": "999",
                        "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = subprocess.run([sys.executable, "-m", "medpipe.cli", "ask", "my husband is clutching his chest and sweating"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("EMERGENCY:") and "999" in lines[0]
    assert lines[1].startswith("First aid while you wait:") and "aspirin" in lines[1]
    assert "No model is available" in run.stdout or "No fine-tuned adapter" in run.stdout


def test_the_examples_vectors_are_computed_once_per_model_and_examples(screen: emergency.EmergencyScreen, tmp_path: Path) -> None:
    examples = tmp_path / "examples.jsonl"
    rows = [{"text": t, "emergency": e, "category": "other" if e else "none"} for t, e in
            [("he is not breathing", True), ("she collapsed", True), ("how to bake bread", False), ("what is a stroke", False)]]
    examples.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    calls = []

    def encode(texts: list[str]):
        calls.append(len(texts))
        return screen.encode(texts)

    def cache(rows: list[dict]) -> Path:
        return emergency.vector_cache(tmp_path / "cache", "minilm", rows)

    first = emergency.EmergencyScreen(encode, examples, cache)
    second = emergency.EmergencyScreen(encode, examples, cache)
    assert calls == [4] and (first.examples.vectors == second.examples.vectors).all()
    [cached] = (tmp_path / "cache").glob("emergency-examples-*.npy")
    cached.write_bytes(cached.read_bytes()[:50])  # cut short (a full disk, a kill): made again
    assert emergency.EmergencyScreen(encode, examples, cache).classifier is not None and calls == [4, 4]
    rows[0]["text"] = "he has stopped breathing"
    examples.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    emergency.EmergencyScreen(encode, examples, cache)
    assert calls == [4, 4, 4] and len(list((tmp_path / "cache").glob("emergency-examples-*.npy"))) == 2  # a changed example, a new file
