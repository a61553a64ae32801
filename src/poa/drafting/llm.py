"""The LLM drafter: the appeal written by the model, as structured output into `Appeal`.

The prompt is built by `drafting.messages` (within the token budget, redacted); the call goes
through the one LLM client (`poa.llm.client`); personal data the model saw as placeholders is
put back afterwards.
"""

from __future__ import annotations

from typing import Any

from poa.core.config import Settings
from poa.core.models import Appeal, Case, Fact, Notice
from poa.core.vocab import LANGUAGES
from poa.drafting.messages import build_messages
from poa.llm.client import make_chat_model, structured_call
from poa.text.plain import map_strings


def draft_with_llm(
    notice: Notice,
    case: Case,
    violation_type: str,
    settings: Settings,
    *,
    store: Any = None,
    chat_model: Any = None,
    root_cause: str | None = None,
    language: str = "en",
    accepted: list[Fact] | None = None,
    retry_reasons: list[str] | None = None,
) -> tuple[Appeal, int]:
    """An appeal written by the LLM from redacted inputs and retrieved context; (appeal, prompt tokens)."""
    from poa.kb.retrieval import retrieve_context

    context = None
    if store is not None and store.count():
        query = f"{notice.text[:1500]}\n{case.story[:1500]}"
        context = retrieve_context(store, query, violation_type, policies=4, accepted=2, rejected=1)
    plan = build_messages(
        notice,
        case,
        violation_type,
        context,
        settings,
        language=LANGUAGES[language],
        root_cause=root_cause,
        accepted=accepted,
        retry_reasons=retry_reasons,
    )
    model = chat_model or make_chat_model(settings)
    appeal = structured_call(model, plan.request, Appeal, settings)
    # Personal data the model saw as placeholders goes back in; the language is what was asked.
    restored = map_strings(appeal.model_dump(), plan.request.restore)
    restored |= {"violation_type": violation_type, "language": language}
    return Appeal.model_validate(restored), plan.tokens
