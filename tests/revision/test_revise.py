"""Revision after a rejection, on the pairs in evals/revision/revision.yaml (written independently)."""

import pytest
from support.scenarios import REVISION as CASES

from poa.core.config import Settings
from poa.core.vocab import GATE_CRITERIA
from poa.revision.changes import unified_diff
from poa.revision.gaps import analyse
from poa.revision.pipeline import revise
from poa.text.language import detect_language

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
    coverage_before, coverage_after = (
        before.criteria["notice_coverage"],
        after.criteria["notice_coverage"],
    )
    assert coverage_after.applicable == coverage_before.applicable
    if coverage_before.score is not None:  # judged before (not a foreign letter): no worse now
        assert coverage_after.score >= coverage_before.score
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
    from poa.core.errors import UserError

    with pytest.raises(UserError, match="rejection"):
        analyse("x" * 300, "   ")
