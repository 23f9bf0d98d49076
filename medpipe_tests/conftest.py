"""Shared fixtures (the real data folder, skipped when absent; an isolated DuckDB per test) and the test markers.

Markers, given here by one rule each so that no test has to remember them: `realdata` (reads ../shared/realdata), `browser`
(drives Chromium), `services` (starts PostgreSQL and Redis), `slow` (builds the pipeline, trains, or runs an LLM server or a
whole `medpipe build`). The quick loop is `pytest -m "not slow and not browser and not services"`; `pytest` runs everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MEDPIPE_OFFLINE", "1")

from medpipe.settings import PROJECT_ROOT, Settings  # noqa: E402
from medpipe_tests.helpers import offline_settings  # noqa: E402

REALDATA = Path(os.environ.get("MEDPIPE_REALDATA", PROJECT_ROOT.parent / "shared" / "realdata"))

BROWSER_FIXTURES = {"running_app", "dagster_ui"}
BROWSER_MODULES = {"test_review_page"}
SERVICE_MODULES = {"test_distributed"}
# Modules whose every test builds the pipeline, trains, or runs an LLM server or a whole `medpipe build` (minutes on 2 cores).
SLOW_MODULES = {"test_end_to_end", "test_faults", "test_faults2", "test_cli", "test_train", "test_versions", "test_phi_release", "test_synthetic",
                "test_generation", "test_static_embedder", "test_curation_steps", "test_publish", "test_assets", "test_partitions",
                "test_llm_faults", "test_corpus_assets", "test_assistant_eval", "test_review", "test_review_page", "test_release_quality"}
# Fixtures that build the pipeline for a test in an otherwise quick module.
SLOW_FIXTURES = {"real_settings", "built", "corpus_built", "built_warehouse"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        module = item.module.__name__.rsplit(".", 1)[-1] if getattr(item, "module", None) else ""
        if "realdata" in fixtures:
            item.add_marker(pytest.mark.realdata)
        if fixtures & BROWSER_FIXTURES or module in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
        if module in SERVICE_MODULES:
            item.add_marker(pytest.mark.services)
        if module in SLOW_MODULES or fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real data folder not found at {REALDATA} (present in CI beside the clone; set MEDPIPE_REALDATA)")
    return REALDATA


@pytest.fixture
def sample_settings(tmp_path: Path) -> Settings:
    return offline_settings(tmp_path / "test.duckdb")


@pytest.fixture
def real_settings(tmp_path: Path, realdata: Path) -> Settings:
    return offline_settings(tmp_path / "real.duckdb", raw_dir=realdata)
