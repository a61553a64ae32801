"""The letter's documents part lists only what the seller has: the documents ticked as in hand in
the checklist, and those the seller's own words name; never one the notice merely asks for."""

import pytest

from poa.drafting.pipeline import draft_appeal
from poa.reading.document_checklist import in_hand_facts

NOTICE = (
    "Your account has been deactivated because we received complaints about the authenticity of"
    " items you sell. To reactivate, send invoices from your supplier from the last 365 days, a"
    " letter of authorization from the brand, and a plan of action: the root cause, the actions"
    " taken and the steps to prevent this."
)
STORY = (
    "We bought 200 units from a wholesaler without checking the brand's authorised distributor"
    " list. On 3 March 2026 we removed the listing."
)


def _documents(letter: str) -> list[str]:
    if "Supporting documents" not in letter:
        return []
    part = letter.split("Supporting documents", 1)[1].split("\n\n")[0]
    return [line.strip("- ") for line in part.splitlines()[1:]]


@pytest.fixture(scope="module")
def settings(indexed_settings):
    return indexed_settings


def test_only_the_documents_ticked_as_in_hand_are_listed(settings):
    none = draft_appeal(NOTICE, STORY, settings, backend="offline")
    assert none.notice.documents == ["supplier_invoice", "letter_of_authorisation"]
    assert _documents(none.letter) == []  # asked for is not had

    one = draft_appeal(
        NOTICE, STORY, settings, backend="offline", documents_in_hand=["supplier_invoice"]
    )
    assert _documents(one.letter) == ["Supplier invoices"]
    assert "Letters of authorisation" not in one.letter
    assert one.scorecard.criteria["grounded"].passed


def test_a_document_the_story_names_is_not_listed_twice():
    told = "We attach our invoices from Brightway Supplies Ltd for the 200 units."
    assert in_hand_facts(["supplier_invoice"], told) == []
    facts = in_hand_facts(["supplier_invoice", "letter_of_authorisation"], told)
    assert [(f.kind, f.text, f.source.ref) for f in facts] == [
        ("document", "Letters of authorisation or licence agreements", "document_checklist")
    ]


def test_a_document_type_no_longer_known_is_skipped():
    """A saved tick for a type since removed from documents.yaml must not break every draft."""
    assert in_hand_facts(["invoices"], "") == []
    assert [f.id for f in in_hand_facts(["invoices", "utility_bill"], "")] == [
        "checklist-utility_bill"
    ]
