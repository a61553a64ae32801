"""The LLM drafter through the real ChatOpenAI client against a local Chat Completions server."""

import json

import pytest
from fake_openai import FakeOpenAI, completion, tool_call

from poa.config import Settings
from poa.draft import draft_appeal
from poa.drafting import llm

NOTICE = (
    "Hello,\n\nWe found a message sent to the buyer of order 112-4820193-5561027 that violates our "
    "Communication Guidelines. Please send a plan of action that explains the root cause, the actions "
    "you have taken, and the steps you will take to prevent this.\n\nSeller Performance Team"
)
STORY = (
    "Our virtual assistant replied to the buyer John Smith (john.smith@example.com) on order "
    "112-4820193-5561027 on March 2, 2025 with insults. Nobody reviewed his replies before they were sent. "
    "On March 4, 2025 we removed his access to buyer messages."
)
APPEAL = {
    "topic": None,
    "incident": {
        "summary": "On 2 March 2025 our virtual assistant sent an insulting reply on order 112-4820193-5561027.",
        "policy": "Buyer-Seller Communication Guidelines",
        "order_ids": ["112-4820193-5561027"],
        "asins": [],
        "dates": ["2025-03-02"],
    },
    "root_cause": "Our virtual assistant answered complaints alone and no one reviewed his replies before sending.",
    "immediate_actions": [
        {
            "action": "Removed his access to buyer messages",
            "date": "March 4, 2025",
            "confirmed": True,
        }
    ],
    "preventive_measures": [
        {
            "action": "Every reply to a complaint is reviewed by the customer service lead before it is sent",
            "owner": "customer service lead",
            "frequency": "every complaint",
            "start_date": None,
            "answers": "no one reviewed replies before sending",
        }
    ],
    "violation_type": "inappropriate_communication",
    "additional_topics": [],
    "requested_information": [],
    "evidence": ["Screenshot of the removed user permission"],
    "closing": "We can provide the records above on request.",
    "language": "en",
}
FAST_RETRY = {"retry-after-ms": "10"}


@pytest.fixture
def server():
    fake = FakeOpenAI().start()
    llm._working_method.clear()
    yield fake
    fake.stop()


def _settings(server, **extra):
    values = {
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": server.base_url,
        "POA_LLM_MAX_RETRIES": 2,
    }
    return Settings(_env_file=None, **(values | extra))


SCHEMA_UNSUPPORTED = "response_format json_schema is not supported by this model"


def test_structured_output_is_parsed_into_an_appeal(server):
    server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, _settings(server))
    assert result.backend == "openai" and result.fallback is None
    assert result.appeal.root_cause == APPEAL["root_cause"]
    assert (
        "On 4 March 2025: removed his access" not in result.letter
    )  # the model's own date text is kept
    assert "112-4820193-5561027" in result.letter
    request = server.requests[0]["body"]
    assert request["response_format"]["type"] == "json_schema"
    sent = json.dumps(request)
    assert "John Smith" not in sent and "john.smith@example.com" not in sent  # redacted
    assert "[EMAIL_1]" in sent
    assert (
        "(root_cause)" in sent and "(prevention)" in sent
    )  # the notice's checklist is in the prompt
    assert result.prompt_tokens and result.prompt_tokens <= 6000


def test_falls_back_to_function_calling_then_remembers(server):
    server.enqueue_error(400, SCHEMA_UNSUPPORTED)
    server.enqueue(completion(None, [tool_call("Appeal", APPEAL)]))
    result = draft_appeal(NOTICE, STORY, _settings(server))
    assert result.backend == "openai"
    assert "tools" in server.requests[1]["body"]
    server.enqueue(completion(None, [tool_call("Appeal", APPEAL)]))
    draft_appeal(NOTICE, STORY, _settings(server))
    assert len(server.requests) == 3  # one call: the working method was remembered
    assert "tools" in server.requests[2]["body"]


def test_falls_back_to_json_mode(server):
    server.enqueue_error(400, SCHEMA_UNSUPPORTED)
    server.enqueue_error(400, "tools are not supported")
    server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, _settings(server))
    assert result.backend == "openai"
    assert server.requests[2]["body"]["response_format"] == {"type": "json_object"}
    assert "JSON schema" in json.dumps(server.requests[2]["body"]["messages"])


@pytest.mark.parametrize("status", [429, 500])
def test_rate_limits_and_server_errors_are_retried(server, status):
    server.enqueue_error(status, "slow down", headers=FAST_RETRY)
    server.enqueue(completion(json.dumps(APPEAL)))
    result = draft_appeal(NOTICE, STORY, _settings(server))
    assert result.backend == "openai"
    assert len(server.requests) == 2


def test_a_timeout_becomes_a_clear_error_and_the_offline_draft(server, indexed_settings):
    server.enqueue(completion(json.dumps(APPEAL)), delay=3)
    settings = _settings(
        server, POA_LLM_TIMEOUT=0.5, POA_LLM_MAX_RETRIES=0, POA_DATA_DIR=indexed_settings.data_dir
    )
    result = draft_appeal(NOTICE, STORY, settings)
    assert result.backend == "offline"
    assert "did not answer within 0.5 s" in result.fallback
    assert "offline" in result.fallback
    assert "Root cause" in result.letter


