import pytest

from medpipe.sources.dialogue import dialogue_pair, parse_meddialog_text, split_inline_turns, split_prefixed_utterance
from medpipe.warehouse.rows import Malformed

RAW = """id=7
https://www.healthcaremagic.com/questions/x
Description
Q. Cough for two weeks?

Dialogue
Patient:
I have had a cough
for two weeks.

Doctor:
Get a chest x-ray.
Regards, Dr. Lee
id=7
https://example.org/y
Description
Second block with the same id
Dialogue
Patient: Headache today.
Doctor: Rest and drink water.
Patient: Thanks!
"""


def test_parser_handles_multiline_turns_blank_lines_and_repeated_ids() -> None:
    first, second = list(parse_meddialog_text(RAW))
    assert first.dialogue_id == second.dialogue_id == "7"
    assert first.url.endswith("/x") and first.description == "Q. Cough for two weeks?"
    assert first.turns == [("patient", "I have had a cough\nfor two weeks."), ("doctor", "Get a chest x-ray.\nRegards, Dr. Lee")]
    assert second.turns[-1] == ("patient", "Thanks!")


def test_dialogue_pair_keeps_turns_and_flattens_the_last_exchange() -> None:
    pair = dialogue_pair([("patient", "a"), ("doctor", "b"), ("patient", "c"), ("patient", "c2"), ("doctor", "d"), ("patient", "thanks")])
    assert [m["role"] for m in pair.messages] == ["user", "assistant", "user", "assistant"]
    assert pair.messages[2]["content"] == "c\nc2"
    assert (pair.input, pair.output) == ("c\nc2", "d")
    assert pair.context == "Patient: a\nDoctor: b"
    assert pair.meta["trailing_patient_turns_cut"] == 1


def test_dialogue_without_a_doctor_reply_is_malformed() -> None:
    with pytest.raises(Malformed, match="no_patient_doctor_exchange"):
        dialogue_pair([("patient", "hello?")])


def test_inline_and_prefixed_turns() -> None:
    assert split_inline_turns("Patient: I feel dizzy. Doctor: Sit down. Patient: ok") == [
        ("patient", "I feel dizzy."),
        ("doctor", "Sit down."),
        ("patient", "ok"),
    ]
    assert split_prefixed_utterance("doctor: take rest.\nand fluids") == ("doctor", "take rest.\nand fluids")
    with pytest.raises(Malformed):
        split_prefixed_utterance("nurse: hi")
