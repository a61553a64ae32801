"""Bad input at the CLI's edge, each refused with exit 2 and one line `poa <command>: …`: stdin
and files that are not UTF-8 text, a broken .env, a baseline that is no eval report, numbers out
of range, oversized free text, an --out that cannot be written; with --json also one error object.
"""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys

import pytest
from support.cli import CliRun, run_cli
from support.env import NOTICES, subprocess_env

NOTICE = str(NOTICES / "review_manipulation_warning.txt")
NOT_UTF8 = b"\xff\xfe\x00bad"
STORY = (
    "We put a card in the box offering a free gift for a 5-star review, because nobody checked"
    " the print job before it went out. On February 20, 2025 we removed the cards."
)


class PipedStdin:
    """`sys.stdin` as a pipe: its bytes under `.buffer`, as the CLI must read them."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def read(self, *_: object) -> str:
        raise AssertionError("standard input is read as bytes, through sys.stdin.buffer")


def assert_refused(run: CliRun, command: str, *words: str) -> None:
    assert run.code == 2, (run.code, run.err)
    assert len(run.error_lines) == 1, run.err
    assert run.error_lines[0].startswith(f"poa {command}: "), run.err
    for word in words:
        assert word in run.err, run.err
    assert run.out == ""


@pytest.fixture
def files(tmp_path):
    """An appeal, a rejection and a story to pass beside the input that comes from stdin."""
    (tmp_path / "appeal.txt").write_text("Dear team, the root cause was human error.")
    (tmp_path / "rejection.txt").write_text("Your appeal did not explain the root cause.")
    (tmp_path / "story.txt").write_text(STORY)
    return tmp_path


STDIN_INPUTS = [
    (["notice", "-"], "notice"),
    (["draft", "--notice", "-"], "notice"),
    (["draft", "--story", "-"], "story"),
    (["draft", "--notice", NOTICE, "--story", "-"], "story"),
    (["score", "-"], "appeal"),
    (["score", "appeal.txt", "--notice", "-"], "notice"),
    (["score", "appeal.txt", "--story", "-"], "story"),
    (["revise", "--appeal", "-", "--rejection", "rejection.txt"], "previous appeal"),
    (["revise", "--appeal", "appeal.txt", "--rejection", "-"], "rejection"),
    (["revise", "--appeal", "appeal.txt", "--rejection", "rejection.txt", "--story", "-"], "story"),
]


@pytest.mark.parametrize(("args", "what"), STDIN_INPUTS)
def test_stdin_that_is_not_utf8_is_one_line_for_every_input(args, what, files, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", PipedStdin(NOT_UTF8))
    run = run_cli(capsys, *args)
    assert_refused(run, args[0], f"The {what} on standard input is not UTF-8 text.")


def test_stdin_with_a_byte_order_mark_reads_like_without(monkeypatch, capsys):
    notice = (NOTICES / "odr_two_topics_deactivation.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", PipedStdin(notice))
    plain = run_cli(capsys, "notice", "-", "--json")
    monkeypatch.setattr("sys.stdin", PipedStdin(b"\xef\xbb\xbf" + notice))
    marked = run_cli(capsys, "notice", "-", "--json")
    assert plain.code == marked.code == 0, marked.err
    assert marked.json == plain.json


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 20,  # a zip file
        b"Dear team,\x00 we are sorry.",  # a NUL in otherwise good text
        bytes(range(1, 32)) * 5 + b"text",  # control characters, no NUL
    ],
)
def test_binary_input_is_not_text_from_a_file_or_stdin(data, tmp_path, monkeypatch, capsys):
    (tmp_path / "notice.bin").write_bytes(data)
    from_file = run_cli(capsys, "notice", "notice.bin")
    assert_refused(from_file, "notice", "The notice file notice.bin is not text")
    monkeypatch.setattr("sys.stdin", PipedStdin(data))
    from_stdin = run_cli(capsys, "score", "-")
    assert_refused(from_stdin, "score", "The appeal on standard input is not text")


def test_a_file_far_over_the_limit_is_refused_by_its_size(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("POA_INPUT_LIMIT", "1000")
    (tmp_path / "huge.txt").write_text("appeal " * 100_000)
    run = run_cli(capsys, "score", "huge.txt")
    assert_refused(run, "score", "longer than 1,000 characters")
    (tmp_path / "long.txt").write_text("x" * 1001)
    assert_refused(run_cli(capsys, "score", "long.txt"), "score", "1,001 characters")


def test_two_inputs_cannot_both_come_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", PipedStdin(STORY.encode()))
    run = run_cli(capsys, "draft", "--notice", "-", "--story", "-")
    assert_refused(run, "draft", "Only one input can come from standard input")


def test_a_file_name_with_a_line_break_stays_on_one_line(capsys):
    run = run_cli(capsys, "notice", "no\nsuch.txt")
    assert_refused(run, "notice", "Cannot read the notice file 'no\\nsuch.txt'")


def test_a_env_file_that_is_not_utf8_is_one_line_for_any_command(tmp_path):
    (tmp_path / ".env").write_bytes(b"POA_CHAR_LIMIT=4000\nNAME=caf\xe9\n")
    for args in (["history"], ["search", "paypal", "--json"]):
        result = subprocess.run(
            [sys.executable, "-m", "poa.cli", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=subprocess_env(POA_DATA_DIR=str(tmp_path / "data")),
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        message = ".env is not UTF-8 text; fix or delete it."
        assert result.stderr == f"poa {args[0]}: {message}\n"
        if "--json" in args:
            assert json.loads(result.stdout) == {"error": message, "command": "search"}


def write_json(path, data) -> str:
    path.write_text(json.dumps(data))
    return str(path)


def baseline_cases(tmp):
    """(the --baseline value, what the message says) for files that are no drafting report."""
    binary = tmp / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\xff\xfe" * 10)
    (tmp / "empty").mkdir()
    (tmp / "revision").mkdir()
    write_json(tmp / "revision/report.json", {"kind": "revision", "run_id": "r", "cases": []})
    return [
        (str(binary), "is not JSON"),
        (str(tmp / "empty"), "has no report.json"),
        (str(tmp / "missing.json"), "does not exist"),
        (write_json(tmp / "list.json", [1, 2]), "is not a drafting eval report"),
        (str(tmp / "revision"), "kind"),
        (
            write_json(tmp / "no_cases.json", {"kind": "drafting", "run_id": "x", "summary": {}}),
            "is not a drafting eval report",
        ),
        (
            write_json(
                tmp / "old.json",
                {
                    "kind": "drafting",
                    "run_id": "x",
                    "summary": {"criteria": {}, "gate_pass_rate": 1, "mean_total": 1},
                    "cases": [
                        {
                            "name": "a",
                            "scorecard": {"criteria": {}, "total": 1, "gates_passed": True},
                        }
                    ],
                },
            ),
            "older version",
        ),
    ]


def test_a_baseline_that_is_no_drafting_report_is_refused_before_the_run(tmp_path, capsys):
    for baseline, words in baseline_cases(tmp_path):
        run = run_cli(capsys, "eval", "--limit", "1", "--baseline", baseline)
        assert_refused(run, "eval", words)
    run = run_cli(capsys, "eval", "--scorer", "--baseline", str(tmp_path / "old.json"))
    assert_refused(run, "eval", "--baseline compares drafting suites only")


def test_a_report_poa_eval_wrote_passes_the_baseline_check(tmp_path):
    from poa.cli.baseline import check_baseline
    from poa.core.vocab import CRITERIA

    criteria = {name: {"passed": True, "score": 1.0, "reason": ""} for name in CRITERIA}
    report = {
        "kind": "drafting",
        "run_id": "20260101-000000-dev-offline",
        "summary": {
            "criteria": dict.fromkeys(CRITERIA, 1.0),
            "gate_pass_rate": 1.0,
            "mean_total": 1,
        },
        "cases": [
            {"name": "a", "scorecard": {"criteria": criteria, "total": 1, "gates_passed": True}}
        ],
    }
    (tmp_path / "run").mkdir()
    write_json(tmp_path / "run/report.json", report)
    assert check_baseline(tmp_path / "run") == tmp_path / "run/report.json"


def test_reports_under_a_file_are_refused_before_the_run(tmp_path, capsys):
    (tmp_path / "taken").write_text("a file, not a folder")
    run = run_cli(capsys, "eval", "--limit", "1", "--reports", str(tmp_path / "taken/reports"))
    assert_refused(run, "eval", "--reports", "is not a folder")


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["bench", "--queries", "0"], "--queries"),
        (["bench", "--queries", "-5"], "--queries"),
        (["bench", "--queries", "many"], "--queries"),
        (["search", "paypal", "-k", "0"], "-k"),
        (["search", "paypal", "-k", "100000"], "-k"),
        (["eval", "--limit", "-1"], "--limit"),
        (["eval", "--limit", "0"], "--limit"),
        (["eval", "--fail-under", "2"], "--fail-under"),
        (["eval", "--fail-under", "-0.1"], "--fail-under"),
        (["eval", "--fail-under", "nan"], "--fail-under"),
        (["history", "0"], "appeal"),
        (["history", "99999999999999999999999"], "too large"),
        (["history", "1", "--show", "0"], "--show"),
        (["history", "1", "--diff", "1", "-2"], "--diff"),
        (["revise", "--appeal", "a", "--rejection", "b", "--history", "0"], "--history"),
    ],
)
def test_numbers_out_of_range_are_one_line_from_the_parser(args, option, capsys):
    assert_refused(run_cli(capsys, *args), args[0], option)


def test_benchmarks_refuse_zero_queries():
    from poa.core.config import load_settings
    from poa.core.errors import UserError
    from poa.evals.bench import run_benchmarks

    with pytest.raises(UserError, match="--queries"):
        run_benchmarks(load_settings(), only=["cli"], queries=0)


LONG = "x" * 100_000


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["draft", "--story", "story.txt", "--root-cause", LONG], ["--root-cause", "2,000"]),
        (["draft", "--story", "story.txt", "--answer", f"measures={LONG}"], ["--answer", "2,000"]),
        (["draft", "--story", "story.txt", "--answer", "measures"], ["--answer", "KEY=TEXT"]),
        (["draft", "--story", "story.txt", "--accept", LONG], ["--accept"]),
        (["draft", "--story", "story.txt", "--language", LONG], ["--language"]),
        (
            [
                "revise",
                "--appeal",
                "appeal.txt",
                "--rejection",
                "rejection.txt",
                "--root-cause",
                LONG,
            ],
            ["--root-cause", "2,000"],
        ),
        (["search", LONG], ["query", "1,000"]),
    ],
)
def test_free_text_options_are_capped(args, words, files, capsys):
    assert_refused(run_cli(capsys, *args), args[0], *words)


def draft_with_out(capsys, out: str) -> CliRun:
    return run_cli(capsys, "draft", "--notice", NOTICE, "--story", "story.txt", "--out", out)


def saved_appeals(capsys) -> list:
    return run_cli(capsys, "history", "--json").json["appeals"]


@pytest.mark.parametrize(
    ("out", "words"),
    [("missing/letter.md", "the folder missing does not exist"), (".", "is a folder")],
)
def test_an_out_path_that_cannot_be_written_is_refused_before_drafting(out, words, files, capsys):
    assert_refused(draft_with_out(capsys, out), "draft", "--out", words)
    assert saved_appeals(capsys) == []


def test_an_out_write_that_fails_after_saving_names_the_saved_appeal(files, monkeypatch, capsys):
    import builtins

    real_open = builtins.open

    def full_disk(file, mode="r", *args, **kwargs):
        if str(file) == "letter.txt" and "w" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", full_disk)
    run = draft_with_out(capsys, "letter.txt")
    assert_refused(
        run, "draft", "Saved as appeal 1, version 1, but could not write --out letter.txt"
    )
    assert "No space left on device" in run.err
    assert [a["id"] for a in saved_appeals(capsys)] == [1]


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["notice", "missing.txt", "--json"], "notice"),
        (["bench", "--queries", "0", "--json"], "bench"),
        (["search", "--json"], "search"),
        (["--json", "nonsense"], None),
    ],
)
def test_with_json_an_error_is_also_one_json_object_on_stdout(args, command, capsys):
    run = run_cli(capsys, *args)
    assert run.code == 2
    document = json.loads(run.out)
    assert document == {"error": document["error"], "command": command}
    prefix = f"poa {command}: " if command else "poa: "
    assert run.error_lines == [prefix + document["error"]]
