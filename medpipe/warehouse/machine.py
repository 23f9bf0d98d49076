"""What a build process may use of the machine: its cores, and memory that goes back to the system once freed.

glibc's malloc serves a request above its mmap threshold (128 KiB) with its own mapping, unmapped on free, but raises the
threshold to the size of each such block freed (up to 32 MiB): after the first steps of a build, the column buffers and
vectors of later steps come from the heap and stay in the process after they are freed, so the resident size only grows
(at 100k rows: 1.97 GB at the semantic step, 1.71 GB with the threshold fixed). Fixing the threshold keeps the first behaviour.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from functools import lru_cache

_M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)
MMAP_THRESHOLD_BYTES = 128 * 1024
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def keep_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at its default (no-op, False, where the C library is not glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(_libc().mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    except (OSError, AttributeError):
        return False


def worker_count(cap: int = 8) -> int:
    """The cores this process may run on (its CPU affinity), at most `cap`: how many threads or processes share a step's work."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, cap))


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when the process that forked it dies (Linux), and exit now if it already has, so that no
    worker outlives a killed build (it would sit on the build's open files forever)."""
    if sys.platform.startswith("linux"):
        try:
            _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL:
    """The C library, looked up once per process (find_library runs ldconfig); a forked worker inherits it."""
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
