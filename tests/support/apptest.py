"""AppTest helpers shared by the app's tests: a data dir with the session's index, start, send."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from poa.conversation.state import ChatState
from poa.core.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


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
    assert not last.markdown  # replies quote the seller and the model: plain text only
    return " ".join(element.value for element in last.text)


def _state(data_dir, app: AppTest):
    from poa.core.config import Settings
    from poa.storage.history import History

    appeal = app.query_params["appeal"]
    appeal = int(appeal[0] if isinstance(appeal, list) else appeal)
    history = History(Settings(POA_DATA_DIR=data_dir, _env_file=None).db_path)
    return appeal, history, ChatState.load(history.state(appeal))


def unescape(markdown: str) -> str:
    """The text of an element the app escaped for Markdown (`markdown_literal`)."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown)
