"""Synthetic generation benchmark: pairs per minute, the pipeline's generated tokens/s against the backend's raw
tokens/s measured in the same run, and the share of replies rejected by each validation rule.

Usage: .venv/bin/python benchmarks/bench_synthetic.py [--partitions 3]

Raw baseline: llama.cpp (xllamacpp) in this process, the same answer prompts one at a time, no HTTP, no cache.
Pipeline: the synthetic_qa asset (retrieval, prompts, ollama client over HTTP to the bundled server, DuckDB cache,
validation, grounding) on fresh partitions, concurrency 2. Both use SmolLM2-135M-Instruct Q4_1 on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "synthetic.md"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partitions", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    os.environ.update({"MEDPIPE_DUCKDB": str(tmp / "bench.duckdb"), "MEDPIPE_OFFLINE": "1"})
    import duckdb

    from medpipe.synthetic.local_server import local_server
    from medpipe.synthetic.server import Backend, packaged_gguf

    with local_server(log=tmp / "server.log") as host:
        os.environ["OLLAMA_HOST"] = host
        from medpipe.definitions import defs

        defs.resolve_job_def("build_corpus").execute_in_process()
        keys = [f"2026-11-{day:02d}" for day in range(1, args.partitions + 1)]
        started = time.perf_counter()
        metas = [defs.resolve_job_def("synthetic_daily").execute_in_process(partition_key=key).asset_materializations_for_node("synthetic_qa")[
            0].metadata for key in keys]
        asset_seconds = time.perf_counter() - started
    with duckdb.connect(str(tmp / "bench.duckdb"), read_only=True) as con:
        prompts = [json.loads(p)["messages"]
                   for (p,) in con.execute("SELECT prompt FROM llm_cache WHERE prompt_version LIKE 'answer%' ORDER BY key").fetchall()]
        rejected = dict(con.execute("SELECT reason, count(*) FROM quarantine WHERE step = 'synthetic' GROUP BY reason ORDER BY 2 DESC").fetchall())
        stored = con.execute("SELECT count(*) FROM llm_cache").fetchone()[0]

    backend = Backend(packaged_gguf(), n_ctx=2048, parallel=1, threads=os.cpu_count() or 2)
    schema = {"type": "object", "properties": {"sufficient_context": {"type": "boolean"},
        "answer": {"type": "string", "minLength": 20, "maxLength": 1500}}, "required": ["sufficient_context", "answer"]}
    options = {"temperature": 0.3, "seed": 42, "num_predict": 220, "repeat_penalty": 1.3}
    raw_tokens, raw_start = 0, time.perf_counter()
    for messages in prompts:
        reply = backend.chat({"messages": [{"role": r, "content": c} for r, c in messages], "format": schema, "options": options})
        raw_tokens += reply["eval_count"]
    raw_seconds = time.perf_counter() - raw_start

    v = lambda key: sum(m[key].value for m in metas)  # noqa: E731
    pipeline_tps = v("generated_tokens") / v("llm_seconds")
    raw_tps = raw_tokens / raw_seconds
    slots = v("kept") + v("quarantined")
    lines = [
        "# Synthetic generation (SmolLM2-135M-Instruct Q4_1, 2 cores)", "",
        f"{args.partitions} daily partitions x {slots // args.partitions} questions; {v('llm_calls')} LLM calls, {stored} cached replies.", "",
        "| figure | value |", "|---|---|",
        f"| backend raw generation (llama.cpp in process, one request at a time, same answer prompts) | {raw_tps:.1f} tokens/s |",
        f"| pipeline generation (ollama client -> bundled server, concurrency 2, cache writes) | {pipeline_tps:.1f} tokens/s |",
        f"| pipeline / raw | {pipeline_tps / raw_tps:.2f} (target >= 0.85) |",
        f"| question-answer slots attempted per minute (whole asset, incl. retrieval and grounding) | {slots / asset_seconds * 60:.1f} |",
        f"| pairs accepted per minute | {v('kept') / asset_seconds * 60:.1f} ({v('kept')} of {slots} slots) |",
        "", "Share of slots rejected, by rule:", "", "| rule | slots | share |", "|---|---|---|",
        *(f"| {reason} | {n} | {n / slots:.0%} |" for reason, n in rejected.items()),
        "", "A 135M-parameter model rarely writes a grounded answer; the rules reject its output rather than let it into `final`.",
        "Point OLLAMA_HOST at a real Ollama model (MEDPIPE_LLM_MODEL) for a useful yield.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
