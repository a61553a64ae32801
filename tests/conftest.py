"""Test-wide guards and fixtures.

- No network: any socket to a non-loopback address fails the test (see netguard/).
- No shared state: every test gets its own data dir; settings never read the developer's `.env`.
- One index for read-only retrieval tests, built once per session in a temporary folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
GUARD_DIR = TESTS / "netguard"
sys.path.insert(0, str(GUARD_DIR))

import poa_netguard  # noqa: E402

poa_netguard.install()

# Variables a developer may have set would change what tests see: drop them for the session.
for _name in [name for name in os.environ if name.startswith(("POA_", "OPENAI_"))]:
    del os.environ[_name]
os.environ["ANONYMIZED_TELEMETRY"] = "False"


@pytest.fixture(autouse=True)
def _no_network_attempts():
    before = len(poa_netguard.ATTEMPTS)
    yield
    attempts = poa_netguard.ATTEMPTS[before:]
    assert not attempts, f"test tried to reach the network: {attempts}"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # a stray .env in the checkout is never read
    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "data"))
    yield


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a child process: the network guard on, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POA_", "OPENAI_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(GUARD_DIR), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    env["ANONYMIZED_TELEMETRY"] = "False"
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory):
    """Settings pointing at a session-wide index of the real knowledge base (read-only use)."""
    from poa.config import Settings
    from poa.ingest import ingest

    settings = Settings(POA_DATA_DIR=tmp_path_factory.mktemp("index"), _env_file=None)
    ingest(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def store(indexed_settings):
    from poa.store import KnowledgeStore

    return KnowledgeStore(indexed_settings)
