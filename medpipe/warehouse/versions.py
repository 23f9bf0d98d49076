"""Skip a step that has nothing new to do: its inputs (table versions, file fingerprints), config and code are what
they were when it last wrote its output, and the output is still there.

A step computes `inputs_key(...)` of everything it reads, asks `up_to_date`, and after a real run calls `record_step` in
the transaction that writes its output, so a crash between the two can never leave a record of work that was not kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from medpipe.settings import PACKAGE_DIR, PROJECT_ROOT, SQL_DIR
from medpipe.warehouse.store import statement, table_exists


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of medpipe's code and SQL: any edit re-runs every step once (the embedding and LLM caches still hold)."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *SQL_DIR.glob("*.sql")]):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_fingerprints(paths: list[Path] | tuple[Path, ...]) -> list[tuple[str, int, int]]:
    """Name, size and modification time of each file, as make does: a changed file re-runs the step that reads it."""
    return [(str(path.resolve()), stat.st_size, stat.st_mtime_ns) for path in sorted(paths) for stat in (path.stat(),)]


def inputs_key(step: str, **inputs: Any) -> str:
    """The hash of a step's name, the code, and whatever it reads (JSON-able values; configs and resources as their fields)."""
    payload = {"step": step, "code": code_version(), **{name: plain(value) for name, value in inputs.items()}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:32]


def up_to_date(con: duckdb.DuckDBPyConnection, step: str, key: str, outputs: tuple[tuple[str, str], ...]) -> dict[str, Any] | None:
    """The metadata the step reported when it last ran on these inputs, if every output (schema, table) still exists."""
    con.execute(statement("step_versions_create"))
    found = con.execute("SELECT inputs, metadata FROM step_versions WHERE step = $step", {"step": step}).fetchone()
    if not found or found[0] != key or not all(table_exists(con, schema, table) for schema, table in outputs):
        return None
    return json.loads(found[1])


def record_step(con: duckdb.DuckDBPyConnection, step: str, key: str, metadata: dict[str, Any]) -> None:
    """Call inside the transaction that writes the step's output."""
    con.execute(statement("step_versions_create"))
    con.execute("INSERT OR REPLACE INTO step_versions (step, inputs, metadata) VALUES ($step, $inputs, $metadata)",
                {"step": step, "inputs": key, "metadata": json.dumps(plain(metadata), default=str)})


def plain(value: Any) -> Any:
    """Configs, resources and Dagster metadata values as plain JSON-able values."""
    if isinstance(value, dg.MetadataValue):
        return plain(value.value)
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    return value
