"""Partitioned outputs that do not need DuckDB's single writer: each partition of a generated table is a set of Parquet files under a
storage root (a local folder, or any pyarrow filesystem URI such as s3://bucket/prefix), committed atomically by a record.

Layout, per dataset (a generated source table) and partition:

    <root>/<dataset>/<partition>/rows-<version>.parquet        the partition's rows (the unified row schema)
    <root>/<dataset>/<partition>/quarantine-<version>.parquet  its rejected slots
    <root>/<dataset>/<partition>/llm_cache-<version>.parquet   the LLM calls it made (the llm_cache columns)
    <root>/<dataset>/<partition>/pending/<key>.parquet         one LLM call each, written the moment it returns (before the commit)
    <root>/<dataset>/<partition>/_COMMITTED-<version>          JSON naming the version and its counts: written last, once, never replaced

Every attempt at a partition (a rerun, a celery redelivery, a partition backfilled twice, two of them at once) writes its files under a
version of its own, `<microseconds since 1970, 16 digits>-<8 random hex>`, later than every version already in the folder, and commits
by creating its record. The partition's committed version is its newest record's. No file is ever replaced, so the commit needs only a
file (object) that appears whole or not at all: a rename of a temporary file on a local disk, a put on an object store.

Attempts delete nothing but the pending calls their own commit holds. A commit also holds the calls other attempts kept (pending, or in
the newest record) by the time it took its version, so no paid call is lost whichever record ends up newest. (Versions order by the
hosts' clocks: were one ahead of another by more than a commit takes, a call could, in a rare interleaving, be asked again; a partition
is never left broken.) Older versions are deleted by `collect_garbage`, which `import_partitions` runs under the writer lock once it has
read the newest ones: an older version can never become the committed one again, and a worker reading it as it goes reads again.

A partition committed by the earlier layout (one `_COMMITTED` marker, replaced in place) is still read, as older than any record.

`import_partitions` loads committed partitions into the warehouse (run by `merged`, which holds the writer lock)."""

from __future__ import annotations

import json
import re
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

MARKER = "_COMMITTED"  # the earlier layout's one marker, replaced in place
RECORD = "_COMMITTED-"  # + version: one attempt's commit
KINDS = ("rows", "quarantine", "llm_cache")  # the files of a version: <kind>-<version>.parquet
RETRIES = 5  # reads of a partition whose newest version was superseded and deleted while it was being read
VERSION = re.compile(r"\d{16}-[0-9a-f]{8}")
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


def version_order(version: str) -> tuple[bool, str]:
    """Versions of this layout order by their time stamp (fixed width, so as strings); any other (the earlier layout's) before them."""
    return VERSION.fullmatch(version) is not None, version


def version_of(name: str) -> str | None:
    """The version a file of a partition's folder belongs to (one of its KINDS or its record); None for any other file."""
    if name.startswith(RECORD):
        return name.removeprefix(RECORD)
    kind, _, rest = name.partition("-")
    return rest.removesuffix(".parquet") if kind in KINDS and name.endswith(".parquet") else None


