"""The case clock: how many days are left to answer, what was sent and rejected, and whether the
next appeal is the last one the notice allows.

Sellers answer against a deadline ("within 17 days") and a limit on tries ("after two unsuccessful
appeals"). The deadline counts from the notice's own date line, else from the day it was pasted,
and the seller can correct it; a rejection that names a new deadline restarts the count from the
day it came. The phrases are data in `knowledge/rules/deadlines.yaml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from poa.kb.rules import pattern
from poa.reading.notice import find_deadline
from poa.reading.notice_rules import deadline_rules
from poa.storage.history import Submission
from poa.text.facts import find_dates

__all__ = ["CaseClock", "Submission", "appeal_limit", "case_clock", "last_chance", "notice_date"]


def notice_date(text: str) -> date | None:
    """The date on the notice's own header line ("Date: 14 March 2026"), when it has one."""
    line_cue = pattern(deadline_rules().notice_date_line)
    days = []
    for line in text.splitlines():
        if not line_cue.search(line):
            continue
        for found in find_dates(line):
            if found.year is not None:
                try:
                    days.append(date(found.year, found.month, found.day))
                except ValueError:  # 31 February: not a date
                    continue
    # a forwarded notice carries the forward's date too: Amazon's own is the earliest
    return min(days) if days else None


def appeal_limit(text: str) -> int | None:
    """How many appeals the text allows ("after two unsuccessful appeals" → 2), if it says."""
    rules = deadline_rules()
    for limit in rules.appeal_limits:
        match = pattern(limit).search(text)
        if match:
            found = next(value for value in match.groupdict().values() if value)
            return int(found) if found.isdigit() else rules.tries_words.get(found.lower())
    return None


def last_chance(text: str) -> bool:
    """Does the text make the next answer the last one ("your final opportunity")?"""
    return bool(pattern(deadline_rules().last_chance).search(text))


@dataclass(frozen=True)
class CaseClock:
    today: date
    counted_from: date
    counted_from_reason: str  # the notice's date | the day you pasted it | the date you gave | …
    deadline_days: int | None
    final_decision: bool = False
    tries_allowed: int | None = None
    told_last_chance: bool = False
    submissions: list[Submission] = field(default_factory=list)  # oldest first, as recorded

    @property
    def sent(self) -> list[Submission]:
        return [s for s in self.submissions if s.kind == "sent"]

    @property
    def rejected(self) -> list[Submission]:
        return [s for s in self.submissions if s.kind == "rejected"]

    @property
    def awaiting_answer(self) -> bool:
        """The last record is a version sent: Amazon has the next move."""
        return bool(self.submissions) and self.submissions[-1].kind == "sent"

    @property
    def tries_used(self) -> int:
        """Appeals sent: each rejection answers one, marked as sent or not."""
        return max(len(self.sent), len(self.rejected))

    @property
    def deadline(self) -> date | None:
        if self.deadline_days is None:
            return None
        return self.counted_from + timedelta(days=self.deadline_days)

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - self.today).days

    @property
    def next_is_last(self) -> bool:
        """The next appeal sent is the last one the notice allows."""
        if self.final_decision:
            return False
        counted = self.tries_allowed is not None and self.tries_used == self.tries_allowed - 1
        return self.told_last_chance or counted

    @property
    def tries_spent(self) -> bool:
        return self.tries_allowed is not None and self.tries_used >= self.tries_allowed

    def headline(self) -> str:
        """One line for the sidebar and the appeal's header."""
        if self.final_decision:
            return "Amazon's decision is final: the notice allows no further appeal."
        if self.awaiting_answer:
            last = self.submissions[-1]
            return f"v{last.version} sent on {_day(last.on)}: waiting for Amazon's answer."
        left = self.days_left
        if left is None:
            return f"No deadline given (notice of {_day(self.counted_from)})."
        by = _day(self.deadline)  # type: ignore[arg-type]
        if left > 1:
            return f"{left} days left to answer (by {by})."
        if left == 1:
            return f"1 day left to answer (by {by})."
        if left == 0:
            return f"The deadline is today ({by})."
        return f"The deadline passed {-left} day{'s' if left < -1 else ''} ago ({by})."

    def records(self) -> list[str]:
        """The sent and rejected appeals, oldest first, one line each."""
        events = self.submissions
        return [
            f"{_day(s.on)}: "
            + (f"v{s.version} sent" if s.kind == "sent" else "rejection received")
            + (f" (answering v{s.version})" if s.kind == "rejected" and s.version else "")
            for s in events
        ]

    def warning(self) -> str | None:
        """What the seller must know before sending: the last try, or no try left."""
        if self.tries_spent:
            return (
                f"The notice allows {self.tries_allowed} appeals and you have sent {self.tries_used}:"
                " another may not be reviewed. Make sure it answers everything before you send it."
            )
        if self.next_is_last:
            allowed = f" ({self.tries_allowed} allowed)" if self.tries_allowed else ""
            return (
                f"This would be your last try{allowed}: if it is rejected, the decision may stand."
                " Check every must-pass item and each document before you send it."
            )
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "counted_from": self.counted_from.isoformat(),
            "counted_from_reason": self.counted_from_reason,
            "deadline_days": self.deadline_days,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_left": self.days_left,
            "final_decision": self.final_decision,
            "tries_allowed": self.tries_allowed,
            "tries_used": self.tries_used,
            "next_is_last": self.next_is_last,
            "awaiting_answer": self.awaiting_answer,
            "headline": self.headline(),
            "warning": self.warning(),
            "records": [s.to_json() for s in self.submissions],
        }


def case_clock(
    notice_text: str,
    *,
    pasted_on: date,
    today: date,
    submissions: Sequence[Submission] = (),
    received_on: date | None = None,
    dated_on: date | None = None,
    final_decision: bool = False,
) -> CaseClock:
    """The clock of one appeal. `received_on` is the seller's correction of the notice's date;
    `dated_on` the date on the notice's header line, when it was pasted apart from the text."""
    rejected = [s for s in submissions if s.kind == "rejected"]
    counted_from, reason = pasted_on, "the day you pasted it"
    if received_on is not None:
        counted_from, reason = received_on, "the date you gave"
    elif (dated := dated_on or notice_date(notice_text)) is not None:
        counted_from, reason = dated, "the notice's date"
    days = find_deadline(notice_text)
    texts = [notice_text]
    for rejection in rejected:  # a rejection's own deadline restarts the count
        texts.append(rejection.text)
        if (again := find_deadline(rejection.text)) is not None:
            came = notice_date(rejection.text) or rejection.on  # its Date line, if pasted
            counted_from, reason, days = came, "the day the rejection came", again
    limits = [n for n in (appeal_limit(t) for t in texts) if n]
    return CaseClock(
        today=today,
        counted_from=counted_from,
        counted_from_reason=reason,
        deadline_days=days,
        final_decision=final_decision,
        tries_allowed=min(limits) if limits else None,
        told_last_chance=last_chance(texts[-1]),
        submissions=list(submissions),
    )


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"
