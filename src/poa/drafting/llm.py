"""The LLM drafter: LangChain's ChatOpenAI with structured output into `Appeal`.

Works with OpenAI (OPENAI_API_KEY) and any OpenAI-compatible server (OPENAI_BASE_URL: Ollama,
vLLM, llama.cpp). Structured output tries `json_schema`, then `function_calling`, then JSON
mode, because local servers often lack the first two; the method that worked is remembered per
endpoint and model, so later drafts take one call. Retries of 429 and 5xx answers are the
OpenAI client's (POA_LLM_MAX_RETRIES); a timeout or a final failure becomes an `LLMError`
whose one-sentence message the caller shows, offering the offline draft instead.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from poa.config import Settings
from poa.drafting.prompt import PromptPlan, build_messages
from poa.errors import UserError
from poa.models import Appeal, Case, Notice, NoticeReading
from poa.prompts import load_prompt
from poa.redact import restore
from poa.text import map_strings

METHODS = ("json_schema", "function_calling", "json_mode")
_working_method: dict[tuple[str, str], str] = {}


class LLMError(UserError):
    """The LLM could not produce a draft; the message is one sentence for the seller."""


def make_chat_model(settings: Settings, **overrides: Any) -> Any:
    """ChatOpenAI for the configured endpoint; a key is optional for local servers."""
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    options: dict[str, Any] = {
        "model": settings.openai_model,
        "api_key": key,
        "timeout": settings.llm_timeout,
        "max_retries": settings.llm_max_retries,
        "temperature": 0.2,
    }
    if settings.openai_base_url:
        options["base_url"] = settings.openai_base_url
    return ChatOpenAI(**(options | overrides))


def backend_label(settings: Settings) -> str:
    if settings.openai_base_url:
        return f"{settings.openai_model} at {settings.openai_base_url}"
    return f"OpenAI {settings.openai_model}"


def _endpoint_key(chat_model: Any) -> tuple[str, str]:
    return (
        str(getattr(chat_model, "openai_api_base", "") or ""),
        str(getattr(chat_model, "model_name", "")),
    )


def _as_messages(plan: PromptPlan, extra_system: str | None = None) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    system = plan.messages[0][1] + (f"\n\n{extra_system}" if extra_system else "")
    return [SystemMessage(system), HumanMessage(plan.messages[1][1])]


def _is_unsupported(error: Exception) -> bool:
    """The server rejected this structured-output method (rather than failing for other reasons)."""
    import openai

    if isinstance(
        error, openai.BadRequestError | openai.UnprocessableEntityError | openai.NotFoundError
    ):
        return True
    from langchain_core.exceptions import OutputParserException

    return isinstance(
        error, OutputParserException | ValidationError | json.JSONDecodeError | KeyError | TypeError
    )


def llm_error(error: Exception, settings: Settings) -> LLMError:
    """One sentence for the seller, from whatever the OpenAI client raised."""
    import openai

    if isinstance(error, openai.APITimeoutError):
        return LLMError(
            f"The AI service did not answer within {settings.llm_timeout:g} s; use the offline draft or try again."
        )
    if isinstance(error, openai.AuthenticationError):
        return LLMError(
            "The AI service refused the API key (OPENAI_API_KEY); use the offline draft or fix the key."
        )
    if isinstance(error, openai.RateLimitError):
        return LLMError(
            "The AI service is rate-limiting requests; use the offline draft or try again in a minute."
        )
    if isinstance(error, openai.APIConnectionError):
        return LLMError(
            "The AI service could not be reached; use the offline draft or check OPENAI_BASE_URL."
        )
    if isinstance(error, openai.APIStatusError):
        return LLMError(
            f"The AI service answered with error {error.status_code}; use the offline draft or try again."
        )
    return LLMError(
        f"The AI service gave no usable draft ({type(error).__name__}); use the offline draft."
    )


def structured_call(chat_model: Any, plan: PromptPlan, schema: type, settings: Settings) -> Any:
    """One structured answer, falling back across methods the server does not support."""
    import openai

    key = _endpoint_key(chat_model)
    methods = [_working_method[key]] if key in _working_method else list(METHODS)
    last: Exception | None = None
    for method in methods:
        extra = None
        if method == "json_mode":
            schema_text = json.dumps(schema.model_json_schema(), indent=1)
            extra = load_prompt(settings.prompts_dir, "json_mode.md").render(schema=schema_text)
        try:
            runnable = chat_model.with_structured_output(schema, method=method)
            result = runnable.invoke(_as_messages(plan, extra))
            if isinstance(result, dict):
                result = schema.model_validate(result)
            if result is None:
                raise TypeError("empty structured output")
            _working_method[key] = method
            return result
        except (
            openai.APITimeoutError,
            openai.AuthenticationError,
            openai.RateLimitError,
            openai.APIConnectionError,
        ) as error:
            raise llm_error(error, settings) from error
        except Exception as error:  # the next method may work where this one did not
            if not _is_unsupported(error) and not isinstance(error, openai.InternalServerError):
                raise llm_error(error, settings) from error
            last = error
            _working_method.pop(key, None)
    raise llm_error(last or RuntimeError("no method"), settings)


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
) -> tuple[Appeal, int]:
    """An appeal written by the LLM from redacted inputs and retrieved context; (appeal, prompt tokens)."""
    from poa.draft import LANGUAGES
    from poa.retrieval import retrieve_context

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
    )
    model = chat_model or make_chat_model(settings)
    appeal = structured_call(model, plan, Appeal, settings)
    # Personal data the model saw as placeholders goes back in; the language is what was asked.
    mapping = plan.redaction.mapping if plan.redaction else {}
    restored = map_strings(appeal.model_dump(), lambda text: restore(text, mapping))
    restored |= {"violation_type": violation_type, "language": language}
    return Appeal.model_validate(restored), plan.tokens


def refine_notice(notice: Notice, settings: Settings, chat_model: Any = None) -> Notice:
    """The rule-based reading of a notice, completed by the LLM's (one call).

    Facts (order IDs, ASINs, dates, deadline) stay the parser's; the LLM may settle the type
    when the rules were unsure, and add requests and topics the rules missed.
    """
    from poa.drafting.prompt import PromptPlan
    from poa.semantic import lexical_overlap
    from poa.vocab import VIOLATION_TYPES

    system = load_prompt(settings.prompts_dir, "notice_system.md").render(
        violation_types=", ".join(VIOLATION_TYPES)
    )
    user = load_prompt(settings.prompts_dir, "notice_user.md").render(notice=notice.text)
    plan = PromptPlan(messages=[("system", system), ("user", user)], tokens=0)
    reading = structured_call(
        chat_model or make_chat_model(settings), plan, NoticeReading, settings
    )
    updates: dict[str, Any] = {}
    if notice.confidence < 0.5 and reading.violation_type != "other":
        updates |= {
            "violation_type": reading.violation_type,
            "confidence": max(notice.confidence, 0.6),
        }
    if not notice.notice_kind and reading.notice_kind:
        updates["notice_kind"] = reading.notice_kind
    if not notice.topics and len(reading.topics) >= 2:
        updates["topics"] = reading.topics

    def is_new(item: Any) -> bool:
        same_kind = [
            k for k in notice.required_items if k.kind == item.kind and k.topic == item.topic
        ]
        if item.kind in ("root_cause", "actions", "prevention"):
            return not same_kind
        return all(
            max(lexical_overlap(item.text, k.text), lexical_overlap(k.text, item.text)) < 0.6
            for k in same_kind
        )

    added = [item for item in reading.required_items if is_new(item)]
    if added:
        updates["required_items"] = [*notice.required_items, *added]
    return notice.model_copy(update=updates)


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
    from poa.drafting.prompt import PromptPlan
    from poa.redact import redact

    gaps = "\n".join(
        f"- [{g.status}] ({g.item.kind}) {g.item.text}" + (f" — {g.why}" if g.why else "")
        for g in analysis.gaps
    )
    redaction = redact("\u0000".join([analysis.rejection.text, previous, case.source_text()]))
    rejection_text, previous_text, facts = redaction.text.split("\u0000")
    instruction = (
        f"The seller confirmed this root cause; state it precisely: {root_cause}"
        if root_cause
        else "Keep the one root cause the seller's facts support."
    )
    system = load_prompt(settings.prompts_dir, "revise_system.md").render(
        char_limit=settings.char_limit
    )
    user = load_prompt(settings.prompts_dir, "revise_user.md").render(
        rejection=rejection_text,
        gaps=gaps or "(the rejection lists nothing specific)",
        reasons="\n".join(f"- {r}" for r in analysis.reasons) or "(none found)",
        previous=previous_text,
        case_facts=facts or "(no further facts given)",
        root_cause_instruction=instruction,
    )
    plan = PromptPlan(messages=[("system", system), ("user", user)], tokens=0, redaction=redaction)
    appeal = structured_call(chat_model or make_chat_model(settings), plan, Appeal, settings)
    restored = map_strings(appeal.model_dump(), lambda text: restore(text, redaction.mapping))
    restored |= {"violation_type": analysis.violation_type, "language": "en"}
    return Appeal.model_validate(restored)
