"""The one Definitions object: every stage's assets and checks, the resources built from the settings, jobs and automation."""

from __future__ import annotations

import dagster as dg

from medpipe import automation
from medpipe.corpus import assets as corpus
from medpipe.curation import assets as curation
from medpipe.publish import assets as publish
from medpipe.settings import Settings, build_resources, load_settings
from medpipe.sources import assets as sources
from medpipe.synthetic import assets as synthetic
from medpipe.train import assets as train


def build_definitions(settings: Settings) -> dg.Definitions:
    return dg.Definitions(
        assets=[*sources.assets, *corpus.assets, *synthetic.assets, *curation.assets, *publish.assets, *train.assets],
        asset_checks=[*corpus.checks, *publish.checks],
        jobs=automation.JOBS,
        schedules=automation.schedules(),
        sensors=automation.sensors(settings),
        resources=build_resources(settings),
        executor=dg.in_process_executor,
    )


settings = load_settings()
defs = build_definitions(settings)
