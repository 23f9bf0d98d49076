"""PDF text extraction: magic-byte check, text per page, image-only pages recorded, hyphenation repaired."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from medpipe.warehouse.text import clean_text

PDF_MAGIC = b"%PDF-"
_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\n[ \t]*(\w+)")
_WORD = re.compile(r"\w+(?:-\w+)*")


class NotAPdf(ValueError):
    """The file is not a PDF (often an HTML landing page saved under a .pdf name)."""


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    text: str

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())


@dataclass(frozen=True)
class PdfDocument:
    path: Path
    sha256: str
    title: str
    pages: list[PdfPage]
    hyphenations_repaired: int

    @property
    def image_only_pages(self) -> list[int]:
        return [page.number for page in self.pages if not page.has_text]


def check_pdf_magic(data: bytes, name: str) -> None:
    """PDF files start with %PDF- (readers accept it within the first 1,024 bytes)."""
    if PDF_MAGIC not in data[:1024]:
        start = data[:60].decode("utf-8", errors="replace").strip().replace("\n", " ")
        hint = (" It looks like an HTML page saved under a .pdf name: download the PDF file itself."
                if b"<html" in data[:2048].lower() or b"<!doctype" in data[:2048].lower() else "")
        raise NotAPdf(f"{name} is not a PDF: it starts with {start!r}, not '%PDF-'.{hint}")


def read_pdf(path: Path) -> PdfDocument:
    from io import BytesIO

    from pypdf import PdfReader

    data = path.read_bytes()
    check_pdf_magic(data, path.name)
    reader = PdfReader(BytesIO(data))
    raw_pages, _ = strip_running_lines([clean_text(page.extract_text() or "") for page in reader.pages])
    vocabulary = Counter(word.lower() for text in raw_pages for word in _WORD.findall(text))
    repaired = 0
    pages = []
    for number, text in enumerate(raw_pages, start=1):
        text, count = repair_hyphenation(text, vocabulary)
        repaired += count
        pages.append(PdfPage(number, text))
    return PdfDocument(path, hashlib.sha256(data).hexdigest(), _title(reader, pages, path), pages, repaired)


def strip_running_lines(pages: list[str], min_share: float = 0.5, min_pages: int = 4) -> tuple[list[str], int]:
    """Remove running headers, footers and page numbers: lines (digits ignored) found on at least
    `min_share` of a document's text pages. They repeat on every chunk and drown retrieval."""
    text_pages = [text for text in pages if text.strip()]
    if len(text_pages) < min_pages:
        return pages, 0
    presence = Counter(key for text in text_pages for key in {_line_key(line) for line in text.splitlines() if line.strip()})
    running = {key for key, n in presence.items() if n >= max(3, min_share * len(text_pages))}
    removed = 0
    kept_pages = []
    for text in pages:
        lines = text.splitlines()
        kept = [line for line in lines if not line.strip() or _line_key(line) not in running]
        removed += len(lines) - len(kept)
        kept_pages.append("\n".join(kept).strip())
    return kept_pages, removed


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def repair_hyphenation(text: str, vocabulary: Counter[str]) -> tuple[str, int]:
    """Join words hyphenated across a line break ("infec-\\ntion" -> "infection").

    A real compound ("evidence-\\nbased") keeps its hyphen when the document uses the hyphenated form
    more often than the joined one, or when the continuation starts with a capital letter.
    """
    count = 0

    def join(match: re.Match[str]) -> str:
        nonlocal count
        head, tail = match.group(1), match.group(2)
        joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
        if tail[0].isupper() or vocabulary[hyphenated] > vocabulary[joined]:
            return f"{head}-{tail}"
        count += 1
        return head + tail

    return _HYPHEN_BREAK.sub(join, text), count


def _title(reader: object, pages: list[PdfPage], path: Path) -> str:
    metadata = getattr(reader, "metadata", None)
    title = str(metadata.get("/Title", "") or "").strip() if metadata else ""
    if title:
        return title
    first = next((page.text for page in pages if page.has_text), "")
    first_line = next((line.strip() for line in first.splitlines() if len(line.strip()) > 3), "")
    return first_line[:200] or path.stem
