"""Starting the Streamlit app on a free local port (used by the browser tests and the benchmark)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from poa.core.config import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def streamlit_command(port: int) -> list[str]:
    # the settings of .streamlit/config.toml, which a run from another folder does not read
    return [
        sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1",
        "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
    ]  # fmt: skip


def wait_until_healthy(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Return once the server answers its health check; raise if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode}") from None
            time.sleep(0.05)
    raise TimeoutError(f"streamlit did not answer on port {port} within {timeout:g} s")
