"""Faults a user meets: a build killed at any point, SIGTERM, two builds on one DuckDB file, a source that lost its
columns, a Hub that refuses the push, a read-only data folder. Each ends in a clear state, and the next build works."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from medpipe.settings import PROJECT_ROOT, SAMPLES_DIR
from medpipe.warehouse.lock import WarehouseBusy, lock_path, writer_lock
from medpipe_tests.helpers import dagster_home, materialize, offline_settings, query

MEDPIPE = str(Path(sys.executable).parent / "medpipe")


def environment(tmp: Path, **extra: str) -> dict[str, str]:
    home = dagster_home(tmp / "home")
    return os.environ | {"DAGSTER_HOME": str(home), "MEDPIPE_DUCKDB": str(tmp / "data" / "medpipe.duckdb"), "MEDPIPE_OFFLINE": "1",
                         "OLLAMA_HOST": "http://127.0.0.1:9"} | extra


def start_build(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([MEDPIPE, "build", "--no-synthetic", "--verbose", *args], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def wait_for_line(process: subprocess.Popen, needle: str, timeout: float = 300) -> list[str]:
    seen, deadline = [], time.monotonic() + timeout
    for line in process.stdout:  # type: ignore[union-attr]
        seen.append(line)
        if needle in line:
            return seen
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"{needle!r} never appeared:\n{''.join(seen[-40:])}")


def final_rows(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT id, split FROM final ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def undisturbed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    env = environment(tmp_path_factory.mktemp("undisturbed"))
    run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return final_rows(Path(env["MEDPIPE_DUCKDB"]))


# Step keys as Dagster logs them, and how long after the step starts the build is killed.
KILL_POINTS = {"source read": ("sources__wiki_medical_terms", 0.2), "curation transaction": ("dedup_near", 0.5),
               "release swap": ("hub_release", 1.0)}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_a_build_killed_at_any_point_is_followed_by_a_build_with_the_same_final(point: str, undisturbed: list[tuple], tmp_path: Path) -> None:
    env = environment(tmp_path)
    step, delay = KILL_POINTS[point]
    build = start_build(env)
    wait_for_line(build, f'Started execution of step "{step}"')
    time.sleep(delay)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    again = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=env | {"MEDPIPE_LOCK_TIMEOUT": "5"}, capture_output=True,
                           text=True, timeout=900)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]  # no claim of the killed build survives it
    assert final_rows(Path(env["MEDPIPE_DUCKDB"])) == undisturbed
    release = Path(env["MEDPIPE_DUCKDB"]).parent / "release"
    assert (release / "manifest.json").exists() and not (release.parent / ".release.partial").exists()


def test_sigterm_stops_a_build_within_ten_seconds_and_the_next_build_runs(undisturbed: list[tuple], tmp_path: Path) -> None:
    env = environment(tmp_path)
    build = start_build(env)
    wait_for_line(build, 'Started execution of step "dedup_near"')
    started = time.monotonic()
    build.terminate()
    build.wait(timeout=30)
    assert time.monotonic() - started < 10 and build.returncode != 0
    with contextlib.suppress(ProcessLookupError):
        os.killpg(build.pid, signal.SIGKILL)  # Dagster's log tailers, if the build had to be ended hard
    assert "STOPPED by a signal" in build.communicate(timeout=30)[0]
    again = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0 and final_rows(Path(env["MEDPIPE_DUCKDB"])) == undisturbed


def test_a_second_build_on_the_same_file_waits_visibly_then_runs(tmp_path: Path) -> None:
    env = environment(tmp_path, MEDPIPE_LOCK_TIMEOUT="120")
    db = Path(env["MEDPIPE_DUCKDB"])
    with writer_lock(db, "the first build", timeout=1):
        second = subprocess.Popen([MEDPIPE, "build", "--no-synthetic", "--job", "build_corpus"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        waiting = wait_for_line(second, "WAITING for the DuckDB writer lock", timeout=120)[-1]
        assert "the first build" in waiting and f"pid {os.getpid()}" in waiting
        time.sleep(2)
        assert second.poll() is None  # still waiting, not writing
    output = second.communicate(timeout=600)[0]
    assert second.returncode == 0, output[-3000:]


def test_a_second_build_gives_up_after_the_timeout_naming_the_first(tmp_path: Path) -> None:
    env = environment(tmp_path, MEDPIPE_LOCK_TIMEOUT="1")
    with writer_lock(Path(env["MEDPIPE_DUCKDB"]), "the first build", timeout=1):
        run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "the first build" in run.stderr and "MEDPIPE_LOCK_TIMEOUT" in run.stderr
    assert not Path(env["MEDPIPE_DUCKDB"]).exists()  # nothing was written


def test_the_lock_is_released_when_its_process_dies(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import time; from medpipe.warehouse.lock import acquire; "
                               f"acquire(__import__('pathlib').Path({str(lock_path(db))!r}), 'doomed', 1); print('held', "
                               "flush=True); time.sleep(600)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
    with pytest.raises(WarehouseBusy, match="doomed"):
        with writer_lock(db, "me", timeout=0.5):
            pass
    holder.kill()
    holder.wait()
    with writer_lock(db, "me", timeout=5):
        pass


KILLED_WHILE_SCRUBBING = """
import os, sys, time
from pathlib import Path
from medpipe.curation import scrub
from medpipe.warehouse import machine
from medpipe.warehouse.lock import acquire
parent = os.getpid()
def slow_in_workers(part):
    if os.getpid() != parent:
        time.sleep(600)
    return [[] for _ in part]
