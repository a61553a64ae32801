"""The LLM drafter through the real ChatOpenAI client against a local Chat Completions openai_server."""

import json

import pytest
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


def _appeal(**changes):
    appeal = json.loads(json.dumps(APPEAL))
    for key, value in changes.items():
        appeal[key] = value
    return appeal


def test_an_invented_order_a_second_cause_and_unrelated_prevention_never_reach_the_letter(
    openai_server,
):
    bad = _appeal()
    bad["root_cause"] += " Another root cause is that our supplier shipped the wrong lids."
    bad["incident"]["summary"] += " The same happened on order 999-1234567-7654321."
    bad["preventive_measures"].append({"action": "We will move all our inventory to FBA"})
    openai_server.enqueue(completion(json.dumps(bad)))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "openai"
    assert "999-1234567-7654321" not in result.letter and "[" not in result.letter
    assert "Another root cause" not in result.appeal.root_cause
    assert "FBA" not in result.letter
    notes = " ".join(result.notes)
    assert "Second root cause removed" in notes
    assert "999-1234567-7654321" in notes
    assert "does not answer the root cause" in notes


def test_the_prompt_gives_the_facts_with_ids_and_the_denials(openai_server):
    openai_server.enqueue(completion(json.dumps(APPEAL)))
    story = STORY + " We never used any agency or outside service for messages."
    draft_appeal(NOTICE, story, llm_settings(openai_server))
    sent = openai_server.requests[0]["body"]["messages"][-1]["content"]
    assert "[story-1]" in sent and "(cause)" in sent
    assert "DENIED" in sent


MISBEHAVIOUR = {
    # what small local models really return, and what must never reach the seller
    "junk": _appeal(
        root_cause='{"root_cause": "we are here to help"}',
        immediate_actions=[],
        preventive_measures=[],
    ),
    "five causes": _appeal(
        root_cause=" ".join(
            f"The {n} root cause is {c}."
            for n, c in zip(
                ["first", "second", "third", "fourth", "fifth"],
                ["no review", "the buyer", "Amazon", "the season", "our software"],
                strict=True,
            )
        )
    ),
    "unrelated prevention": _appeal(
        preventive_measures=[{"action": "We will buy a new delivery van for faster shipping."}]
    ),
    "invented contact": _appeal(
        requested_information=[
            {
                "request": "Buyer contact",
                "answer": "The buyer can be reached at mary.jones@example.org.",
            }
        ]
    ),
    "blame": _appeal(root_cause="Amazon is at fault: its system flagged a normal message."),
}


@pytest.mark.parametrize("kind", MISBEHAVIOUR)
def test_a_misbehaving_model_never_reaches_the_seller_as_a_passing_draft(openai_server, kind):
    bad = MISBEHAVIOUR[kind]
    openai_server.enqueue(completion(json.dumps(bad)))
    openai_server.enqueue(completion(json.dumps(bad)))  # the retry misbehaves the same way
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    letter = result.letter.lower()
    for text in ("here to help", "delivery van", "mary.jones", "amazon is at fault", "fifth", "{"):
        assert text not in letter, (kind, text)
    assert len(result.appeal.root_cause.split(". ")) <= 2
    assert "nobody reviewed his replies" in letter or result.backend == "openai"
    if result.backend == "offline":  # unusable twice: the offline draft, with one reason
        assert result.fallback and "could not be used" in result.fallback
        assert len(openai_server.requests) == 2
        retry = openai_server.requests[1]["body"]["messages"][-1]["content"]
        assert "could not be used" in retry


def test_one_retry_with_the_reasons_can_recover(openai_server):
    openai_server.enqueue(completion(json.dumps(MISBEHAVIOUR["junk"])))
    openai_server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, llm_settings(openai_server))
    assert result.backend == "openai" and result.fallback is None
    assert result.appeal.root_cause == APPEAL["root_cause"]
    assert "fragments" in openai_server.requests[1]["body"]["messages"][-1]["content"]
