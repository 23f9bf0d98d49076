"""The README's run command, end to end: `medpipe build` starts the bundled LLM server, builds everything, stops it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from medpipe.synthetic.local_server import answers
from medpipe.settings import PROJECT_ROOT
from medpipe_tests.helpers import dagster_home


def test_medpipe_build_on_a_fresh_database(tmp_path: Path) -> None:
    home = dagster_home(tmp_path / "home")
    db = tmp_path / "data" / "medpipe.duckdb"
    env = os.environ | {"DAGSTER_HOME": str(home), "MEDPIPE_DUCKDB": str(db), "MEDPIPE_OFFLINE": "1", "OLLAMA_HOST": "http://127.0.0.1:9"}
    # a hang guard, generous for a loaded machine
    run = subprocess.run([str(Path(sys.executable).parent / "medpipe"), "build"], cwd=PROJECT_ROOT, env=env,
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-3000:]
    host = next(line.split(" at ", 1)[1] for line in run.stdout.splitlines() if line.startswith("medpipe: LLM at "))
    assert host.startswith("http://127.0.0.1:") and not answers(host)  # started for the build, stopped after it
    assert "final rows by source" in run.stdout and "4 run(s) succeeded" in run.stdout  # corpus, the synthetic day, the source shard, build_all
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM final").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM llm_cache").fetchone()[0] > 0
    assert (db.parent / "release" / "README.md").exists()



def test_a_build_whose_llm_never_answers_exits_0_and_names_the_short_partition(tmp_path: Path, monkeypatch, capsys) -> None:
    """The quick start on a machine where the LLM cannot answer in time: the generation partition is reported short, everything
    else is built, and the build exits 0."""
    from dataclasses import replace

    from medpipe.cli import run_jobs
    from medpipe_tests.helpers import offline_settings

    monkeypatch.setenv("DAGSTER_HOME", str(dagster_home(tmp_path / "home")))
    settings = replace(offline_settings(tmp_path / "data" / "medpipe.duckdb"), ollama_hosts="http://127.0.0.1:9")  # nothing listens
    code = run_jobs(settings, [("build_corpus", None), ("synthetic_daily", "2026-12-07"), ("build_final", None)])
    out, err = capsys.readouterr()
    assert code == 0, err[-2000:]
    assert "INCOMPLETE: new synthetic rows were short (synthetic_daily" in err and "Run `medpipe build` again later" in err
    assert "2 run(s) succeeded, 1 generation run(s) short" in out and "FAILED" not in err
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM final").fetchone()[0] > 0
