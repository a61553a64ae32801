"""What a notice asks for: its topics (ODR-style issue lists) and each requested item.

Bullets under request headings, "greater detail on …" lines, "a plan of action that explains …"
enumerations and prose requests ("Please send invoices from …"); advice and procedure are not
requests.
"""

from __future__ import annotations

import re

from poa.core.models import RequiredItem
from poa.kb.rules import pattern
from poa.reading.notice_rules import item_rules, rest_of
from poa.reading.violation_type import types_named
from poa.text.facts import find_order_ids
from poa.text.plain import clean_line, is_bullet, split_sentences, strip_bullet

STANDARD_ITEMS = [
    RequiredItem(text="The root cause of the issue", kind="root_cause"),
    RequiredItem(text="The actions you have taken to resolve the issue", kind="actions"),
    RequiredItem(
        text="The steps you have taken to prevent the issue from happening again", kind="prevention"
    ),
]


def _cue(name: str) -> re.Pattern[str]:
    return item_rules().cue(name)


def topic_pattern(topic: str) -> str | None:
    """The words of a topic ("Late shipments") as a pattern, for finding it in a letter."""
    return next((t.pattern for t in item_rules().topics if t.label == topic), None)


def topic_label(line: str) -> str | None:
    for topic in item_rules().topics:
        if pattern(topic.pattern).search(line):
            return topic.label
    return None


def find_topics(lines: list[str]) -> dict[str, list[str]]:
    """Issues listed one per line (numbered items, bullets or short headings) that name a topic,
    each with the order IDs listed under it.

    A topic mentioned inside a prose paragraph (a definition of ODR, say) is not a separate issue.
    """
    topics: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = strip_bullet(line)
        listed = is_bullet(line) or (
            len(text) < 110 and not text.endswith(":") and text[:1].isupper()
        )
        label = topic_label(text)
        is_topic = (
            listed
            and label is not None
            and label not in topics
            and not _cue("request_verb").search(text.split(" ", 1)[0])
            and not re.match(r"(?:the )?(?:root cause|actions?|steps?)\b", text, re.IGNORECASE)
            and re.search(r"\b(?:buyers?|customers?|orders?|issue)\b", text, re.IGNORECASE)
        )
        if is_topic:
            current = label
            topics[current] = []
        elif _cue("request_heading").search(text) or _cue("request_intro").search(text):
            current = None
        if current:
            topics[current] += [oid for oid in find_order_ids(line) if oid not in topics[current]]
    return topics if len(topics) >= 2 else {}


def classify_item(text: str) -> str:
    for rule in item_rules().item_kinds:
        if rule.regex.search(text):
            return rule.kind
    return "other"


def split_enumeration(text: str) -> list[str]:
    """'the root cause, the actions you took, and how you will prevent it' → three parts."""
    parts = _cue("enumeration_break").split(text)
    return [part.strip(" .:") for part in parts if part and len(part.strip(" .:")) > 3]


def _prose_requests(text: str, topic: str | None) -> list[RequiredItem]:
    """Requests made in sentences ('Please send invoices from …'), not advice or procedure."""
    items = []
    for sentence in split_sentences(text):
        if (
            _cue("prose_request").search(sentence)
            and not _cue("optional").search(sentence)
            and not _cue("procedure").search(sentence)
        ):
            kind = classify_item(sentence)
            if kind != "other":
                in_error = bool(_cue("in_error").search(sentence))
                items.append(
                    RequiredItem(
                        text=sentence.rstrip(".:"), kind=kind, topic=topic, in_error=in_error
                    )
                )
    return items


def is_heading(raw: str, text: str) -> bool:
    short = len(text) < 90 and len(text.split()) <= 12
    bold = raw.strip().startswith(("**", "#", "__", "■", "【", "◆"))
    return short and (text.endswith("?") or bold or (text.endswith(":") and len(text.split()) <= 8))


def _items_from_text(text: str, topic: str | None) -> list[RequiredItem]:
    return [
        RequiredItem(text=part.rstrip(".;,"), kind=classify_item(part), topic=topic)
        for part in split_enumeration(text)
    ]


