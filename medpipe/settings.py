"""Environment settings, read in one place. See the README's table of settings."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLES_DIR = PACKAGE_DIR / "samples"
SQL_DIR = PROJECT_ROOT / "sql"
HUB_HOST = "huggingface.co"


@dataclass(frozen=True)
class Settings:
    duckdb_path: Path
    raw_dir: Path | None
    offline: bool
    max_rows_per_source: int | None
    pdf_dir: Path = SAMPLES_DIR / "pdfs"

    @property
    def data_dir(self) -> Path:
        return self.duckdb_path.parent

    @property
    def faiss_path(self) -> Path:
        """The index file lives beside the DuckDB file it belongs to."""
        return self.duckdb_path.with_suffix(".faiss")


def load_settings() -> Settings:
    raw_dir = os.environ.get("MEDPIPE_RAW_DIR", "").strip()
    cap = os.environ.get("MEDPIPE_MAX_ROWS_PER_SOURCE", "").strip()
    return Settings(
        duckdb_path=Path(os.environ.get("MEDPIPE_DUCKDB", "").strip() or PROJECT_ROOT / "data" / "medpipe.duckdb").resolve(),
        raw_dir=Path(raw_dir).resolve() if raw_dir else None,
        offline=_offline_setting(os.environ.get("MEDPIPE_OFFLINE", "auto")),
        max_rows_per_source=int(cap) if cap else None,
        pdf_dir=Path(os.environ.get("MEDPIPE_PDF_DIR", "").strip() or SAMPLES_DIR / "pdfs").resolve(),
    )


def _offline_setting(value: str) -> bool:
    value = value.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    if os.environ.get("HF_HUB_OFFLINE", "").strip() in ("1", "true", "TRUE"):
        return True
    return not hub_reachable()


@lru_cache(maxsize=1)
def hub_reachable(timeout: float = 2.0) -> bool:
    """Whether the Hugging Face Hub answers a TCP connection; without it every Hub call would time out."""
    try:
        with socket.create_connection((HUB_HOST, 443), timeout=timeout):
            return True
    except OSError:
        return False
