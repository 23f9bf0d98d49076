"""A rebuild does only what changed: every step skips when its inputs, config and code are unchanged, and re-runs (with
everything downstream of it that sees a different input) when one of them changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from medpipe.corpus import embeddings
from medpipe.curation.steps import STEPS
from medpipe.definitions import defs
from medpipe.settings import SAMPLES_DIR, Settings
from medpipe.warehouse.store import table_version
from medpipe_tests.helpers import check_results, materialize, metadata, offline_settings, query, resources_for

CURATED = ["merged", *(step.name for step in STEPS), "final"]
LAST = STEPS[-1].name  # the table final is built from


def skipped(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events() if "up_to_date" in e.materialization.metadata}


def ran(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()} - skipped(result)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Settings:
    """The bundled samples copied to a raw folder the test may edit."""
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES_DIR, raw)
    return offline_settings(tmp_path / "db.duckdb", raw_dir=raw, pdf_dir=raw / "pdfs")


def test_a_rebuild_with_nothing_changed_skips_every_step_and_loads_no_model(raw_copy: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    first = materialize(raw_copy)
    assert not skipped(first)
    final_before = query(raw_copy, "SELECT split, id, output FROM final ORDER BY id")

    def no_model(name: str) -> None:
        raise AssertionError(f"a model was loaded ({name}) for a step with nothing new to do")

    monkeypatch.setattr(embeddings, "load_model", no_model)
    again = materialize(raw_copy)
    assert ran(again) <= {"eval_questions", "corpus/chunk_embeddings"}, ran(again)  # cheap: they re-read a few files / cached vectors
    assert {f"sources/{name}" for name in ("medqa", "medicationqa")} | set(CURATED) <= skipped(again)
    assert metadata(again, "flag_mcq")["last_run"]["kept"] == metadata(first, "flag_mcq")["kept"]  # a skipped step reports its last run
    assert metadata(again, "final")["dagster/row_count"] == metadata(first, "final")["dagster/row_count"]
    assert all(passed for passed, _ in check_results(again).values()) and len(check_results(again)) == len(check_results(first))
    assert query(raw_copy, "SELECT split, id, output FROM final ORDER BY id") == final_before


def test_a_changed_file_config_or_table_reruns_what_depends_on_it(raw_copy: Settings) -> None:
    materialize(raw_copy)
    medqa = raw_copy.raw_dir / "medqa_usmle" / "train.jsonl"  # type: ignore[operator]
    question = {"question": "A 58-year-old man has crushing chest pain radiating to his left arm for 40 minutes. The ECG shows ST elevation in "
                            "leads II, III and aVF. Which artery is most likely occluded?", "answer": "Right coronary artery",
                "options": {"A": "Left anterior descending artery", "B": "Left circumflex artery", "C": "Right coronary artery",
                            "D": "Left main coronary artery", "E": "Posterior descending artery"}, "meta_info": "step1", "answer_idx": "C"}
    with medqa.open("a", encoding="utf-8") as file:  # one new question
        file.write(json.dumps(question) + "\n")
    grown = materialize(raw_copy)
    assert "sources/medqa" in ran(grown) and "sources/medicationqa" in skipped(grown)
    assert set(CURATED) <= ran(grown)  # merged changed, so every step after it sees a new input

    bounds = dg.materialize(defs.assets, resources=resources_for(raw_copy), selection=dg.AssetSelection.assets(*CURATED),
                            run_config={"ops": {"filter_length": {"config": {"min_chars": 10, "max_chars": 1400}}}})
    assert {"merged", "scrub_phi"} <= skipped(bounds) and "filter_length" in ran(bounds)

    with duckdb.connect(str(raw_copy.duckdb_path)) as con:  # a table edited by hand is a changed input downstream
        con.execute(f"UPDATE {LAST} SET output = output || ' (edited)' WHERE rowid = (SELECT min(rowid) FROM {LAST})")
    edited = materialize(raw_copy, dg.AssetSelection.assets("final"))
    assert "final" in ran(edited)
    assert query(raw_copy, "SELECT count(*) FROM final WHERE output LIKE '% (edited)'") == [(1,)]


def test_table_version_is_the_content_whatever_the_row_order(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "v.duckdb")) as con:
        con.execute("CREATE TABLE a AS SELECT * FROM (VALUES (1, 'x'), (2, 'y')) t(i, s)")
        con.execute("CREATE TABLE b AS SELECT * FROM (VALUES (2, 'y'), (1, 'x')) t(i, s)")
        con.execute("CREATE TABLE c AS SELECT * FROM (VALUES (1, 'x'), (2, 'z')) t(i, s)")
        assert table_version(con, "main", "a") == table_version(con, "main", "b") != table_version(con, "main", "c")
        assert table_version(con, "main", "missing") == "absent"
