"""The curation graph is the STEPS list: the assets follow it, and a step added to it materialises like the others."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from medpipe.curation.assets import MERGED, curation_steps
from medpipe.curation import runner
from medpipe.curation.runner import CurationStep, add_metadata
from medpipe.curation.steps import STEPS
from medpipe.definitions import defs
from medpipe.settings import Settings
from medpipe.warehouse.step import StepContext, step_asset
from medpipe_tests.helpers import NOT_SYNTHETIC, materialize, metadata, offline_settings, query, resources_for


def parents(graph: object, name: str) -> set[str]:
    return {key.to_user_string() for key in graph.get(dg.AssetKey(name)).parent_keys}  # type: ignore[attr-defined]


def test_the_asset_graph_follows_the_step_list() -> None:
    graph = defs.resolve_asset_graph()
    tables = [MERGED, *(step.name for step in STEPS)]
    for step, upstream in zip(STEPS, tables):
        assert parents(graph, step.name) == {upstream, *step.reads}, step.name
        assert graph.get(dg.AssetKey(step.name)).group_name == "curated"
    assert parents(graph, "final") == {STEPS[-1].name}
    assert len({step.name for step in STEPS}) == len(STEPS)


def drop_questions_about_asthma(rows: pl.DataFrame, context: StepContext) -> pl.DataFrame:
    """A throw-away step: drops every row whose input mentions asthma."""
    hit = pl.col("input").str.to_lowercase().str.contains("asthma")
    context.metadata["asthma_rows"] = rows.filter(hit).height
    return rows.with_columns(pl.when(hit).then(pl.lit("mentions_asthma")).alias("drop_reason"),
                             pl.when(hit).then(pl.lit("a test step")).alias("drop_detail"))


def test_a_step_added_to_the_list_materialises_with_its_quarantine_and_metadata(sample_settings: Settings) -> None:
    extra = CurationStep("drop_asthma", "Rows about asthma removed (test step).", decide=drop_questions_about_asthma)
    steps = (*STEPS[:2], extra, *STEPS[2:])
    curated = [step_asset(step) for step in curation_steps(steps)]
    others = [a for a in defs.assets if not any(k in {c.key for c in curated} for k in a.keys)]  # type: ignore[union-attr]
    assets = [*others, *curated]
    graph = dg.Definitions(assets=assets, resources=resources_for(sample_settings)).resolve_asset_graph()
    assert parents(graph, "drop_asthma") == {STEPS[1].name} and parents(graph, STEPS[2].name) == {"drop_asthma"}
    selection = dg.AssetSelection.assets("final").upstream() & NOT_SYNTHETIC
    result = dg.materialize(assets, resources=resources_for(sample_settings), selection=selection)
    assert result.success
    meta = metadata(result, "drop_asthma")
    assert meta["dropped"] == meta["asthma_rows"] > 0 and meta["dropped_by_reason"] == {"mentions_asthma": meta["dropped"]}
    assert meta["read"] == meta["kept"] + meta["dropped"]
    assert query(sample_settings, "SELECT count(*) FROM quarantine WHERE step = 'drop_asthma' AND reason = 'mentions_asthma'") == [(meta["dropped"],)]
    assert query(sample_settings, "SELECT count(*) FROM final WHERE lower(input) LIKE '%asthma%'") == [(0,)]
    assert query(sample_settings, "SELECT output FROM curation_runs WHERE step = 'drop_asthma'") == [("drop_asthma",)]


def test_every_step_reports_the_same_metadata_shape(sample_settings: Settings) -> None:
    result = materialize(sample_settings)
    for step in STEPS:
        meta = metadata(result, step.name)
        assert {"read", "kept", "dropped", "dropped_by_source", "dropped_by_reason", "dagster/row_count"} <= set(meta), step.name
        assert meta["read"] == meta["kept"] + meta["dropped"] and sum(meta["dropped_by_reason"].values()) == meta["dropped"]
    runs = dict(query(sample_settings, "SELECT step, read - kept - dropped FROM curation_runs"))
    assert set(runs) == {step.name for step in STEPS} and set(runs.values()) == {0}


def test_add_metadata_sums_counts_and_keeps_facts() -> None:
    total: dict[str, object] = {}
    for part in ({"flagged": 2, "by": dg.MetadataValue.json({"a": 1}), "bounds": dg.MetadataValue.json({"x": {"min": 1}}), "tool": "t"},
                 {"flagged": 3, "by": dg.MetadataValue.json({"a": 1, "b": 4}), "bounds": dg.MetadataValue.json({"x": {"min": 1}}), "tool": "t"}):
        add_metadata(total, part)
    assert total["flagged"] == 5 and total["by"] == dg.MetadataValue.json({"a": 2, "b": 4})
    assert total["bounds"] == dg.MetadataValue.json({"x": {"min": 1}}) and total["tool"] == "t"


def chunked_steps_output(settings: Settings) -> dict[str, object]:
    result = materialize(settings)
    found: dict[str, object] = {}
    for step in (s for s in STEPS if s.row_by_row):
        found[step.name] = (query(settings, f"SELECT * FROM {step.name} ORDER BY id, source, source_id"),
                            query(settings, f"SELECT * FROM quarantine WHERE step = '{step.name}' ORDER BY ALL"),
                            metadata(result, step.name))
    return found


def test_a_row_by_row_step_decides_in_chunks_what_it_decides_on_the_whole_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps that decide each row alone read their input a chunk at a time: with 7-row chunks, every one of them writes the same
    table, quarantine and metadata as with the whole sample table in one chunk."""
    assert {s.name for s in STEPS if s.row_by_row} == {"filter_language", "scrub_phi", "filter_length", "flag_mcq"}
    read: list[int] = []
    original = runner.chunks

    def counted(con: object, table: str):  # type: ignore[no-untyped-def]
        for rows in original(con, table):  # type: ignore[arg-type]
            read.append(rows.height)
            yield rows

    monkeypatch.setattr(runner, "chunks", counted)
    whole = chunked_steps_output(offline_settings(tmp_path / "whole.duckdb"))
    assert len(read) == 4  # one chunk per step
    monkeypatch.setattr(runner, "CHUNK_ROWS", 7)
    read.clear()
    in_chunks = chunked_steps_output(offline_settings(tmp_path / "chunks.duckdb"))
    assert len(read) > 4 * 2 and max(read) == 7  # several chunks per step
    for name, (table, quarantined, meta) in whole.items():
        chunked_table, chunked_quarantine, chunked_meta = in_chunks[name]
        assert chunked_table == table and chunked_quarantine == quarantined, name
        assert chunked_meta == meta, name
