"""What the conversation knows and says: the saved chat state, a reply, an interview question."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


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
    # notice | other_notice | questions | cause | drafted | revised | ack | refused
    event: str = ""
    stream: Iterator[str] | None = None  # the same text, token by token, when an LLM worded it
