"""The steps of the conversation: one method per step named in `machine.TRANSITIONS`.

Each takes (appeal id, state, the message, the notice when the message is one) and returns the
reply; the state it changes is saved by `Assistant.process`. `Assistant` mixes these in and
provides what they share (`_next`, `_draft`, `_revise`, `_propose_cause`, `_reask`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from poa.conversation.help import answer_question
from poa.conversation.intents import (
    CHOICE_NUMBER,
    SHORTER,
    YES,
    words_around_notice,
)
from poa.conversation.state import ChatState, Reply, Stage
from poa.core.models import Notice
from poa.core.vocab import MARKETPLACE_LANGUAGES
from poa.drafting.pipeline import resolve_violation_type, root_cause_options
from poa.kb.documents import playbook_for
from poa.reading.notice import notice_core
from poa.storage.appeals import appeal_title
from poa.tracking.clock import notice_date
from poa.tracking.sending import appeal_clock, record_rejection, sent_versions

MIN_CAUSE_WORDS = 5


class Steps:
    """The conversation's steps; `Assistant` supplies the shared helpers they call."""

    history: Any
    settings: Any
    store: Any

    def greet(self, appeal_id: int, state: ChatState, text: str, notice: Notice | None) -> Reply:
        if not state.notice and not state.story:
            return Reply(
                "Hello! Paste the notice you received from Amazon, or tell me what happened.",
                "questions",
            )
        return self._reask(state, "Hello again.")

    def take_notice(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        assert notice is not None
        if state.notice:
            same = notice.text == notice_core(state.notice)
            return Reply(
                "I already have this notice; tell me what to change, or answer the question above."
                if same
                else "This looks like a different notice from Amazon. Each notice needs its own appeal: press "
                "New appeal in the sidebar and paste it there. This appeal stays as it is.",
                "other_notice",
            )
        story = words_around_notice(text, notice)  # notice and story pasted together are split
        state.notice = notice.text if story else text
        dated = notice_date(text)  # its "Date:" line, which the notice's own text may leave out
        state.notice_dated = dated.isoformat() if dated else ""
        state.notice_pasted = date.today().isoformat()  # the seller's day, not the server's UTC
        if story:
            state.story = f"{state.story}\n{story}".strip()
        language = MARKETPLACE_LANGUAGES.get(notice.marketplace or "", "en")
        state.language = language if self.llm else "en"
        violation = state.chosen_type or resolve_violation_type(
            notice, self.case(state), self.store
        )
        self.history.update_appeal(
            appeal_id,
            title=appeal_title(violation, notice.order_ids, notice.asins),
            violation_type=violation,
        )
        intro = (
            f"Thanks. This is a {(notice.notice_kind or 'notice').replace('_', ' ')} about "
            f"{violation.replace('_', ' ')}; the analysis is shown with the conversation."
        )
        if notice.deadline_days:
            intro += f" You have {notice.deadline_days} days to answer."
        state.stage = Stage.INTERVIEW
        return self._next(appeal_id, state, intro)

    def take_rejection(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        state.rejection = text
        numbers = self.history.version_numbers(appeal_id)
        if numbers:
            # what Amazon rejected is the version last marked as sent; else the latest
            sent = sent_versions(self.history, appeal_id)
            rejected = sent[-1] if sent else numbers[-1]
            record_rejection(self.history, appeal_id, text, date.today(), rejected)  # the clock
            state.rejected_letter = self.history.version(appeal_id, rejected).letter
            reply = self._revise(appeal_id, state)
            warning = appeal_clock(self.history, appeal_id, date.today()).warning()
            return replace(reply, text=f"{reply.text}\n\n{warning}") if warning else reply
        state.stage = Stage.AWAITING_PREVIOUS
        return Reply(
            "This is Amazon's rejection of an earlier appeal. Paste the appeal you sent, and I'll show what was "
            "missing and write a revision. If you don't have it any more, say so and I'll write a new one.",
            "notice",
        )

    def take_previous_appeal(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        state.rejected_letter = text
        reply = self._revise(appeal_id, state)  # saves the appeal Amazon rejected as v1
        record_rejection(self.history, appeal_id, state.rejection, date.today(), 1)
        return reply

    def ask_for_previous(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        state.story = f"{state.story}\n{text}".strip()  # facts are facts, whenever they come
        return Reply(
            "Noted. To revise, I need the appeal Amazon rejected: paste it here. If you don't have it any"
            " more, say so and I'll write a new appeal from your facts that answers the rejection.",
            "questions",
        )

    def revise_without_previous(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        if not state.notice:
            state.notice = state.rejection  # what Amazon asks now is what the letter must answer
        record_rejection(self.history, appeal_id, state.rejection, date.today())
        state.stage = Stage.INTERVIEW
        return self._next(
            appeal_id,
            state,
            "No problem: I'll write a new appeal from your facts that answers the rejection.",
        )

    def answer_question(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        violation = self._violation(state)
        playbook = playbook_for(self.settings.knowledge_dir, violation)
        case = self.case(state)
        options = root_cause_options(playbook, case, case.source_text()) if playbook else []
        answer = answer_question(
            text, playbook=playbook, options=options, store=self.store, violation_type=violation
        )
        return self._reask(state, answer)

    def correct_cause(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        """The cause used is wrong: it is left out from now on, and the cause choice reopens."""
        used = [p for p in state.provenance if p.get("section") == "root_cause"]
        for entry in used:
            for source in entry.get("sources", []):
                state.declined.append(source.removeprefix("accepted-"))
        state.accepted = [a for a in state.accepted if a not in state.declined]
        state.answers.pop("root_cause", None)
        state.declined = list(dict.fromkeys(state.declined))
        state.stage = Stage.CHOOSE_CAUSE
        return self._propose_cause(state, "Understood: I have taken that cause out of the letter.")

    def acknowledge(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        if state.stage == Stage.DRAFTED:
            still = len(state.open_questions)
            return Reply(
                "Good. "
                + (
                    f"{still} point(s) are still needed (listed beside the letter); "
                    if still
                    else ""
                )
                + "paste Amazon's answer here if the appeal is rejected: I'll show what was missing and revise it.",
                "ack",
            )
        return self._reask(state, "Noted.")

    def change_letter(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        if SHORTER.search(text):
            state.shorter = True
        return self._redraft(appeal_id, state)

    def take_facts(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        first_words = not state.story and not state.answers
        if state.pending:
            state.answers[state.pending[0]] = text
        else:
            state.story = f"{state.story}\n{text}".strip()
        state.pending = []
        state.stage = Stage.INTERVIEW
        intro = (
            "Thanks. If you have Amazon's notice, paste it too: it tells me exactly what the appeal must answer."
            if first_words and not state.notice
            else ""
        )
        return self._next(appeal_id, state, intro)

    def skip_question(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        if state.pending:
            state.answers[state.pending[0]] = ""
        state.pending = []
        return self._next(appeal_id, state)

    def choose_cause(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        options = state.cause_options
        number = CHOICE_NUMBER.fullmatch(text)
        index = int(number.group(1)) - 1 if number else 0 if YES.match(text) else -1
        if not options or not 0 <= index < len(options):
            return Reply(
                "Reply with a number from the list, or write the cause in a sentence of your own.",
                "cause",
            )
        state.accepted = [*state.accepted, options[index]["id"]]
        state.stage = Stage.INTERVIEW  # the chosen cause's own questions come next
        return self._next(appeal_id, state, f"Noted: {options[index]['title']}.")

    def cause_in_own_words(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        if len(text.split()) < MIN_CAUSE_WORDS:
            return Reply(
                "In one or two sentences: why did it happen? What was missing or wrong in how you work?"
                " (Or reply with a number from the list.)",
                "cause",
            )
        state.answers["root_cause"] = text.strip()
        return self._draft(appeal_id, state, trigger="notice")

    def draft_without_cause(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        return self._draft(appeal_id, state, trigger="notice")

    def add_facts(
        self, appeal_id: int, state: ChatState, text: str, notice: Notice | None
    ) -> Reply:
        state.answers[f"note_{len(state.answers) + 1}"] = text  # the next draft uses them
        return self._redraft(appeal_id, state)
