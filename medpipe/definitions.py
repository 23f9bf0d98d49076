"""The one Definitions object: every stage's assets and checks, the resources built from the settings, jobs and automation."""

from __future__ import annotations

import dagster as dg

from typing import Any

from medpipe import automation
from medpipe.corpus import assets as corpus, config as corpus_config
from medpipe.publish import assets as publish
from medpipe.settings import Settings, load_settings
from medpipe.sources import config as sources_config
from medpipe.synthetic import llm
from medpipe.warehouse import resource


def stage_resources(settings: Settings) -> dict[str, Any]:
    """Every stage's resources, each built by its own stage from the settings."""
    return {**resource.resources(settings), **sources_config.resources(settings), **corpus_config.resources(settings), **llm.resources(settings),
            **publish.resources(settings)}


def build_definitions(settings: Settings) -> dg.Definitions:
    return dg.Definitions(
        assets=automation.STAGE_ASSETS,
        asset_checks=[*corpus.checks, *publish.checks],
        jobs=automation.JOBS,
        schedules=automation.schedules(),
        sensors=automation.sensors(settings),
        resources=stage_resources(settings),
        executor=executor_for(settings),
    )


def executor_for(settings: Settings) -> dg.ExecutorDefinition:
    """In process on one machine (the default); with MEDPIPE_EXECUTOR=celery, Dagster's celery executor configured from the run
    config of the distributed deployment (`execution.config` of MEDPIPE_CELERY_CONFIG, the file the workers are started with);
    with MEDPIPE_EXECUTOR=k8s, dagster-k8s's executor (one pod per step)."""
    if settings.executor == "k8s":  # a pod per step; namespace, image and secrets come from the instance's K8sRunLauncher
        from dagster_k8s import k8s_job_executor  # type: ignore[import-not-found]

        return k8s_job_executor
    if settings.executor != "celery":
        return dg.in_process_executor
    import yaml
    from dagster_celery import celery_executor

    config = (yaml.safe_load(settings.celery_config.read_text(encoding="utf-8")) or {}).get("execution", {}).get("config", {})
    return celery_executor.configured(config, name="celery")


settings = load_settings()
defs = build_definitions(settings)
