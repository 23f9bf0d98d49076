"""Jobs, schedules and sensors: daily synthetic partitions, a weekly rebuild and release, and rebuilds when inputs change."""

import datetime
import hashlib
import json
import time

import dagster as dg
from dagster._core.execution.backfill import BULK_ACTION_TERMINAL_STATUSES
from dagster._core.storage.tags import AUTO_RETRY_RUN_ID_TAG, BACKFILL_ID_TAG, PARTITION_NAME_TAG

from medpipe.corpus import assets as corpus
from medpipe.corpus.config import PdfFolder
from medpipe.curation import assets as curation
from medpipe.publish import assets as publish
from medpipe.review import assets as review
from medpipe.settings import Settings, resolve_offline
from medpipe.sources import assets as sources
from medpipe.sources.catalog import INCLUDED
from medpipe.synthetic import assets as synthetic
from medpipe.synthetic.assets import DAILY_ASSETS, SHARD_ASSETS
from medpipe.synthetic.tasks import SHARD_KEYS
from medpipe.app import assets as app
from medpipe.train import assets as train
from medpipe.warehouse import redelivery
from medpipe.warehouse.store import FINAL


def upstream_avoiding(target: dg.AssetKey, avoided: set[dg.AssetKey], assets: list[dg.AssetsDefinition]) -> list[dg.AssetKey]:
    """`target` and every asset it reads from along a path without an `avoided` asset. (Dagster's `upstream()` also takes
    what only the avoided assets read: the guideline corpus, read by the generation tasks alone.)"""
    parents = {key: deps for a in assets for key, deps in a.asset_deps.items()}
    found: set[dg.AssetKey] = set()
    todo = [target]
    while todo:
        key = todo.pop()
        if key not in found and key not in avoided:
            found.add(key)
            todo.extend(parents.get(key, ()))
    return sorted(found, key=lambda k: k.to_user_string())


SYNTHETIC = dg.AssetSelection.groups("synthetic")
SHARD_TASKS = dg.AssetSelection.assets(*SHARD_ASSETS)
TRAIN = dg.AssetSelection.groups("train")  # minutes of CPU: its own job, not part of every build
build_corpus_job = dg.define_asset_job("build_corpus", selection=dg.AssetSelection.groups("corpus"))
STAGE_ASSETS = [  # every stage's assets, in stage order (definitions.py registers these)
    *sources.assets, *corpus.assets, *synthetic.assets, *review.assets, *curation.assets, *publish.assets, *train.assets, *app.assets]
# final and what it reads, not the generation tasks nor what only they read (the corpus): they have their own jobs and schedules
build_final_job = dg.define_asset_job("build_final", selection=upstream_avoiding(
    dg.AssetKey(FINAL), {key for a in [*synthetic.assets, *review.assets] for key in a.keys}, STAGE_ASSETS))  # review: written outside runs
build_all_job = dg.define_asset_job("build_all", selection=dg.AssetSelection.all() - SYNTHETIC - TRAIN - app.ASSISTANT_EVAL)
train_job = dg.define_asset_job("train", selection=TRAIN)
synthetic_job = dg.define_asset_job("synthetic_daily", selection=SYNTHETIC - SHARD_TASKS)
# The tasks over existing rows, one source shard per run, with the source tables they read (rebuilt first, so a fresh warehouse works).
synthetic_shards_job = dg.define_asset_job("synthetic_shards", selection=SHARD_TASKS.upstream(depth=1))
# One job per partitioned generation task, for backfills: N partitions are N runs, whose steps the celery executor spreads over the
# workers (README: Distributed). A step that fails (every LLM host down for a moment) is retried, on whichever worker is free.
GENERATION_RETRY = dg.RetryPolicy(max_retries=2, delay=10, backoff=dg.Backoff.EXPONENTIAL)
GENERATION_JOBS = [dg.define_asset_job(f"generate_{a.key.path[-1]}", selection=dg.AssetSelection.assets(a), op_retry_policy=GENERATION_RETRY,
                                       description=f"Partitions of {a.key.path[-1]} only (its inputs already built): the job to backfill.")
                   for a in [*SHARD_ASSETS, *DAILY_ASSETS]]
