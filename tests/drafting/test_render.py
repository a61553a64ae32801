from poa.core.models import Appeal, TopicPlan
from poa.drafting.render import format_date, render_markdown, render_text


def _plan(topic=None):
    return {
        "topic": topic,
        "incident": {"summary": f"Summary {topic}.", "policy": "p"},
        "root_cause": f"Cause {topic}.",
        "immediate_actions": [
            {"action": "Refunded the buyer", "date": "2025-03-04"},
            {"action": "Checked stock", "confirmed": False},
        ],
        "preventive_measures": [
            {"action": "Daily check", "owner": "lead", "frequency": "daily", "answers": "no check"}
        ],
    }


def test_amazons_order_and_dated_actions():
    appeal = Appeal.model_validate(_plan() | {"evidence": ["Invoice"], "closing": "Done."})
    text = render_text(appeal)
    positions = [
        text.index(h)
        for h in [
            "The issue",
            "Root cause",
            "Actions we have taken",
            "Preventive measures",
            "Supporting documents",
        ]
    ]
    assert positions == sorted(positions)
    assert "On 4 March 2025: refunded the buyer." in text
    assert "Checked stock" not in text  # a suggestion nobody confirmed is not in the letter
    assert "Daily check (the lead is responsible)." in text
    assert "Owner:" not in text and "Addresses:" not in text and "[" not in text
    assert text.rstrip().endswith("Done.")


def test_measures_read_as_prose_with_only_what_was_given():
    from poa.core.models import PreventiveMeasure
    from poa.drafting.render import measure_line

    given = PreventiveMeasure(
        action="I read every reply before it is sent", start_date="2024-07-01"
    )
    assert measure_line(given) == "From 1 July 2024, I read every reply before it is sent."
    assert measure_line(PreventiveMeasure(action="Every reply is read first.")) == (
        "Every reply is read first."
    )


def test_empty_parts_are_left_out_and_a_template_asks_in_brackets():
    appeal = Appeal.model_validate(_plan() | {"root_cause": "", "preventive_measures": []})
    text = render_text(appeal)
    assert "Root cause" not in text and "Preventive measures" not in text
    template = render_text(appeal, {"root_cause": ["Why did it happen?"]})
    assert "Root cause\n[Why did it happen?]" in template


def test_several_topics_each_get_their_four_parts():
    appeal = Appeal.model_validate(
        _plan("Negative feedback")
        | {"additional_topics": [TopicPlan.model_validate(_plan("Late shipments"))]}
    )
    text = render_text(appeal)
    assert "1. Issue 1: Negative feedback" in text and "2. Issue 2: Late shipments" in text
    assert "2.2 Root cause" in text
    markdown = render_markdown(appeal)
    assert "## Issue 2: Late shipments" in markdown and "### Root cause" in markdown


def test_dates_read_naturally():
    assert format_date("2025-03-04") == "4 March 2025"
    assert format_date("--12-01") == "1 December"
    assert format_date("next week") == "next week"


def test_an_unanswered_request_is_not_quoted_twice():
    request = "Tell us whether the reviews are still visible"
    appeal = Appeal.model_validate(
        _plan()
        | {
            "requested_information": [
                {"request": request, "answer": f"[Please answer: {request}.]"},
                {"request": "Who sent the message", "answer": "Our packer, on 3 May 2026."},
            ]
        }
    )
    text = render_text(appeal)
    assert text.count(request) == 1
    assert "Who sent the message: Our packer, on 3 May 2026." in text
