"""An LLM host that misbehaves: broken bodies are retried and named, never cached; unsafe characters are cleaned;
a replaced model (another digest) is asked again."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import duckdb
import pytest

from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import LLMUnavailable, OllamaLLM, run_calls

MODEL = "tiny:latest"


def chat_body(content: str) -> bytes:
    return json.dumps({"model": MODEL, "created_at": "2026-11-29T00:00:00Z", "message": {"role": "assistant", "content": content},
                       "done": True, "eval_count": 3, "prompt_eval_count": 5, "eval_duration": 1000}).encode()


class FakeOllama:
    """A loopback host whose /api/chat answers with whatever body the test sets, and whose /api/tags reports a digest."""

    def __init__(self) -> None:
        self.body, self.digest, self.calls, self.delay = b"", "sha256:aaa", 0, 0.0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._send(json.dumps({"models": [{"name": MODEL, "model": MODEL, "digest": owner.digest}]}).encode())

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.calls += 1
                time.sleep(owner.delay)
                with contextlib.suppress(OSError):  # the client gave up waiting
                    self._send(owner.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def host() -> Iterator[FakeOllama]:
    fake = FakeOllama()
    yield fake
    fake.server.shutdown()


def llm(fake: FakeOllama) -> OllamaLLM:
    return OllamaLLM(hosts=fake.url, model=MODEL, retries=1, backoff=0.01, timeout=5)


CALL = syn.question_call("burns", "Cool a burn under running water for twenty minutes.")


@pytest.mark.parametrize("body", [b'{"model": "tiny", "message": {"role": "assis', b"{}", b"not json at all"])
def test_a_broken_body_is_retried_then_named_with_its_host_and_never_cached(body: bytes, host: FakeOllama, tmp_path: Path) -> None:
    host.body = body
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        with pytest.raises(LLMUnavailable, match="malformed response body") as failure:
            run_calls(con, llm(host), [CALL])
        assert host.url in str(failure.value) and host.calls == 2  # the first attempt and one retry
        assert con.execute("SELECT count(*) FROM llm_cache").fetchone() == (0,)


def test_a_lone_surrogate_is_a_failed_call_never_cached(host: FakeOllama, tmp_path: Path) -> None:
    host.body = (b'{"model": "tiny:latest", "created_at": "2026-11-29T00:00:00Z", "message": {"role": "assistant", '
                 b'"content": "{\\"question\\": \\"Burn \\udacf?\\"}"}, "done": true}')
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        replies, stats = run_calls(con, llm(host), [CALL])
        assert stats.failed == 1 and "\ufffd" in next(iter(replies.values()))  # handed to the verifier as it came, to be rejected
        assert con.execute("SELECT count(*) FROM llm_cache").fetchone() == (0,)
        host.body = chat_body('{"question": "How long should a burn be cooled?"}')
        again, stats = run_calls(con, llm(host), [CALL])  # asked again, and this reply is kept
        assert stats.called == 1 and "How long" in next(iter(again.values()))


def test_a_truncated_reply_is_not_cached_and_a_rerun_against_a_healthy_host_asks_again(host: FakeOllama, tmp_path: Path) -> None:
    host.body = chat_body('{"question": "How long should a bu')
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        replies, stats = run_calls(con, llm(host), [CALL])
        assert (stats.called, stats.failed) == (0, 1) and con.execute("SELECT count(*) FROM llm_cache").fetchone() == (0,)
        host.body = chat_body('{"question": "How long should a burn be cooled?"}')
        assert run_calls(con, llm(host), [CALL])[1].called == 1
        assert run_calls(con, llm(host), [CALL])[1].called == 0


def test_an_off_schema_reply_cached_by_an_earlier_version_is_asked_again_and_replaced(host: FakeOllama, tmp_path: Path) -> None:
    host.body = chat_body('{"question": "How long should a burn be cooled?"}')
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        run_calls(con, llm(host), [CALL])
        con.execute("""UPDATE llm_cache SET response = '{"question": "How long sho'""")  # what the cache held before replies were checked
        replies, stats = run_calls(con, llm(host), [CALL])
        assert stats.called == 1 and con.execute("SELECT response FROM llm_cache").fetchone() == (
            '{"question": "How long should a burn be cooled?"}',)


def test_a_slow_host_gets_a_longer_timeout_on_each_attempt_and_the_wait_is_logged(host: FakeOllama, tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from medpipe.synthetic import llm as llm_module
    from medpipe.warehouse.report import progress_logger

    monkeypatch.setattr(llm_module, "WAIT_REPORT_SECONDS", 0.3)
    host.body, host.delay = chat_body('{"question": "How long should a burn be cooled?"}'), 1.0
    lines: list[str] = []
    slow = OllamaLLM(hosts=host.url, model=MODEL, retries=1, backoff=0.01, timeout=0.7)  # 0.7 s then 1.4 s: the second attempt waits long enough
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        replies, stats = run_calls(con, slow, [CALL], progress_logger(lines.append, "test"))
    assert stats.called == 1 and host.calls == 2
    waits = [line for line in lines if "WAITING" in line]
    assert waits and host.url in waits[0] and "attempt 1 of 2" in waits[0] and "timeout" in waits[0], lines


def test_a_run_that_keeps_nothing_of_many_slots_says_so_in_its_metadata() -> None:
    from medpipe.synthetic.tasks import TaskResult
    from medpipe.warehouse.rows import Rejection, quarantine_row

    result = TaskResult(quarantined=[quarantine_row("synthetic", "x", f"s/{i}", Rejection("malformed_reply", "{"), {}) for i in range(6)])
    warning = result.metadata(OllamaLLM(model=MODEL))["warning"]
    assert warning.startswith("NOTHING KEPT of 6 slots") and "malformed_reply" in warning


def test_a_replaced_model_is_asked_again(host: FakeOllama, tmp_path: Path) -> None:
    host.body = chat_body('{"question": "How long should a burn be cooled?"}')
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        assert run_calls(con, llm(host), [CALL])[1].called == 1
        assert run_calls(con, llm(host), [CALL])[1].called == 0
        host.digest = "sha256:bbb"  # the same name, another model behind it
        assert run_calls(con, llm(host), [CALL])[1].called == 1
