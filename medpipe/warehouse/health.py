"""The DuckDB file's health: a damaged file found on open and named in one line, `medpipe doctor` (check every table; `--salvage`
copies every readable table into a new file and sets the damaged one aside), `medpipe compact` (rewrite the file to reclaim space,
under the writer lock), and the runs of Dagster's run storage whose process died marked failed."""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from medpipe.warehouse.lock import writer_lock
from medpipe.warehouse.store import WAREHOUSE_CATALOG, connect_file, statement, table_exists, table_ref, table_version, transaction

HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers, before the first block
# tables whose readable rows are worth keeping when some of their blocks are lost: caches of expensive work and the release record.
# Any other table is kept whole or not at all (the next build rebuilds it; a partial step table would read as complete).
PARTIAL_OK = {("main", "llm_cache"), ("main", "embedding_vectors"), ("main", "phi_scans"), ("main", "release_history")}
SALVAGE_SLICE_ROWS = 16_384  # rows copied at a time from a damaged table (the file's row group size)
PID_TAG, HOST_TAG = "medpipe/pid", "medpipe/host"


class WarehouseDamaged(RuntimeError):
    """The DuckDB file cannot be read as a whole: one line naming the file, what is wrong and what to do."""


def damage_line(path: Path, what: str) -> str:
    return (f"the DuckDB file {path} is damaged ({what}). Run `medpipe doctor --salvage` to copy every readable table (caches and "
            f"release history included) into a new file and set this one aside, or restore it from a backup.")


def quick_problem(path: Path) -> str | None:
    """A damage that shows without reading the tables (~10 ms): the file does not open, or is shorter than its header says.
    None for a healthy file, a missing one, or one another process holds (that is the writer lock's business)."""
    if not path.is_file():
        return None
    try:  # as the steps connect: a file this process already has open is shared, not opened twice
        con = connect_file(str(path), read_only=True)
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        if any(word in message.lower() for word in ("lock", "conflict", "already attached")):  # another process writes, or this one has it open
            return None
        return damage_line(path, f"it does not open: {message[:200]}")
    try:
        # used blocks, not total: DuckDB cuts free blocks off the end of the file, and the total still counts them
        rows = con.execute("SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = $name",
                           {"name": WAREHOUSE_CATALOG}).fetchall()
    except duckdb.Error as exc:
        return damage_line(path, f"its size cannot be read: {str(exc).splitlines()[0][:200]}")
    finally:
        con.close()
    block_size, used_blocks = rows[0]
    expected, size = HEADER_BYTES + block_size * used_blocks, path.stat().st_size
    if size < expected:
        return damage_line(path, f"truncated: {size:,} bytes, fewer than the {expected:,} its {used_blocks} blocks in use take")
    return None


def check_open(path: Path) -> None:
    """Raise WarehouseDamaged naming what is wrong, before a run writes to a damaged file."""
    problem = quick_problem(path)
    if problem:
        raise WarehouseDamaged(problem)


@dataclass
class TableReport:
    schema: str
    table: str
    rows: int | None  # rows readable (None: not even counted)
    error: str = ""
    lost_rows: int = 0

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass
class Diagnosis:
    path: Path
    problem: str | None
    tables: list[TableReport] = field(default_factory=list)

    @property
    def damaged(self) -> list[TableReport]:
        return [t for t in self.tables if t.error]


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    return con.execute("SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = $c AND table_type = 'BASE TABLE' "
                       "ORDER BY ALL", {"c": catalog}).fetchall()


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _ref(catalog: str, schema: str, table: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in (catalog, schema, table))


def diagnose(path: Path) -> Diagnosis:
    """Read every column of every table (a hash of each row): the blocks a damaged file lost show as the tables they hold."""
    diagnosis = Diagnosis(path, quick_problem(path))
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return diagnosis
    try:
        catalog = con.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        for schema, table in _tables(con, catalog):
            try:
                rows = con.execute(f"SELECT count(*), sum(hash(t)) FROM {_ref(catalog, schema, table)} AS t").fetchone()[0]  # type: ignore[index]
                diagnosis.tables.append(TableReport(schema, table, int(rows)))
            except duckdb.Error as exc:
                diagnosis.tables.append(TableReport(schema, table, None, str(exc).splitlines()[0][:160]))
    finally:
        con.close()
    return diagnosis


