"""Starting the Streamlit app on a free local port, and waiting for it to be idle in a browser
(used by the browser tests and the benchmark)."""

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
        "--runner.postScriptGC", "false",
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


# Streamlit's status widget while a script runs, and an `st.status` spinner left open.
BUSY = (
    "!!document.querySelector('[data-testid=stStatusWidgetRunningIcon], "
    "[data-testid=stStatusWidgetRunningManIcon], [data-testid=stExpanderIconSpinner]')"
)


def wait_until_idle(page, timeout: float = 120.0) -> None:
    """Wait until the app is idle: no script run and no `st.status` spinner, for a whole second
    (a rerun starts right after a turn ends). `page` is a Playwright page."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 4:
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not become idle")
        quiet = 0 if page.evaluate(BUSY) else quiet + 1
        page.wait_for_timeout(250)
