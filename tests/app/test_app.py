"""The Streamlit app driven headless with AppTest: the whole offline flow, resuming, safety, and the
LLM flow with a LangChain fake chat model injected through session state."""

import itertools
import shutil

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from pydantic import Field
from streamlit.testing.v1 import AppTest
from support.llm_cases import APPEAL
from support.scenarios import DEV

from poa.core.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
CASE = next(c for c in DEV if c.name == "ic-autoresponder-product-tips")
REJECTION = (
    "Hello,\n\nThank you for your plan of action. We do not have enough information to reinstate your account. "
    "Please provide greater detail on the preventive steps: who is responsible for checking message templates, "
    "and how often they are checked.\n\nSeller Performance Team"
)


@pytest.fixture
def data_dir(tmp_path, indexed_settings, monkeypatch):
    """A fresh data dir holding a copy of the session's index, for the app to read and write."""
    shutil.copytree(indexed_settings.chroma_path, tmp_path / "app-data" / "chroma")
    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "app-data"))
    from support.app_cache import clear_app_caches

    clear_app_caches()
    return tmp_path / "app-data"


def _app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    assert not app.exception, app.exception
    return app


def _send(app: AppTest, text: str) -> str:
    app.chat_input[0].set_value(text).run()
    assert not app.exception, app.exception
    last = app.chat_message[-1]
    assert last.name == "assistant"
    return " ".join(element.value for element in last.markdown)


def _through_questions(app: AppTest) -> str:
    reply = _send(app, CASE.story)
    for _ in range(8):
        if "root cause is most likely" in reply:
            return reply
        reply = _send(app, "skip")
    return reply


def test_the_whole_offline_flow(data_dir):
    app = _app()
    assert "Plan of Action" in app.chat_message[0].markdown[0].value
    assert "Offline drafting" in app.sidebar.info[0].value

    reply = _send(app, CASE.notice)
    assert "warning" in reply and "inappropriate communication" in reply
    appeal_id = (
        app.query_params["appeal"][0]
        if isinstance(app.query_params["appeal"], list)
        else app.query_params["appeal"]
    )
    assert [e.label for e in app.expander][:1] == ["Notice analysis"]
    assert [m.value for m in app.metric][:2] == ["inappropriate communication", "warning"]
    assert any("root cause" in box.label.lower() for box in app.checkbox)  # the checklist

    reply = _through_questions(app)
    assert "**one** root cause" in reply
    reply = _send(app, "yes")
    assert "version 1" in reply
    letter = app.code[0].value
    assert letter.startswith("Dear Seller Performance Team") and "302-8815274-4469103" in letter
    scorecard = " ".join(m.value for m in app.markdown)
    assert "single_root_cause" in scorecard and "notice_coverage" in scorecard
    assert [b.label for b in app.get("download_button")] == [
        "Download .txt",
        "Download .md",
        "Download .docx",
    ]

    reply = _send(app, "We also retrained the whole team on June 24, 2025.")
    assert "version 2" in reply
    assert "24 June 2025" in app.code[0].value

    reply = _send(app, REJECTION)
    assert "how the previous appeal answered it" in reply and "What I changed" in reply
    assert any(e.label == "Compared with the previous version" for e in app.expander)
    assert app.get("html"), "the side-by-side diff is shown"

    # A refresh (a new session on the same URL) finds everything where it was.
    again = AppTest.from_file(APP, default_timeout=180)
    again.query_params["appeal"] = appeal_id
    again.run()
    assert not again.exception
    assert len(again.chat_message) == len(app.chat_message)
    assert again.code[0].value.startswith("Dear Seller Performance Team")
    assert again.code[0].value == app.code[0].value  # the revision, v3


def test_seller_text_is_never_rendered_as_html_or_markdown(data_dir):
    app = _app()
    _send(
        app,
        "<script>alert(1)</script> **bold** ![x](http://example.com/x.png) we sent a rude message",
    )
    user = app.chat_message[1]
    assert user.name == "user"
    assert user.text[0].value.startswith("<script>")  # shown as plain text
    assert not user.markdown


def test_too_long_text_is_refused_and_kept(data_dir, monkeypatch):
    monkeypatch.setenv("POA_INPUT_LIMIT", "1000")
    from support.app_cache import clear_app_caches

    clear_app_caches()
    app = _app()
    _send(app, "hello " * 10)  # a first message creates the appeal
    long_text = "x" * 1500
    reply = _send(app, long_text)
    assert "1,500 characters" in reply and "kept" in reply
    kept = [area for area in app.text_area if area.label == "Kept text"]
    assert kept and kept[0].value == long_text


class FakeLLM(GenericFakeChatModel):
    """Words the interview questions (streamed) and writes the appeal (structured output)."""

    drafts: list = Field(default_factory=list)

    def with_structured_output(self, schema, method=None, **kwargs):
        def run(messages):
            self.drafts.append(messages)
            return schema.model_validate(APPEAL)

        return RunnableLambda(run)


def test_the_llm_flow_with_a_fake_chat_model(data_dir):
    fake = FakeLLM(
        messages=itertools.cycle(
            [AIMessage("Thanks! Which tool sent the messages, and when did you switch it off?")]
        )
    )
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["poa_chat_model"] = fake
    app.run()
    assert "Drafting with" in app.sidebar.success[0].value
    reply = _send(app, CASE.notice)
    assert "Which tool sent the messages" in reply  # worded by the model
    reply = _send(app, CASE.story)
    for _ in range(8):
        if "root cause is most likely" in reply:
            break
        reply = _send(app, "skip")
    reply = _send(app, "yes")
    assert "AI-written" in reply
    assert len(fake.drafts) == 1
    system, user = (m.content for m in fake.drafts[0])
    assert "exactly ONE root cause" in system and "MailPilot" in user
