"""The app under hostile and unlucky input (AppTest): nothing renders as markup, every notice we
know opens without a widget-key clash, a refused text stays until deleted, an AI failure offers
a way on, and bad `?appeal=` values open the start page."""

from __future__ import annotations

import frontmatter
import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from streamlit.testing.v1 import AppTest
from support.scenarios import DEV

from poa.conversation.state import ChatState
from poa.core.config import PROJECT_ROOT, Settings
from poa.storage.history import History

APP = str(PROJECT_ROOT / "app.py")
IMAGE = "![pixel](http://127.0.0.1:9/leak.png?data=secret)"
HOSTILE_NOTICE = f"""Hello,

We received a complaint about order 113-4455667-1234567. Your message to the buyer violates the
Buyer-Seller Communication Guidelines.

Please send a plan of action that includes:
- the root cause of the issue **{IMAGE}** :red[alert] $x^2$ <b>bold</b>
- the actions you took to resolve it
- the steps you have taken to prevent it
"""
HOSTILE_STORY = (
    f"On 3 March 2025 our assistant sent a rude reply {IMAGE} **because** we had no template "
    "and no review before sending. On 5 March we apologised. From 10 March a second person "
    "reviews every reply. <script>alert(1)</script>"
)


def _history(data_dir) -> History:
    return History(Settings(POA_DATA_DIR=data_dir, _env_file=None).db_path)


def _run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    return app


def _send(app: AppTest, text: str) -> AppTest:
    app.chat_input[0].set_value(text)
    return _run(app)


def _appeal_id(app: AppTest) -> int:
    value = app.query_params["appeal"]
    return int(value[0] if isinstance(value, list) else value)


def _every_markdown(app: AppTest) -> list[str]:
    return [element.value for element in app.markdown]


def test_seller_notice_and_reply_text_never_render_as_markup(data_dir):
    app = _run(AppTest.from_file(APP, default_timeout=180))
    _send(app, HOSTILE_NOTICE)
    _send(app, HOSTILE_STORY)
    for _ in range(4):  # skip the interview's questions until there is a draft
        if app.code:
            break
        _send(app, "skip")
    assert app.code, "no draft"
    for message in app.chat_message:
        assert not message.markdown, f"a {message.name} message rendered as Markdown"
    # Widget labels take Markdown only: the notice's own words arrive escaped.
    labels = [box.label for box in app.checkbox if "root cause" in box.label]
    assert labels and all("\\!\\[pixel\\]" in label and "\\:red\\[" in label for label in labels)
    for value in _every_markdown(app):  # what is still Markdown is ours, never the inputs'
        assert "leak.png" not in value and "<script>" not in value and ":red[alert]" not in value


def _open(data_dir, notice: str) -> AppTest:
    history = _history(data_dir)
    state = ChatState(stage="interview", notice=notice)
    appeal = history.create_appeal("Notice", state=state.to_json())
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["appeal"] = str(appeal)
    return _run(app)


def _known_notices() -> list[tuple[str, str]]:
    files = sorted((PROJECT_ROOT / "knowledge" / "notices").glob("*.md"))
    found = [(path.stem, frontmatter.load(path).content) for path in files]
    found += [(case.name, case.notice) for case in DEV if case.notice]
    return found


def test_every_known_notice_opens_with_its_checklist(data_dir):
    """A line repeated once per topic once raised StreamlitDuplicateElementKey on every load."""
    failures = []
    for name, notice in _known_notices():
        app = _open(data_dir, notice)
        if app.exception or not app.chat_input:
            failures.append(name)
    assert failures == []


@pytest.mark.parametrize("value", ["²", "-1", "0", "1e9", "<script>", "9" * 40])
def test_a_bad_appeal_in_the_address_opens_the_start_page(data_dir, value):
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["appeal"] = value
    _run(app)
    assert "Plan of Action" in app.chat_message[0].text[0].value


def test_a_refused_text_is_kept_until_the_seller_deletes_it(data_dir, monkeypatch):
    monkeypatch.setenv("POA_INPUT_LIMIT", "1000")
    from support.app_cache import clear_app_caches

    clear_app_caches()
    app = _run(AppTest.from_file(APP, default_timeout=180))
    _send(app, "hello " * 10)
    long_text = "x" * 1500
    _send(app, long_text)
    _send(app, "Our assistant sent a rude reply on 3 March 2025.")  # the next message
    kept = [area for area in app.text_area if area.label == "Kept text"]
    assert kept and kept[0].value == long_text
    assert any("until you delete it" in w.value for w in app.warning)
    next(b for b in app.button if b.label == "Delete the kept text").click()
    _run(app)
    assert not [area for area in app.text_area if area.label == "Kept text"]


class FailingLLM(GenericFakeChatModel):
    """Words the interview, but every structured draft fails (a server error)."""

    def with_structured_output(self, schema, method=None, **kwargs):
        def fail(messages):
            import httpx
            import openai

            request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
            raise openai.InternalServerError(
                "down", response=httpx.Response(500, request=request), body=None
            )

        return RunnableLambda(fail)


def test_after_an_ai_failure_the_app_offers_a_retry(data_dir):
    """The draft fell back to the offline one (so that is not offered twice): a retry is."""
    case = next(c for c in DEV if c.name == "ic-autoresponder-product-tips")
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["poa_chat_model"] = FailingLLM(
        messages=iter([AIMessage("Tell me more.")] * 50)
    )
    _run(app)
    _send(app, case.notice)
    _send(app, case.story)
    for _ in range(6):
        if app.code:
            break
        _send(app, " ".join(case.answers.values()) or "skip")
    assert app.code, "no draft"
    assert any("AI service failed" in w.value for w in app.warning)
    labels = [b.label for b in app.button]
    assert "Try the AI service again" in labels and "Use the offline draft instead" not in labels
    versions = len(_history(data_dir).versions(_appeal_id(app)))
    next(b for b in app.button if b.label == "Try the AI service again").click()
    _run(app)
    assert len(_history(data_dir).versions(_appeal_id(app))) == versions + 1


def test_streamed_model_text_is_shown_as_text(data_dir):
    """The interview's words come from the model: an image or a link in them stays text."""
    case = next(c for c in DEV if c.name == "ic-autoresponder-product-tips")
    worded = f"Which tool sent it? {IMAGE} <b>now</b>"
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["poa_chat_model"] = GenericFakeChatModel(
        messages=iter([AIMessage(worded)] * 20)
    )
    _run(app)
    _send(app, case.notice)
    last = app.chat_message[-1]
    assert not last.markdown and "leak.png" in " ".join(t.value for t in last.text)


def test_a_data_folder_that_is_a_file_is_one_line_in_the_app(tmp_path, monkeypatch):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POA_DATA_DIR", str(blocker))
    from support.app_cache import clear_app_caches

    clear_app_caches()
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] and "POA\\_DATA\\_DIR" in app.error[0].value
