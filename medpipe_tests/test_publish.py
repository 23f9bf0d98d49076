"""The release gate and hub_release: bad rows block the release, a clean release loads back, the push is recorded."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from medpipe.corpus.embeddings import resolve_model
from medpipe.curation.phi_scans import FINDINGS_SCHEMA
from medpipe.curation.steps import STEPS
from medpipe.publish.gate import GateSettings, SuiteProcess, key_frames, run_suite, suite_frames, validate_final
from medpipe.publish.release import chat_messages
from medpipe.publish.hub import HubPublisher
from medpipe.settings import Settings
from medpipe_tests.fake_hub import FakeHub
from medpipe_tests.helpers import RELEASE, check_results, final_frame, materialize, offline_settings

CHATML = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One clean build and release on the bundled samples, copied by the tests that change it."""
    root = tmp_path_factory.mktemp("released")
    settings = offline_settings(root / "medpipe.duckdb")
    assert materialize(settings, RELEASE).success
    return settings


def copy_of(settings: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(settings.data_dir, tmp_path / "data")
    return offline_settings(tmp_path / "data" / settings.duckdb_path.name)


def test_a_clean_release_loads_back_with_datasets(released: Settings) -> None:
    from datasets import load_dataset

    folder = released.data_dir / "release"
    with duckdb.connect(str(released.duckdb_path), read_only=True) as con:  # MedDialog stays local: its sites restrict republishing
        expected = dict(con.execute("SELECT split, count(*) FROM final WHERE source != 'meddialog_en' GROUP BY split").fetchall())
    loaded = load_dataset(str(folder), cache_dir=str(released.data_dir / "hf_cache"))  # a fresh cache: offline, datasets reuses any cached "release"
    assert {split: ds.num_rows for split, ds in loaded.items()} == expected
    assert loaded["train"].column_names == ["id", "source", "source_id", "input", "context", "output", "reasoning", "messages",
                                            "license", "meta", "flags"]
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\nlicense: other") and "Medical disclaimer" in card and "amu-cai" not in card.split("Excluded:")[0]
    assert "`cameo`: Not medical text" in card and "![Rows per source](plots/rows_per_source.svg)" in card
    assert "`meddialog_en`: in `final` for local training, not republished" in card
    assert "meddialog_en" not in set(loaded["train"]["source"])
    assert (folder / "plots" / "rows_per_source.svg").read_text(encoding="utf-8").startswith("<svg")


def test_rows_kept_for_local_training_are_exported_beside_the_release_as_whole_dialogues(released: Settings) -> None:
    with duckdb.connect(str(released.duckdb_path), read_only=True) as con:
        expected = dict(con.execute("SELECT split, count(*) FROM final WHERE source = 'meddialog_en' GROUP BY split").fetchall())
    local = released.data_dir / "local_training"
    exported = {path.stem.removeprefix("chat_"): [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
                for path in local.glob("chat_*.jsonl")}
    assert {split: len(rows) for split, rows in exported.items()} == expected and expected
    rows = [row for split_rows in exported.values() for row in split_rows]
    assert {row["source"] for row in rows} == {"meddialog_en"} and all(row["id"] for row in rows)
    assert max(sum(m["role"] == "assistant" for m in row["messages"]) for row in rows) >= 2  # multi-turn consultations stay whole
    assert all(row["messages"][0]["role"] == "system" for row in rows)
    assert not (released.data_dir / "release" / "local_training").exists()


def test_chat_export_renders_with_a_transformers_chat_template(released: Settings) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(resolve_model(""))
    tokenizer.chat_template = CHATML
    lines = (released.data_dir / "release" / "exports" / "chat_train.jsonl").read_text(encoding="utf-8").splitlines()
    dialogue = chat_messages({"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}, {"role": "user", "content": "c"},
                                           {"role": "assistant", "content": "d"}], "input": "c", "context": "Patient: a\nDoctor: b", "output": "d"})
    assert [m["content"] for m in dialogue[1:]] == ["a", "b", "c", "d"]  # dialogues keep every turn
    for messages in [json.loads(line)["messages"] for line in lines] + [dialogue]:
        assert messages[0]["role"] == "system" and messages[-1]["role"] == "assistant"
        rendered = tokenizer.apply_chat_template(messages, tokenize=False)
        assert all(m["content"] in rendered for m in messages)
    alpaca = [json.loads(ln) for ln in (released.data_dir / "release" / "exports" / "alpaca_train.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(alpaca) == len(lines) and set(alpaca[0]) == {"id", "source", "instruction", "input", "output"}  # provenance beside the training fields
    mcq = [m for m in (json.loads(ln)["messages"] for ln in lines) if "\nA. " in m[1]["content"]]
    assert mcq, "MCQ options stay in the user turn"
    reasoned = [m[-1]["content"] for m in (json.loads(ln)["messages"] for ln in lines) if m[-1]["content"].startswith("<think>\n")]
    assert reasoned and all("\n</think>\n\n" in turn for turn in reasoned), "the chain of thought leads the assistant turn"
    assert sum(a["output"].startswith("<think>") for a in alpaca) == len(reasoned)
    without = chat_messages({"messages": [], "input": "q", "context": "", "output": "a", "reasoning": "because"}, reasoning=False)
    assert without[-1]["content"] == "a"


# Bad rows written into the last curation step's table, from which final is rebuilt.
LAST = STEPS[-1].name  # the table final is built from
BAD_ROWS = {
    "final_no_empty_text": f"UPDATE {LAST} SET input = '   ' WHERE rowid = (SELECT min(rowid) FROM {LAST})",
    "final_length_bounds": f"UPDATE {LAST} SET output = repeat('x', 9000) WHERE rowid = (SELECT min(rowid) FROM {LAST})",
    "final_source_in_catalog": f"UPDATE {LAST} SET source = 'mystery_source' WHERE rowid = (SELECT min(rowid) FROM {LAST})",
    "final_unique_id": f"INSERT INTO {LAST} SELECT * REPLACE (source_id || '-copy' AS source_id, input || ' (again)' AS input) FROM {LAST} LIMIT 1",
    "final_no_exact_duplicates": f"INSERT INTO {LAST} SELECT * REPLACE (id || 'x' AS id, upper(input) AS input) FROM {LAST} LIMIT 1",
    "final_no_phi": f"UPDATE {LAST} SET output = output || ' Write to jane.doe@example.com.' WHERE rowid = (SELECT min(rowid) FROM {LAST})",
    "final_source_counts": f"DELETE FROM {LAST} WHERE source = 'symptom_to_diagnosis'",
    "final_synthetic_share": f"INSERT INTO {LAST} SELECT d.* REPLACE ('synthetic_rag' AS source, d.id || i AS id, d.input || ' variant ' || i AS "
                             f"input) FROM {LAST} d, range(40) t(i)",
}


@pytest.mark.parametrize("check", sorted(BAD_ROWS))
def test_a_bad_row_blocks_the_release_and_keeps_the_previous_one(check: str, released: Settings, tmp_path: Path) -> None:
    settings = copy_of(released, tmp_path)
    before = (settings.data_dir / "release" / "manifest.json").read_text(encoding="utf-8")
    with duckdb.connect(str(settings.duckdb_path)) as con:
        con.execute(BAD_ROWS[check])
    result = materialize(settings, dg.AssetSelection.assets("final", "hub_release"), raise_on_error=False)
    assert not result.success
    assert not result.asset_materializations_for_node("hub_release")
    assert (settings.data_dir / "release" / "manifest.json").read_text(encoding="utf-8") == before
    passed, details = check_results(result)[check]
    assert not passed and details["failed_expectations"], details
    failed_checks = {name for name, (ok, _) in check_results(result).items() if not ok}
    assert check in failed_checks


def test_the_push_commits_the_folder_and_never_logs_the_token(
    released: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)  # the tests run offline; the fake Hub is on loopback
    settings = copy_of(released, tmp_path)
    token = "hf_" + "S3cr3tT0ken" * 3
    hub = FakeHub().start()
    try:
        with caplog.at_level(logging.DEBUG):
            result = materialize(settings, dg.AssetSelection.assets("hub_release"),
                                 hub=HubPublisher(repo_id="medpipe/medical-qa", token=token, endpoint=hub.endpoint))
    finally:
        hub.stop()
    assert result.success
    assert {"README.md", "manifest.json", "data/train-00000-of-00001.parquet", "exports/chat_train.jsonl"} <= set(hub.committed)
    assert all(r.headers.get("authorization") == f"Bearer {token}" for r in hub.requests)
    meta = result.asset_materializations_for_node("hub_release")[0].metadata
    assert meta["hub"].value.endswith("/commit/" + "a" * 40)
    printed = capfd.readouterr()
    logs = caplog.text + printed.out + printed.err + "\n".join(str(e) for e in result.all_events)
    assert token not in logs
    assert token not in "".join(p.read_text(encoding="utf-8", errors="ignore") for p in settings.data_dir.rglob("*") if p.is_file()
                                and p.suffix in (".md", ".json", ".jsonl", ".log", ".txt"))


# ---- the gate's own process ----

def suite_final(rows: int = 40) -> tuple[pl.DataFrame, GateSettings]:
    final = final_frame(["medqa"] * rows, [f"The drug for condition {i}." if i else "" for i in range(rows)])
    settings = GateSettings(min_chars=10, max_chars=1500, sources=frozenset({"medqa"}), synthetic_sources=frozenset(), max_synthetic_share={})
    return final, settings


def suite_input(rows: int = 40) -> tuple[dict, GateSettings]:
    final, settings = suite_final(rows)
    return suite_frames(final, settings, pl.DataFrame(schema=FINDINGS_SCHEMA)) | key_frames(final), settings


def test_the_suite_process_finds_what_the_suite_finds_here_and_stops_when_closed() -> None:
    frames, settings = suite_input()
    here = run_suite(frames, settings)
    assert {o.check for o in here if not o.success} == {"final_no_empty_text", "final_length_bounds"}  # row 0: an empty output
    suite = SuiteProcess()
    try:
        assert suite.pid is not None and not suite.stopped
        assert suite.run(frames, settings) == here
    finally:
        suite.close()
    assert suite.stopped


def test_a_killed_suite_process_leaves_the_suite_to_this_process(caplog: pytest.LogCaptureFixture) -> None:
    frames, settings = suite_input()
    suite = SuiteProcess()
    assert suite.pid is not None
    os.kill(suite.pid, signal.SIGKILL)
    with caplog.at_level(logging.WARNING):
        assert suite.run(frames, settings) == run_suite(frames, settings)
    assert "running the suite here" in caplog.text and suite.stopped


def test_the_gate_validates_the_keys_after_the_other_frames_with_the_same_outcomes(caplog: pytest.LogCaptureFixture) -> None:
    """validate_final with the process (the keys computed while it validates the other frames, then validated on their own)
    gives the outcomes of the whole suite in this process, also when the process dies between the two."""
    final, settings = suite_final()
    final = pl.concat([final, final.tail(1)])  # an exact duplicate row: the unique id and no-duplicate checks fail
    no_findings = pl.DataFrame(schema=FINDINGS_SCHEMA)
    here = validate_final(final, settings, no_findings)
    assert {o.check for o in here if not o.success} == {"final_no_empty_text", "final_length_bounds", "final_unique_id", "final_no_exact_duplicates"}
    suite = SuiteProcess()
    try:
        assert sorted(validate_final(final, settings, no_findings, suite), key=repr) == sorted(here, key=repr)
        wait = suite.submit(suite_frames(final, settings, no_findings), settings)
        os.kill(suite.pid, signal.SIGKILL)  # type: ignore[arg-type]
        with caplog.at_level(logging.WARNING):
            outcomes = wait() + suite.run(key_frames(final), settings)
        assert sorted(outcomes, key=repr) == sorted(here, key=repr) and suite.stopped
    finally:
        suite.close()


SCRIPT_WITHOUT_MAIN_GUARD = """
from medpipe.publish.gate import SuiteProcess
from medpipe_tests.test_publish import suite_input
frames, settings = suite_input()
print(len(SuiteProcess().run(frames, settings)), flush=True)
"""


def test_the_suite_process_never_runs_the_callers_script_again(tmp_path: Path) -> None:
    """A script without `if __name__ == "__main__"` (multiprocessing's spawn would run it again in the child, here starting a
    second process that starts a third...) gets the outcomes from the gate's process, and no warning."""
    script = tmp_path / "build.py"
    script.write_text(SCRIPT_WITHOUT_MAIN_GUARD, encoding="utf-8")
    root = str(Path(__file__).resolve().parent.parent)  # a script's own folder, not the working directory, leads its sys.path
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=root,
                          env=os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 5 and "running the suite here" not in done.stderr, done.stderr


# ---- what must never ship: a row leaking an evaluation question, a lost (U+FFFD) or control character ----

# planted in the table final is built from (flag_mcq), after the decontamination ran
PLANTED_IN_FLAGGED = {
    "final_no_contamination": f"INSERT INTO {LAST} SELECT f.* REPLACE (md5(q.question) AS id, q.question AS input) FROM (SELECT * FROM "
                              f"{LAST} LIMIT 1) f, "
                              "(SELECT question FROM eval_questions WHERE eval_set LIKE 'medqa%' ORDER BY question_id LIMIT 1) q",
    "final_clean_characters": f"UPDATE {LAST} SET output = output || ' Cool it under running wa' || chr(65533) || 'ter.' WHERE rowid = (SELECT "
                              f"min(rowid) FROM {LAST})",
}
# planted upstream, then the real steps run: an evaluation set that gained a question a training row holds since the decontamination
# ran (only final and the release are rebuilt), and a source row with a control character that every curation step carries on
PLANTED_UPSTREAM = {
    "final_no_contamination": ("INSERT INTO eval_questions BY NAME SELECT 'medqa_test' AS eval_set, 'planted-1' AS question_id, input AS question "
                               f"FROM {LAST} WHERE length(input) > 80 ORDER BY id LIMIT 1", dg.AssetSelection.assets("final", "hub_release")),
    "final_clean_characters": ("UPDATE sources.first_aid_intents SET output = output || ' Ring the bell' || chr(7) || ' twice.' "
                               "WHERE rowid = (SELECT min(rowid) FROM sources.first_aid_intents)",
                               RELEASE - dg.AssetSelection.groups("sources", "corpus")),
}


@pytest.mark.parametrize("where", [f"in {LAST}", "upstream"])
@pytest.mark.parametrize("check", sorted(PLANTED_IN_FLAGGED))
def test_a_planted_row_that_must_never_ship_fails_its_check_and_keeps_the_release(check: str, where: str, released: Settings, tmp_path: Path) -> None:
    settings = copy_of(released, tmp_path)
    before = (settings.data_dir / "release" / "manifest.json").read_text(encoding="utf-8")
    sql, selection = (PLANTED_IN_FLAGGED[check],
                      dg.AssetSelection.assets("final", "hub_release")) if where == f"in {LAST}" else PLANTED_UPSTREAM[check]
    with duckdb.connect(str(settings.duckdb_path)) as con:
        con.execute(sql)
        assert con.execute("SELECT count(*) FROM eval_questions").fetchone()[0] > 0
    result = materialize(settings, selection, raise_on_error=False)
    assert not result.success and not result.asset_materializations_for_node("hub_release")
    assert (settings.data_dir / "release" / "manifest.json").read_text(encoding="utf-8") == before
    failed = {name: details for name, (ok, details) in check_results(result).items() if not ok}
    assert check in failed and failed[check]["examples"], failed
