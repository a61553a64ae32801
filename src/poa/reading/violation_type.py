"""Which policy a notice (or a seller's story) is about: weighted phrase rules plus a retrieval vote.

Rules lead; the nearest notices and policies in the knowledge index break ties and fill gaps.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

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
        (r"related (?:to )?(?:another |an? )?(?:selling |seller )?accounts?", 3),
        (r"(?:linked|connected) (?:to )?(?:another|an?|other) (?:selling |seller )?accounts?", 3),
        (r"multiple (?:selling |seller )?accounts", 2.5),
        (r"another (?:selling |seller )?account", 1.5),
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


LEAD_CHARS = 400  # a notice says why up front; the documents it lists come later


def rule_scores(text: str) -> dict[str, float]:
    """Type words found, weighted; those in the notice's opening (its "why") count twice."""
    lead = text[:LEAD_CHARS]
    scores: dict[str, float] = {}
    for kind, rules in _COMPILED_RULES.items():
        total = sum(
            weight * (2 if pattern.search(lead) else 1)
            for pattern, weight in rules
            if pattern.search(text)
        )
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