JOBS = [build_all_job, build_final_job, build_corpus_job, synthetic_job, synthetic_shards_job, train_job, *GENERATION_JOBS]


def shard_of_day(day: datetime.date) -> str:
    """The shard a day's run generates: the shards in turn, one a day."""
    return SHARD_KEYS[day.toordinal() % len(SHARD_KEYS)]


def schedules() -> list[dg.ScheduleDefinition]:
    synthetic_daily = dg.build_schedule_from_partitioned_job(synthetic_job, hour_of_day=2, name="synthetic_daily_schedule")
    weekly_release = dg.ScheduleDefinition(name="weekly_release", job=build_all_job, cron_schedule="0 4 * * 1",
                                           description="Rebuild final from every source and publish when the gate passes (Mondays 04:00).")

    @dg.schedule(job=synthetic_shards_job, cron_schedule="0 3 * * *", name="synthetic_shards_schedule")
    def synthetic_shards_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        """Each day at 03:00, the next source shard of the tasks over existing rows (wiki Q&A, MCQ explanations, symptom reasoning)."""
        shard = shard_of_day(context.scheduled_execution_time.date())
        return dg.RunRequest(partition_key=shard, run_key=f"{context.scheduled_execution_time.date()}:{shard}")

    return [synthetic_daily, synthetic_shards_schedule, weekly_release]


