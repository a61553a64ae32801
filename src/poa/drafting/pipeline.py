"""Drafting, end to end: notice → case → (retrieval) → draft → guards → grounding → letter.

`draft_appeal` is what the CLI, the app and the eval runner call. The LLM drafter is used when
one is configured (or asked for); the offline drafter otherwise, and as the fallback when the
LLM fails or writes something unusable (one retry with the reasons first), which the result says.
Whichever drafter wrote it, every sentence is checked against the seller's facts; what the letter
still needs is returned as `questions`, never written into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from poa.core.config import Settings
from poa.core.errors import UserError
from poa.core.models import Appeal, Case, Fact, Notice, Scorecard
from poa.core.vocab import GATE_CRITERIA, LANGUAGES
from poa.drafting.boxes import FormBox, form_boxes
from poa.drafting.fact_check import ground_appeal, unusable_reasons
from poa.drafting.guards import apply_guards
from poa.drafting.offline import Composition, compose_offline, topic_text
from poa.drafting.playbook_causes import find_cause, rank_root_causes
from poa.drafting.render import render_markdown, render_text
from poa.drafting.suggestions import DraftQuestion, Suggestion, accepted_facts, all_suggestions
from poa.kb.documents import PlaybookMeta, no_playbook, playbook_for
from poa.reading.case import extract_case
from poa.reading.document_checklist import in_hand_facts
from poa.reading.notice import parse_notice
from poa.reading.violation_type import classify
from poa.scoring.grounding import Grounder, GroundingReport
from poa.scoring.rubric import score_appeal


@dataclass
class DraftResult:
    backend: str
    notice: Notice
    case: Case
    violation_type: str
    appeal: Appeal
    letter: str
    markdown: str
    notes: list[str] = field(default_factory=list)
    root_cause_options: list[dict[str, Any]] = field(default_factory=list)
    fallback: str | None = None
    prompt_tokens: int | None = None
    scorecard: Scorecard | None = None
    questions: list[DraftQuestion] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    grounding: GroundingReport = field(default_factory=GroundingReport)
    box_limit: int = 2000  # Settings.box_char_limit

    @property
    def boxes(self) -> list[FormBox]:
        """The same appeal cut into the boxes of Amazon's form."""
        return form_boxes(self.appeal, self.box_limit)

    @property
    def question_texts(self) -> list[str]:
        return [q.text for q in self.questions]

    def template(self) -> str:
        """The letter with each open question in brackets in its section, to fill in by hand."""
        by_section: dict[str, list[str]] = {}
        for question in self.questions:
            by_section.setdefault(question.section, []).append(question.text)
        return render_text(self.appeal, by_section)

    def to_json(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "notice": self.notice.to_json(),
            "appeal": self.appeal.model_dump(),
            "letter": self.letter,
            "boxes": [box.to_json() for box in self.boxes],
            "scorecard": self.scorecard.to_json() if self.scorecard else None,
            "violation_type": self.violation_type,
            "questions": [q.to_json() for q in self.questions],
            "suggestions": [s.to_json() for s in self.suggestions],
            "accepted": self.accepted,
            "provenance": self.grounding.provenance(),
            "set_aside": self.case.set_aside,
            "notes": self.notes,
            "root_cause_options": self.root_cause_options,
            "fallback": self.fallback,
            "prompt_tokens": self.prompt_tokens,
        }


def resolve_violation_type(notice: Notice, case: Case, store: Any = None) -> str:
    """The notice's type; when the notice does not tell (a bare rejection), the story decides."""
    if notice.violation_type != "other" and notice.confidence >= 0.3:
        return notice.violation_type
    guess, confidence = classify(f"{notice.text}\n{case.source_text()}", store)
    return guess if confidence > 0 else notice.violation_type


def choose_backend(settings: Settings, requested: str) -> str:
    if requested == "offline" or (requested == "auto" and not settings.llm_configured):
        return "offline"
    if not (settings.openai_api_key or settings.openai_base_url):
        raise UserError(
            "No LLM is configured: set OPENAI_API_KEY (or OPENAI_BASE_URL), or use --backend offline."
        )
    return "openai"


def root_cause_options(playbook: PlaybookMeta, case: Case, text: str) -> list[dict[str, Any]]:
    """The playbook causes ranked against the seller's text, those their facts contradict left out."""
    from poa.drafting.suggestions import allowed

    return [
        {
            "id": r.cause.id,
            "title": r.cause.title,
            "score": round(r.score, 3),
            "signals": list(r.signals),
        }
        for r in rank_root_causes(playbook, text)
        if allowed(f"{r.cause.title}. {r.cause.statement}", case)
    ]


