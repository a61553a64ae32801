"""Test-wide guards and fixtures.

- No network: any socket to a non-loopback address fails the test (see netguard/).
- No shared state: every test gets its own data dir; settings never read the developer's `.env`.
- One index for read-only retrieval tests, built once per session in a temporary folder.
- Helpers live in `support/`; the tree mirrors `src/poa/`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # the `support` helpers

from support.env import GUARD_DIR  # noqa: E402

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


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory):
    """Settings pointing at a session-wide index of the real knowledge base (read-only use)."""
    from poa.core.config import Settings
    from poa.kb.ingest import ingest

    settings = Settings(POA_DATA_DIR=tmp_path_factory.mktemp("index"), _env_file=None)
    ingest(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def store(indexed_settings):
    from poa.kb.store import KnowledgeStore

    return KnowledgeStore(indexed_settings)


@pytest.fixture
def openai_server():
    """A scripted Chat Completions server on 127.0.0.1 for the real ChatOpenAI client."""
    from support.fake_openai import FakeOpenAI

    from poa.llm import client

    fake = FakeOpenAI().start()
    client._working_method.clear()  # each test discovers the structured-output method afresh
    yield fake
    fake.stop()
