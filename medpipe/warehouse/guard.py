"""No silent wipe: an input that is missing or empty where the previous build had content fails the asset, naming the setting and
what would be lost, and the previous output stays; `allow_empty` (MEDPIPE_ALLOW_EMPTY=1, `medpipe build --allow-empty`) makes an
empty input deliberate."""

from __future__ import annotations

import dagster as dg
import duckdb

from medpipe.warehouse.store import table_exists, table_ref


def refuse_empty_input(con: duckdb.DuckDBPyConnection, schema: str, table: str, setting: str, what: str, allow_empty: bool) -> None:
    """Raise dg.Failure when `schema.table` (the output the empty input would replace) holds rows and the emptiness is not allowed."""
    if allow_empty or not table_exists(con, schema, table):
        return
    rows = con.execute(f"SELECT count(*) FROM {table_ref(schema, table)}").fetchone()[0]  # type: ignore[index]
    if rows:
        raise dg.Failure(description=f"{setting} {what}: building would replace the {rows:,} rows of {schema}.{table} (and what is built from it) "
                                     "with none. The previous output is kept. Fix the setting, or build with --allow-empty (MEDPIPE_ALLOW_EMPTY=1) "
                                     "to empty it on purpose.", allow_retries=False)
