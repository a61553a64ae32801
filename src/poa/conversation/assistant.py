"""The conversation behind the app: notice → questions → root cause → draft → changes → revision.

`Assistant.handle` takes one message from the seller and returns the assistant's reply. Everything
it needs to resume (stage, notice, story, answers, the confirmed root cause) is saved with the appeal
in SQLite before it replies, so a refresh or a restart loses nothing. The flow is the same with
or without an LLM; with one, the questions are worded by the model and drafts are written by it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from poa.conversation.intents import (
    CAUSE_CHANGE,
    HELLO,
    SHORTER,
    SKIP,
    THANKS,
    YES,
    looks_like_notice,
    words_around_notice,
)
from poa.conversation.interview import missing_questions, word_questions
from poa.conversation.replies import GREETING, cause_proposal, drafted_reply, revised_reply
from poa.conversation.state import ChatState, Reply
from poa.core.config import Settings
from poa.core.errors import UserError
from poa.core.models import Case, Notice
from poa.core.vocab import MARKETPLACE_LANGUAGES
from poa.drafting.pipeline import (
    DraftResult,
    draft_appeal,
    resolve_violation_type,
    root_cause_options,
    shorten,
)
from poa.kb.documents import playbook_for
from poa.reading.case import extract_case
from poa.reading.notice import notice_core, parse_notice
from poa.scoring.rubric import score_appeal
from poa.storage.appeals import appeal_title, save_version
from poa.storage.history import History

_LOCKS: dict[int, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(appeal_id: int) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(appeal_id, threading.Lock())


class Assistant:
    def __init__(
        self, settings: Settings, history: History, store: Any = None, chat_model: Any = None
    ) -> None:
        self.settings = settings
        self.history = history
        self.store = store
        self.chat_model = chat_model
        self.on_step: Callable[[str], None] = lambda step: (
            None
        )  # the UI shows these as status steps
        self.on_token: Callable[[str], None] | None = (
            None  # and streams an LLM's words through this
        )

    # --- state ---------------------------------------------------------------------------------

    def new_appeal(self) -> int:
        appeal_id = self.history.create_appeal("New appeal", "other", ChatState().to_json())
        self.history.add_message(appeal_id, "assistant", GREETING)
        return appeal_id

    def state(self, appeal_id: int) -> ChatState:
        return ChatState.load(self.history.state(appeal_id))

    def _save(self, appeal_id: int, state: ChatState) -> None:
        self.history.save_state(appeal_id, state.to_json())

    def _chat_model(self) -> Any:
        from poa.llm.client import make_chat_model

        return make_chat_model(self.settings)

    @property
    def llm(self) -> bool:
        return self.chat_model is not None or self.settings.llm_configured

    def case(self, state: ChatState) -> Case:
        return extract_case(state.story, state.answers)

    # --- one turn ------------------------------------------------------------------------------

    def handle(self, appeal_id: int, text: str) -> Reply:
        """Record the seller's message, then answer every message not answered yet, in order."""
        if len(text) > self.settings.input_limit:
            state = self.state(appeal_id)
            state.refused_input = text
            self._save(appeal_id, state)
            reply = Reply(
                f"That text has {len(text):,} characters; I can take up to {self.settings.input_limit:,} at once. "
                "I kept it below the chat: shorten it, or paste the notice and your story separately.",
                "refused",
            )
            self.history.add_message(appeal_id, "assistant", reply.text)
            return reply
        if not text.strip():
            return Reply("Please type or paste something first.", "refused")
        self.history.add_message(
            appeal_id, "user", text
        )  # the message is safe before any work is done
        return self.process(appeal_id) or Reply("", "")

    def unanswered(self, appeal_id: int) -> list[str]:
        state = self.state(appeal_id)
        said = [m["content"] for m in self.history.messages(appeal_id) if m["role"] == "user"]
        return said[state.processed :]

    def process(self, appeal_id: int) -> Reply | None:
        """Answer the messages not answered yet. One turn at a time per appeal: a message sent while
        another is being answered waits, and one whose answer was interrupted (a refresh, a crash)
        is answered the next time, so no message is lost or answered against stale state."""
        last = None
        with _lock_for(appeal_id):
            for text in self.unanswered(appeal_id):
                state = self.state(appeal_id)
                state.refused_input = ""
                last = self._route(appeal_id, state, text)
                state.processed += 1
                self._save(appeal_id, state)
                self.history.add_message(appeal_id, "assistant", last.text)
        return last

    def _route(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        if state.stage == "awaiting_previous":
            state.rejected_letter = text
            return self._revise(appeal_id, state)
        notice = looks_like_notice(text)
        if notice and notice.notice_kind == "rejection":
            state.rejection = text
            if self.history.versions(appeal_id):
                state.rejected_letter = self.history.version(appeal_id).letter
                return self._revise(appeal_id, state)
            state.stage = "awaiting_previous"
            return Reply(
                "This is Amazon's rejection of an earlier appeal. Paste the appeal you sent, and I'll show what was "
                "missing and write a revision.",
                "notice",
            )
        if notice and not state.notice:
            return self._take_notice(appeal_id, state, text, notice)
        if notice and notice.notice_kind != "rejection":
            # a second notice would silently turn into a "change" to this appeal's letter
            same = notice.text == notice_core(state.notice)
            return Reply(
                "I already have this notice; tell me what to change, or answer the question above."
                if same
                else "This looks like a different notice from Amazon. Each notice needs its own appeal: press "
                "**New appeal** in the sidebar and paste it there. This appeal stays as it is.",
                "other_notice",
            )
        if state.stage == "confirm_cause":
            return self._confirm_cause(appeal_id, state, text)
        if state.stage == "drafted":
            return self._change(appeal_id, state, text)
        return self._take_story(appeal_id, state, text)

    def _take_notice(self, appeal_id: int, state: ChatState, text: str, notice: Notice) -> Reply:
        story = words_around_notice(text, notice)  # notice and story pasted together are split
        state.notice = notice.text if story else text
        if story:
            state.story = f"{state.story}\n{story}".strip()
        language = MARKETPLACE_LANGUAGES.get(notice.marketplace or "", "en")
        state.language = language if self.llm else "en"
        violation = resolve_violation_type(notice, self.case(state), self.store)
        self.history.update_appeal(
            appeal_id,
            title=appeal_title(violation, notice.order_ids, notice.asins),
            violation_type=violation,
        )
        intro = (
            f"Thanks. This is a **{(notice.notice_kind or 'notice').replace('_', ' ')}** about "
            f"**{violation.replace('_', ' ')}**; the analysis is shown with the conversation."
        )
        if notice.deadline_days:
            intro += f" You have **{notice.deadline_days} days** to answer."
        state.stage = "interview"
        return self._next_questions(appeal_id, state, intro)

    def _take_story(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        first_words = not state.story and not state.answers  # the notice hint is given once
        if first_words and not state.pending and HELLO.match(text):
            return Reply(
                "Hello! Paste the notice you received from Amazon, or tell me what happened.",
                "questions",
            )
        if state.pending:
            if SKIP.match(text):
                state.answers[state.pending[0]] = ""
            else:
                state.answers[state.pending[0]] = text
        else:
            state.story = f"{state.story}\n{text}".strip()
        state.pending = []
        state.stage = "interview"
        intro = (
            "Thanks. If you have Amazon's notice, paste it too: it tells me exactly what the appeal must answer."
            if first_words and not state.notice
            else ""
        )
        return self._next_questions(appeal_id, state, intro)

    # --- interview -----------------------------------------------------------------------------

    def _next_questions(self, appeal_id: int, state: ChatState, intro: str = "") -> Reply:
        questions = missing_questions(
            state, self.case(state), self._violation(state), self.settings
        )[:2]
        if not questions:
            return self._propose_cause(state, intro)
        state.pending = [q.id for q in questions]
        state.asked += state.pending
        if self.llm:
            self.on_step("Asking the AI service how to word the next questions")
            worded = word_questions(
                self.chat_model or self._chat_model(),
                self.settings,
                notice=state.notice,
                facts=self.case(state).source_text(),
                questions=questions,
                intro=intro,
                on_token=self.on_token,
            )
            if worded is not None:
                return worded
        lines = [intro, ""] if intro else []
        lines.append(
            "So the appeal is specific, I need:" if len(questions) > 1 else "One more thing:"
        )
        lines += [f"{i}. {q.text}" for i, q in enumerate(questions, 1)]
        lines.append("\n(Reply in your own words, or *skip* if you don't know.)")
        return Reply("\n".join(lines).strip(), "questions")

    # --- root cause ----------------------------------------------------------------------------

    def _violation(self, state: ChatState) -> str:
        notice = parse_notice(state.notice) if state.notice else parse_notice("")
        return resolve_violation_type(notice, self.case(state), self.store)

    def _propose_cause(self, state: ChatState, intro: str = "") -> Reply:
        playbook = playbook_for(self.settings.knowledge_dir, self._violation(state))
        case = self.case(state)
        if playbook is None or not case.source_text().strip():
            state.stage = "confirm_cause"
            return Reply(
                f"{intro}\n\nIn one or two sentences: why did this happen? What was missing or wrong in how you work?".strip(),
                "cause",
            )
        options = root_cause_options(playbook, case.source_text())
        state.cause_options = options
        state.stage = "confirm_cause"
        return cause_proposal(playbook, options, intro)

    def _confirm_cause(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        options = state.cause_options
        number = re.fullmatch(r"\s*(\d)\s*[.)]?\s*", text)
        if (YES.match(text) or SKIP.match(text)) and options:
            state.root_cause = options[0]["id"]
        elif number and options and 1 <= int(number.group(1)) <= len(options):
            state.root_cause = options[int(number.group(1)) - 1]["id"]
        elif len(text.split()) >= 5:
            state.root_cause = text.strip()
        else:
            return Reply(
                "Reply **yes**, a number from the list, or the cause in a sentence of your own.",
                "cause",
            )
        return self._draft(appeal_id, state, trigger="notice")

    # --- drafting and changes ------------------------------------------------------------------

    def draft_result(self, state: ChatState, backend: str | None = None) -> DraftResult:
        result = draft_appeal(
            state.notice,
            state.story,
            self.settings,
            backend=backend or ("auto" if self.chat_model is None else "openai"),
            root_cause=state.root_cause,
            language=state.language if self.llm and backend != "offline" else "en",
            answers={k: v for k, v in state.answers.items() if v.strip()},
            store=self.store,
            chat_model=None if backend == "offline" else self.chat_model,
        )
        if state.shorter:
            result = shorten(result, self.settings)
        return result

    def _draft(
        self, appeal_id: int, state: ChatState, trigger: str, backend: str | None = None
    ) -> Reply:
        self.on_step(
            "Retrieving policy excerpts and examples, then drafting"
            + (" with the AI service" if self.llm and backend != "offline" else "")
        )
        result = self.draft_result(state, backend)
        self.on_step("Checking the draft against the rubric")
        told_without_notice = not state.notice  # then the story named the type
        version = save_version(
            self.history,
            appeal_id,
            result.letter,
            trigger_kind=trigger,
            trigger_text=state.notice if trigger == "notice" else "",
            source=result.backend,
            appeal=result.appeal.model_dump(),
            scorecard=result.scorecard.to_json() if result.scorecard else None,
            title=appeal_title(result.violation_type, result.case.order_ids, result.case.asins)
            if told_without_notice
            else None,
            violation_type=result.violation_type if told_without_notice else None,
        )
        state.stage = "drafted"
        return drafted_reply(version.number, result)

    def _change(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        if THANKS.match(text) or SKIP.match(text):
            return Reply(
                "Good. Fill in the bracketed questions before you send it, and paste Amazon's answer here "
                "if the appeal is rejected: I'll show what was missing and revise it.",
                "ack",
            )
        if SHORTER.search(text):
            state.shorter = True
        elif CAUSE_CHANGE.search(text):
            state.root_cause = text.strip()
        else:
            state.answers[f"note_{len(state.answers) + 1}"] = (
                text  # new facts: the next draft uses them
            )
        if state.rejection:
            # revise the rejected appeal again with what the seller just added: revising the
            # revision would stack its placeholders and lists on top of each other
            return self._revise(appeal_id, state)
        return self._draft(appeal_id, state, trigger="edit")

    def _revise(self, appeal_id: int, state: ChatState) -> Reply:
        from poa.revision.pipeline import revise

        self.on_step("Comparing the previous appeal with what Amazon asked for")
        previous = state.rejected_letter or self.history.version(appeal_id).letter  # older states
        if not self.history.versions(appeal_id):
            save_version(
                self.history, appeal_id, previous, trigger_kind="imported", source="seller"
            )
        result = revise(
            previous,
            state.rejection,
            self.settings,
            story="\n".join([state.story, *state.answers.values()]),
            original_notice=state.notice,
            backend="auto" if self.chat_model is None else "openai",
            store=self.store,
            chat_model=self.chat_model,
        )
        save_version(
            self.history,
            appeal_id,
            result.letter,
            trigger_kind="rejection",
            trigger_text=state.rejection,
            source=f"revision-{result.backend}",
            appeal=result.appeal.model_dump(),
            scorecard=result.scorecard.to_json(),
            note="\n".join(result.changes),
        )
        state.stage = "drafted"
        return revised_reply(result)

    def edit_letter(self, appeal_id: int, letter: str) -> Any:
        """The seller's own edit of the letter, saved and scored as a new version."""
        if not letter.strip():
            raise UserError("The letter is empty; nothing was saved.")
        if len(letter) > self.settings.input_limit:
            raise UserError(
                f"The letter has {len(letter):,} characters; the limit is {self.settings.input_limit:,}."
            )
        state = self.state(appeal_id)
        notice = parse_notice(state.notice) if state.notice else None
        card = score_appeal(
            letter,
            notice=notice,
            story=self.case(state).source_text() or None,
            char_limit=self.settings.char_limit,
        )
        return save_version(
            self.history,
            appeal_id,
            letter,
            trigger_kind="edit",
            source="seller",
            scorecard=card.to_json(),
        )


def offline_redraft(assistant: Assistant, appeal_id: int) -> Reply:
    """The offline draft, offered when the AI service failed: same facts, no LLM."""
    with _lock_for(appeal_id):
        state = assistant.state(appeal_id)
        reply = assistant._draft(appeal_id, state, trigger="edit", backend="offline")
        assistant._save(appeal_id, state)
        assistant.history.add_message(appeal_id, "assistant", reply.text)
    return reply
