"""Schedules and sensors evaluated as Dagster would: partitions per day, rebuild on a changed PDF folder."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import dagster as dg

from medpipe.corpus.config import PdfFolder
from medpipe.automation import sensors
from medpipe.definitions import defs
from medpipe.warehouse.report import progress_logger
from medpipe_tests.helpers import offline_settings
from medpipe.settings import SAMPLES_DIR
from medpipe_tests.pdf_factory import write_text_pdf


def test_the_daily_schedule_targets_that_days_partition() -> None:
    schedule = defs.get_schedule_def("synthetic_daily_schedule")
    context = dg.build_schedule_context(scheduled_execution_time=datetime.datetime(2026, 11, 23, 2, 0, tzinfo=datetime.timezone.utc))
    requests = list(schedule.evaluate_tick(context).run_requests or [])
    assert [r.partition_key for r in requests] == ["2026-11-23"]  # end_offset=1: each day generates its own batch
    assert defs.get_schedule_def("weekly_release").cron_schedule == "0 4 * * 1"


def test_the_shard_schedule_walks_the_source_shards_one_a_day() -> None:
    schedule = defs.get_schedule_def("synthetic_shards_schedule")
    days = [datetime.datetime(2026, 11, day, 3, 0, tzinfo=datetime.timezone.utc) for day in range(1, 9)]
    shards = [r.partition_key for day in days
              for r in schedule.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=day,
                                                                        repository_def=defs.get_repository_def())).run_requests or []]
    assert sorted(shards) == sorted(defs.resolve_job_def("synthetic_shards").partitions_def.get_partition_keys())


def test_a_new_pdf_triggers_a_rebuild(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    shutil.copytree(SAMPLES_DIR / "pdfs", pdfs)
    settings = offline_settings(tmp_path / "db.duckdb", pdf_dir=pdfs)
    sensor = next(s for s in sensors(settings) if s.name == "pdf_corpus_changed")
    folder = {"pdf_folder": PdfFolder(pdf_dir=str(pdfs), offline=True)}  # the resource the corpus asset reads its files from

    def tick(cursor: str | None) -> dg.SensorResult:
        return sensor.evaluate_tick(dg.build_sensor_context(cursor=cursor, resources=folder))

    first = tick(None)
    assert not first.run_requests and first.cursor
    assert not tick(first.cursor).run_requests
    write_text_pdf(pdfs / "new_guideline.pdf", [["Drowning: call for help and start rescue breaths."]])
    changed = tick(first.cursor)
    assert len(changed.run_requests) == 1 and changed.cursor != first.cursor
    write_text_pdf(pdfs / "GUIDE.PDF", [["Burns: cool the burn under running water for 20 minutes."]])  # the asset reads it: so must the sensor
    upper = tick(changed.cursor)
    assert len(upper.run_requests) == 1 and "GUIDE.PDF" in upper.cursor


def test_the_hub_sensor_skips_offline(tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "db.duckdb")
    result = next(s for s in sensors(settings) if s.name == "hub_revision_changed").evaluate_tick(dg.build_sensor_context())
    assert not result.run_requests and "offline" in (result.skip_message or "")


def test_progress_logs_done_total_rate_and_eta() -> None:
    lines: list[str] = []
    report = progress_logger(lines.append, "embedding chunks", every_seconds=0)
    report(50, 200, 2.0)
    report(200, 200, 8.0)
    report_stream = progress_logger(lines.append, "records", every_seconds=0)
    report_stream(3000, 0, 1.5)
    assert lines == ["embedding chunks: 50/200 (25.0/s, ETA 6 s)", "embedding chunks: 200/200 (25.0/s, ETA 0 s)", "records: 3,000 (2,000.0/s)"]


def test_build_final_is_final_and_what_it_reads_without_the_generation_tasks() -> None:
    keys = {k.to_user_string() for k in defs.resolve_job_def("build_final").asset_layer.executable_asset_keys}
    graph = defs.resolve_asset_graph()
    synthetic = {k.to_user_string() for k in graph.get_all_asset_keys() if graph.get(k).group_name == "synthetic"}
    assert {"final", "merged", "scrub_phi", "dedup_semantic", "eval_questions", "sources/medqa"} <= keys
    assert not keys & synthetic
    assert not any(k.startswith("corpus/") for k in keys)  # read by the generation tasks alone
    # everything final reads directly, but the generation tasks and what medpipe never builds (the clinicians' labels), is built by the job
    direct = {p.to_user_string() for k in graph.get_all_asset_keys() if k.to_user_string() in keys for p in graph.get(k).parent_keys}
    declared = {k.to_user_string() for k in graph.get_all_asset_keys() if not graph.get(k).is_executable}
    assert "review_labels" in declared and direct - synthetic - declared <= keys


def test_failed_runs_of_an_ended_backfill_are_retried_once(tmp_path: Path) -> None:
    """Dagster's run retries skip a run whose backfill has ended (a Redis blip failing every run of a backfill at once ends it):
    the sensor retries each such run once (dagster.yaml: max_retries 1), in its partition and backfill, and says so on the run."""
    from dagster._core.execution.backfill import BulkActionStatus, PartitionBackfill
    from dagster._core.test_utils import create_run_for_test

    from medpipe.automation import RETRY_NUMBER, RETRY_OF, retry_backfill_runs
    from medpipe_tests.helpers import dagster_home

    with dg.DagsterInstance.from_config(str(dagster_home(tmp_path / "home"))) as instance:  # the project's dagster.yaml
        def backfill(backfill_id: str, status: BulkActionStatus) -> str:
            instance.add_backfill(PartitionBackfill(backfill_id, status, from_failure=False, tags={}, backfill_timestamp=0.0,
                                                    partition_names=["shard-0", "shard-1"]))
            return backfill_id

        def failed(job: str, partition: str, tags: dict[str, str]) -> str:
            return create_run_for_test(instance, job_name=job, status=dg.DagsterRunStatus.FAILURE,
                                       tags={"dagster/partition": partition, **tags}).run_id

        ended, running = backfill("ended", BulkActionStatus.COMPLETED_FAILED), backfill("running", BulkActionStatus.REQUESTED)
        blipped = failed("generate_mcq_explanations", "shard-1", {"dagster/backfill": ended})
        failed("generate_mcq_explanations", "shard-0", {"dagster/backfill": running})  # Dagster's own retries still apply
        failed("generate_wiki_term_qa", "shard-0", {})  # not a backfill run: Dagster's own retries apply
        failed("generate_symptom_reasoning", "shard-0", {"dagster/backfill": ended, RETRY_NUMBER: "1"})  # retried once already

        result = retry_backfill_runs(dg.build_sensor_context(instance=instance))
        assert [(r.job_name, r.partition_key, r.tags[RETRY_OF], r.tags["dagster/backfill"], r.tags[RETRY_NUMBER]) for r in result.run_requests] == [
            ("generate_mcq_explanations", "shard-1", blipped, ended, "1")]
        said = [e.message for e in instance.all_logs(blipped)]
        assert any("Retried by medpipe's retry_backfill_runs sensor (1 of 1)" in m for m in said), said

        create_run_for_test(instance, job_name="generate_mcq_explanations", tags={RETRY_OF: blipped})  # the retry, launched
        assert not retry_backfill_runs(dg.build_sensor_context(instance=instance)).run_requests
