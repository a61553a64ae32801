"""Parse an Amazon notice: violation type, kind, topics, required items, deadline, IDs, dates.

Offline and rule-based (`violation_type` for the type, `requests` for topics and items). When a
knowledge index is available, the type vote also uses the nearest notices and policies in it; an
LLM may refine the result (see `reading.llm.refine_notice`).
"""

from __future__ import annotations

import re
from typing import Any

from poa.core.models import Notice, RequiredItem
from poa.kb.rules import pattern
from poa.reading.document_checklist import find_documents
from poa.reading.notice_rules import deadline_rules, item_rules, kind_rules
from poa.reading.requests import (
    STANDARD_ITEMS,
    classify_item,
    deduplicate_items,
    find_required_items,
    find_topics,
    is_heading,
    split_enumeration,
    topics_from_items,
)
from poa.reading.violation_type import read_type
from poa.text.facts import find_asins, find_dates, find_order_ids, unique
from poa.text.language import detect_language
from poa.text.plain import clean_line, is_bullet, split_sentences, strip_bullet

_SIGN_OFF = re.compile(
    r"^(?:(?:the )?(?:seller performance|account health|amazon services|amazon\.\w+)(?: team)?|sincerely|regards"
    r"|kind regards|best regards|thank you|thanks)[,.!]?$",
    re.IGNORECASE,
)


_GREETING = re.compile(
    r"^(?:hello|dear (?:seller|amazon seller|merchant|partner)|hello from amazon|greetings from amazon|subject:)",
    re.IGNORECASE,
)


_MARKETPLACE = re.compile(
    r"\bamazon\.(com\.au|com\.mx|com\.br|com\.be|com\.tr|co\.uk|co\.jp|com|de|fr|it|es|ca|nl|se|pl|in|ae|sa|sg)\b",
    re.IGNORECASE,
)


_SIGNATURE = re.compile(
    r"^\s*(?:the\s+)?(?:amazon(?:\.[\w.]+)?|amazon services|seller performance(?: team)?|"
    r"[\w .-]{0,40}\bteam)\s*$",
    re.IGNORECASE,
)


def _seller_voice(paragraph: str) -> bool:
    """A paragraph the seller wrote (two or more of "I", "my", "me"), not Amazon's "we" and "you".
    Amazon's own questions ("How do I reactivate my account?") do not count."""
    statements = " ".join(
        s for s in split_sentences(paragraph) if not s.rstrip().endswith(("?", "？"))
    )
    if detect_language(statements) not in ("en", "unknown"):
        return False  # "i", "me" are other words in other languages
    return len(item_rules().cue("seller_voice").findall(statements)) >= 2


def notice_core(text: str) -> str:
    """The notice itself, without the seller's words or forum chatter pasted before or after it.

    It starts at Amazon's greeting (or, with none, at the first paragraph not in the seller's
    voice), skipping a seller's own "Hello, I need help …"; it ends at the sign-off, or at the
    first paragraph in the seller's voice after an unsigned notice."""
    lines = text.splitlines()
    voices = [(i, _seller_voice(para)) for i, para in _paragraph_starts(lines)]
    greetings = [i for i, line in enumerate(lines) if _GREETING.match(clean_line(line))]
    if greetings:
        start = greetings[0]
        after = [(i, seller) for i, seller in voices if i > start]
        if after and after[0][1]:  # the greeting was the seller's
            later = [i for i in greetings if i > after[0][0]]
            start = later[0] if later else next((i for i, seller in after if not seller), start)
    else:
        start = next((i for i, seller in voices if not seller), 0)
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if _SIGN_OFF.match(clean_line(lines[i])):
            end = i + 1
            # keep the signature lines under "Regards," ("Seller Performance Team", "Amazon.com")
            while end < len(lines) and end <= i + 2 and _SIGNATURE.match(lines[end]):
                end += 1
            break
        if _SIGNATURE.match(lines[i]) and i + 1 < len(lines) and not lines[i + 1].strip():
            end = i + 1  # "Amazon Services" alone, then a blank line: the notice is signed
            break
    end = next((i for i, seller in voices if start < i < end and seller), end)
    if not greetings and start == 0 and end == len(lines):
        return text.strip()
    return "\n".join(lines[start:end]).strip()


def _paragraph_starts(lines: list[str]) -> list[tuple[int, str]]:
    """(first line index, text) of each blank-line-separated paragraph."""
    result: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if not current:
                first = i
            current.append(line)
        elif current:
            result.append((first, " ".join(current)))
            current = []
    return result


def detect_notice_kind(text: str) -> str | None:
    """The first kind in `knowledge/rules/notice_kinds.yaml` whose cues the notice holds."""
    for rule in kind_rules().kinds:
        if rule.matches(text):
            return rule.kind
    return None


