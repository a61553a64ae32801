"""The case clock: the notice's date, the deadline, the appeals allowed, and what was sent."""

from datetime import date

import pytest

from poa.kb.rules import pattern
from poa.reading.notice_rules import deadline_rules
from poa.storage.history import Submission
from poa.tracking.clock import appeal_limit, case_clock, last_chance, notice_date

RULES = deadline_rules()
TODAY = date(2026, 12, 1)
NOTICE = (
    "Date: 20 November 2026\n"
    "Your account has been deactivated. Send a plan of action within 17 days.\n"
    "Please note that after two unsuccessful appeals your account may remain deactivated."
)


def test_the_notice_date_line_matches_its_examples():
    cue = pattern(RULES.notice_date_line)
    for text in RULES.notice_date_examples.should_match:
        assert cue.search(text), text
    for text in RULES.notice_date_examples.should_not_match:
        assert not cue.search(text), text


@pytest.mark.parametrize("example", RULES.tries_examples, ids=lambda e: e.text[:40])
def test_appeal_limits_read_their_examples(example):
    assert appeal_limit(example.text) == example.tries


def test_last_chance_matches_its_examples():
    for text in RULES.last_chance_examples.should_match:
        assert last_chance(text), text
    for text in RULES.last_chance_examples.should_not_match:
        assert not last_chance(text), text


def test_the_notice_date_comes_from_its_header_line_only():
    assert notice_date("Sent: Tuesday, March 3, 2026 9:14 AM\nHello,") == date(2026, 3, 3)
    assert notice_date("On 3 March 2026 we received a complaint.") is None
    assert notice_date("Date: 31 February 2026") is None  # not a day


def test_days_left_count_from_the_notice_date_and_the_last_try_is_named():
    clock = case_clock(NOTICE, pasted_on=date(2026, 11, 28), today=TODAY)
    assert clock.counted_from == date(2026, 11, 20)
    assert clock.counted_from_reason == "the notice's date"
    assert clock.deadline == date(2026, 12, 7)
    assert clock.days_left == 6
    assert clock.headline() == "6 days left to answer (by 7 Dec 2026)."
    assert clock.tries_allowed == 2 and not clock.next_is_last and clock.warning() is None


def test_without_a_date_line_the_clock_counts_from_the_day_it_was_pasted_or_the_sellers_day():
    text = NOTICE.split("\n", 1)[1]
    pasted = case_clock(text, pasted_on=date(2026, 11, 28), today=TODAY)
    assert pasted.counted_from_reason == "the day you pasted it" and pasted.days_left == 14
    given = case_clock(
        text, pasted_on=date(2026, 11, 28), today=TODAY, received_on=date(2026, 11, 10)
    )
    assert given.counted_from_reason == "the date you gave"
    assert given.days_left == -4
    assert given.headline() == "The deadline passed 4 days ago (27 Nov 2026)."


def test_after_one_rejected_appeal_the_next_is_the_last_of_two():
    records = [
        Submission("sent", date(2026, 11, 22), 1),
        Submission("rejected", date(2026, 11, 25), 1, "We need more detail on the root cause."),
    ]
    clock = case_clock(NOTICE, pasted_on=date(2026, 11, 20), today=TODAY, submissions=records)
    assert clock.next_is_last and not clock.tries_spent
    assert "last try (2 allowed)" in clock.warning()
    assert clock.records() == [
        "22 Nov 2026: v1 sent",
        "25 Nov 2026: rejection received (answering v1)",
    ]
    assert not clock.awaiting_answer
    waiting = case_clock(
        NOTICE,
        pasted_on=date(2026, 11, 20),
        today=TODAY,
        submissions=[*records, Submission("sent", date(2026, 11, 30), 2)],
    )
    assert waiting.awaiting_answer and waiting.tries_spent
    assert waiting.headline() == "v2 sent on 30 Nov 2026: waiting for Amazon's answer."
    assert "allows 2 appeals and you have sent 2" in waiting.warning()


def test_a_rejection_with_its_own_deadline_restarts_the_count_and_a_last_chance_is_heeded():
    rejection = (
        "We reviewed your plan of action and it does not address the root cause. This is your "
        "final opportunity to provide an acceptable plan of action. Please reply within 7 days."
    )
    records = [
        Submission("sent", date(2026, 11, 21), 1),
        Submission("rejected", date(2026, 11, 29), 1, rejection),
    ]
    text = "Your listing was removed. Send a plan of action within 17 days."
    clock = case_clock(text, pasted_on=date(2026, 11, 20), today=TODAY, submissions=records)
    assert clock.counted_from == date(2026, 11, 29)
    assert clock.counted_from_reason == "the day the rejection came"
    assert clock.days_left == 5
    assert clock.tries_allowed is None and clock.next_is_last
    assert "last try" in clock.warning()


def test_a_final_decision_has_no_deadline_and_no_try():
    clock = case_clock(
        "We will not reinstate your account.", pasted_on=TODAY, today=TODAY, final_decision=True
    )
    assert clock.headline().startswith("Amazon's decision is final")
    assert clock.warning() is None
    assert case_clock("Hello.", pasted_on=TODAY, today=TODAY).headline() == (
        "No deadline given (notice of 1 Dec 2026)."
    )


def test_a_rejection_counts_as_a_try_even_when_no_version_was_marked_as_sent():
    records = [Submission("rejected", date(2026, 11, 25), 1, "More detail on the root cause.")]
    clock = case_clock(NOTICE, pasted_on=date(2026, 11, 20), today=TODAY, submissions=records)
    assert clock.tries_used == 1 and clock.next_is_last


def test_a_forwarded_notice_counts_from_amazons_date_and_a_rejection_from_its_own():
    forwarded = "Sent: 20 March 2026\n-----\nDate: 14 March 2026\nHello, reply within 17 days."
    assert notice_date(forwarded) == date(2026, 3, 14)
    rejection = "Date: 26 November 2026\nWe need more detail. Please reply within 7 days."
    records = [Submission("rejected", date(2026, 11, 29), 1, rejection)]
    clock = case_clock(NOTICE, pasted_on=date(2026, 11, 20), today=TODAY, submissions=records)
    assert clock.counted_from == date(2026, 11, 26) and clock.days_left == 2
