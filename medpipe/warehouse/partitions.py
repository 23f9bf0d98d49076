"""Partitioned outputs that do not need DuckDB's single writer: each partition of a generated table is a set of Parquet files under a
storage root (a local folder, or any pyarrow filesystem URI such as s3://bucket/prefix), committed atomically by a marker.

Layout, per dataset (a generated source table) and partition:

    <root>/<dataset>/<partition>/rows-<version>.parquet        the partition's rows (the unified row schema)
    <root>/<dataset>/<partition>/quarantine-<version>.parquet  its rejected slots
    <root>/<dataset>/<partition>/llm_cache-<version>.parquet   the LLM calls it made (the llm_cache columns)
    <root>/<dataset>/<partition>/pending/<key>.parquet         one LLM call each, written the moment it returns (before the commit)
    <root>/<dataset>/<partition>/_COMMITTED                    JSON naming the version: written last, so a reader sees all or nothing

A rewrite of a partition writes a new version and then moves the marker: idempotent, and a crash before the marker keeps the old one.
`import_partitions` loads committed partitions into the warehouse (run by `merged`, which holds the writer lock)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import duckdb
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from medpipe.warehouse.store import statement, transaction

MARKER = "_COMMITTED"
CACHE_SCHEMA = pa.schema([("key", pa.string()), ("model", pa.string()), ("prompt_version", pa.string()), ("prompt", pa.string()),
                          ("options", pa.string()), ("response", pa.string()), ("host", pa.string()), ("prompt_tokens", pa.int32()),
                          ("generated_tokens", pa.int32()), ("generation_ns", pa.int64())])
IMPORTS_DDL = """CREATE TABLE IF NOT EXISTS partition_imports (dataset VARCHAR, partition VARCHAR, version VARCHAR, root VARCHAR,
                 imported_at TIMESTAMP DEFAULT current_timestamp, PRIMARY KEY (dataset, partition))"""


@dataclass(frozen=True)
class Committed:
    dataset: str
    partition: str
    version: str
    counts: dict[str, int]


class PartitionStore:
    """Parquet files per partition under `root` (a folder path or a filesystem URI); safe for many writers of different partitions."""

    def __init__(self, root: str | Path) -> None:
        self.root = str(root)
        if "://" in self.root and not self.root.startswith("file://"):
            self.fs, self.base = pafs.FileSystem.from_uri(self.root)
            self.local = False
        else:
            self.fs, self.base = pafs.LocalFileSystem(), str(Path(self.root.removeprefix("file://")).resolve())
            self.local = True

    def _dir(self, dataset: str, partition: str) -> str:
        return f"{self.base}/{dataset}/{partition}"

    def _exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def _write_atomic(self, path: str, write: Any) -> None:
        """Write to a temporary name and move it into place (a rename on a local disk; an object store's put is atomic already)."""
        self.fs.create_dir(path.rsplit("/", 1)[0], recursive=True)
        tmp = f"{path}.tmp-{uuid.uuid4().hex}"
        write(tmp)
        self.fs.move(tmp, path)

    def _write_table(self, path: str, table: pa.Table) -> None:
        self._write_atomic(path, lambda tmp: pq.write_table(table, tmp, filesystem=self.fs))

    # ---- the LLM calls of a partition in progress ----

    def add_pending(self, dataset: str, partition: str, entry: dict[str, Any]) -> None:
        """One finished LLM call, kept at once: a worker killed later loses only the calls still in flight."""
        self._write_table(f"{self._dir(dataset, partition)}/pending/{entry['key']}.parquet", pa.Table.from_pylist([entry], schema=CACHE_SCHEMA))

    def cache_entries(self, dataset: str, partition: str) -> pa.Table:
        """The partition's committed LLM calls and those finished since (by a run that did not commit), for a resumed partition."""
        parts = []
        marker = self.marker(dataset, partition)
        if marker:
            parts.append(self._read(f"{self._dir(dataset, partition)}/llm_cache-{marker.version}.parquet"))
        pending = self._list(f"{self._dir(dataset, partition)}/pending")
        parts += [self._read(p) for p in pending if p.endswith(".parquet")]
        if not parts:
            return CACHE_SCHEMA.empty_table()
        table = pa.concat_tables([t.cast(CACHE_SCHEMA) for t in parts])
        return table

    # ---- committing and reading partitions ----

    def commit(self, dataset: str, partition: str, rows: pa.Table, quarantine: pa.Table, cache: pa.Table) -> Committed:
        """Write the partition's three files under a new version, then the marker naming it; then drop older versions and pending calls."""
        folder, version = self._dir(dataset, partition), f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tables = {"rows": rows, "quarantine": quarantine, "llm_cache": cache.cast(CACHE_SCHEMA)}
        for kind, table in tables.items():
            self._write_table(f"{folder}/{kind}-{version}.parquet", table)
        counts = {kind: table.num_rows for kind, table in tables.items()}
        payload = json.dumps({"version": version, "counts": counts}).encode("utf-8")

        def write_marker(tmp: str) -> None:
            with self.fs.open_output_stream(tmp) as out:
                out.write(payload)

        self._write_atomic(f"{folder}/{MARKER}", write_marker)
        for path in self._list(folder):
            name = path.rsplit("/", 1)[1]
            if name.endswith(".parquet") and not name.endswith(f"-{version}.parquet"):
                self.fs.delete_file(path)
        if self._exists(f"{folder}/pending"):
            self.fs.delete_dir(f"{folder}/pending")
        return Committed(dataset, partition, version, counts)

    def marker(self, dataset: str, partition: str) -> Committed | None:
        path = f"{self._dir(dataset, partition)}/{MARKER}"
        try:
            with self.fs.open_input_stream(path) as stream:
                data = json.loads(stream.read())
        except (FileNotFoundError, OSError, ValueError):
            return None
        return Committed(dataset, partition, data["version"], data.get("counts", {}))

    def committed(self, dataset: str | None = None) -> list[Committed]:
        """Every committed partition (of one dataset, or of all), in a stable order."""
        datasets = [dataset] if dataset else [p.rsplit("/", 1)[1] for p in self._list(self.base, dirs=True)]
        found = []
        for name in sorted(datasets):
            for folder in sorted(self._list(f"{self.base}/{name}", dirs=True)):
                marker = self.marker(name, folder.rsplit("/", 1)[1])
                if marker:
                    found.append(marker)
        return found

    def path(self, committed: Committed, kind: str) -> str:
        return f"{self._dir(committed.dataset, committed.partition)}/{kind}-{committed.version}.parquet"

    def read(self, committed: Committed, kind: str) -> pa.Table:
        return self._read(self.path(committed, kind))

    def _read(self, path: str) -> pa.Table:
        return pq.read_table(path, filesystem=self.fs)

    def _list(self, folder: str, dirs: bool = False) -> list[str]:
        try:
            infos = self.fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
        except (FileNotFoundError, OSError):
            return []
        wanted = pafs.FileType.Directory if dirs else pafs.FileType.File
        return sorted(i.path for i in infos if i.type == wanted and ".tmp-" not in i.path)


def store_of(resource: Any) -> PartitionStore | None:
    """The partition store a warehouse resource names (`partition_root`), or None when it names none."""
    return PartitionStore(resource.partition_root) if resource.partition_root else None


def relation(con: duckdb.DuckDBPyConnection, store: PartitionStore, parts: Iterable[Committed], kind: str) -> duckdb.DuckDBPyRelation | None:
    """One kind of file of the given partitions as a DuckDB relation: read_parquet on a local root; through pyarrow on any other."""
    parts = list(parts)
    if not parts:
        return None
    if store.local:
        return con.read_parquet([store.path(p, kind) for p in parts], union_by_name=True)
    return con.from_arrow(pa.concat_tables([store.read(p, kind) for p in parts], promote_options="default"))


def import_partitions(con: duckdb.DuckDBPyConnection, store: PartitionStore, write_partition: Any) -> list[Committed]:
    """Load every committed partition not imported yet (or committed again since) into the warehouse: its rows and quarantine through
    `write_partition(con, dataset, partition, rows_relation, quarantine_relation)`, its LLM calls into llm_cache. Call under the writer lock."""

    committed = store.committed()
    if not committed:  # nothing was ever generated into the store (the one-machine default): the warehouse is left as it is
        return []
    con.execute(IMPORTS_DDL)
    con.execute(statement("llm_cache_create"))
    done = {(d, p): v for d, p, v in con.execute("SELECT dataset, partition, version FROM partition_imports").fetchall()}
    todo = [c for c in committed if done.get((c.dataset, c.partition)) != c.version]
    for part in todo:
        with transaction(con):
            write_partition(con, part.dataset, part.partition, relation(con, store, [part], "rows"), relation(con, store, [part], "quarantine"))
            cache = relation(con, store, [part], "llm_cache")
            if cache is not None:
                con.register("partition_cache", cache)
                try:
                    con.execute(f"INSERT OR IGNORE INTO llm_cache ({', '.join(CACHE_SCHEMA.names)}) SELECT {', '.join(CACHE_SCHEMA.names)} "
                                "FROM partition_cache")
                finally:
                    con.unregister("partition_cache")
            con.execute("INSERT OR REPLACE INTO partition_imports (dataset, partition, version, root) VALUES ($d, $p, $v, $r)",
                        {"d": part.dataset, "p": part.partition, "v": part.version, "r": store.root})
    return todo