def find_deadline(text: str) -> int | None:
    """Days the notice gives to appeal or respond; a period of money on hold is no deadline."""
    rules = deadline_rules()
    for sentence in split_sentences(text):
        if pattern(rules.not_a_deadline).search(sentence):
            continue
        sentence = pattern(rules.not_a_deadline_phrase).sub(" ", sentence)
        for regex in rules.compiled():
            match = regex.search(sentence)
            if not match:
                continue
            found = next(value for key, value in match.groupdict().items() if value)
            days = int(found) if found.isdigit() else rules.number_words.get(found.lower())
            if days:
                return days
    return None


def seller_needs(kind: str | None, items: list[RequiredItem]) -> str | None:
    """What the seller has to send: a plan of action, documents, evidence of an error, or nothing."""
    if kind is None:
        return "plan_of_action" if items else None
    needed = [item for item in items if not item.in_error and not item.optional]
    plan = any(item.kind in ("root_cause", "actions", "prevention") for item in needed)
    if kind in ("reinstatement", "final_decision"):
        return "nothing"
    if plan:
        return "plan_of_action"
    if needed:
        return (
            "documents"
            if kind == "request_for_information"
            or all(item.kind in ("documents", "disclosure") for item in needed)
            else "plan_of_action"
        )
    if any(item.in_error for item in items):
        return "error_evidence"
    return kind_rules().rule(kind).needs


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


# Kinds that ask for no plan of action: a plan checklist is never added to them.
NO_PLAN_KINDS = ("final_decision", "reinstatement", "request_for_information")


def _asks_for_plan(core: str, kind: str | None) -> bool:
    """Does the notice ask for a plan of action? A warning must ask in so many words; a plan
    mentioned only for what would follow ("in that case you would have to send a plan") is none."""
    plan = item_rules().cue("plan_of_action")
    if kind != "warning":
        return bool(plan.search(core))
    return any(
        plan.search(sentence)
        and item_rules().cue("prose_request").search(sentence)
        and not item_rules().cue("hypothetical").search(sentence)
        for sentence in split_sentences(core)
    )


def _invited(core: str) -> list[RequiredItem]:
    """What a warning invites but does not require ("You may reply with an explanation of the
    cause and of the corrections you made"): the parts of such a sentence, marked optional."""
    rules = item_rules()
    return [
        RequiredItem(text=part, kind=kind, optional=True)
        for sentence in split_sentences(core)
        if rules.cue("optional").search(sentence) and rules.cue("invited_reply").search(sentence)
        for part in split_enumeration(sentence)
        if (kind := classify_item(part)) in ("root_cause", "actions", "prevention")
    ]


def parse_notice(text: str, store: Any = None) -> Notice:
    """Everything POA Assistant needs from a notice. `store` (optional) adds retrieval votes."""
    core = notice_core(text)
    raw_lines = _blocks(core)
    lines = [clean_line(line) for line in raw_lines]
    reading = read_type(core, store)
    kind = detect_notice_kind(core)
    topic_orders = find_topics(lines)
    topics = list(topic_orders)
    items = deduplicate_items(
        find_required_items(
            raw_lines, topics, rejection=kind == "rejection", violation_type=reading.violation_type
        ),
        topics,
    )
    if not topics:
        topics, items = topics_from_items(items)
    has_plan_items = any(item.kind in ("root_cause", "actions", "prevention") for item in items)
    # A plan of action always answers these three; a rejection that lists its own gaps does not ask
    # for them again, and a notice that asks for no plan gets none.
    if (
        kind not in NO_PLAN_KINDS
        and not has_plan_items
        and _asks_for_plan(core, kind)
        and (kind != "rejection" or not items)
    ):
        items = [*STANDARD_ITEMS, *items]
    if kind == "warning" and not items:
        items = _invited(core)
    items = [item.model_copy(update={"documents": find_documents(item.text)}) for item in items]
    marketplace = _MARKETPLACE.search(core)
    return Notice(
        text=core,
        violation_type=reading.violation_type,
        confidence=reading.confidence,
        runner_up=reading.runner_up,
        runner_up_confidence=reading.runner_up_confidence,
        type_evidence=reading.evidence,
        notice_kind=kind,
        needs=seller_needs(kind, items),
        language=detect_language(core) if core.strip() else "en",
        documents=list(dict.fromkeys(doc for item in items for doc in item.documents)),
        topics=topics,
        topic_order_ids=topic_orders,
        required_items=items,
        deadline_days=find_deadline(core),
        order_ids=find_order_ids(core),
        asins=find_asins(core),
        dates=unique([fact.iso for fact in find_dates(core)]),
        marketplace=f"amazon.{marketplace.group(1).lower()}" if marketplace else None,
    )
