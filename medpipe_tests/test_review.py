"""Clinician review: labels imported from a sample file, the audit with Wilson intervals, the gate that blocks a source labelled
wrong and passes it relabelled correct, the card's audit, the labelled seed set, and the judge model's agreement."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from medpipe.cli import main as cli_main
from medpipe.review import ERROR_LABELS, LABELS
from medpipe.review import commands
from medpipe.review.audit import SourceAudit, agreement, audits_of, card_section, gate_problems, wilson_interval
from medpipe.review.labels import (LabelFileError, active_labels, ensure_tables, import_labels, retire_changed, store_labels, Label,
                                   withhold_labelled)
from medpipe.review.sample import allocate, write_sample
from medpipe.settings import Settings
from medpipe.warehouse.rows import FINAL_COLUMNS
from medpipe.warehouse.text import clean_text, content_id

SEED = Path(__file__).parent / "data" / "audit_seed.jsonl"


def seed_rows() -> list[dict]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the interval, the allocation, the agreement -----------------------------------------------------------------------------


def test_wilson_interval_matches_the_published_values() -> None:
    # Newcombe (1998), Statistics in Medicine 17, table I: 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 0/20 -> 0-0.1611
    for errors, n, low, high in ((81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (20, 20, 0.8389, 1.0)):
        got = wilson_interval(errors, n)
        assert got == pytest.approx((low, high), abs=5e-4), (errors, n, got)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_a_source_blocks_only_when_its_whole_interval_lies_above_its_bound() -> None:
    assert SourceAudit("a", 20, 20, 0.10).blocks  # 0.839-1.0
    assert not SourceAudit("a", 20, 4, 0.10).blocks  # 20% observed, but the interval (0.081-0.416) reaches below 0.10
    assert SourceAudit("a", 100, 20, 0.10).blocks  # 0.133-0.289
    assert not SourceAudit("a", 100, 20, 0.15).blocks  # a looser bound for this source
    problems = gate_problems({"medicationqa": (20, 20, 0.10), "medqa": (30, 1, 0.10)})
    assert problems["medqa"] == ""
    assert problems["medicationqa"].startswith("medicationqa: 20 of 20 audited rows") and "0.839-1.000" in problems["medicationqa"]


def test_allocation_is_proportional_and_never_exceeds_a_stratum() -> None:
    assert allocate({"a": 80, "b": 20}, 10) == {"a": 8, "b": 2}
    assert allocate({"a": 5, "b": 1}, 10) == {"a": 5, "b": 1}
    shares = allocate({"a": 1, "b": 1, "c": 1}, 2)
    assert sum(shares.values()) == 2 and max(shares.values()) == 1


def test_agreement_on_wrong_or_unsafe() -> None:
    judged = ["wrong", "correct", "unsafe", "correct", "not_an_answer", "wrong"]
    human = ["wrong", "correct", "correct", "unsafe", "not_an_answer", "unsafe"]
    found = agreement(judged, human)
    assert (found.both, found.judge_only, found.human_only) == (2, 1, 1)
    assert found.precision == pytest.approx(2 / 3) and found.recall == pytest.approx(2 / 3)
    # observed 4/6; both say "flagged" for 3/6 -> expected 0.5; kappa (0.667 - 0.5) / 0.5
    assert found.kappa == pytest.approx(1 / 3)
    assert agreement(["correct"] * 3, ["correct"] * 3).kappa is None  # no variation: undefined, never reported as 1


# --- the labelled seed set ------------------------------------------------------------------------------------------------


def test_the_seed_set_is_real_labelled_rows_and_its_audit_is_what_the_labels_say() -> None:
    rows = seed_rows()
    assert len(rows) >= 200
    assert all(r["label"] in LABELS and r["reason"].strip() and r["input"].strip() and r["source"] for r in rows)
    audits = audits_of(pl.DataFrame(rows).select("source", "label"), bounds={})
    assert sum(a.audited for a in audits) == len(rows)
    assert sum(a.errors for a in audits) == sum(r["label"] in ERROR_LABELS for r in rows)
    for audit in audits:
        low, high = audit.interval
        assert low <= audit.rate <= high


def seed_warehouse(path: Path, rows: list[dict]) -> pl.DataFrame:
    """A warehouse whose `final` holds the seed rows, with the ids the pipeline gives their content."""
    final = pl.DataFrame([{"split": "train", "id": content_id(clean_text(r["input"]), clean_text(r["context"] or ""), clean_text(r["output"])),
                           "source": r["source"], "source_id": r["source_id"], "input": r["input"], "context": r["context"] or "",
                           "output": r["output"], "reasoning": None, "messages": [], "license": "", "meta": "{}", "flags": []} for r in rows],
                         schema_overrides={"messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String})), "flags": pl.List(pl.String),
                                           "reasoning": pl.String})
    with duckdb.connect(str(path)) as con:
        con.register("f", final.select(FINAL_COLUMNS).to_arrow())
        con.execute("CREATE TABLE final AS SELECT * FROM f")
    return final


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def test_the_seed_labels_import_and_a_malformed_file_imports_nothing(tmp_path: Path) -> None:
    rows = seed_rows()
    final = seed_warehouse(tmp_path / "w.duckdb", rows)
    ids = final["id"].to_list()
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        ensure_tables(con)
        bad = [
            (["id", "label"], [[ids[0], "correct"], [ids[1], "wromg"]], "row 3, column label: unknown label 'wromg'"),
            (["id", "label"], [[ids[0], "correct"], ["0" * 20, "wrong"]], "row 3, column id: unknown id '00000000000000000000'"),
            (["id", "note"], [[ids[0], "fine"]], "row 1, column label: missing column"),
            (["id", "label"], [[ids[0], "wrong"]], "row 2, column reviewer: no reviewer"),
        ]
        for n, (header, body, message) in enumerate(bad):
            with pytest.raises(LabelFileError, match=message.replace("(", r"\(")) as raised:
                import_labels(con, write_csv(tmp_path / f"bad{n}.csv", header, body), reviewer=None if "reviewer" in message else "dr.a")
            assert "\n" not in str(raised.value) and f"bad{n}.csv" in str(raised.value)
        assert active_labels(con).height == 0  # nothing of a bad file is stored

        header = ["id", "label", "note", "reviewer"]
        body = [[i, r["label"], r["reason"], "seed reader"] for i, r in zip(ids, rows)]
        report = import_labels(con, write_csv(tmp_path / "seed.csv", header, body))
        assert report.imported == len(rows) and report.by_label == {k: sum(r["label"] == k for r in rows) for k in LABELS
                                                                    if any(r["label"] == k for r in rows)}
        labels = active_labels(con)
        assert labels.height == len(set(ids))
        audits = {a.source: a for a in audits_of(labels, bounds={})}
        expected = audits_of(pl.DataFrame(rows).select("source", "label"), bounds={})
        assert [(a.source, a.audited, a.errors) for a in expected] == [(s, a.audited, a.errors) for s, a in sorted(audits.items())]

        withheld = withhold_labelled(final, labels)
        assert withheld["drop_reason"].drop_nulls().value_counts().sort("drop_reason").rows() == sorted(
            (k, sum(r["label"] == k for r in rows)) for k in ("unsafe", "wrong") if any(r["label"] == k for r in rows))
        card = card_section(list(audits.values()), sorted(audits) + ["synthetic_rag"])
        assert "| synthetic_rag | not audited |" in card
        for audit in audits.values():
            low, high = audit.interval
            assert f"| {audit.source} | {audit.audited:,} | {audit.errors:,} " in card and f"{low:.3f}-{high:.3f}" in card


def test_a_label_is_retired_when_its_rows_content_changes(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        store_labels(con,
                     [Label("old-id", "medicationqa", "m1", "wrong", "", "dr.a"), Label("kept-id", "medicationqa", "m2", "wrong", "", "dr.a")], "t")
        rows = pl.DataFrame({"id": ["new-id", "kept-id"], "source": ["medicationqa"] * 2, "source_id": ["m1", "m2"]})
        assert retire_changed(con, rows) == 1
        assert active_labels(con)["id"].to_list() == ["kept-id"]
        assert con.execute("SELECT retired_because FROM review_labels WHERE id = 'old-id'").fetchone() == ("content changed: now row new-id",)
        assert retire_changed(con, rows) == 0


def test_the_review_commands_parse() -> None:
    with pytest.raises(SystemExit):
        cli_main(["review", "sample", "--n", "3"])  # --source and --out are required


# --- the whole loop on the bundled samples: sample, label wrong, blocked; relabel correct, released -----------------------------


def relabel(path: Path, label: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["label"] = label
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_labelled_wrong_blocks_the_release_and_relabelled_correct_releases(sample_settings: Settings, tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from medpipe_tests.helpers import RELEASE, check_results, materialize, query

    assert materialize(sample_settings, RELEASE).success
    sample = tmp_path / "sample.csv"
    assert commands.sample(sample_settings, "medicationqa", 20, commands.DEFAULT_SEED, sample) == 0
    drawn = list(csv.DictReader(sample.open(encoding="utf-8")))
    in_final = query(sample_settings, "SELECT count(*) FROM final WHERE source = 'medicationqa'")[0][0]
    assert len(drawn) == min(20, in_final) >= 5 and {r["source"] for r in drawn} == {"medicationqa"}
    assert list(drawn[0]) == ["id", "source", "input", "context", "output", "reasoning", "label", "note"]
    assert commands.sample(sample_settings, "medicationqa", 20, commands.DEFAULT_SEED, tmp_path / "again.csv") == 0
    assert (tmp_path / "again.csv").read_bytes() == sample.read_bytes()  # seeded

    relabel(sample, "wrong")
    assert commands.import_file(sample_settings, sample, "dr.a") == 0
    assert commands.sample(sample_settings, "medicationqa", 20, commands.DEFAULT_SEED, tmp_path / "rest.csv") == 0
    assert not set(r["id"] for r in csv.DictReader((tmp_path / "rest.csv").open(encoding="utf-8"))) & {r["id"] for r in drawn}  # labelled: skipped

    blocked = materialize(sample_settings, RELEASE, raise_on_error=False)
    checks = check_results(blocked)
    passed, meta = checks["final_audit"]
    interval = "%.3f-%.3f" % wilson_interval(len(drawn), len(drawn))
    assert not passed and any(f"medicationqa: {len(drawn)} of {len(drawn)} audited rows" in e and interval in e for e in meta["examples"])
    assert not blocked.asset_materializations_for_node("hub_release")
    assert query(sample_settings, "SELECT count(*) FROM final WHERE source = 'medicationqa'")[0][0] == in_final - len(drawn)
    assert query(sample_settings, "SELECT reason, count(*) FROM quarantine WHERE step = 'apply_review_labels' GROUP BY 1") == [("wrong", len(drawn))]

    relabel(sample, "correct")
    assert commands.import_file(sample_settings, sample, "dr.a") == 0
    released = materialize(sample_settings, RELEASE, raise_on_error=False)
    assert released.success and check_results(released)["final_audit"][0]
    card = (sample_settings.duckdb_path.parent / "release" / "README.md").read_text(encoding="utf-8")
    assert ("## Clinician audit" in card
            and f"| medicationqa | {len(drawn)} | 0 (0.0%) | 0.000-{wilson_interval(0, len(drawn))[1]:.3f} | 0.10 |" in card)
    assert "| medqa | not audited |" in card
    out = capsys.readouterr().out
    assert f"imported {len(drawn)} label(s) from sample.csv (correct {len(drawn)}" in out


# --- the judge, end to end with the bundled model ---------------------------------------------------------------------------


def test_the_judge_flags_rows_with_its_reason_and_its_agreement_reaches_metadata_and_card(sample_settings: Settings, tmp_path: Path) -> None:
    """The bundled SmolLM2-135M judges the bundled medicationqa rows (a tiny model: its verdicts are not checked for quality,
    only that each is one of the four, is cached, flags without dropping, and is compared with the labels)."""
    from medpipe.definitions import defs
    from medpipe.settings import DEFAULT_LLM_MODEL
    from medpipe.synthetic.llm import OllamaLLM
    from medpipe.synthetic.local_server import local_server
    from medpipe_tests.helpers import RELEASE, materialize, metadata, query, resources_for

    assert materialize(sample_settings, dg.AssetSelection.assets("sources/medicationqa")).success
    ids = [i for (i,) in query(sample_settings, "SELECT id FROM sources.medicationqa ORDER BY id")]
    with duckdb.connect(str(sample_settings.duckdb_path)) as con:  # labelled before the judge runs: its metadata compares them
        store_labels(con, [Label(i, "medicationqa", None, "unsafe" if n == 0 else "correct", "", "dr.a") for n, i in enumerate(ids)], "test")
    config = {"ops": {"judge": {"config": {"model": DEFAULT_LLM_MODEL, "sources": ["medicationqa"]}}}}
    everything = [*defs.assets, *defs.asset_checks]
    with local_server(log=tmp_path / "server.log") as host:
        llm = OllamaLLM(hosts=host, retries=1, backoff=0.1, timeout=600)
        result = dg.materialize(everything, resources=resources_for(sample_settings) | {"llm": llm},
                                selection=RELEASE, run_config=config)
        assert result.success
        meta = metadata(result, "judge")
        again = dg.materialize(everything, resources=resources_for(sample_settings) | {"llm": llm},
                               selection=dg.AssetSelection.assets("judge"), run_config=config)
    judged_rows = query(sample_settings, "SELECT count(*) FROM judge WHERE source = 'medicationqa'")[0][0]
    assert meta["judged"] + meta["malformed_replies"] == judged_rows > 0 and meta["llm_calls"] + meta["llm_cached"] == judged_rows
    assert meta["rubric_version"] == "judge-rubric-v1" and meta["model"].startswith(DEFAULT_LLM_MODEL)
    assert not again.asset_materializations_for_node("judge") or metadata(again, "judge").get("llm_calls", 0) == 0  # cached or up to date
    verdicts = query(sample_settings, "SELECT id, verdict, reason FROM judge_verdicts")
    assert len(verdicts) == meta["judged"] and all(v in LABELS and r for _, v, r in verdicts)
    assert query(sample_settings, "SELECT count(*) FROM llm_cache WHERE prompt_version = 'judge-rubric-v1'")[0][0] == judged_rows
    # flagged, never dropped: every row the judge faulted is in `judged` with its reason in the flags
    faulted = {i: f"judge:{v}: {r}" for i, v, r in verdicts if v != "correct"}
    flags = dict(query(sample_settings, "SELECT id, flags FROM judge"))
    assert all(flag in flags[i] for i, flag in faulted.items())
    assert query(sample_settings, "SELECT count(*) FROM judge")[0][0] == query(sample_settings, "SELECT count(*) FROM flag_mcq")[0][0]
    agreement_meta = meta["agreement_with_labels"]
    paired = [(v, "unsafe" if i == ids[0] else "correct") for i, v, _ in verdicts if i in ids]
    expected = agreement([v for v, _ in paired], [h for _, h in paired])
    assert agreement_meta["rows"] == expected.rows == len(paired) and agreement_meta["recall"] == expected.recall
    card = (sample_settings.duckdb_path.parent / "release" / "README.md").read_text(encoding="utf-8")
    assert f"Judge model: {meta['model']} with rubric judge-rubric-v1; {expected.describe()}." in card


def test_a_sample_round_trips_through_xlsx_and_csv(tmp_path: Path) -> None:
    from medpipe.review.labels import read_label_file

    sample = pl.DataFrame({"id": ["a1", "b2"], "source": ["medicationqa"] * 2, "input": ["Can I take ibuprofen, with tea?", "Dose?"],
                           "context": ["", "A. 1\nB. 2"], "output": ["Yes \"usually\".", "B"], "reasoning": ["", ""],
                               "label": ["", ""], "note": ["", ""]})
    for suffix in ("xlsx", "csv"):
        write_sample(sample, tmp_path / f"s.{suffix}")
        header, rows = read_label_file(tmp_path / f"s.{suffix}")
        assert header == sample.columns and [r["input"] for r in rows] == sample["input"].to_list() and rows[1]["context"] == "A. 1\nB. 2"
    with pytest.raises(LabelFileError, match="give a .csv or .xlsx file"):
        write_sample(sample, tmp_path / "s.txt")
