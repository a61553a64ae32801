"""The LLM judge's second opinion and the translation of a foreign appeal before scoring."""

import json

from support.cli import run_cli
from support.fake_openai import completion
from support.llm_cases import NOTICE, STORY, llm_settings


def test_the_judge_gives_a_second_opinion_per_criterion(openai_server):
    from poa.scoring.judge import judge_appeal

    verdict = {
        "criteria": [
            {"name": "single_root_cause", "passed": True, "reason": "One cause."},
            {"name": "professional_tone", "passed": False, "reason": "It pleads."},
        ]
    }
    openai_server.enqueue(completion(json.dumps(verdict)))
    opinion = judge_appeal(
        "Dear team, we refunded the buyer John Smith ...",
        llm_settings(openai_server),
        notice=NOTICE,
        story=STORY,
    )
    assert opinion["professional_tone"] == {"passed": False, "reason": "It pleads."}
    sent = json.dumps(openai_server.requests[0]["body"])
    assert "John Smith" not in sent and "single_root_cause" in sent


def test_a_foreign_appeal_is_translated_before_scoring(
    openai_server, tmp_path, monkeypatch, capsys
):
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
    openai_server.enqueue(completion(english))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    run = run_cli(capsys, "score", str(italian), "--json", "--no-judge")
    assert run.code == 0, run.err
    card = run.json
    assert card["language"] == "it" and card["translated"] is True
    assert card["criteria"]["single_root_cause"]["passed"] is True  # judged on the translation
