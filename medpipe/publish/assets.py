"""Publish: the release gate (a Great Expectations suite as blocking checks on `final`, run once per version) and `hub_release`."""

import json
import shutil
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from medpipe.curation.assets import final_version
from medpipe.curation.phi_scans import phi_findings
from medpipe.curation.runner import recorded_config
from medpipe.publish.gate import (CHECK_DESCRIPTIONS, CHECK_NAMES, GateSettings, Outcome, SuiteProcess, row_bounds_from_previous, shared_suite_process, source_counts,
                                  validate_final)
from medpipe.publish.hub import HubPublisher
from medpipe.publish.release import BuildFacts, SourceInfo, swap_in, write_release
from medpipe.sources.catalog import CATALOG, EVAL_SETS, INCLUDED, SYNTHETIC_SOURCES
from medpipe.warehouse.store import EVAL_QUESTIONS, FINAL, MAIN, Warehouse, read_table, statement, table_exists, table_version, transaction
from medpipe.warehouse.versions import inputs_key, record_step, up_to_date

FINAL_KEY = dg.AssetKey(FINAL)
GATE = "final_expectations"


class GateSuite(dg.ConfigurableResource):
    """Where the release gate's Great Expectations suite runs: a process of its own, started when a run that includes the gate
    starts (`gate.SuiteProcess`: its 4-6 s import then overlaps the run's first steps)."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        shared_suite_process()

    def runner(self) -> SuiteProcess:
        return shared_suite_process()


def gate_settings(con: duckdb.DuckDBPyConnection, hub: HubPublisher) -> GateSettings:
    """The gate's bounds: length bounds as the filter step last ran, row counts from the previous release."""
    bounds = recorded_config(con, "filter_length")
    if bounds is None:
        raise dg.Failure(description="the length filter never ran on this warehouse: materialise final and its upstream first")
    con.execute(statement("release_history_create"))
    previous = dict(con.execute("SELECT source, rows FROM release_history WHERE released_at = (SELECT max(released_at) FROM release_history)").fetchall())
    return GateSettings(
        min_chars=bounds["min_chars"], max_chars=bounds["max_chars"], sources=frozenset(s.name for s in INCLUDED), synthetic_sources=SYNTHETIC_SOURCES,
        max_synthetic_share=hub.max_synthetic_share, row_bounds=row_bounds_from_previous(previous, hub.max_source_shrink, hub.max_source_growth),
    )


@dg.multi_asset_check(specs=[dg.AssetCheckSpec(name, asset=FINAL_KEY, blocking=True, description=CHECK_DESCRIPTIONS[name]) for name in CHECK_NAMES], can_subset=False)
def final_expectations(warehouse: Warehouse, hub: HubPublisher, gate_suite: GateSuite):
    """The Great Expectations suite on `final`; any failure blocks the release. Outcomes are recorded per version of final;
    the suite runs once per content of final and gate settings (a rerun on the same ones reports the recorded outcome)."""
    with warehouse.get_connection() as con:
        settings, version = gate_settings(con, hub), final_version(con)
        key = inputs_key(GATE, final=table_version(con, MAIN, FINAL), settings=settings)
        results, fresh = up_to_date(con, GATE, key, outputs=((MAIN, FINAL),)), False
        if results is None:
            rows = read_table(con, MAIN, FINAL)
            results, fresh = check_results(validate_final(rows, settings, phi_findings(con, rows), gate_suite.runner()), version), True
        con.execute(statement("gate_results_create"))
        with transaction(con):  # also when skipped: the outcome recorded for this version is this content's
            for name, result in results.items():
                con.execute(statement("gate_results_record"), {"data_version": version, "check_name": name, "passed": result["passed"]})
            record_step(con, GATE, key, results)
    for name, result in results.items():
        metadata = {k: dg.MetadataValue.json(v) if isinstance(v, list) else v for k, v in result["metadata"].items()}
        yield dg.AssetCheckResult(check_name=name, asset_key=FINAL_KEY, passed=result["passed"],
                                  metadata=metadata | ({} if fresh else {"up_to_date": "final and the gate's settings unchanged: outcome of the last run"}))


def check_results(outcomes: list[Outcome], version: str) -> dict[str, dict[str, Any]]:
    """Per check: passed, and the metadata its AssetCheckResult shows (plain values, so that they can be recorded)."""
    results = {}
    for name in CHECK_NAMES:
        mine = [o for o in outcomes if o.check == name]
        failed = [o for o in mine if not o.success]
        results[name] = {"passed": not failed, "metadata": {
            "data_version": version, "expectations": len(mine), "failed_expectations": [o.expectation for o in failed],
            "unexpected_rows": sum(o.unexpected for o in failed), "examples": [e for o in failed for e in o.examples][:5]}}
    return results


