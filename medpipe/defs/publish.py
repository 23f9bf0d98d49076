"""The release gate (Great Expectations on `final`, as blocking checks) and `hub_release`."""

import dagster as dg
import polars as pl

from medpipe.defs.curated import LengthBounds, final
from medpipe.lib.expectations import GateSettings, Outcome, row_bounds_from_previous, validate_final
from medpipe.lib.hub import push_folder
from medpipe.lib.release import SourceInfo, write_release
from medpipe.lib.sql import statement
from medpipe.lib.warehouse import read_table
from medpipe.resources import DUCKDB_POOL, HubPublisher, Warehouse
from medpipe.sources.catalog import CATALOG, INCLUDED, SYNTHETIC_SOURCES

GATE_CHECKS = ["final_schema", "final_no_empty_text", "final_length_bounds", "final_source_in_catalog", "final_unique_id",
               "final_no_exact_duplicates", "final_no_phi", "final_synthetic_share", "final_source_counts"]


def gate_settings(warehouse: Warehouse, hub: HubPublisher) -> GateSettings:
    bounds = LengthBounds()
    with warehouse.get_connection() as con:
        con.execute(statement("release_history_create"))
        previous = dict(con.execute(statement("release_history_last")).fetchall())
    return GateSettings(
        min_chars=bounds.min_chars, max_chars=bounds.max_chars, sources=frozenset(s.name for s in INCLUDED), synthetic_sources=SYNTHETIC_SOURCES,
        max_synthetic_share=hub.max_synthetic_share, row_bounds=row_bounds_from_previous(previous, hub.max_source_shrink, hub.max_source_growth),
    )


def run_gate(warehouse: Warehouse, hub: HubPublisher) -> list[Outcome]:
    with warehouse.get_connection() as con:
        rows = read_table(con, "main", "final")
    return validate_final(rows, gate_settings(warehouse, hub))


@dg.multi_asset_check(specs=[dg.AssetCheckSpec(name, asset=final, blocking=True) for name in GATE_CHECKS], can_subset=False)
def final_expectations(warehouse: Warehouse, hub: HubPublisher):
    """The Great Expectations suite on `final`; any failure blocks the release."""
    outcomes = run_gate(warehouse, hub)
    for name in GATE_CHECKS:
        mine = [o for o in outcomes if o.check == name]
        failed = [o for o in mine if not o.success]
        yield dg.AssetCheckResult(
            check_name=name, asset_key=final.key, passed=not failed,
            metadata={
                "expectations": len(mine), "failed_expectations": dg.MetadataValue.json([o.expectation for o in failed]),
                "unexpected_rows": sum(o.unexpected for o in failed), "examples": dg.MetadataValue.json([e for o in failed for e in o.examples][:5]),
            },
        )


@dg.asset(deps=[final], group_name="publish", kinds={"huggingface", "parquet"}, pool=DUCKDB_POOL)
def hub_release(context: dg.AssetExecutionContext, warehouse: Warehouse, hub: HubPublisher) -> dg.MaterializeResult:
    """Hub-ready dataset folder (Parquet shards, card, plots, chat and Alpaca exports), pushed when a repo and token are set."""
    failed = [o for o in run_gate(warehouse, hub) if not o.success]
    if failed:  # the blocking checks stop a normal run first; this guards a run that skipped them
        raise dg.Failure(description="release gate failed: " + "; ".join(f"{o.check}: {o.expectation}" for o in failed))
    with warehouse.get_connection() as con:
        rows = read_table(con, "main", "final")
    sources = [SourceInfo(s.name, s.hub_id, s.license) for s in INCLUDED]
    withheld = {s.name: s.not_redistributable for s in INCLUDED if s.not_redistributable}
    excluded = {s.name: s.excluded for s in CATALOG if s.excluded} | {name: f"in `final` for local training, not republished: {why}" for name, why in withheld.items()}
    release = write_release(rows.filter(~pl.col("source").is_in(list(withheld))), hub.release_dir(warehouse.database), sources, excluded)
    with warehouse.get_connection() as con:
        con.execute(statement("release_history_create"))
        con.execute(statement("release_history_insert"), {"data_version": release.data_version})
    pushed = "not pushed: set MEDPIPE_HUB_REPO and HF_TOKEN to publish"
    if hub.repo_id and hub.token:
        pushed = push_folder(release.folder, hub.repo_id, hub.token, hub.endpoint, hub.private, f"medpipe release {release.data_version}")
        context.log.info(f"pushed release {release.data_version} to {hub.repo_id}")
    else:
        context.log.info(pushed)
    return dg.MaterializeResult(
        data_version=dg.DataVersion(release.data_version),
        metadata={"dagster/row_count": sum(release.rows_by_split.values()), "folder": str(release.folder), "data_version": release.data_version,
                  "pipeline_version": release.pipeline_version, "rows_by_split": dg.MetadataValue.json(release.rows_by_split), "hub": pushed,
                  "card": dg.MetadataValue.md((release.folder / "README.md").read_text(encoding="utf-8").split("---", 2)[2][:3000])},
    )


publish_assets = [hub_release]
publish_checks = [final_expectations]
