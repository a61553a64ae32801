"""The one LLM client through the real ChatOpenAI against a local Chat Completions server: structured
output and its fallbacks, retries, timeouts and refused keys, seen through drafting."""

import json

import pytest
from support.fake_openai import completion, tool_call
from support.llm_cases import APPEAL, FAST_RETRY, NOTICE, SCHEMA_UNSUPPORTED, STORY, llm_settings

from poa.drafting.pipeline import draft_appeal


def test_falls_back_to_function_calling_then_remembers(openai_server):
    openai_server.enqueue_error(400, SCHEMA_UNSUPPORTED)
    openai_server.enqueue(completion(None, [tool_call("Appeal", APPEAL)]))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "openai"
    assert "tools" in openai_server.requests[1]["body"]
    openai_server.enqueue(completion(None, [tool_call("Appeal", APPEAL)]))
    draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert len(openai_server.requests) == 3  # one call: the working method was remembered
    assert "tools" in openai_server.requests[2]["body"]


def test_falls_back_to_json_mode(openai_server):
    openai_server.enqueue_error(400, SCHEMA_UNSUPPORTED)
    openai_server.enqueue_error(400, "tools are not supported")
    openai_server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "openai"
    assert openai_server.requests[2]["body"]["response_format"] == {"type": "json_object"}
    assert "JSON schema" in json.dumps(openai_server.requests[2]["body"]["messages"])


@pytest.mark.parametrize("status", [429, 500])
def test_rate_limits_and_server_errors_are_retried(openai_server, status):
    openai_server.enqueue_error(status, "slow down", headers=FAST_RETRY)
    openai_server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "openai"
    assert len(openai_server.requests) == 2


def test_a_timeout_becomes_a_clear_error_and_the_offline_draft(openai_server, indexed_settings):
    openai_server.enqueue(completion(json.dumps(APPEAL)), delay=3)
    settings = llm_settings(
        openai_server,
        POA_LLM_TIMEOUT=0.5,
        POA_LLM_MAX_RETRIES=0,
        POA_DATA_DIR=indexed_settings.data_dir,
    )
    result = draft_appeal(NOTICE, STORY, settings)
    assert result.backend == "offline"
    assert "did not answer within 0.5 s" in result.fallback
    assert "offline" in result.fallback
    assert "Root cause" in result.letter


def test_a_refused_key_is_one_sentence(openai_server):
    openai_server.enqueue_error(401, "invalid api key")
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "offline"
    assert result.fallback.startswith("The AI service refused the API key")
