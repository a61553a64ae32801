"""Revision after a rejection, on the pairs in evals/revision/revision.yaml (written independently)."""

import json
import subprocess
import sys

import pytest
from conftest import subprocess_env
from scenarios import REVISION as CASES

from poa.config import Settings
from poa.language import detect_language
from poa.revise import analyse, revise, unified_diff
from poa.vocab import GATE_CRITERIA

SITUATIONS = {
    "multiple root causes": "three-root-causes",
    "generic prevention": "generic-prevention",
    "review checklist items": "checklist-skipped",
    "invoices for an inauthentic complaint": "invoices-promised",
    "an Italian appeal": "italian",
}


def test_the_pairs_cover_the_situations_the_issue_names():
    assert len(CASES) >= 8
    for situation, marker in SITUATIONS.items():
        assert any(marker in case.name for case in CASES), situation
    assert len({case.violation_type for case in CASES}) >= 6


@pytest.fixture(scope="module")
def results(indexed_settings, store):
    settings = Settings(POA_DATA_DIR=indexed_settings.data_dir, _env_file=None)
    return {
        case.name: revise(
            case.previous_appeal,
            case.rejection,
            settings,
            story=case.story,
            original_notice=case.original_notice,
            backend="offline",
            store=store,
        )
        for case in CASES
    }


def test_the_gaps_are_found(results):
    exact = same_side = total = 0
    for case in CASES:
        gaps = results[case.name].analysis.gaps
        for expected in case.expected_gaps:
            found = [g for g in gaps if expected.phrase in g.item.text.lower()]
            assert found, f"{case.name}: no request containing {expected.phrase!r}"
            total += 1
            exact += found[0].status == expected.status
            same_side += (found[0].status == "covered") == (expected.status == "covered")
    print(f"\ngap status exactly as labelled: {exact}/{total}; covered vs not: {same_side}/{total}")
    assert same_side / total >= 0.9
    assert exact / total >= 0.6


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_revision_is_at_least_as_good_and_fixes_failed_gates(results, case):
    result = results[case.name]
    before, after = result.analysis.scorecard, result.scorecard
    for name in GATE_CRITERIA:
        assert after.criteria[name].passed is True, (name, after.criteria[name].reason)
    assert (after.criteria["notice_coverage"].score or 1) >= (
        before.criteria["notice_coverage"].score or 0
    )
    assert result.analysis.reasons, "the likely reasons for the rejection are explained"
    assert result.changes and result.diff.startswith("--- previous")
    assert detect_language(result.letter) == "en"


def test_the_previous_appeals_problems_are_recognised(results):
    hits = total = 0
    for case in CASES:
        card = results[case.name].analysis.scorecard
        for problem in case.expected_problems:
            total += 1
            hits += card.criteria[problem].passed is not True
    print(f"\nprevious appeals' labelled problems recognised: {hits}/{total}")
    assert hits / total >= 0.7


def test_an_italian_appeal_is_reported_and_revised_in_english(results):
    case = next(c for c in CASES if c.language == "it")
    result = results[case.name]
    assert result.analysis.language == "it"
    assert any("Italian" in reason for reason in result.analysis.reasons)
    assert (
        result.analysis.scorecard.criteria["single_root_cause"].passed is None
    )  # reported, not guessed
    assert any("English" in change for change in result.changes)


def test_several_causes_collapse_into_one(results):
    case = next(c for c in CASES if "three-root-causes" in c.name)
    result = results[case.name]
    assert result.analysis.scorecard.criteria["single_root_cause"].passed is False
    assert result.scorecard.criteria["single_root_cause"].passed is True
    assert any("One root cause instead of several" in change for change in result.changes)


def test_the_diff_shows_removed_and_added_lines():
    diff = unified_diff("line one\nline two\n", "line one\nline three\n")
    assert "-line two" in diff and "+line three" in diff


def test_bad_input_is_refused_in_one_sentence():
    from poa.errors import UserError

    with pytest.raises(UserError, match="rejection"):
        analyse("x" * 300, "   ")


def test_cli_revise_saves_versions_that_survive_a_restart(tmp_path, indexed_settings):
    case = next(c for c in CASES if "generic-prevention" in c.name)
    (tmp_path / "previous.txt").write_text(case.previous_appeal)
    (tmp_path / "rejection.txt").write_text(case.rejection)
    (tmp_path / "story.txt").write_text(case.story)
    data = tmp_path / "data"
    env = subprocess_env(
        POA_DATA_DIR=str(data), POA_KNOWLEDGE_DIR=str(indexed_settings.knowledge_dir)
    )
    command = [
        sys.executable,
        "-m",
        "poa.cli",
        "revise",
        "--appeal",
        str(tmp_path / "previous.txt"),
        "--rejection",
        str(tmp_path / "rejection.txt"),
        "--story",
        str(tmp_path / "story.txt"),
        "--backend",
        "offline",
        "--json",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert {"gaps", "appeal", "letter", "diff", "scorecard"} <= set(document)
    assert {g["status"] for g in document["gaps"]} <= {"covered", "weak", "missing"}
    assert document["version"] == 2
    # a new process: the history is read back from SQLite
    listed = subprocess.run(
        [sys.executable, "-m", "poa.cli", "history", str(document["appeal_id"]), "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    versions = json.loads(listed.stdout)["versions"]
    assert [v["number"] for v in versions] == [1, 2]
    assert (
        versions[0]["letter"] == case.previous_appeal and versions[1]["trigger_kind"] == "rejection"
    )
    assert versions[1]["trigger_text"] == case.rejection
    shown = subprocess.run(
        [sys.executable, "-m", "poa.cli", "history", str(document["appeal_id"]), "--show", "2"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert shown.stdout.strip() == document["letter"].strip()
    missing = subprocess.run(
        [sys.executable, "-m", "poa.cli", "history", "999"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 2 and "no appeal 999" in missing.stderr
