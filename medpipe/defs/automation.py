"""Schedules and sensors: daily synthetic partitions, a weekly rebuild and release, and rebuilds when inputs change."""

import json
from typing import Any
from pathlib import Path

import dagster as dg

from medpipe.settings import Settings
from medpipe.sources.catalog import INCLUDED


def automation(settings: Settings, jobs: dict[str, Any]) -> tuple[list, list]:
    synthetic_daily = dg.build_schedule_from_partitioned_job(jobs["synthetic_daily"], hour_of_day=2, name="synthetic_daily_schedule")
    weekly_release = dg.ScheduleDefinition(name="weekly_release", job=jobs["build_all"], cron_schedule="0 4 * * 1",
                                           description="Rebuild final from every source and publish when the gate passes (Mondays 04:00).")

    @dg.sensor(job=jobs["build_all"], minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
    def pdf_corpus_changed(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        """A PDF added, changed or removed in the corpus folder rebuilds the corpus and everything downstream."""
        state = {p.name: [p.stat().st_size, int(p.stat().st_mtime)] for p in sorted(Path(settings.pdf_dir).glob("*.pdf"))}
        cursor = json.dumps(state, sort_keys=True)
        if context.cursor is None or context.cursor == cursor:
            return dg.SensorResult(skip_reason="no change in the PDF folder" if context.cursor else "first look at the PDF folder", cursor=cursor)
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=cursor[:200] + str(hash(cursor)))], cursor=cursor)

    @dg.sensor(job=jobs["build_all"], minimum_interval_seconds=6 * 3600, default_status=dg.DefaultSensorStatus.STOPPED)
    def hub_revision_changed(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        """A new commit of a source dataset on the Hub rebuilds final (online only)."""
        if settings.offline:
            return dg.SensorResult(skip_reason="offline: MEDPIPE_OFFLINE is on or the Hub does not answer")
        from huggingface_hub import HfApi

        api = HfApi()
        revisions = {}
        for spec in INCLUDED:
            try:
                revisions[spec.name] = api.dataset_info(spec.hub_id, revision=spec.revision).sha
            except Exception as exc:  # one unreachable dataset must not hide the others' changes
                context.log.warning(f"{spec.hub_id}: {exc}")
        previous = json.loads(context.cursor or "{}")
        changed = sorted(name for name, sha in revisions.items() if previous.get(name) not in (None, sha))
        cursor = json.dumps(previous | revisions, sort_keys=True)
        if not changed:
            return dg.SensorResult(skip_reason="no source has a new Hub revision", cursor=cursor)
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=cursor, tags={"medpipe/changed_sources": ",".join(changed)})], cursor=cursor)

    return [synthetic_daily, weekly_release], [pdf_corpus_changed, hub_revision_changed]
