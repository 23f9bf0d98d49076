"""The one Definitions object: assets, resources, jobs."""

from __future__ import annotations

import dagster as dg

from medpipe.defs.curated import curated_assets
from medpipe.defs.sources import source_assets
from medpipe.resources import SourceSettings, Warehouse
from medpipe.settings import load_settings

settings = load_settings()

build_final_job = dg.define_asset_job("build_final", selection=dg.AssetSelection.assets("final").upstream())

defs = dg.Definitions(
    assets=[*source_assets, *curated_assets],
    jobs=[build_final_job],
    resources={
        "warehouse": Warehouse(database=str(settings.duckdb_path)),
        "source_settings": SourceSettings.from_settings(settings),
    },
    executor=dg.in_process_executor,
)
