"""The LLM reviser: a revised appeal written by the model from the gap analysis (one call)."""

from __future__ import annotations

from typing import Any

from poa.core.config import Settings
from poa.core.models import Appeal, Case
from poa.drafting.messages import fact_list
from poa.llm.client import make_chat_model, structured_call
from poa.llm.prompt_files import load_prompt
from poa.llm.request import build_request
from poa.text.plain import map_strings


def revise_with_llm(
    previous: str,
    analysis: Any,
    case: Case,
    settings: Settings,
    *,
    store: Any = None,
    chat_model: Any = None,
    root_cause: str | None = None,
) -> Appeal:
    """A revised appeal written by the LLM from the gap analysis (one call, redacted inputs)."""
    gaps = "\n".join(
        f"- [{g.status}] ({g.item.kind}) {g.item.text}" + (f" — {g.why}" if g.why else "")
        for g in analysis.gaps
    )
    instruction = (
        f"The seller confirmed this root cause; state it precisely: {root_cause}"
        if root_cause
        else "Keep the one root cause the seller's facts support."
    )
    system = load_prompt(settings.prompts_dir, "revise_system.md").render(
        char_limit=settings.char_limit
    )
    user = load_prompt(settings.prompts_dir, "revise_user.md").render(
        rejection=analysis.rejection.text,
        gaps=gaps or "(the rejection lists nothing specific)",
        reasons="\n".join(f"- {r}" for r in analysis.reasons) or "(none found)",
        previous=previous,
        case_facts=fact_list(case, []) or "(no further facts given)",
        root_cause_instruction=instruction,
    )
    request = build_request(system, user)  # the rejection's items and reasons are redacted too
    appeal = structured_call(chat_model or make_chat_model(settings), request, Appeal, settings)
    restored = map_strings(appeal.model_dump(), request.restore)
    restored |= {"violation_type": analysis.violation_type, "language": "en"}
    return Appeal.model_validate(restored)
