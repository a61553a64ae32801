"""What a notice asks for: its topics (ODR-style issue lists) and each requested item.

Bullets under request headings, "greater detail on …" lines, "a plan of action that explains …"
enumerations and prose requests ("Please send invoices from …"); advice and procedure are not
requests.
"""

from __future__ import annotations

import re

from poa.core.models import RequiredItem
from poa.text.facts import find_order_ids
from poa.text.plain import clean_line, is_bullet, split_sentences, strip_bullet

# Issues a notice may ask to be answered one by one (ODR-style topic lists).
TOPIC_RULES: list[tuple[str, str]] = [
    ("Negative feedback", r"negative (?:\w+ )?feedback"),
    ("Orders not received", r"not receiv|did not arrive|undelivered|never arrived|lost in transit"),
    ("A-to-z Guarantee claims", r"a-to-z"),
    ("Chargebacks", r"chargeback"),
    ("Late shipments", r"late shipment|shipped late|late deliver"),
    ("Pre-fulfilment cancellations", r"cancel"),
    ("Invalid tracking", r"valid tracking|tracking (?:number|information)"),
    ("Item condition", r"condition|used sold as new|damaged|defective"),
    ("Inauthentic complaints", r"inauthentic|counterfeit"),
    ("Intellectual property complaints", r"trademark|copyright|patent|intellectual property"),
]


ITEM_KIND_RULES: list[tuple[str, str]] = [
    (
        "root_cause",
        r"root cause|cause of|what caused|caused (?:the|this)|why (?:the|this|it|you|your)",
    ),
    (
        "prevention",
        r"prevent|in the future|again|going forward|recur|from happening|ensure (?:that )?(?:this|it)|will take to"
        r"|will be (?:checked|reviewed|approved)|how often|from now on|make sure (?:that )?(?:your|this|it)",
    ),
    (
        "listing_edit",
        r"\bedit (?:the |each |your |all )?(?:listings?|detail pages?|titles?|content|images?)"
        r"|remove (?:the |all )?(?:protected|brand|term|word|\w+ claim|claim|keyword|image|logo)|change the brand"
        r"|update (?:the |your )?(?:listing|detail page|title)"
        r"|removed? from (?:all (?:of )?)?(?:your |the )?(?:listings?|images|detail pages?|titles?)"
        r"|changes? (?:you )?made to (?:each |the |your )?listing",
    ),
    (
        "documents",
        r"invoice|document|receipt|letter of authori[sz]ation|\blicen[cs]e|retraction|certificat|utility bill"
        r"|statement|photo|\bid\b|passport|(?:business|company|trademark) registration|safety data|test report|proof"
        r"|screenshot|evidence|registration (?:number|document|certificate|extract)|images? of|label|cop(?:y|ies) of",
    ),
    (
        "disclosure",
        r"third[- ]part|contact (?:details|information)|accounts?\b.{0,40}\bused\b|methods?"
        r"|names? (?:and|of)|still (?:live|on the|visible|available)|list (?:of|all)|disclose"
        r"|which (?:employees|persons)|\bhow\b.*\b(?:stored|collected|obtained)\b|\bwhether\b|who in your business"
        r"|\bwho (?:can|has|had)\b|number of|how many",
    ),
    (
        "actions",
        r"(?<!plan of )\bactions?\b|steps?|resolv|fix|corrective|what you (?:have )?done|taken|refund|remov|completed",
    ),
]


_ITEM_KIND = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in ITEM_KIND_RULES]


_REQUEST_INTRO = re.compile(
    r"plan of action|your (?:plan|appeal)|please (?:provide|send|submit|include|attach|explain|share|confirm|upload)"
    r"|provide (?:the following|us with)|following (?:information|documents|details|items)|must (?:include|contain)"
    r"|should (?:include|contain|address|explain)|we need|we require|greater detail|more (?:information|detail)"
    r"|what information is missing|for each (?:issue|topic)|how (?:do|can) (?:i|you) (?:reactivate|appeal|reinstate)"
    r"|before you appeal|edit each|what can (?:i|you) do",
    re.IGNORECASE,
)


_REQUEST_VERB = re.compile(
    r"\b(?:provide|send|explain|describe|include|attach|submit|list|confirm|tell us|identify|share|show|"
    r"disclose|edit|remove|change|detail|specify|state|give|use)\b|^(?:the|a|an|all|any|your|copies|documentation|"
    r"invoices?|contact|names?|details?|proof|evidence|photos?|a list|steps|actions|how|what|why|when|which|whether|dates?|screenshots?)\b",
    re.IGNORECASE,
)