def find_required_items(
    raw_lines: list[str],
    topics: list[str],
    rejection: bool = False,
    violation_type: str | None = None,
) -> list[RequiredItem]:
    """Items the notice asks for: bullets under request headings, 'greater detail on …' lines,
    'a plan of action that explains …' enumerations, and prose requests ('Please send …').

    Requests under "If you believe this was in error" are kept as options (`in_error`); of the
    branches "For authenticity complaints: … / For all other complaints: …" only the one for
    `violation_type` is kept."""
    items: list[RequiredItem] = []
    generic: list[RequiredItem] = []  # from "a plan of action that explains A, B and C"
    zone: str | None = None
    topic: str | None = None
    branch: str | None = None  # the branch the lines are in: a violation type, or "other"
    in_error = False  # under "If you believe this was in error …"
    branch_of: list[str | None] = []  # per item, the branch it was found in
    for raw in raw_lines:
        items = _tag(items, branch_of, branch, in_error)
        text = strip_bullet(clean_line(raw))
        bullet = is_bullet(raw)
        if branch and not bullet:
            branch = None  # a branch is the list under its heading; prose after it is general
        branch_match = _cue("branch").match(text)
        if branch_match and len(text) < 90:
            branch, zone = _branch_type(text), "request"
            continue
        if not bullet and _cue("requirements_intro").search(text):
            zone = "requirements"  # what a document must show: the checklist's job, not a request
            continue
        if _cue("in_error").search(text) and (text.endswith(":") or is_heading(raw, text)):
            in_error, zone = True, "request"
            continue
        detail = _cue("greater_detail").search(text)
        enumeration = _cue("poa_enumeration").search(text)
        if detail and rest_of(detail).strip():
            items += _prose_requests(re.sub(r"\s+and\s*$", "", text[: detail.start()]), topic)
            sentences = split_sentences(rest_of(detail))
            parts = _items_from_text(sentences[0], topic)
            if parts and len(sentences) > 1:  # "… Explain why …" says what detail is wanted
                last = parts[-1]
                parts[-1] = last.model_copy(
                    update={"text": f"{last.text}. {' '.join(sentences[1:]).rstrip('.')}"}
                )
            items += parts
            continue
        if enumeration and rest_of(enumeration).strip():
            parts = _items_from_text(split_sentences(rest_of(enumeration))[0], topic)
            generic += [item for item in parts if item.kind != "other"]
        if not bullet and is_heading(raw, text):
            topic, branch, in_error = None, None, False
            asks = _cue("request_heading").search(text) or _cue("request_intro").search(text)
            if asks and not re.match(r"why\b", text, re.IGNORECASE):
                zone = "request"
            elif not text.endswith(":"):  # "Choose one of these options:" keeps the zone it is in
                zone = "other"
            if topics and topic_label(text) in topics:
                topic, zone = topic_label(text), "request"
            continue
        if topics and not bullet and topic_label(text) in topics and len(text) < 140:
            topic = topic_label(text)
            zone = "request" if items or zone == "request" or rejection else zone
            continue
        if bullet and enumeration and zone == "request":
            items += [item for item in generic if item not in items]
            generic = [item for item in generic if item not in items]
            continue
        if bullet and zone == "one_of":
            last = items[-1]
            intro, _, options = last.text.partition(": ")
            options = f"{options}; {text.rstrip('.;,')}" if options else text.rstrip(".;,")
            items[-1] = last.model_copy(
                update={"text": f"{intro}: {options}", "kind": classify_item(options)}
            )
            continue
        if bullet:
            # not a bare list of order IDs or ASINs
            wordy = len(re.findall(r"[^\W\d_]{3,}", text)) >= 2 or len(re.findall(_CJK, text)) >= 3
            if (
                zone == "request"
                and wordy
                and not _cue("optional").search(
                    split_sentences(text)[0]
                )  # "…, address. You may remove prices." still asks
                and not _cue("guidance").match(text)
            ):
                items.append(
                    RequiredItem(text=text.rstrip(".;,"), kind=classify_item(text), topic=topic)
                )
            continue
        if zone == "one_of" and not bullet:
            zone = "request"
        if _cue("one_of").search(text) and _cue("request_intro").search(text):
            # "Send one of the following documents:" — the bullets after it are alternatives
            items.append(
                RequiredItem(text=text.rstrip(".:：。"), kind=classify_item(text), topic=topic)
            )
            zone = "one_of"
            continue
        if text.endswith((":", "：")) or _cue("list_follows").search(text):
            asks = _cue("request_intro").search(text) or re.search(
                r"\b(?:provide|send|include|attach|submit|upload)(?: us)?[:：]$", text
            )
            zone = "request" if asks else zone
        if enumeration:  # the enumeration's own sentence is handled; other sentences may ask more
            text = " ".join(
                x for x in split_sentences(text) if not _cue("poa_enumeration").search(x)
            )
        items += _prose_requests(text, topic)
    items = _tag(items, branch_of, branch, in_error)
    items = _applicable_branch(items, branch_of, violation_type)
    # A specific request (a bullet, a "greater detail" line) says more than the generic sentence.
    specific = {(item.kind, item.topic) for item in items}
    return items + [item for item in generic if (item.kind, item.topic) not in specific]


