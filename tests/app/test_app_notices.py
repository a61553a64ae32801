"""AppTest: Amazon's warning pasted together with the seller's story, the type the seller can
correct, and the document checklist that survives a reload."""

from streamlit.testing.v1 import AppTest
from support.apptest import APP, _app, _send, _state
from support.scenarios import DEV

from poa.storage.profile import load_profile

WARNING_AND_STORY = """We're writing to let you know that we've received reports that messages you sent to buyers contained impolite or inappropriate language. Sellers must be courteous and professional when communicating with buyers. Repeated violations of our communication guidelines may result in the removal of your selling privileges.

Order ID: 113-4829301-5572946

To learn more, search for "Communication guidelines" in Seller Central Help.

Amazon Services

so basically this buyer opened an A-to-z claim and called me a scammer in his message. I lost my temper and wrote back that he was a liar and that I would report him. it was me, nobody else answers our messages. On March 3 I sent him a polite apology and a full refund through Amazon."""

DOCUMENT_REQUEST = """Hello,

We are reviewing your selling account. During the review your listings stay active.

To complete our review, please upload the following:
- A utility bill issued in the last 90 days with your name and address
- Invoices from your supplier for ASIN B0C7K2M9QX

Seller Verification Team"""


def test_a_pasted_warning_with_the_story_is_read_as_a_notice(data_dir):
    app = _app()
    reply = _send(app, WARNING_AND_STORY)
    assert "warning" in reply and "inappropriate communication" in reply
    _, _, state = _state(data_dir, app)
    assert "We're writing to let you know" in state.notice
    assert "lost my temper" not in state.notice  # Amazon's words are not the seller's, and back
    assert "lost my temper" in state.story
    assert [m.value for m in app.metric][:2] == ["inappropriate communication", "warning"]
    assert any("nothing" in info.value.lower() for info in app.info)  # a warning asks for no plan


def test_the_seller_corrects_the_type_and_it_is_kept(data_dir):
    app = _app()
    _send(app, WARNING_AND_STORY)
    box = next(s for s in app.selectbox if s.label.startswith("Not the right type"))
    box.set_value("off_platform_payment_or_diverting").run()
    assert not app.exception, app.exception
    _, _, state = _state(data_dir, app)
    assert state.chosen_type == "off_platform_payment_or_diverting"
    assert app.metric[0].value == "off platform payment or diverting"
    assert any("You chose the type" in c.value for c in app.caption)


def test_the_document_checklist_is_ticked_and_survives_a_reload(data_dir):
    app = _app()
    _send(app, DOCUMENT_REQUEST)
    assert any("documents" in info.value for info in app.info)  # needs documents, not a plan
    labels = [e.label for e in app.expander]
    assert any(label.startswith("Utility bill") for label in labels), labels
    assert any("invoice" in label.lower() for label in labels), labels
    bill = [c for c in app.checkbox if c.key and "-utility_bill-" in c.key]
    assert len(bill) >= 2
    bill[0].check().run()
    assert not app.exception, app.exception
    appeal, _, state = _state(data_dir, app)
    assert state.documents_held == {"utility_bill": [0]}

    again = AppTest.from_file(APP, default_timeout=180)
    again.query_params["appeal"] = str(appeal)
    again.run()
    assert not again.exception, again.exception
    ticked = [c for c in again.checkbox if c.key and "-utility_bill-" in c.key]
    assert ticked[0].value is True and ticked[1].value is False


def test_the_sign_off_is_asked_once_and_ends_the_draft(data_dir):
    """The seller's names, typed once in the sidebar, are saved, shown again after a reload and
    end the next draft; nothing else is added to the letter."""
    app = _app()
    inputs = {field.label: field for field in app.sidebar.text_input}
    inputs["Your name"].set_value("Ana Ruiz")
    inputs["Store name"].set_value("Kestrel Pottery")
    next(b for b in app.sidebar.button if b.label == "Save for every letter").click().run()
    assert not app.exception, app.exception
    assert load_profile(data_dir).sign_off() == ["Regards,", "Ana Ruiz", "Kestrel Pottery"]
    again = _app()  # a new session: the names are still there
    assert {f.label: f.value for f in again.sidebar.text_input}["Your name"] == "Ana Ruiz"
    case = next(c for c in DEV if c.name == "ic-autoresponder-product-tips")
    _send(again, case.notice)
    _send(again, case.story)
    for _ in range(6):
        if again.code:
            break
        _send(again, "skip")
    assert again.code[0].value.rstrip().endswith("Regards,\nAna Ruiz\nKestrel Pottery")


def test_the_sidebar_lists_every_appeal_and_searches_them(data_dir):
    from poa.core.config import Settings
    from poa.storage.appeals import appeal_title, save_version
    from poa.storage.history import History

    history = History(Settings(POA_DATA_DIR=data_dir, _env_file=None).db_path)
    for n in range(35):
        kind = "late_shipment" if n % 2 else "review_manipulation"
        title = appeal_title(kind, [], [f"B0D{n:07d}"])
        save_version(
            history, None, f"Letter {n}", title=title, trigger_kind="notice", source="offline"
        )
    app = _app()
    appeals = [b for b in app.sidebar.button if "· v1" in b.label]
    assert len(appeals) == 35  # all of them, not the latest 30
    assert any(c.value == "35 of 35 appeals" for c in app.sidebar.caption)
    search = next(f for f in app.sidebar.text_input if f.label == "Search your appeals")
    search.set_value("review B0D0000004").run()
    assert [b.label for b in app.sidebar.button if "· v1" in b.label] == [
        next(b.label for b in appeals if "B0D0000004" in b.label)
    ]
    assert any(c.value == "1 of 35 appeals" for c in app.sidebar.caption)
