"""The same code talks to a real Chroma server when POA_CHROMA_HOST is set."""

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from support.kb_factory import make_knowledge

from poa.core.config import Settings
from poa.evals.app_server import free_port
from poa.kb.ingest import ingest
from poa.kb.store import KnowledgeStore


@pytest.fixture
def chroma_server(tmp_path):
    binary = shutil.which("chroma") or str(Path(__import__("sys").executable).parent / "chroma")
    port = free_port()
    log = (tmp_path / "chroma.log").open("w")
    process = subprocess.Popen(
        [
            binary,
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"chroma run exited: {(tmp_path / 'chroma.log').read_text()[-500:]}")
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma server did not start")
    yield port
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.mark.slow
def test_ingest_and_search_through_a_chroma_server(tmp_path, chroma_server):
    settings = Settings(
        POA_DATA_DIR=tmp_path / "local",
        POA_KNOWLEDGE_DIR=make_knowledge(tmp_path / "k"),
        POA_CHROMA_HOST="127.0.0.1",
        POA_CHROMA_PORT=chroma_server,
        _env_file=None,
    )
    first = ingest(settings, progress=False)
    assert first.added == 5
    assert ingest(settings, progress=False).unchanged == 5
    store = KnowledgeStore(settings)
    top = store.search("gift card for a five-star review", k=1)[0]
    assert top.violation_type == "review_manipulation"
    assert not (tmp_path / "local" / "chroma").exists()  # nothing was written locally
