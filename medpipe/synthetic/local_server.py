"""Starting the bundled Ollama-compatible server when no Ollama answers, and stopping it afterwards."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Mapping

from medpipe.warehouse.machine import die_with_parent


def answers(host: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{host.rstrip('/')}/api/version", timeout=timeout) as response:
            return "version" in json.loads(response.read())
    except (OSError, ValueError):
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process_group(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM to the process and its children (started with start_new_session), SIGKILL if they linger."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def background_server(command: list[str], ready: Callable[[], bool], what: str, env: Mapping[str, str] | None = None,
                      log: Path | None = None, startup_timeout: float = 120.0) -> Iterator[None]:
    """Run `command` in a session of its own for the block's length, once `ready()`; then stop its whole process group.
    The server stops with this process even when it is killed (Linux)."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, env=None if env is None else dict(env), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True, preexec_fn=partial(die_with_parent, os.getpid(), signal.SIGTERM))
    try:
        deadline = time.monotonic() + startup_timeout
        while not ready():
            if process.poll() is not None:
                raise RuntimeError(f"{what} exited with code {process.returncode}" + (f"; see {log}" if log else ""))
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what} did not answer within {startup_timeout:.0f} s" + (f"; see {log}" if log else ""))
            time.sleep(0.3)
        yield
    finally:
        stop_process_group(process)
        if log:
            out.close()  # type: ignore[union-attr]


@contextlib.contextmanager
def local_server(port: int | None = None, log: Path | None = None, startup_timeout: float = 120.0, parallel: int | None = None,
                 threads: int | None = None, reproducible: bool = False) -> Iterator[str]:
    """Run `python -m medpipe.synthetic.server` on a free loopback port for the duration of the block; yields its URL."""
    port = port or free_port()
    host = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "medpipe.synthetic.server", "--port", str(port), *(["--parallel", str(parallel)] if parallel else []),
               *(["--threads", str(threads)] if threads else []), *(["--reproducible"] if reproducible else [])]
    with background_server(command, lambda: answers(host, 1.0), f"the local LLM server on {host}", log=log, startup_timeout=startup_timeout):
        yield host


@contextlib.contextmanager
def ensure_llm(hosts: str, log: Path | None = None) -> Iterator[str]:
    """The configured hosts if one of them answers; otherwise the bundled server, started now and stopped after."""
    configured = [h if h.startswith("http") else f"http://{h}" for h in (h.strip() for h in hosts.split(",")) if h]
    if any(answers(host) for host in configured):
        yield ",".join(configured)
        return
    with local_server(log=log) as host:
        yield host
