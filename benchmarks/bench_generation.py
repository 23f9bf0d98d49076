"""Generation tasks benchmark: per task, slots per minute, accepted share and rejections by rule, before and after the yield work
(constrained JSON schema, few-shot example, short context, retries with a new seed), and the pipeline's generation throughput
against raw llama.cpp on the same prompts.

Usage: .venv/bin/python benchmarks/bench_generation.py [--slots 4] [--raw-dir ../shared/realdata]

"before": constrained=False, few_shot=False, retries=0, context_chars=4000 (a long context), repeat_penalty None (the resource's 1.3);
"after": the task configs' defaults.
Both run the real assets (ollama client over HTTP to the bundled server, SmolLM2-135M-Instruct Q4_1, DuckDB call cache, verifiers,
grounding) on the same rows: one source shard of wiki_medical_terms, medqa and symptom_to_diagnosis (real files when --raw-dir exists,
else the bundled samples) and one day of emergency scenarios over the bundled guideline PDFs.
Raw baseline: llama.cpp (xllamacpp) in this process, the "after" calls replayed one at a time from llm_cache (same messages,
schema and options), no HTTP, no cache, no verification.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "generation.md"
BEFORE = {"constrained": False, "few_shot": False, "retries": 0, "context_chars": 4000, "repeat_penalty": None}
SHARD_TASKS = {"wiki_term_qa": "wiki_medical_terms", "mcq_explanations": "medqa", "symptom_reasoning": "symptom_to_diagnosis"}
DAY = "2026-11-20"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slots", type=int, default=4, help="slots per task and variant")
    parser.add_argument("--raw-calls", type=int, default=2, help="'after' calls per task replayed in raw llama.cpp")
    parser.add_argument("--raw-dir", default=str(HERE.parent.parent / "shared" / "realdata"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    raw_dir = Path(args.raw_dir) if Path(args.raw_dir).is_dir() else None
    os.environ.update({"MEDPIPE_DUCKDB": str(tmp / "bench.duckdb"), "MEDPIPE_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
                       "MEDPIPE_RAW_DIR": str(mixed_raw_dir(raw_dir, tmp / "raw"))})
    import dagster as dg
    import duckdb

    from medpipe.warehouse.store import statement

    from medpipe.synthetic.llm import OllamaLLM
    from medpipe.synthetic.local_server import local_server
    from medpipe.synthetic.server import Backend, packaged_gguf
    from medpipe.synthetic.tasks import shard_of

    figures: dict[str, dict[str, dict]] = {}
    with local_server(log=tmp / "server.log") as host:
        os.environ["OLLAMA_HOST"] = host
        from medpipe.definitions import defs

        resources = defs.resources | {"llm": OllamaLLM(hosts=host, timeout=900)}  # calls wait long when other jobs share the cores
        defs.resolve_job_def("build_corpus").execute_in_process()
        dg.materialize([*defs.assets], resources=resources, selection=[dg.AssetKey(["sources", s]) for s in SHARD_TASKS.values()])

        def busiest_shard(source: str) -> str:
            """The shard with the most rows of the source (the bundled MedQA sample has 7 rows over 8 shards)."""
            with duckdb.connect(os.environ["MEDPIPE_DUCKDB"], read_only=True) as con:
                ids = [r[0] for r in con.execute(f"SELECT source_id FROM sources.{source}").fetchall()]
            return Counter(shard_of(i) for i in ids).most_common(1)[0][0]
        before_keys: set[str] = set()
        for variant, overrides in (("before", BEFORE), ("after", {})):
            if variant == "after":
                with duckdb.connect(os.environ["MEDPIPE_DUCKDB"], read_only=True) as con:
                    before_keys = {k for (k,) in con.execute("SELECT key FROM llm_cache").fetchall()}
            for asset in [*SHARD_TASKS, "emergency_scenarios"]:
                partition = DAY if asset == "emergency_scenarios" else busiest_shard(SHARD_TASKS[asset])
                size = {"scenarios_per_partition": args.slots} if asset == "emergency_scenarios" else {"max_rows_per_shard": args.slots}
                started = time.perf_counter()
                result = dg.materialize([*defs.assets], resources=resources, selection=[asset], partition_key=partition,
                                        run_config={"ops": {asset: {"config": overrides | size}}})
                seconds = time.perf_counter() - started
                meta = {k: v.value for k, v in result.asset_materializations_for_node(asset)[0].metadata.items()}
                figures.setdefault(asset, {})[variant] = meta | {"seconds": seconds}
                print(variant, asset, {k: meta[k] for k in ("slots", "kept", "rejected_by_rule", "llm_calls")}, f"{seconds:.0f} s", flush=True)
    with duckdb.connect(str(tmp / "bench.duckdb"), read_only=True) as con:
        after_calls = [c for c in con.execute("SELECT key, prompt_version, prompt, options, generated_tokens, generation_ns FROM "
                                              "llm_cache ORDER BY key").fetchall()
                       if c[0] not in before_keys]
        per_version: Counter[str] = Counter()
        calls = []
        for _, version, *rest in after_calls:  # the first --raw-calls "after" calls of each task, replayed
            per_version[version] += 1
            if per_version[version] <= args.raw_calls:
                calls.append((version, *rest))
        grounding = con.execute(statement("bench_generation_grounding")).fetchall()

    backend = Backend(packaged_gguf(), n_ctx=2048, parallel=1, threads=os.cpu_count() or 2)
    raw: dict[str, list[float]] = {}
    for version, prompt, options, _, _ in calls:
        request = json.loads(prompt)
        started = time.perf_counter()
        reply = backend.chat({"messages": [{"role": r, "content": c} for r, c in request["messages"]], "format": request["format"],
                              "options": json.loads(options)})
        totals = raw.setdefault(version, [0, 0.0, 0])
        totals[0] += reply["eval_count"]
        totals[1] += time.perf_counter() - started
        totals[2] += 1
    pipeline: dict[str, list[float]] = {}
    for version, _, _, tokens, ns in calls:
        totals = pipeline.setdefault(version, [0, 0.0])
        totals[0] += tokens
        totals[1] += ns / 1e9
    write(figures, raw, pipeline, grounding, args.slots, raw_dir)


def mixed_raw_dir(raw_dir: Path | None, into: Path) -> Path:
    """Per source folder: the real files when they hold the source's train rows, else the bundled sample (the real MedQA folder here
    holds only the held-out test split)."""
    from medpipe.settings import SAMPLES_DIR
    from medpipe.sources.catalog import SOURCES

    into.mkdir(parents=True)
    for source in SHARD_TASKS.values():
        spec = SOURCES[source]
        real = raw_dir / spec.folder if raw_dir else None
        has_rows = real is not None and any(any(real.glob(p)) for p in spec.files["train"])
        (into / spec.folder).symlink_to(real if has_rows else SAMPLES_DIR / spec.folder)
    return into


def write(figures: dict, raw: dict, pipeline: dict, grounding: list[tuple], slots: int, raw_dir: Path | None) -> None:
    from medpipe.synthetic import prompts as syn

    versions = {"wiki_term_qa": syn.WIKI_QA_PROMPT, "mcq_explanations": syn.MCQ_EXPLANATION_PROMPT, "symptom_reasoning": syn.SYMPTOM_REASONING_PROMPT,
                "emergency_scenarios": syn.EMERGENCY_SCENARIO_PROMPT}
    lines = ["# Generation tasks (SmolLM2-135M-Instruct Q4_1, bundled server, 2 shared cores)", "",
             f"{slots} slots per task and variant; rows from "
             f"{'the real files (' + os.path.relpath(raw_dir, HERE.parent) + ') where they hold train rows, else' if raw_dir else ''} "
             "the bundled samples "
             "(MedQA: the bundled sample, the real folder holds only the held-out test split); "
             "guideline PDFs: the bundled samples. `before`: no schema patterns/enums/lengths, no few-shot example, a 4,000-character context, "
             "no retry, the resource's repeat penalty (1.3). `after`: the defaults (constrained schema, one worked example, a 500-700-character "
             "context, 2 retries with a new seed; repeat penalty 1.0 for the two tasks that restate a gold answer, 1.3 for the others).", "",
             "| task | variant | slots | accepted | accepted share | slots/min | LLM calls | rejected slots by rule (final) | rejected replies by "
             "rule (all attempts) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for asset, variants in figures.items():
        for variant in ("before", "after"):
            m = variants[variant]
            lines.append(f"| {asset} | {variant} | {m['slots']} | {m['kept']} | {m['accepted_share']:.0%} | {m['slots'] / m['seconds'] * 60:.1f} | "
                         f"{m['llm_calls']} | {_rules(m['rejected_by_rule'])} | {_rules(m['rejected_replies_by_rule'])} |")
    lines += ["", "Throughput on the same prompts (the first `--raw-calls` calls of each task's `after` run, replayed one at a time in llama.cpp; "
              "the pipeline figure is the same calls' server-side generation time as the ollama client got them, concurrency 2):", "",
              "| task | calls replayed | raw llama.cpp tokens/s | pipeline tokens/s (server-side) | pipeline / raw | raw calls/min | pipeline "
              "calls/min (whole `after` asset: retrieval, HTTP, cache, verifiers, grounding) | pipeline / raw (calls/min) |",
              "|---|---|---|---|---|---|---|---|"]
    for asset, version in versions.items():
        if version not in raw:
            continue
        raw_tokens, raw_seconds, n = raw[version]
        tokens, seconds = pipeline[version]
        asset_rate = figures[asset]["after"]["llm_calls"] / figures[asset]["after"]["seconds"] * 60
        raw_tps, pipe_tps, raw_rate = raw_tokens / raw_seconds, tokens / seconds if seconds else 0.0, n / raw_seconds * 60
        lines.append(f"| {asset} | {n} | {raw_tps:.1f} | {pipe_tps:.1f} | {pipe_tps / raw_tps:.2f} | {raw_rate:.1f} | {asset_rate:.1f} | "
                     f"{asset_rate / raw_rate:.2f} |")
    lines += ["", "Grounding scores (best cosine of the answer or steps to a two-sentence window of the source text) of the replies that passed "
              "every other rule, kept or rejected as low_grounding:", "", "| source | replies | min | median | max | threshold |",
                  "|---|---|---|---|---|---|"]
    lines += [f"| {source} | {n} | {lo:.3f} | {mid:.3f} | {hi:.3f} | {threshold} |" for source, n, lo, mid, hi, threshold in grounding]
    lines += ["", "The machine's 2 cores were shared with other jobs during the run: absolute rates vary between runs; the ratios and shares are the "
                  "comparable figures."]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text())


def _rules(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in Counter(counts).most_common()) or "none"


if __name__ == "__main__":
    main()
