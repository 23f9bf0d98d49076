"""Chat latency of the assistant app on this machine: retrieval (read-only DuckDB connection, query embedding, FAISS
search, chunk fetch) and time to first token, p50 over fixed first-aid questions, through the app's own functions
(medpipe.app.chat) without the browser.

Routes: the bundled Ollama-compatible server over HTTP with the official client (streaming requested), and the LoRA
adapter in process when one exists beside the DuckDB file (`--adapter` names another folder; `--untrained-adapter`
writes a freshly initialised LoRA adapter, which costs the same per token as a trained one of the same rank).

Usage: .venv/bin/python benchmarks/bench_chat.py [--duckdb data/medpipe.duckdb] [--adapter DIR | --untrained-adapter]
Without --duckdb the guideline corpus is built on the bundled PDFs into a temporary DuckDB file first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "chat.md"
QUESTIONS = [
    "How should I cool a burn?",
    "What should I do for a nosebleed?",
    "How do I stop heavy bleeding from a wound?",
    "What are the signs of heat stroke?",
    "How do I help someone who is choking?",
    "What should I do if someone is unconscious but breathing?",
    "How do I treat a sprained ankle?",
    "What is the first aid for a snake bite?",
    "How do I recognise a stroke?",
    "When should I start CPR?",
]


def p50(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.9 * len(values)) - 1)]


def timed_stream(pieces: Iterator[str]) -> tuple[float, float, int, str]:
    """(seconds to the first piece, seconds to the last, pieces, text)."""
    started = time.perf_counter()
    first, count, text = None, 0, []
    for piece in pieces:
        if first is None:
            first = time.perf_counter() - started
        count += 1
        text.append(piece)
    total = time.perf_counter() - started
    return (first if first is not None else total), total, count, "".join(text)


def build_corpus(tmp: Path) -> Path:
    os.environ.update({"MEDPIPE_DUCKDB": str(tmp / "bench.duckdb"), "MEDPIPE_OFFLINE": "1", "HF_HUB_OFFLINE": "1"})
    from medpipe.definitions import defs

    assert defs.resolve_job_def("build_corpus").execute_in_process().success
    return tmp / "bench.duckdb"


def untrained_adapter(path: Path) -> None:
    from medpipe.train.config import RECORD_FILE, SftSettings
    from medpipe.train.sft import TrainResult, load_base, lora_model, training_record

    settings = SftSettings()
    lora_model(load_base(settings)[0], settings).save_pretrained(path)
    (path / RECORD_FILE).write_text(json.dumps(training_record(settings, TrainResult(path, 0, 0, 0.0, [], 0, [], "untrained"))), encoding="utf-8")


def cold_load_seconds(duckdb_path: Path) -> float:
    """What a fresh app server pays once before its first retrieval: imports, the embedding model and the index, timed in a new
    process (this one has them loaded already when it built the corpus)."""
    code = ("import sys, time; t = time.perf_counter(); from medpipe.corpus.embeddings import load_model; "
            "from medpipe.corpus.index import load_index; from medpipe.settings import load_settings; "
            "load_model(load_settings().embedding_model); load_index(__import__('pathlib').Path(sys.argv[1])); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code, str(duckdb_path.with_suffix(".faiss"))], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duckdb", type=Path, help="a built DuckDB file (default: build the corpus on the bundled PDFs)")
    parser.add_argument("--adapter", type=Path, help="adapter folder (default: sft_adapter beside the DuckDB file)")
    parser.add_argument("--untrained-adapter", action="store_true", help="write a freshly initialised LoRA adapter to time the in-process route")
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_chat."))
    load_before = load_average()
    duckdb_path = args.duckdb.resolve() if args.duckdb else build_corpus(tmp)

    from medpipe.app import chat
    from medpipe.corpus.embeddings import load_model
    from medpipe.corpus.index import load_index
    from medpipe.settings import DEFAULT_LLM_MODEL, load_settings
    from medpipe.synthetic.local_server import local_server

    questions = QUESTIONS[: args.questions]
    load_seconds = cold_load_seconds(duckdb_path)
    model = load_model(load_settings().embedding_model)
    index = load_index(duckdb_path.with_suffix(".faiss"))
    chat.retrieve_passages(duckdb_path, index, model, "warm-up", chat.TOP_K)
    retrieval, passages = [], []
    for question in questions:
        started = time.perf_counter()
        passages.append(chat.retrieve_passages(duckdb_path, index, model, question, chat.TOP_K))
        retrieval.append(time.perf_counter() - started)
    prompts = [chat.build_messages([], q, p) for q, p in zip(questions, passages)]

    rows: list[tuple[str, list[float], list[float], list[int], list[int], str]] = []
    with local_server(log=tmp / "server.log") as host:
        chat.ollama_stream(host, DEFAULT_LLM_MODEL, prompts[0], {**chat.OLLAMA_OPTIONS, "num_predict": 4}).__next__()  # warm-up
        firsts, totals, pieces, tokens = [], [], [], []
        for messages in prompts:
            fitted = chat.fit_to_context(messages, chat.prompt_budget(), chat.approx_tokens)
            first, total, count, _ = timed_stream(chat.ollama_stream(host, DEFAULT_LLM_MODEL, fitted.messages))
            firsts.append(first), totals.append(total), pieces.append(count)
        rows.append(("bundled server (ollama client, stream=True)", firsts, totals, pieces, tokens, ""))

    adapter_dir = args.adapter or chat.adapter_path(duckdb_path)
    if args.untrained_adapter:
        adapter_dir = tmp / "sft_adapter"
        untrained_adapter(adapter_dir)
    info = chat.find_adapter(adapter_dir)
    adapter_load = 0.0
    if info:
        started = time.perf_counter()
        lm, tokenizer = chat.load_adapter_model(info)
        adapter_load = time.perf_counter() - started
        count_tokens = chat.tokenizer_counter(tokenizer)
        timed_stream(chat.local_stream(lm, tokenizer, prompts[0], max_new_tokens=4))  # warm-up
        firsts, totals, pieces, tokens = [], [], [], []
        for messages in prompts:
            fitted = chat.fit_to_context(messages, chat.prompt_budget(), count_tokens)
            first, total, count, text = timed_stream(chat.local_stream(lm, tokenizer, fitted.messages))
            firsts.append(first), totals.append(total), pieces.append(count)
            tokens.append(len(tokenizer(text, add_special_tokens=False)["input_ids"]))
        label = "untrained LoRA (r=16), same cost per token as a trained one" if args.untrained_adapter else info.summary
        rows.append((f"adapter in process (transformers + PEFT, greedy); {label}", firsts, totals, pieces, tokens, ""))

    lines = [
        "# Chat latency (assistant app, 2 cores)",
        "",
        f"`benchmarks/bench_chat.py`: {len(questions)} first-aid questions, top {chat.TOP_K} guideline chunks each, answers up to "
        f"{chat.MAX_NEW_TOKENS} new tokens, through `medpipe.app.chat` (what the Streamlit page calls), no browser. "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; load average (1/5/15 min) {load_before} before, "
        f"{load_average()} after (other jobs shared the machine when it is above 2).",
        "",
        f"Embedding model + FAISS index load, imports included (once per app server, in a fresh process): {load_seconds:.2f} s"
        + (f"; adapter load (once per app server): {adapter_load:.2f} s." if info else "."),
        "",
        "| step | p50 | p90 |",
        "|---|---|---|",
        f"| retrieval (read-only connection, query embedding, FAISS search, chunk fetch) | {p50(retrieval) * 1000:.0f} ms | "
        f"{p90(retrieval) * 1000:.0f} ms |",
    ]
    for name, firsts, totals, pieces, tokens, _ in rows:
        lines.append(f"| time to first token: {name} | {p50(firsts):.2f} s | {p90(firsts):.2f} s |")
        lines.append(f"| whole answer: {name} | {p50(totals):.2f} s | {p90(totals):.2f} s |")
        streamed = sum(1 for n in pieces if n > 1)
        lines.append(f"| streamed pieces per answer: {name} | {p50([float(n) for n in pieces]):.0f} | {p90([float(n) for n in pieces]):.0f} |")
        if tokens:
            rate = sum(tokens) / sum(totals)
            lines.append(f"| generated tokens/s: {name} | {rate:.1f} | |")
        if streamed == 0:
            lines.append(f"| note: {name} | sent each answer in one piece: time to first token = whole answer | |")
    if not info:
        lines += ["", f"No adapter at `{adapter_dir}`: the in-process route was not timed (`--untrained-adapter` times it)."]
    lines += ["", "Time to first token is what the user waits before text appears; retrieval comes before it, so the wait is their sum."]
    if max((float(x) for x in load_before.split(" / ")[:1] + load_average().split(" / ")[:1] if x != "n/a"), default=0.0) > 2.5:
        lines += ["", "The machine was shared (load above its 2 cores): llama.cpp's worker threads spin while they wait, so the bundled "
                  "server slows far more than PyTorch under such load (`results/synthetic.md` measured 35 tokens/s for it alone). "
                  "Rerun on an idle machine for figures to compare."]
    lines.append("")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