def gate_outcome(con: duckdb.DuckDBPyConnection, version: str) -> dict[str, bool]:
    con.execute(statement("gate_results_create"))
    return dict(con.execute("SELECT check_name, passed FROM gate_results WHERE data_version = $v", {"v": version}).fetchall())


def build_facts(con: duckdb.DuckDBPyConnection, withheld: dict[str, str], export_reasoning: bool) -> BuildFacts:
    con.execute(statement("curation_runs_create"))
    configs = {step: json.loads(config) for step, config in con.execute("SELECT step, config FROM curation_runs").fetchall()}
    loaded = dict(con.execute(f"SELECT eval_set, count(*) FROM {EVAL_QUESTIONS} GROUP BY 1 ORDER BY 1").fetchall()) if table_exists(con, MAIN, EVAL_QUESTIONS) else {}
    excluded = {s.name: s.excluded for s in CATALOG if s.excluded} | {name: f"in `final` for local training, not republished: {why}" for name, why in withheld.items()}
    return BuildFacts(sources=[SourceInfo(s.name, s.hub_id, s.license) for s in INCLUDED], excluded=excluded, step_configs=configs,
                      eval_sets_loaded=loaded, eval_sets_skipped=[e.name for e in EVAL_SETS if e.name not in loaded],
                      export_reasoning=export_reasoning)


@dg.asset(deps=[FINAL_KEY], group_name="publish", kinds={"huggingface", "parquet"})
def hub_release(context: dg.AssetExecutionContext, warehouse: Warehouse, hub: HubPublisher) -> dg.MaterializeResult:
    """Hub-ready dataset folder (Parquet shards, card, plots, chat and Alpaca exports), pushed when a repo and token are set."""
    withheld = {s.name: s.not_redistributable for s in INCLUDED if s.not_redistributable}
    with warehouse.get_connection() as con:
        version = final_version(con)
        outcome = gate_outcome(con, version)
        rows = read_table(con, MAIN, FINAL)
        facts = build_facts(con, withheld, hub.export_reasoning)
    missing, failed = [c for c in CHECK_NAMES if c not in outcome], [c for c, ok in outcome.items() if not ok]
    if missing or failed:  # the blocking checks stop a normal run first; this guards a run that skipped them
        raise dg.Failure(description=f"release gate on final {version}: " + (f"failed {', '.join(failed)}" if failed else
                         f"never ran ({', '.join(missing)}); materialise final with its checks first"))
    target = warehouse.data_dir / "release"
    release = write_release(rows.filter(~pl.col("source").is_in(list(withheld))), target, facts)
    pushed, published_to = "not pushed: set MEDPIPE_HUB_REPO and HF_TOKEN to publish", "local"
    if hub.configured:  # the release becomes current, and is recorded, only once the Hub has it
        try:
            pushed, published_to = hub.push(release.folder, f"medpipe release {release.data_version}"), hub.repo_id
        except Exception as exc:  # huggingface_hub raises HTTP, network and validation errors of many types
            shutil.rmtree(release.folder, ignore_errors=True)
            raise dg.Failure(description=f"pushing release {release.data_version} to {hub.repo_id} failed ({type(exc).__name__}: {exc}); "
                                         "the previous release and its record are unchanged. Check the network, HF_TOKEN and MEDPIPE_HUB_REPO, then re-run hub_release.") from exc
        context.log.info(f"pushed release {release.data_version} to {hub.repo_id}")
    else:
        context.log.info(pushed)
    release = swap_in(release, target)
    with warehouse.get_connection() as con:
        con.execute(statement("release_history_create"))
        with transaction(con):
            for source, n in source_counts(rows).iter_rows():  # counted as the gate counts them: the next release's bounds
                    con.execute(statement("release_history_insert"), {"data_version": release.data_version, "source": source, "rows": n,
                                                                  "published_to": published_to})
    return dg.MaterializeResult(
        data_version=dg.DataVersion(release.data_version),
        metadata={"dagster/row_count": sum(release.rows_by_split.values()), "folder": str(release.folder), "data_version": release.data_version,
                  "final_version": version, "pipeline_version": release.pipeline_version, "rows_by_split": dg.MetadataValue.json(release.rows_by_split),
                  "hub": pushed, "card": dg.MetadataValue.md((release.folder / "README.md").read_text(encoding="utf-8").split("---", 2)[2][:3000])},
    )


assets = [hub_release]
checks = [final_expectations]
