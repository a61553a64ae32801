"""Each `poa` command once as a real process (`python -m poa.cli`), with the network guard on:
the entry point, stdout/stderr separation and exit codes hold outside pytest too. The contracts
themselves are tested in-process in `test_contracts.py`."""

import json
import subprocess
import sys

import pytest
from support.env import NOTICES, subprocess_env
from support.kb_factory import make_knowledge
from support.scenarios import REVISION


def poa(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "poa.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def index_env(indexed_settings):
    return subprocess_env(POA_DATA_DIR=str(indexed_settings.data_dir))


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys, poa.cli\n"
        "heavy = [m for m in ('torch', 'chromadb', 'sentence_transformers', 'langchain_openai', 'streamlit') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env()
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    help_run = poa("--help", env=subprocess_env())
    assert help_run.returncode == 0 and "draft" in help_run.stdout


def test_ingest(tmp_path):
    env = subprocess_env(
        POA_DATA_DIR=str(tmp_path / "data"),
        POA_KNOWLEDGE_DIR=str(make_knowledge(tmp_path / "k")),
    )
    run = poa("ingest", "--json", env=env)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["added"] == 5


def test_search(index_env):
    run = poa("search", "paypal refund", "-k", "1", "--json", env=index_env)
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["results"]) == 1


def test_notice(tmp_path):
    text = (NOTICES / "review_manipulation_warning.txt").read_text()
    run = poa("notice", "-", "--json", env=subprocess_env(POA_DATA_DIR=str(tmp_path)), stdin=text)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["violation_type"] == "review_manipulation"
    assert "knowledge index is empty" in run.stderr  # hints go to stderr, never into the JSON


def test_draft(index_env, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("We put a card in the box offering a gift for a 5-star review.")
    notice = str(NOTICES / "review_manipulation_warning.txt")
    run = poa("draft", "--notice", notice, "--story", str(story), "--json", env=index_env)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["letter"].startswith("Dear Seller Performance Team")
    bad = poa("draft", "--notice", str(tmp_path / "missing.txt"), env=index_env)
    assert bad.returncode == 2 and bad.stdout == ""


def test_score(tmp_path):
    appeal = tmp_path / "appeal.txt"
    appeal.write_text("Dear team, the root cause was human error. We will be more careful.")
    run = poa("score", str(appeal), "--json", env=subprocess_env(POA_DATA_DIR=str(tmp_path)))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["gates_passed"] is False


def test_eval(index_env, tmp_path):
    run = poa(
        "eval", "--suite", "holdout", "--limit", "3", "--reports", str(tmp_path), "--fail-under",
        "1", "--json", env=index_env,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr  # finished, but under the threshold (2 of 3 today)
    assert json.loads(run.stdout)["cases"] == 3


def test_revise_and_history(tmp_path):
    case = next(c for c in REVISION if "generic-prevention" in c.name)
    (tmp_path / "previous.txt").write_text(case.previous_appeal)
    (tmp_path / "rejection.txt").write_text(case.rejection)
    env = subprocess_env(POA_DATA_DIR=str(tmp_path / "data"))
    run = poa(
        "revise", "--appeal", str(tmp_path / "previous.txt"), "--rejection",
        str(tmp_path / "rejection.txt"), "--backend", "offline", "--json", env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    appeal_id = json.loads(run.stdout)["appeal_id"]
    # a new process reads the history back from SQLite
    listed = poa("history", str(appeal_id), "--json", env=env)
    assert [v["number"] for v in json.loads(listed.stdout)["versions"]] == [1, 2]
    # the previous appeal was sent; the revision keeps its facts, so it is recorded at once
    for number in ("1", "2"):
        sent = poa("sent", str(appeal_id), "--version", number, "--json", env=env)
        assert sent.returncode == 0, sent.stderr
        assert json.loads(sent.stdout)["recorded"], sent.stdout


def test_bench(tmp_path):
    run = poa("bench", "--only", "cli", "--json", env=subprocess_env(POA_DATA_DIR=str(tmp_path)))
    assert run.returncode == 0, run.stderr
    names = [row["name"] for row in json.loads(run.stdout)["benchmarks"]]
    assert names == ["cli_import_cold", "cli_help"]
