"""The emergency screen: rules and the embedding check on messages written here (the set written apart is measured by
benchmarks/bench_emergency.py), the fixed notice, and `medpipe ask` answering an emergency with no model and no warehouse."""

from __future__ import annotations

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


def test_a_phrasing_no_rule_names_is_caught_by_its_neighbours(screen: emergency.EmergencyScreen) -> None:
    text = "grandma suddenly cannot talk properly and her smile looks wrong"
    assert emergency.rule_hit(text) is None
    verdict = screen.screen(text)
    assert verdict.emergency and verdict.reason.startswith("similar to"), verdict


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
