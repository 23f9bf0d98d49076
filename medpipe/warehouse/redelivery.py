"""The steps of a lost celery worker, handed back to the broker within a bound instead of after the broker's visibility timeout.

With `task_acks_late` (deploy/distributed/celery.yaml), the step a worker runs stays in the Redis broker's `unacked` hash until the
step ends. A worker that loses only its pool child requeues the step at once; a worker lost whole (its machine, or its main process
killed with the child) requeues nothing, and the broker hands the step back only after `visibility_timeout` (shipped at an hour, so
that a slow step is never run twice while it runs). So medpipe looks itself, from the daemon (automation: `redeliver_lost_steps`):
a step held in `unacked` that no live worker reports as running or reserved, on two looks in a row, is put back on its queue. A
worker that is only slow to answer a look misses one look, not two; a step of a finished run is removed instead (its run no longer
waits for it). A partition's LLM calls are cached and its commit is idempotent, so a step run again pays no call twice."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

INSPECT_TIMEOUT = 5.0  # seconds a live worker has to answer a look (its main process answers while its pool child runs a step)


@dataclass(frozen=True)
class HeldStep:
    """A step message the broker has handed to a worker that has not acknowledged it."""

    tag: str  # the broker's delivery tag
    task_id: str
    run_id: str  # "" when the message is not a Dagster step
    step_keys: tuple[str, ...]
    since: float  # when the broker handed it over (seconds since the epoch)


def celery_app(config_file: Path):
    """The celery app the runs and the workers build from the deployment's celery config (its env references resolved)."""
    from dagster_celery.cli import get_validated_config
    from dagster_celery.executor import CeleryExecutor
    from dagster_celery.make_app import make_app

    config = get_validated_config(str(config_file))
    return make_app(CeleryExecutor.for_cli(**{key: config.get(key) for key in ("broker", "backend", "include", "config_source")}).app_args())


def _step_of(raw: bytes, tag: str, since: float) -> HeldStep:
    message, _exchange, _routing_key = json.loads(raw)
    body = message.get("body", "")
    if message.get("properties", {}).get("body_encoding") == "base64":
        body = base64.b64decode(body)
    run_id, step_keys = "", ()
    try:  # decoded as dagster-celery's task decodes it
        from dagster._grpc.types import ExecuteStepArgs
        from dagster._serdes import unpack_value

        args = unpack_value(json.loads(body)[1]["execute_step_args_packed"], as_type=ExecuteStepArgs)
        run_id, step_keys = args.run_id, tuple(args.step_keys_to_execute or ())
    except Exception:  # not a Dagster step (another task on the same broker): still redelivered, with no run to tell
        pass
    return HeldStep(tag=tag, task_id=message.get("headers", {}).get("id", ""), run_id=run_id, step_keys=step_keys, since=since)


def held_steps(broker) -> list[HeldStep]:
    """Every message handed to a worker and not yet acknowledged, oldest first."""
    with broker.connection_for_read() as connection:
        channel = connection.default_channel
        client = channel.client
        since = {tag.decode(): score for tag, score in client.zrange(channel.unacked_index_key, 0, -1, withscores=True)}
        messages = client.hgetall(channel.unacked_key)
    return sorted((_step_of(raw, tag.decode(), since.get(tag.decode(), 0.0)) for tag, raw in messages.items()), key=lambda s: s.since)


def tasks_of_live_workers(broker) -> tuple[set[str], set[str]]:
    """The workers that answered a look, and the task ids they report running or holding reserved."""
    inspector = broker.control.inspect(timeout=INSPECT_TIMEOUT)
    workers, task_ids = set(), set()
    for answer in (inspector.active() or {}, inspector.reserved() or {}):
        for worker, tasks in answer.items():
            workers.add(worker)
            task_ids.update(task["id"] for task in tasks)
    return workers, task_ids


def unclaimed(held: list[HeldStep], live_task_ids: set[str]) -> list[HeldStep]:
    return [step for step in held if step.task_id not in live_task_ids]


def lost(unclaimed_now: list[HeldStep], unclaimed_before: set[str]) -> list[HeldStep]:
    """The steps unclaimed on this look and on the one before: their worker is gone, not slow."""
    return [step for step in unclaimed_now if step.tag in unclaimed_before]


def requeue(broker, step: HeldStep) -> None:
    """Put a held step back on its queue, next to be taken (kombu's own restore, one Redis transaction; kombu pushes on the left
    and takes from the right, so the next to be taken is the rightmost)."""
    with broker.connection_for_write() as connection:
        connection.default_channel.qos.restore_by_tag(step.tag, leftmost=False)


def remove(broker, step: HeldStep) -> None:
    with broker.connection_for_write() as connection:
        channel = connection.default_channel
        channel.client.pipeline().zrem(channel.unacked_index_key, step.tag).hdel(channel.unacked_key, step.tag).execute()
