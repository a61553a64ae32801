"""The app in a real browser: `streamlit run` on 127.0.0.1 driven by Playwright on Debian's
Chromium (no browser download). Screenshots go to tests/artifacts/ (git-ignored)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from support.env import ARTIFACTS, subprocess_env
from support.scenarios import DEV

from poa.evals.app_server import (
    free_port,
    streamlit_command,
    wait_until_healthy,
    wait_until_idle,
)
from poa.storage.export import docx_text

CHROMIUM = "/usr/bin/chromium"
CASE = next(c for c in DEV if c.name == "ic-autoresponder-product-tips")


@pytest.fixture
def app_url(tmp_path, indexed_settings):
    shutil.copytree(indexed_settings.chroma_path, tmp_path / "data" / "chroma")
    port = free_port()
    env = subprocess_env(POA_DATA_DIR=str(tmp_path / "data"))
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        streamlit_command(port), stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp_path
    )
    try:
        wait_until_healthy(port, process)
    except (RuntimeError, TimeoutError) as error:
        process.kill()
        pytest.fail(f"{error}: {(tmp_path / 'streamlit.log').read_text()[-2000:]}")
    url = f"http://127.0.0.1:{port}"
    yield url
    process.terminate()
    process.wait(timeout=20)
    log.close()


def _idle(page, timeout: float = 120.0) -> None:
    wait_until_idle(page, timeout)


def _open_expander(page, label: str) -> None:
    """Open the expander whose label starts with `label` and wait until it is open: a click during
    an animation or a rerun may be lost, so it is clicked again until the section is open."""
    summary = page.locator("summary", has_text=label).first
    details = summary.locator("xpath=ancestor::details[1]")  # its own, not an outer expander
    for _ in range(10):
        if details.evaluate("element => element.open"):
            return
        summary.click()
        page.wait_for_timeout(700)
    raise AssertionError(f"the expander {label!r} did not open")


def _send(page, text: str) -> str:
    """Type a message, wait for the assistant's answer and the end of the run; return the answer."""
    count = "document.querySelectorAll('[data-testid=stChatMessageAvatarAssistant]').length"
    before = page.evaluate(count)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(f"{count} > {before}", timeout=120_000)
    _idle(page)
    return page.get_by_test_id("stChatMessage").last.inner_text()


@pytest.mark.browser
def test_draft_download_and_reload_in_chromium(app_url, tmp_path):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: make test installs it"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.goto(app_url)
        page.get_by_text("Paste the notice you received").wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "1-start.png")
        assert page.get_by_role("button", name="Deploy").count() == 0  # client.toolbarMode

        assert "So the appeal is specific" in _send(page, CASE.notice)
        page.screenshot(path=ARTIFACTS / "2-notice.png", full_page=True)
        reply = _send(page, CASE.story)
        for _ in range(6):  # the questions the story did not answer: the seller's own words
            if "version 1" in reply:
                break
            answer = " ".join(
                v for k, v in CASE.answers.items() if k in ("measures", "measures_start")
            )
            reply = _send(page, answer if "differently now" in reply else "skip")
        assert "version 1" in reply
        page.get_by_text("One root cause").first.wait_for(timeout=60_000)  # the scorecard
        page.get_by_text("What each sentence is based on").last.wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "3-draft.png", full_page=True)
        page.get_by_text("The same appeal in Amazon's form boxes").first.click()
        page.get_by_text("Preventive steps").first.wait_for(timeout=60_000)
        assert page.get_by_text("/ 2,000 characters").count() == 4  # one count per box
        assert page.get_by_text("Amazon publishes no number").count() >= 1
        page.screenshot(path=ARTIFACTS / "5-boxes.png", full_page=True)

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download .docx").click()
        saved = tmp_path / "appeal.docx"
        download_info.value.save_as(saved)
        text = docx_text(saved.read_bytes())
        assert "Root cause" in text and "302-8815274-4469103" in text

        url = page.url
        assert "appeal=" in url
        page.reload()
        page.get_by_text("version 1").first.wait_for(timeout=60_000)
        assert page.get_by_text("MailPilot").count() >= 1  # the seller's story is still there
        page.get_by_role("button", name="Download .docx").wait_for(timeout=60_000)
        page.screenshot(path=ARTIFACTS / "4-after-reload.png", full_page=True)
        browser.close()


