"""The one Definitions object: assets, resources, jobs."""

from __future__ import annotations

import os

import dagster as dg

from medpipe.defs.automation import automation
from medpipe.defs.corpus import corpus_assets, corpus_checks
from medpipe.defs.curated import curated_assets
from medpipe.defs.publish import publish_assets, publish_checks
from medpipe.defs.sources import source_assets
from medpipe.defs.synthetic import synthetic_assets
from medpipe.resources import Embedder, HubPublisher, OllamaLLM, SourceSettings, Warehouse
from medpipe.settings import load_settings

settings = load_settings()

build_corpus_job = dg.define_asset_job("build_corpus", selection=dg.AssetSelection.groups("corpus"))
SYNTHETIC = dg.AssetSelection.groups("synthetic")
build_final_job = dg.define_asset_job("build_final", selection=dg.AssetSelection.assets("final").upstream() - SYNTHETIC)
build_all_job = dg.define_asset_job("build_all", selection=dg.AssetSelection.all() - SYNTHETIC)
synthetic_job = dg.define_asset_job("synthetic_daily", selection=SYNTHETIC)

schedules, sensors = automation(settings, {"build_all": build_all_job, "synthetic_daily": synthetic_job})

defs = dg.Definitions(
    assets=[*source_assets, *curated_assets, *corpus_assets, *synthetic_assets, *publish_assets],
    asset_checks=[*corpus_checks, *publish_checks],
    jobs=[build_all_job, build_final_job, build_corpus_job, synthetic_job],
    schedules=schedules,
    sensors=sensors,
    resources={
        "warehouse": Warehouse(database=str(settings.duckdb_path)),
        "source_settings": SourceSettings.from_settings(settings),
        "embedder": Embedder(model=os.environ.get("MEDPIPE_EMBEDDING_MODEL", "")),
        "llm": OllamaLLM(
            hosts=os.environ.get("OLLAMA_HOST", "http://127.0.0.1:11434"),
            model=os.environ.get("MEDPIPE_LLM_MODEL", "smollm2:135m-instruct-q4_1"),
        ),
        "hub": HubPublisher(
            repo_id=os.environ.get("MEDPIPE_HUB_REPO", ""),
            token=dg.EnvVar("HF_TOKEN") if os.environ.get("HF_TOKEN") else None,
            endpoint=os.environ.get("HF_ENDPOINT", ""),
        ),
    },
    executor=dg.in_process_executor,
)
