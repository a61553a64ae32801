"""`poa bench --only app`: the app as the seller meets it, from `streamlit run` in headless Chromium."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

from poa.core.config import Settings
from poa.evals.bench_rows import dev_cases, row

CHROMIUM = "/usr/bin/chromium"


def bench_app_start(settings: Settings, context: dict[str, Any]) -> list[Any]:
    """From `streamlit run` to the first page, and from the page to the first reply to a notice
    (the model that reads and retrieves is warmed in the background meanwhile)."""
    from poa.evals.app_server import free_port, streamlit_command, wait_until_healthy

    if not Path(CHROMIUM).exists():
        note = "skipped: /usr/bin/chromium not installed"
        return [row("app_first_page", float("nan"), "s", 5.0, note)]
    from playwright.sync_api import sync_playwright

    notice = dev_cases(settings)[0].notice
    port = free_port()
    env = dict(os.environ, POA_DATA_DIR=str(context["settings"].data_dir))
    count = "document.querySelectorAll('[data-testid=stChatMessageAvatarAssistant]').length"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        started = time.perf_counter()
        process = subprocess.Popen(
            streamlit_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        try:
            wait_until_healthy(port, process)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_text("Paste the notice you received").wait_for(timeout=60_000)
            first_page = time.perf_counter() - started
            shown = time.perf_counter()
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill(notice)
            box.press("Enter")
            page.wait_for_function(f"{count} >= 2", timeout=120_000)
            # the reply itself, not a placeholder: the question that follows a notice
            page.get_by_text("So the appeal is specific").first.wait_for(timeout=120_000)
            first_reply = time.perf_counter() - shown
        finally:
            process.terminate()
            process.wait(timeout=20)
            browser.close()
    return [
        row("app_first_page", first_page, "s", 5.0, "streamlit run → greeting visible in Chromium"),
        row("app_first_reply", first_reply, "s", 2.0, "page shown → reply to a pasted notice"),
    ]
