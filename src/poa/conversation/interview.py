"""The interview: what the appeal still needs from the seller, most important first, never twice."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from poa.conversation.state import ChatState, Question, Reply
from poa.core.config import Settings
from poa.core.models import Case
from poa.kb.documents import playbook_for
from poa.reading.notice import parse_notice
from poa.reading.statements import concept_mentions
from poa.scoring.coverage import needed_terms


def missing_questions(
    state: ChatState, case: Case, violation_type: str, settings: Settings
) -> list[Question]:
    """What the appeal still needs from the seller, most important first (never asked twice,
    never asked when the case's facts already hold it: "no third party" answers every
    third-party question)."""
    notice = parse_notice(state.notice) if state.notice else None
    told = case.source_text()
    questions: list[Question] = []
    account = " ".join(f.text for f in case.facts_of("incident", "cause"))
    if len(account.split()) < 8:
        questions.append(
            Question(
                "what_happened",
                "What happened, in your own words? Who sent, listed or shipped what, and on which order?",
            )
        )
    dated = case.incident_dates or any(f.date for f in case.facts)
    if not dated and not re.search(r"\b(?:19|20)\d{2}\b", told):
        questions.append(
            Question("when", "When did it happen? Give the date (or the month) it started.")
        )
    if not case.roles and not re.search(r"\b(?:i|we)\b", told, re.IGNORECASE):
        questions.append(
            Question("who", "Who did it: you, an employee (which role), a freelancer or an agency?")
        )
    if (
        notice
        and not notice.order_ids
        and not notice.asins
        and not case.order_ids
        and not case.asins
    ):
        questions.append(
            Question("orders", "Which orders or ASINs were involved? If none, say so.")
        )
    if not case.actions_taken:
        questions.append(
            Question("actions", "What have you already done to fix it, and on which dates?")
        )
    elif any(a.date is None for a in case.actions_taken):
        undated = "; ".join(a.text.rstrip(".") for a in case.actions_taken if a.date is None)[:200]
        questions.append(Question("action_dates", f"On which dates did you do these: {undated}?"))
    if notice:
        denied = case.negated_concepts
        for index, item in enumerate(notice.required_items):
            if item.kind not in ("disclosure", "documents") or answered(item.text, told):
                continue
            about = {concept for concept, _ in concept_mentions(item.text)}
            if about and about <= denied:
                continue  # the seller already said this did not happen
            questions.append(Question(f"item_{index}", item.text.rstrip(".") + "?"))
    playbook = playbook_for(settings.knowledge_dir, violation_type)
    chosen = (
        next((c for c in playbook.root_causes if c.id in state.accepted), None)
        if playbook
        else None
    )
    if chosen:  # a cause the seller picked needs its own details
        questions += [
            Question(f"cause_{chosen.id}_{i}", q) for i, q in enumerate(chosen.questions[:2])
        ]
    if not case.facts_of("measure"):
        questions.append(
            Question(
                "measures",
                "What do you do differently now, so this cannot happen again? Who does what, and how often?",
            )
        )
    elif not case.measures_start:
        questions.append(
            Question(
                "measures_start",
                "From which date do your new checks and rules apply (or will they)?",
            )
        )
    return [q for q in questions if q.id not in state.asked]


def answered(request: str, told: str) -> bool:
    terms = needed_terms(request, "disclosure") + needed_terms(request, "documents")
    return bool(terms) and all(re.search(t, told, re.IGNORECASE) for t in terms)


def word_questions(
    model: Any,
    settings: Settings,
    *,
    notice: str,
    facts: str,
    questions: list[Question],
    intro: str,
    on_token: Callable[[str], None] | None = None,
) -> Reply | None:
    """The questions worded by the LLM in a short, friendly turn (streamed); None when it said nothing.

    When the service fails, the interview carries on with our own wording and says why.
    """
    from poa.llm.client import LLMError, stream_call
    from poa.llm.prompt_files import load_prompt
    from poa.llm.request import build_request

    prompt = load_prompt(settings.prompts_dir, "interview.md").render(
        notice=notice or "(not given yet)",
        facts=facts or "(nothing yet)",
        questions="\n".join(f"- {q.text}" for q in questions),
        intro=intro or "(none)",
    )
    chunks: list[str] = []

    def take(token: str) -> None:
        chunks.append(token)
        if on_token:
            on_token(token)

    try:  # the questions quote the story: the whole request is redacted
        text = stream_call(model, build_request(prompt, "Write your next message."), settings, take)
    except LLMError as error:  # the interview carries on with our own wording
        message = str(error)
        return Reply(
            f"{intro}\n\n(The AI service is unavailable: {message})\n\n"
            + "\n".join(f"{i}. {q.text}" for i, q in enumerate(questions, 1)),
            "questions",
        )
    return Reply(text, "questions", iter(chunks)) if text else None
