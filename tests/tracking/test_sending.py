"""Marking a version as sent: the check against versions already sent, and the records kept."""

from datetime import date, timedelta

import pytest

from poa.core.errors import UserError
from poa.storage.history import History
from poa.tracking.sending import appeal_clock, mark_sent, record_rejection, sent_versions

SENT = """Root cause
Our virtual assistant used a follow-up template that asked buyers for a five-star review.

Actions taken
On 3 March 2026 we deleted the template and removed 120 units from the listing.
"""
FAITHFUL = SENT + "On 6 March 2026 our manager checked every other template we use.\n"
CHANGED = SENT.replace("3 March 2026", "5 March 2026").replace("120 units", "150 units")


@pytest.fixture
def history(tmp_path):
    return History(tmp_path / "history.db")


def _appeal(history: History, *letters: str) -> int:
    appeal_id = history.create_appeal("review", state={"notice": "Reply within 17 days."})
    for letter in letters:
        history.add_version(appeal_id, letter, trigger_kind="edit", source="seller")
    return appeal_id


def test_a_first_version_is_recorded_at_once(history):
    appeal_id = _appeal(history, SENT)
    check = mark_sent(history, appeal_id, None, date(2026, 11, 25), today=date(2026, 12, 1))
    assert check.recorded and check.changes == []
    assert sent_versions(history, appeal_id) == [1]
    assert history.submissions(appeal_id)[0].on == date(2026, 11, 25)


def test_a_version_that_changes_the_facts_waits_for_the_sellers_yes(history):
    appeal_id = _appeal(history, SENT, CHANGED)
    mark_sent(history, appeal_id, 1, date.today())
    check = mark_sent(history, appeal_id, 2, date.today())
    assert not check.recorded
    assert {(c.kind, c.before, c.now) for c in check.changes} == {
        ("date", "3 March 2026", "5 March 2026"),
        ("quantity", "120 units", "150 units"),
    }
    assert sent_versions(history, appeal_id) == [1]  # nothing recorded yet
    confirmed = mark_sent(history, appeal_id, 2, date.today(), confirmed=True)
    assert confirmed.recorded and sent_versions(history, appeal_id) == [1, 2]


def test_a_faithful_revision_is_recorded_without_questions(history):
    appeal_id = _appeal(history, SENT, FAITHFUL)
    mark_sent(history, appeal_id, 1, date.today())
    assert mark_sent(history, appeal_id, 2, date.today()).recorded


def test_a_day_in_the_future_or_a_version_sent_twice_is_refused(history):
    appeal_id = _appeal(history, SENT)
    with pytest.raises(UserError, match="in the future"):
        mark_sent(history, appeal_id, 1, date.today() + timedelta(days=1))
    mark_sent(history, appeal_id, 1, date.today())
    with pytest.raises(UserError, match="already marked as sent"):
        mark_sent(history, appeal_id, 1, date.today())
    with pytest.raises(UserError, match="no version 9"):
        mark_sent(history, appeal_id, 9, date.today())


def test_a_rejection_answers_the_last_version_sent_and_is_kept_once(history):
    appeal_id = _appeal(history, SENT, FAITHFUL)
    mark_sent(history, appeal_id, 1, date(2026, 11, 20), today=date(2026, 12, 1))
    record_rejection(history, appeal_id, "We need more detail.", date(2026, 11, 24))
    record_rejection(history, appeal_id, "We need more detail.", date(2026, 11, 24))  # again
    rejections = [s for s in history.submissions(appeal_id) if s.kind == "rejected"]
    assert len(rejections) == 1 and rejections[0].version == 1
    clock = appeal_clock(history, appeal_id, date(2026, 12, 1))
    assert clock.records() == [
        "20 Nov 2026: v1 sent",
        "24 Nov 2026: rejection received (answering v1)",
    ]


def test_the_records_survive_reopening_and_go_with_their_appeal(history, tmp_path):
    appeal_id = _appeal(history, SENT)
    mark_sent(history, appeal_id, 1, date.today())
    again = History(tmp_path / "history.db")
    assert sent_versions(again, appeal_id) == [1]
    again.delete_appeal(appeal_id)
    assert again.submissions(appeal_id) == []


def test_the_appeal_a_rejection_answered_is_compared_though_never_marked(history):
    appeal_id = _appeal(history, SENT, CHANGED)
    record_rejection(history, appeal_id, "More detail, please.", date.today(), version=1)
    check = mark_sent(history, appeal_id, 2, date.today())
    assert not check.recorded and {c.kind for c in check.changes} == {"date", "quantity"}
    clock = appeal_clock(history, appeal_id, date.today())
    assert clock.tries_used == 1


def test_the_same_version_cannot_be_recorded_as_sent_twice_even_past_the_check(history):
    appeal_id = _appeal(history, SENT)
    history.add_submission(appeal_id, "sent", date.today(), version=1)
    with pytest.raises(UserError, match="already marked as sent"):
        history.add_submission(appeal_id, "sent", date.today(), version=1)  # a second tab


def test_a_damaged_saved_day_is_ignored(history):
    appeal_id = history.create_appeal(
        "x", state={"notice": "Reply within 17 days.", "notice_received": "soon"}
    )
    clock = appeal_clock(history, appeal_id, date.today())
    assert clock.counted_from_reason == "the day you pasted it"
