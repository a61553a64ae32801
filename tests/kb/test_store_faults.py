"""The index under faults: rebuilt by another process while open, damaged on disk, two rebuilds
at once, and a data folder that cannot be used."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from support.cli import run_cli
from support.env import subprocess_env
from support.kb_factory import make_knowledge

from poa.core.config import Settings
from poa.core.errors import UserError
from poa.kb.ingest import ingest, ingest_lock
from poa.kb.store import IndexDamaged, KnowledgeStore
from poa.storage.history import History


@pytest.fixture
def settings(tmp_path, monkeypatch):
    knowledge = make_knowledge(tmp_path / "k")
    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POA_KNOWLEDGE_DIR", str(knowledge))
    return Settings(POA_DATA_DIR=tmp_path / "data", POA_KNOWLEDGE_DIR=knowledge, _env_file=None)


def _rebuild_in_another_process(settings: Settings) -> None:
    env = subprocess_env(
        POA_DATA_DIR=str(settings.data_dir), POA_KNOWLEDGE_DIR=str(settings.knowledge_dir)
    )
    code = "from poa.cli import main; raise SystemExit(main(['ingest', '--rebuild', '--quiet']))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_open_store_survives_a_rebuild_by_another_process(settings):
    ingest(settings, progress=False)
    store = KnowledgeStore(settings)  # what the running app holds
    assert store.search("gift card for a review", k=1)
    _rebuild_in_another_process(settings)
    assert store.count() > 0  # was: Collection [...] does not exist
    assert store.search("gift card for a review", k=1)[0].violation_type == "review_manipulation"


@pytest.mark.parametrize(
    "damage",
    [b"this is not a database" * 50, b"SQLite format 3\x00" + b"\x07" * 4000],
    ids=["not-a-database", "malformed"],
)
def test_a_damaged_index_is_one_line_and_ingest_repairs_it(settings, capsys, damage):
    ingest(settings, progress=False)
    (settings.chroma_path / "chroma.sqlite3").write_bytes(damage)
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # a fresh process would not have it cached
    with pytest.raises(IndexDamaged, match=r"damaged.*poa ingest"):
        KnowledgeStore(settings)
    failed = run_cli(capsys, "search", "gift card")
    assert failed.code == 2 and len(failed.error_lines) == 1 and "damaged" in failed.err
    repaired = run_cli(capsys, "ingest", "--rebuild", "--quiet", "--json")
    assert repaired.code == 0 and repaired.json["repaired"] is True
    assert run_cli(capsys, "search", "gift card", "--json").code == 0


def test_plain_ingest_repairs_a_damaged_index_too(settings):
    """`make run` runs `poa ingest`: a damaged index must not stop the app from starting."""
    ingest(settings, progress=False)
    (settings.chroma_path / "chroma.sqlite3").write_bytes(b"garbage" * 100)
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    summary = ingest(settings, progress=False)
    assert summary.repaired and summary.added == 5 and summary.chunks > 0


def test_a_second_ingest_waits_for_the_first(settings, capsys):
    order: list[str] = []
    with ingest_lock(settings):
        worker = threading.Thread(target=lambda: order.append(str(ingest(settings).chunks)))
        worker.start()
        time.sleep(1.0)
        order.append("first done")
    worker.join(timeout=120)
    assert order[0] == "first done" and int(order[1]) > 0
    assert "another ingest is running" in capsys.readouterr().err


def test_two_rebuilds_at_once_both_finish(settings):
    ingest(settings, progress=False)
    env = subprocess_env(
        POA_DATA_DIR=str(settings.data_dir), POA_KNOWLEDGE_DIR=str(settings.knowledge_dir)
    )
    code = "from poa.cli import main; raise SystemExit(main(['ingest', '--rebuild', '--quiet']))"
    runs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert KnowledgeStore(settings).count() > 0


@pytest.mark.parametrize("problem", ["file", "under-a-file", "read-only"])
def test_a_data_folder_that_cannot_be_used_is_one_line_naming_it(
    tmp_path, capsys, problem, monkeypatch
):
    if problem == "file":
        data = tmp_path / "data"
        data.write_text("not a folder")
    elif problem == "under-a-file":
        (tmp_path / "blocker").write_text("x")
        data = tmp_path / "blocker" / "data"
    else:
        data = __import__("pathlib").Path("/sys/poa-data")  # read-only even for root
    monkeypatch.setenv("POA_DATA_DIR", str(data))
    for argv in (["search", "gift card"], ["ingest", "--quiet"], ["history"]):
        result = run_cli(capsys, *argv)
        assert result.code == 2, (argv, result.err)
        assert len(result.error_lines) == 1 and "POA_DATA_DIR" in result.err, result.err
    with pytest.raises(UserError, match="POA_DATA_DIR"):
        History(data / "poa.sqlite3")


def test_a_damaged_history_database_is_one_line(tmp_path):
    path = tmp_path / "poa.sqlite3"
    path.write_bytes(b"not sqlite" * 100)
    with pytest.raises(UserError, match=r"history database .* cannot be used"):
        History(path)
