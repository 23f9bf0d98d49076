"""One writer per DuckDB file, held by the OS: an exclusive flock on `<file>.lock` for the whole run.

The kernel releases a flock when its process dies (SIGKILL, OOM, a closed laptop), so a crashed build can
never leave a claim behind, unlike a concurrency-pool slot in Dagster's run storage. The lock is re-entrant
within a process, so `medpipe build` can hold it across its jobs while each run takes it again.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

_held: dict[Path, tuple[int, int]] = {}  # lock path -> (fd, depth) in this process
_guard = threading.Lock()


def _forget_in_child() -> None:
    """A forked child (a worker sharing a step's work) gets copies of the lock's descriptors, and a flock stays held while any copy
    is open: the child closes its copies (never LOCK_UN, which would release the parent's lock), so the lock is the parent's
    alone and is freed when the parent dies, whatever its children do."""
    global _guard
    for fd, _ in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()
    _guard = threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)


class WarehouseBusy(RuntimeError):
    """Another live build holds the DuckDB file."""


@dataclass(frozen=True)
class Holder:
    pid: int
    run: str
    since: float

    def describe(self) -> str:
        return f"run {self.run} (pid {self.pid}, since {time.strftime('%H:%M:%S', time.localtime(self.since))})"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return Holder(int(data["pid"]), str(data["run"]), float(data["since"]))
    except (OSError, ValueError, KeyError):
        return None


@contextmanager
def writer_lock(database: Path, run: str, timeout: float, say: Callable[[str], None] = print, poll: float = 0.5) -> Iterator[None]:
    """Hold the file's writer lock; wait for a live holder up to `timeout` seconds (saying so once), then give up."""
    path = lock_path(database)
    acquire(path, run, timeout, say, poll)
    try:
        yield
    finally:
        release(path)


def acquire(path: Path, run: str, timeout: float, say: Callable[[str], None] = print, poll: float = 0.5) -> None:
    with _guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PermissionError(
            f"cannot write beside the DuckDB file: {path} ({exc.strerror}). Set MEDPIPE_DUCKDB to a file in a writable folder.") from exc
    started, announced = time.monotonic(), False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = read_holder(path)
            waited = time.monotonic() - started
            if waited >= timeout:
                os.close(fd)
                raise WarehouseBusy(f"{path.with_suffix('')} is being written by {holder.describe() if holder else 'another build'}; "
                                    f"gave up after {waited:.0f} s (MEDPIPE_LOCK_TIMEOUT). Wait for it to finish or stop it.") from None
            if not announced:
                say(f"WAITING for the DuckDB writer lock: {holder.describe() if holder else 'another build'} holds it; "
                    f"giving up after {timeout:.0f} s (MEDPIPE_LOCK_TIMEOUT)")
                announced = True
            time.sleep(poll)
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps({"pid": os.getpid(), "run": run, "since": time.time()}).encode(), 0)
    with _guard:
        _held[path] = (fd, 1)


def release(path: Path) -> None:
    with _guard:
        fd, depth = _held[path]
        if depth > 1:
            _held[path] = (fd, depth - 1)
            return
        del _held[path]
    os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
