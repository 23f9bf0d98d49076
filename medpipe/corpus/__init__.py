"""Corpus: guideline PDFs extracted page by page, chunked by tokens, embedded (cached by content) and indexed with FAISS for retrieval."""