def test_a_refused_key_is_one_sentence(server):
    server.enqueue_error(401, "invalid api key")
    result = draft_appeal(NOTICE, STORY, _settings(server))
    assert result.backend == "offline"
    assert result.fallback.startswith("The AI service refused the API key")


def test_guards_catch_an_invented_order_and_a_second_root_cause(server):
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
    server.enqueue(completion(json.dumps(bad)))
    result = draft_appeal(NOTICE, STORY, _settings(server))
    assert "999-1234567-7654321" not in result.letter
    assert "[removed: not in your notice or story]" in result.letter
    assert "Another root cause" not in result.appeal.root_cause
    assert "FBA" not in result.letter
    notes = " ".join(result.notes)
    assert "Second root cause removed" in notes
    assert "999-1234567-7654321" in notes
    assert "does not answer the root cause" in notes


def test_the_llm_completes_the_rule_based_notice_reading(server):
    from poa.drafting.llm import refine_notice
    from poa.notice import parse_notice

    text = "Hello,\n\nWe cannot reinstate your account. Please provide greater detail on the root cause.\n\nSeller Performance Team"
    rules = parse_notice(text)
    assert rules.violation_type == "other"
    reading = {
        "violation_type": "inauthentic",
        "notice_kind": "rejection",
        "topics": [],
        "required_items": [
            {"text": "greater detail on the root cause", "kind": "root_cause", "topic": None},
            {
                "text": "supplier invoices from the last 365 days",
                "kind": "documents",
                "topic": None,
            },
        ],
    }
    server.enqueue(completion(json.dumps(reading)))
    refined = refine_notice(rules, _settings(server))
    assert refined.violation_type == "inauthentic" and refined.confidence >= 0.6
    assert [item.kind for item in refined.required_items] == ["root_cause", "documents"]
    assert refined.order_ids == rules.order_ids and refined.deadline_days == rules.deadline_days


def test_the_judge_gives_a_second_opinion_per_criterion(server):
    from poa.judge import judge_appeal

    verdict = {
        "criteria": [
            {"name": "single_root_cause", "passed": True, "reason": "One cause."},
            {"name": "professional_tone", "passed": False, "reason": "It pleads."},
        ]
    }
    server.enqueue(completion(json.dumps(verdict)))
    opinion = judge_appeal(
        "Dear team, we refunded the buyer John Smith ...",
        _settings(server),
        notice=NOTICE,
        story=STORY,
    )
    assert opinion["professional_tone"] == {"passed": False, "reason": "It pleads."}
    sent = json.dumps(server.requests[0]["body"])
    assert "John Smith" not in sent and "single_root_cause" in sent


def test_a_foreign_appeal_is_translated_before_scoring(server, tmp_path):
    import subprocess
    import sys

    from conftest import subprocess_env

    italian = tmp_path / "appello.txt"
    italian.write_text(
        "Gentile Team, il nostro assistente ha inviato un messaggio scortese al cliente. La causa è che nessuno "
        "controllava le risposte prima dell'invio. Il 3 marzo abbiamo rimosso il suo accesso."
    )
    english = (
        "Dear team,\n\nRoot cause\nOur assistant answered complaints alone and nobody reviewed his replies before they were sent, "
        "so a rude reply reached the buyer.\n\nActions taken\n- 3 March: removed his access to buyer messages.\n\n"
        "Preventive measures\n- Every reply to a complaint is reviewed by the customer service lead before it is sent.\n"
    )
    server.enqueue(completion(english))
    env = subprocess_env(
        OPENAI_API_KEY="sk-test", OPENAI_BASE_URL=server.base_url, POA_DATA_DIR=str(tmp_path / "d")
    )
    result = subprocess.run(
        [sys.executable, "-m", "poa.cli", "score", str(italian), "--json", "--no-judge"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["language"] == "it" and card["translated"] is True
    assert card["criteria"]["single_root_cause"]["passed"] is True  # judged on the translation


def test_a_revision_by_the_llm_carries_the_gaps_and_is_guarded(server):
    from poa.revise import revise

    previous = (
        "Dear team, we sent an inappropriate message to the buyer John Smith. The root causes were a busy season "
        "and a new agent. We will be more careful and follow all policies in the future. Regards."
    )
    rejection = (
        "Thank you for your plan of action. We do not have enough information. Please provide greater detail on "
        "the root cause and the steps you will take to prevent this, including who is responsible."
    )
    server.enqueue(completion(json.dumps(APPEAL)))
    result = revise(previous, rejection, _settings(server), story=STORY)
    assert result.backend == "openai" and len(server.requests) == 1
    sent = json.dumps(server.requests[0]["body"])
    assert "[missing]" in sent or "[weak]" in sent  # the gap analysis is in the prompt
    assert "John Smith" not in sent
    assert result.scorecard.criteria["single_root_cause"].passed is True
    assert "--- previous" in result.diff