@pytest.mark.browser
def test_no_request_leaves_for_an_image_in_seller_or_notice_text(app_url):
    """A manipulated notice or story with Markdown images and HTML: the browser shows the text
    and never asks for the image (a model could leak data in such a URL)."""
    from playwright.sync_api import sync_playwright

    image = "![pixel](http://127.0.0.1:9/leak.png?data=secret)"
    html = '<img src="http://127.0.0.1:9/leak2.png">'
    notice = CASE.notice.replace("Hello,", f"Hello, {image} {html}", 1)
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(app_url)
        page.get_by_text("Paste the notice you received").wait_for(timeout=60_000)
        _send(page, notice)
        _send(page, f"{CASE.story} {image} {html}")
        page.get_by_text("leak.png").first.wait_for(timeout=30_000)  # shown, as text
        images = page.evaluate("[...document.images].map(i => i.src)")
        browser.close()
    assert not [url for url in requested if "leak" in url]
    assert not [src for src in images if "leak" in src]


WORKFLOW_NOTICE = """Hello,

Your Amazon selling account has been deactivated because we received complaints about the authenticity of items you sell. To reactivate, send us within 17 days a plan of action that explains the root cause, the actions you have taken and the steps that prevent this. Please also provide invoices from your supplier from the last 365 days. Note that after two unsuccessful appeals your account may remain deactivated.

Seller Performance"""
WORKFLOW_SENT = """Root cause
We bought 200 units from Harbor Point Wholesale without checking the brand's list of authorised distributors.

Actions taken
On 3 March 2026 we removed the listing and set aside the remaining 120 units.
"""


@pytest.mark.browser
def test_case_clock_checklist_and_marking_as_sent_in_chromium(app_url, tmp_path):
    """An appeal whose first version was sent: the clock in the sidebar and the header, a document
    ticked as in hand, and a second version that changes a count, listed before it is sent."""
    from datetime import date, timedelta

    from playwright.sync_api import sync_playwright

    from poa.conversation.state import ChatState
    from poa.core.config import Settings
    from poa.storage.history import History

    history = History(Settings(POA_DATA_DIR=tmp_path / "data", _env_file=None).db_path)
    received = date.today() - timedelta(days=5)
    state = ChatState(stage="drafted", notice=WORKFLOW_NOTICE, notice_dated=received.isoformat())
    appeal = history.create_appeal("inauthentic", "inauthentic", state.to_json())
    history.add_version(appeal, WORKFLOW_SENT, trigger_kind="edit", source="seller")
    changed = WORKFLOW_SENT.replace("120 units", "150 units")
    history.add_version(appeal, changed, trigger_kind="edit", source="seller")
    history.add_submission(appeal, "sent", received + timedelta(days=1), version=1)
    history.add_submission(appeal, "rejected", received + timedelta(days=3), version=1)

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{app_url}/?appeal={appeal}")
        page.get_by_text("Case clock: 12 days left to answer").wait_for(timeout=60_000)
        _idle(page)  # a click while the page still runs may be lost
        sidebar = page.get_by_test_id("stSidebar")
        assert sidebar.get_by_text("v1 sent").count() == 1
        assert sidebar.get_by_text("rejection received (answering v1)").count() == 1
        assert sidebar.get_by_text("This would be your last try (2 allowed)").count() == 1
        page.get_by_text("Case clock: 12 days left to answer").scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "7-case-clock.png")

        _open_expander(page, "Notice analysis")
        _open_expander(page, "Supplier invoices (not ticked as in hand")
        have = page.get_by_text("I have this document and will attach it").first
        have.wait_for()
        page.wait_for_timeout(500)  # the expander opens with an animation: click once it stands
        have.click()
        page.get_by_text("Supplier invoices (in hand;").first.wait_for(timeout=60_000)
        _idle(page)
        assert history.state(appeal)["documents_in_hand"] == ["supplier_invoice"]
        _open_expander(page, "Supplier invoices (in hand;")
        page.get_by_text("I have this document and will attach it").first.wait_for()
        page.screenshot(path=ARTIFACTS / "8-document-checklist.png", full_page=True)

        _open_expander(page, "Send v2 to Amazon")
        page.get_by_role("button", name="Mark v2 as sent").click()
        page.get_by_text("states 1 thing differently").wait_for(timeout=60_000)
        assert page.get_by_text("“120 units” is now “150 units”").count() == 1
        page.screenshot(path=ARTIFACTS / "9-changes-before-sending.png", full_page=True)
        page.get_by_role("button", name="These changes are right: mark as sent").click()
        page.get_by_text("v2 is marked as sent").wait_for(timeout=60_000)
        assert page.get_by_text("waiting for Amazon's answer").count() >= 1
        browser.close()
    assert [s.version for s in history.submissions(appeal) if s.kind == "sent"] == [1, 2]
