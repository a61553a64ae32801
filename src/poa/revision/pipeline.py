"""Revision after a rejection, end to end: gap analysis → revised appeal → guards → grounding →
scorecard → diff.

With an LLM the revision is written by the model (`revision.llm`); offline it is rebuilt from the
previous appeal, the seller's story and the playbook (`revision.offline`). A unified diff and a
short list of what changed and why come with it (`revision.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from poa.core.config import Settings
from poa.core.models import Appeal, Scorecard
from poa.drafting.fact_check import ground_appeal
from poa.drafting.guards import apply_guards
from poa.drafting.render import render_text
from poa.drafting.suggestions import DraftQuestion, accepted_facts
from poa.kb.documents import no_playbook, playbook_for
from poa.reading.document_checklist import in_hand_facts
from poa.reading.notice import parse_notice
from poa.revision.changes import describe_changes, unified_diff
from poa.revision.gaps import GapAnalysis, analyse
from poa.revision.offline import revise_offline, revision_case
from poa.scoring.grounding import Grounder, GroundingReport
from poa.scoring.rubric import score_appeal
from poa.scoring.segment import segment


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
    questions: list[DraftQuestion] = field(default_factory=list)
    grounding: GroundingReport = field(default_factory=GroundingReport)

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
            "questions": [q.to_json() for q in self.questions],
            "provenance": self.grounding.provenance(),
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
    accept: list[str] | None = None,
    store: Any = None,
    chat_model: Any = None,
    sign_off: list[str] | None = None,
    documents_in_hand: list[str] | None = None,
) -> RevisionResult:
    """Gap analysis, revised appeal (LLM or offline), guards, grounding, scorecard, diff, changes."""
    from poa.drafting.pipeline import _accepted, _resolve_choices, choose_backend

    analysis = analyse(
        previous,
        rejection_text,
        story=story,
        original_notice=original_notice,
        store=store,
        char_limit=settings.char_limit,
    )
    chosen = "openai" if chat_model is not None else choose_backend(settings, backend)
    playbook = playbook_for(settings.knowledge_dir, analysis.violation_type) or no_playbook(
        analysis.violation_type
    )
    accept_ids, answers = _resolve_choices(playbook, root_cause, accept or [], {})
    if answers.get("root_cause"):
        story = f"{story}\n{answers['root_cause']}".strip()  # the seller's own words for the cause
    case, confirm = revision_case(previous, story, analysis.language, playbook)
    if documents_in_hand:  # ticked in the app's document checklist: the seller holds them
        held = in_hand_facts(documents_in_hand, case.source_text())
        case = case.model_copy(update={"facts": [*case.facts, *held]})
    accepted = _accepted(playbook, case, accept_ids)
    confirmed = accepted_facts(accepted)
    if accepted or (case.facts_of("cause") and root_cause):
        confirm = []
    original = parse_notice(original_notice, store) if original_notice.strip() else None
    grounder = Grounder(case, original or analysis.rejection, confirmed)
    issue = " ".join(segment(previous).sentences("issue"))
    about = (original_notice or issue or previous)[:1500]
    composition = revise_offline(analysis, case, playbook, accepted, about=about)
    appeal, fallback, notes = None, None, []
    if chosen == "openai":
        from poa.drafting.fact_check import unusable_reasons
        from poa.llm.client import LLMError
        from poa.revision.llm import revise_with_llm

        try:
            raw = revise_with_llm(
                previous,
                analysis,
                case,
                settings,
                store=store,
                chat_model=chat_model,
                root_cause=root_cause,
            )
            guarded, notes = apply_guards(raw)
            appeal, report, grounding_notes = ground_appeal(guarded, grounder, trust=False)
            reasons = unusable_reasons(raw, appeal, report, case)
            if reasons:
                appeal, fallback = (
                    None,
                    "The AI revision could not be used (" + "; ".join(reasons) + ").",
                )
            else:
                notes += grounding_notes
        except LLMError as error:
            fallback = str(error)
        if appeal is None:
            chosen = "offline"
    if appeal is None:
        guarded, notes = apply_guards(composition.appeal)
        appeal, report, grounding_notes = ground_appeal(guarded, grounder, trust=True)
        notes += grounding_notes
    if sign_off:
        appeal = appeal.model_copy(update={"sign_off": sign_off})
    letter = render_text(appeal)
    after = score_appeal(
        letter,
        notice=analysis.rejection,
        story=case.source_text(),
        char_limit=settings.char_limit,
        case=case,
        extra_facts=confirmed,
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
        questions=composition.questions,
        grounding=report,
    )