def salvage(path: Path, say: Callable[[str], None] = print) -> tuple[Path, list[TableReport]]:
    """Copy every readable table into a new file; the caches and release history (PARTIAL_OK) keep every readable slice of rows
    even when some are lost. The damaged file (and its WAL) is renamed `<name>.damaged-<time>` and the new file takes its place.
    Returns the damaged file's new path and what happened to each table."""
    fresh = path.with_name(path.name + ".salvaging")
    fresh.unlink(missing_ok=True)
    reports = []
    con = duckdb.connect(":memory:")
    try:
        catalog = "damaged"
        con.execute(f"ATTACH '{_quoted(path)}' AS damaged (READ_ONLY)")  # a file that does not even open cannot be salvaged: the error says why
        con.execute(f"ATTACH '{_quoted(fresh)}' AS salvaged")
        for schema, table in _tables(con, catalog):
            reports.append(_restore_snapshot(con, path.parent, _copy_table(con, catalog, schema, table)))
            report = reports[-1]
            say(f"  {report.name:40} " + (f"{report.rows:>10,} rows kept" if not report.error else
                f"{report.rows or 0:>10,} rows kept, {report.lost_rows:,} lost ({report.error})" if report.rows else f"LOST ({report.error})"))
        con.execute("USE memory")
        con.execute("DETACH salvaged")
    finally:
        con.close()
    damaged = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    path.rename(damaged)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.rename(damaged.with_name(damaged.name + ".wal"))
    fresh.rename(path)
    return damaged, reports


# ---- the tables that cost the most to remake, kept beside the file too ----

SNAPSHOTS = (("main", "llm_cache"), ("main", "release_history"))  # hours of LLM calls; the record the gate's row bounds come from
SNAPSHOT_DIR = "snapshots"  # beside the DuckDB file: <table>.parquet and versions.json


def snapshot_tables(con: duckdb.DuckDBPyConnection, data_dir: Path) -> list[str]:
    """Write each SNAPSHOTS table that changed since its last snapshot to Parquet beside the DuckDB file (at the end of a run: a table
    hash per table when nothing changed), so that a damaged file never loses them: `salvage` restores them from here."""
    folder = data_dir / SNAPSHOT_DIR
    versions_file = folder / "versions.json"
    versions = json.loads(versions_file.read_text(encoding="utf-8")) if versions_file.exists() else {}
    written = []
    for schema, table in SNAPSHOTS:
        if not table_exists(con, schema, table):
            continue
        version = table_version(con, schema, table)
        if versions.get(f"{schema}.{table}") == version and (folder / f"{table}.parquet").exists():
            continue
        folder.mkdir(exist_ok=True)
        partial = folder / f"{table}.parquet.partial"
        con.execute(f"COPY (SELECT * FROM {table_ref(schema, table)}) TO '{_quoted(partial)}' (FORMAT parquet)")
        os.replace(partial, folder / f"{table}.parquet")
        versions[f"{schema}.{table}"] = version
        written.append(f"{schema}.{table}")
    if written:
        versions_file.write_text(json.dumps(versions), encoding="utf-8")
    return written


def _restore_snapshot(con: duckdb.DuckDBPyConnection, data_dir: Path, report: TableReport) -> TableReport:
    """A SNAPSHOTS table salvaged in part or not at all: its last snapshot's rows are added to what was read."""
    snapshot = data_dir / SNAPSHOT_DIR / f"{report.table}.parquet"
    if (report.schema, report.table) not in SNAPSHOTS or not report.error or not snapshot.exists():
        return report
    target = _ref("salvaged", report.schema, report.table)
    rows = f"SELECT * FROM read_parquet('{_quoted(snapshot)}') EXCEPT SELECT * FROM {target}"  # the snapshot's rows not read from the file
    try:
        con.execute(f"INSERT INTO {target} {rows}")
    except duckdb.ConstraintException:  # a key read from the file with another value: the file's row wins
        con.execute(f"INSERT OR IGNORE INTO {target} {rows}")
    rows = con.execute(f"SELECT count(*) FROM {target}").fetchone()[0]  # type: ignore[index]
    return TableReport(report.schema, report.table, rows, f"{report.error}; restored from its snapshot {snapshot}", report.lost_rows)


