"""The guideline corpus as tables: documents, pages and chunks, rebuilt only where a file changed."""

from __future__ import annotations

import hashlib
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import polars as pl

from medpipe.corpus.chunking import Chunk, TokenCounter, chunk_document
from medpipe.corpus.pdf import NotAPdf, PdfDocument, PdfPage, check_pdf_magic, read_pdf
from medpipe.warehouse.rows import Rejection, quarantine_frame, quarantine_row

EXTRACT_STEP = "pdf_documents"  # the step (and asset) that extracts the corpus

DOCUMENT_SCHEMA = {
    "sha256": pl.String, "file_name": pl.String, "title": pl.String, "pages": pl.Int32,
    "image_only_pages": pl.List(pl.Int32), "hyphenations_repaired": pl.Int32, "origin": pl.String,
}
PAGE_SCHEMA = {"sha256": pl.String, "page": pl.Int32, "text": pl.String, "has_text": pl.Boolean}
CHUNK_SCHEMA = {
    "chunk_id": pl.String, "document_sha256": pl.String, "chunk_index": pl.Int32, "first_page": pl.Int32,
    "last_page": pl.Int32, "start_char": pl.Int32, "end_char": pl.Int32, "n_tokens": pl.Int32, "text": pl.String, "text_sha256": pl.String,
}


@dataclass(frozen=True)
class GuidelinePdf:
    name: str
    url: str
    license: str


# Downloaded when online (the seed card's two direct sources).
GUIDELINE_PDFS: tuple[GuidelinePdf, ...] = (
    GuidelinePdf("who_basic_emergency_care.pdf", "https://iris.who.int/bitstream/handle/10665/275635/9789241513081-eng.pdf", "CC BY-NC-SA 3.0 IGO"),
    GuidelinePdf("ifrc_first_aid_guidelines_2020.pdf",
                 "https://www.ifrc.org/sites/default/files/2022-02/EN_GFARC_GUIDELINES_2020.pdf", "IFRC terms of use"),
)


@dataclass
class CorpusExtract:
    documents: pl.DataFrame
    pages: pl.DataFrame
    quarantined: pl.DataFrame
    extracted: int
    reused: int


def download_guidelines(target: Path, guidelines: Iterable[GuidelinePdf], timeout: float = 60.0) -> tuple[list[Path], list[dict]]:
    """Fetch each guideline PDF once into `target`; a failed or non-PDF download is quarantined, not fatal."""
    target.mkdir(parents=True, exist_ok=True)
    paths, rejected = [], []
    for pdf in guidelines:
        path = target / pdf.name
        if not path.exists():
            try:
                with urllib.request.urlopen(pdf.url, timeout=timeout) as response:
                    data = response.read()
                check_pdf_magic(data, pdf.url)
                path.write_bytes(data)
            except (OSError, NotAPdf) as exc:
                rejected.append(quarantine_row(EXTRACT_STEP, "pdf_corpus", pdf.url, Rejection("download_failed", str(exc)), {"url": pdf.url}))
                continue
        paths.append(path)
    return paths, rejected


def extract_corpus(paths: list[Path], previous_pages: pl.DataFrame, previous_documents: pl.DataFrame) -> CorpusExtract:
    """Extract every PDF whose sha256 is new; reuse the stored pages of the others."""
    documents, pages, rejected = [], [], []
    extracted = reused = 0
    known = set(previous_documents["sha256"].to_list()) if previous_documents.height else set()
    for path in paths:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha in known:
            documents.append(previous_documents.filter(pl.col("sha256") == sha).with_columns(file_name=pl.lit(path.name)))
            pages.append(previous_pages.filter(pl.col("sha256") == sha))
            reused += 1
            continue
        try:
            document = read_pdf(path)
        except NotAPdf as exc:
            rejected.append(quarantine_row(EXTRACT_STEP, "pdf_corpus", path.name, Rejection("not_a_pdf", str(exc)), {"file": path.name}))
            continue
        except Exception as exc:  # pypdf raises many types on damaged files
            rejected.append(quarantine_row(EXTRACT_STEP, "pdf_corpus", path.name,
                                           Rejection("unreadable_pdf", f"{type(exc).__name__}: {exc}"), {"file": path.name}))
            continue
        documents.append(_document_frame(document))
        pages.append(pl.DataFrame([{"sha256": document.sha256, "page": p.number, "text": p.text, "has_text": p.has_text}
                                   for p in document.pages], schema=PAGE_SCHEMA))
        extracted += 1
    docs = pl.concat(documents).unique("sha256", keep="first", maintain_order=True) if documents else pl.DataFrame(schema=DOCUMENT_SCHEMA)
    all_pages = pl.concat(pages).unique(["sha256", "page"], keep="first", maintain_order=True) if pages else pl.DataFrame(schema=PAGE_SCHEMA)
    return CorpusExtract(docs, all_pages, quarantine_frame(rejected), extracted, reused)


def chunk_corpus(pages: pl.DataFrame, count_tokens: TokenCounter, max_tokens: int, overlap_tokens: int) -> pl.DataFrame:
    chunks: list[Chunk] = []
    for (sha,), doc_pages in pages.sort("sha256", "page").group_by("sha256", maintain_order=True):
        document = PdfDocument(Path(""), str(sha), "", [PdfPage(p, t) for p, t in zip(doc_pages["page"], doc_pages["text"])], 0)
        chunks.extend(chunk_document(document, count_tokens, max_tokens, overlap_tokens))
    return pl.DataFrame(
        [
            {"chunk_id": c.chunk_id, "document_sha256": c.document_sha256, "chunk_index": c.index, "first_page": c.first_page,
             "last_page": c.last_page,
             "start_char": c.start_char, "end_char": c.end_char, "n_tokens": c.n_tokens, "text": c.text, "text_sha256": c.text_sha256}
            for c in chunks
        ],
        schema=CHUNK_SCHEMA,
    )


def _document_frame(document: PdfDocument) -> pl.DataFrame:
    return pl.DataFrame(
        [{"sha256": document.sha256, "file_name": document.path.name, "title": document.title, "pages": len(document.pages),
          "image_only_pages": document.image_only_pages, "hyphenations_repaired": document.hyphenations_repaired,
              "origin": str(document.path.parent.name)}],
        schema=DOCUMENT_SCHEMA,
    )
