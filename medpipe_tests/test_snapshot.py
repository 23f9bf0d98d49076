"""The generation inputs exported for the workers (warehouse/snapshot.py): on a local folder and on a filesystem URI (pyarrow's
in-memory mock filesystem standing for an object store)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from medpipe.warehouse.partitions import PartitionStore
from medpipe.warehouse.snapshot import FOLDER, NoInputs, export_inputs, open_inputs

TABLES = (("sources", "medqa"), ("main", "llm_cache"), ("sources", "never_built"))


def warehouse(tmp_path: Path, rows: int) -> tuple[duckdb.DuckDBPyConnection, Path]:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA sources")
    con.execute(f"CREATE TABLE sources.medqa AS SELECT i AS n, 'q' || i AS question FROM range({rows}) t(i)")
    con.execute("CREATE TABLE llm_cache (key VARCHAR, response VARCHAR)")
    con.execute("INSERT INTO llm_cache VALUES ('k', 'reply')")
    index = tmp_path / "medpipe.faiss"
    index.write_bytes(b"faiss index bytes")
    return con, index


def test_a_local_export_is_read_under_the_warehouse_names_and_keeps_two_versions(tmp_path: Path) -> None:
    store = PartitionStore(tmp_path / "parts")
    with pytest.raises(NoInputs, match="Materialise `generation_inputs` first"), open_inputs(store):
        pass
    for rows in (3, 4, 5):
        con, index = warehouse(tmp_path, rows)
        snapshot = export_inputs(con, store, TABLES, [index, tmp_path / "absent.faiss"])
    assert snapshot.tables == {"sources.medqa": 5, "main.llm_cache": 1} and snapshot.files == ["medpipe.faiss"]  # what exists only
    assert len(list((tmp_path / "parts" / FOLDER).iterdir())) == 3  # CURRENT, this version and the one before it
    assert store.committed() == []  # the export is no dataset of the store
    with open_inputs(store) as (reader, files, opened):
        assert opened == snapshot
        assert reader.execute('SELECT count(*), max(question) FROM "sources"."medqa"').fetchone() == (5, "q4")
        assert reader.execute("SELECT response FROM llm_cache WHERE key = 'k'").fetchone() == ("reply",)
        assert (files / "medpipe.faiss").read_bytes() == b"faiss index bytes"


def test_an_object_store_export_downloads_its_files_for_the_block_only(tmp_path: Path) -> None:
    store = PartitionStore("mock:///bucket/parts")
    con, index = warehouse(tmp_path, 3)
    export_inputs(con, store, TABLES, [index])
    with open_inputs(store) as (reader, files, _):
        assert reader.execute("SELECT count(*) FROM sources.medqa").fetchone() == (3,)
        assert (files / "medpipe.faiss").read_bytes() == b"faiss index bytes"
    assert not files.exists()
