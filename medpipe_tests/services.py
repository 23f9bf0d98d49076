"""Throw-away PostgreSQL and Redis servers on loopback (Debian's packages), and the pieces of the distributed deployment (Dagster daemon,
dagster-celery workers) started the way the README says, for the distributed test and benchmark."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Iterator, Mapping

from medpipe.settings import DEPLOY_DIR, PROJECT_ROOT
from medpipe.synthetic.local_server import background_server, free_port
from medpipe.warehouse.machine import die_with_parent

VENV_BIN = Path(sys.executable).parent


def postgres_bin(name: str) -> str | None:
    """A PostgreSQL program: on PATH, or in Debian's versioned folder (the postgresql package does not put initdb on PATH)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def missing_services() -> list[str]:
    wanted = {"initdb": postgres_bin("initdb"), "postgres": postgres_bin("postgres"), "redis-server": shutil.which("redis-server")}
    return [name for name, path in wanted.items() if not path]


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


@contextlib.contextmanager
def postgres(log: Path) -> Iterator[str]:
    """A PostgreSQL cluster in a temporary folder on a free loopback port, with a `dagster` database; yields its URL.
    initdb refuses to run as root, so as root the cluster belongs to `nobody`."""
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="medpipe-pg-"))
    data = folder / "data"
    if as_user:
        os.chmod(folder, 0o755)
        shutil.chown(folder, "nobody")
    try:
        subprocess.run([*as_user, postgres_bin("initdb"), "-D", str(data), "-U", "dagster", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        port = free_port()
        command = [*as_user, postgres_bin("postgres"), "-D", str(data), "-p", str(port), "-k", str(folder), "-c", "listen_addresses=127.0.0.1",
                   "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"]
        with background_server(command, lambda: _listening(port), f"postgres on port {port}", log=log, startup_timeout=60):
            import psycopg2

            for attempt in range(50):
                try:
                    con = psycopg2.connect(host="127.0.0.1", port=port, user="dagster", dbname="postgres")
                    break
                except psycopg2.OperationalError:
                    time.sleep(0.2)
            con.autocommit = True
            con.cursor().execute("CREATE DATABASE dagster")
            con.close()
            yield f"postgresql+psycopg2://dagster@127.0.0.1:{port}/dagster"  # psycopg2: the driver dagster-postgres installs
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def redis_command(port: int, folder: Path) -> list[str]:
    """redis-server on a loopback port, persisting to `folder` as a deployment's broker would (append-only file, synced on every write):
    a restart keeps the queued steps, the ones handed to workers and the results."""
    return [shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", "",
            "--appendonly", "yes", "--appendfsync", "always"]


@contextlib.contextmanager
def redis(log: Path) -> Iterator[str]:
    """redis-server on a free loopback port, persisting to a temporary folder; yields its URL."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="medpipe-redis-") as folder, \
            background_server(redis_command(port, Path(folder)), lambda: _listening(port), f"redis on port {port}", log=log, startup_timeout=30):
        yield f"redis://127.0.0.1:{port}"


def restart_redis(url: str, log: Path, down_seconds: float) -> subprocess.Popen:
    """Shut the Redis server at `url` down (it saves first), keep it down for `down_seconds`, and start it again on the same port and
    folder; returns the new server's process (stop it with `stop`)."""
    import redis as redis_client

    client = redis_client.Redis.from_url(url)
    folder, port = client.config_get("dir")["dir"], int(url.rsplit(":", 1)[1])
    with contextlib.suppress(redis_client.ConnectionError):  # the server closes the connection as it shuts down
        client.shutdown()
    while _listening(port):
        time.sleep(0.1)
    time.sleep(down_seconds)
    process = start(redis_command(port, Path(folder)), os.environ, log)
    while not _listening(port):
        assert process.poll() is None, log.read_text(errors="replace")[-2000:]
        time.sleep(0.1)
    return process


def deployment_env(home: Path, pg_url: str, redis_url: str, extra: Mapping[str, str]) -> dict[str, str]:
    """The environment every piece of the distributed deployment shares (README: Distributed execution)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDPIPE_", "DAGSTER_", "OLLAMA_"))}
    env |= {"DAGSTER_HOME": str(home), "MEDPIPE_EXECUTOR": "celery", "MEDPIPE_DAGSTER_PG_URL": pg_url,
            "MEDPIPE_CELERY_BROKER": f"{redis_url}/0", "MEDPIPE_CELERY_BACKEND": f"{redis_url}/1", "MEDPIPE_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    return env | dict(extra)


def instance_home(folder: Path) -> Path:
    """A DAGSTER_HOME holding the shipped instance file (PostgreSQL storage, queued runs, run retries)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEPLOY_DIR / "dagster.yaml", folder / "dagster.yaml")
    return folder


def worker_command(name: str, celery_config: Path, concurrency: int = 1) -> list[str]:
    """`dagster-celery worker start` as the README gives it. Not `-i medpipe.definitions`: the worker's processes are forked from it,
    and polars hangs in a process forked after polars has run (each worker process imports the code itself, once)."""
    return [str(VENV_BIN / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app", "-y", str(celery_config), "-n", name,
            "--", "-c", str(concurrency)]


def stop(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """SIGTERM to the process's group, then SIGKILL to whatever is left of it (a celery worker's warm shutdown waits for its step)."""
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def start(command: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen:
    """A process in a session of its own (so that its whole group can be killed), output to `log`."""
    return subprocess.Popen(command, env=dict(env), cwd=PROJECT_ROOT, stdout=open(log, "ab"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=partial(die_with_parent, os.getpid(), signal.SIGTERM))
