"""Faults of round two (issue 28): nothing silently wiped, settings that fail first, a damaged or full warehouse, a worker killed
by the OOM killer, runs whose process died, a release swap killed half way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from medpipe.settings import PROJECT_ROOT, SAMPLES_DIR, Settings, SettingsInvalid, load_settings, validate_settings
from medpipe.warehouse import health
from medpipe_tests.helpers import materialize, query
from medpipe_tests.test_faults import MEDPIPE, environment

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
    run = subprocess.run([MEDPIPE, "build", "--no-synthetic"], cwd=PROJECT_ROOT, env=environment(tmp_path) | bad, capture_output=True, text=True, timeout=120)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2 and sorted(line.split("=")[0].removeprefix("medpipe: ") for line in lines) == sorted(bad), run.stderr
    assert time.monotonic() - started < 30
