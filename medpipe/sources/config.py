"""Where inputs are read from this run: MEDPIPE_RAW_DIR, the bundled samples when offline, else the Hub; and the PDF folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import dagster as dg

from medpipe.settings import SAMPLES_DIR, Settings, resolve_offline


class SourceSettings(dg.ConfigurableResource):
    raw_dir: str = ""
    offline: Optional[bool] = None  # None: decided at run time (HF_HUB_OFFLINE, else whether the Hub answers)
    max_rows_per_source: int = 0  # 0: no cap beyond a source's own catalog cap
    pdf_dir: str = str(SAMPLES_DIR / "pdfs")
    max_source_loss: float = 0.5  # a source that keeps fewer rows than this share below its previous load (same origin and cap) fails
    allow_empty: bool = False  # a missing or empty raw or PDF folder may empty an output that had rows (warehouse/guard.py)

    @classmethod
    def from_settings(cls, settings: Settings) -> "SourceSettings":
        return cls(raw_dir=str(settings.raw_dir or ""), offline=settings.offline, max_rows_per_source=settings.max_rows_per_source or 0,
                   pdf_dir=str(settings.pdf_dir), allow_empty=settings.allow_empty)

    @property
    def raw_path(self) -> Path | None:
        return Path(self.raw_dir) if self.raw_dir else None

    @property
    def pdf_path(self) -> Path:
        return Path(self.pdf_dir)

    def is_offline(self) -> bool:
        return resolve_offline(self.offline)
