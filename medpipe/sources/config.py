"""Where sources are read from this run: MEDPIPE_RAW_DIR, the bundled samples when offline, else the Hub."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import dagster as dg

from medpipe.settings import Settings, resolve_offline


class SourceSettings(dg.ConfigurableResource):
    raw_dir: str = ""
    offline: Optional[bool] = None  # None: decided at run time (HF_HUB_OFFLINE, else whether the Hub answers)
    max_rows_per_source: int = 0  # 0: no cap beyond a source's own catalog cap (never applied to the evaluation sets)
    max_source_loss: float = 0.5  # a source that keeps fewer rows than this share below its previous load (same origin and cap) fails
    allow_empty: bool = False  # a missing or empty raw or PDF folder may empty an output that had rows (warehouse/guard.py)

    @classmethod
    def from_settings(cls, settings: Settings) -> "SourceSettings":
        return cls(raw_dir=str(settings.raw_dir or ""), offline=settings.offline, max_rows_per_source=settings.max_rows_per_source or 0,
                   allow_empty=settings.allow_empty)

    @property
    def raw_path(self) -> Path | None:
        return Path(self.raw_dir) if self.raw_dir else None

    def row_cap(self, spec: Any) -> int | None:
        """The rows a training source may read: MEDPIPE_MAX_ROWS_PER_SOURCE, else the catalog's own cap."""
        return self.max_rows_per_source or spec.max_rows

    def is_offline(self) -> bool:
        return resolve_offline(self.offline)


def resources(settings: Settings) -> dict[str, Any]:
    return {"source_settings": SourceSettings.from_settings(settings)}
