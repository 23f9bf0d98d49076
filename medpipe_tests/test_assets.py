"""Assets materialised through Dagster against a temporary DuckDB file."""

from __future__ import annotations

import shutil
from pathlib import Path

from medpipe.settings import SAMPLES_DIR, Settings
from medpipe_tests.helpers import FINAL, materialize, offline_settings, query


def test_source_asset_writes_rows_quarantine_and_metadata(sample_settings: Settings) -> None:
    result = materialize(sample_settings, selection="sources/medicationqa")
    metadata = result.asset_materializations_for_node("sources__medicationqa")[0].metadata
    assert metadata["kept"].value == 7 and metadata["quarantined"].value == 2
    assert metadata["dropped:placeholder_output"].value == 1
    assert query(sample_settings, "SELECT count(*) FROM sources.medicationqa") == [(7,)]
    assert query(sample_settings,
                 "SELECT reason FROM quarantine WHERE source = 'medicationqa' ORDER BY reason") == [("missing_field",), ("placeholder_output",)]


def test_rematerialising_a_source_replaces_its_quarantine_slice(sample_settings: Settings) -> None:
    materialize(sample_settings, selection="sources/medicationqa")
    materialize(sample_settings, selection="sources/medicationqa")
    assert query(sample_settings, "SELECT count(*) FROM quarantine WHERE source = 'medicationqa'") == [(2,)]


def test_a_broken_source_fails_alone_and_says_what_to_do(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES_DIR, raw)
    (raw / "first_aid_intents" / "first_aid1.json").write_text('"not a list"', encoding="utf-8")
    settings = offline_settings(tmp_path / "db.duckdb", raw_dir=raw)
    result = materialize(settings, selection=FINAL, raise_on_error=False)
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert [e.step_key for e in failures] == ["sources__first_aid_intents"]
    assert "expected a JSON array" in failures[0].event_specific_data.error.message
    loaded = {row[0] for row in query(settings, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'sources'")}
    assert len(loaded) == 11 and "first_aid_intents" not in loaded


def test_a_missing_source_folder_is_skipped_loudly_and_final_still_builds(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES_DIR, raw)
    shutil.rmtree(raw / "meddialog_en")
    settings = offline_settings(tmp_path / "db.duckdb", raw_dir=raw)
    result = materialize(settings)
    skipped = result.asset_materializations_for_node("sources__meddialog_en")[0].metadata
    assert skipped["status"].value == "skipped" and "no folder 'meddialog_en'" in skipped["reason"].value
    merged = result.asset_materializations_for_node("merged")[0].metadata
    assert merged["missing_sources"].value == "meddialog_en"
    assert query(settings, "SELECT count(*) FROM final WHERE source = 'meddialog_en'") == [(0,)]
    assert query(settings, "SELECT count(*) FROM final")[0][0] > 0
