import json
import subprocess
import sys
from pathlib import Path

from conftest import subprocess_env

FIXTURES = Path(__file__).parent / "fixtures" / "notices"


def test_draft_prints_the_contract_and_writes_the_letter(tmp_path, indexed_settings):
    story = tmp_path / "story.txt"
    story.write_text(
        "We put a card in the box offering a free gift for a 5-star review. On February 20, 2025 we removed the cards."
    )
    out = tmp_path / "letter.md"
    env = subprocess_env(POA_DATA_DIR=str(indexed_settings.data_dir))
    command = [
        sys.executable,
        "-m",
        "poa.cli",
        "draft",
        "--notice",
        str(FIXTURES / "review_manipulation_warning.txt"),
        "--story",
        str(story),
        "--backend",
        "offline",
        "--out",
        str(out),
        "--json",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert {"backend", "notice", "appeal", "letter", "scorecard"} <= set(document)
    assert document["backend"] == "offline"
    assert document["notice"]["violation_type"] == "review_manipulation"
    assert document["appeal"]["root_cause"]
    assert "20 February 2025" in document["letter"]
    assert (
        out.read_text().startswith("Dear Seller Performance Team")
        and "## Root cause" in out.read_text()
    )


def test_draft_bad_input_is_one_line_exit_2(tmp_path):
    env = subprocess_env(POA_DATA_DIR=str(tmp_path / "d"))
    cases = [
        [
            "draft",
            "--notice",
            str(tmp_path / "missing.txt"),
            "--story",
            str(tmp_path / "missing.txt"),
        ],
        [
            "draft",
            "--notice",
            str(FIXTURES / "review_manipulation_warning.txt"),
            "--backend",
            "openai",
        ],
        [
            "draft",
            "--notice",
            str(FIXTURES / "review_manipulation_warning.txt"),
            "--language",
            "it",
            "--backend",
            "offline",
        ],
    ]
    for args in cases:
        result = subprocess.run(
            [sys.executable, "-m", "poa.cli", *args], capture_output=True, text=True, env=env
        )
        assert result.returncode == 2, (args, result.stderr)
        lines = [
            line
            for line in result.stderr.splitlines()
            if not line.startswith("poa: the knowledge index")
        ]
        assert len(lines) == 1, result.stderr


def test_draft_from_a_story_alone(tmp_path, indexed_settings):
    """Sellers who lost the notice still get a draft; the story decides the violation type."""
    story = tmp_path / "story.txt"
    story.write_text(
        "Our packer replied to a buyer in messages and called him a liar on May 3, 2026. "
        "Order 113-2233445-5566778."
    )
    env = subprocess_env(POA_DATA_DIR=str(indexed_settings.data_dir))
    command = [sys.executable, "-m", "poa.cli", "draft", "--story", str(story), "--json"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["violation_type"] == "inappropriate_communication"
    assert "113-2233445-5566778" in document["letter"]
