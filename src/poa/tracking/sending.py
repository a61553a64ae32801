"""Marking a version as sent, recording a rejection, and the clock of a saved appeal.

The app and `poa sent` both go through here: a version is checked against every version already
sent, and the changes found are returned for the seller to confirm before it is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from poa.core.errors import UserError
from poa.reading.notice import parse_notice
from poa.storage.history import History
from poa.tracking.clock import CaseClock, case_clock
from poa.tracking.contradictions import Contradiction, contradictions

__all__ = [
    "SendCheck",
    "appeal_clock",
    "mark_sent",
    "record_rejection",
    "seen_by_amazon",
    "sent_versions",
]


@dataclass(frozen=True)
class SendCheck:
    """What marking a version as sent found: recorded, or changes waiting for the seller's yes."""

    version: int
    on: date
    recorded: bool
    changes: list[Contradiction] = field(default_factory=list)
    warning: str | None = None  # the clock's: the last try, or none left

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "on": self.on.isoformat(),
            "recorded": self.recorded,
            "changes": [change.to_json() for change in self.changes],
            "warning": self.warning,
        }


def sent_versions(history: History, appeal_id: int) -> list[int]:
    """The versions marked as sent, oldest first, each once."""
    numbers = [s.version for s in history.submissions(appeal_id) if s.kind == "sent"]
    return list(dict.fromkeys(n for n in numbers if n is not None))


def seen_by_amazon(history: History, appeal_id: int) -> list[int]:
    """The versions Amazon has read: those marked as sent, and those a rejection answered (the
    appeal a seller pasted after a rejection was sent, whether or not it was marked)."""
    numbers = [s.version for s in history.submissions(appeal_id) if s.version is not None]
    return sorted(set(numbers))


def appeal_clock(history: History, appeal_id: int, today: date) -> CaseClock:
    state = history.state(appeal_id)
    # an appeal begun from a rejection has no notice: the rejection is what Amazon sent
    notice_text = str(state.get("notice") or state.get("rejection") or "")
    submissions = history.submissions(appeal_id)
    rejections = [s.text for s in submissions if s.kind == "rejected" and s.text.strip()]
    latest = rejections[-1] if rejections else notice_text
    kind = parse_notice(latest).notice_kind if latest.strip() else None
    pasted = _day(state.get("notice_pasted")) or _day(history.appeal(appeal_id).created[:10])
    return case_clock(
        notice_text,
        pasted_on=pasted or today,
        today=today,
        submissions=submissions,
        received_on=_day(state.get("notice_received")),
        dated_on=_day(state.get("notice_dated")),
        final_decision=kind == "final_decision",
    )


def _day(value: object) -> date | None:
    """A saved ISO day; None for nothing or for what is not a day (an older or damaged state)."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def mark_sent(
    history: History,
    appeal_id: int,
    version: int | None,
    on: date,
    *,
    confirmed: bool = False,
    today: date | None = None,
) -> SendCheck:
    """Record that `version` (the latest when None) was sent to Amazon on `on`, unless it states
    something differently from a version already sent and the seller has not confirmed it."""
    today = today or date.today()
    chosen = history.version(appeal_id, version)
    if on > today:
        raise UserError(f"{on.isoformat()} is in the future: give the day you sent it.")
    if chosen.number in sent_versions(history, appeal_id):
        raise UserError(f"v{chosen.number} is already marked as sent.")
    seen = [n for n in seen_by_amazon(history, appeal_id) if n != chosen.number]
    sent = [history.version(appeal_id, n) for n in seen]
    changes = contradictions(
        chosen.letter, [(v.number, v.letter, v.appeal) for v in sent], chosen.appeal
    )
    warning = appeal_clock(history, appeal_id, today).warning()
    if changes and not confirmed:
        return SendCheck(chosen.number, on, False, changes, warning)
    history.add_submission(appeal_id, "sent", on, version=chosen.number)
    return SendCheck(chosen.number, on, True, changes, warning)


def record_rejection(
    history: History, appeal_id: int, text: str, on: date, version: int | None = None
) -> None:
    """A rejection came back, answering `version` (by default the last version marked as sent)."""
    recorded = history.submissions(appeal_id)
    if recorded and recorded[-1].kind == "rejected" and recorded[-1].text == text:
        return  # the same rejection pasted again (or a turn answered again after a refresh)
    if version is None:
        sent = sent_versions(history, appeal_id)
        version = sent[-1] if sent else None
    history.add_submission(appeal_id, "rejected", on, version=version, text=text)
