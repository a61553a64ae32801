"""Revision after a rejection, end to end: gap analysis → revised appeal → guards → scorecard → diff.

With an LLM the revision is written by the model (`revision.llm`); offline it is rebuilt from the
previous appeal, the seller's story and the playbook (`revision.offline`). A unified diff and a
short list of what changed and why come with it (`revision.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from poa.core.config import Settings
from poa.core.models import Appeal, Scorecard
from poa.drafting.guards import apply_guards
from poa.drafting.render import render_text
from poa.kb.documents import playbook_for
from poa.revision.changes import describe_changes, unified_diff
from poa.revision.gaps import GapAnalysis, analyse
from poa.revision.offline import revise_offline, revision_case
from poa.scoring.rubric import score_appeal


@dataclass
class RevisionResult:
    analysis: GapAnalysis
    backend: str
    appeal: Appeal
    letter: str
    diff: str
    changes: list[str]
    scorecard: Scorecard
    notes: list[str] = field(default_factory=list)
    confirm_root_cause: list[str] = field(
        default_factory=list
    )  # candidates when the facts do not settle it
    fallback: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "gaps": self.analysis.to_json()["gaps"],
            "reasons": self.analysis.reasons,
            "appeal": self.appeal.model_dump(),
            "letter": self.letter,
            "diff": self.diff,
            "changes": self.changes,
            "scorecard": self.scorecard.to_json(),
            "previous_scorecard": self.analysis.scorecard.to_json(),
            "backend": self.backend,
            "language": self.analysis.language,
            "confirm_root_cause": self.confirm_root_cause,
            "notes": self.notes,
            "fallback": self.fallback,
        }


def revise(
    previous: str,
    rejection_text: str,
    settings: Settings,
    *,
    story: str = "",
    original_notice: str = "",
    backend: str = "auto",
    root_cause: str | None = None,
    store: Any = None,
    chat_model: Any = None,
) -> RevisionResult:
    """Gap analysis, revised appeal (LLM or offline), guards, scorecard, diff and change list."""
    from poa.drafting.pipeline import choose_backend

    analysis = analyse(
        previous,
        rejection_text,
        story=story,
        original_notice=original_notice,
        store=store,
        char_limit=settings.char_limit,
    )
    chosen = "openai" if chat_model is not None else choose_backend(settings, backend)
    case = revision_case(previous, story, analysis.language)
    playbook = playbook_for(settings.knowledge_dir, analysis.violation_type)
    confirm: list[str] = []
    appeal, fallback = None, None
    if chosen == "openai":
        from poa.llm.client import LLMError
        from poa.revision.llm import revise_with_llm

        try:
            appeal = revise_with_llm(
                previous,
                analysis,
                case,
                settings,
                store=store,
                chat_model=chat_model,
                root_cause=root_cause,
            )
        except LLMError as error:
            fallback, chosen = str(error), "offline"
    if appeal is None:
        appeal, confirm = revise_offline(previous, analysis, story, case, playbook, root_cause)
    sources = "\n".join([original_notice, rejection_text, previous, story])
    appeal, notes = apply_guards(appeal, sources)
    letter = render_text(appeal)
    facts = "\n".join(
        [original_notice, story, previous]
    )  # the seller's own earlier letter counts as their facts
    after = score_appeal(
        letter, notice=analysis.rejection, story=facts, char_limit=settings.char_limit
    )
    return RevisionResult(
        analysis=analysis,
        backend=chosen,
        appeal=appeal,
        letter=letter,
        diff=unified_diff(previous, letter),
        changes=describe_changes(analysis, after, appeal, confirm),
        scorecard=after,
        notes=notes,
        confirm_root_cause=confirm,
        fallback=fallback,
    )