def sensors(settings: Settings) -> list[dg.SensorDefinition]:
    @dg.sensor(job=build_all_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
    def pdf_corpus_changed(context: dg.SensorEvaluationContext, pdf_folder: PdfFolder) -> dg.SensorResult:
        """A PDF added, changed or removed in the corpus folder rebuilds the corpus and everything downstream."""
        state = {p.name: [p.stat().st_size, int(p.stat().st_mtime)] for p in pdf_folder.files()}  # the files the asset reads
        cursor = json.dumps(state, sort_keys=True)
        if context.cursor is None or context.cursor == cursor:
            return dg.SensorResult(skip_reason="no change in the PDF folder" if context.cursor else "first look at the PDF folder", cursor=cursor)
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=hashlib.sha256(cursor.encode()).hexdigest())], cursor=cursor)

    @dg.sensor(job=build_all_job, minimum_interval_seconds=6 * 3600, default_status=dg.DefaultSensorStatus.STOPPED)
    def hub_revision_changed(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        """A new commit of a source dataset on the Hub rebuilds final (online only)."""
        if resolve_offline(settings.offline):
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
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=hashlib.sha256(cursor.encode()).hexdigest(),
                                                           tags={"medpipe/changed_sources": ",".join(changed)})], cursor=cursor)

    @dg.sensor(minimum_interval_seconds=LOOK_SECONDS, default_status=dg.DefaultSensorStatus.RUNNING)
    def redeliver_lost_steps(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        """Put back on the broker's queue the steps of a celery worker lost whole, within two looks (README: Distributed execution)."""
        if settings.executor != "celery":
            return dg.SensorResult(skip_reason="the steps run in the run's own process (MEDPIPE_EXECUTOR is not celery)")
        from kombu.exceptions import OperationalError

        broker = redelivery.celery_app(settings.celery_config)
        try:
            workers, live_task_ids = redelivery.tasks_of_live_workers(broker)  # before the held steps: one taken meanwhile waits a look
            unclaimed = redelivery.unclaimed(redelivery.held_steps(broker), live_task_ids)
            lost = redelivery.lost(unclaimed, set(json.loads(context.cursor or "[]")))
            for step in lost:
                redeliver(context, broker, step, workers)
        except (OperationalError, OSError) as exc:
            return dg.SensorResult(skip_reason=f"the broker does not answer ({exc}); next look in {LOOK_SECONDS} s", cursor=context.cursor)
        finally:
            broker.close()  # its connection pool: the code server runs this sensor every 30 s for as long as it lives
        cursor = json.dumps(sorted({step.tag for step in unclaimed} - {step.tag for step in lost}))
        if not lost:
            return dg.SensorResult(skip_reason=f"no lost step ({len(unclaimed)} unclaimed on this look, {len(workers)} live workers)", cursor=cursor)
        return dg.SensorResult(cursor=cursor)

    return [pdf_corpus_changed, hub_revision_changed, retry_backfill_runs, redeliver_lost_steps]


LOOK_SECONDS = 30  # a lost worker's step is back on the queue two looks after its loss: within about 70 s (README: Faults)


def redeliver(context: dg.SensorEvaluationContext, broker, step: redelivery.HeldStep, workers: set[str]) -> None:
    """Requeue a lost step and say so in its run's log; a step of a finished run is removed instead (nothing waits for it)."""
    run = context.instance.get_run_by_id(step.run_id) if step.run_id else None
    held_for = int(time.time() - step.since)
    what = f"step {', '.join(step.step_keys) or step.task_id} (celery task {step.task_id})"
    if run is not None and run.is_finished:
        redelivery.remove(broker, step)
        context.log.info(f"{what} of finished run {run.run_id}: held {held_for} s by a lost worker, removed from the broker")
        return
    redelivery.requeue(broker, step)
    message = (f"Redelivered {what}: a celery worker took it {held_for} s ago and no live worker ({', '.join(sorted(workers)) or 'none'}) "
               f"has it on two looks {LOOK_SECONDS} s apart, so its worker was lost whole; put back on the broker's queue by medpipe's "
               "redeliver_lost_steps sensor (its finished LLM calls are cached)")
    context.log.warning(message)
    if run is not None:
        context.instance.report_engine_event(message, run, step_key=step.step_keys[0] if len(step.step_keys) == 1 else None)


# Dagster's run retries (dagster.yaml: run_retries) skip a run whose backfill has ended, and a job backfill ends as soon as none of
# its runs is unfinished: when a broker or network blip fails every run of a backfill at once, it ends before the retry daemon looks,
# and the runs stay failed. This sensor retries such runs, up to the instance's max_retries; a partition's calls are cached and its
# commit is idempotent, so a retry pays no call twice.
RETRY_OF, RETRY_NUMBER = "medpipe/retry_of", "medpipe/retry_number"
RETRY_WINDOW = datetime.timedelta(days=1)  # failed runs older than this are left to a person


@dg.sensor(jobs=GENERATION_JOBS, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def retry_backfill_runs(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Retry the failed generation runs of ended backfills that neither Dagster nor this sensor has retried yet."""
    instance = context.instance
    since = datetime.datetime.now(datetime.timezone.utc) - RETRY_WINDOW
    requests = []
    for job in GENERATION_JOBS:
        for run in instance.get_runs(dg.RunsFilter(job_name=job.name, statuses=[dg.DagsterRunStatus.FAILURE], updated_after=since)):
            backfill_id = run.tags.get(BACKFILL_ID_TAG)
            backfill = instance.get_backfill(backfill_id) if backfill_id else None
            number = int(run.tags.get(RETRY_NUMBER, "0")) + 1
            if (backfill is None or backfill.status not in BULK_ACTION_TERMINAL_STATUSES or run.tags.get(AUTO_RETRY_RUN_ID_TAG)
                    or not instance.run_retries_enabled or number > instance.run_retries_max_retries
                    or instance.get_runs(dg.RunsFilter(tags={RETRY_OF: run.run_id}), limit=1)):
                continue
            instance.report_engine_event(f"Retried by medpipe's retry_backfill_runs sensor ({number} of {instance.run_retries_max_retries}): "
                                         f"Dagster's run retries skip the runs of an ended backfill", run)
            requests.append(dg.RunRequest(job_name=job.name, partition_key=run.tags.get(PARTITION_NAME_TAG), run_key=f"{run.run_id}:retry",
                                          tags={BACKFILL_ID_TAG: backfill_id, RETRY_OF: run.run_id, RETRY_NUMBER: str(number)}))
    return dg.SensorResult(run_requests=requests) if requests else dg.SensorResult(skip_reason="no failed backfill run to retry")
