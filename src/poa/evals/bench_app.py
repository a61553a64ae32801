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


def _appeal_with_versions(settings: Settings, history: Any, count: int) -> int:
    """A drafted appeal holding `count` versions of a dev case's offline draft."""
    from poa.conversation.state import ChatState, Stage
    from poa.drafting.pipeline import draft_appeal

    case = dev_cases(settings)[0]
    result = draft_appeal(case.notice, case.story, settings, backend="offline")
    state = ChatState(stage=Stage.DRAFTED.value, notice=case.notice, story=case.story)
    appeal_id = history.create_appeal(f"{count} versions", result.violation_type, state.to_json())
    for _ in range(count):
        history.add_version(
            appeal_id,
            result.letter,
            trigger_kind="edit",
            source="offline",
            appeal=result.appeal.model_dump(),
            scorecard=result.scorecard.to_json() if result.scorecard else None,
        )
    return appeal_id


def _new_fact(turn: int) -> str:
    return f"On {turn + 1} June 2026 we also checked every listing against the policy again."


def _turn(page: Any, text: str) -> tuple[float, float]:
    """Send one message: seconds until the reply is on screen, and until the page is idle."""
    count = "document.querySelectorAll('[data-testid=stChatMessageAvatarAssistant]').length"
    before = page.evaluate(count)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    started = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(f"{count} > {before}", timeout=120_000)
    shown = time.perf_counter()
    return shown - started, _last_busy(page, since=shown) - started


def _last_busy(page: Any, since: float, quiet: float = 1.0) -> float:
    """When the page was last seen running (the reply's rerun included), once it has been idle
    for `quiet` seconds; `since` when it never was."""
    from poa.evals.app_server import BUSY

    last = since
    while time.perf_counter() - last < quiet:
        if page.evaluate(BUSY):
            last = time.perf_counter()
        page.wait_for_timeout(25)
    return last


def bench_app_turns(settings: Settings, context: dict[str, Any], turns: int = 8) -> list[Any]:
    """A chat turn in the app, from Enter to the reply shown and the page idle again, on an
    appeal with one version and on one with 30: the page must not slow down as versions pile up.
    Each turn is "thanks" (answered without a new draft): what is measured is the page."""
    from poa.evals.app_server import (
        free_port,
        streamlit_command,
        wait_until_healthy,
        wait_until_idle,
    )
    from poa.evals.bench_rows import percentile
    from poa.storage.history import History

    if not Path(CHROMIUM).exists():
        return [row("app_turn_30_versions_p50", float("nan"), "s", 0.5, "skipped: no chromium")]
    from playwright.sync_api import sync_playwright

    data = context["settings"]
    history = History(data.db_path)
    appeals = {n: _appeal_with_versions(data, history, n) for n in (1, 30)}
    port = free_port()
    env = dict(os.environ, POA_DATA_DIR=str(data.data_dir))
    timings: dict[tuple[str, int], list[float]] = {}  # Enter → the page idle again
    shown_after: dict[tuple[str, int], list[float]] = {}  # Enter → the reply on screen
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        process = subprocess.Popen(
            streamlit_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        try:
            wait_until_healthy(port, process)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/?appeal={appeals[1]}")
            # an open appeal loads the model in the background: the turns measured come after it
            page.wait_for_timeout(15_000)
            runs = [("thanks", 1, "thanks"), ("thanks", 30, "thanks"), ("new fact", 30, "fact")]
            for label, versions, kind in runs:
                page.goto(f"http://127.0.0.1:{port}/?appeal={appeals[versions]}")
                page.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
                wait_until_idle(page)
                key = (label, versions)
                timings[key], shown_after[key] = [], []
                for turn in range(turns + 1):  # the first turn warms up: not counted
                    text = "thanks" if kind == "thanks" else _new_fact(turn)
                    shown, idle = _turn(page, text)
                    if turn:
                        shown_after[key].append(shown)
                        timings[key].append(idle)
        finally:
            process.terminate()
            process.wait(timeout=20)
            browser.close()
    idle = "Enter → reply shown and page idle, in Chromium"
    shown = "Enter → the reply on screen, in Chromium"
    p50 = {key: percentile(values, 0.5) for key, values in timings.items()}
    return [
        row("app_turn_1_version_p50", p50[("thanks", 1)], "s", 0.5, f"'thanks': {idle}"),
        row("app_turn_30_versions_p50", p50[("thanks", 30)], "s", 0.5, f"'thanks': {idle}"),
        row(
            "app_reply_30_versions_p50",
            percentile(shown_after[("thanks", 30)], 0.5),
            "s",
            0.5,
            f"'thanks': {shown}",
        ),
        row(
            "app_new_version_turn_p50",
            p50[("new fact", 30)],
            "s",
            None,
            f"a new fact, redrafted and scored (31st to {30 + turns}th version): {idle}",
        ),
        row(
            "app_new_version_turn_p95",
            percentile(timings[("new fact", 30)], 0.95),
            "s",
            None,
            "the same, p95",
        ),
    ]


def bench_app(settings: Settings, context: dict[str, Any]) -> list[Any]:
    """The first reply after start, then chat turns as versions pile up."""
    return bench_app_start(settings, context) + bench_app_turns(settings, context)
