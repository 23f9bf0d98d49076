"""Publish: the release gate (a Great Expectations suite as blocking checks on `final`, run once per version) and `hub_release`."""

import json
import shutil
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from medpipe.curation.assets import final_version
from medpipe.curation.lengths import kind_bounds
from medpipe.curation.phi_scans import phi_findings
from medpipe.publish.audit import share_bounds
from medpipe.curation.runner import recorded_config
from medpipe.curation.steps import STEPS
from medpipe.publish.gate import (CHECK_DESCRIPTIONS, CHECK_NAMES, GateSettings, Outcome, SuiteProcess, row_bounds_from_previous,
                                  shared_suite_process, source_counts,
                                  validate_final)
from medpipe.publish.hub import HubPublisher
from medpipe.publish.integrity import contamination_frame, contamination_inputs
from medpipe.publish.provenance import build_provenance, quarantine_by_reason, skipped_sources, unknown_licences
from medpipe.publish.release import BuildFacts, SourceInfo, local_exports, swap_in, write_local_exports, write_release
from medpipe.review.audit import gate_audits, source_audits
from medpipe.review.judge import judge_summary
from medpipe.settings import Settings
from medpipe.sources.catalog import CATALOG, EVAL_SETS, INCLUDED, SYNTHETIC_SOURCES
from medpipe.warehouse.step import Output, Plan, Step, StepContext, markdown, run_step, step_asset
from medpipe.warehouse.health import mark_release_pending, reconcile_release
from medpipe.warehouse.store import EVAL_QUESTIONS, FINAL, MAIN, read_table, statement, table_exists, table_version, transaction
from medpipe.warehouse.resource import Warehouse

FINAL_KEY = dg.AssetKey(FINAL)
GATE = "final_expectations"


class GateSuite(dg.ConfigurableResource):
    """Where the release gate's Great Expectations suite runs: a process of its own, started when a run that includes the gate
    starts (`gate.SuiteProcess`: its 4-6 s import then overlaps the run's first steps)."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        shared_suite_process()

    def runner(self) -> SuiteProcess:
        return shared_suite_process()


def resources(settings: Settings) -> dict[str, Any]:
    """The HF token only as a dg.EnvVar, never as a value."""
    return {"gate_suite": GateSuite(), "hub": HubPublisher(repo_id=settings.hub_repo, token=dg.EnvVar("HF_TOKEN") if settings.hub_token_set else None,
                                                          endpoint=settings.hub_endpoint)}


def gate_settings(con: duckdb.DuckDBPyConnection, hub: HubPublisher) -> GateSettings:
    """The gate's bounds: length bounds as the filter step last ran, row counts from the previous release."""
    bounds = recorded_config(con, "filter_length")
    if bounds is None:
        raise dg.Failure(description="the length filter never ran on this warehouse: materialise final and its upstream first")
    con.execute(statement("release_history_create"))
    previous = dict(
        con.execute("SELECT source, rows FROM release_history WHERE released_at = (SELECT max(released_at) FROM release_history)").fetchall())
    return GateSettings(
        min_chars=bounds["min_chars"], max_chars=bounds["max_chars"], sources=frozenset(s.name for s in INCLUDED),
            synthetic_sources=SYNTHETIC_SOURCES,
        max_synthetic_share=hub.max_synthetic_share, row_bounds=row_bounds_from_previous(previous, hub.max_source_shrink, hub.max_source_growth),
        kind_bounds=kind_bounds(bounds),
        max_source_share=share_bounds([s.name for s in INCLUDED], {s.name: s.max_share for s in INCLUDED}, SYNTHETIC_SOURCES, hub.max_source_share),
        audits=gate_audits(con),
    )


def plan_gate(context: StepContext) -> Plan:
    hub: HubPublisher = context.resources["hub"]
    gate_suite: GateSuite = context.resources["gate_suite"]
    settings, version = gate_settings(context.con, hub), final_version(context.con)

    def run() -> Output:
        rows = read_table(context.con, MAIN, FINAL)
        results = check_results(validate_final(rows, settings, phi_findings(context.con, rows), gate_suite.runner(),
                                               contamination_frame(context.con, rows)),
                                version)
        return Output(write=lambda con: record_outcomes(con, version, results), metadata=results)

    # the outcome is recorded for this version also when the suite skips: the outcome recorded for a version is its content's
    return Plan({"final": table_version(context.con, MAIN, FINAL), "settings": settings, "contamination": contamination_inputs(context.con)}, run)


def record_outcomes(con: duckdb.DuckDBPyConnection, version: str, results: dict[str, dict[str, Any]]) -> None:
    con.execute(statement("gate_results_create"))
    for name, result in results.items():
        con.execute(statement("gate_results_record"), {"data_version": version, "check_name": name, "passed": result["passed"]})


gate_step = Step(GATE, "The Great Expectations suite on `final`, run once per content of final and gate settings.", plan_gate, "publish",
                 writes=((MAIN, FINAL),), resources=("hub", "gate_suite"))


@dg.multi_asset_check(specs=[dg.AssetCheckSpec(name, asset=FINAL_KEY, blocking=True, description=CHECK_DESCRIPTIONS[name]) for name in CHECK_NAMES],
                      can_subset=False,
                      required_resource_keys={"warehouse", "hub", "gate_suite"})
