"""Where each source's rows came from in this build and under which licence: the files actually read, not the Hub entry the
catalog describes. A local folder's licence is its own licence file; a file with none is `unknown`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from medpipe.warehouse.store import statement

LICENCE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "LICENCE.txt", "COPYING")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Provenance:
    origin: str  # "hub <id@revision>", "local folder <name>", "bundled sample", "sources file <name>"
    licence: str  # of what was read: the Hub's tag, the folder's licence file's first line, the configured one, or "unknown"
    configured_licence: bool  # the licence was stated by whoever added the source (the catalog for the Hub, the sources file)


def folder_licence(folder: Path) -> str:
    for name in LICENCE_FILES:
        path = folder / name
        if path.is_file():
            first = next((line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()), "")
            return f"{first[:80]} ({name})" if first else UNKNOWN
    return UNKNOWN


def build_provenance(con: duckdb.DuckDBPyConnection, catalog_licences: dict[str, str]) -> dict[str, Provenance]:
    """Per source loaded in this warehouse (source_loads): its origin and the licence of what was read."""
    con.execute(statement("source_loads_create"))
    found = {}
    for source, origin in con.execute("SELECT source, origin FROM source_loads ORDER BY source").fetchall():
        kind, _, where = origin.partition(": ")
        if kind == "hub":
            found[source] = Provenance(f"Hub {where}", catalog_licences.get(source, UNKNOWN), True)
        elif kind == "sample":
            found[source] = Provenance("bundled sample (written by medpipe in the source's schema)", "the medpipe project's", True)
        elif kind == "config_file":
            found[source] = Provenance(f"sources file entry: {Path(where).name}", catalog_licences.get(source, UNKNOWN), True)
        else:
            folder = Path(where)
            found[source] = Provenance(f"local folder `{folder.name}`", folder_licence(folder) if folder.is_dir() else UNKNOWN, False)
    return found


def skipped_sources(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, str]:
    """Sources whose last run read nothing, with why (their asset's recorded reason)."""
    con.execute(statement("step_versions_create"))
    recorded = dict(con.execute("SELECT step, metadata FROM step_versions WHERE step IN (SELECT unnest($names))", {"names": names}).fetchall())
    out = {}
    for name in names:
        metadata = json.loads(recorded[name]) if name in recorded else {}
        if metadata.get("status") == "skipped":
            out[name] = str(metadata.get("reason", "no reason recorded"))
    return out


def quarantine_by_reason(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    con.execute(statement("quarantine_create"))
    return {f"{step}: {reason}": n
            for step, reason, n in con.execute("SELECT step, reason, count(*) FROM quarantine GROUP BY ALL ORDER BY 1, 2").fetchall()}


def unknown_licences(provenance: dict[str, Provenance], allowed: list[str]) -> dict[str, str]:
    """Sources whose files read carry no licence (and none is configured): kept off the Hub unless listed in `allowed`."""
    return {name: "the files read carry no licence; state it in the catalog or the sources file (or list the source in the hub's "
                  "`push_unknown_licence`) to publish it" for name, found in provenance.items() if found.licence == UNKNOWN and name not in allowed}
