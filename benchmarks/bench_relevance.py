"""The relevance threshold of retrieval (corpus.retrieval.RELEVANCE_THRESHOLD): top-1 similarity of first-aid questions
against off-topic ones on the built corpus. Writes benchmarks/results/relevance.md.

Usage: .venv/bin/python benchmarks/bench_relevance.py [--duckdb data/medpipe.duckdb]
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
from pathlib import Path

import duckdb

from medpipe.corpus.embeddings import load_model
from medpipe.corpus.index import load_index
from medpipe.corpus.retrieval import RELEVANCE_THRESHOLD, retrieve_many
from medpipe.settings import DEFAULT_DUCKDB

HERE = Path(__file__).resolve().parent
ON_TOPIC = ["How should I cool a burn?", "What should I do for a nosebleed?", "How do I stop heavy bleeding from a wound?",
            "How do I help someone who is choking?", "When should I start CPR?", "What is the recovery position?",
            "How do I treat a sprained ankle?", "What is the first aid for a snake bite?", "What are the signs of heat exhaustion?"]
OFF_TOPIC = ["How do I make a chocolate cake?", "What's the weather tomorrow?", "Recommend a good book", "How do I change a car tyre?",
             "What is the capital of France?", "How do I learn Python?", "Best way to clean a carpet?", "How many calories in an apple?"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duckdb", type=Path, default=DEFAULT_DUCKDB)
    args = parser.parse_args()
    model, index = load_model(""), load_index(args.duckdb.with_suffix(".faiss"))
    with duckdb.connect(str(args.duckdb), read_only=True) as con:
        chunks = con.execute("SELECT count(*) FROM corpus.pdf_chunks").fetchone()[0]
        rows = [(kind, q, hits[0]) for kind, qs in (("first aid", ON_TOPIC), ("off topic", OFF_TOPIC))
                for q, hits in zip(qs, retrieve_many(con, index, model, qs, 1)) if hits]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    on = [h.score for kind, _, h in rows if kind == "first aid"]
    off = [h.score for kind, _, h in rows if kind == "off topic"]
    lines = ["# Relevance threshold of retrieval", "",
             f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`, corpus of {chunks} chunks (the "
             "DuckDB file given), "
             f"MiniLM cosine of the top chunk; load average {os.getloadavg()[0]:.1f}.", "",
             f"First-aid questions: {min(on):.3f} to {max(on):.3f}; off-topic: {min(off):.3f} to {max(off):.3f}. "
             f"Threshold in force: {RELEVANCE_THRESHOLD} (between the two, nearer the first-aid side's low end: a medical question whose "
             "closest chunk is on another topic still passes, and the answer's grounding check then decides).", "",
             "| kind | top-1 similarity | question | top chunk |", "|---|---|---|---|",
             *[f"| {kind} | {h.score:.3f} | {q} | {' '.join(h.text.split())[:60]} |" for kind, q, h in rows], ""]
    (HERE / "results" / "relevance.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