def _resolve_choices(
    playbook: PlaybookMeta | None,
    root_cause: str | None,
    accept: list[str],
    answers: dict[str, str],
) -> tuple[list[str], dict[str, str]]:
    """`--root-cause` naming a playbook cause is an accepted suggestion; other text is the seller's
    own words for the cause, as if answered in the interview."""
    accept = list(dict.fromkeys(accept))
    if root_cause:
        named = find_cause(playbook, root_cause) if playbook else None
        if named:
            accept.insert(0, named.id)
        else:
            answers = {**answers, "root_cause": root_cause}
    return accept, answers


def _accepted(playbook: PlaybookMeta | None, case: Case, accept: list[str]) -> list[Suggestion]:
    offered = all_suggestions(playbook, case) if playbook else {}
    unknown = [i for i in accept if i not in offered]
    if unknown:
        raise UserError(
            f"Unknown or contradicted suggestion {', '.join(unknown)}: accept an id listed under"
            " `suggestions` by `poa draft --json` (a suggestion your facts contradict is not offered)."
        )
    return [offered[i] for i in accept]


def _offer(composition: Composition) -> list[Suggestion]:
    return list({o.id: o for q in composition.questions for o in q.options}.values())


def draft_appeal(
    notice_text: str,
    story: str,
    settings: Settings,
    *,
    backend: str = "auto",
    root_cause: str | None = None,
    language: str = "en",
    answers: dict[str, str] | None = None,
    accept: list[str] | None = None,
    exclude: list[str] | None = None,
    store: Any = None,
    chat_model: Any = None,
    violation_type: str | None = None,
    sign_off: list[str] | None = None,
    documents_in_hand: list[str] | None = None,
) -> DraftResult:
    """Draft an appeal. `chat_model` (a LangChain chat model) overrides the configured LLM;
    `accept` lists suggestion ids the seller confirmed, `exclude` the fact ids and playbook cause
    ids the seller said are wrong; `violation_type` is the seller's correction of the type;
    `sign_off` the letter's last lines (storage.profile: "Regards," and the seller's names);
    `documents_in_hand` the requested documents (ids) the seller ticked as held."""
    if language not in LANGUAGES:
        raise UserError(f"Unknown language {language!r}; choose from {', '.join(LANGUAGES)}.")
    if not notice_text.strip() and not story.strip():
        raise UserError("Give the notice text or describe what happened.")
    chosen = "openai" if chat_model is not None else choose_backend(settings, backend)
    if chosen == "offline" and language != "en":
        raise UserError(
            "The offline drafter writes English only; configure an LLM for other languages."
        )
    notice = parse_notice(notice_text, store)
    case = extract_case(story, answers)
    if violation_type:
        notice = notice.model_copy(
            update={"violation_type": violation_type, "type_chosen_by_seller": True}
        )
    else:
        violation_type = resolve_violation_type(notice, case, store)
    # no playbook (type "other"): the letter comes from the seller's facts, with nothing to offer
    playbook = playbook_for(settings.knowledge_dir, violation_type) or no_playbook(violation_type)
    declined = set(exclude or [])
    if declined:
        playbook = playbook.model_copy(
            update={"root_causes": [c for c in playbook.root_causes if c.id not in declined]}
        )
    accept_ids, all_answers = _resolve_choices(playbook, root_cause, accept or [], answers or {})
    if all_answers != (answers or {}):
        case = extract_case(story, all_answers)
    if declined:
        case = case.model_copy(update={"facts": [f for f in case.facts if f.id not in declined]})
    if documents_in_hand:
        held = in_hand_facts(documents_in_hand, case.source_text())
        case = case.model_copy(update={"facts": [*case.facts, *held]})
    accepted = _accepted(playbook, case, accept_ids)
    confirmed = accepted_facts(accepted)
    grounder = Grounder(case, notice, confirmed)
    composition = compose_offline(notice, case, playbook, violation_type, accepted)
    options = root_cause_options(
        playbook, case, topic_text(case, notice.topics[0] if notice.topics else None)
    )
    fallback = prompt_tokens = None
    appeal: Appeal | None = None
    notes: list[str] = []
    report = GroundingReport()
    if chosen == "openai":
        attempt = _llm_draft(
            notice,
            case,
            violation_type,
            settings,
            store=store,
            chat_model=chat_model,
            language=language,
            confirmed=confirmed,
            grounder=grounder,
            offline_gates=_gates_passed(
                apply_guards(composition.appeal)[0], notice, case, settings
            ),
        )
        appeal, report, notes = attempt.appeal, attempt.report, attempt.notes
        fallback, prompt_tokens = attempt.fallback, attempt.tokens
        if fallback:
            chosen = "offline"
    if appeal is None:
        guarded, notes = apply_guards(composition.appeal)
        appeal, report, grounding_notes = ground_appeal(guarded, grounder, trust=True)
        notes += grounding_notes
    if case.set_aside:
        notes.append(
            f"{len(case.set_aside)} sentence(s) of your text read as instructions to the AI and were"
            " not used as facts: “" + case.set_aside[0][:120] + "”."
        )
    if sign_off:
        appeal = appeal.model_copy(update={"sign_off": sign_off})
    letter = render_text(appeal)
    scorecard = score_appeal(
        letter,
        notice=notice,
        story=case.source_text(),
        char_limit=settings.char_limit,
        case=case,
        extra_facts=confirmed,
    )
    return DraftResult(
        backend=chosen,
        notice=notice,
        case=case,
        violation_type=violation_type,
        appeal=appeal,
        letter=letter,
        markdown=render_markdown(appeal),
        notes=notes,
        root_cause_options=options,
        fallback=fallback,
        prompt_tokens=prompt_tokens,
        scorecard=scorecard,
        questions=composition.questions,
        suggestions=_offer(composition),
        accepted=accept_ids,
        grounding=report,
        box_limit=settings.box_char_limit,
    )


