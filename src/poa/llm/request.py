"""The only way to build what is sent to a model: every message is redacted here.

`build_request` redacts all messages of one request together (one mapping, so a buyer's e-mail
is the same placeholder in the notice and in the facts). `LLMRequest` cannot be made any other
way, and the client (`poa.llm.client`) sends nothing else, so no caller can forget redaction.
"""

from __future__ import annotations

from poa.text.redact import Redaction, redact, restore

_SEPARATOR = "\n\u0000\n"  # never in prompt text: splits the jointly redacted messages again
_BUILDER = object()


class LLMRequest:
    """The redacted messages of one request, and the mapping to put personal data back."""

    __slots__ = ("messages", "redaction")

    def __init__(self, messages: tuple[tuple[str, str], ...], redaction: Redaction, _by: object):
        if _by is not _BUILDER:
            raise TypeError("an LLMRequest is built by poa.llm.request.build_request only")
        self.messages = messages  # (role, content), content already redacted
        self.redaction = redaction

    @property
    def system(self) -> str:
        return self.messages[0][1]

    @property
    def user(self) -> str:
        return self.messages[-1][1]

    def restore(self, text: str) -> str:
        """The model's text with contact details put back (a buyer's name becomes 'the buyer')."""
        return restore(text, self.redaction.mapping)


def build_request(system: str, user: str) -> LLMRequest:
    """A system and a user message, redacted of buyer personal data, ready for the client."""
    redaction = redact(_SEPARATOR.join([system.replace("\u0000", ""), user.replace("\u0000", "")]))
    redacted_system, redacted_user = redaction.text.split(_SEPARATOR, 1)
    return LLMRequest((("system", redacted_system), ("user", redacted_user)), redaction, _BUILDER)
