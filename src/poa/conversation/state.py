"""What the conversation knows and says: the saved chat state, a reply, an interview question."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Stage(StrEnum):
    """Where the conversation is; saved as its value."""

    START = "start"  # nothing yet
    INTERVIEW = "interview"  # asking what the appeal still needs
    CHOOSE_CAUSE = "choose_cause"  # the seller names the cause, or picks the closest suggestion
    DRAFTED = "drafted"  # a letter exists; changes, new facts and rejections come next
    AWAITING_PREVIOUS = "awaiting_previous"  # a rejection came; the appeal it rejected is needed


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass
class ChatState:
    """What the conversation knows; saved with the appeal after every turn."""

    stage: str = Stage.START.value
    notice: str = ""
    story: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    root_cause: str | None = None  # older states only: now `accepted` or answers["root_cause"]
    accepted: list[str] = field(default_factory=list)  # suggestion ids the seller accepted
    declined: list[str] = field(default_factory=list)  # cause ids the seller said are wrong
    cause_options: list[dict[str, Any]] = field(default_factory=list)
    open_questions: list[dict[str, Any]] = field(default_factory=list)  # of the latest draft
    provenance: list[dict[str, Any]] = field(default_factory=list)  # of the latest draft
    rejection: str = ""
    rejected_letter: str = ""  # the appeal Amazon rejected; every revision starts from it
    language: str = "en"
    shorter: bool = False
    refused_input: str = ""  # text refused for its length, kept until the seller deletes it
    ai_failed: str = ""  # why the AI service failed on the last draft (the app offers a way on)
    chosen_type: str = ""  # the violation type the seller chose over the reader's
    documents_held: dict[str, list[int]] = field(default_factory=dict)  # ticked document rules
    documents_in_hand: list[str] = field(default_factory=list)  # requested documents the seller has
    notice_received: str = ""  # ISO day the seller says the notice came (the clock counts from it)
    notice_dated: str = ""  # ISO day on the notice's "Date:" line, as pasted
    notice_pasted: str = ""  # ISO day the notice was pasted
    processed: int = 0  # how many of the seller's messages have been answered

    @classmethod
    def load(cls, data: dict[str, Any]) -> ChatState:
        known = {key: value for key, value in data.items() if key in cls.__dataclass_fields__}
        state = cls(**known)
        if state.stage == "confirm_cause":  # the name before the state machine
            state.stage = Stage.CHOOSE_CAUSE.value
        return state

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Reply:
    text: str
    # notice | other_notice | questions | cause | drafted | revised | ack | refused
    event: str = ""
    stream: Iterator[str] | None = None  # the same text, token by token, when an LLM worded it
