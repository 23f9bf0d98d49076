"""A simulated remote GPU host: an Ollama-compatible /api/chat that answers a valid structured reply for the generation tasks after a
fixed delay per generated token, with no model and almost no CPU. For the distributed benchmark and the fault tests: it stands for
a real Ollama on another machine, whose speed is set by `--ms-per-token` and whose request slots by `--parallel`.

Run: python -m medpipe.synthetic.sim_server --port 11500 --ms-per-token 20 --parallel 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from medpipe.settings import DEFAULT_LLM_MODEL as MODEL_NAME
from medpipe.synthetic.server import JsonHandler

DIGEST = "sha256:" + hashlib.sha256(b"medpipe-simulated-host").hexdigest()
FILLER = ("The findings described in the question fit this choice because the history, the examination and the usual course of the "
          "condition all point the same way, while the other choices would explain only part of the picture or would cause harm.")


def reply_for(request: dict[str, Any], tokens: int) -> dict[str, Any]:
    """A reply that satisfies the request's JSON schema and, for the MCQ and symptom tasks, concludes on the gold answer it was shown."""
    schema = request.get("format") if isinstance(request.get("format"), dict) else {}
    prompt = " ".join(str(m.get("content", "")) for m in request.get("messages", []) if m.get("role") == "user")
    gold = re.findall(r"(?:Correct answer|Diagnosis): *([^\n]+)", prompt)
    gold_text = gold[-1].strip() if gold else ""
    words = FILLER.split()
    extra = [f"finding{i}" for i in range(max(0, tokens - len(words)))]  # no repeated phrase: the verifiers reject repetitive text
    text = " ".join(words[:max(12, tokens)] + extra)
    out: dict[str, Any] = {}
    for name, spec in (schema.get("properties") or {}).items():
        if "enum" in spec:
            matching = [v for v in spec["enum"] if gold_text and gold_text.lower() in str(v).lower()]
            out[name] = matching[0] if matching else spec["enum"][0]
        elif spec.get("type") == "array":
            out[name] = [f"{text[:120]}.", f"Step two: {text[:100]}.", f"Step three: {text[:80]}."]
        elif spec.get("type") == "boolean":
            out[name] = True
        elif name == "question":
            out[name] = f"What should be known about {text[:60]}?"
        else:
            out[name] = f"{text}."
    return out


def make_handler(ms_per_token: float, slots: threading.Semaphore, stats: dict[str, Any]) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):
        def do_GET(self) -> None:
            if self.path == "/api/version":
                self._send(200, {"version": "0.6.0-medpipe-sim"})
            elif self.path == "/api/tags":
                self._send(200, {"models": [{"name": MODEL_NAME, "model": MODEL_NAME, "digest": DIGEST}]})
            elif self.path == "/medpipe/stats":
                self._send(200, dict(stats))
            else:
                self._send(404, {"error": f"no route {self.path}"})

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            if self.path != "/api/chat":
                self._send(404, {"error": f"no route {self.path}"})
                return
            tokens = int((request.get("options") or {}).get("num_predict", 128)) // 2
            arrived = time.time()
            with slots:  # a GPU host decodes `parallel` requests at once; the others wait
                started = time.perf_counter_ns()
                time.sleep(tokens * ms_per_token / 1000)
                elapsed = time.perf_counter_ns() - started
            stats["chat_requests"] += 1
            stats["generated_tokens"] += tokens
            stats["first_request_at"] = min(stats.get("first_request_at") or arrived, arrived)
            stats["last_reply_at"] = time.time()
            self._send(200, {"model": request.get("model", MODEL_NAME),
                             "message": {"role": "assistant", "content": json.dumps(reply_for(request, tokens))},
                             "done": True, "done_reason": "stop", "prompt_eval_count": 100, "eval_count": tokens, "eval_duration": elapsed,
                             "total_duration": elapsed})

    return Handler


def serve(host: str, port: int, ms_per_token: float, parallel: int) -> ThreadingHTTPServer:
    stats: dict[str, Any] = {"chat_requests": 0, "generated_tokens": 0, "first_request_at": None, "last_reply_at": None}
    return ThreadingHTTPServer((host, port), make_handler(ms_per_token, threading.Semaphore(parallel), stats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11500)
    parser.add_argument("--ms-per-token", type=float, default=20.0)
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args()
    server = serve(args.host, args.port, args.ms_per_token, args.parallel)
    print(f"simulated LLM host on http://{args.host}:{server.server_address[1]} ({args.ms_per_token} ms/token, {args.parallel} slots)", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