_GREATER_DETAIL = re.compile(
    r"(?:greater|more|additional|further) (?:detail|information|details) (?:on|about|regarding|for)(?: the following)?:?\s*(.*)",
    re.IGNORECASE,
)


_POA_ENUMERATION = re.compile(
    r"plan of action (?:that |which )?(?:\w+ ){0,2}?(?:explains?|explaining|includes?|including|addresses|addressing"
    r"|describes|describing|covers?|covering)(?::|\s)\s*(.*)",
    re.IGNORECASE,
)


STANDARD_ITEMS = [
    RequiredItem(text="The root cause of the issue", kind="root_cause"),
    RequiredItem(text="The actions you have taken to resolve the issue", kind="actions"),
    RequiredItem(
        text="The steps you have taken to prevent the issue from happening again", kind="prevention"
    ),
]


def topic_label(line: str) -> str | None:
    for label, pattern in TOPIC_RULES:
        if re.search(pattern, line, re.IGNORECASE):
            return label
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
            and not _REQUEST_VERB.search(text.split(" ", 1)[0])
            and not re.match(r"(?:the )?(?:root cause|actions?|steps?)\b", text, re.IGNORECASE)
            and re.search(r"\b(?:buyers?|customers?|orders?|issue)\b", text, re.IGNORECASE)
        )
        if is_topic:
            current = label
            topics[current] = []
        elif _REQUEST_HEADING.search(text) or _REQUEST_INTRO.search(text):
            current = None
        if current:
            topics[current] += [oid for oid in find_order_ids(line) if oid not in topics[current]]
    return topics if len(topics) >= 2 else {}


def classify_item(text: str) -> str:
    for kind, pattern in _ITEM_KIND:
        if pattern.search(text):
            return kind
    return "other"


def _split_enumeration(text: str) -> list[str]:
    """'the root cause, the actions you took, and how you will prevent it' → three parts."""
    parts = re.split(
        r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=(?:the|what|how|why|your|any|a|an|send|provide|attach|include|submit|explain)\b)",
        text,
    )
    return [part.strip(" .:") for part in parts if len(part.strip(" .:")) > 3]


_REQUEST_HEADING = re.compile(
    r"what (?:can|should|do) (?:i|you|we) (?:need to )?do|how (?:do|can) (?:i|you) (?:reactivate|appeal|reinstate|send|submit)"
    r"|get (?:my|your) (?:listing|account|offer)s? back|to continue"
    r"|missing|requested|required|requirements? for|next steps|what we need|must include|should include"
    r"|plan of action|before you appeal|documents",
    re.IGNORECASE,
)


_PROSE_REQUEST = re.compile(
    r"\b(?:please|tell us|we need|we require|also)\b.*?"
    r"\b(?:explain|describe|provide|send|include|attach|submit|tell us|confirm|list|identify|share|show|detail|upload)\b"
    r"|\b(?:you must|you need to|make sure|be sure to)\b.*?\b(?:provide|send|submit|attach|include|upload)\b"
    r"|^(?:(?:if|when|once|to|after|before)\b[^,]{0,120},\s*)?(?:also )?(?:include|send|provide|attach|submit|explain"
    r"|describe|list|tell us|give|identify|confirm|upload|edit|remove|replace|update)\b"
    r"|\b(?:must|should) (?:then )?(?:send|provide|submit|include|attach)\b",
    re.IGNORECASE,
)


_OPTIONAL = re.compile(
    r"\b(?:you may|you can|if available|optional|we encourage|can help|for more information)\b",
    re.IGNORECASE,
)


# Advice ("Review our policy", "Check your settings") and procedure ("use the Appeal button") are
# not things the appeal must answer.
_GUIDANCE = re.compile(
    r"^(?:stop|review|check|make sure|ensure|avoid|do not|don't|read|learn|visit|go to|consider|keep|plan"
    r"|familiari[sz]e|monitor|respond|reply|confirm shipment|ship)\b",
    re.IGNORECASE,
)


_PROCEDURE = re.compile(
    r"appeal button|(?:go to|in|from|on) (?:the )?account health|click (?:on )?appeal|please do not|do not send|submit (?:it|your plan|a revised)"
    r"|send (?:us )?a revised plan|within \d+ days|update your plan|with the information above"
    r"|^(?:upload|submit)\b[^.]{0,40}\b(?:in|through|via|using|from) (?:the )?(?:seller central|account health)",
    re.IGNORECASE,
)


