"""What a build process may use of the machine: its cores (threads, or forked workers for pure-Python work), and memory that
goes back to the system once freed.

glibc's malloc serves a request above its mmap threshold (128 KiB) with its own mapping, unmapped on free, but raises the
threshold to the size of each such block freed (up to 32 MiB): after the first steps of a build, the column buffers and
vectors of later steps come from the heap and stay in the process after they are freed, so the resident size only grows
(at 100k rows: 1.97 GB at the semantic step, 1.71 GB with the threshold fixed). Fixing the threshold keeps the first behaviour,
and `heap_retained` lifts it for the span of one computation (a curation step), which then returns its heap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterator, TypeVar

_M_TRIM_THRESHOLD = -1  # mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's defaults
TRIM_THRESHOLD_BYTES = 128 * 1024
RETAINED_MMAP_THRESHOLD_BYTES = 256 * 1024 * 1024
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)
FORK_FROM = 2000  # items from which forked workers share pure-Python work (a fork costs ~0.1 s)
Item = TypeVar("Item")
Result = TypeVar("Result")


def keep_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at its default (no-op, False, where the C library is not glibc)."""
    glibc = _glibc()
    return bool(glibc and glibc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


@contextmanager
def heap_retained() -> Iterator[None]:
    """Inside: glibc serves blocks up to 256 MB from its heap and keeps what is freed for the next request. On leaving, the
    fixed threshold is back and the freed heap is returned to the system (malloc_trim). A curation step runs inside.

    With the threshold fixed, every block above 128 KiB is a new mapping whose pages the kernel faults in and zeroes on
    first touch. The semantic search allocates and frees thousands of Gram blocks of up to 16 MB: at 100k rows, 1.8M page
    faults, 8.5 s of system time and 14.4 s instead of 8.9 s. The cost is memory held until the step ends: the 100k-row build's
    peak went from 1,050 to 1,324 MB (its whole time from 64 to 54 s)."""
    global _heap_users
    glibc = _glibc()
    if glibc is None:
        yield
        return
    with _heap_lock:
        _heap_users += 1
        if _heap_users == 1:
            glibc.mallopt(_M_MMAP_THRESHOLD, RETAINED_MMAP_THRESHOLD_BYTES)
            glibc.mallopt(_M_TRIM_THRESHOLD, 2 * RETAINED_MMAP_THRESHOLD_BYTES)
    try:
        yield
    finally:
        with _heap_lock:
            _heap_users -= 1
            if _heap_users == 0:
                glibc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                glibc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
                glibc.malloc_trim(0)


_heap_lock = threading.Lock()
_heap_users = 0  # threads inside heap_retained


def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (it has mallopt and malloc_trim), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        library = _libc()
        return library if hasattr(library, "mallopt") and hasattr(library, "malloc_trim") else None
    except OSError:
        return None


def worker_count(cap: int = 8) -> int:
    """The cores this process may run on (its CPU affinity), at most `cap`: how many threads or processes share a step's work."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, cap))


def die_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """In a child process: get `signum` when the process that started it dies, even by SIGKILL (Linux), and exit now if it
    already has, so that no worker or server outlives a killed build (it would sit on the build's open files forever)."""
    if sys.platform.startswith("linux"):
        try:
            _libc().prctl(_PR_SET_PDEATHSIG, signum)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(128 + signum)


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL:
    """The C library, looked up once per process (find_library runs ldconfig); a forked worker inherits it."""
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def map_in_forks(function: Callable[[list[Item]], list[Result]], items: list[Item]) -> list[Result]:
    """`function(items)`, the items split between this process and forked workers when there are FORK_FROM or more and two or
    more cores: pure-Python work (regexes, a CRF, a language model in numpy) is held to one core by the GIL. `function` must be
    picklable (a module-level function, or a partial of one) and touch no polars or DuckDB (a fork loses their threads). The
    workers do not hold the warehouse's writer lock (lock.py closes it at fork) and die with the process that forked them; when
    one dies (killed, out of memory), this process does all the work."""
    workers = worker_count()
    if (workers < 2 or len(items) < FORK_FROM or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):  # a daemonic process (a pool's worker) may not have children
        return function(items)
    share = -(-len(items) // workers)
    parts = [items[start : start + share] for start in range(0, len(items), share)]
    try:
        with ProcessPoolExecutor(len(parts) - 1, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            others = [pool.submit(function, part) for part in parts[1:]]
            done = function(parts[0])
            for other in others:
                done += other.result()
        return done
    except BrokenProcessPool:
        return function(items)
