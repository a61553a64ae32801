"""The grounding step of a draft: what the seller did not say is removed, never shown."""

from poa.core.models import Appeal
from poa.drafting.fact_check import ground_appeal, unusable_reasons
from poa.reading.case import extract_case
from poa.scoring.grounding import Grounder

STORY = (
    "We never used any agency or review service. My nephew posted two reviews in March 2024"
    " because I did not know family reviews are not allowed. On 3 April 2024 I asked him to"
    " delete both reviews. From now on nobody in the family reviews our products."
)


def _llm_appeal(**changes):
    base = {
        "incident": {"summary": "Our nephew posted two reviews in March 2024.", "policy": "p"},
        "root_cause": "We did not know that family reviews are not allowed.",
        "immediate_actions": [
            {"action": "Asked our nephew to delete both reviews", "date": "2024-04-03"}
        ],
        "preventive_measures": [{"action": "Nobody in the family reviews our products."}],
    }
    return Appeal.model_validate(base | changes)


def test_a_faithful_llm_draft_is_kept_whole():
    case = extract_case(STORY)
    appeal = _llm_appeal()
    grounded, report, notes = ground_appeal(appeal, Grounder(case), trust=False)
    assert notes == [] and grounded.root_cause == appeal.root_cause
    assert unusable_reasons(appeal, grounded, report, case) == []


def test_invented_and_contradicting_sentences_are_removed_and_reported():
    case = extract_case(STORY)
    appeal = _llm_appeal(
        root_cause="We hired an outside marketing service. We did not know family reviews are not allowed.",
        preventive_measures=[
            {"action": "Nobody in the family reviews our products."},
            {"action": "We will buy a new delivery van."},
            {"action": "Our operations manager reviews the escalation log every quarter."},
        ],
        evidence=["Email to the buyer at jane.doe@example.com"],
    )
    grounded, report, notes = ground_appeal(appeal, Grounder(case), trust=False)
    assert "marketing service" not in grounded.root_cause
    assert "family reviews" in grounded.root_cause
    assert [m.action for m in grounded.preventive_measures] == [
        "Nobody in the family reviews our products."
    ]
    assert grounded.evidence == []
    assert len(report.contradictions) == 1 and len(notes) == 4


def test_junk_is_unusable():
    case = extract_case(STORY)
    junk = _llm_appeal(
        root_cause='{"root_cause": "we are here to help"}',
        immediate_actions=[],
        preventive_measures=[],
    )
    grounded, report, _ = ground_appeal(junk, Grounder(case), trust=False)
    reasons = unusable_reasons(junk, grounded, report, case)
    assert any("fragments" in r for r in reasons)
    assert any("actions" in r for r in reasons)
