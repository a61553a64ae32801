"""AppTest: the seller's workflow around the letter: the case clock (sidebar and header), marking
a version as sent with the list of what it states differently, and the documents in hand."""

from datetime import date

from streamlit.testing.v1 import AppTest
from support.apptest import APP, _app, _send, _state, unescape

from poa.conversation.state import ChatState
from poa.core.config import Settings
from poa.storage.history import History

NOTICE = """Date: 20 November 2026

Hello,

Your selling privileges have been removed because your late shipment rate is above our target of 4%. To reactivate, send us a plan of action within 17 days that explains the root cause, the actions you have taken and the steps that prevent this. Please note that after two unsuccessful appeals your account may remain deactivated.

Seller Performance"""

SENT = """Root cause
Our warehouse cut-off for same-day dispatch was 2 pm, but the carrier moved its pickup to 11 am in October, so orders paid between 11 am and 2 pm left a day late.

Actions taken
On 3 March 2026 we moved the cut-off to 10 am and refunded 14 orders in full.
"""
CHANGED = SENT.replace("14 orders", "9 orders")


def _open(appeal: int) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["appeal"] = str(appeal)
    app.run()
    assert not app.exception, app.exception
    return app


def _history(data_dir) -> History:
    return History(Settings(POA_DATA_DIR=data_dir, _env_file=None).db_path)


def _button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def test_the_case_clock_shows_days_left_and_the_seller_corrects_the_notice_day(data_dir):
    app = _app()
    _send(app, NOTICE)
    assert "Case clock" in [h.value for h in app.sidebar.subheader]
    header = [unescape(i.value) for i in app.info if "Case clock" in i.value]
    assert header and "7 Dec 2026" in header[0], header  # 17 days from the notice's Date line
    assert any("counts from the notice" in unescape(c.value) for c in app.sidebar.caption)

    app.sidebar.date_input(key=next(d.key for d in app.sidebar.date_input)).set_value(
        date(2026, 11, 10)
    ).run()
    assert not app.exception, app.exception
    _, _, state = _state(data_dir, app)
    assert state.notice_received == "2026-11-10"
    assert any("the date you gave" in unescape(c.value) for c in app.sidebar.caption)


def test_marking_as_sent_lists_changed_facts_and_records_on_confirmation(data_dir):
    history = _history(data_dir)
    appeal = history.create_appeal("late shipments", state=ChatState(notice=NOTICE).to_json())
    history.add_version(appeal, SENT, trigger_kind="edit", source="seller")
    history.add_version(appeal, CHANGED, trigger_kind="edit", source="seller")

    app = _open(appeal)
    app.selectbox(key=f"version-{appeal}-2").set_value(1).run()
    _button(app, "Mark v1 as sent").click().run()
    assert not app.exception, app.exception
    assert [s.version for s in history.submissions(appeal)] == [1]
    assert any("v1 sent" in t.value for t in app.sidebar.text)
    assert any("last try (2 allowed)" in unescape(w.value) for w in app.sidebar.warning)

    app.selectbox(key=f"version-{appeal}-2").set_value(2).run()
    _button(app, "Mark v2 as sent").click().run()
    assert [s.version for s in history.submissions(appeal)] == [1]  # not yet: changes listed
    assert any("states 1 thing differently" in unescape(w.value) for w in app.warning)
    listed = [t.value for t in app.text if t.value.startswith("• ")]
    assert listed and "“14 orders” is now “9 orders”" in listed[0]

    _button(app, "These changes are right: mark as sent").click().run()
    assert not app.exception, app.exception
    assert [s.version for s in history.submissions(appeal)] == [1, 2]
    assert any("v2 is marked as sent" in unescape(s.value) for s in app.success)
    assert any("waiting for Amazon's answer" in unescape(i.value) for i in app.info)


def test_a_document_ticked_as_in_hand_is_listed_in_the_updated_letter(data_dir):
    notice = (
        "Your account has been deactivated because we received complaints about the authenticity"
        " of items you sell. To reactivate, send invoices from your supplier from the last 365"
        " days and a plan of action: the root cause, the actions taken and the steps to prevent"
        " this."
    )
    app = _app()
    _send(app, notice)
    for _ in range(6):  # answer nothing more: skip to the draft
        if _state(data_dir, app)[1].versions(_state(data_dir, app)[0]):
            break
        _send(app, "skip")
    appeal, history, _ = _state(data_dir, app)
    assert history.versions(appeal), "no draft"
    assert "Supplier invoices" not in history.version(appeal).letter
    box = next(c for c in app.checkbox if c.key == f"inhand-{appeal}-supplier_invoice")
    box.check().run()
    assert not app.exception, app.exception
    assert _state(data_dir, app)[2].documents_in_hand == ["supplier_invoice"]
    assert any("(in hand;" in e.label for e in app.expander)
    _button(app, "Update the letter's documents").click().run()
    assert not app.exception, app.exception
    letter = history.version(appeal).letter
    assert "Supporting documents\n- Supplier invoices" in letter
    assert not [b for b in app.button if b.label == "Update the letter's documents"]
