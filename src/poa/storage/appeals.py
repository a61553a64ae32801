"""Saving what the seller will send: a draft, a revision, an imported letter or a hand edit.

One function for the CLI and the chat, so a version is recorded the same way wherever it was made:
the appeal is created when it does not exist yet, its title and violation type are kept current,
and the version carries the letter, the structured appeal, the scorecard and what led to it.
"""

from __future__ import annotations

from typing import Any

from poa.storage.history import AppealRecord, History, Version


def appeal_title(violation_type: str, order_ids: list[str], asins: list[str]) -> str:
    """'inappropriate communication: 112-…' — the type, and the first orders or ASINs."""
    ids = order_ids[:2] or asins[:2]
    label = violation_type.replace("_", " ")
    return f"{label}: {', '.join(ids)}" if ids else label


def appeal_label(record: AppealRecord) -> str:
    """What tells one appeal from another in a list: its title (type, orders or ASINs), the day it
    was started and how many versions it has."""
    return f"{record.title} · {record.created[:10]} · v{record.versions}"


def find_appeals(records: list[AppealRecord], query: str) -> list[AppealRecord]:
    """The appeals whose label holds every word of the query (any case); all of them for none."""
    words = query.lower().split()
    return [r for r in records if all(w in appeal_label(r).lower() for w in words)]


def save_version(
    history: History,
    appeal_id: int | None,
    letter: str,
    *,
    trigger_kind: str,
    source: str,
    trigger_text: str = "",
    appeal: dict[str, Any] | None = None,
    scorecard: dict[str, Any] | None = None,
    note: str = "",
    title: str | None = None,
    violation_type: str | None = None,
    state: dict[str, Any] | None = None,
) -> Version:
    """Add a version to `appeal_id` (a new appeal when None), updating its title and type if given.

    `trigger_kind` is notice | rejection | edit | imported; `source` is offline | openai | seller |
    revision-offline | revision-openai.
    """
    if appeal_id is None:
        appeal_id = history.create_appeal(
            title or "New appeal", violation_type or "other", state or {}
        )
    elif title is not None or violation_type is not None:
        history.update_appeal(appeal_id, title=title, violation_type=violation_type)
    return history.add_version(
        appeal_id,
        letter,
        trigger_kind=trigger_kind,
        source=source,
        trigger_text=trigger_text,
        appeal=appeal,
        scorecard=scorecard,
        note=note,
    )
