"""The inputs of the partitioned generation steps, exported by the writer as files under the partition store, so that a worker never
opens the DuckDB file. (A read-only open takes a shared lock on the file: while any worker holds one, the writer cannot open it, and a
build that runs meanwhile fails on `Could not set lock`.)

Layout, under the partition store's root:

    _inputs/<version>/<schema>.<table>.parquet   each table a generation step reads, as it was when exported
    _inputs/<version>/files/<name>                each file beside the warehouse it reads (the FAISS index)
    _inputs/CURRENT                               JSON naming the version, its tables (with row counts) and files: replaced last

`export_inputs` runs under the writer lock (the `generation_inputs` asset). It writes a new version, then replaces CURRENT in one
atomic step (a rename on a local disk, a put on an object store), then deletes every version but this one and the one before it (a
worker may still be reading that). `open_inputs` reads CURRENT and gives an in-memory DuckDB connection whose schemas and views carry
the warehouse's names over that version's Parquet files, so the steps' SQL runs unchanged."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import dagster as dg
import duckdb
import pyarrow.fs as pafs

from medpipe.warehouse.partitions import PartitionStore
from medpipe.warehouse.store import quote_ident, table_exists, table_ref

FOLDER = "_inputs"  # a name no dataset has: PartitionStore.committed skips folders starting with "_"
CURRENT = "CURRENT"
KEPT_VERSIONS = 2  # the current version and the one before it


class NoInputs(dg.Failure):
    """The store holds no exported inputs yet: the step fails at once, without its retries."""


@dataclass(frozen=True)
class Snapshot:
    version: str
    exported_at: float
    tables: dict[str, int]  # "<schema>.<table>" -> rows
    files: list[str]


def export_inputs(con: duckdb.DuckDBPyConnection, store: PartitionStore, tables: Iterable[tuple[str, str]], files: Iterable[Path]) -> Snapshot:
    """Export the tables that exist (a missing one is left out, as the steps find it missing in the warehouse too) and the files that
    exist, as a new version; then make it the current one."""
    version = f"{time.time_ns() // 1000:016d}-{uuid.uuid4().hex[:8]}"
    folder = f"{store.base}/{FOLDER}/{version}"
    store.fs.create_dir(f"{folder}/files", recursive=True)
    exported: dict[str, int] = {}
    for schema, table in tables:
        if not table_exists(con, schema, table):
            continue
        exported[f"{schema}.{table}"] = _export_table(con, store, f"{folder}/{schema}.{table}.parquet", f"SELECT * FROM {table_ref(schema, table)}")
    copied = []
    for path in files:
        if path.is_file():
            pafs.copy_files(str(path), f"{folder}/files/{path.name}", source_filesystem=pafs.LocalFileSystem(), destination_filesystem=store.fs)
            copied.append(path.name)
    snapshot = Snapshot(version, time.time(), exported, copied)
    store.write_bytes(f"{store.base}/{FOLDER}/{CURRENT}", json.dumps(snapshot.__dict__).encode("utf-8"))
    for old in sorted(store.list_paths(f"{store.base}/{FOLDER}", dirs=True))[:-KEPT_VERSIONS]:
        if not old.endswith(f"/{version}"):
            store.fs.delete_dir(old)
    return snapshot


def _export_table(con: duckdb.DuckDBPyConnection, store: PartitionStore, path: str, query: str) -> int:
    """Write the query's rows to `path` atomically; the number of rows written."""
    if not store.local:
        rows = con.execute(query).to_arrow_table()
        store.write_table(path, rows)
        return rows.num_rows
    written = []  # DuckDB writes the file itself, streaming: the table never has to fit in memory

    def copy(tmp: str) -> None:
        written.append(con.execute(f"COPY ({query}) TO {_literal(tmp)} (FORMAT parquet)").fetchone()[0])  # type: ignore[index]

    store.write_atomic(path, copy)
    return int(written[0])


def current(store: PartitionStore) -> Snapshot:
    path = f"{store.base}/{FOLDER}/{CURRENT}"
    try:
        with store.fs.open_input_stream(path) as stream:
            return Snapshot(**json.loads(stream.read()))
    except FileNotFoundError:
        raise NoInputs(allow_retries=False, description=(
            f"no exported inputs at {store.root}/{FOLDER}: the generation steps on workers read the tables they need from there, never "
            "the DuckDB file. Materialise `generation_inputs` first, on the writer's machine (`MEDPIPE_EXECUTOR=in_process dagster asset "
            "materialize -m medpipe.definitions --select generation_inputs`), and again whenever the sources or the guideline corpus "
            "change.")) from None


@contextmanager
def open_inputs(store: PartitionStore) -> Iterator[tuple[duckdb.DuckDBPyConnection, Path, Snapshot]]:
    """(a connection to the current inputs, the folder of their files on this machine, the snapshot). The files of a remote store are
    downloaded to a temporary folder for the time of the block."""
    snapshot = current(store)
    folder = f"{store.base}/{FOLDER}/{snapshot.version}"
    con = duckdb.connect()
    local_files = None
    try:
        for name in snapshot.tables:
            schema, table = name.split(".", 1)
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {quote_ident(schema)}")
            source = f"{folder}/{name}.parquet"
            if store.local:
                con.execute(f"CREATE VIEW {table_ref(schema, table)} AS SELECT * FROM read_parquet({_literal(source)})")
            else:
                con.register(f"_{schema}_{table}", store.read_path(source))
                con.execute(f"CREATE VIEW {table_ref(schema, table)} AS SELECT * FROM {quote_ident(f'_{schema}_{table}')}")
        if store.local:
            files = Path(f"{folder}/files")
        else:
            local_files = Path(tempfile.mkdtemp(prefix="medpipe-inputs-"))
            for name in snapshot.files:
                pafs.copy_files(f"{folder}/files/{name}", str(local_files / name), source_filesystem=store.fs,
                                destination_filesystem=pafs.LocalFileSystem())
            files = local_files
        yield con, files, snapshot
    finally:
        con.close()
        if local_files is not None:
            shutil.rmtree(local_files, ignore_errors=True)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
