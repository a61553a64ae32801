"""What a message is: each is classified once, into one `Intent`, before the assistant acts.

Patterns over the seller's message (and, for a pasted text, the notice reader). The transition
table in `machine.py` decides what each intent does in each stage.
"""

from __future__ import annotations

import re
from enum import StrEnum

from poa.core.models import Notice
from poa.reading.notice import parse_notice
from poa.reading.notice_rules import item_rules

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

# "the root cause is not right, please remove that": a correction, not a cause
CAUSE_WRONG = re.compile(
    r"\b(?:root )?cause\b[^.?!]{0,40}\b(?:(?:is|was|'s)(?: not|n't) (?:right|correct|true|it|what happened)|wrong|incorrect|false|untrue)\b"
    r"|\b(?:that|this|it)(?:'s| is| was)(?: not|n't) (?:true|right|correct|what happened)\b|\bthat'?s wrong\b"
    r"|\bwe (?:never|did not|didn't) (?:do|use|hire|have) (?:that|this|any)\b|\b(?:remove|delete|take out|drop) (?:that|this|it|the (?:root )?cause)\b"
    r"|\bnot (?:our|my) (?:root )?cause\b|\bwrong (?:root )?cause\b",
    re.IGNORECASE,
)

# a question to the assistant: it is answered, never stored as a fact
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:what|how|why|which|when|where|who|should|can|could|do|does|is|are|will|would|may|must)\b[^.!]*$",
    re.IGNORECASE,
)

# "Sorry, I don't have the old appeal any more": after a rejection, not the previous appeal
NO_PREVIOUS = re.compile(
    r"\b(?:don'?t|do not|didn'?t|did not|no longer|never) (?:have|kept|keep|save[d]?|got)\b[^.]{0,40}\b(?:appeal|letter|plan|poa|copy|it)\b"
    r"|\b(?:lost|deleted) (?:the|my|our) (?:old |previous |first )?(?:appeal|letter|plan|poa)\b|\bno (?:copy|previous appeal)\b",
    re.IGNORECASE,
)

# what a letter to Seller Performance reads like (the previous appeal)
APPEAL_VOICE = re.compile(
    r"\broot cause\b|\bplan of action\b|\bpreventive\b|\bcorrective\b|\bdear (?:seller performance|amazon|sir)"
    r"|\bwe (?:have|had) (?:taken|implemented|removed|updated|trained)\b|\bsteps (?:we have )?taken\b|\breinstate",
    re.IGNORECASE,
)


class Intent(StrEnum):
    """What one message from the seller is."""

    NOTICE = "notice"
    REJECTION = "rejection"
    PREVIOUS_APPEAL = "previous_appeal"
    NO_PREVIOUS = "no_previous"
    GREETING = "greeting"
    QUESTION = "question"
    CAUSE_CORRECTION = "cause_correction"
    CHANGE_REQUEST = "change_request"
    ACKNOWLEDGEMENT = "acknowledgement"
    SKIP = "skip"
    CHOICE = "choice"
    FACTS = "facts"  # a story, an answer, new facts


CHOICE_NUMBER = re.compile(r"\s*(?:option |number |#)?(\d)\s*[.)]?\s*", re.IGNORECASE)


def reads_as_appeal(text: str) -> bool:
    """Long enough and in the voice of a letter to Amazon: a previous appeal, not a remark."""
    return len(text.split()) >= 40 and bool(APPEAL_VOICE.search(text))


def classify_message(text: str, stage: str) -> tuple[Intent, Notice | None]:
    """The one intent of a message in the given stage (and the notice, when it is one)."""
    notice = looks_like_notice(text) if len(text) >= 120 else None
    if notice is not None:
        if notice.notice_kind == "rejection" and not (
            stage == "awaiting_previous" and reads_as_appeal(text)
        ):
            return Intent.REJECTION, notice
        if notice.notice_kind != "rejection" and not (
            stage == "awaiting_previous" and reads_as_appeal(text)
        ):
            return Intent.NOTICE, notice
    if stage == "awaiting_previous":
        if reads_as_appeal(text):
            return Intent.PREVIOUS_APPEAL, None
        if NO_PREVIOUS.search(text):
            return Intent.NO_PREVIOUS, None
    if HELLO.match(text):
        return Intent.GREETING, None
    if CAUSE_WRONG.search(text):
        return Intent.CAUSE_CORRECTION, None
    if stage == "choose_cause" and (
        CHOICE_NUMBER.fullmatch(text) or (YES.match(text) and len(text.split()) <= 3)
    ):
        return Intent.CHOICE, None
    if SKIP.match(text):
        return Intent.SKIP, None
    if stage == "drafted" and THANKS.match(text):
        return Intent.ACKNOWLEDGEMENT, None
    if QUESTION.search(text.strip()) and len(text.split()) <= 40:
        return Intent.QUESTION, None
    if stage == "drafted" and SHORTER.search(text):
        return Intent.CHANGE_REQUEST, None
    return Intent.FACTS, None


def looks_like_notice(text: str) -> Notice | None:
    """The text as a parsed notice when it reads like a message from Amazon, else None."""
    notice = parse_notice(text)
    if notice.notice_kind and (AMAZON_VOICE.search(text) or notice.required_items):
        return notice
    return None


def words_around_notice(text: str, notice: Notice) -> str:
    """What the seller wrote before or after the notice in the same message (often their story)."""
    before, found, after = text.replace("\r\n", "\n").partition(notice.text)
    if not found:
        return ""
    header = item_rules().cue("mail_header")  # "Date: …" copied with the notice: not the story
    lines = [line for line in f"{before}\n{after}".splitlines() if not header.search(line)]
    return "\n".join(lines).strip()
