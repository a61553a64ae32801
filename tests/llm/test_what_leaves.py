"""What leaves the machine: every request body a model server receives, on every path to the
model, holds no buyer name, e-mail, phone or address (the formats of several countries).

The scripted server answers nothing useful (errors): each command falls back or stops, and the
test reads only what was sent. The chat's interview streams; its request is recorded all the same.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from support.cli import run_cli

from poa.core.config import PROJECT_ROOT

# One piece of personal data per format; each must be replaced before any request is sent.
PERSONAL = [
    "John Smith",
    "john.smith@example.com",
    "555 867 5309",
    "Maria Rossi",
    "Müller",
    "García",
    "+15551234567",
    "07700900123",
    "3471234567",
    "030/1234567",
    "221B Baker Street",
    "Berliner Straße 12",
    "SW1A 1AA",
    "10115 Berlin",
    "IL 62704",
    "75008 Paris",
    "100-0001",
]

NOTICE = """Hello,

We received a complaint from the buyer John Smith (john.smith@example.com, +1 555 867 5309) about
a message you sent on order 113-4455667-1234567. Mrs. Maria Rossi complained as well. Buyer Hans
Müller (+15551234567) and customer Ana García (07700900123, +39 3471234567, 030/1234567) wrote too.
Delivery addresses: 221B Baker Street, London SW1A 1AA; Berliner Straße 12, 10115 Berlin;
1 Main Street, Springfield, IL 62704; 5 rue de Rivoli, 75008 Paris; 〒100-0001 Tokyo.

Your messages violate the Buyer-Seller Communication Guidelines. Please send a plan of action:
- the root cause of the issue;
- the actions you took to resolve it;
- the steps you have taken to prevent it.
"""

STORY = """On 3 March 2025 our assistant answered John Smith (john.smith@example.com) and Maria
Rossi rudely; we had no template and no review of replies before sending. Hans Müller called us
from +15551234567 and we wrote to 221B Baker Street, London SW1A 1AA. On 5 March we apologised to
the buyer. From 10 March every reply uses an approved template and a second person reviews it."""

REJECTION = """Hello,

Your appeal does not give enough information. Explain why the buyer John Smith
(john.smith@example.com, 07700900123) of Berliner Straße 12, 10115 Berlin received that message,
and what you changed so that Maria Rossi and Ana García will not receive another one.
"""


def _llm_env(monkeypatch: pytest.MonkeyPatch, server) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("POA_LLM_MAX_RETRIES", "0")


def _leaks(server) -> list[str]:
    assert server.requests, "no request reached the model server"
    sent = "\n".join(json.dumps(r["body"], ensure_ascii=False) for r in server.requests)
    return [value for value in PERSONAL if value in sent]


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, str]:
    files = {"notice": NOTICE, "story": STORY, "rejection": REJECTION, "appeal": STORY}
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return {name: str(tmp_path / f"{name}.txt") for name in files}


@pytest.mark.parametrize(
    "command",
    [
        ["notice", "{notice}"],
        ["draft", "--notice", "{notice}", "--story", "{story}", "--backend", "openai"],
        ["revise", "--appeal", "{appeal}", "--rejection", "{rejection}", "--notice", "{notice}",
         "--story", "{story}", "--backend", "openai"],
        ["score", "{appeal}", "--notice", "{notice}", "--story", "{story}"],
    ],
    ids=["notice", "draft", "revise", "score-judge"],
)  # fmt: skip
def test_no_personal_data_in_any_request_a_command_sends(
    command, inputs, openai_server, monkeypatch, capsys
):
    _llm_env(monkeypatch, openai_server)
    run_cli(capsys, *[part.format(**inputs) for part in command])
    assert _leaks(openai_server) == []


def test_a_translated_appeal_is_sent_redacted(openai_server):
    from support.llm_cases import llm_settings

    from poa.scoring.judge import translate_to_english

    openai_server.enqueue_error(500, "down")
    appeal = "Sehr geehrtes Team, der Käufer Hans Müller (030/1234567, Berliner Straße 12, 10115 Berlin) hat…"
    with pytest.raises(Exception, match="AI service"):
        translate_to_english(appeal, llm_settings(openai_server, POA_LLM_MAX_RETRIES=0))
    assert _leaks(openai_server) == []


def test_the_chat_interview_sends_the_story_redacted(openai_server, tmp_path):
    from support.llm_cases import llm_settings

    from poa.conversation.assistant import Assistant
    from poa.storage.history import History

    settings = llm_settings(openai_server, POA_LLM_MAX_RETRIES=0, POA_DATA_DIR=tmp_path / "chat")
    assistant = Assistant(settings, History(settings.db_path))
    appeal = assistant.new_appeal()
    assistant.handle(appeal, NOTICE)
    assistant.handle(appeal, "A buyer named John Smith (+15551234567) was upset.")
    assert _leaks(openai_server) == []


def test_only_the_llm_client_talks_to_a_model():
    """Messages are built and sent in `poa.llm` alone, so nothing can skip `build_request`."""
    offenders = []
    for path in (PROJECT_ROOT / "src" / "poa").rglob("*.py"):
        if path.parent.name == "llm":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                ("langchain_core.messages", "langchain_openai", "openai")
            ):
                offenders.append(f"{path.name} imports {node.module}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("invoke", "stream", "batch", "ainvoke", "astream")
            ):
                offenders.append(f"{path.name}:{node.lineno} calls .{node.func.attr}()")
    assert offenders == []


def test_a_request_cannot_be_built_around_the_redaction():
    from poa.llm.request import LLMRequest, build_request
    from poa.text.redact import Redaction

    with pytest.raises(TypeError):
        LLMRequest((("system", "s"), ("user", "John Smith")), Redaction("x"), object())
    request = build_request("system", "The buyer John Smith wrote from john.smith@example.com.")
    assert "John Smith" not in request.user and "john.smith@example.com" not in request.user
    assert request.restore("[EMAIL_1]") == "john.smith@example.com"
