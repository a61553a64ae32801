"""Parse an Amazon notice: violation type, kind, topics, required items, deadline, IDs, dates.

Offline and rule-based. When a knowledge index is available, the type vote also uses the nearest
notices and policies in it; an LLM may refine the result (see `drafting.llm.refine_notice`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from poa.facts import find_asins, find_dates, find_order_ids, unique
from poa.models import Notice, RequiredItem
from poa.text import clean_line, is_bullet, split_sentences, strip_bullet

# Phrases that point to a violation type, with weights. A phrase counts once per notice.
TYPE_RULES: dict[str, list[tuple[str, float]]] = {
    "review_manipulation": [
        (r"customer (?:product )?reviews? polic", 3),
        (r"manipulat\w*\s+(?:customer\s+|product\s+)?reviews?", 3),
        (r"review manipulation", 3),
        (r"incentivi[sz]ed reviews?", 3),
        (r"positive reviews?", 2),
        (r"(?:in exchange|compensation|incentive) for (?:a |positive )?reviews?", 3),
        (r"(?:prohibited|fake|paid) reviews", 2),
        (r"remove (?:or change )?(?:a |their |the )?reviews?", 1.5),
        (r"\breviews?\b", 0.5),
    ],
    "inappropriate_communication": [
        (r"communication guidelines", 3),
        (r"buyer[- ]seller messag", 3),
        (r"inappropriate (?:communication|messag|email|language)", 3),
        (r"(?:unnecessary|unsolicited|promotional|marketing) messages?", 2),
        (r"messages? (?:you )?sent to (?:a )?(?:buyer|customer)s?", 1.5),
        (r"(?:remove|change) (?:their |the )?(?:negative )?(?:seller )?feedback", 1.5),
        (r"\bmessag(?:e|es|ing)\b", 0.5),
        # how sellers tell it: what was said to the buyer
        (r"\b(?:rude(?:ly)?|insult\w*|liar|threaten\w*|abusive|offensive|swore|swearing)\b", 2),
    ],
    "off_platform_payment_or_diverting": [
        (r"outside (?:of )?(?:the )?amazon", 2.5),
        (r"off[- ]amazon|off[- ]platform", 2.5),
        (r"divert\w*", 3),
        (r"paypal|venmo|zelle|wire transfer|bank transfer|western union", 2),
        (r"(?:your own|external|another) (?:web ?site|store|shop)", 1.5),
        (r"prohibited seller activit", 1),
        (r"payments? (?:for amazon orders )?(?:must|should) (?:be processed|go) through amazon", 2),
        (r"external (?:reference|link|web ?site|web address|url)|web address|\burl\b", 1.5),
        (
            r"(?:customer|buyer) (?:email addresses|phone numbers|contact (?:details|information))",
            1,
        ),
    ],
    "inauthentic": [
        (r"inauthentic", 3),
        (r"counterfeit", 3),
        (r"\bnot authentic|authenticity", 2.5),
        (r"supply chain", 1.5),
        (r"anti-counterfeiting", 3),
        (r"invoices? (?:issued )?(?:within|from|dated within) the (?:last|past) (?:365|180)", 2),
    ],
    "intellectual_property": [
        (r"intellectual property", 3),
        (r"trademark", 2.5),
        (r"copyright", 2.5),
        (r"\bpatent", 2.5),
        (r"rights? owner", 2.5),
        (r"infring", 2),
        (r"retraction", 2),
        (r"complaint id", 1.5),
    ],
    "restricted_products": [
        (r"restricted products?", 3),
        (r"hazmat|dangerous goods|hazardous", 2.5),
        (r"pesticid", 3),
        (r"\bepa\b", 2),
        (r"(?:medical|drug|disease|health) claims?", 2.5),
        (r"recall", 2.5),
        (r"\bfda\b", 2),
        (r"safety data sheet|\bsds\b", 2),
        (r"prohibited (?:product|item|substance)", 2),
    ],
    "condition_or_used_sold_as_new": [
        (r"used sold as new", 3.5),
        (r"condition guidelines", 3),
        (r"sold as new", 2.5),
        (r"condition(?:-related)? complaints?", 3),
        (r"(?:item|product) condition", 2),
        (r"(?:used|damaged|opened) (?:items?|products?|condition)", 1.5),
    ],
    "performance_odr_late_shipment_cancellation": [
        (r"order defect rate|\bodr\b", 3),
        (r"late shipment rate", 3),
        (r"(?:pre-fulfil?lment )?cancel(?:lation)? rate", 3),
        (r"valid tracking rate", 3),
        (r"a-to-z", 2),
        (r"chargebacks?", 1.5),
        (r"negative feedback", 1.5),
        (r"performance targets?", 2),
        (r"(?:not receiving|did not receive|have not received) (?:their )?(?:orders|items)", 1.5),
        (r"shipped late|late deliver", 1.5),
        (r"cancel(?:l?ed|lations?) (?:orders?|report)|cancelled orders", 1.5),
    ],
    "related_accounts": [
        (r"related (?:to )?(?:another |an? )?(?:selling )?accounts?", 3),
        (r"(?:linked|connected) (?:to )?(?:another|an?|other) (?:selling )?accounts?", 3),
        (r"multiple (?:selling )?accounts", 2.5),
        (r"another (?:selling )?account", 1.5),
        (r"relationship (?:between|with) ", 1.5),
    ],
    "verification": [
        (r"verif(?:y|ication)", 2),
        (r"\bidentity\b", 2),
        (r"utility bill", 2.5),
        (r"bank (?:account )?statement", 2),
        (r"government[- ]issued (?:photo )?id|passport|driver'?s licen", 2),
        (r"business address", 1.5),
        (r"credit card statement", 2),
    ],
    "listing_or_detail_page": [
        (r"detail page", 2.5),
        (r"variation (?:relationship|polic|abuse)", 3),
        (r"listing (?:policy|abuse)|product detail page rules", 3),
        (
            r"(?:misleading|incorrect|inaccurate) (?:product )?(?:information|content|title|description)",
            2,
        ),
        (r"keyword(?:s| stuffing)|search terms", 1.5),
        (r"\bwrong (?:detail page|listing|product page)", 2),
    ],
    "drop_shipping": [
        (r"drop[- ]?ship", 3.5),
        (r"seller of record", 3),
        (r"packing slips?", 2),
        (r"(?:another|third[- ]party|other) (?:retailer|seller)(?:'s)?", 1.5),
    ],
}
_COMPILED_RULES = {
    kind: [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in rules]
    for kind, rules in TYPE_RULES.items()
}

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
STANDARD_ITEMS = [
    RequiredItem(text="The root cause of the issue", kind="root_cause"),
    RequiredItem(text="The actions you have taken to resolve the issue", kind="actions"),
    RequiredItem(
        text="The steps you have taken to prevent the issue from happening again", kind="prevention"
    ),
]


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


def rule_scores(text: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for kind, rules in _COMPILED_RULES.items():
        total = sum(weight for pattern, weight in rules if pattern.search(text))
        if total:
            scores[kind] = total
    return scores


def retrieval_scores(store: Any, text: str) -> dict[str, float]:
    """Votes of the nearest notices and policies in the knowledge index.

    All notices read alike, so a hit votes only by how much closer it is than the average of the
    hits: a notice that is merely notice-shaped adds nothing.
    """
    if not text.strip():  # a story told without a notice: nothing to compare
        return {}
    hits = store.search(text[:2000], k=8, kind=["notice", "policy"])
    if not hits:
        return {}
    baseline = sum(hit.score for hit in hits) / len(hits)
    votes: dict[str, float] = defaultdict(float)
    for hit in hits:
        votes[hit.violation_type] += max(0.0, hit.score - baseline)
    return {kind: vote for kind, vote in votes.items() if vote > 0}


def _shares(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {key: value / total for key, value in scores.items()} if total else {}


def classify(text: str, store: Any = None) -> tuple[str, float]:
    """Violation type and a 0–1 confidence. Rules lead; retrieval breaks ties and fills gaps."""
    rules = _shares(rule_scores(text))
    votes = _shares(retrieval_scores(store, text)) if store is not None else {}
    if not rules and not votes:
        return "other", 0.0
    if not rules:
        kind, share = max(votes.items(), key=lambda item: item[1])
        # With no type words at all (a bare rejection), retrieval alone is weak evidence.
        return (kind, round(0.5 * share, 3)) if share >= 0.6 else ("other", round(0.5 * share, 3))
    combined = {
        kind: 0.7 * rules.get(kind, 0.0) + 0.3 * votes.get(kind, 0.0)
        for kind in set(rules) | set(votes)
    }
    if not votes:
        combined = {kind: share for kind, share in rules.items()}
    kind, score = max(combined.items(), key=lambda item: item[1])
    return kind, round(min(1.0, score), 3)


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


def _topic_label(line: str) -> str | None:
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
        label = _topic_label(text)
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


def _is_heading(raw: str, text: str) -> bool:
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
        if not bullet and _is_heading(raw, text):
            topic = None
            asks = _REQUEST_HEADING.search(text) or _REQUEST_INTRO.search(text)
            if asks and not re.match(r"why\b", text, re.IGNORECASE):
                zone = "request"
            elif not text.endswith(":"):  # "Choose one of these options:" keeps the zone it is in
                zone = "other"
            if topics and _topic_label(text) in topics:
                topic, zone = _topic_label(text), "request"
            continue
        if topics and not bullet and _topic_label(text) in topics and len(text) < 140:
            topic = _topic_label(text)
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


def _deduplicate(items: list[RequiredItem], topics: list[str]) -> list[RequiredItem]:
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


def _topics_from_items(items: list[RequiredItem]) -> tuple[list[str], list[RequiredItem]]:
    """'The root cause of the negative feedback' and '… of the chargeback claims' are two topics."""
    labels = [_topic_label(item.text) if item.kind == "root_cause" else None for item in items]
    topics = list(dict.fromkeys(label for label in labels if label))
    if len(topics) < 2:
        return [], items
    tagged = [
        item.model_copy(update={"topic": label}) if label else item
        for item, label in zip(items, labels, strict=True)
    ]
    return topics, tagged


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
        heading = _is_heading(line, strip_bullet(clean_line(line)))
        continues_bullet = is_bullet(previous) and (
            line.startswith((" ", "\t")) or line.strip()[:1].islower()
        )
        continues_prose = (
            previous and not is_bullet(previous) and not _is_heading(previous, clean_line(previous))
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
    items = _deduplicate(
        find_required_items(raw_lines, topics, rejection=kind == "rejection"), topics
    )
    if not topics:
        topics, items = _topics_from_items(items)
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