def final_expectations(context: dg.AssetCheckExecutionContext):
    """The Great Expectations suite on `final`; any failure blocks the release. Outcomes are recorded per version of final;
    the suite runs once per content of final and gate settings (a rerun on the same ones reports the recorded outcome)."""
    warehouse: Warehouse = context.resources.warehouse
    with warehouse.get_connection() as con:
        step_context = StepContext(con, None, {"hub": context.resources.hub, "gate_suite": context.resources.gate_suite}, warehouse, context.log)
        metadata, _, ran = run_step(gate_step, step_context)
        results = metadata if ran else metadata["last_run"].value
        if not ran:
            with transaction(con):
                record_outcomes(con, final_version(con), {name: results[name] for name in CHECK_NAMES})
    for name in CHECK_NAMES:
        result = results[name]
        shown = {k: dg.MetadataValue.json(v) if isinstance(v, list) else v for k, v in result["metadata"].items()}
        yield dg.AssetCheckResult(check_name=name, asset_key=FINAL_KEY, passed=result["passed"],
                                  metadata=shown | ({} if ran else
                                                    {"up_to_date": "final and the gate's settings unchanged: outcome of the last run"}))


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
    loaded = (dict(con.execute(f"SELECT eval_set, count(*) FROM {EVAL_QUESTIONS} GROUP BY 1 ORDER BY 1").fetchall())
              if table_exists(con, MAIN, EVAL_QUESTIONS) else {})
    excluded = {s.name: s.excluded for s in CATALOG if s.excluded} | {name: f"in `final` for local training, not republished: {why}"
                                                                      for name, why in withheld.items()}
    sentences = [step.describe(step.config(**configs[step.name]) if step.config else None) for step in STEPS
                 if step.name in configs and step.describe]
    return BuildFacts(sources=[SourceInfo(s.name, s.hub_id, s.license) for s in INCLUDED], excluded=excluded, step_configs=configs,
                      step_sentences=sentences,
                      eval_sets_loaded=loaded, eval_sets_skipped=[e.name for e in EVAL_SETS if e.name not in loaded],
                      export_reasoning=export_reasoning, provenance=build_provenance(con, {s.name: s.license for s in INCLUDED}),
                      skipped=skipped_sources(con, [s.name for s in INCLUDED]), quarantined=quarantine_by_reason(con),
                      audits=source_audits(con), judge_agreement=judge_summary(con))


def plan_release(context: StepContext) -> Plan:
    warehouse, hub = context.warehouse, context.resources["hub"]
    assert warehouse is not None

    def run() -> Output:
        withheld = {s.name: s.not_redistributable for s in INCLUDED if s.not_redistributable}
        if hub.configured:  # nothing whose licence is unknown goes to the Hub
            withheld |= unknown_licences(build_provenance(context.con, {s.name: s.license for s in INCLUDED}), hub.push_unknown_licence)
        version = final_version(context.con)
        outcome = gate_outcome(context.con, version)
        missing, failed = [c for c in CHECK_NAMES if c not in outcome], [c for c, ok in outcome.items() if not ok]
        if missing or failed:  # the blocking checks stop a normal run first; this guards a run that skipped them
            raise dg.Failure(description=f"release gate on final {version}: " + (f"failed {', '.join(failed)}" if failed else
                             f"never ran ({', '.join(missing)}); materialise final with its checks first"))
        rows = read_table(context.con, MAIN, FINAL)
        target = warehouse.data_dir / "release"
        release = write_release(rows.filter(~pl.col("source").is_in(list(withheld))), target,
                                build_facts(context.con, withheld, hub.export_reasoning))
        local_rows = write_local_exports(rows.filter(pl.col("source").is_in(list(withheld))), local_exports(warehouse.data_dir),
                                         hub.export_reasoning)
        pushed, published_to = "not pushed: set MEDPIPE_HUB_REPO and HF_TOKEN to publish", "local"
        if hub.configured:  # the release becomes current, and is recorded, only once the Hub has it
            try:
                pushed, published_to = hub.push(release.folder, f"medpipe release {release.data_version}"), hub.repo_id
            except Exception as exc:  # huggingface_hub raises HTTP, network and validation errors of many types
                shutil.rmtree(release.folder, ignore_errors=True)
                raise dg.Failure(description=f"pushing release {release.data_version} to {hub.repo_id} failed ({type(exc).__name__}: {exc}); "
                                             "the previous release and its record are unchanged. Check the network, HF_TOKEN and MEDPIPE_HUB_REPO, "
                                             "then re-run hub_release.") from exc
        context.log.info(f"pushed release {release.data_version} to {hub.repo_id}" if hub.configured else pushed)
        # counted as the gate counts them (the next release's bounds); recorded from the pending marker, so a kill mid-swap is reconciled
        mark_release_pending(warehouse.data_dir, release.data_version, dict(source_counts(rows).iter_rows()), published_to)
        release = swap_in(release, target)

        def record(con: duckdb.DuckDBPyConnection) -> None:
            reconcile_release(con, warehouse.data_dir, say=lambda _: None)

        card = (release.folder / "README.md").read_text(encoding="utf-8").split("---", 2)[2][:3000]
        return Output(write=record, data_version=release.data_version, metadata={
            "dagster/row_count": sum(release.rows_by_split.values()), "folder": str(release.folder), "final_version": version,
            "pipeline_version": release.pipeline_version, "rows_by_split": release.rows_by_split, "hub": pushed, "card": markdown(card),
            "local_training_rows_by_split": local_rows})

    return Plan(None, run)


release_step = Step("hub_release",
                    "Hub-ready dataset folder (Parquet shards, card, plots, chat and Alpaca exports), pushed when a repo and token are set.",
                    plan_release, "publish", deps=(FINAL_KEY,), resources=("hub",), kinds=("huggingface", "parquet"))
hub_release = step_asset(release_step)
assets = [hub_release]
checks = [final_expectations]
