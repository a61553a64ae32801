"""The conversation behind the app: notice → questions → root cause → draft → changes → revision.

`Assistant.handle` takes one message from the seller and returns the assistant's reply. Everything
it needs to resume (stage, notice, story, answers, the confirmed root cause) is saved with the appeal
in SQLite before it replies, so a refresh or a restart loses nothing. The flow is the same with
or without an LLM; with one, the questions are worded by the model and drafts are written by it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from poa.case import extract_case
from poa.config import Settings
from poa.draft import DraftResult, draft_appeal, resolve_violation_type, root_cause_options
from poa.drafting.render import render_markdown, render_text
from poa.errors import UserError
from poa.history import History
from poa.knowledge import playbook_for
from poa.models import Appeal, Case, Notice
from poa.notice import notice_core, parse_notice
from poa.rubric import score_appeal

GREETING = (
    "I help you write the **Plan of Action** Amazon's Seller Performance team asks for: one clear root cause, "
    "the actions you took with their dates, and prevention that answers that cause.\n\n"
    "Paste the notice you received from Amazon, or describe what happened."
)
MARKETPLACE_LANGUAGES = {
    "amazon.de": "de",
    "amazon.it": "it",
    "amazon.fr": "fr",
    "amazon.es": "es",
    "amazon.co.jp": "ja",
    "amazon.com.mx": "es",
    "amazon.com.be": "fr",
}
_AMAZON_VOICE = re.compile(
    r"seller performance|account health|selling privileges|plan of action|\bdear seller\b|\bwe have (?:removed|deactivated)"
    r"|\bamazon\.(?:com|co\.uk|de|fr|it|es|ca)\b|thank you for your (?:plan|appeal)|we do not have enough information",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\s*(?:yes|yeah|yep|correct|right|ok(?:ay)?|that's (?:it|right)|confirm(?:ed)?|sure)\b",
    re.IGNORECASE,
)
_SKIP = re.compile(
    r"^\s*(?:skip|no idea|(?:i )?don'?t know|not sure|n/?a|none|nothing|pass)\s*[.!]?\s*$",
    re.IGNORECASE,
)
# a whole message that only acknowledges the draft (or _SKIP): nothing to change, no new version
_THANKS = re.compile(
    r"^\s*(?:yes|yeah|yep|ok(?:ay)?|great|good|perfect|fine|looks good|thanks?(?: you)?|thx|no|nope|"
    r"no changes?|done|cool)(?:[\s,!.]+(?:thanks?(?: you)?|a lot|so much|much))*\s*[.!]*\s*$",
    re.IGNORECASE,
)
_HELLO = re.compile(
    r"^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|help)\b[\s!.,]*(?:there)?[\s!.]*$",
    re.IGNORECASE,
)
_SHORTER = re.compile(
    r"\b(?:shorter|shorten|too long|more concise|less text|cut it down)\b", re.IGNORECASE
)
_CAUSE_CHANGE = re.compile(
    r"\b(?:the )?(?:real |actual |root )cause (?:is|was)\b|\bit was (?:actually|really)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass
class ChatState:
    """What the conversation knows; saved with the appeal after every turn."""

    stage: str = "start"  # start | interview | confirm_cause | drafted | awaiting_previous
    notice: str = ""
    story: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    root_cause: str | None = None
    cause_options: list[dict[str, Any]] = field(default_factory=list)
    rejection: str = ""
    rejected_letter: str = ""  # the appeal Amazon rejected; every revision starts from it
    language: str = "en"
    shorter: bool = False
    refused_input: str = ""  # text refused for its length, kept so nothing is lost
    processed: int = 0  # how many of the seller's messages have been answered

    @classmethod
    def load(cls, data: dict[str, Any]) -> ChatState:
        known = {key: value for key, value in data.items() if key in cls.__dataclass_fields__}
        return cls(**known)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Reply:
    text: str
    # notice | other_notice | questions | cause | drafted | revised | ack | refused | error
    event: str = ""
    stream: Iterator[str] | None = None  # the same text, token by token, when an LLM worded it


_LOCKS: dict[int, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(appeal_id: int) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(appeal_id, threading.Lock())


def looks_like_notice(text: str) -> Notice | None:
    """The text as a parsed notice when it reads like a message from Amazon, else None."""
    notice = parse_notice(text)
    if notice.notice_kind and (_AMAZON_VOICE.search(text) or notice.required_items):
        return notice
    return None


def words_around_notice(text: str, notice: Notice) -> str:
    """What the seller wrote before or after the notice in the same message (often their story)."""
    before, found, after = text.replace("\r\n", "\n").partition(notice.text)
    return "\n".join(part.strip() for part in (before, after) if part.strip()) if found else ""


def _plain(text: str) -> str:
    """Seller text quoted inside a Markdown message, with Markdown syntax neutralised."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>~])", r"\\\1", text)


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
            title=_title(violation, notice.order_ids, notice.asins),
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
        if first_words and not state.pending and _HELLO.match(text):
            return Reply(
                "Hello! Paste the notice you received from Amazon, or tell me what happened.",
                "questions",
            )
        if state.pending:
            if _SKIP.match(text):
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

    def missing_questions(self, state: ChatState) -> list[Question]:
        """What the appeal still needs from the seller, most important first (never asked twice)."""
        notice = parse_notice(state.notice) if state.notice else None
        case = self.case(state)
        told = case.source_text()
        questions: list[Question] = []
        if len(case.what_happened.split()) < 8:
            questions.append(
                Question(
                    "what_happened",
                    "What happened, in your own words? Who sent, listed or shipped what, and on which order?",
                )
            )
        if not case.incident_dates and not re.search(r"\b(?:19|20)\d{2}\b", told):
            questions.append(
                Question("when", "When did it happen? Give the date (or the month) it started.")
            )
        if not case.roles and not re.search(r"\b(?:i|we)\b", told, re.IGNORECASE):
            questions.append(
                Question(
                    "who", "Who did it: you, an employee (which role), a freelancer or an agency?"
                )
            )
        if (
            notice
            and not notice.order_ids
            and not notice.asins
            and not case.order_ids
            and not case.asins
        ):
            questions.append(
                Question("orders", "Which orders or ASINs were involved? If none, say so.")
            )
        if not case.actions_taken:
            questions.append(
                Question("actions", "What have you already done to fix it, and on which dates?")
            )
        elif any(a.date is None for a in case.actions_taken):
            undated = "; ".join(a.text.rstrip(".") for a in case.actions_taken if a.date is None)[
                :200
            ]
            questions.append(
                Question("action_dates", f"On which dates did you do these: {undated}?")
            )
        if notice:
            for index, item in enumerate(notice.required_items):
                if item.kind in ("disclosure", "documents") and not _answered(item.text, told):
                    questions.append(Question(f"item_{index}", item.text.rstrip(".") + "?"))
        playbook = playbook_for(self.settings.knowledge_dir, self._violation(state))
        if playbook and told.strip():
            top = root_cause_options(playbook, told)[0]
            cause = next(c for c in playbook.root_causes if c.id == top["id"])
            questions += [
                Question(f"cause_{cause.id}_{i}", q) for i, q in enumerate(cause.questions[:2])
            ]
        if not case.measures_start:
            questions.append(
                Question(
                    "measures_start",
                    "From which date do your new checks and rules apply (or will they)?",
                )
            )
        return [q for q in questions if q.id not in state.asked]

    def _next_questions(self, appeal_id: int, state: ChatState, intro: str = "") -> Reply:
        questions = self.missing_questions(state)[:2]
        if not questions:
            return self._propose_cause(state, intro)
        state.pending = [q.id for q in questions]
        state.asked += state.pending
        if self.llm:
            worded = self._llm_questions(state, questions, intro)
            if worded is not None:
                return worded
        lines = [intro, ""] if intro else []
        lines.append(
            "So the appeal is specific, I need:" if len(questions) > 1 else "One more thing:"
        )
        lines += [f"{i}. {q.text}" for i, q in enumerate(questions, 1)]
        lines.append("\n(Reply in your own words, or *skip* if you don't know.)")
        return Reply("\n".join(lines).strip(), "questions")

    def _llm_questions(
        self, state: ChatState, questions: list[Question], intro: str
    ) -> Reply | None:
        """The questions worded by the LLM in a short, friendly turn (streamed); None on failure."""
        from langchain_core.messages import HumanMessage, SystemMessage

        from poa.drafting.llm import LLMError, llm_error, make_chat_model
        from poa.prompts import load_prompt
        from poa.redact import redact

        prompt = load_prompt(self.settings.prompts_dir, "interview.md").render(
            notice=redact(state.notice).text or "(not given yet)",
            facts=redact(self.case(state).source_text()).text or "(nothing yet)",
            questions="\n".join(f"- {q.text}" for q in questions),
            intro=intro or "(none)",
        )
        model = self.chat_model or make_chat_model(self.settings)
        self.on_step("Asking the AI service how to word the next questions")
        try:
            chunks = []
            for chunk in model.stream(
                [SystemMessage(prompt), HumanMessage("Write your next message.")]
            ):
                chunks.append(str(chunk.content))
                if self.on_token:
                    self.on_token(chunks[-1])
        except Exception as error:  # the interview carries on with our own wording
            message = (
                str(llm_error(error, self.settings))
                if not isinstance(error, LLMError)
                else str(error)
            )
            return Reply(
                f"{intro}\n\n(The AI service is unavailable: {message})\n\n"
                + "\n".join(f"{i}. {q.text}" for i, q in enumerate(questions, 1)),
                "questions",
            )
        text = "".join(chunks).strip()
        return Reply(text, "questions", iter(chunks)) if text else None

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
        best = next(c for c in playbook.root_causes if c.id == options[0]["id"])
        others = "\n".join(f"{i}. {o['title']}" for i, o in enumerate(options[1:4], 2))
        text = (
            f"{intro}\n\nFrom what you've told me, the root cause is most likely:\n\n**1. {best.title}**  \n{best.statement}\n\n"
            f"Amazon expects **one** root cause. Is this it? Reply **yes**, or pick another by number:\n\n{others}\n\n"
            "…or write the cause in your own words."
        )
        return Reply(text.strip(), "cause")

    def _confirm_cause(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        options = state.cause_options
        number = re.fullmatch(r"\s*(\d)\s*[.)]?\s*", text)
        if (_YES.match(text) or _SKIP.match(text)) and options:
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
            result = _compact(result, self.settings)
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
        if not state.notice:  # told without a notice: the story named the type
            self.history.update_appeal(
                appeal_id,
                title=_title(result.violation_type, result.case.order_ids, result.case.asins),
                violation_type=result.violation_type,
            )
        version = self.history.add_version(
            appeal_id,
            result.letter,
            trigger_kind=trigger,
            trigger_text=state.notice if trigger == "notice" else "",
            source=result.backend,
            appeal=result.appeal.model_dump(),
            scorecard=result.scorecard.to_json() if result.scorecard else None,
        )
        state.stage = "drafted"
        card = result.scorecard
        passed = sum(1 for r in card.criteria.values() if r.gate and r.passed) if card else 0
        lines = [
            f"Here is your appeal, **version {version.number}** ({'AI-written' if result.backend == 'openai' else 'offline draft'})."
        ]
        if result.fallback:
            lines.append(
                f"The AI service failed ({result.fallback}), so this is the offline draft."
            )
        lines.append(f"It passes **{passed} of 4** gate checks; the scorecard is beside it.")
        if result.questions:
            lines.append(
                f"It still has **{len(result.questions)}** bracketed question(s) only you can answer, e.g. {_plain(result.questions[0])}"
            )
        lines.append(
            "Tell me what to change (for example *we also retrained the whole team on June 24*, or *shorter*), or paste Amazon's rejection if it comes back."
        )
        return Reply("\n\n".join(lines), "drafted")

    def _change(self, appeal_id: int, state: ChatState, text: str) -> Reply:
        if _THANKS.match(text) or _SKIP.match(text):
            return Reply(
                "Good. Fill in the bracketed questions before you send it, and paste Amazon's answer here "
                "if the appeal is rejected: I'll show what was missing and revise it.",
                "ack",
            )
        if _SHORTER.search(text):
            state.shorter = True
        elif _CAUSE_CHANGE.search(text):
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
        from poa.revise import revise

        self.on_step("Comparing the previous appeal with what Amazon asked for")
        previous = state.rejected_letter or self.history.version(appeal_id).letter  # older states
        if not self.history.versions(appeal_id):
            self.history.add_version(appeal_id, previous, trigger_kind="imported", source="seller")
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
        self.history.add_version(
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
        gaps = "\n".join(f"- **{g.status}**: {_plain(g.item.text)}" for g in result.analysis.gaps)
        reasons = "\n".join(f"- {_plain(r)}" for r in result.analysis.reasons[:6])
        changes = "\n".join(f"- {_plain(c)}" for c in result.changes)
        confirm = ""
        if result.confirm_root_cause:
            confirm = (
                "\n\nYour facts fit more than one cause; I kept the first. If another is right, tell me: "
                + " / ".join(_plain(c) for c in result.confirm_root_cause[1:])
            )
        text = (
            f"Here is what Amazon asked for and how the previous appeal answered it:\n{gaps}\n\n"
            f"Likely reasons for the rejection:\n{reasons}\n\nWhat I changed in the revision:\n{changes}{confirm}\n\n"
            "The revision and a side-by-side comparison are shown with the conversation."
        )
        return Reply(text, "revised")

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
        return self.history.add_version(
            appeal_id, letter, trigger_kind="edit", source="seller", scorecard=card.to_json()
        )


def _answered(request: str, told: str) -> bool:
    from poa.coverage import needed_terms

    terms = needed_terms(request, "disclosure") + needed_terms(request, "documents")
    return bool(terms) and all(re.search(t, told, re.IGNORECASE) for t in terms)


def _title(violation_type: str, order_ids: list[str], asins: list[str]) -> str:
    ids = order_ids[:2] or asins[:2]
    label = violation_type.replace("_", " ")
    return f"{label}: {', '.join(ids)}" if ids else label


def _compact(result: DraftResult, settings: Settings) -> DraftResult:
    """A shorter letter: suggested (unconfirmed) actions and all but three documents left out."""
    appeal: Appeal = result.appeal
    plans = [
        plan.model_copy(
            update={
                "immediate_actions": [a for a in plan.immediate_actions if a.confirmed]
                or plan.immediate_actions[:1]
            }
        )
        for plan in appeal.plans()
    ]
    first, *others = plans
    shorter = appeal.model_copy(
        update={
            "immediate_actions": first.immediate_actions,
            "additional_topics": others,
            "evidence": appeal.evidence[:3],
        }
    )
    letter = render_text(shorter)
    card = score_appeal(
        letter,
        notice=result.notice,
        story=result.case.source_text(),
        char_limit=settings.char_limit,
    )
    result.appeal, result.letter, result.markdown, result.scorecard = (
        shorter,
        letter,
        render_markdown(shorter),
        card,
    )
    return result


def offline_redraft(assistant: Assistant, appeal_id: int) -> Reply:
    """The offline draft, offered when the AI service failed: same facts, no LLM."""
    with _lock_for(appeal_id):
        state = assistant.state(appeal_id)
        reply = assistant._draft(appeal_id, state, trigger="edit", backend="offline")
        assistant._save(appeal_id, state)
        assistant.history.add_message(appeal_id, "assistant", reply.text)
    return reply
