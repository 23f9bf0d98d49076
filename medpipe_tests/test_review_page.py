"""The app's Review page in Debian's Chromium (Playwright): three rows labelled (two with the buttons, one with its key), saved
to the labels table, and counted by the release gate's audit check at the next build."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

from medpipe.settings import Settings
from medpipe_tests.browser import ARTIFACTS, browser_page, require_chromium



def test_three_rows_labelled_on_the_review_page_are_counted_by_the_gate(tmp_path: Path) -> None:
    require_chromium()
    pytest.importorskip("streamlit", reason="the app needs streamlit (pip install -e '.[dev]')")
    from playwright.sync_api import expect

    from medpipe.app.launch import app_server
    from medpipe_tests.helpers import FINAL, check_results, materialize

    settings = Settings(duckdb_path=tmp_path / "data" / "medpipe.duckdb", raw_dir=None, offline=True, max_rows_per_source=None)
    assert materialize(settings, FINAL).success
    env = os.environ | {"MEDPIPE_DUCKDB": str(settings.duckdb_path), "MEDPIPE_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    with app_server(env=env, log=tmp_path / "app.log") as url, browser_page(1400, 1200, "app_review_failure.png", tmp_path / "app.log") as page:
        page.goto(f"{url}/review", wait_until="domcontentloaded")
        page.get_by_role("heading", name="Review").wait_for(timeout=60_000)
        expect(page.get_by_text("No labels yet")).to_be_visible(timeout=60_000)
        source = page.get_by_test_id("stSelectbox").filter(has_text="Source")
        source.click()
        page.get_by_role("option", name="medicationqa", exact=True).click()
        expect(page.get_by_role("heading", name=re.compile(r"Row 1 of \d+"))).to_be_visible(timeout=60_000)
        expect(page.get_by_text("truehealth/medicationqa")).to_be_visible()  # the source's provenance
        wrong = page.get_by_role("button", name="Wrong (2)")
        expect(wrong).to_be_disabled()  # no reviewer yet
        reviewer = page.get_by_label("Reviewer")
        reviewer.fill("dr.a")
        reviewer.press("Enter")
        expect(wrong).to_be_enabled(timeout=30_000)
        note = page.get_by_label("Note (optional)")
        expect(note).to_have_count(1, timeout=30_000)  # while Streamlit reruns, the stale copy of the field can still be in the page
        note.fill("wrong drug interaction")
        note.press("Enter")
        page.wait_for_timeout(500)
        wrong.click()
        expect(page.get_by_text(re.compile(r"Saved: wrong for row \w+ \(1 of"))).to_be_visible(timeout=30_000)
        expect(page.get_by_role("heading", name=re.compile(r"Row 2 of"))).to_be_visible()
        page.get_by_role("button", name="Unsafe (3)").click()
        expect(page.get_by_text(re.compile(r"Saved: unsafe for row \w+ \(2 of"))).to_be_visible(timeout=30_000)
        expect(page.get_by_role("heading", name=re.compile(r"Row 3 of"))).to_be_visible()
        page.evaluate("document.activeElement && document.activeElement.blur()")  # focus outside the text inputs: the key reaches the button
        page.keyboard.press("1")
        expect(page.get_by_text(re.compile(r"Saved: correct for row \w+ \(3 of"))).to_be_visible(timeout=30_000)
        audit = page.get_by_test_id("stTable")
        expect(audit).to_contain_text("medicationqa", timeout=30_000)
        expect(audit).to_contain_text("BLOCKS")  # 2 errors of 3: interval 0.208-0.939, above 0.10
        page.screenshot(path=str(ARTIFACTS / "app_review.png"), full_page=True)

    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        labels = con.execute("SELECT label, note, reviewer FROM review_labels ORDER BY labelled_at").fetchall()
    assert labels == [("wrong", "wrong drug interaction", "dr.a"), ("unsafe", "", "dr.a"), ("correct", "", "dr.a")]
    gate = materialize(settings, FINAL, raise_on_error=False)  # the next build: the labels applied, the gate counts them
    passed, meta = check_results(gate)["final_audit"]
    assert not passed and any(e.startswith("medicationqa: 2 of 3 audited rows") for e in meta["examples"])
