"""The browser tests' one Chromium (Debian's package, headless, with the flags a sandboxed CI needs) and one page per test:
a failing step leaves a full-page screenshot in ARTIFACTS and the tail of the app's log in the error."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from medpipe.settings import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("MEDPIPE_TEST_ARTIFACTS", PROJECT_ROOT / "artifacts"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")


@contextlib.contextmanager
def browser_page(width: int, height: int, failure_shot: str, log: Path | None = None) -> Iterator[Any]:
    """A Playwright page in a fresh Chromium, closed after the block."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            yield page
        except Exception as exc:
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / failure_shot), full_page=True)
            app_log = f"\napp log:\n{log.read_text(errors='replace')[-3000:]}" if log is not None and log.exists() else ""
            raise AssertionError(f"{exc}{app_log}") from exc
        finally:
            browser.close()
