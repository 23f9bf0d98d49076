"""The statements in sql/, one per file, named after the step that runs it."""

from __future__ import annotations

from functools import lru_cache

from medpipe.settings import SQL_DIR


@lru_cache(maxsize=None)
def statement(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def quote_ident(name: str) -> str:
    """A DuckDB identifier; table names come from the catalog, never from data, and are still quoted."""
    return '"' + name.replace('"', '""') + '"'


def table_ref(schema: str, table: str) -> str:
    return f"{quote_ident(schema)}.{quote_ident(table)}"
