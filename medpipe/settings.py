"""Every environment variable and default, read in one place, and the resources built from them (README: Settings)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLES_DIR = PACKAGE_DIR / "samples"
SQL_DIR = PROJECT_ROOT / "sql"

HUB_HOST = "huggingface.co"
DEFAULT_DUCKDB = PROJECT_ROOT / "data" / "medpipe.duckdb"
DEFAULT_PDF_DIR = SAMPLES_DIR / "pdfs"
DEFAULT_OLLAMA_HOST = "http://127.0.0.1:11434"
DEFAULT_LLM_MODEL = "smollm2:135m-instruct-q4_1"  # the bundled server's model
DEFAULT_MODEL_CACHE = Path.home() / ".cache" / "medpipe" / "models"  # models medpipe derives (static dedup model, dequantised GGUF)
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds a build waits for another build's hold on the DuckDB file
EXECUTORS = ("in_process", "celery", "k8s")  # one machine (default) | celery workers | a pod per step with dagster-k8s (README: Distributed)
DEPLOY_DIR = PROJECT_ROOT / "deploy" / "distributed"  # the distributed configuration: instance file, celery run config
DEFAULT_CELERY_CONFIG = DEPLOY_DIR / "celery.yaml"
DEFAULT_EMERGENCY_NUMBER = "112"  # the assistant's emergency notice: the EU-wide number, also redirected by most GSM phones elsewhere


@dataclass(frozen=True)
class Settings:
    """What the environment asks for; `offline=None` means: decide at run time (HF_HUB_OFFLINE, else probe the Hub)."""

    duckdb_path: Path = DEFAULT_DUCKDB
    raw_dir: Path | None = None
    offline: bool | None = None
    max_rows_per_source: int | None = None
    pdf_dir: Path = DEFAULT_PDF_DIR
    embedding_model: str = ""
    ollama_hosts: str = DEFAULT_OLLAMA_HOST
    llm_model: str = DEFAULT_LLM_MODEL
    hub_repo: str = ""
    hub_token_set: bool = False
    hub_endpoint: str = ""
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    model_cache: Path = DEFAULT_MODEL_CACHE
    executor: str = "in_process"
    partition_store: str = ""  # explicit storage root (folder or filesystem URI) of the partitioned outputs; "" = beside the DuckDB file
    celery_config: Path = DEFAULT_CELERY_CONFIG
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER

    @property
    def data_dir(self) -> Path:
        return self.duckdb_path.parent

    @property
    def partition_root(self) -> str:
        """Where partitioned generation commits its Parquet files and where `merged` imports them from."""
        return self.partition_store or str(self.data_dir / "partitions")

    @property
    def write_partitions(self) -> bool:
        """Partitions go to the store (no writer lock) when a store is named or the steps run on celery workers; else into DuckDB."""
        return bool(self.partition_store) or self.executor != "in_process"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the environment; no network call (the offline probe runs when a step first needs it)."""
    env = os.environ if environ is None else environ

    def get(name: str) -> str:
        return env.get(name, "").strip()

    raw_dir, cap, host, wait = get("MEDPIPE_RAW_DIR"), get("MEDPIPE_MAX_ROWS_PER_SOURCE"), get("OLLAMA_HOST"), get("MEDPIPE_LOCK_TIMEOUT")
    executor, store = get("MEDPIPE_EXECUTOR") or "in_process", get("MEDPIPE_PARTITION_STORE")
    if executor not in EXECUTORS:
        raise SettingError("MEDPIPE_EXECUTOR", executor, "in_process (one machine), celery (workers started with `dagster-celery worker start`) "
                                                         "or k8s (a pod per step, with dagster-k8s)")
    if cap and not cap.isdigit():
        raise SettingError("MEDPIPE_MAX_ROWS_PER_SOURCE", cap, "a whole number of rows, e.g. 1000 (or unset it for no cap)")
    if raw_dir and not Path(raw_dir).is_dir():
        raise SettingError("MEDPIPE_RAW_DIR", raw_dir, "an existing folder holding one sub-folder per source (or unset it to use the Hub or the bundled samples)")
    if get("MEDPIPE_EMERGENCY_NUMBER") and not (get("MEDPIPE_EMERGENCY_NUMBER").isdigit() and 2 <= len(get("MEDPIPE_EMERGENCY_NUMBER")) <= 6):
        raise SettingError("MEDPIPE_EMERGENCY_NUMBER", get("MEDPIPE_EMERGENCY_NUMBER"), "the local emergency number's digits, e.g. 112, 911, 999 or 000")
    if wait and not wait.replace(".", "", 1).isdigit():
        raise SettingError("MEDPIPE_LOCK_TIMEOUT", wait, "a number of seconds, e.g. 600")
    return Settings(
        duckdb_path=Path(get("MEDPIPE_DUCKDB") or DEFAULT_DUCKDB).resolve(),
        raw_dir=Path(raw_dir).resolve() if raw_dir else None,
        offline=offline_mode(get("MEDPIPE_OFFLINE") or "auto"),
        max_rows_per_source=int(cap) if cap else None,
        pdf_dir=Path(get("MEDPIPE_PDF_DIR") or DEFAULT_PDF_DIR).resolve(),
        embedding_model=get("MEDPIPE_EMBEDDING_MODEL"),
        ollama_hosts=host or DEFAULT_OLLAMA_HOST,
        llm_model=get("MEDPIPE_LLM_MODEL") or DEFAULT_LLM_MODEL,
        hub_repo=get("MEDPIPE_HUB_REPO"),
        hub_token_set=bool(get("HF_TOKEN")),
        hub_endpoint=get("HF_ENDPOINT"),
        lock_timeout=float(wait) if wait else DEFAULT_LOCK_TIMEOUT,
        model_cache=Path(get("MEDPIPE_MODEL_CACHE") or DEFAULT_MODEL_CACHE).expanduser().resolve(),
        executor=executor,
        partition_store=store if "://" in store or not store else str(Path(store).expanduser().resolve()),
        celery_config=Path(get("MEDPIPE_CELERY_CONFIG") or DEFAULT_CELERY_CONFIG).resolve(),
        emergency_number=get("MEDPIPE_EMERGENCY_NUMBER") or DEFAULT_EMERGENCY_NUMBER,
    )


