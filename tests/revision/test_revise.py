"""Revision after a rejection, on the pairs in evals/revision/revision.yaml (written independently)."""

import pytest
from support.scenarios import REVISION as CASES

from poa.core.config import Settings
from poa.core.vocab import GATE_CRITERIA
from poa.revision.changes import unified_diff
from poa.revision.gaps import analyse
from poa.revision.pipeline import revise
from poa.scoring.root_cause import multiple_cause_markers
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
def test_the_revision_keeps_the_case_and_asks_for_what_it_lacks(results, case):
    """A revision states only what the inputs hold: the case's type, one cause, true dated facts;
    a gate it cannot pass for lack of facts is matched by a question, never by invented text."""
    result = results[case.name]
    after = result.scorecard
    assert result.analysis.violation_type == case.violation_type
    assert "[" not in result.letter
    for name in ("no_fabrication", "grounded"):
        assert after.criteria[name].passed is True, (name, after.criteria[name].reason)
    assert not [s for s in result.grounding.sentences if s.problem]
    assert "No root cause" in after.criteria["single_root_cause"].reason or (
        after.criteria["single_root_cause"].passed
    ), after.criteria["single_root_cause"].reason
    failing = [n for n in GATE_CRITERIA if after.criteria[n].passed is False]
    if failing:
        assert result.questions, f"{failing} fail and nothing is asked"
    assert result.analysis.reasons, "the likely reasons for the rejection are explained"
    assert result.changes and result.diff.startswith("--- previous")
    assert detect_language(result.letter) == "en"


def test_most_revisions_pass_every_gate(results):
    passed = [name for name, result in results.items() if result.scorecard.gates_passed]
    print(f"\nrevisions passing every gate: {len(passed)}/{len(results)}")
    assert len(passed) / len(results) >= 0.3


OTHER_POLICY_REJECTION = (
    "Hello,\n\nThank you for your plan of action. It does not contain enough information for us to"
    " reinstate your account. We also noticed product reviews written by your family members and"
    " messages asking buyers to contact you outside Amazon. Please provide greater detail on the"
    " root cause and the steps you have taken.\n\nSeller Performance Team"
)
FBA_APPEAL = (
    "Dear Seller Performance Team,\n\nWe filed FBA reimbursement claims for 14 units on 3 March 2025"
    " that the fulfilment centre had already reimbursed. The root cause is that our assistant filed"
    " claims from an old inventory report without checking the reimbursement report first.\n\n"
    "Actions taken: On 10 March 2025 we withdrew the 14 claims and returned the reimbursement."
    "\n\nPrevention: Before any claim is filed, the owner checks the reimbursement report for the"
    " same units. We will follow all Amazon policies.\n\nSincerely, the team"
)


def test_a_rejection_that_names_another_policy_does_not_retype_the_case(indexed_settings, store):
    """Reviews and off-Amazon contact in the rejection: the case stays an FBA claims case, its
    cause stays, and no review or contact confession appears."""
    settings = Settings(POA_DATA_DIR=indexed_settings.data_dir, _env_file=None)
    original = (
        "Hello,\n\nWe have deactivated your selling account because you filed FBA reimbursement"
        " claims for units that had already been reimbursed, which violates our Seller Code of"
        " Conduct. Send a plan of action.\n\nSeller Performance Team"
    )
    result = revise(
        FBA_APPEAL,
        OTHER_POLICY_REJECTION,
        settings,
        original_notice=original,
        backend="offline",
        store=store,
    )
    assert result.analysis.violation_type != "review_manipulation"
    letter = result.letter.lower()
    assert "old inventory report" in result.appeal.root_cause
    assert "10 march 2025" in letter and "withdrew the 14 claims" in letter
    for confession in ("family", "review", "outside amazon", "agency"):
        assert confession not in result.appeal.root_cause.lower()
    assert "follow all amazon policies" not in letter


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
    assert not multiple_cause_markers(result.appeal.root_cause)
    assert "first root cause" not in result.letter.lower()


def test_the_diff_shows_removed_and_added_lines():
    diff = unified_diff("line one\nline two\n", "line one\nline three\n")
    assert "-line two" in diff and "+line three" in diff


def test_bad_input_is_refused_in_one_sentence():
    from poa.core.errors import UserError

    with pytest.raises(UserError, match="rejection"):
        analyse("x" * 300, "   ")
