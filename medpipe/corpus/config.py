"""The corpus stage's resources: the guideline PDF folder (one rule for which files are PDFs, shared by the asset and the
sensor) and the embedder."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import dagster as dg

from medpipe.corpus.embeddings import Embedder
from medpipe.settings import DEFAULT_PDF_DIR, Settings, resolve_offline


class PdfFolder(dg.ConfigurableResource):
    """The folder of guideline PDFs; online, the guidelines of `extract.GUIDELINE_PDFS` are downloaded beside the warehouse too."""

    pdf_dir: str = str(DEFAULT_PDF_DIR)
    offline: Optional[bool] = None  # None: decided at run time (HF_HUB_OFFLINE, else whether the Hub answers)
    allow_empty: bool = False  # an empty folder may empty a corpus that had documents (warehouse/guard.py)

    @property
    def path(self) -> Path:
        return Path(self.pdf_dir)

    def files(self) -> list[Path]:
        """The PDFs of the folder, whatever the case of their suffix (GUIDE.PDF counts), sorted."""
        return sorted(p for p in self.path.glob("*") if p.suffix.lower() == ".pdf" and p.is_file())

    def is_offline(self) -> bool:
        return resolve_offline(self.offline)


def resources(settings: Settings) -> dict[str, Any]:
    return {"pdf_folder": PdfFolder(pdf_dir=str(settings.pdf_dir), offline=settings.offline, allow_empty=settings.allow_empty),
            "embedder": Embedder(model=settings.embedding_model, model_cache=str(settings.model_cache))}
