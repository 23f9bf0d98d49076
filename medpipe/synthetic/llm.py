"""LLM calls through the official `ollama` client: one call = (model, prompt version, full prompt, options),
cached in DuckDB the moment it returns, run concurrently over one or more hosts, retried with backoff."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from medpipe.settings import DEFAULT_LLM_MODEL, DEFAULT_OLLAMA_HOST, Settings
from medpipe.warehouse.store import statement, table_exists


def import_ollama() -> Any:
    """The `ollama` package, imported with OLLAMA_HOST reduced to its first host: at import it builds a default client from OLLAMA_HOST,
    which fails on medpipe's comma-separated list of hosts (medpipe builds its own clients, one per host)."""
    import os
    import sys

    if "ollama" in sys.modules:
        return sys.modules["ollama"]
    hosts = os.environ.get("OLLAMA_HOST", "")
    if "," not in hosts:
        import ollama

        return ollama
    os.environ["OLLAMA_HOST"] = hosts.split(",")[0].strip()
    try:
        import ollama
    finally:
        os.environ["OLLAMA_HOST"] = hosts
    return ollama


TIMEOUT_GROWTH = 2.0  # attempt k of a call waits timeout * TIMEOUT_GROWTH**k: a slow host gets longer, a dead one is not waited on long first
WAIT_REPORT_SECONDS = 30.0  # a wait for replies longer than this is logged, naming what it waits for, and again every as long


class LLMUnavailable(RuntimeError):
    """No host answered; the message names them and says what to do."""


