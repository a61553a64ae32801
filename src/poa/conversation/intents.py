"""How a message reads: a notice from Amazon, yes, skip, thanks, hello, "shorter", a new cause.

Patterns over the seller's message, used by the assistant to route a turn.
"""

from __future__ import annotations

import re

from poa.core.models import Notice
from poa.reading.notice import parse_notice

AMAZON_VOICE = re.compile(
    r"seller performance|account health|selling privileges|plan of action|\bdear seller\b|\bwe have (?:removed|deactivated)"
    r"|\bamazon\.(?:com|co\.uk|de|fr|it|es|ca)\b|thank you for your (?:plan|appeal)|we do not have enough information",
    re.IGNORECASE,
)


YES = re.compile(
    r"^\s*(?:yes|yeah|yep|correct|right|ok(?:ay)?|that's (?:it|right)|confirm(?:ed)?|sure)\b",
    re.IGNORECASE,
)


SKIP = re.compile(
    r"^\s*(?:skip|no idea|(?:i )?don'?t know|not sure|n/?a|none|nothing|pass)\s*[.!]?\s*$",
    re.IGNORECASE,
)


# a whole message that only acknowledges the draft (or SKIP): nothing to change, no new version
THANKS = re.compile(
    r"^\s*(?:yes|yeah|yep|ok(?:ay)?|great|good|perfect|fine|looks good|thanks?(?: you)?|thx|no|nope|"
    r"no changes?|done|cool)(?:[\s,!.]+(?:thanks?(?: you)?|a lot|so much|much))*\s*[.!]*\s*$",
    re.IGNORECASE,
)


HELLO = re.compile(
    r"^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|help)\b[\s!.,]*(?:there)?[\s!.]*$",
    re.IGNORECASE,
)


SHORTER = re.compile(
    r"\b(?:shorter|shorten|too long|more concise|less text|cut it down)\b", re.IGNORECASE
)


CAUSE_CHANGE = re.compile(
    r"\b(?:the )?(?:real |actual |root )cause (?:is|was)\b|\bit was (?:actually|really)\b",
    re.IGNORECASE,
)


def looks_like_notice(text: str) -> Notice | None:
    """The text as a parsed notice when it reads like a message from Amazon, else None."""
    notice = parse_notice(text)
    if notice.notice_kind and (AMAZON_VOICE.search(text) or notice.required_items):
        return notice
    return None


def words_around_notice(text: str, notice: Notice) -> str:
    """What the seller wrote before or after the notice in the same message (often their story)."""
    before, found, after = text.replace("\r\n", "\n").partition(notice.text)
    return "\n".join(part.strip() for part in (before, after) if part.strip()) if found else ""


def plain_markdown(text: str) -> str:
    """Seller text quoted inside a Markdown message, with Markdown syntax neutralised."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>~])", r"\\\1", text)
