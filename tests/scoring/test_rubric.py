"""Each rubric criterion, on appeals written in different layouts, both passing and failing."""

import pytest

from poa.core.vocab import CRITERIA, GATE_CRITERIA
from poa.reading.notice import parse_notice
from poa.scoring.rubric import score_appeal

NOTICE = parse_notice(
    "Hello,\n\nWe found a message on order 112-4820193-5561027 that violates our Communication Guidelines.\n\n"
    "Please send a plan of action that explains the root cause, the actions you have taken and the steps you "
    "will take to prevent this. Please also tell us the name of any third-party application that sends messages "
    "for you.\n\nSeller Performance Team"
)
STORY = (
    "On 2 March 2025 our virtual assistant replied to a complaint on order 112-4820193-5561027 with insults. "
    "Nobody reviewed his replies before they were sent; he had been answering complaints alone since 10 February 2025. "
    "On 3 March 2025 we removed his access and refunded the buyer. We use no third-party messaging application."
)
HEADINGS = """Dear Seller Performance Team,

Issue
On 2 March 2025 our virtual assistant sent an insulting reply to the buyer of order 112-4820193-5561027, which broke the Communication Guidelines.

Root cause
Our virtual assistant had answered complaints alone since 10 February 2025 and nobody reviewed his replies before they were sent, so an angry reply reached the buyer unchecked.

Actions taken
- 3 March 2025: removed his access to buyer messages.
- 3 March 2025: refunded the buyer in full.

Preventive measures
- Every reply to a complaint is reviewed by the customer service lead before it is sent.
- The customer service lead reads a sample of all replies every week.

Third-party applications
We use no third-party messaging application; all replies are written in Buyer-Seller Messaging.

Regards,
Owner
"""
PLAIN = """Dear Seller Performance Team,

On 2 March 2025 our virtual assistant sent an insulting reply to the buyer of order 112-4820193-5561027, which broke the Communication Guidelines.

Our virtual assistant had answered complaints alone since 10 February 2025 and nobody reviewed his replies before they were sent, so an angry reply reached the buyer unchecked.

On 3 March 2025 we removed his access to buyer messages and refunded the buyer in full.

From now on every reply to a complaint is reviewed by the customer service lead before it is sent, and the lead reads a sample of all replies every week. We use no third-party messaging application.

Regards,
Owner
"""


def _score(text, notice=NOTICE, story=STORY):
    return score_appeal(text, notice=notice, story=story)


@pytest.mark.parametrize(
    "text",
    [HEADINGS, PLAIN, HEADINGS.replace("Root cause\n", "**Root cause of the issue:** ")],
    ids=["headings", "plain", "label"],
)
def test_a_good_appeal_passes_in_any_layout(text):
    card = _score(text)
    assert [name for name in CRITERIA if card.criteria[name].passed is False] == []
    assert card.gates_passed and card.language == "en"
    assert all(0 <= r.score <= 1 for r in card.criteria.values() if r.score is not None)
    assert all(r.reason for r in card.criteria.values())


def _fails(text, criterion, **kwargs):
    result = _score(text, **kwargs).criteria[criterion]
    assert result.passed is False, result.reason
    return result


def test_several_root_causes_fail():
    text = HEADINGS.replace(
        "so an angry reply reached the buyer unchecked.",
        "so an angry reply reached the buyer unchecked. Another root cause was the busy season.",
    )
    assert "one per topic" in _fails(text, "single_root_cause").reason
    listed = HEADINGS.replace(
        "Our virtual assistant had answered",
        "1. Our assistant was untrained.\n2. Our software was slow.\n3. We were busy.\n\nOur virtual assistant had answered",
    ).replace("Root cause\n", "Root causes\n")
    _fails(listed, "single_root_cause")


def test_one_cause_per_topic_is_allowed():
    notice = parse_notice(
        "Your order defect rate is too high. Please send a plan that addresses:\n1. The root cause of the negative feedback.\n"
        "2. The root cause of the chargeback claims.\n3. The actions you have taken.\n4. The steps to prevent this."
    )
    assert notice.topics == ["Negative feedback", "Chargebacks"]
    text = (
        "Issue 1: Negative feedback\nRoot cause\nOur size chart gave inches labelled as centimetres because nobody checked it against a sample.\n\n"
        "Issue 2: Chargebacks\nRoot cause\nOur courier had no tracking upload, so we could not prove delivery when buyers disputed charges.\n"
    )
    assert _score(text, notice=notice, story=None).criteria["single_root_cause"].passed


def test_a_restated_or_vague_cause_is_not_specific():
    restated = HEADINGS.replace(
        "Our virtual assistant had answered complaints alone since 10 February 2025 and nobody reviewed his replies before they were sent, so an angry reply reached the buyer unchecked.",
        "The root cause is that we sent an inappropriate message to a buyer, which violated the Communication Guidelines.",
    )
    assert "restates" in _fails(restated, "root_cause_specific").reason
    vague = HEADINGS.replace(
        "Our virtual assistant had answered complaints alone since 10 February 2025 and nobody reviewed his replies before they were sent, so an angry reply reached the buyer unchecked.",
        "The root cause was human error.",
    )
    _fails(vague, "root_cause_specific")
    blamed = HEADINGS.replace(
        "Our virtual assistant had answered",
        "The buyer was trying to get a free item. Our virtual assistant had answered",
    )
    _fails(blamed, "root_cause_specific")


