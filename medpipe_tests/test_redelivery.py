"""A step held by a celery worker lost whole goes back on the queue two looks later, on a real Redis broker with the shipped celery
config (visibility timeout of an hour); a step a worker is still answering for is left alone; a lost step of a finished run is removed.
The whole path (workers, daemon, a backfill) is in test_distributed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import dagster as dg
import pytest

from medpipe import automation
from medpipe.settings import DEFAULT_CELERY_CONFIG, PROJECT_ROOT
from medpipe.warehouse import redelivery
from medpipe_tests import services
from medpipe_tests.helpers import offline_settings
from medpipe_tests.test_distributed import require_services

RUN_ID = str(uuid.uuid4())

# A worker lost whole: it takes a step from the broker without acknowledging it, and is killed (SIGKILL: no shutdown, no requeue).
TAKE_AND_DIE = """
import os, signal, sys
from medpipe.warehouse.redelivery import celery_app
connection = celery_app(sys.argv[1]).connection_for_read()
message = connection.default_channel.basic_get("dagster", no_ack=False)
print(message.headers["id"] if message else "", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@dg.op
def step() -> None:
    pass


@dg.job
def one_step_job() -> None:
    step()


def send_step(broker, run_id: str) -> str:
    """The message dagster-celery's executor sends for one step of a run (dagster_celery.executor._submit_task)."""
    from dagster._grpc.types import ExecuteStepArgs
    from dagster._serdes import pack_value
    from dagster_celery.config import TASK_EXECUTE_PLAN_NAME
    from dagster_celery.tasks import create_task

    job = dg.reconstructable(one_step_job)
    args = ExecuteStepArgs(job_origin=job.get_python_origin(), run_id=run_id, step_keys_to_execute=["step"])
    signature = create_task(broker).si(execute_step_args_packed=pack_value(args), executable_dict=job.to_dict())
    return signature.apply_async(queue="dagster", routing_key=f"dagster.{TASK_EXECUTE_PLAN_NAME}").id


def worker_lost_whole(env: dict[str, str]) -> str:
    taken = subprocess.run([sys.executable, "-c", TAKE_AND_DIE, str(DEFAULT_CELERY_CONFIG)], env=env, capture_output=True, text=True)
    assert taken.returncode == -signal.SIGKILL, taken.stderr
    return taken.stdout.strip()


def queued(broker) -> int:
    with broker.connection_for_read() as connection:
        return sum(connection.default_channel.client.llen(key) for key in connection.default_channel.client.keys("dagster*"))


@pytest.mark.services
def test_a_step_of_a_worker_lost_whole_is_requeued_on_the_second_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_services()
    with services.redis(tmp_path / "redis.log") as redis_url:
        monkeypatch.setenv("MEDPIPE_CELERY_BROKER", f"{redis_url}/0")
        monkeypatch.setenv("MEDPIPE_CELERY_BACKEND", f"{redis_url}/1")
        monkeypatch.setattr(redelivery, "INSPECT_TIMEOUT", 1.0)  # no worker is alive to answer: each look waits its whole timeout
        broker = redelivery.celery_app(DEFAULT_CELERY_CONFIG)
        assert broker.conf.broker_transport_options["visibility_timeout"] == 3600  # the shipped config, not a test's
        task_id = send_step(broker, RUN_ID)
        assert worker_lost_whole(os.environ | {"PYTHONPATH": str(PROJECT_ROOT)}) == task_id

        held = redelivery.held_steps(broker)
        assert [(s.task_id, s.run_id, s.step_keys) for s in held] == [(task_id, RUN_ID, ("step",))]
        assert queued(broker) == 0
        # a live worker that reports the task keeps it; unreported on one look only, it is not lost yet
        assert redelivery.unclaimed(held, {task_id}) == []
        assert redelivery.lost(redelivery.unclaimed(held, set()), set()) == []

        # the daemon's sensor, as the daemon runs it: two looks (no worker alive), the second requeues
        settings = offline_settings(tmp_path / "db.duckdb", executor="celery")
        sensor = next(s for s in automation.sensors(settings) if s.name == "redeliver_lost_steps")
        with dg.instance_for_test() as instance:
            run = instance.create_run_for_job(one_step_job, run_id=RUN_ID)  # not finished: it waits for the step
            first = sensor(dg.build_sensor_context(instance=instance))
            assert first.skip_reason and json.loads(first.cursor) == [held[0].tag] and queued(broker) == 0
            second = sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
            assert json.loads(second.cursor) == [] and redelivery.held_steps(broker) == [] and queued(broker) == 1
            said = [e.message for e in instance.all_logs(RUN_ID, of_type=dg.DagsterEventType.ENGINE_EVENT)]
            assert len(said) == 1 and said[0].startswith(f"Redelivered step step (celery task {task_id})"), said

            # taken again by a worker lost whole, its run now finished: removed, not requeued
            instance.report_run_failed(run)
            assert worker_lost_whole(os.environ | {"PYTHONPATH": str(PROJECT_ROOT)}) == task_id
            held = redelivery.held_steps(broker)
            for lost_step in redelivery.lost(held, {s.tag for s in held}):
                automation.redeliver(dg.build_sensor_context(instance=instance), broker, lost_step, set())
            assert redelivery.held_steps(broker) == [] and queued(broker) == 0


def test_the_sensor_does_nothing_in_process(tmp_path: Path) -> None:
    sensor = next(s for s in automation.sensors(offline_settings(tmp_path / "db.duckdb")) if s.name == "redeliver_lost_steps")
    with dg.instance_for_test() as instance:
        assert "not celery" in sensor(dg.build_sensor_context(instance=instance)).skip_reason.skip_message
