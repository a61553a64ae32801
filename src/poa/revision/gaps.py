"""Gap analysis after a rejection: what the rejection asks for, and how the previous appeal answered it.

The rejection is parsed like any notice; each item it asks for is judged covered, weak or missing
in the previous appeal (with the sentences that cover it), and the rubric explains in plain words
why the appeal was likely rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from poa.core.errors import UserError
from poa.core.models import Notice, Scorecard
from poa.reading.notice import parse_notice
from poa.reading.violation_type import classify
from poa.scoring.coverage import ItemCoverage, assess_coverage
from poa.scoring.measures import actions_taken, prevention_measures
from poa.scoring.root_cause import find_root_causes
from poa.scoring.rubric import CRITERIA_SPECS, score_appeal
from poa.scoring.segment import Segmented, segment
from poa.text.facts import find_dates
from poa.text.language import NAMES, detect_language


@dataclass
class GapAnalysis:
    rejection: Notice
    violation_type: str
    language: str
    gaps: list[ItemCoverage]
    scorecard: Scorecard
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "violation_type": self.violation_type,
            "language": self.language,
            "gaps": [
                {
                    "item": g.item.text,
                    "kind": g.item.kind,
                    "topic": g.item.topic,
                    "status": g.status,
                    "evidence": g.evidence,
                    "why": g.why,
                }
                for g in self.gaps
            ],
            "reasons": self.reasons,
            "previous_scorecard": self.scorecard.to_json(),
        }


def _violation_type(
    rejection: Notice, previous: str, story: str, original: Notice | None, store: Any
) -> str:
    """The case's type: the original notice, else the previous appeal, else the story; the
    rejection decides only when nothing else can. A word in a rejection ("reviews", "contact")
    never re-types a case the seller's own letter already names."""
    if original is not None and original.violation_type != "other" and original.confidence >= 0.3:
        return original.violation_type
    for text in (previous, story):
        if text.strip():
            guess, confidence = classify(text, store)
            if guess != "other" and confidence >= 0.3:
                return guess
    if rejection.violation_type != "other" and rejection.confidence >= 0.3:
        return rejection.violation_type
    guess, confidence = classify(f"{previous}\n{story}", store)
    return guess if confidence > 0 else "other"


def _combined_notice(rejection: Notice, original: Notice | None) -> Notice:
    """What the revision must answer: the rejection's requests, plus the original notice's
    checklist items (disclosures, documents) that a complete plan still has to carry."""
    if original is None:
        return rejection
    kept = [
        i for i in original.required_items if i.kind not in ("root_cause", "actions", "prevention")
    ]
    known = {i.text.lower() for i in rejection.required_items}
    extra = [i for i in kept if i.text.lower() not in known]
    return rejection.model_copy(
        update={
            "required_items": [*rejection.required_items, *extra],
            "topics": rejection.topics or original.topics,
            "topic_order_ids": rejection.topic_order_ids or original.topic_order_ids,
            "order_ids": list(dict.fromkeys([*rejection.order_ids, *original.order_ids])),
            "asins": list(dict.fromkeys([*rejection.asins, *original.asins])),
        }
    )


OWNER = re.compile(
    r"\b(?:our |the )?((?:customer service|operations|warehouse|inventory|listing|catalogue|catalog|compliance|"
    r"pricing|shipping|purchasing|quality|account|sales|marketing|product) (?:lead|manager|supervisor|team|"
    r"coordinator|owner)|owner|director|bookkeeper|supervisor|manager)\b",
    re.IGNORECASE,
)


FREQUENCY = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|yearly|every (?:\w+ ){0,2}?(?:day|week|month|quarter|year|order|time|morning|"
    r"listing|message|reply|shipment|batch|print order|supplier|launch)|before (?:each|every|any) \w+(?: \w+)?|"
    r"on (?:every|each) \w+)\b",
    re.IGNORECASE,
)


OWNER_ASKED = re.compile(
    r"who (?:is responsible|checks|reviews|approves|will)|responsible|owner", re.IGNORECASE
)


FREQUENCY_ASKED = re.compile(r"how often|frequency|\bhow regularly\b", re.IGNORECASE)