def test_unrelated_or_generic_prevention_fails():
    unrelated = HEADINGS.replace(
        "- The customer service lead reads a sample of all replies every week.",
        "- We will move all our products to FBA to ship faster.",
    )
    result = _fails(unrelated, "prevention_matches_root_cause")
    assert any("FBA" in sentence for sentence in result.evidence)
    generic = HEADINGS.replace(
        "- Every reply to a complaint is reviewed by the customer service lead before it is sent.\n- The customer service lead reads a sample of all replies every week.",
        "- We will follow all Amazon policies and be more careful in the future.",
    )
    _fails(generic, "prevention_matches_root_cause")
    _fails(HEADINGS.split("Preventive measures")[0], "prevention_matches_root_cause")


def test_an_abstract_issue_is_not_defined():
    text = HEADINGS.replace(
        "On 2 March 2025 our virtual assistant sent an insulting reply to the buyer of order 112-4820193-5561027, which broke the Communication Guidelines.",
        "We received your notice.",
    )
    _fails(text, "issue_defined")


def test_details_are_judged_as_accepted_letters_carry_them():
    """Undated actions in a letter with the order ID and the incident's date can still be checked
    (accepted letters are often like this); a letter with nothing to check cannot."""
    undated = HEADINGS.replace("- 3 March 2025: removed", "- Removed").replace(
        "- 3 March 2025: refunded", "- Refunded"
    )
    result = _score(undated).criteria["verifiable_details"]
    assert result.passed and "0 of 2 actions dated" in result.reason
    generic = (
        "Dear Seller Performance Team,\n\nIssue\nWe sent a message to a buyer that broke the rules.\n\n"
        "Root cause\nNobody reviewed replies before they were sent.\n\nActions taken\n- We apologised to the buyer.\n\n"
        "Preventive measures\n- Every reply is now reviewed before it is sent.\n"
    )
    assert "Too little that Amazon could check" in _fails(generic, "verifiable_details").reason


def test_an_unanswered_request_fails_coverage_and_no_notice_is_not_applicable():
    text = HEADINGS.split("Third-party applications")[0]
    result = _fails(text, "notice_coverage")
    assert any("third-party" in item for item in result.evidence)
    card = _score(text, notice=None, story=STORY)
    assert (
        card.criteria["notice_coverage"].applicable is False
        and card.criteria["notice_coverage"].passed is True
    )


@pytest.mark.parametrize(
    "extra",
    [
        "Please give us one more chance, our family depends on this account.",
        "We are a top rated seller with 10,000 happy customers.",
        "The buyer was lying to get a free product.",
        "WE DID NOT DO ANYTHING WRONG.",
        "As we explained in our previous case 12345678901, this is settled.",
    ],
)
def test_unprofessional_tone_fails(extra):
    _fails(HEADINGS.replace("Regards,", f"{extra}\n\nRegards,"), "professional_tone")


def test_acronyms_codes_and_quotes_are_not_shouting():
    text = HEADINGS.replace(
        "Regards,",
        'Our FBA SKU TWL-BAMB-6PK was relabelled. The title said "BEST PRICE EVER" before.\n\nRegards,',
    )
    assert _score(text).criteria["professional_tone"].passed


def test_invented_facts_fail_and_no_inputs_is_not_applicable():
    invented = HEADINGS.replace(
        "refunded the buyer in full.",
        "refunded the buyer in full and trained all 14 agents on order 999-1234567-7654321.",
    )
    result = _fails(invented, "no_fabrication")
    assert "14" in result.evidence and "999-1234567-7654321" in result.evidence
    card = score_appeal(HEADINGS)
    assert card.criteria["no_fabrication"].applicable is False


def test_placeholders_and_length_fail():
    _fails(HEADINGS.replace("Owner", "[company name]"), "no_placeholders")
    _fails(HEADINGS + "XXX", "no_placeholders")
    card = score_appeal(
        HEADINGS + "More words. " * 600, notice=NOTICE, story=STORY, char_limit=6000
    )
    assert card.criteria["length"].passed is False


def test_other_languages_are_reported_not_guessed():
    italian = (
        "Gentile Team, il nostro assistente ha inviato un messaggio scortese al cliente dell'ordine 112-4820193-5561027. "
        "La causa è che nessuno controllava le risposte prima dell'invio e non abbiamo una procedura per questo. "
        "Il 3 marzo abbiamo rimosso il suo accesso e la nostra responsabile ora controlla ogni risposta."
    )
    card = _score(italian)
    assert card.language == "it"
    assert card.criteria["single_root_cause"].passed is None
    assert "Italian" in card.criteria["single_root_cause"].reason
    assert card.criteria["no_placeholders"].passed is True  # language-free checks still run
    assert card.gates_passed is False
    assert set(GATE_CRITERIA) <= set(card.criteria)
