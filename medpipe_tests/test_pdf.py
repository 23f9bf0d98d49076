"""PDF extraction and chunking: pure functions, on the project's own PDFs and on the real guideline PDFs."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from medpipe.corpus.chunking import chunk_document, plan_chunks
from medpipe.corpus.embeddings import count_tokens, load_model
from medpipe.corpus.pdf import NotAPdf, check_pdf_magic, read_pdf, repair_hyphenation
from medpipe.settings import SAMPLES_DIR
from medpipe_tests.pdf_factory import write_text_pdf

SAMPLE_PDFS = SAMPLES_DIR / "pdfs"


def test_html_saved_as_pdf_is_rejected_with_a_clear_message(tmp_path: Path) -> None:
    page = tmp_path / "9789241513081-eng.pdf"
    page.write_text("<!DOCTYPE html><html><head><title>IRIS</title></head><body>Download</body></html>", encoding="utf-8")
    with pytest.raises(NotAPdf, match=r"is not a PDF: it starts with '<!DOCTYPE html.*HTML page saved under a \.pdf name"):
        read_pdf(page)
    check_pdf_magic(b"\n%PDF-1.7 ...", "ok.pdf")  # junk before the header is allowed


def test_hyphenation_repair_keeps_real_compounds() -> None:
    vocabulary = Counter({"evidence-based": 3, "infection": 2})
    text, repaired = repair_hyphenation("infec-\ntion control is evidence-\nbased in South-\nEast Asia", vocabulary)
    assert text == "infection control is evidence-based in South-East Asia"
    assert repaired == 1


def test_sample_pdfs(tmp_path: Path) -> None:
    first_aid = read_pdf(SAMPLE_PDFS / "emergency_first_aid_basics.pdf")
    assert len(first_aid.pages) == 4 and first_aid.image_only_pages == [3]
    assert first_aid.title == "Emergency first aid: a guide for community volunteers"
    assert "bystanders" in first_aid.pages[0].text and "circulation" in first_aid.pages[0].text
    assert first_aid.hyphenations_repaired >= 4
    assert len(first_aid.sha256) == 64


def test_title_falls_back_to_the_first_line(tmp_path: Path) -> None:
    path = write_text_pdf(tmp_path / "x.pdf", [["Managing fever - 1 / 2", "Give fluids."]])
    assert read_pdf(path).title == "Managing fever - 1 / 2"


@pytest.mark.parametrize("max_tokens,overlap", [(10, 3), (7, 0), (50, 10)])
def test_plan_chunks_invariants(max_tokens: int, overlap: int) -> None:
    counts = [1, 3, 2, 1, 1, 4, 2, 2, 1, 1, 3, 1, 2, 2, 1, 1, 5, 1, 1, 2]
    spans = plan_chunks(counts, max_tokens, overlap)
    assert spans[0][0] == 0 and spans[-1][1] == len(counts)
    covered = set()
    for (start, end), following in zip(spans, spans[1:] + [None]):
        assert end > start and sum(counts[start:end]) <= max_tokens
        covered |= set(range(start, end))
        if following:
            assert following[0] > start  # always progresses
            assert following[0] <= end  # no gap
            assert sum(counts[following[0]:end]) <= overlap
    assert covered == set(range(len(counts)))


def test_a_word_longer_than_a_chunk_gets_its_own_chunk() -> None:
    assert plan_chunks([2, 30, 2], 10, 2) == [(0, 1), (1, 2), (2, 3)]


def test_chunks_cover_every_page_without_splitting_words() -> None:
    model = load_model("")
    document = read_pdf(SAMPLE_PDFS / "emergency_first_aid_basics.pdf")
    chunks = chunk_document(document, lambda words: count_tokens(model, words), max_tokens=60, overlap_tokens=12)
    assert all(c.text.strip() and c.n_tokens <= 60 for c in chunks)
    text_pages = [p for p in document.pages if p.has_text]
    for page in text_pages:
        for word in page.text.split():
            assert any(word in c.text.split() for c in chunks if c.first_page <= page.number <= c.last_page), word
    for chunk in chunks:  # every chunk starts and ends on a word boundary
        assert re.match(r"\S", chunk.text) and re.search(r"\S$", chunk.text)
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    overlaps = [set(a.text.split()[-3:]) <= set(b.text.split()) for a, b in zip(chunks, chunks[1:])]
    assert all(overlaps)


REAL_PAGES = {
    "Actions - 12 - Managing fever.pdf": (2, []),
    "Actions - 19 - Psychosocial support (Psychological first aid (PFA)).pdf": (3, []),
    "Actions - 7 - Assessment of dehydration.pdf": (2, []),
    "Diseases - 2 - Cholera.pdf": (3, []),
    "doc_002_WHO_IPC_core_components_2016.pdf": (91, []),
    "doc_003_WHO_EMRO_Healthy_diet.pdf": (20, [2, 6]),
}


def test_real_guideline_pdfs(realdata: Path) -> None:
    found = {p.name: read_pdf(p) for p in (realdata / "guideline_pdfs").rglob("*.pdf")}
    assert {name: (len(d.pages), d.image_only_pages) for name, d in found.items()} == REAL_PAGES
    ipc = found["doc_002_WHO_IPC_core_components_2016.pdf"]
    assert ipc.hyphenations_repaired >= 300  # ~411 line-break hyphens, of which compounds keep their hyphen
    full = "\n".join(p.text for p in ipc.pages)
    assert not re.search(r"\b(infec|preven|implemen)-\n", full)
    assert "evidence-based" in full


def test_running_headers_and_page_numbers_are_removed() -> None:
    from medpipe.corpus.pdf import strip_running_lines

    topics = ["hand hygiene", "surveillance", "training", "audits", "workload", "environment"]
    pages = [f"{n}\nGuidelines on Core Components\nThis page is about {topic}." for n, topic in enumerate(topics, start=1)] + [""]
    kept, removed = strip_running_lines(pages)
    assert removed == 12
    assert kept[0] == "This page is about hand hygiene." and kept[-1] == ""
    assert strip_running_lines(pages[:3]) == (pages[:3], 0)  # too few pages to tell a running line


def test_guideline_download_keeps_pdfs_and_quarantines_an_html_page(tmp_path: Path) -> None:
    """The online download path, against a loopback HTTP server standing in for the WHO and IFRC sites."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from medpipe.corpus.extract import GuidelinePdf, download_guidelines

    site = tmp_path / "site"
    site.mkdir()
    (site / "bec.pdf").write_bytes((SAMPLE_PDFS / "heat_illness_and_dehydration.pdf").read_bytes())
    (site / "landing.pdf").write_text("<!DOCTYPE html><html><body>Please accept cookies</body></html>", encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        wanted = [GuidelinePdf("who_bec.pdf", f"{base}/bec.pdf", "x"), GuidelinePdf("ifrc.pdf", f"{base}/landing.pdf", "x"),
                  GuidelinePdf("gone.pdf", f"{base}/missing.pdf", "x")]
        paths, rejected = download_guidelines(tmp_path / "downloads", wanted, timeout=10)
    finally:
        server.shutdown()
    assert [p.name for p in paths] == ["who_bec.pdf"] and read_pdf(paths[0]).pages
    assert [r["reason"] for r in rejected] == ["download_failed", "download_failed"]
    assert "HTML page saved under a .pdf name" in rejected[0]["detail"] and "404" in rejected[1]["detail"]
    again, _ = download_guidelines(tmp_path / "downloads", wanted[:1], timeout=10)  # already downloaded: not fetched again
    assert again == paths


def test_real_pdf_chunk_invariants(realdata: Path) -> None:
    model = load_model("")
    for path in [realdata / "guideline_pdfs" / "who" / "doc_003_WHO_EMRO_Healthy_diet.pdf",
                 *sorted((realdata / "guideline_pdfs" / "ifrc_ecv_toolkit").glob("*.pdf"))]:
        document = read_pdf(path)
        chunks = chunk_document(document, lambda words: count_tokens(model, words), max_tokens=96, overlap_tokens=24)
        assert chunks and all(c.text.strip() and c.n_tokens <= 96 for c in chunks)
        for page in (p for p in document.pages if p.has_text):
            covering = " ".join(c.text for c in chunks if c.first_page <= page.number <= c.last_page).split()
            assert set(page.text.split()) <= set(covering), f"{path.name} p. {page.number}"
        for a, b in zip(chunks, chunks[1:]):  # consecutive chunks overlap by a few words, never by more than configured
            shared = [w for w in a.text.split()[-30:] if w in b.text.split()[:30]]
            assert shared and b.start_char < a.end_char
