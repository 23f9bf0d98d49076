"""An LLM host that misbehaves: broken bodies are retried and named, never cached; unsafe characters are cleaned;
a replaced model (another digest) is asked again."""

from __future__ import annotations

import json
import threading
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
        self.body, self.digest, self.calls = b"", "sha256:aaa", 0
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


def test_a_lone_surrogate_is_cleaned_before_the_cache(host: FakeOllama, tmp_path: Path) -> None:
    host.body = b'{"model": "tiny:latest", "created_at": "2026-11-29T00:00:00Z", "message": {"role": "assistant", "content": "{\\"question\\": \\"Burn \\udacf?\\"}"}, "done": true}'
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        replies, stats = run_calls(con, llm(host), [CALL])
        assert stats.called == 1 and "\ufffd" in next(iter(replies.values()))
        again, stats = run_calls(con, llm(host), [CALL])  # read back from the cache without an encoding error
        assert stats.called == 0 and again == replies


def test_a_replaced_model_is_asked_again(host: FakeOllama, tmp_path: Path) -> None:
    host.body = chat_body('{"question": "How long should a burn be cooled?"}')
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        assert run_calls(con, llm(host), [CALL])[1].called == 1
        assert run_calls(con, llm(host), [CALL])[1].called == 0
        host.digest = "sha256:bbb"  # the same name, another model behind it
        assert run_calls(con, llm(host), [CALL])[1].called == 1
