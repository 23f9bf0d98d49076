import os
import subprocess
import sys

import duckdb
import polars as pl
import pytest

from medpipe.settings import PROJECT_ROOT
from medpipe.warehouse.rows import quarantine_frame, quarantine_row, rows_frame, Rejection
from medpipe.warehouse.step import Output, Plan, Step, write_output
from medpipe.warehouse.store import read_table
from medpipe.warehouse.versions import up_to_date


def test_a_failed_write_leaves_the_previous_table_quarantine_and_record(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    step = Step("s", "a test step", lambda context: Plan(None, Output), "sources", writes=(("sources", "s"),))
    good = rows_frame([{"id": "1", "source": "s", "source_id": "a", "input": "q", "context": "", "output": "o", "messages": [],
                        "license": "x", "meta": "{}"}])
    quarantined = quarantine_frame([quarantine_row("s", "s", "b", Rejection("missing_field", "Answer"), {"Question": "q"})])
    write_output(step, con, Output(tables={("sources", "s"): good}, quarantined=quarantined), "key-1", {"kept": 1})

    def failing_record(con: duckdb.DuckDBPyConnection) -> None:
        raise duckdb.ConversionException("the step's other write failed")

    with pytest.raises(duckdb.Error):
        write_output(step, con,
                     Output(tables={("sources", "s"): rows_frame([])}, quarantined=quarantine_frame([]), write=failing_record), "key-2", {"kept": 0})
    assert read_table(con, "sources", "s")["id"].to_list() == ["1"]
    assert con.execute("SELECT step, reason, payload FROM quarantine").fetchall() == [("s", "missing_field", '{"Question": "q"}')]
    assert up_to_date(con, "s", "key-1", outputs=(("sources", "s"),)) == {"kept": 1}


def test_a_step_table_is_written_once_to_the_file_not_to_the_wal_first(tmp_path) -> None:
    """connect_file attaches the file with small row groups: a 40k-row table (below DuckDB's default row group of 122,880
    rows) is written straight to the file at the insert, so the WAL stays small, and it reads back after close, through
    another connection of the same process, a cursor of it, and a plain duckdb.connect."""
    from medpipe.warehouse.store import connect_file, cursor, replace_table, transaction

    path = str(tmp_path / "w.duckdb")
    rows = pl.DataFrame({"id": [str(i) for i in range(40_000)], "text": [f"question number {i} about the liver" * 8 for i in range(40_000)]})
    con = connect_file(path)
    other = connect_file(path)  # the same process shares one instance, as duckdb.connect(path) does
    with transaction(con):
        replace_table(con, "main", "t", rows)
    wal = tmp_path / "w.duckdb.wal"
    assert (wal.stat().st_size if wal.exists() else 0) < 1_000_000
    assert other.execute("SELECT count(*) FROM main.t").fetchone()[0] == 40_000
    assert cursor(con).execute("SELECT count(*) FROM t").fetchone()[0] == 40_000
    other.close()
    con.close()
    with duckdb.connect(path, read_only=True) as plain:
        assert read_table(plain, "main", "t", order_by=("id",)).equals(rows.sort("id"))


def test_heap_retained_reuses_freed_blocks_inside_and_returns_the_heap_after() -> None:
    """With the mmap threshold fixed (as in a build), each 16 MB block is mapped afresh and its pages faulted in on first
    touch (at least one per 2 MB huge page, up to ~3,900 of 4 KB pages; measured here: 16 per block in the full suite's process,
    330 in a fresh one); inside heap_retained, a freed block is reused without new faults; after it, blocks are mapped afresh
    again."""
    import resource

    import numpy as np

    from medpipe.warehouse.machine import _glibc, heap_retained, keep_mmap_threshold

    if _glibc() is None:
        pytest.skip("glibc's malloc only")
    assert keep_mmap_threshold()

    def faults(rounds: int = 20) -> int:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(rounds):
            np.ones(2_000_000)  # 16 MB, written, freed
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    outside = faults()
    with heap_retained():
        faults()  # the heap grows once
        inside = faults()
    after = faults()
    assert min(outside, after) >= 20 * 4 and inside < min(outside, after) / 10, (outside, inside, after)


FAILED_COMMIT = """
import resource, signal, sys
import duckdb
from medpipe.warehouse.store import transaction
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG ("File too large"), as a full disk fails with ENOSPC
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE t (x VARCHAR)")
con.execute("CHECKPOINT")
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
try:
    with transaction(con):
        con.execute("INSERT INTO t SELECT repeat('x', 100) || i FROM range(2000) r(i)")  # written to the WAL at the commit
except duckdb.Error as exc:
    print(f"{type(exc).__name__}: {exc}")
"""


def test_a_commit_that_cannot_write_reports_the_write_error_not_a_failed_rollback(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-c", FAILED_COMMIT, str(tmp_path / "w.duckdb")], capture_output=True, text=True, timeout=120,
                          cwd=PROJECT_ROOT, env=os.environ | {"PYTHONPATH": str(PROJECT_ROOT)})
    assert "File too large" in done.stdout and "cannot rollback" not in done.stdout + done.stderr, done.stdout + done.stderr
