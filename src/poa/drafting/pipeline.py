"""Drafting, end to end: notice → case → (retrieval) → draft → guards → letter.

`draft_appeal` is what the CLI, the app and the eval runner call. The LLM drafter is used when
one is configured (or asked for); the offline drafter otherwise, and as the fallback when the
LLM fails, which the result says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from poa.core.config import Settings
from poa.core.errors import UserError
from poa.core.models import Appeal, Case, Notice, Scorecard
from poa.core.vocab import LANGUAGES
from poa.drafting.guards import apply_guards
from poa.drafting.offline import compose_offline, topic_text
from poa.drafting.playbook_causes import rank_root_causes
from poa.drafting.render import render_markdown, render_text
from poa.kb.documents import PlaybookMeta, playbook_for
from poa.reading.case import extract_case
from poa.reading.notice import parse_notice
from poa.reading.violation_type import classify
from poa.scoring.rubric import score_appeal

_ASK = re.compile(
    r"\[[^\]]*(?:\?|Please answer|Add the date|Confirm you did|start date|Describe)[^\]]*\]"
)


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

    @property
    def questions(self) -> list[str]:
        """The bracketed questions left in the letter: facts only the seller can give."""
        return list(dict.fromkeys(_ASK.findall(self.letter)))

    def to_json(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "notice": self.notice.to_json(),
            "appeal": self.appeal.model_dump(),
            "letter": self.letter,
            "scorecard": self.scorecard.to_json() if self.scorecard else None,
            "violation_type": self.violation_type,
            "questions": self.questions,
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


def root_cause_options(playbook: PlaybookMeta, text: str) -> list[dict[str, Any]]:
    return [
        {
            "id": r.cause.id,
            "title": r.cause.title,
            "score": round(r.score, 3),
            "signals": list(r.signals),
        }
        for r in rank_root_causes(playbook, text)
    ]


def draft_appeal(
    notice_text: str,
    story: str,
    settings: Settings,
    *,
    backend: str = "auto",
    root_cause: str | None = None,
    language: str = "en",
    answers: dict[str, str] | None = None,
    store: Any = None,
    chat_model: Any = None,
) -> DraftResult:
    """Draft an appeal. `chat_model` (a LangChain chat model) overrides the configured LLM."""
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
    violation_type = resolve_violation_type(notice, case, store)
    playbook = playbook_for(settings.knowledge_dir, violation_type)
    options = (
        root_cause_options(playbook, topic_text(case, notice.topics[0] if notice.topics else None))
        if playbook
        else []
    )
    sources = f"{notice.text}\n{case.source_text()}"
    fallback = None
    prompt_tokens = None
    appeal = None
    if chosen == "openai":
        from poa.drafting.llm import draft_with_llm
        from poa.llm.client import LLMError

        try:
            appeal, prompt_tokens = draft_with_llm(
                notice,
                case,
                violation_type,
                settings,
                store=store,
                chat_model=chat_model,
                root_cause=root_cause,
                language=language,
            )
        except LLMError as error:
            fallback = str(error)
            chosen = "offline"
    if appeal is None:
        if playbook is None:
            raise UserError(
                f"No playbook for violation type {violation_type!r}; run with a clearer notice."
            )
        appeal = compose_offline(notice, case, playbook, violation_type, root_cause)
    appeal, notes = apply_guards(appeal, sources)
    letter = render_text(appeal)
    scorecard = score_appeal(
        letter, notice=notice, story=case.source_text(), char_limit=settings.char_limit
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
    )


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