def _copy_table(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> TableReport:
    """Recreate the table in the salvaged file with its own DDL (keys and defaults: `INSERT OR REPLACE` needs them) and copy its rows:
    all of them, or for PARTIAL_OK tables every readable slice."""
    source, target = _ref(catalog, schema, table), _ref("salvaged", schema, table)
    ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE database_name = $c AND schema_name = $s AND table_name = $t",
                      {"c": catalog, "s": schema, "t": table}).fetchone()[0]  # type: ignore[index]
    con.execute(f'CREATE SCHEMA IF NOT EXISTS salvaged."{schema}"')
    con.execute("USE salvaged")  # the DDL names the schema but not the catalog
    con.execute(ddl)
    try:
        con.execute(f"INSERT INTO {target} SELECT * FROM {source}")
        return TableReport(schema, table, con.execute(f"SELECT count(*) FROM {target}").fetchone()[0])  # type: ignore[index]
    except duckdb.Error as exc:
        error = str(exc).splitlines()[0][:160]
    con.execute(f"DELETE FROM {target}")
    if (schema, table) not in PARTIAL_OK:
        con.execute(f"DROP TABLE {target}")
        return TableReport(schema, table, None, error)
    try:
        total = con.execute(f"SELECT max(rowid) + 1 FROM {source}").fetchone()[0] or 0  # type: ignore[index]
    except duckdb.Error:
        return TableReport(schema, table, 0, error)
    lost = 0
    for start in range(0, total, SALVAGE_SLICE_ROWS):
        try:
            con.execute(f"INSERT INTO {target} SELECT * FROM {source} WHERE rowid >= {start} AND rowid < {start + SALVAGE_SLICE_ROWS}")
        except duckdb.Error:
            lost += min(SALVAGE_SLICE_ROWS, total - start)
    kept = con.execute(f"SELECT count(*) FROM {target}").fetchone()[0]  # type: ignore[index]
    return TableReport(schema, table, kept, error, lost)


def compact(path: Path, lock_timeout: float, say: Callable[[str], None] = print) -> tuple[int, int]:
    """Rewrite the file with only its live blocks (DuckDB reuses freed blocks but never shrinks a file), holding the writer lock so
    that no build writes meanwhile; the new file replaces the old one only once every table's rows were copied. Returns the sizes."""
    before = path.stat().st_size
    fresh = path.with_name(path.name + ".compacting")
    fresh.unlink(missing_ok=True)
    with writer_lock(path, "medpipe compact", lock_timeout, say=say):
        check_open(path)
        con = duckdb.connect(str(path))
        try:
            con.execute("CHECKPOINT")  # the WAL's changes into the file, so the copy and the file agree
            catalog = con.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
            con.execute(f"ATTACH '{str(fresh).replace(chr(39), chr(39) * 2)}' AS compacted")
            con.execute(f'COPY FROM DATABASE "{catalog}" TO compacted')
            for schema, table in _tables(con, catalog):
                old, new = (con.execute(f"SELECT count(*) FROM {_ref(c, schema, table)}").fetchone()[0] for c in (catalog, "compacted"))  # type: ignore[index]
                if old != new:
                    raise RuntimeError(f"compact: {schema}.{table} has {new} rows in the copy, {old} in the file; the file is unchanged")
            con.execute("DETACH compacted")
        except BaseException:
            con.close()
            fresh.unlink(missing_ok=True)
            raise
        con.close()
        os.replace(fresh, path)
    return before, path.stat().st_size


# ---- runs whose process died ----

def process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot ("" when there is no such process): a pid the OS gave to another process
    since has another start time."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def run_tags() -> dict[str, str]:
    """Tags that let a later start tell whether this run's process still lives (`sweep_dead_runs`)."""
    return {PID_TAG: f"{os.getpid()}:{process_start(os.getpid())}", HOST_TAG: socket.gethostname()}


def sweep_dead_runs(instance: object, say: Callable[[str], None] = print) -> list[str]:
    """Mark failed every run still STARTING or STARTED whose process, on this machine, is gone (a SIGKILL, the OOM killer): without
    this it stays STARTED in run storage forever. Runs without medpipe's tags, or of another machine, are left alone."""
    import dagster as dg

    swept = []
    records = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING]))  # type: ignore[attr-defined]
    for run in records:
        tag, host = run.tags.get(PID_TAG, ""), run.tags.get(HOST_TAG, "")
        if not tag or host != socket.gethostname():
            continue
        pid, _, started = tag.partition(":")
        if process_start(int(pid)) == started:
            continue
        instance.report_run_failed(  # type: ignore[attr-defined]
            run, message=f"the run's process (pid {pid}) died without ending the run (killed); marked failed at the next start")
        swept.append(run.run_id)
    if swept:
        say(f"marked {len(swept)} run(s) whose process died as failed: {', '.join(r[:8] for r in swept)}")
    return swept


# ---- the release folder and release_history agree ----

PENDING_RELEASE = ".release.pending.json"  # beside the DuckDB file: a release being made current, with the history rows it records


def mark_release_pending(data_dir: Path, data_version: str, rows_by_source: dict[str, int], published_to: str) -> None:
    """Written (and synced) before the release folder is swapped in: if the process dies between the swap and the history insert,
    the next run start (or `medpipe doctor`) finds it and makes release_history agree with the folder."""
    marker = data_dir / PENDING_RELEASE
    partial = marker.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"data_version": data_version, "rows": rows_by_source, "published_to": published_to}))
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, marker)


