"""The conversation behind the app, as an explicit state machine.

`Assistant.handle` takes one message from the seller: it is classified once (`intents.py`), the
transition table (`machine.py`) names the step for the current stage, and the step replies.
Everything needed to resume (stage, notice, story, answers, accepted suggestions) is saved with
the appeal in SQLite before the reply, so a refresh or a restart loses nothing, and every message
is marked answered even when its step fails, so a failing turn is never retried on each page load.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from poa.conversation.intents import (
    classify_message,
)
from poa.conversation.interview import missing_questions, word_questions
from poa.conversation.machine import step_for
from poa.conversation.replies import GREETING, cause_proposal, drafted_reply, revised_reply
from poa.conversation.state import ChatState, Reply, Stage
from poa.conversation.steps import Steps
from poa.core.config import Settings
from poa.core.errors import UserError
from poa.core.models import Case
from poa.drafting.pipeline import (
    DraftResult,
    draft_appeal,
    resolve_violation_type,
    root_cause_options,
    shorten,
)
from poa.kb.documents import playbook_for
from poa.llm.client import LLMError
from poa.reading.case import extract_case
from poa.reading.notice import parse_notice
from poa.scoring.rubric import score_appeal
from poa.storage.appeals import appeal_title, save_version
from poa.storage.history import History
from poa.storage.profile import load_profile

_LOCKS: dict[int, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def appeal_lock(appeal_id: int) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(appeal_id, threading.Lock())


class Assistant(Steps):
    def __init__(
        self, settings: Settings, history: History, store: Any = None, chat_model: Any = None
    ) -> None:
        self.settings = settings
        self.history = history
        self.store = store
        self.chat_model = chat_model
        self.on_step: Callable[[str], None] = lambda step: None  # the UI shows status steps
        self.on_token: Callable[[str], None] | None = None  # and streams an LLM's words

    # --- state ---------------------------------------------------------------------------------

    def new_appeal(self) -> int:
        appeal_id = self.history.create_appeal("New appeal", "other", ChatState().to_json())
        self.history.add_message(appeal_id, "assistant", GREETING)
        return appeal_id

    def state(self, appeal_id: int) -> ChatState:
        return ChatState.load(self.history.state(appeal_id))

    def _save(self, appeal_id: int, state: ChatState) -> None:
        self.history.save_state(appeal_id, state.to_json())

    @property
    def llm(self) -> bool:
        return self.chat_model is not None or self.settings.llm_configured

    def case(self, state: ChatState) -> Case:
        return extract_case(state.story, state.answers)

    # --- one turn ------------------------------------------------------------------------------

    def handle(self, appeal_id: int, text: str) -> Reply:
        """Record the seller's message, then answer every message not answered yet, in order."""
        if len(text) > self.settings.input_limit:
            with appeal_lock(appeal_id):  # a turn running meanwhile must not overwrite it
                state = self.state(appeal_id)
                state.refused_input = text
                self._save(appeal_id, state)
            reply = Reply(
                f"That text has {len(text):,} characters; I can take up to {self.settings.input_limit:,} at once. "
                "I kept it below the chat, saved with this appeal until you delete it: shorten it, or paste "
                "the notice and your story separately.",
                "refused",
            )
            self.history.add_message(appeal_id, "assistant", reply.text)
            return reply
        if not text.strip():
            return Reply("Please type or paste something first.", "refused")
        self.history.add_message(appeal_id, "user", text)  # safe before any work is done
        return self.process(appeal_id) or Reply("", "")

    def unanswered(self, appeal_id: int) -> list[str]:
        state = self.state(appeal_id)
        said = [m["content"] for m in self.history.messages(appeal_id) if m["role"] == "user"]
        return said[state.processed :]

    def process(self, appeal_id: int) -> Reply | None:
        """Answer the messages not answered yet, one turn at a time per appeal. A message whose
        answer was interrupted (a refresh, a crash) is answered the next time; one whose step
        raises is answered with what went wrong, and never retried by itself."""
        last = None
        with appeal_lock(appeal_id):
            for text in self.unanswered(appeal_id):
                state = self.state(appeal_id)
                try:
                    last = self.route(appeal_id, state, text)
                except UserError as error:
                    state = self.state(appeal_id)  # what the failed step changed is not kept
                    # the pipelines fall back offline on an AI failure; what still arrives here
                    # as an LLMError is one the offline draft or a retry can answer
                    state.ai_failed = str(error) if isinstance(error, LLMError) else ""
                    last = Reply(f"{error} Your message is saved.", "error")
                except Exception as error:  # the turn still ends answered; the message is kept
                    state = self.state(appeal_id)
                    last = Reply(
                        f"Something went wrong while answering that ({type(error).__name__}). Your message"
                        " is saved; send it again, or tell me more.",
                        "error",
                    )
                state.processed += 1
                self._save(appeal_id, state)
                self.history.add_message(appeal_id, "assistant", last.text)
        return last

    def route(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        """One message: its intent, the step the transition table names, that step's reply."""
        intent, notice = classify_message(text, state.stage)
        step = step_for(Stage(state.stage), intent)
        return getattr(self, step)(appeal_id, state, text, notice)

    # --- interview and cause -------------------------------------------------------------------

    def _reask(self, state: ChatState, answer: str) -> Reply:
        """An answer that keeps the conversation where it was: the open question is asked again."""
        pending = [q for q in self._questions(state) if q.id in state.pending][:1]
        tail = f"\n\nBack to my question: {pending[0].text}" if pending else ""
        if state.stage == Stage.CHOOSE_CAUSE:
            tail = "\n\nWhich cause is right for you? Reply with a number, or tell me in your own words."
        return Reply(answer + tail, "answer")

    def _questions(self, state: ChatState) -> list[Any]:
        return missing_questions(
            ChatState.load({**state.to_json(), "asked": []}),
            self.case(state),
            self._violation(state),
            self.settings,
        )

    def _next(self, appeal_id: int, state: ChatState, intro: str = "") -> Reply:
        questions = missing_questions(
            state, self.case(state), self._violation(state), self.settings
        )[:2]
        if not questions:
            case = self.case(state)
            has_cause = case.facts_of("cause") or any(
                c["id"] in state.accepted for c in state.cause_options
            )
            if has_cause:
                return self._draft(appeal_id, state, trigger="notice", intro=intro)
            return self._propose_cause(state, intro)
        state.pending = [q.id for q in questions]
        state.asked += state.pending
        if self.llm:
            from poa.llm.client import make_chat_model

            self.on_step("Asking the AI service how to word the next questions")
            worded = word_questions(
                self.chat_model or make_chat_model(self.settings),
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
        lines.append("\n(Reply in your own words, or “skip” if you don't know.)")
        return Reply("\n".join(lines).strip(), "questions")

    def _violation(self, state: ChatState) -> str:
        if state.chosen_type:
            return state.chosen_type
        notice = parse_notice(state.notice) if state.notice else parse_notice("")
        return resolve_violation_type(notice, self.case(state), self.store)

    def _propose_cause(self, state: ChatState, intro: str = "") -> Reply:
        playbook = playbook_for(self.settings.knowledge_dir, self._violation(state))
        case = self.case(state)
        state.stage = Stage.CHOOSE_CAUSE
        options = (
            [
                o
                for o in root_cause_options(playbook, case, case.source_text())
                if o["id"] not in state.declined
            ][:3]
            if playbook and case.source_text().strip()
            else []
        )
        state.cause_options = options
        if not options:
            return Reply(
                f"{intro}\n\nIn one or two sentences: why did this happen? What was missing or wrong in how you work?".strip(),
                "cause",
            )
        return cause_proposal(playbook, options, intro)

    # --- drafting and revision -----------------------------------------------------------------

    def draft_result(self, state: ChatState, backend: str | None = None) -> DraftResult:
        declined = set(state.declined)
        result = draft_appeal(
            state.notice,
            state.story,
            self.settings,
            violation_type=state.chosen_type or None,
            backend=backend or ("auto" if self.chat_model is None else "openai"),
            language=state.language if self.llm and backend != "offline" else "en",
            answers={k: v for k, v in state.answers.items() if v.strip()},
            accept=[a for a in state.accepted if a not in declined],
            exclude=list(declined),
            store=self.store,
            chat_model=None if backend == "offline" else self.chat_model,
            sign_off=load_profile(self.settings.data_dir).sign_off(),
            documents_in_hand=state.documents_in_hand,
        )
        return shorten(result, self.settings) if state.shorter else result

    def _remember(self, state: ChatState, questions: list[Any], provenance: list[dict]) -> None:
        state.open_questions = [q.to_json() for q in questions]
        state.provenance = provenance
        state.stage = Stage.DRAFTED
        state.pending = []

    def _draft(
        self,
        appeal_id: int,
        state: ChatState,
        trigger: str,
        backend: str | None = None,
        intro: str = "",
    ) -> Reply:
        self.on_step(
            "Retrieving policy excerpts and examples, then drafting"
            + (" with the AI service" if self.llm and backend != "offline" else "")
        )
        result = self.draft_result(state, backend)
        self.on_step("Checking every sentence against your facts and the rubric")
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
        self._remember(state, result.questions, result.grounding.provenance())
        state.ai_failed = result.fallback or ""
        reply = drafted_reply(version.number, result)
        return Reply(f"{intro}\n\n{reply.text}".strip(), reply.event) if intro else reply

    def _redraft(self, appeal_id: int, state: ChatState) -> Reply:
        if state.rejection and state.rejected_letter:
            # revise the rejected appeal again with what the seller just added
            return self._revise(appeal_id, state)
        return self._draft(appeal_id, state, trigger="edit")

    def _revise(self, appeal_id: int, state: ChatState) -> Reply:
        from poa.revision.pipeline import revise

        self.on_step("Comparing the previous appeal with what Amazon asked for")
        previous = state.rejected_letter or self.history.version(appeal_id).letter  # older states
        if not self.history.version_numbers(appeal_id):
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
            accept=[a for a in state.accepted if a not in state.declined],
            store=self.store,
            chat_model=self.chat_model,
            sign_off=load_profile(self.settings.data_dir).sign_off(),
            documents_in_hand=state.documents_in_hand,
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
        self._remember(state, result.questions, result.grounding.provenance())
        return revised_reply(result)

    # --- the app's buttons ---------------------------------------------------------------------

    def accept(self, appeal_id: int, ids: list[str]) -> Reply:
        """Suggestions the seller ticked in the app: confirmed facts from now on; a new draft."""
        with appeal_lock(appeal_id):
            state = self.state(appeal_id)
            state.accepted = list(dict.fromkeys([*state.accepted, *ids]))
            state.declined = [d for d in state.declined if d not in ids]
            reply = self._redraft(appeal_id, state)
            self._save(appeal_id, state)
            self.history.add_message(appeal_id, "assistant", reply.text)
        return reply

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
