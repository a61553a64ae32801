"""The LLM drafter through the real ChatOpenAI client against a local Chat Completions openai_server."""

import json

from support.fake_openai import completion
from support.llm_cases import APPEAL, NOTICE, STORY, llm_settings

from poa.drafting.pipeline import draft_appeal


def test_structured_output_is_parsed_into_an_appeal(openai_server):
    openai_server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "openai" and result.fallback is None
    assert result.appeal.root_cause == APPEAL["root_cause"]
    assert (
        "On 4 March 2025: removed his access" not in result.letter
    )  # the model's own date text is kept
    assert "112-4820193-5561027" in result.letter
    request = openai_server.requests[0]["body"]
    assert request["response_format"]["type"] == "json_schema"
    sent = json.dumps(request)
    assert "John Smith" not in sent and "john.smith@example.com" not in sent  # redacted
    assert "[EMAIL_1]" in sent
    assert (
        "(root_cause)" in sent and "(prevention)" in sent
    )  # the notice's checklist is in the prompt
    assert result.prompt_tokens and result.prompt_tokens <= 6000


def test_guards_catch_an_invented_order_and_a_second_root_cause(openai_server):
    bad = json.loads(json.dumps(APPEAL))
    bad["root_cause"] += " Another root cause is that our supplier shipped the wrong lids."
    bad["incident"]["summary"] += " The same happened on order 999-1234567-7654321."
    bad["preventive_measures"].append(
        {
            "action": "We will move all our inventory to FBA",
            "owner": "owner",
            "frequency": "once",
            "start_date": None,
            "answers": "warehouse capacity",
        }
    )
    openai_server.enqueue(completion(json.dumps(bad)))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert "999-1234567-7654321" not in result.letter
    assert "[removed: not in your notice or story]" in result.letter
    assert "Another root cause" not in result.appeal.root_cause
    assert "FBA" not in result.letter
    notes = " ".join(result.notes)
    assert "Second root cause removed" in notes
    assert "999-1234567-7654321" in notes
    assert "does not answer the root cause" in notes
