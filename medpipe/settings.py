"""Every environment variable and default, read in one place (README: Settings); each stage builds its resources from them."""

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
    allow_empty: bool = False  # an input folder that is missing or empty may replace an output that had rows (warehouse/guard.py)
    sources_file: Path | None = None  # MEDPIPE_SOURCES_FILE: a TOML file of extra sources (sources/custom.py)
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
    if cap and (not cap.isdigit() or int(cap) == 0):  # 0 would read as "no cap" further down: a cap of no rows is never meant
        raise SettingError("MEDPIPE_MAX_ROWS_PER_SOURCE", cap, "a whole number of rows of at least 1, e.g. 1000 (or unset it for no cap)")
    if raw_dir and not Path(raw_dir).is_dir():
        raise SettingError("MEDPIPE_RAW_DIR", raw_dir,
                           "an existing folder holding one sub-folder per source (or unset it to use the Hub or the bundled samples)")
    if get("MEDPIPE_EMERGENCY_NUMBER") and not (get("MEDPIPE_EMERGENCY_NUMBER").isdigit() and 2 <= len(get("MEDPIPE_EMERGENCY_NUMBER")) <= 6):
        raise SettingError("MEDPIPE_EMERGENCY_NUMBER", get("MEDPIPE_EMERGENCY_NUMBER"),
                           "the local emergency number's digits, e.g. 112, 911, 999 or 000")
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
        allow_empty=flag("MEDPIPE_ALLOW_EMPTY", get("MEDPIPE_ALLOW_EMPTY")),
        sources_file=sources_file_setting(env),
        emergency_number=get("MEDPIPE_EMERGENCY_NUMBER") or DEFAULT_EMERGENCY_NUMBER,
    )


def sources_file_setting(environ: Any = None) -> Path | None:
    """MEDPIPE_SOURCES_FILE: the TOML file that adds sources without a code edit (read by the source catalog at import)."""
    value = (os.environ if environ is None else environ).get("MEDPIPE_SOURCES_FILE", "").strip()
    if value and not Path(value).is_file():
        raise SettingError("MEDPIPE_SOURCES_FILE", value, "an existing TOML file of [[source]] tables (or unset it)")
    return Path(value).resolve() if value else None


class SettingError(ValueError):
    """A setting with a value medpipe cannot use: names the variable and what to do."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"{name}={value!r} cannot be used: expected {expected}.")


class SettingsInvalid(SettingError):
    """Several settings medpipe cannot use: one line each."""

    def __init__(self, errors: list[SettingError]) -> None:
        ValueError.__init__(self, "\n".join(str(e) for e in errors))
        self.errors = errors


def validate_settings(settings: Settings, environ: dict[str, str] | None = None) -> None:
    """Every setting a build uses, checked before any step runs: paths exist and are of the right kind, the embedding model
    resolves, the celery config parses. Raises SettingsInvalid naming each bad one (one line each); no network call unless
    MEDPIPE_OFFLINE asks for the Hub."""
    env = os.environ if environ is None else environ
    errors: list[SettingError] = []

    def check(name: str, value: object, problem: str | None) -> None:
        if problem:
            errors.append(SettingError(name, str(value), problem))

    duckdb_path = settings.duckdb_path
    check("MEDPIPE_DUCKDB", duckdb_path, "a DuckDB file, not a folder (e.g. data/medpipe.duckdb)" if duckdb_path.is_dir() else
          _creatable_folder(duckdb_path.parent, "the folder of a DuckDB file"))
    if env.get("MEDPIPE_PDF_DIR", "").strip():
        check("MEDPIPE_PDF_DIR", settings.pdf_dir, None if settings.pdf_dir.is_dir() else
              "an existing folder of guideline PDFs (or unset it for the bundled samples)")
    check("MEDPIPE_MODEL_CACHE", settings.model_cache, "a folder, not a file" if settings.model_cache.exists() and not settings.model_cache.is_dir()
          else _creatable_folder(settings.model_cache, "a folder medpipe can create and write its derived models to"))
    check("MEDPIPE_EMBEDDING_MODEL", settings.embedding_model, _embedding_model_problem(settings))
    if settings.partition_store and "://" not in settings.partition_store:
        store = Path(settings.partition_store)
        check("MEDPIPE_PARTITION_STORE", store, "a folder, not a file" if store.exists() and not store.is_dir()
              else _creatable_folder(store, "a folder (or a filesystem URI such as s3://bucket/prefix) the partitions can be written to"))
    elif settings.partition_store:
        check("MEDPIPE_PARTITION_STORE", settings.partition_store, _uri_problem(settings.partition_store))
    if settings.executor == "celery" or env.get("MEDPIPE_CELERY_CONFIG", "").strip():
        check("MEDPIPE_CELERY_CONFIG", settings.celery_config, _celery_config_problem(settings.celery_config))
    for host in settings.ollama_hosts.split(","):
        check("OLLAMA_HOST", host.strip(), None if host.strip().startswith(("http://", "https://")) and len(host.strip()) > 8 else
              "comma-separated http(s)://host:port URLs, e.g. http://127.0.0.1:11434")
    if errors:
        raise SettingsInvalid(errors)


def _creatable_folder(folder: Path, what: str) -> str | None:
    """None when `folder` is, or can be made, a writable folder; else what is expected."""
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{what}, but {existing} is a file"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{what}, but {existing} cannot be written"
    return None


def _embedding_model_problem(settings: Settings) -> str | None:
    name = settings.embedding_model
    if not name or name in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2") or name.startswith("all-MiniLM-L6-v2 ("):
        return None
    path = Path(name).expanduser()
    if path.is_dir():
        return None if (path / "config.json").is_file() or (path / "modules.json").is_file() else \
            "a sentence-transformers model folder (it holds no config.json or modules.json)"
    if name.startswith(("/", ".", "~")) or name.count("/") > 1:
        return "an existing sentence-transformers model folder or a Hub id such as sentence-transformers/all-MiniLM-L6-v2"
    if not resolve_offline(settings.offline):
        return None  # the Hub is asked when the model loads
    from huggingface_hub import try_to_load_from_cache

    cached = try_to_load_from_cache(name if "/" in name else f"sentence-transformers/{name}", "config.json")
    return None if isinstance(cached, str) else \
        "a model folder or a Hub id already in the Hugging Face cache (offline: the Hub cannot be asked); unset it for the packaged MiniLM"


def _uri_problem(uri: str) -> str | None:
    import pyarrow.fs as pafs

    try:
        pafs.FileSystem.from_uri(uri)
    except Exception as exc:  # pyarrow raises ArrowInvalid, ArrowNotImplementedError, OSError for unknown or unreachable schemes
        return f"a folder or a filesystem URI pyarrow can open ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
    return None


def _celery_config_problem(path: Path) -> str | None:
    import yaml

    if not path.is_file():
        return "an existing YAML file (e.g. deploy/distributed/celery.yaml)"
    try:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return f"a YAML file that parses ({str(exc).splitlines()[0][:120]})"
    if not isinstance(parsed, dict) or not isinstance((parsed.get("execution") or {}).get("config", {}), dict):
        return "a YAML mapping with execution.config (see deploy/distributed/celery.yaml)"
    return None


def flag(name: str, value: str) -> bool:
    if value.lower() in ("", "0", "false", "no", "off"):
        return False
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    raise SettingError(name, value, "1 or 0")


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
