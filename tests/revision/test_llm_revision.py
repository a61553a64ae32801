"""A revision written by the LLM: the gaps go into the prompt, buyer data does not, guards apply."""

import json

from support.fake_openai import completion
from support.llm_cases import APPEAL, STORY, llm_settings


def test_a_revision_by_the_llm_carries_the_gaps_and_is_guarded(openai_server):
    from poa.revision.pipeline import revise

    previous = (
        "Dear team, we sent an inappropriate message to the buyer John Smith. The root causes were a busy season "
        "and a new agent. We will be more careful and follow all policies in the future. Regards."
    )
    rejection = (
        "Thank you for your plan of action. We do not have enough information. Please provide greater detail on "
        "the root cause and the steps you will take to prevent this, including who is responsible."
    )
    openai_server.enqueue(completion(json.dumps(APPEAL)))
    result = revise(previous, rejection, llm_settings(openai_server), story=STORY)
    assert result.backend == "openai" and len(openai_server.requests) == 1
    sent = json.dumps(openai_server.requests[0]["body"])
    assert "[missing]" in sent or "[weak]" in sent  # the gap analysis is in the prompt
    assert "John Smith" not in sent
    assert result.scorecard.criteria["single_root_cause"].passed is True
    assert "--- previous" in result.diff
