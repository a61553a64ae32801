"""Parse an Amazon notice: violation type, kind, topics, required items, deadline, IDs, dates.

Offline and rule-based (`violation_type` for the type, `requests` for topics and items). When a
knowledge index is available, the type vote also uses the nearest notices and policies in it; an
LLM may refine the result (see `reading.llm.refine_notice`).
"""

from __future__ import annotations

import re
from typing import Any

from poa.core.models import Notice
from poa.reading.requests import (
    STANDARD_ITEMS,
    deduplicate_items,
    find_required_items,
    find_topics,
    is_heading,
    topics_from_items,
)
from poa.reading.violation_type import classify
from poa.text.facts import find_asins, find_dates, find_order_ids, unique
from poa.text.plain import clean_line, is_bullet, strip_bullet

_GAP = r"\W+(?:[\w'-]+\W+){0,5}?"


NOTICE_KIND_RULES: list[tuple[str, str]] = [
    (
        "rejection",
        r"(?:do not|don't) have enough information|not enough information|greater detail"
        rf"|(?:plan of action|appeal|documents?|response|invoices?){_GAP}(?:is|was|were|are|remains?) "
        r"(?:not (?:sufficient|accepted|complete|enough)|incomplete|insufficient)"
        r"|(?:unable|not able) to (?:reinstate|reactivate|accept|approve|verify)"
        r"|(?:cannot|can't|could not) (?:reinstate|reactivate|accept)|\bremains deactivated"
        r"|thank you for (?:your|submitting your) (?:plan of action|appeal|response|documents)",
    ),
    (
        "deactivation",
        rf"(?:account|selling privileges|offers){_GAP}(?:has|have) been (?:deactivated|suspended|removed)"
        rf"|deactivated{_GAP}(?:selling privileges|account|offers)|removed your selling privileges"
        r"|account (?:is|was) deactivated",
    ),
    (
        "listing_removal",
        rf"(?:removed|deactivated|suppressed|blocked|taken action on){_GAP}(?:listings?|asins?|offers?|products?)"
        rf"|(?:listings?|asins?|offers?){_GAP}(?:have|has) been (?:removed|deactivated|suppressed)",
    ),
    ("warning", r"\bwarning\b|at risk|policy violation|may (?:lead|result) in|violat"),
]


_SIGN_OFF = re.compile(
    r"^(?:(?:the )?(?:seller performance|account health|amazon services|amazon\.\w+)(?: team)?|sincerely|regards"
    r"|kind regards|best regards|thank you|thanks)[,.!]?$",
    re.IGNORECASE,
)


_GREETING = re.compile(
    r"^(?:hello|dear (?:seller|amazon seller|merchant|partner)|hello from amazon|greetings from amazon|subject:)",
    re.IGNORECASE,
)


_DEADLINE = [
    re.compile(
        r"within (?:the next |the following )?(?:\w+ \()?(\d{1,3})\)? (?:calendar |business )?days",
        re.I,
    ),
    re.compile(r"(?:in|you have|next) (?:the next )?(\d{1,3}) (?:calendar |business )?days", re.I),
    re.compile(r"(\d{1,3})[- ]days? (?:to|from|after)", re.I),
]


_MARKETPLACE = re.compile(
    r"\bamazon\.(com\.au|com\.mx|com\.br|com\.be|com\.tr|co\.uk|co\.jp|com|de|fr|it|es|ca|nl|se|pl|in|ae|sa|sg)\b",
    re.IGNORECASE,
)


_SIGNATURE = re.compile(
    r"^\s*(?:the\s+)?(?:amazon(?:\.[\w.]+)?|amazon services|seller performance(?: team)?|"
    r"[\w .-]{0,40}\bteam)\s*$",
    re.IGNORECASE,
)


def notice_core(text: str) -> str:
    """The notice itself, without forum chatter pasted before or after it."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _GREETING.match(clean_line(line))), None)
    if start is None:
        return text.strip()
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if _SIGN_OFF.match(clean_line(lines[i])):
            end = i + 1
            # keep the signature lines under "Regards," ("Seller Performance Team", "Amazon.com")
            while end < len(lines) and end <= i + 2 and _SIGNATURE.match(lines[end]):
                end += 1
            break
    return "\n".join(lines[start:end]).strip()


def detect_notice_kind(text: str) -> str | None:
    for kind, pattern in NOTICE_KIND_RULES:
        if re.search(pattern, text, re.IGNORECASE):
            return kind
    return None


def find_deadline(text: str) -> int | None:
    for pattern in _DEADLINE:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def _blocks(text: str) -> list[str]:
    """Logical lines: hard-wrapped prose and wrapped bullets are joined; Markdown marks are kept
    (headings are recognised by them)."""
    result: list[str] = []
    joinable = False  # may the next line continue the last one?
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            joinable = False
            continue
        if is_bullet(line):
            result.append(line)
            joinable = True
            continue
        previous = result[-1] if result else ""
        heading = is_heading(line, strip_bullet(clean_line(line)))
        continues_bullet = is_bullet(previous) and (
            line.startswith((" ", "\t")) or line.strip()[:1].islower()
        )
        continues_prose = (
            previous and not is_bullet(previous) and not is_heading(previous, clean_line(previous))
        )
        if joinable and not heading and (continues_bullet or continues_prose):
            result[-1] = f"{previous} {line.strip()}"
        else:
            result.append(line)
            joinable = not heading
    return result


def parse_notice(text: str, store: Any = None) -> Notice:
    """Everything POA Assistant needs from a notice. `store` (optional) adds retrieval votes."""
    core = notice_core(text)
    raw_lines = _blocks(core)
    lines = [clean_line(line) for line in raw_lines]
    violation_type, confidence = classify(core, store)
    kind = detect_notice_kind(core)
    topic_orders = find_topics(lines)
    topics = list(topic_orders)
    items = deduplicate_items(
        find_required_items(raw_lines, topics, rejection=kind == "rejection"), topics
    )
    if not topics:
        topics, items = topics_from_items(items)
    if not any(item.kind in ("root_cause", "actions", "prevention") for item in items):
        # A plan of action always answers these three; a rejection that lists its own gaps does not
        # ask for them again.
        asks_for_plan = re.search(r"plan of action", core, re.IGNORECASE)
        if (asks_for_plan and kind != "rejection") or (
            not items and re.search(r"plan|appeal", core, re.I)
        ):
            items = [*STANDARD_ITEMS, *items]
    marketplace = _MARKETPLACE.search(core)
    return Notice(
        text=core,
        violation_type=violation_type,
        confidence=confidence,
        notice_kind=kind,
        topics=topics,
        topic_order_ids=topic_orders,
        required_items=items,
        deadline_days=find_deadline(core),
        order_ids=find_order_ids(core),
        asins=find_asins(core),
        dates=unique([fact.iso for fact in find_dates(core)]),
        marketplace=f"amazon.{marketplace.group(1).lower()}" if marketplace else None,
    )