_CJK = r"[\u3040-\u30ff\u4e00-\u9fff]"


def _tag(
    items: list[RequiredItem], branch_of: list[str | None], branch: str | None, in_error: bool
) -> list[RequiredItem]:
    """Give the items found since the last call the branch and the in-error state they were in."""
    new = items[len(branch_of) :]
    branch_of += [branch] * len(new)
    if in_error:
        new = [item.model_copy(update={"in_error": True}) for item in new]
    return items[: len(items) - len(new)] + new


def _branch_type(label: str) -> str:
    """The violation type a branch heading names ("For authenticity complaints:"), or "other"."""
    if _cue("other_branch").search(label):
        return "other"
    named = types_named(label)
    return named[0] if named else "other"


def _applicable_branch(
    items: list[RequiredItem], branch_of: list[str | None], violation_type: str | None
) -> list[RequiredItem]:
    """Of several branches, keep the one for this notice's type (or else the "other" branch)."""
    branches = {branch for branch in branch_of if branch}
    if len(branches) < 2:
        return items
    keep = violation_type if violation_type in branches else "other"
    if keep not in branches:
        return items
    return [item for item, branch in zip(items, branch_of, strict=True) if branch in (None, keep)]


def deduplicate_items(items: list[RequiredItem], topics: list[str]) -> list[RequiredItem]:
    """Drop repeated requests; with several topics, core items without a topic apply to each.
    Requests that start with a condition ("If you have a licence, …") are marked as alternatives."""
    seen: set[tuple[str, str | None, str]] = set()
    result: list[RequiredItem] = []
    for item in items:
        if _cue("conditional").match(item.text) and item.kind not in (
            "root_cause",
            "actions",
            "prevention",
        ):
            item = item.model_copy(update={"conditional": True})
        key = (item.kind, item.topic, item.text.lower())
        if key not in seen:
            seen.add(key)
            result.append(item)
    core = ("root_cause", "actions", "prevention")
    general = [item for item in result if item.topic is None and item.kind in core]
    if len(topics) >= 2 and general:
        # "For each issue, include: the root cause, …" asks for the core items per topic.
        result = [item for item in result if item not in general]
        for topic in topics:
            for item in general:
                if not any(other.kind == item.kind and other.topic == topic for other in result):
                    result.append(item.model_copy(update={"topic": topic}))
    return result


def topics_from_items(items: list[RequiredItem]) -> tuple[list[str], list[RequiredItem]]:
    """'The root cause of the negative feedback' and '… of the chargeback claims' are two topics."""
    labels = [topic_label(item.text) if item.kind == "root_cause" else None for item in items]
    topics = list(dict.fromkeys(label for label in labels if label))
    if len(topics) < 2:
        return [], items
    tagged = [
        item.model_copy(update={"topic": label}) if label else item
        for item, label in zip(items, labels, strict=True)
    ]
    return topics, tagged