def reconcile_release(con: duckdb.DuckDBPyConnection, data_dir: Path, say: Callable[[str], None] = print) -> str | None:
    """Finish or undo a release swap a killed process left half done; returns what was done (None: nothing to do). The folder is
    the truth: a `release/` whose manifest names the pending version is recorded in release_history; a swap killed between its
    two renames gets the previous folder back."""
    target, previous, marker = data_dir / "release", data_dir / ".release.previous", data_dir / PENDING_RELEASE
    done = None
    if not target.exists() and previous.exists():
        previous.rename(target)
        done = "the previous release folder was put back (a swap was killed between its renames)"
    if marker.exists():
        pending = json.loads(marker.read_text(encoding="utf-8"))
        manifest = target / "manifest.json"
        current = json.loads(manifest.read_text(encoding="utf-8")).get("data_version") if manifest.exists() else None
        con.execute(statement("release_history_create"))
        recorded = con.execute("SELECT count(*) FROM release_history WHERE data_version = $v AND published_to = $p",  # a kill after the insert
                               {"v": pending["data_version"], "p": pending["published_to"]}).fetchone()[0]  # type: ignore[index]
        if current == pending["data_version"] and not recorded:
            with transaction(con):
                for source, n in pending["rows"].items():
                    con.execute(statement("release_history_insert"), {"data_version": pending["data_version"], "source": source, "rows": n,
                                                                      "published_to": pending["published_to"]})
            done = f"release {pending['data_version']} (current in {target}) recorded in release_history"
        marker.unlink()
    if done:
        say(f"reconciled the release: {done}")
    return done


def release_needs_reconciling(data_dir: Path) -> bool:
    return (data_dir / PENDING_RELEASE).exists() or (not (data_dir / "release").exists() and (data_dir / ".release.previous").exists())


# ---- the commands ----

def doctor_command(duckdb_path: Path, salvage_file: bool, lock_timeout: float) -> int:
    """`medpipe doctor [--salvage]`: 0 when the file is healthy (or was salvaged), 1 when it is damaged, 2 when it cannot be helped here."""
    if not duckdb_path.is_file():
        print(f"medpipe doctor: no DuckDB file at {duckdb_path} (MEDPIPE_DUCKDB); `medpipe build` creates it.")
        return 0
    with writer_lock(duckdb_path, "medpipe doctor", lock_timeout, say=lambda line: print(f"medpipe: {line}", flush=True)):
        diagnosis = diagnose(duckdb_path)
        for table in diagnosis.tables:
            print(f"  {table.name:40} " + (f"{table.rows:>10,} rows" if not table.error else f"UNREADABLE ({table.error})"))
        if diagnosis.problem is None and not diagnosis.damaged:
            if release_needs_reconciling(duckdb_path.parent):
                con = connect_file(str(duckdb_path))
                try:
                    reconcile_release(con, duckdb_path.parent, say=lambda line: print(f"medpipe doctor: {line}"))
                finally:
                    con.close()
            print(f"medpipe doctor: {duckdb_path} is healthy ({len(diagnosis.tables)} tables, every row readable).")
            return 0
        print("medpipe doctor: "
              + (diagnosis.problem or damage_line(duckdb_path, f"{len(diagnosis.damaged)} of {len(diagnosis.tables)} tables unreadable: "
                                                                      + ", ".join(t.name for t in diagnosis.damaged))))
        if not salvage_file:
            return 1
        print("medpipe doctor: salvaging every readable table into a new file:")
        try:
            damaged, reports = salvage(duckdb_path, say=print)
        except duckdb.Error as exc:
            print(f"medpipe doctor: {duckdb_path} does not open at all ({str(exc).splitlines()[0][:200]}); nothing can be salvaged: restore it "
                  f"from a backup, or move it aside and run `medpipe build` (the caches are lost with it).")
            return 2
    lost = [r.name for r in reports if r.error and not r.rows]
    print(f"medpipe doctor: {duckdb_path} now holds every readable table; the damaged file is {damaged}. "
          + (f"Lost: {', '.join(lost)}; " if lost else "") + "run `medpipe build` to rebuild what is missing (from the caches kept).")
    return 0


def compact_command(duckdb_path: Path, lock_timeout: float) -> int:
    if not duckdb_path.is_file():
        print(f"medpipe compact: no DuckDB file at {duckdb_path} (MEDPIPE_DUCKDB).")
        return 0
    before, after = compact(duckdb_path, lock_timeout, say=lambda line: print(f"medpipe: {line}", flush=True))
    print(f"medpipe compact: {duckdb_path} {before / 1e6:,.1f} MB -> {after / 1e6:,.1f} MB")
    return 0
