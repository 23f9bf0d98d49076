"""Shared fixtures: the real data folder (skip when absent) and an isolated DuckDB per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medpipe.settings import PROJECT_ROOT, Settings

REALDATA = Path(os.environ.get("MEDPIPE_REALDATA", PROJECT_ROOT.parent / "shared" / "realdata"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MEDPIPE_OFFLINE", "1")


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real data folder not found at {REALDATA} (present in CI beside the clone; set MEDPIPE_REALDATA)")
    return REALDATA


@pytest.fixture
def sample_settings(tmp_path: Path) -> Settings:
    return Settings(duckdb_path=tmp_path / "test.duckdb", raw_dir=None, offline=True, max_rows_per_source=None)


@pytest.fixture
def real_settings(tmp_path: Path, realdata: Path) -> Settings:
    return Settings(duckdb_path=tmp_path / "real.duckdb", raw_dir=realdata, offline=True, max_rows_per_source=None)
