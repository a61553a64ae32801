"""A second reading of a notice by the LLM, through the real client and a local openai_server."""

import json

from support.fake_openai import completion
from support.llm_cases import llm_settings


def test_the_llm_completes_the_rule_based_notice_reading(openai_server):
    from poa.reading.llm import refine_notice
    from poa.reading.notice import parse_notice

    text = "Hello,\n\nWe cannot reinstate your account. Please provide greater detail on the root cause.\n\nSeller Performance Team"
    rules = parse_notice(text)
    assert rules.violation_type == "other"
    reading = {
        "violation_type": "inauthentic",
        "notice_kind": "rejection",
        "topics": [],
        "required_items": [
            {"text": "greater detail on the root cause", "kind": "root_cause", "topic": None},
            {
                "text": "supplier invoices from the last 365 days",
                "kind": "documents",
                "topic": None,
            },
        ],
    }
    openai_server.enqueue(completion(json.dumps(reading)))
    refined = refine_notice(rules, llm_settings(openai_server))
    assert refined.violation_type == "inauthentic" and refined.confidence >= 0.6
    assert [item.kind for item in refined.required_items] == ["root_cause", "documents"]
    assert refined.order_ids == rules.order_ids and refined.deadline_days == rules.deadline_days


def test_the_llm_reading_gets_the_notice_words_back(openai_server):
    """The model saw placeholders; the requests it adds carry the notice's own contact details."""
    from poa.reading.llm import refine_notice
    from poa.reading.notice import parse_notice

    text = (
        "Hello,\n\nWe cannot reinstate your account. Send the invoices of your supplier "
        "(orders@supplier-example.com) for the last 365 days.\n\nSeller Performance Team"
    )
    reading = {
        "violation_type": "inauthentic",
        "notice_kind": "rejection",
        "topics": [],
        "required_items": [
            {"text": "invoices from the supplier [EMAIL_1]", "kind": "documents", "topic": None}
        ],
    }
    openai_server.enqueue(completion(json.dumps(reading)))
    refined = refine_notice(parse_notice(text), llm_settings(openai_server))
    sent = json.dumps(openai_server.requests[0]["body"])
    assert "orders@supplier-example.com" not in sent
    texts = [item.text for item in refined.required_items]
    assert any("orders@supplier-example.com" in t for t in texts) and "[EMAIL_1]" not in str(texts)