class SettingError(ValueError):
    """A setting with a value medpipe cannot use: names the variable and what to do."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"{name}={value!r} cannot be used: expected {expected}.")


def offline_mode(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    if value == "auto":
        return None
    raise SettingError("MEDPIPE_OFFLINE", value, "1 (bundled samples), 0 (the Hub) or auto")


def resolve_offline(offline: bool | None) -> bool:
    """An explicit choice wins; otherwise HF_HUB_OFFLINE, otherwise whether the Hub answers."""
    if offline is not None:
        return offline
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes"):
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


def build_resources(settings: Settings) -> dict[str, Any]:
    """The resources every asset uses, from the settings (the HF token only as a dg.EnvVar, never as a value)."""
    import dagster as dg

    from medpipe.corpus.embeddings import Embedder
    from medpipe.publish.assets import GateSuite
    from medpipe.publish.hub import HubPublisher
    from medpipe.sources.config import SourceSettings
    from medpipe.synthetic.llm import OllamaLLM
    from medpipe.warehouse.store import GenerationStore, Warehouse

    return {
        "warehouse": Warehouse(database=str(settings.duckdb_path), lock_timeout=settings.lock_timeout, partition_root=settings.partition_root),
        "generation": GenerationStore(database=str(settings.duckdb_path), lock_timeout=settings.lock_timeout, partition_root=settings.partition_root,
                                      write_partitions=settings.write_partitions),
        "source_settings": SourceSettings.from_settings(settings),
        "embedder": Embedder(model=settings.embedding_model, model_cache=str(settings.model_cache)),
        "llm": OllamaLLM(hosts=settings.ollama_hosts, model=settings.llm_model),
        "gate_suite": GateSuite(),
        "hub": HubPublisher(repo_id=settings.hub_repo, token=dg.EnvVar("HF_TOKEN") if settings.hub_token_set else None,
                            endpoint=settings.hub_endpoint),
    }
