"""The one LLM client: LangChain's ChatOpenAI, structured output, and errors in one sentence.

Works with OpenAI (OPENAI_API_KEY) and any OpenAI-compatible server (OPENAI_BASE_URL: Ollama,
vLLM, llama.cpp). Structured output tries `json_schema`, then `function_calling`, then JSON
mode, because local servers often lack the first two; the method that worked is remembered per
endpoint and model, so later calls take one request. Retries of 429 and 5xx answers are the
OpenAI client's (POA_LLM_MAX_RETRIES); a timeout or a final failure becomes an `LLMError`
whose one-sentence message the caller shows, offering the offline result instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from poa.core.config import Settings
from poa.core.errors import UserError
from poa.llm.prompt_files import load_prompt
from poa.llm.request import LLMRequest


@dataclass
class PromptPlan:
    """A drafting request, its size, and what retrieved context was kept or dropped."""

    request: LLMRequest
    tokens: int
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)

    @property
    def messages(self) -> tuple[tuple[str, str], ...]:
        return self.request.messages


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


def _as_messages(request: LLMRequest, extra_system: str | None = None) -> list[Any]:
    """LangChain messages from a redacted request; nothing else is ever sent."""
    from langchain_core.messages import HumanMessage, SystemMessage

    if not isinstance(request, LLMRequest):
        raise TypeError("the LLM client sends only requests built by poa.llm.request")
    # extra_system is our own JSON-mode instruction (a prompt file), never seller text.
    system = request.system + (f"\n\n{extra_system}" if extra_system else "")
    return [SystemMessage(system), HumanMessage(request.user)]


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


def structured_call(chat_model: Any, request: LLMRequest, schema: type, settings: Settings) -> Any:
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
            result = runnable.invoke(_as_messages(request, extra))
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


def text_call(chat_model: Any, request: LLMRequest, settings: Settings) -> str:
    """The model's plain-text answer, with personal data put back; errors in one sentence."""
    try:
        answer = chat_model.invoke(_as_messages(request))
    except Exception as error:  # the OpenAI client's errors become one sentence
        raise llm_error(error, settings) from error
    return request.restore(str(answer.content)).strip()


def stream_call(
    chat_model: Any, request: LLMRequest, settings: Settings, on_token: Any = None
) -> str:
    """The model's answer streamed token by token to `on_token`; the whole text, restored."""
    chunks: list[str] = []
    try:
        for chunk in chat_model.stream(_as_messages(request)):
            chunks.append(str(chunk.content))
            if on_token:
                on_token(chunks[-1])
    except LLMError:
        raise
    except Exception as error:  # the OpenAI client's errors become one sentence
        raise llm_error(error, settings) from error
    return request.restore("".join(chunks)).strip()