def _prose_requests(text: str, topic: str | None) -> list[RequiredItem]:
    """Requests made in sentences ('Please send invoices from …'), not advice or procedure."""
    items = []
    for sentence in split_sentences(text):
        if (
            _PROSE_REQUEST.search(sentence)
            and not _OPTIONAL.search(sentence)
            and not _PROCEDURE.search(sentence)
        ):
            kind = classify_item(sentence)
            if kind != "other":
                items.append(RequiredItem(text=sentence.rstrip(".:"), kind=kind, topic=topic))
    return items


def is_heading(raw: str, text: str) -> bool:
    short = len(text) < 90 and len(text.split()) <= 12
    bold = raw.strip().startswith(("**", "#", "__"))
    return short and (text.endswith("?") or bold or (text.endswith(":") and len(text.split()) <= 8))


def _items_from_text(text: str, topic: str | None) -> list[RequiredItem]:
    return [
        RequiredItem(text=part.rstrip(".;,"), kind=classify_item(part), topic=topic)
        for part in _split_enumeration(text)
    ]


def find_required_items(
    raw_lines: list[str], topics: list[str], rejection: bool = False
) -> list[RequiredItem]:
    """Items the notice asks for: bullets under request headings, 'greater detail on …' lines,
    'a plan of action that explains …' enumerations, and prose requests ('Please send …')."""
    items: list[RequiredItem] = []
    generic: list[RequiredItem] = []  # from "a plan of action that explains A, B and C"
    zone: str | None = None
    topic: str | None = None
    for raw in raw_lines:
        text = strip_bullet(clean_line(raw))
        bullet = is_bullet(raw)
        detail = _GREATER_DETAIL.search(text)
        enumeration = _POA_ENUMERATION.search(text)
        if detail and detail.group(1).strip():
            items += _prose_requests(re.sub(r"\s+and\s*$", "", text[: detail.start()]), topic)
            sentences = split_sentences(detail.group(1))
            parts = _items_from_text(sentences[0], topic)
            if parts and len(sentences) > 1:  # "… Explain why …" says what detail is wanted
                last = parts[-1]
                parts[-1] = last.model_copy(
                    update={"text": f"{last.text}. {' '.join(sentences[1:]).rstrip('.')}"}
                )
            items += parts
            continue
        if enumeration and enumeration.group(1).strip():
            parts = _items_from_text(split_sentences(enumeration.group(1))[0], topic)
            generic += [item for item in parts if item.kind != "other"]
        if not bullet and is_heading(raw, text):
            topic = None
            asks = _REQUEST_HEADING.search(text) or _REQUEST_INTRO.search(text)
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
        if bullet:
            wordy = len(re.findall(r"[A-Za-z]{3,}", text)) >= 2  # not a bare list of order IDs
            if (
                zone == "request"
                and wordy
                and not _OPTIONAL.search(
                    split_sentences(text)[0]
                )  # "…, address. You may remove prices." still asks
                and not _GUIDANCE.match(text)
            ):
                items.append(
                    RequiredItem(text=text.rstrip(".;,"), kind=classify_item(text), topic=topic)
                )
            continue
        if text.endswith(":"):
            asks = _REQUEST_INTRO.search(text) or re.search(
                r"\b(?:provide|send|include|attach|submit|upload)(?: us)?:$", text
            )
            zone = "request" if asks else zone
        if enumeration:  # the enumeration's own sentence is handled; other sentences may ask more
            text = " ".join(x for x in split_sentences(text) if not _POA_ENUMERATION.search(x))
        items += _prose_requests(text, topic)
    # A specific request (a bullet, a "greater detail" line) says more than the generic sentence.
    specific = {(item.kind, item.topic) for item in items}
    return items + [item for item in generic if (item.kind, item.topic) not in specific]


_CONDITIONAL = re.compile(r"^(?:if|where|when|in case|should)\b", re.IGNORECASE)


def deduplicate_items(items: list[RequiredItem], topics: list[str]) -> list[RequiredItem]:
    """Drop repeated requests; with several topics, core items without a topic apply to each.
    Requests that start with a condition ("If you have a licence, …") are marked as alternatives."""
    seen: set[tuple[str, str | None, str]] = set()
    result: list[RequiredItem] = []
    for item in items:
        if _CONDITIONAL.match(item.text) and item.kind not in (
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