@dataclass(frozen=True)
class Call:
    prompt_version: str
    messages: tuple[tuple[str, str], ...]
    schema: str  # JSON schema of the reply, as canonical JSON
    attempt: int = 0  # a retry of a malformed reply: same prompt, next seed
    option_overrides: tuple[tuple[str, Any], ...] = ()  # options this call sets over the resource's (e.g. no repeat penalty)

    def options(self, base: dict[str, Any]) -> dict[str, Any]:
        return {**base, **dict(self.option_overrides), "seed": int(base.get("seed", 0)) + self.attempt}

    def key(self, model: str, options: dict[str, Any]) -> str:
        material = json.dumps([model, self.prompt_version, self.messages, self.schema, self.options(options)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Reply:
    content: str
    host: str
    prompt_tokens: int
    generated_tokens: int
    generation_ns: int


@dataclass
class CallStats:
    called: int = 0
    cached: int = 0
    failed: int = 0  # replies whose content failed the call's schema: returned for the verifier to reject, never cached
    generated_tokens: int = 0
    generation_ns: int = 0
    wall_seconds: float = 0.0


class OllamaLLM(dg.ConfigurableResource):
    """An Ollama endpoint (or several, comma-separated in `hosts`, to spread the load) through the official client:
    round-robin over hosts, `concurrency` requests in flight at most, retries with backoff."""

    hosts: str = DEFAULT_OLLAMA_HOST
    model: str = DEFAULT_LLM_MODEL
    temperature: float = 0.3
    seed: int = 42
    num_ctx: int = 2048
    num_predict: int = 220
    repeat_penalty: float = 1.3
    timeout: float = 120.0  # the first attempt's; attempt k waits timeout * TIMEOUT_GROWTH**k
    retries: int = 2
    backoff: float = 0.5
    concurrency: int = 2
    host_cooldown: float = 30.0  # seconds a host that failed to answer stays out of the rotation (all down: try them all again)
    _clients: dict[str, Any] = PrivateAttr(default_factory=dict)
    _identity: str | None = PrivateAttr(default=None)
    _cycle: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _down_until: dict[str, float] = PrivateAttr(default_factory=dict)
    _in_flight: dict[int, tuple[str, int, float, float]] = PrivateAttr(default_factory=dict)  # thread -> host, attempt, timeout, start

    @property
    def host_list(self) -> list[str]:
        return [h.strip() for h in self.hosts.split(",") if h.strip()]

    @property
    def options(self) -> dict[str, Any]:
        return {"temperature": self.temperature, "seed": self.seed, "num_ctx": self.num_ctx, "num_predict": self.num_predict,
                "repeat_penalty": self.repeat_penalty}

    def attempt_timeout(self, attempt: int) -> float:
        return self.timeout * TIMEOUT_GROWTH**attempt

    def _client(self, host: str, timeout: float | None = None) -> Any:
        ollama = import_ollama()
        timeout = self.timeout if timeout is None else timeout
        with self._lock:
            if (host, timeout) not in self._clients:
                self._clients[(host, timeout)] = ollama.Client(host=host, timeout=timeout)
            return self._clients[(host, timeout)]

    def waiting_for(self) -> list[str]:
        """The requests in flight: host, attempt, seconds waited and the attempt's timeout."""
        now = time.monotonic()
        with self._lock:
            flights = list(self._in_flight.values())
        return [f"{host} (attempt {attempt + 1} of {self.retries + 1}, {now - start:.0f} s of its {timeout:.0f} s timeout)"
                for host, attempt, timeout, start in sorted(flights)]

    def _next_host(self) -> str:
        """The next host in turn that is not resting after a failure; when every host is, the next one anyway."""
        with self._lock:
            if self._cycle is None:
                self._cycle = itertools.cycle(self.host_list)
            now = time.monotonic()
            for _ in range(len(self.host_list)):
                host = next(self._cycle)
                if self._down_until.get(host, 0.0) <= now:
                    return host
            return next(self._cycle)

    def mark_down(self, host: str) -> None:
        """Take a host that did not answer out of the rotation for `host_cooldown` seconds; its requests go to the others."""
        with self._lock:
            self._down_until[host] = time.monotonic() + self.host_cooldown

    def hosts_down(self) -> list[str]:
        now = time.monotonic()
        return sorted(h for h, until in self._down_until.items() if until > now)

    def identity(self) -> str:
        """The model name and the digest its host reports, so that the call cache asks a replaced model again."""
        if self._identity is None:
            digests = set()
            for host in self.host_list:
                try:
                    listed = self._client(host).list().models
                except Exception:  # a host that is down here is reported by the calls themselves
                    continue
                digests |= {m.digest or "" for m in listed if m.model in (self.model, f"{self.model}:latest")}
            self._identity = f"{self.model}@{','.join(sorted(digests)) or 'unknown-digest'}"
        return self._identity

    def chat(self, call: Call) -> Reply:
        """One call, retried across hosts with exponential backoff on connection errors, server errors and malformed bodies."""
        import httpx
        ollama = import_ollama()
        import pydantic

        errors = []
        for attempt in range(self.retries + 1):
            host, timeout = self._next_host(), self.attempt_timeout(attempt)
            with self._lock:
                self._in_flight[threading.get_ident()] = (host, attempt, timeout, time.monotonic())
            try:
                response = self._client(host, timeout).chat(
                    model=self.model, messages=[{"role": r, "content": c} for r, c in call.messages], format=json.loads(call.schema),
                    options=call.options(self.options), stream=False,
                )
                return Reply(safe_text(response.message.content or ""), host, response.prompt_eval_count or 0, response.eval_count or 0,
                             response.eval_duration or 0)
            except ollama.ResponseError as exc:
                if exc.status_code and exc.status_code < 500:
                    raise LLMUnavailable(
                        f"{host} refused the request ({exc.status_code}: {exc.error}); is model '{self.model}' pulled there?") from exc
                errors.append(f"{host}: {exc}")
            except (httpx.HTTPError, ConnectionError, OSError) as exc:
                if len(self.host_list) > 1:
                    self.mark_down(host)  # a dead host: its requests go to the others until it has rested
                errors.append(f"{host}: {type(exc).__name__}: {exc}")
            except (ValueError, pydantic.ValidationError) as exc:  # an HTTP 200 whose body is not a chat response: never cached
                errors.append(f"{host}: malformed response body ({type(exc).__name__}: {str(exc)[:200]})")
            finally:
                with self._lock:
                    self._in_flight.pop(threading.get_ident(), None)
            if attempt < self.retries:
                time.sleep(self.backoff * 2**attempt)
        raise LLMUnavailable(
            f"no LLM host answered after {self.retries + 1} attempts ({'; '.join(errors[-len(self.host_list):])}). "
            "Start Ollama (or `python -m medpipe.synthetic.server`) and set OLLAMA_HOST to it."
        )


def reply_problem(content: str, schema: str) -> str | None:
    """Why a reply's content cannot be kept as an answer to its call, or None: it must parse as JSON, match the call's JSON schema
    and hold no character that was lost on the way (U+FFFD: a lone surrogate the model emitted, or bytes that were not UTF-8)."""
    import jsonschema

    if "\ufffd" in content:
        return "the reply holds U+FFFD (a character lost in generation)"
    try:
        value = json.loads(content)
    except ValueError as exc:
        return f"the reply is not JSON ({exc})"
    try:
        jsonschema.validate(value, json.loads(schema))
    except jsonschema.ValidationError as exc:
        return f"the reply does not match its schema ({exc.message[:200]})"
    except jsonschema.SchemaError:
        return None  # a schema jsonschema cannot read is the server's grammar's business; the verifier still checks the reply
    return None


def safe_text(text: str) -> str:
    """A reply as storable text: lone surrogates (which UTF-8 cannot encode) become U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text) if any("\ud800" <= c <= "\udfff" for c in text) else text


def cached_replies(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, str]:
    """The cached reply of each key the llm_cache table holds; reads only, so a read-only connection will do."""
    if not keys or not table_exists(con, "main", "llm_cache"):
        return {}
    return dict(con.execute("SELECT key, response FROM llm_cache WHERE key IN (SELECT unnest($keys::VARCHAR[]))", {"keys": keys}).fetchall())


class CallCache(Protocol):
    """Where finished calls are kept: `get` the replies known for some keys, `put` one call the moment it returns."""

    def get(self, keys: list[str]) -> dict[str, str]: ...

    def put(self, entry: dict[str, Any]) -> None: ...


@dataclass
class DuckDBCallCache:
    """The llm_cache table of the DuckDB file (the one-machine default; the run holds the writer lock)."""

    con: duckdb.DuckDBPyConnection

    def __post_init__(self) -> None:
        self.con.execute(statement("llm_cache_create"))

    def get(self, keys: list[str]) -> dict[str, str]:
        return cached_replies(self.con, keys)

    def put(self, entry: dict[str, Any]) -> None:
        self.con.execute(statement("llm_cache_insert"), entry)


class PartitionCallCache:
    """One partition's calls in the partition store, readable by every worker: the calls of earlier attempts of the partition
    (committed or left pending by a killed worker) are read back at the start; each new call is written as it returns. The DuckDB
    file's llm_cache is read too (read-only) when given, so that a warehouse built on one machine keeps its cache."""

    def __init__(self, store: Any, dataset: str, partition: str, con: duckdb.DuckDBPyConnection | None = None) -> None:
        self.store, self.dataset, self.partition = store, dataset, partition
        table = store.cache_entries(dataset, partition)
        self.entries: dict[str, dict[str, Any]] = {row["key"]: row for row in table.to_pylist()}
        self.con = con

    def get(self, keys: list[str]) -> dict[str, str]:
        found = {k: self.entries[k]["response"] for k in keys if k in self.entries}
        missing = [k for k in keys if k not in found]
        if missing and self.con is not None:
            try:
                found |= cached_replies(self.con, missing)
            except duckdb.Error:
                pass
        return found

    def put(self, entry: dict[str, Any]) -> None:
        self.store.add_pending(self.dataset, self.partition, entry)
        self.entries[entry["key"]] = entry

    def table(self) -> Any:
        """Every call of the partition (those read back and those made now), for its commit."""
        import pyarrow as pa

        from medpipe.warehouse.partitions import CACHE_SCHEMA

        return pa.Table.from_pylist(list(self.entries.values()), schema=CACHE_SCHEMA)


def run_calls(
    con: duckdb.DuckDBPyConnection,
    llm: OllamaLLM,
    calls: Iterable[Call],
    progress: Callable[[int, int, float], None] | None = None,
    cache: CallCache | None = None,
) -> tuple[dict[str, str], CallStats]:
    """Replies for every call, by key: cached ones are not called again; each new reply is stored as soon as
    it returns, so a run killed part-way keeps every finished call. The cache is the DuckDB file's llm_cache unless one is given."""
    cache = cache if cache is not None else DuckDBCallCache(con)
    by_key = {call.key(llm.identity(), llm.options): call for call in calls}
    # a cached reply that fails its schema (cached before replies were checked) is asked again, and the new reply replaces it
    replies = {key: reply for key, reply in cache.get(list(by_key)).items() if reply_problem(reply, by_key[key].schema) is None}
    stats = CallStats(cached=len(replies))
    missing = [key for key in by_key if key not in replies]
    started = time.perf_counter()
    say = getattr(progress, "say", None) or logging.getLogger(__name__).warning
    with ThreadPoolExecutor(max_workers=max(1, llm.concurrency)) as executor:
        pending: dict[Future[Reply], str] = {}
        queue = iter(missing)
        for key in itertools.islice(queue, llm.concurrency):
            pending[executor.submit(llm.chat, by_key[key])] = key
        try:
            waited = time.monotonic()
            while pending:
                done, _ = wait(pending, timeout=WAIT_REPORT_SECONDS, return_when=FIRST_COMPLETED)
                if not done:
                    say(f"WAITING {time.monotonic() - waited:.0f} s for {len(pending)} LLM repl{'y' if len(pending) == 1 else 'ies'} "
                        f"({stats.called + stats.failed} of {len(missing)} done): " + ("; ".join(llm.waiting_for()) or "between attempts (backoff)"))
                    continue
                waited = time.monotonic()
                for future in done:
                    key = pending.pop(future)
                    reply = future.result()  # LLMUnavailable propagates: finished calls are already stored
                    call = by_key[key]
                    problem = reply_problem(reply.content, call.schema)
                    if problem is not None:  # a failed call: the verifier rejects it (and its task retries on the next seed), a rerun asks again
                        stats.failed += 1
                        say(f"LLM reply from {reply.host} not kept ({problem}): {reply.content[:120]!r}")
                        replies[key] = reply.content
                        next_key = next(queue, None)
                        if next_key is not None:
                            pending[executor.submit(llm.chat, by_key[next_key])] = next_key
                        continue
                    cache.put({
                        "key": key, "model": llm.identity(), "prompt_version": call.prompt_version,
                        "prompt": json.dumps({"messages": call.messages, "format": json.loads(call.schema)}, ensure_ascii=False),
                        "options": json.dumps(call.options(llm.options), sort_keys=True), "response": reply.content, "host": reply.host,
                        "prompt_tokens": reply.prompt_tokens, "generated_tokens": reply.generated_tokens, "generation_ns": reply.generation_ns,
                    })
                    replies[key] = reply.content
                    stats.called += 1
                    stats.generated_tokens += reply.generated_tokens
                    stats.generation_ns += reply.generation_ns
                    if progress:
                        progress(stats.called + stats.failed, len(missing), time.perf_counter() - started)
                    next_key = next(queue, None)
                    if next_key is not None:
                        pending[executor.submit(llm.chat, by_key[next_key])] = next_key
        finally:
            for future in pending:
                future.cancel()
    stats.wall_seconds = time.perf_counter() - started
    return replies, stats


def resources(settings: Settings) -> dict[str, Any]:
    return {"llm": OllamaLLM(hosts=settings.ollama_hosts, model=settings.llm_model)}
