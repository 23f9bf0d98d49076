"""Faults of round two (issue 28): nothing silently wiped, settings that fail first, a damaged or full warehouse, a worker killed
by the OOM killer, runs whose process died, a release swap killed half way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from medpipe.settings import PROJECT_ROOT, SAMPLES_DIR, Settings, SettingsInvalid, load_settings, validate_settings
from medpipe.warehouse import health
from medpipe_tests.helpers import materialize, query
from medpipe_tests.test_faults import MEDPIPE, environment, start_build, wait_for_line

DOCUMENTS = dg.AssetSelection.assets(["corpus", "pdf_documents"])
MEDICATIONQA = dg.AssetSelection.assets(["sources", "medicationqa"])


# ---- no silent wipe ----

def test_an_empty_pdf_folder_fails_the_corpus_naming_the_setting_and_keeps_the_previous_one(tmp_path: Path) -> None:
    settings = Settings(duckdb_path=tmp_path / "db.duckdb", offline=True, pdf_dir=SAMPLES_DIR / "pdfs")
    assert materialize(settings, DOCUMENTS).success
    before = query(settings, "SELECT count(*) FROM corpus.pdf_documents")[0][0]
    (tmp_path / "empty").mkdir()
    emptied = Settings(duckdb_path=settings.duckdb_path, offline=True, pdf_dir=tmp_path / "empty")
    result = materialize(emptied, DOCUMENTS, raise_on_error=False)
    failure = next(e for e in result.all_events if e.is_step_failure).event_specific_data.error.message
    assert "MEDPIPE_PDF_DIR" in failure and f"the {before:,} rows of corpus.pdf_documents" in failure and "--allow-empty" in failure
    assert query(settings, "SELECT count(*) FROM corpus.pdf_documents")[0][0] == before > 0
    deliberate = Settings(duckdb_path=settings.duckdb_path, offline=True, pdf_dir=tmp_path / "empty", allow_empty=True)
    assert materialize(deliberate, DOCUMENTS).success
    assert query(settings, "SELECT count(*) FROM corpus.pdf_documents") == [(0,)]


def test_a_raw_folder_without_a_source_that_had_rows_fails_it_and_keeps_its_rows(tmp_path: Path) -> None:
    settings = Settings(duckdb_path=tmp_path / "db.duckdb", offline=True)
    assert materialize(settings, MEDICATIONQA).success
    before = query(settings, "SELECT count(*) FROM sources.medicationqa")[0][0]
    (tmp_path / "raw").mkdir()
    moved = Settings(duckdb_path=settings.duckdb_path, offline=True, raw_dir=tmp_path / "raw")
    result = materialize(moved, MEDICATIONQA, raise_on_error=False)
    failure = next(e for e in result.all_events if e.is_step_failure).event_specific_data.error.message
    assert "MEDPIPE_RAW_DIR" in failure and "medicationqa" in failure and f"{before:,} rows" in failure
    assert query(settings, "SELECT count(*) FROM sources.medicationqa")[0][0] == before > 0


# ---- settings fail first ----

def _bad_settings(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "a_folder").mkdir()
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("execution: [unclosed", encoding="utf-8")
    return {"MEDPIPE_DUCKDB": str(tmp_path / "a_folder"), "MEDPIPE_MODEL_CACHE": str(tmp_path / "a_file"),
            "MEDPIPE_EMBEDDING_MODEL": "no-such-org/no-such-model", "MEDPIPE_PARTITION_STORE": str(tmp_path / "a_file" / "partitions"),
            "MEDPIPE_CELERY_CONFIG": str(tmp_path / "broken.yaml"), "MEDPIPE_PDF_DIR": "/nonexistent/pdfs"}


@pytest.mark.parametrize("name", ["MEDPIPE_DUCKDB", "MEDPIPE_MODEL_CACHE", "MEDPIPE_EMBEDDING_MODEL", "MEDPIPE_PARTITION_STORE",
                                  "MEDPIPE_CELERY_CONFIG", "MEDPIPE_PDF_DIR"])
def test_a_setting_of_the_wrong_kind_is_named_before_any_step(name: str, tmp_path: Path) -> None:
    env = {"MEDPIPE_OFFLINE": "1", "MEDPIPE_DUCKDB": str(tmp_path / "db.duckdb"), name: _bad_settings(tmp_path)[name]}
    with pytest.raises(SettingsInvalid) as failure:
        validate_settings(load_settings(env), env)
    assert [line.split("=")[0] for line in str(failure.value).splitlines()] == [name]


def test_a_row_cap_of_zero_is_refused_not_read_as_no_cap() -> None:
    with pytest.raises(ValueError, match="MEDPIPE_MAX_ROWS_PER_SOURCE='0'"):
        load_settings({"MEDPIPE_MAX_ROWS_PER_SOURCE": "0"})


def test_bad_settings_stop_the_build_at_once_one_line_each(tmp_path: Path) -> None:
    bad = _bad_settings(tmp_path)
    started = time.monotonic()
    run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=environment(tmp_path) | bad,
                         capture_output=True, text=True, timeout=120)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2 and sorted(line.split("=")[0].removeprefix("medpipe: ") for line in lines) == sorted(bad), run.stderr
    assert time.monotonic() - started < 30


# ---- a damaged warehouse ----

def damaged_warehouse(tmp_path: Path) -> Path:
    """A warehouse of a dozen step tables, then the LLM cache and the release history (snapshotted, as every run's end does),
    truncated to half (what a disk error or an interrupted copy leaves): the first tables' blocks survive, the last ones' do not."""
    path = tmp_path / "data" / "medpipe.duckdb"
    path.parent.mkdir(parents=True)
    with duckdb.connect(str(path)) as con:
        for i in range(12):
            con.execute(f"CREATE TABLE step_{i} AS SELECT repeat('text ', 30) || r AS s, r FROM range(30000) t(r)")
        con.execute("CREATE TABLE llm_cache AS SELECT 'k' || i AS key, repeat('reply ', 40) || i AS response FROM range(20000) t(i)")
        con.execute("CREATE TABLE release_history AS SELECT 'v1' AS data_version, 'medqa' AS source, 10 AS rows")
        assert health.snapshot_tables(con, path.parent) == ["main.llm_cache", "main.release_history"]
    os.truncate(path, path.stat().st_size // 2)
    return path


def test_a_damaged_file_stops_the_build_in_one_line_saying_what_to_do(tmp_path: Path) -> None:
    path = damaged_warehouse(tmp_path)
    run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=environment(tmp_path) | {"MEDPIPE_DUCKDB": str(path)},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and str(path) in run.stderr and "medpipe doctor --salvage" in run.stderr, run.stderr
    assert "Traceback" not in run.stdout + run.stderr and "final rows by source" not in run.stdout


def test_doctor_finds_the_damage_and_salvage_keeps_every_readable_table_with_the_caches(tmp_path: Path) -> None:
    path = damaged_warehouse(tmp_path)
    env = environment(tmp_path) | {"MEDPIPE_DUCKDB": str(path)}
    check = subprocess.run([MEDPIPE, "doctor"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 1 and "UNREADABLE" in check.stdout and "--salvage" in check.stdout, check.stdout + check.stderr
    fixed = subprocess.run([MEDPIPE, "doctor", "--salvage"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert list(path.parent.glob("medpipe.duckdb.damaged-*")), "the damaged file is set aside"
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM llm_cache").fetchone() == (20000,)
        assert con.execute("SELECT * FROM release_history").fetchall() == [("v1", "medqa", 10)]
        kept = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'step_%'").fetchall()}
    assert 0 < len(kept) < 12 and health.quick_problem(path) is None
    again = subprocess.run([MEDPIPE, "doctor"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "healthy" in again.stdout


def test_compact_reclaims_the_space_of_dropped_tables_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "data" / "medpipe.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE kept AS SELECT repeat('text ', 30) || r AS s, r FROM range(50000) t(r)")
        con.execute("CREATE TABLE dropped AS SELECT repeat('gone ', 30) || r AS s FROM range(200000) t(r)")
        con.execute("CHECKPOINT")
        con.execute("DROP TABLE dropped")
        con.execute("CHECKPOINT")
        before = con.execute("SELECT sum(hash(t)) FROM kept t").fetchone()
    size = path.stat().st_size
    run = subprocess.run([MEDPIPE, "compact"], cwd=PROJECT_ROOT, env=environment(tmp_path) | {"MEDPIPE_DUCKDB": str(path)}, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert path.stat().st_size < size / 2
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT sum(hash(t)) FROM kept t").fetchone() == before


# ---- a release swap killed half way ----

def test_a_release_swapped_in_but_not_recorded_is_recorded_at_the_next_start(tmp_path: Path) -> None:
    settings = Settings(duckdb_path=tmp_path / "db.duckdb", offline=True)
    release = tmp_path / "release"
    release.mkdir()
    (release / "manifest.json").write_text(json.dumps({"data_version": "v2"}), encoding="utf-8")
    health.mark_release_pending(tmp_path, "v2", {"medqa": 12}, "local")  # then killed after the swap, before the history insert
    assert materialize(settings, MEDICATIONQA).success  # any run's start reconciles
    assert query(settings, "SELECT data_version, source, rows FROM release_history") == [("v2", "medqa", 12)]
    assert not (tmp_path / health.PENDING_RELEASE).exists()


def test_a_swap_killed_between_its_renames_gets_the_previous_release_back(tmp_path: Path) -> None:
    settings = Settings(duckdb_path=tmp_path / "db.duckdb", offline=True)
    (tmp_path / ".release.previous").mkdir()
    (tmp_path / ".release.previous" / "manifest.json").write_text(json.dumps({"data_version": "v1"}), encoding="utf-8")
    health.mark_release_pending(tmp_path, "v2", {"medqa": 12}, "local")
    assert materialize(settings, MEDICATIONQA).success
    assert json.loads((tmp_path / "release" / "manifest.json").read_text(encoding="utf-8"))["data_version"] == "v1"
    assert query(settings, "SELECT count(*) FROM release_history") == [(0,)]


# ---- a worker that dies, a build stopped by Ctrl-C, runs whose process died ----

def worker_of(build: subprocess.Popen) -> int:
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children").read_text().split()
    return int(children[0])


def test_a_worker_killed_like_the_oom_killer_does_is_reported_with_the_signal_and_what_to_do(tmp_path: Path) -> None:
    build = start_build(environment(tmp_path))
    wait_for_line(build, 'Started execution of step "sources__')
    os.kill(worker_of(build), signal.SIGKILL)  # only the worker, as the OOM killer picks the process with the memory
    output = build.communicate(timeout=120)[0]
    assert build.returncode == 128 + signal.SIGKILL, output[-2000:]
    assert "killed by SIGKILL" in output and "out-of-memory killer" in output and "Run `medpipe build` again" in output, output[-2000:]


def test_ctrl_c_names_the_steps_this_build_committed(tmp_path: Path) -> None:
    build = start_build(environment(tmp_path))
    wait_for_line(build, 'Started execution of step "scrub_phi"')  # every source is committed by then
    os.kill(build.pid, signal.SIGINT)
    output = build.communicate(timeout=120)[0]
    stopped = next(line for line in output.splitlines() if "STOPPED by a signal" in line)
    assert "Committed by this build and kept:" in stopped and "medicationqa" in stopped and "merged" in stopped, stopped
    assert "scrub_phi" not in stopped.split("kept:")[1].split(".")[0], stopped  # the step in flight was rolled back, not kept


SLOW_RUN = """
import time, dagster as dg
from medpipe.warehouse.resource import Warehouse

@dg.asset
def slow(warehouse: Warehouse) -> None:
    print("RUNNING", flush=True)
    time.sleep(300)

with dg.DagsterInstance.get() as instance:
    dg.materialize([slow], resources={"warehouse": Warehouse(database=%r)}, instance=instance)
"""


def test_a_run_whose_process_was_killed_is_marked_failed_at_the_next_start(tmp_path: Path) -> None:
    env = environment(tmp_path)
    run = subprocess.Popen([sys.executable, "-c", SLOW_RUN % str(tmp_path / "db.duckdb")], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    wait_for_line(run, "RUNNING", timeout=120)
    run.kill()
    run.wait()
    os.environ["DAGSTER_HOME"], home = env["DAGSTER_HOME"], os.environ.get("DAGSTER_HOME")
    try:
        with dg.DagsterInstance.get() as instance:
            [killed] = instance.get_runs()
            assert killed.status == dg.DagsterRunStatus.STARTED  # what run storage keeps forever without the sweep
            assert health.sweep_dead_runs(instance, say=lambda _: None) == [killed.run_id]
            assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.FAILURE
    finally:
        os.environ.pop("DAGSTER_HOME") if home is None else os.environ.__setitem__("DAGSTER_HOME", home)
