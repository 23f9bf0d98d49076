"""Start the assistant app: `streamlit run` on medpipe/app/streamlit_app.py, headless, on loopback, with usage statistics off.

`run_app(port)` replaces the current process with the server (what `medpipe app --port N` does); `app_server()` runs
`medpipe app` in its own process group for the length of a block and stops the whole group after (tests, benchmarks).
"""

from __future__ import annotations

import contextlib
import os
import sys
import urllib.request
from pathlib import Path
from typing import Iterator, Mapping, NoReturn

from medpipe.synthetic.local_server import background_server, free_port

SCRIPT = Path(__file__).resolve().with_name("streamlit_app.py")
HOST = "127.0.0.1"  # loopback only: the app reads the warehouse and runs models for whoever connects
DEFAULT_PORT = 8501
QUIET_ENV = {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "STREAMLIT_SERVER_HEADLESS": "true", "HF_HUB_DISABLE_TELEMETRY": "1",
             "TOKENIZERS_PARALLELISM": "false"}


def streamlit_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(SCRIPT),
        "--server.address", HOST, "--server.port", str(port), "--browser.serverAddress", HOST, "--browser.serverPort", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.showEmailPrompt", "false",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false", "--client.toolbarMode", "minimal", "--runner.magicEnabled", "false",
    ]


def app_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    return {**(os.environ if base is None else base), **QUIET_ENV}


def run_app(port: int = DEFAULT_PORT) -> NoReturn:
    """Replace this process by the Streamlit server (Ctrl-C stops it)."""
    command = streamlit_command(port)
    print(f"medpipe: assistant app on http://{HOST}:{port}", flush=True)
    os.execve(command[0], command, app_env())


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def launch_command(port: int) -> list[str]:
    """`medpipe app --port N`, which execs streamlit on loopback."""
    return [sys.executable, "-m", "medpipe.cli", "app", "--port", str(port)]


@contextlib.contextmanager
def app_server(port: int | None = None, env: Mapping[str, str] | None = None, log: Path | None = None,
               startup_timeout: float = 120.0, command: list[str] | None = None) -> Iterator[str]:
    """The app in a subprocess of its own session for the block's length (`command`, default: `medpipe app`);
    yields its URL once it answers its health check, then stops the whole process group."""
    port = port or free_port()
    url = f"http://{HOST}:{port}"
    with background_server(command or launch_command(port), lambda: healthy(url, 1.0), f"the app on {url}", app_env(env), log, startup_timeout):
        yield url
