"""The Dagster UI, driven in Debian's Chromium by Playwright: the asset graph loads and `final` materialises from the UI."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from medpipe.synthetic.local_server import free_port, stop_process_group
from medpipe.settings import PROJECT_ROOT
from medpipe_tests.helpers import dagster_home, materialize, offline_settings
from medpipe_tests.browser import ARTIFACTS, browser_page, require_chromium



def graphql(base: str, query: str) -> dict:
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["data"]


def run_statuses(base: str) -> list[dict]:
    return graphql(base, "{ runsOrError { ... on Runs { results { runId status } } } }")["runsOrError"]["results"]


@pytest.fixture
def dagster_ui(tmp_path: Path):
    require_chromium()
    home = dagster_home(tmp_path / "dagster_home")
    settings = offline_settings(tmp_path / "data" / "medpipe.duckdb")
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:  # the UI's instance: it knows final's upstream is materialised
        assert materialize(settings, instance=instance).success
    port = free_port()
    env = os.environ | {"DAGSTER_HOME": str(home), "MEDPIPE_DUCKDB": str(settings.duckdb_path), "MEDPIPE_OFFLINE": "1"}
    log = open(tmp_path / "dagster_dev.log", "wb")
    # dagster dev started from a script ignores SIGINT/SIGTERM unless the default handlers are restored
    server = subprocess.Popen(["env", "--default-signal=INT,TERM", str(Path(os.sys.executable).parent / "dagster"), "dev", "-h", "127.0.0.1", "-p",
                               str(port), "-w", "workspace.yaml"],
                              cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/server_info", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"dagster dev did not start: {(tmp_path / 'dagster_dev.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield base
    finally:
        stop_process_group(server, timeout=30)
        log.close()


def test_graph_loads_and_final_materialises_from_the_ui(dagster_ui: str) -> None:
    before = {r["runId"] for r in run_statuses(dagster_ui)}
    with browser_page(1600, 1000, "ui_failure.png") as page:
        page.goto(f"{dagster_ui}/asset-groups", wait_until="networkidle")
        for group in ("sources", "curated", "corpus", "synthetic", "publish"):
            page.get_by_text(group, exact=True).first.wait_for(timeout=30_000)
        _dismiss_welcome(page)
        page.screenshot(path=str(ARTIFACTS / "asset_graph.png"))

        page.goto(f"{dagster_ui}/assets/final", wait_until="networkidle")
        _dismiss_welcome(page)
        page.locator("button", has_text="Materialize").first.click()
        page.wait_for_timeout(2000)
        page.screenshot(path=str(ARTIFACTS / "final_launch.png"))
        deadline = time.monotonic() + 180
        new: list[dict] = []
        while time.monotonic() < deadline:
            new = [r for r in run_statuses(dagster_ui) if r["runId"] not in before]
            if new and new[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
                break
            time.sleep(1)
        assert new and new[0]["status"] == "SUCCESS", new
        page.goto(f"{dagster_ui}/runs/{new[0]['runId']}", wait_until="networkidle")
        page.get_by_text("Success").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "final_run.png"))


def _dismiss_welcome(page) -> None:
    """A first visit shows a community sign-up dialog; skip it when it is there."""
    skip = page.get_by_role("button", name="Skip")
    try:
        skip.wait_for(timeout=3000)
        skip.click()
    except Exception:  # playwright's TimeoutError: no dialog this time
        pass
