from __future__ import annotations

import dagster as dg
import duckdb

from medpipe.definitions import defs
from medpipe.settings import Settings, build_resources


def resources_for(settings: Settings) -> dict[str, object]:
    return build_resources(settings)


NOT_SYNTHETIC = dg.AssetSelection.all() - dg.AssetSelection.groups("synthetic")  # partitioned: generated in their own tests
FINAL = dg.AssetSelection.assets("final").upstream() & NOT_SYNTHETIC
RELEASE = dg.AssetSelection.assets("hub_release").upstream() & NOT_SYNTHETIC


def materialize(settings: Settings, selection: str | dg.AssetSelection = FINAL, raise_on_error: bool = True,
                instance: dg.DagsterInstance | None = None, **resources: object) -> dg.ExecuteInProcessResult:
    """Materialise a selection of the project's assets (and their checks) against the settings' DuckDB file."""
    return dg.materialize([*defs.assets, *defs.asset_checks], resources=resources_for(settings) | resources, selection=selection,
                          raise_on_error=raise_on_error, instance=instance)


def metadata(result: dg.ExecuteInProcessResult, node: str) -> dict[str, object]:
    return {key: value.value for key, value in result.asset_materializations_for_node(node)[0].metadata.items()}


def check_results(result: dg.ExecuteInProcessResult) -> dict[str, tuple[bool, dict[str, object]]]:
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    return {e.check_name: (e.passed, {k: v.value for k, v in e.metadata.items()}) for e in evaluations}


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).fetchall()
