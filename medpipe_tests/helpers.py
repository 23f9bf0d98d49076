from __future__ import annotations

import dagster as dg
import duckdb

from medpipe.definitions import defs
from medpipe.resources import SourceSettings, Warehouse
from medpipe.settings import Settings


def materialize(settings: Settings, selection: str = "*final", raise_on_error: bool = True) -> dg.ExecuteInProcessResult:
    """Materialise a selection of the project's assets against the given settings' DuckDB file."""
    resources = {"warehouse": Warehouse(database=str(settings.duckdb_path)), "source_settings": SourceSettings.from_settings(settings)}
    return dg.materialize(list(defs.assets or []), resources=resources, selection=selection, raise_on_error=raise_on_error)


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).fetchall()