@dataclass
class _LLMAttempt:
    """What the LLM path produced: a grounded appeal, or None and the reason for the fallback."""

    appeal: Appeal | None
    report: GroundingReport = field(default_factory=GroundingReport)
    notes: list[str] = field(default_factory=list)
    fallback: str | None = None
    tokens: int | None = None


def _llm_draft(
    notice: Notice,
    case: Case,
    violation_type: str,
    settings: Settings,
    *,
    store: Any,
    chat_model: Any,
    language: str,
    confirmed: list[Fact],
    grounder: Grounder,
    offline_gates: set[str],
) -> _LLMAttempt:
    """The LLM's draft, guarded and grounded; one retry with the reasons when it is unusable,
    then None and the reason, so the offline draft is used instead."""
    from poa.drafting.llm import draft_with_llm
    from poa.llm.client import LLMError

    reasons: list[str] = []
    tokens = None
    for _attempt in range(2):
        try:
            raw, tokens = draft_with_llm(
                notice,
                case,
                violation_type,
                settings,
                store=store,
                chat_model=chat_model,
                language=language,
                accepted=confirmed,
                retry_reasons=reasons or None,
            )
        except LLMError as error:
            return _LLMAttempt(None, fallback=str(error), tokens=tokens)
        guarded, notes = apply_guards(raw)
        grounded, report, grounding_notes = ground_appeal(guarded, grounder, trust=False)
        reasons = unusable_reasons(raw, grounded, report, case)
        if grounded.language == "en":  # the rubric reads English only
            lost = offline_gates - _gates_passed(grounded, notice, case, settings)
            reasons += [f"it fails the {name.replace('_', ' ')} check" for name in sorted(lost)]
        if not reasons:
            return _LLMAttempt(grounded, report, notes + grounding_notes, None, tokens)
    why = "; ".join(reasons)
    return _LLMAttempt(
        None,
        fallback=f"The AI draft could not be used ({why}); this is the offline draft, written only from your facts.",
        tokens=tokens,
    )


def _gates_passed(appeal: Appeal, notice: Notice, case: Case, settings: Settings) -> set[str]:
    """The gate criteria a letter passes (an LLM draft may not lose one the offline draft has)."""
    card = score_appeal(
        render_text(appeal),
        notice=notice,
        story=case.source_text(),
        char_limit=settings.char_limit,
        case=case,
    )
    return {name for name in GATE_CRITERIA if card.criteria[name].passed}


def shorten(result: DraftResult, settings: Settings) -> DraftResult:
    """A shorter letter: suggested (unconfirmed) actions and all but three documents left out."""
    appeal: Appeal = result.appeal
    plans = [
        plan.model_copy(
            update={
                "immediate_actions": [a for a in plan.immediate_actions if a.confirmed]
                or plan.immediate_actions[:1]
            }
        )
        for plan in appeal.plans()
    ]
    first, *others = plans
    shorter = appeal.model_copy(
        update={
            "immediate_actions": first.immediate_actions,
            "additional_topics": others,
            "evidence": appeal.evidence[:3],
        }
    )
    letter = render_text(shorter)
    card = score_appeal(
        letter,
        notice=result.notice,
        story=result.case.source_text(),
        char_limit=settings.char_limit,
    )
    result.appeal, result.letter, result.markdown, result.scorecard = (
        shorter,
        letter,
        render_markdown(shorter),
        card,
    )
    return result