class PartitionStore:
    """Parquet files per partition under `root` (a folder path or a filesystem URI); safe for many writers, of one partition or many."""

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

    def write_atomic(self, path: str, write: Any) -> None:
        """Write to a temporary name and move it into place (a rename on a local disk; an object store's put is atomic already)."""
        self.fs.create_dir(path.rsplit("/", 1)[0], recursive=True)
        tmp = f"{path}.tmp-{uuid.uuid4().hex}"
        write(tmp)
        self.fs.move(tmp, path)

    def write_table(self, path: str, table: pa.Table) -> None:
        self.write_atomic(path, lambda tmp: pq.write_table(table, tmp, filesystem=self.fs))

    def write_bytes(self, path: str, data: bytes) -> None:
        def write(tmp: str) -> None:
            with self.fs.open_output_stream(tmp) as out:
                out.write(data)

        self.write_atomic(path, write)

    # ---- the LLM calls of a partition in progress ----

    def add_pending(self, dataset: str, partition: str, entry: dict[str, Any]) -> None:
        """One finished LLM call, kept at once: a worker killed later loses only the calls still in flight."""
        self.write_table(f"{self._dir(dataset, partition)}/pending/{entry['key']}.parquet", pa.Table.from_pylist([entry], schema=CACHE_SCHEMA))

    def cache_entries(self, dataset: str, partition: str) -> pa.Table:
        """The partition's committed LLM calls and those finished since (by attempts that have not committed), for a resumed partition.
        The pending calls are read first: one leaves them only once a record holding it is there to be read next."""
        pending = [self._read_if_there(p) for p in self.list_paths(f"{self._dir(dataset, partition)}/pending") if p.endswith(".parquet")]
        parts = [t for t in [self._committed_calls(dataset, partition), *pending] if t is not None]
        if not parts:
            return CACHE_SCHEMA.empty_table()
        return pa.concat_tables([t.cast(CACHE_SCHEMA) for t in parts])

    def _committed_calls(self, dataset: str, partition: str) -> pa.Table | None:
        for _ in range(RETRIES):
            marker = self.marker(dataset, partition)
            if marker is None:
                return None
            table = self._read_if_there(self.path(marker, "llm_cache"))
            if table is not None:
                return table
        raise FileNotFoundError(f"{self._dir(dataset, partition)}: the calls of its newest version keep disappearing")

    # ---- committing and reading partitions ----

    def commit(self, dataset: str, partition: str, rows: pa.Table, quarantine: pa.Table, cache: pa.Table) -> Committed:
        """Write the partition's files under a new version, then the record naming it; then drop the pending calls `cache` holds. The
        calls kept are `cache`'s and those other attempts at the partition kept meanwhile: none is lost whichever record is the newest."""
        folder = self._dir(dataset, partition)
        version = self._new_version(folder)  # before the others' calls are read, so that a later version holds every call this one drops
        cache = cache.cast(CACHE_SCHEMA)
        tables = dict(zip(KINDS, (rows, quarantine, self._with_calls_of_others(dataset, partition, cache))))
        for kind, table in tables.items():
            self.write_table(f"{folder}/{kind}-{version}.parquet", table)
        counts = {kind: table.num_rows for kind, table in tables.items()}
        self.write_bytes(f"{folder}/{RECORD}{version}", json.dumps({"version": version, "counts": counts}).encode("utf-8"))
        held = set(cache.column("key").to_pylist())
        for path in self.list_paths(f"{folder}/pending"):
            if path.rsplit("/", 1)[1].removesuffix(".parquet") in held:
                self._delete_if_there(path)
        return Committed(dataset, partition, version, counts)

    def _new_version(self, folder: str) -> str:
        """Now, or just after the newest version in the folder when this host's clock is behind the one that wrote it."""
        stamps = [int(v[:16]) + 1 for v in map(version_of, self._names(folder)) if v and VERSION.fullmatch(v)]
        return f"{max([time.time_ns() // 1000, *stamps]):016d}-{uuid.uuid4().hex[:8]}"

    def _with_calls_of_others(self, dataset: str, partition: str, cache: pa.Table) -> pa.Table:
        """`cache` and the calls kept by other attempts (pending, or in the newest record) that it does not have."""
        own = set(cache.column("key").to_pylist())
        others = {row["key"]: row for row in self.cache_entries(dataset, partition).to_pylist() if row["key"] not in own}
        return pa.concat_tables([cache, pa.Table.from_pylist(list(others.values()), schema=CACHE_SCHEMA)])

    def marker(self, dataset: str, partition: str) -> Committed | None:
        """The partition's committed version: its newest record's (the earlier layout's marker when it has no record)."""
        folder = self._dir(dataset, partition)
        for _ in range(RETRIES):
            commits = [name for name in self._names(folder) if name.startswith(RECORD) or name == MARKER]
            if not commits:
                return None
            path = f"{folder}/{max(commits, key=lambda name: version_order(name.removeprefix(RECORD)))}"
            try:
                with self.fs.open_input_stream(path) as stream:
                    data = json.loads(stream.read())
            except (FileNotFoundError, OSError):
                if self._exists(path):
                    raise
                continue  # superseded and deleted since the listing
            return Committed(dataset, partition, data["version"], data.get("counts", {}))
        raise FileNotFoundError(f"{folder}: its newest record keeps disappearing")

    def committed(self, dataset: str | None = None) -> list[Committed]:
        """Every committed partition (of one dataset, or of all), in a stable order."""
        folders = [p.rsplit("/", 1)[1] for p in self.list_paths(self.base, dirs=True)]
        datasets = [dataset] if dataset else [name for name in folders if not name.startswith("_")]  # "_inputs": warehouse/snapshot.py
        found = []
        for name in sorted(datasets):
            for folder in sorted(self.list_paths(f"{self.base}/{name}", dirs=True)):
                marker = self.marker(name, folder.rsplit("/", 1)[1])
                if marker:
                    found.append(marker)
        return found

    def collect_garbage(self, parts: Iterable[Committed]) -> None:
        """Delete the versions older than these committed ones (their files and records, and the earlier layout's marker). For the
        importer only, under the writer lock, once it has read them."""
        for part in parts:
            if not VERSION.fullmatch(part.version):
                continue  # committed by the earlier layout, which kept no older version
            folder = self._dir(part.dataset, part.partition)
            for name in self._names(folder):
                version = version_of(name)
                if name == MARKER or (version is not None and version_order(version) < version_order(part.version)):
                    self._delete_if_there(f"{folder}/{name}")

    def path(self, committed: Committed, kind: str) -> str:
        return f"{self._dir(committed.dataset, committed.partition)}/{kind}-{committed.version}.parquet"

    def read(self, committed: Committed, kind: str) -> pa.Table:
        return self.read_path(self.path(committed, kind))

    def read_path(self, path: str) -> pa.Table:
        return pq.read_table(path, filesystem=self.fs)

    def _read_if_there(self, path: str) -> pa.Table | None:
        """The file's table; None when it is not there (deleted since it was listed)."""
        try:
            return self.read_path(path)
        except (FileNotFoundError, OSError):
            if self._exists(path):
                raise
            return None

    def _delete_if_there(self, path: str) -> None:
        try:
            self.fs.delete_file(path)
        except (FileNotFoundError, OSError):
            if self._exists(path):
                raise

    def _names(self, folder: str) -> list[str]:
        return [path.rsplit("/", 1)[1] for path in self.list_paths(folder)]

    def list_paths(self, folder: str, dirs: bool = False) -> list[str]:
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
    store.collect_garbage(committed)
    return todo