def _judge_core(gap: ItemCoverage, seg: Segmented, card: Scorecard) -> ItemCoverage:
    """A rejection asks for *more detail*: the root cause, actions or prevention that exist in the
    previous appeal count as covered only if they would satisfy a reviewer now."""
    if gap.status != "covered" or gap.item.kind not in ("root_cause", "actions", "prevention"):
        return gap
    text = gap.item.text

    def weaker(why: str, status: str = "weak") -> ItemCoverage:
        return ItemCoverage(gap.item, status, gap.evidence, why)

    if gap.item.kind == "root_cause":
        for name in ("single_root_cause", "root_cause_specific"):
            if card.criteria[name].passed is False:
                return weaker(card.criteria[name].reason)
        return gap
    if gap.item.kind == "actions":
        entries = [e for e in actions_taken(seg)]
        dated = [e for e in entries if find_dates(e)]
        undated = f"{len(entries) - len(dated)} of {len(entries)} actions have no date"
        if re.search(r"\bdates?\b|\bwhen\b", text, re.IGNORECASE) and len(dated) < len(entries):
            only_dates = re.match(r"(?:the )?dates?\b", text, re.IGNORECASE)
            return weaker(undated, "missing" if only_dates and not dated else "weak")
        if card.criteria["verifiable_details"].passed is False:
            return weaker(card.criteria["verifiable_details"].reason)
        # after "we do not have enough information", mostly undated actions are detail still owed
        return weaker(undated) if len(dated) * 2 < len(entries) else gap
    measures = " ".join(prevention_measures(seg))
    if card.criteria["prevention_matches_root_cause"].passed is False:
        return weaker(card.criteria["prevention_matches_root_cause"].reason)
    if OWNER_ASKED.search(text) and not OWNER.search(measures):
        return weaker("the preventive steps do not say who is responsible")
    if FREQUENCY_ASKED.search(text) and not FREQUENCY.search(measures):
        return weaker("the preventive steps do not say how often they happen")
    return gap


def analyse(
    previous: str,
    rejection_text: str,
    *,
    story: str = "",
    original_notice: str = "",
    store: Any = None,
    char_limit: int = 6000,
) -> GapAnalysis:
    """Which of the rejection's requests the previous appeal covers, and why it was likely rejected."""
    if not previous.strip():
        raise UserError("Paste the appeal you sent before.")
    if not rejection_text.strip():
        raise UserError("Paste Amazon's rejection message.")
    rejection = parse_notice(rejection_text, store)
    original = parse_notice(original_notice, store) if original_notice.strip() else None
    notice = _combined_notice(rejection, original)
    violation_type = _violation_type(rejection, previous, story, original, store)
    language = detect_language(previous)
    seg = segment(previous)
    card = score_appeal(previous, notice=notice, story=story or None, char_limit=char_limit)
    if language in ("en", "unknown"):
        gaps = [
            _judge_core(gap, seg, card)
            for gap in assess_coverage(seg, notice, find_root_causes(seg))
        ]
    else:
        # The coverage check reads English; a foreign appeal's answers cannot be confirmed.
        gaps = [
            ItemCoverage(
                item, "weak", [], f"the appeal is in {NAMES.get(language, language)}; not checked"
            )
            for item in notice.required_items
        ]
    reasons = []
    if language not in ("en", "unknown"):
        reasons.append(
            f"The appeal is in {NAMES.get(language, language)}; the revision is written in English."
        )
    for gap in gaps:
        if gap.status == "missing":
            reasons.append(
                f"Amazon asked for “{gap.item.text}”; the appeal does not answer it ({gap.why})."
            )
        elif gap.status == "weak" and language in ("en", "unknown"):
            reasons.append(
                f"Amazon asked for “{gap.item.text}”; the appeal only touches on it ({gap.why})."
            )
    for name, result in card.criteria.items():
        if result.passed is False and name != "notice_coverage":
            reasons.append(f"{CRITERIA_SPECS[name].plain_reason} ({result.reason})")
    return GapAnalysis(notice, violation_type, language, gaps, card, reasons)