scrub.find_all, machine.FORK_FROM = slow_in_workers, 10
acquire(Path(sys.argv[1]), "killed while scrubbing", 1)
print("held", flush=True)
scrub.find_many([("x", 1)] * 100)
"""


def test_a_build_killed_while_its_scrub_workers_run_leaves_no_worker_and_no_lock(tmp_path: Path) -> None:
    """kill -9 of a build whose PHI rules run on forked workers: the workers die with it and the next build takes the lock at once
    (before, an orphaned worker slept on forever holding the lock's descriptor, and every later build waited and gave up)."""
    from medpipe.warehouse.machine import worker_count

    if worker_count() < 2:
        pytest.skip("one core: the scrub forks no worker")
    db = tmp_path / "w.duckdb"
    build = subprocess.Popen([sys.executable, "-c", KILLED_WHILE_SCRUBBING, str(lock_path(db))], stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None and build.stdout.readline().strip() == "held"
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        workers = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True, text=True).stdout.split()]
        time.sleep(0.05)
    assert workers, "the scrub forked no worker"
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2] for pid in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived the killed build"
        time.sleep(0.1)
    with writer_lock(db, "the next build", timeout=2):
        pass


FORKS_THEN_WAITS = """
import os, sys, time
from pathlib import Path
from medpipe.warehouse.lock import acquire
acquire(Path(sys.argv[1]), "a build that forked", 1)
child = os.fork()
if child == 0:
    time.sleep(120)
    os._exit(0)
print(child, flush=True)
time.sleep(600)
"""


def test_a_forked_child_does_not_keep_the_writer_lock_of_a_killed_build(tmp_path: Path) -> None:
    """The lock belongs to the process that took it: a child forked while it is held closes its copy of the descriptor, so a
    build killed with kill -9 frees the file even while a child it forked lives on."""
    db = tmp_path / "w.duckdb"
    build = subprocess.Popen([sys.executable, "-c", FORKS_THEN_WAITS, str(lock_path(db))], stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    child = int(build.stdout.readline())
    try:
        build.kill()
        build.wait()
        assert Path(f"/proc/{child}").exists()
        with writer_lock(db, "the next build", timeout=2):
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def test_a_source_that_lost_its_answer_column_fails_and_keeps_its_previous_rows(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES_DIR, raw)
    settings = offline_settings(tmp_path / "db.duckdb", raw_dir=raw)
    assert materialize(settings, "sources/medicationqa").success
    before = query(settings, "SELECT count(*) FROM sources.medicationqa")
    path = next((raw / "medicationqa").glob("*.parquet"))
    pl.read_parquet(path).drop("Answer").write_parquet(path)
    result = materialize(settings, "sources/medicationqa", raise_on_error=False)
    assert not result.success
    message = next(e for e in result.all_events if e.is_step_failure).event_specific_data.error.message
    assert "all 9 records were quarantined" in message and "missing_field" in message
    assert query(settings, "SELECT count(*) FROM sources.medicationqa") == before


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write: read-only for a normal user; for root (who writes anywhere), a path under a file."""
    if os.geteuid() != 0:
        folder = tmp_path / "read_only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    return tmp_path / "a_file" / "data"


def test_an_unwritable_data_folder_fails_at_once_with_the_setting_named(tmp_path: Path) -> None:
    env = environment(tmp_path, MEDPIPE_DUCKDB=str(unwritable_folder(tmp_path) / "medpipe.duckdb"))
    started = time.monotonic()
    run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "MEDPIPE_DUCKDB" in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert time.monotonic() - started < 30  # no minutes of per-step retries


@pytest.mark.parametrize("name,value,needle",
                         [("MEDPIPE_RAW_DIR", "/nonexistent/raw", "MEDPIPE_RAW_DIR"), ("MEDPIPE_OFFLINE", "maybe", "MEDPIPE_OFFLINE"),
                                               ("MEDPIPE_MAX_ROWS_PER_SOURCE", "ten", "MEDPIPE_MAX_ROWS_PER_SOURCE")])
def test_a_wrong_setting_fails_first_in_one_line_naming_it(name: str, value: str, needle: str, tmp_path: Path) -> None:
    run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=environment(tmp_path) | {name: value}, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and needle in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
