"""What the playbook may offer the seller, and what the letter still needs from them.

Playbook causes, actions and measures are suggestions with ids (`incentive_insert`,
`incentive_insert.action.0`, `incentive_insert.measure.1`). They reach a letter only when the
seller accepts them (`poa draft --accept ID`, the app's pick list); a suggestion that affirms
something the seller denied is never offered. Questions are what the letter leaves out because
only the seller can say it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from poa.core.models import Case, Fact, FactSource
from poa.drafting.playbook_causes import rank_root_causes
from poa.kb.documents import PlaybookMeta, PlaybookRootCause
from poa.reading.statements import affirmed_concepts

SuggestionKind = Literal["cause", "action", "measure"]
MAX_CAUSE_OPTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    id: str
    kind: SuggestionKind
    text: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class DraftQuestion:
    """A fact the letter needs and only the seller can give; `options` may be accepted instead."""

    id: str
    section: str  # incident | root_cause | actions | prevention | answers | evidence
    text: str
    options: list[Suggestion] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "text": self.text,
            "options": [o.to_json() for o in self.options],
        }


def allowed(text: str, case: Case) -> bool:
    """False when the text affirms something the seller said did not happen."""
    return not (affirmed_concepts(text) & case.negated_concepts)


def cause_options(playbook: PlaybookMeta, case: Case, text: str) -> list[PlaybookRootCause]:
    """The playbook causes closest to the seller's text that their facts do not contradict."""
    ranked = [r.cause for r in rank_root_causes(playbook, text)]
    return [c for c in ranked if allowed(f"{c.title}. {c.statement}", case)][:MAX_CAUSE_OPTIONS]


def cause_suggestion(cause: PlaybookRootCause) -> Suggestion:
    return Suggestion(cause.id, "cause", cause.statement.strip())


def action_suggestions(cause: PlaybookRootCause, case: Case) -> list[Suggestion]:
    return [
        Suggestion(f"{cause.id}.action.{i}", "action", text)
        for i, text in enumerate(cause.immediate_actions)
        if allowed(text, case)
    ]


def measure_suggestions(cause: PlaybookRootCause, case: Case) -> list[Suggestion]:
    return [
        Suggestion(f"{cause.id}.measure.{i}", "measure", m.action)
        for i, m in enumerate(cause.preventive_measures)
        if allowed(m.action, case)
    ]


def all_suggestions(playbook: PlaybookMeta, case: Case) -> dict[str, Suggestion]:
    """Every suggestion the playbook holds that the seller's facts allow, by id."""
    found: dict[str, Suggestion] = {}
    for cause in playbook.root_causes:
        if allowed(f"{cause.title}. {cause.statement}", case):
            found[cause.id] = cause_suggestion(cause)
        for suggestion in [*action_suggestions(cause, case), *measure_suggestions(cause, case)]:
            found[suggestion.id] = suggestion
    return found


def accepted_facts(suggestions: list[Suggestion]) -> list[Fact]:
    """Accepted suggestions as facts: the seller confirmed them, so a letter may state them."""
    return [
        Fact(
            id=f"accepted-{s.id}",
            kind=s.kind,
            text=s.text,
            source=FactSource(kind="accepted_suggestion", ref=s.id, quote=s.text),
        )
        for s in suggestions
    ]
