"""Token-bounded chunks of a document, with overlap, never splitting inside a word."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from medpipe.corpus.pdf import PdfDocument

PAGE_SEPARATOR = "\n\n"
_WORD = re.compile(r"\S+")

TokenCounter = Callable[[list[str]], list[int]]


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    document_sha256: str
    index: int
    first_page: int
    last_page: int
    start_char: int
    end_char: int
    n_tokens: int
    text: str

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def plan_chunks(token_counts: Sequence[int], max_tokens: int, overlap_tokens: int) -> list[tuple[int, int]]:
    """Word spans [start, end) whose token sums stay within max_tokens; each span after the first
    starts with the last words of the previous one, up to overlap_tokens of them. A single word longer
    than max_tokens gets a span of its own."""
    if overlap_tokens >= max_tokens:
        raise ValueError("overlap_tokens must be smaller than max_tokens")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(token_counts)
    while start < n:
        end, total = start, 0
        while end < n and (total + token_counts[end] <= max_tokens or end == start):
            total += token_counts[end]
            end += 1
        spans.append((start, end))
        if end >= n:
            break
        next_start, carried = end, 0
        while next_start - 1 > start and carried + token_counts[next_start - 1] <= overlap_tokens:
            next_start -= 1
            carried += token_counts[next_start]
        start = next_start
    return spans


def chunk_document(document: PdfDocument, count_tokens: TokenCounter, max_tokens: int, overlap_tokens: int) -> list[Chunk]:
    """Chunks over the whole document (they may span pages), each with its page range and char span."""
    full_text, page_starts = "", []
    for page in document.pages:
        page_starts.append((len(full_text), page.number))
        full_text += page.text + PAGE_SEPARATOR
    words = [(m.start(), m.end()) for m in _WORD.finditer(full_text)]
    if not words:
        return []
    counts = count_tokens([full_text[s:e] for s, e in words])
    offsets = [start for start, _ in page_starts]
    pages = [page_starts[bisect.bisect_right(offsets, s) - 1][1] for s, _ in words]
    chunks = []
    for index, (first, last) in enumerate(plan_chunks(counts, max_tokens, overlap_tokens)):
        start_char, end_char = words[first][0], words[last - 1][1]
        span_id = hashlib.sha256(f"{document.sha256}:{start_char}:{end_char}".encode()).hexdigest()[:20]
        chunks.append(
            Chunk(span_id, document.sha256, index, pages[first], pages[last - 1], start_char, end_char, sum(counts[first:last]),
                  full_text[start_char:end_char])
        )
    return chunks

