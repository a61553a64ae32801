"""The notice parser against fixtures written independently of it (tests/fixtures/notices/)."""

import pytest
import yaml
from support.env import FIXTURES

from poa.reading.notice import notice_core, parse_notice

EXPECTED = yaml.safe_load((FIXTURES / "notices.yaml").read_text())


def _parse(entry, store=None):
    return parse_notice((FIXTURES / "notices" / entry["file"]).read_text(), store)


@pytest.mark.parametrize("entry", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_notice_fixture(entry):
    notice = _parse(entry)
    assert notice.violation_type == entry["violation_type"]
    assert notice.notice_kind == entry["notice_kind"]
    assert notice.deadline_days == entry["deadline_days"]
    assert notice.order_ids == entry["order_ids"]
    assert notice.asins == entry["asins"]
    assert notice.dates == entry["dates"]
    assert max(1, len(notice.topics)) == entry["topics"]
    for wanted in entry["required"]:
        matches = [
            item
            for item in notice.required_items
            if item.kind == wanted["kind"] and wanted["phrase"] in item.text.lower()
        ]
        assert matches, (
            f"no {wanted['kind']} item with {wanted['phrase']!r}: {notice.required_items}"
        )
    # Extra items are tolerated only within reason: a checklist is not invented from advice.
    assert len(notice.required_items) <= len(entry["required"]) * max(1, len(notice.topics)) + 3


def test_knowledge_base_notices_are_classified():
    """The notices in knowledge/ carry their type and kind in front matter: a second check."""
    from poa.core.config import PROJECT_ROOT
    from poa.kb.documents import load_knowledge

    notices = [d for d in load_knowledge(PROJECT_ROOT / "knowledge") if d.kind == "notice"]
    parsed = [(d, parse_notice(d.body)) for d in notices]
    types = sum(n.violation_type == d.meta.violation_type for d, n in parsed) / len(parsed)
    kinds = sum(n.notice_kind == d.meta.notice_kind for d, n in parsed) / len(parsed)
    print(f"\nknowledge notices: type {types:.0%}, kind {kinds:.0%} of {len(parsed)}")
    assert types >= 0.9 and kinds >= 0.9


def test_forum_noise_is_not_part_of_the_notice():
    entry = next(e for e in EXPECTED if "forum" in e["file"])
    raw = (FIXTURES / "notices" / entry["file"]).read_text()
    notice = _parse(entry)
    assert notice.text.startswith("Hello")
    assert len(notice.text) < len(raw)
    assert "thanks in advance" not in notice.text.lower()


def test_supply_chain_evidence_names_the_type_without_a_policy_word(store):
    """No "inauthentic", no "counterfeit": the evidence asked for (where the goods came from,
    quantities covering sales) says what the notice is about."""
    text = (
        "Hello,\n\nThank you for your plan of action. We reviewed it, but we cannot reactivate your account "
        "yet. The documents you sent are receipts from a supermarket and a screenshot of an online shop "
        "order. They do not show where your goods came from or that the quantities cover your sales.\n\n"
        "Please send documents from your supplier and greater detail on the root cause.\n\nSeller Performance Team"
    )
    notice = parse_notice(text, store)
    assert notice.notice_kind == "rejection"
    assert notice.violation_type == "inauthentic"
    assert notice.type_evidence  # the phrases it was read from, shown to the seller
    assert {"root_cause", "documents"} <= {item.kind for item in notice.required_items}


def test_the_index_alone_only_suggests_a_type(store):
    """With no policy or behaviour named, the nearest notices are weak evidence: the type stays
    other (or barely sure) and the seller is shown the next best to choose from."""
    text = (
        "Hello,\n\nThank you for your appeal. We reviewed it, but we cannot reactivate your account yet. "
        "Your plan says the buyer was upset and your agent answered too quickly. Tell us who wrote the "
        "reply, why nobody read it before it went out, and what your staff now do before they answer."
        "\n\nSeller Performance Team"
    )
    notice = parse_notice(text, store)
    assert notice.confidence < 0.5
    assert notice.runner_up is not None and notice.type_evidence == []


def test_a_rejection_that_names_nothing_stays_other(store):
    text = (
        "Thank you for your plan of action. We do not have enough information to reinstate your account. "
        "Please provide greater detail on the root cause, the actions you have taken, and the steps to "
        "prevent this in future."
    )
    notice = parse_notice(text, store)
    assert notice.violation_type == "other"
    assert notice.confidence < 0.3
    assert [item.kind for item in notice.required_items] == ["root_cause", "actions", "prevention"]


def test_the_signature_belongs_to_the_notice_and_the_sellers_words_do_not():
    pasted = (
        "Hi all, got this today:\n\nHello,\n\nWe removed your listing for ASIN B0CR4TNX82.\n\n"
        "Regards,\nSeller Performance Team\nAmazon.co.uk\n\nWhat do I do? My VA listed it last week."
    )
    core = notice_core(pasted)
    assert core.startswith("Hello,")
    assert core.endswith("Regards,\nSeller Performance Team\nAmazon.co.uk")
