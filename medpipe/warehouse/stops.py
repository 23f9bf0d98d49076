"""What `medpipe build` says when its build stops early: what of it was really committed, and why a worker died."""

from __future__ import annotations

import signal
import time
from pathlib import Path


def worker_died(signum: int, pid: int | None) -> str:
    """One line for a build worker killed by a signal."""
    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = f"signal {signum}"
    hint = (" (SIGKILL is what the out-of-memory killer sends: see `dmesg` or `journalctl -k`; free memory, or lower "
            "MEDPIPE_MAX_ROWS_PER_SOURCE)") if signum == signal.SIGKILL else ""
    return (f"FAILED: the build's worker process (pid {pid}) was killed by {name}{hint}. "
            "Run `medpipe build` again: it redoes only what was not committed.")


def kept_since(duckdb_path: Path, started: float) -> str:
    """The steps (and releases) this build committed, read from the file (step_versions, release_history) after it stopped; the
    rest was rolled back or never started."""
    import duckdb

    if not duckdb_path.is_file():
        return "Nothing of this build was committed (it had not created the DuckDB file yet)."
    try:
        con = duckdb.connect(str(duckdb_path), read_only=True)
    except duckdb.Error as exc:
        return f"What was committed could not be read ({str(exc).splitlines()[0][:120]}); run `medpipe doctor`."
    since = "(current_timestamp - to_seconds($elapsed))::TIMESTAMP"
    elapsed = time.time() - started + 1.0
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        steps = [s for (s,) in con.execute(f"SELECT step FROM step_versions WHERE finished_at >= {since} ORDER BY finished_at, step",
                                           {"elapsed": elapsed}).fetchall()] if "step_versions" in tables else []
        releases = [v for (v,) in con.execute(f"SELECT DISTINCT data_version FROM release_history WHERE released_at >= {since}",
                                              {"elapsed": elapsed}).fetchall()] if "release_history" in tables else []
    finally:
        con.close()
    kept = steps + [f"release {v}" for v in releases]
    if not kept:
        return "Nothing of this build was committed: the warehouse is as it was before it; the step in flight was rolled back."
    return (f"Committed by this build and kept: {', '.join(kept)}. The step in flight and those after it were rolled back or never ran; "
            "the next build redoes only those.")
