"""Synthetic generation against the bundled Ollama-compatible server running the real SmolLM2 model."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import duckdb
import numpy as np
import ollama
import pytest

from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import Call
from medpipe.synthetic.local_server import local_server
from medpipe.warehouse.rows import Rejection
from medpipe.synthetic.server import MODEL_NAME
from medpipe.sources.catalog import SYNTHETIC_SOURCE
from medpipe.synthetic.llm import OllamaLLM
from medpipe.settings import PROJECT_ROOT, Settings
from medpipe_tests.helpers import materialize, metadata, offline_settings

PARTITION = "2026-11-20"
SYNTHETIC = dg.AssetSelection.assets("synthetic_qa")


@pytest.fixture(scope="module")
def llm_host(tmp_path_factory: pytest.TempPathFactory):
    with local_server(log=tmp_path_factory.mktemp("llm") / "server.log") as host:
        yield host


def server_calls(host: str) -> int:
    with urllib.request.urlopen(f"{host}/medpipe/stats", timeout=5) as response:
        return int(json.loads(response.read())["chat_requests"])


@pytest.fixture
def corpus_built(tmp_path: Path) -> Settings:
    settings = offline_settings(tmp_path / "db.duckdb")
    assert materialize(settings, dg.AssetSelection.groups("corpus")).success
    return settings


def generate(settings: Settings, host: str, raise_on_error: bool = True, partition: str = PARTITION) -> dg.ExecuteInProcessResult:
    from medpipe.definitions import defs
    from medpipe_tests.helpers import resources_for

    resources = resources_for(settings) | {"llm": OllamaLLM(hosts=host, retries=1, backoff=0.1, timeout=600)}  # no timing assumption on shared cores
    return dg.materialize([*defs.assets], resources=resources, selection=SYNTHETIC, partition_key=partition, raise_on_error=raise_on_error)


def cache_count(settings: Settings) -> int:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM llm_cache").fetchone()[0]


def test_the_server_speaks_ollama_and_enforces_the_schema(llm_host: str) -> None:
    client = ollama.Client(host=llm_host, timeout=60)
    assert MODEL_NAME in [m.model for m in client.list().models]
    schema = {"type": "object", "properties": {"answer": {"type": "string"}, "urgent": {"type": "boolean"}}, "required": ["answer", "urgent"]}
    reply = client.chat(model=MODEL_NAME, messages=[{"role": "user", "content": "Is a nosebleed an emergency?"}], format=schema,
                        options={"temperature": 0.2, "seed": 1, "num_predict": 120})
    parsed = json.loads(reply.message.content)  # a grammar keeps even a 135M model inside the schema
    assert isinstance(parsed["answer"], str) and isinstance(parsed["urgent"], bool)
    assert reply.eval_count > 0 and reply.done
    with pytest.raises(ollama.ResponseError) as missing:
        client.chat(model="llama3:70b", messages=[{"role": "user", "content": "hi"}])
    assert missing.value.status_code == 404


def test_generation_is_cached_and_a_rerun_asks_only_the_replies_that_failed_their_schema(llm_host: str, corpus_built: Settings) -> None:
    first = generate(corpus_built, llm_host)
    meta = metadata(first, "synthetic_qa")
    assert meta["llm_calls"] > 0 and meta["llm_cache_hits"] == 0
    assert meta["kept"] + meta["quarantined"] == 6  # every slot ends as a row or in quarantine with its reason
    assert meta["new_slots_left"] == syn.slots_left(PARTITION, syn.DEFAULT_TOPICS, 6) == 20 * syn.SEED_CHUNKS - 20 * 6  # its 20th day
    before = server_calls(llm_host)
    again = metadata(generate(corpus_built, llm_host), "synthetic_qa")
    # a reply that failed its schema is never cached, so a rerun asks it again (the bundled model's replies to concurrent requests
    # are not always the same); nothing cached is asked again
    invalid = meta["llm_invalid_replies"]
    assert server_calls(llm_host) - before == again["llm_calls"] + again["llm_invalid_replies"] <= invalid
    assert meta["llm_calls"] - invalid <= again["llm_cache_hits"] <= meta["llm_calls"]
    with duckdb.connect(str(corpus_built.duckdb_path), read_only=True) as con:
        payloads = [r[0] for r in con.execute("SELECT payload FROM quarantine WHERE step = 'synthetic'").fetchall()]
        generated = con.execute("SELECT count(*) FROM sources.synthetic_rag").fetchone()[0]
    assert len(payloads) == meta["quarantined"] and generated == meta["kept"]
    assert all("raw" in json.loads(p) for p in payloads)  # every rejected reply keeps the model's raw text
    # 10 days on, the earlier plan gave the same slots again: no call, the same rows
    later = (date.fromisoformat(PARTITION) + timedelta(days=10)).isoformat()
    assert metadata(generate(corpus_built, llm_host, partition=later), "synthetic_qa")["llm_calls"] > 0
    with duckdb.connect(str(corpus_built.duckdb_path), read_only=True) as con:
        ids = {key: {r[0] for r in con.execute("SELECT id FROM sources.synthetic_rag WHERE source_id LIKE $p", {"p": f"{key}/%"}).fetchall()}
               for key in (PARTITION, later)}
    assert ids[PARTITION].isdisjoint(ids[later])


KILLABLE_RUN = """
import dagster as dg
from medpipe.definitions import defs
dg.materialize([*defs.assets], resources=defs.resources, selection=dg.AssetSelection.assets("synthetic_qa"), partition_key="{partition}")
"""


def test_a_killed_run_resumes_without_losing_or_repeating_finished_calls(llm_host: str, corpus_built: Settings) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"} | {
        "MEDPIPE_DUCKDB": str(corpus_built.duckdb_path), "MEDPIPE_OFFLINE": "1", "MEDPIPE_PDF_DIR": str(corpus_built.pdf_dir),
        "OLLAMA_HOST": llm_host}
    start = server_calls(llm_host)
    run = subprocess.Popen([sys.executable, "-c", KILLABLE_RUN.format(partition=PARTITION)], env=env, cwd=PROJECT_ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 180
    while server_calls(llm_host) - start < 3 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    stored = cache_count(corpus_built)
    served_before_kill = server_calls(llm_host) - start
    assert 0 < stored <= served_before_kill

    resumed = metadata(generate(corpus_built, llm_host), "synthetic_qa")
    total = cache_count(corpus_built)
    assert resumed["llm_cache_hits"] == stored  # nothing finished was lost
    assert resumed["llm_calls"] == total - stored  # nothing finished was asked again
    assert server_calls(llm_host) - start - total <= 2  # only calls in flight at the kill (concurrency 2) were repeated


def test_an_unreachable_server_fails_the_asset_naming_the_host_and_keeps_finished_work(llm_host: str, corpus_built: Settings) -> None:
    generate(corpus_built, llm_host)
    kept = cache_count(corpus_built)
    result = generate(corpus_built, "http://127.0.0.1:9", raise_on_error=False, partition="2026-11-21")
    assert not result.success
    message = next(e for e in result.all_events if e.is_step_failure).event_specific_data.error.message
    assert "127.0.0.1:9" in message and "OLLAMA_HOST" in message
    assert cache_count(corpus_built) == kept


def test_synthetic_rows_join_merged() -> None:
    from medpipe.curation.assets import union_sources
    from medpipe.warehouse.rows import rows_frame

    con = duckdb.connect()
    con.execute("CREATE SCHEMA sources")
    row = {"id": "x1", "source": SYNTHETIC_SOURCE, "source_id": f"{PARTITION}/0", "input": "How long should a burn be cooled?",
           "context": "Cool the burn for twenty minutes.",
           "output": "Cool it under running water for at least twenty minutes.", "reasoning": None, "messages": [], "license": "x", "meta": "{}"}
    con.register("f", rows_frame([row]).to_arrow())
    con.execute("CREATE TABLE sources.synthetic_rag AS SELECT * FROM f")
    merged = union_sources(con, ["synthetic_rag"])
    assert merged.height == 1 and merged["flags"].to_list() == [[]]


# ---- pure functions ----

def day(number: int) -> str:
    return (date.fromisoformat(syn.FIRST_DAY) + timedelta(days=number)).isoformat()


def test_plan_partition_walks_the_topics() -> None:
    slots = syn.plan_partition("2026-11-22", ["a", "b", "c"], 4)
    assert [s.number for s in slots] == [0, 1, 2, 3] and len({s.topic for s in slots}) == 3
    assert syn.plan_partition("2026-11-22", ["a", "b", "c"], 4) == slots
    with pytest.raises(ValueError, match="before the first"):
        syn.plan_partition("2026-10-31", ["a"], 1)


def test_sixty_consecutive_days_take_new_slots_until_the_topic_space_is_exhausted() -> None:
    topics, per_day = syn.DEFAULT_TOPICS, 6
    space = len(topics) * syn.SEED_CHUNKS
    assert 60 * per_day <= space
    seen: set[tuple[str, int]] = set()
    for number in range(60):
        slots = {(s.topic, s.chunk_rank) for s in syn.plan_partition(day(number), topics, per_day)}
        assert len(slots) == per_day and not slots & seen, number
        seen |= slots
        assert syn.slots_left(day(number), topics, per_day) == space - len(seen)
    # a small space: exhausted on its 15th day, after which the walk starts again and no slot is left
    small = ["a", "b", "c"]
    walk = [(s.topic, s.chunk_rank) for number in range(16) for s in syn.plan_partition(day(number), small, 4)]
    assert len(set(walk[:60])) == 60 == 3 * syn.SEED_CHUNKS and walk[60:] == walk[:4]
    assert [syn.slots_left(day(number), small, 4) for number in (0, 13, 14, 15)] == [56, 4, 0, 0]


def test_the_first_days_keep_the_slots_the_earlier_plan_gave_them() -> None:
    """The earlier plan cycled through topics x 3 seed chunks every 10 days (its day 10 repeated day 0's rows at no call); its first
    10 days, the ones that made rows, keep their slots (so their rows and cached calls)."""
    topics = syn.DEFAULT_TOPICS
    for number in range(10):
        start = date.fromisoformat(day(number)).toordinal() * 6
        earlier = [(topics[(start + i) % 20], ((start + i) // 20) % 3) for i in range(6)]
        assert [(s.topic, s.chunk_rank) for s in syn.plan_partition(day(number), topics, 6)] == earlier
    assert {(s.topic, s.chunk_rank) for s in syn.plan_partition(day(10), topics, 6)}.isdisjoint(
        (s.topic, s.chunk_rank) for number in range(10) for s in syn.plan_partition(day(number), topics, 6))


def test_call_keys_change_with_prompt_options_and_attempt() -> None:
    call = syn.question_call("burns", "Cool the burn.")
    options = {"temperature": 0.3, "seed": 42}
    assert call.key("m", options) == syn.question_call("burns", "Cool the burn.").key("m", options)
    assert call.key("m", options) != call.key("m", options | {"temperature": 0.4})
    assert call.key("m", options) != Call(call.prompt_version, call.messages, call.schema, attempt=1).key("m", options)
    assert call.key("m", options) != call.key("other-model", options)


@pytest.mark.parametrize(
    "reply,reason",
    [
        ('{"answer": "Cool the burn', "malformed_reply"),
        ('{"text": "x"}', "schema_mismatch"),
        ('{"sufficient_context": false, "answer": "The passages do not say."}', "insufficient_context"),
        ('{"sufficient_context": true, "answer": "I\'m sorry, I cannot help with medical questions."}', "refusal"),
        ('{"sufficient_context": true, "answer": "ahem ahem ahem ahem ahem ahem ahem ahem ahem ahem ahem ahem ahem"}', "repetitive"),
        ('{"sufficient_context": true, "answer": "How long should a burn be cooled?"}', "answer_repeats_question"),
        ('{"sufficient_context": true, "answer": "Too short"}', "answer_length"),
    ],
)
def test_answer_validation(reply: str, reason: str) -> None:
    outcome = syn.validate_answer(reply, "How long should a burn be cooled?", 20, 1500)
    assert isinstance(outcome, Rejection) and outcome.reason == reason


def test_valid_answer_and_question_extraction() -> None:
    ok = '{"sufficient_context": true, "answer": "Cool it under cool running water for at least twenty minutes."}'
    assert syn.validate_answer(ok, "How long should a burn be cooled?", 20, 1500).startswith("Cool it")
    assert syn.validate_question('{"question": "[1] How do you treat a minor burn at home? [2]"}') == "How do you treat a minor burn at home?"
    assert isinstance(syn.validate_question('{"question": "burns, scalds"}'), Rejection)


def test_grounding_is_the_best_cosine_to_a_retrieved_chunk() -> None:
    answers = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    contexts = [np.array([[0.6, 0.8], [1.0, 0.0]], dtype=np.float32), np.zeros((0, 2), dtype=np.float32)]
    assert syn.grounding_scores(answers, contexts) == [1.0, 0.0]


def test_a_down_host_in_the_list_is_skipped_by_the_retries(llm_host: str, tmp_path: Path) -> None:
    from medpipe.synthetic.llm import run_calls

    pool = OllamaLLM(hosts=f"http://127.0.0.1:9,{llm_host}", model=MODEL_NAME, temperature=0.2, seed=3, num_predict=60, retries=2, backoff=0.05)
    calls = [syn.question_call(topic, "Cool a burn under running water for twenty minutes.") for topic in ("burns", "scalds")]
    with duckdb.connect(str(tmp_path / "pool.duckdb")) as con:
        replies, stats = run_calls(con, pool, calls)
    assert stats.called == 2 and all(json.loads(r)["question"] for r in replies.values())
