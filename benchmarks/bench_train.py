"""Training throughput of `train_lora` (TRL's SFTTrainer) against a plain PyTorch loop on the same batches.

Usage: .venv/bin/python benchmarks/bench_train.py [--steps 6] [--repeats 2] [--threads N]
       .venv/bin/python benchmarks/bench_train.py --default-job   (times `medpipe build --job train` with the default
       settings on the built warehouse: sft_adapter and sft_eval; appends to results/train_job.md)

Both runs train the same LoRA (same seed) on the packaged SmolLM2-135M-Instruct with AdamW, on the same
pre-tokenized, assistant-only-labelled batches in the same order, for the same number of steps. Only the
training loop is timed (model loading excluded); the best of `--repeats` runs of each is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import torch

from medpipe.train.sft import SftSettings, collate, load_base, lora_model, tokenize_rows, train_lora

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "train.md"
SAMPLES = HERE.parent / "medpipe" / "samples"
SYSTEM = "You are a careful medical assistant. You give general medical information, not a diagnosis."


def sample_rows() -> list[dict]:
    """Chat rows from the bundled first-aid intents and medical dialogues: single exchanges, plus two-exchange dialogues."""
    pairs = [(pattern, intent["responses"][0]) for intent in json.loads((SAMPLES / "first_aid_intents" / "first_aid1.json").read_text())
             for pattern in intent["patterns"]]
    pairs += [(item["instruction"], item["output"]) for item in
              json.loads((SAMPLES / "know_medical_dialogues" / "correctly_transformed_train_set_med_v2.json").read_text())]
    rows = []
    for index, (question, answer) in enumerate(pairs):
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        if index % 3 == 0:
            follow_up, reply = pairs[(index + 7) % len(pairs)]
            messages += [{"role": "user", "content": follow_up}, {"role": "assistant", "content": reply}]
        rows.append({"messages": messages})
    return rows


def plain_loop(settings: SftSettings, rows: list[dict]) -> tuple[int, float]:
    """Non-padding tokens and seconds of a forward+backward+AdamW loop over the batches train_lora sees."""
    model, tokenizer = load_base(settings)
    dialogues = tokenize_rows(tokenizer, rows, settings, shuffle=True).dialogues
    model = lora_model(model, settings)
    model.train()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=settings.learning_rate)
    # the trainer's sequential sampler: batches in order, a short last batch per epoch, then from the start again
    batches = [dialogues[i: i + settings.batch_size] for i in range(0, len(dialogues), settings.batch_size)]
    tokens = 0
    started = time.perf_counter()
    for step in range(settings.max_steps):
        batch = collate(batches[step % len(batches)], tokenizer.pad_token_id)
        model(**batch).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        tokens += int(batch["attention_mask"].sum())
    return tokens, time.perf_counter() - started


JOB_RESULTS = HERE / "results" / "train_job.md"


def default_job() -> None:
    """`medpipe build --job train` as a user runs it after `medpipe build` (the adapter is removed first, so it trains)."""
    import datetime
    import shutil
    import subprocess
    import sys

    from medpipe.settings import load_settings
    from medpipe.train.config import adapter_dir

    shutil.rmtree(adapter_dir(load_settings().data_dir), ignore_errors=True)
    load_before = os.getloadavg()
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "medpipe.cli", "build", "--job", "train"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    log = run.stdout + run.stderr
    progress = [line.split(" - ")[-1] for line in log.splitlines() if "sft step" in line or "sft_eval" in line]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    lines = [f"## `medpipe build --job train`, default settings: {seconds / 60:.1f} min, exit {run.returncode}", "",
             f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`, {os.cpu_count()} cores; load average "
             f"{' / '.join(f'{x:.1f}' for x in load_before)} before, {' / '.join(f'{x:.1f}' for x in os.getloadavg())} after "
             "(the machine is shared). First and last progress lines:", "", "```", *progress[:3], "...", *progress[-6:], "```", ""]
    with JOB_RESULTS.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    if run.returncode:
        print(log[-3000:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--default-job", action="store_true", help="time `medpipe build --job train` with the defaults instead")
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=0, help="torch threads; 0 = torch's default (one per core)")
    args = parser.parse_args()
    if args.default_job:
        default_job()
        return
    if args.threads:
        torch.set_num_threads(args.threads)  # with other busy processes, one thread avoids stalls at every parallel op
    settings = SftSettings(max_steps=args.steps, batch_size=4, max_seq_tokens=256)
    rows = sample_rows()
    trl_runs, plain_runs = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.repeats):
            result = train_lora(settings, rows, Path(scratch) / "adapter")
            trl_runs.append((result.tokens, result.seconds))
            plain_runs.append(plain_loop(settings, rows))
    trl_tokens, trl_seconds = min(trl_runs, key=lambda run: run[1])
    plain_tokens, plain_seconds = min(plain_runs, key=lambda run: run[1])
    if trl_tokens != plain_tokens:
        raise SystemExit(f"the two loops saw different tokens: {trl_tokens} vs {plain_tokens}")
    trl_rate, plain_rate = trl_tokens / trl_seconds, plain_tokens / plain_seconds
    lines = [
        f"# LoRA training throughput (SmolLM2-135M-Instruct, {os.cpu_count()} cores, torch threads {torch.get_num_threads()})", "",
        f"{len(rows)} chat rows from the bundled samples; {settings.max_steps} steps of batch {settings.batch_size}, "
        f"LoRA r={settings.lora_r} on {', '.join(settings.target_modules)}, float32 on CPU; the same batches in both loops "
        f"({trl_tokens:,} non-padding tokens). Best of {args.repeats} runs each, training loop only.", "",
        "| loop | seconds | tokens/s |", "|---|---|---|",
        f"| `train_lora` (TRL SFTTrainer) | {trl_seconds:.1f} | {trl_rate:.1f} |",
        f"| plain PyTorch forward+backward+AdamW | {plain_seconds:.1f} | {plain_rate:.1f} |",
        "", f"train_lora / plain: {trl_rate / plain_rate:.2f} (1.00 = no trainer overhead).",
        f"Load average at the end: {' '.join(f'{load:.1f}' for load in os.getloadavg())} (other processes on the machine slow both loops alike).",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
