"""Dagster resources: the DuckDB warehouse and the source settings."""


import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from medpipe.lib.embeddings import PACKAGED_MODEL, load_model
from medpipe.settings import SAMPLES_DIR, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from medpipe.lib.llm import OllamaPool

DUCKDB_POOL = "duckdb"


class Warehouse(DuckDBResource):
    """The one DuckDB file every asset writes to (one writer at a time: the `duckdb` pool)."""

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # dagster-duckdb's own get_connection leaves the file open when the asset raises; this one always closes it.
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            con.execute("SET python_enable_replacements = false")  # SQL never reads a Python variable named like a table
            yield con
        finally:
            con.close()

    def _connect(self, attempts: int = 10) -> duckdb.DuckDBPyConnection:
        """Another process may hold the file's lock for a moment (a reader, the UI): retry with backoff."""
        for attempt in range(attempts):
            try:
                return duckdb.connect(self.database, read_only=False, config={"custom_user_agent": "medpipe", **self.connection_config})
            except duckdb.IOException:
                if attempt == attempts - 1:
                    raise
                time.sleep(min(0.1 * 2**attempt, 2.0))
        raise AssertionError("unreachable")


class SourceSettings(dg.ConfigurableResource):
    """Where sources are read from: MEDPIPE_RAW_DIR, bundled samples when offline, else the Hub."""

    raw_dir: str = ""
    offline: bool = True
    max_rows_per_source: int = 0
    pdf_dir: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> "SourceSettings":
        return cls(
            raw_dir=str(settings.raw_dir or ""),
            offline=settings.offline,
            max_rows_per_source=settings.max_rows_per_source or 0,
            pdf_dir=str(settings.pdf_dir),
        )

    def settings(self, duckdb_path: str) -> Settings:
        return Settings(
            duckdb_path=Path(duckdb_path),
            raw_dir=Path(self.raw_dir) if self.raw_dir else None,
            offline=self.offline,
            max_rows_per_source=self.max_rows_per_source or None,
            pdf_dir=Path(self.pdf_dir) if self.pdf_dir else SAMPLES_DIR / "pdfs",
        )


class Embedder(dg.ConfigurableResource):
    """The sentence-transformers model for chunks, retrieval and semantic dedup ('' = packaged all-MiniLM-L6-v2)."""

    model: str = ""
    batch_size: int = 64

    @property
    def model_name(self) -> str:
        return self.model or PACKAGED_MODEL

    def load(self) -> "SentenceTransformer":
        return load_model(self.model)


class HubPublisher(dg.ConfigurableResource):
    """Where releases go: a local folder beside the DuckDB file, and the Hub when a repo id and token are set."""

    repo_id: str = ""
    token: Optional[str] = None  # from dg.EnvVar("HF_TOKEN"): never logged, never written
    endpoint: str = ""
    private: bool = True
    max_source_shrink: float = 0.1
    max_source_growth: float = 10.0
    max_synthetic_share: float = 0.3

    def release_dir(self, duckdb_path: str) -> Path:
        return Path(duckdb_path).parent / "release"


class OllamaLLM(dg.ConfigurableResource):
    """An Ollama endpoint (or several, comma-separated in `hosts`, to spread the load) through the official client."""

    hosts: str = "http://127.0.0.1:11434"
    model: str = "smollm2:135m-instruct-q4_1"
    temperature: float = 0.3
    seed: int = 42
    num_ctx: int = 2048
    num_predict: int = 220
    repeat_penalty: float = 1.3
    timeout: float = 120.0
    retries: int = 2
    backoff: float = 0.5
    concurrency: int = 2

    def options(self) -> dict[str, object]:
        return {"temperature": self.temperature, "seed": self.seed, "num_ctx": self.num_ctx, "num_predict": self.num_predict, "repeat_penalty": self.repeat_penalty}

    def pool(self) -> "OllamaPool":
        from medpipe.lib.llm import OllamaPool

        hosts = [h.strip() for h in self.hosts.split(",") if h.strip()]
        return OllamaPool(hosts, self.model, self.options(), self.timeout, self.retries, self.backoff, self.concurrency)
