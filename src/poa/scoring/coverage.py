"""Does an appeal answer what the notice asked? Per requested item: covered, weak or missing.

Used by the `notice_coverage` criterion and by the gap analysis after a rejection.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from poa.core.models import Notice, RequiredItem
from poa.kb.semantic import content_words, similarity_matrix
from poa.reading.requests import topic_pattern
from poa.scoring.segment import CUES, Segmented
from poa.text.plain import split_sentences

COVERED = 0.6
WEAK = 0.45
# A document request is answered only where the letter names that document and provides it.
DOCUMENT_TERMS: list[tuple[str, str]] = [
    (r"invoice", r"invoice"),
    (r"receipt", r"receipt|invoice"),
    (r"letter of authori|authori[sz]ation letter", r"letter of authori|authori[sz]ation"),
    (r"licen[cs]e(?! plate)", r"licen[cs]e|permission"),
    (r"retract", r"retract"),
    (
        r"utility bill",
        r"utility bill|electricity|gas bill|water bill|phone bill|internet bill|\bbill\b",
    ),
    (r"(?:bank|credit card|account) statement", r"statement"),
    (
        r"passport|identity (?:document|card)|government[- ]issued|photo id",
        r"passport|identity|id card|driving licen|driver",
    ),
    (r"registration|incorporation|business licen", r"registration|incorporation|certificate"),
    (r"packing slip", r"packing slip"),
    (r"safety data sheet|\bsds\b", r"safety data|\bsds\b"),
    (
        r"test report|lab report|certificate of (?:analysis|conformity)|compliance certificate",
        r"report|certificate",
    ),
    (r"screenshot", r"screenshot"),
    (r"contract|agreement", r"contract|agreement"),
]
_CONTACT_GIVEN = (
    r"@|\+?\d[\d ().-]{7,}\d|\b(?:street|road|avenue|lane|unit \d)|\bno (?:other )?(?:third[- ]part|agenc|service|outside)"
    r"|did not (?:use|engage|work with|hire)|\bnone\b"
)
DISCLOSURE_TERMS: list[tuple[str, str]] = [
    (
        r"contact (?:details|information)|e-?mail address|phone number|postal address",
        _CONTACT_GIVEN,
    ),
    (r"customer accounts|accounts?\b.{0,40}\bused\b", r"\baccounts?\b"),
    (
        r"still (?:live|on|visible|available)|remain (?:on|live)",
        r"still|remain|none|no longer|deleted|removed",
    ),
    (r"\bactive\b", r"\bactive\b|closed|no longer|inactive|deactivated"),
    (r"\baccess\b", r"\baccess|log ?in|password"),
    (r"merchant token", r"token|merchant id"),
]
# Actions a notice asks about by name, and the words that answer them anywhere in the letter.
ACTION_TERMS: list[tuple[str, str, str]] = [
    (
        r"remaining (?:inventory|units|stock)|(?:inventory|units|stock) (?:you have|still|remaining|left)",
        r"remov\w*|destroy\w*|dispos\w*|return\w* to (?:us|the supplier)|recall\w*|quarantin\w*"
        r"|no (?:units|stock|inventory) (?:left|remain)|sold out",
        "what was done with the remaining inventory",
    ),
    (
        r"(?:inform|notif|contact|tell|told|warn)\w* (?:the |your |affected )?(?:customers|buyers)",
        r"(?:messag|e-?mail|contact|inform|notif|wrote|told|called|warn|letter)\w*[^.]{0,40}\b(?:buyers?|customers?)\b"
        r"|\b(?:buyers?|customers?)\b[^.]{0,40}(?:were |was )?(?:messag|e-?mail|contact|inform|notif|told|warn)\w*",
        "how the buyers were told",
    ),
]
_PROVIDED = re.compile(
    r"attach|enclos|please find|\b(?:we )?(?:have )?(?:included|uploaded|provided|submitted)\b|\b(?:is|are) (?:attached|enclosed|included)"
    r"|\b(?:invoice|receipt|statement|bill|licen[cs]e|certificate)s?\s+(?:no\.?\s*|#\s*)?[A-Z0-9][A-Z0-9-]{2,}",
    re.IGNORECASE,
)
_PROMISED = re.compile(
    r"\bwill (?:send|provide|forward|upload|attach|share)\b|\bonce (?:we )?receive|\bas soon as\b|\bhave asked\b"
    r"|\bwaiting (?:for|on)\b|\bhave requested\b",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"follow (?:all )?(?:of )?(?:amazon(?:'s)? )?(?:polic|rules|guidelines|terms)|be (?:more )?careful"
    r"|(?:will )?(?:not|never) happen again|do (?:our|my) best|pay (?:more )?attention|more vigilant",
    re.IGNORECASE,
)


@dataclass
class ItemCoverage:
    item: RequiredItem
    status: str  # covered | weak | missing
    evidence: list[str] = field(default_factory=list)
    why: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "item": self.item.text,
            "kind": self.item.kind,
            "topic": self.item.topic,
            "status": self.status,
            "evidence": self.evidence,
            "why": self.why,
        }


def _topic_index(notice: Notice, item: RequiredItem, seg: Segmented) -> int | None:
    if item.topic is None or seg.topics < 2:
        return None
    try:
        return min(notice.topics.index(item.topic), seg.topics - 1)
    except ValueError:
        return None


def _mentions_topic(topic: str | None, text: str) -> bool:
    pattern = topic_pattern(topic)
    return pattern is None or bool(re.search(pattern, text, re.IGNORECASE))


def _core(item: RequiredItem, seg: Segmented, topic: int | None, root_cause: str) -> ItemCoverage:
    """Root cause, actions and prevention are answered by the letter's own sections."""
    if item.kind == "root_cause":
        if not root_cause:
            return ItemCoverage(item, "missing", why="no root cause is stated")
        if not _mentions_topic(item.topic, seg.text):
            return ItemCoverage(
                item, "missing", [], f"the letter never mentions the topic “{item.topic}”"
            )
        return ItemCoverage(item, "covered", [root_cause[:200]], "a root cause is stated")
    if not _mentions_topic(item.topic, seg.text):
        return ItemCoverage(
            item, "missing", [], f"the letter never mentions the topic “{item.topic}”"
        )
    section = "actions" if item.kind == "actions" else "prevention"
    sentences = seg.sentences(section, topic) or seg.sentences(section)
    # "What you have done with the remaining inventory": the asked-for part must be answered too.
    for wanted, answer, what in ACTION_TERMS:
        if re.search(wanted, item.text, re.IGNORECASE) and not re.search(
            answer, seg.text, re.IGNORECASE
        ):
            return ItemCoverage(item, "missing", [], f"the letter does not say {what}")
    if not sentences:
        return ItemCoverage(
            item,
            "missing",
            why=f"no {'actions taken' if section == 'actions' else 'preventive measures'} are described",
        )
    if section == "prevention" and all(_GENERIC.search(s) for s in sentences):
        return ItemCoverage(item, "weak", sentences[:2], "the preventive steps are generic")
    return ItemCoverage(item, "covered", sentences[:2], f"{len(sentences)} {section} sentence(s)")


_EXAMPLES = re.compile(r"\(?\b(?:for example|for instance|such as|e\.g\.)", re.IGNORECASE)


_DATE_ASKED = re.compile(r"\bdates?\b|\bwhen\b|from which day", re.IGNORECASE)
_NUMBER_ASKED = re.compile(r"\bnumber of\b|\bhow many\b", re.IGNORECASE)
# "your other variation families": the answer must speak of the others, not the one fixed.
_OTHERS_ASKED = re.compile(r"\b(?:other|remaining|rest of|all (?:of )?your)\b", re.IGNORECASE)
_OTHERS_GIVEN = re.compile(
    r"\b(?:other|remaining|rest|all|every|each|whole|entire|catalog(?:ue)?)\b", re.IGNORECASE
)
_LIST_GIVEN = re.compile(
    r"\b(?:attach\w*|enclos\w*|export\w*|spreadsheet|report|csv|list)\b", re.IGNORECASE
)
_IDS_ASKED = re.compile(r"\blist of (?:the |all )?(?:\w+ )?(?:orders|asins)\b", re.IGNORECASE)


def answer_types(text: str) -> list[Callable[[str], bool]]:
    """What kind of fact the request asks for: a date, a number, a list of order IDs or ASINs."""
    from poa.text.facts import ASIN, NUMBER, ORDER_ID, find_dates, mask_ids_and_dates

    asked = _EXAMPLES.split(text)[0]
    types: list[Callable[[str], bool]] = []
    if _DATE_ASKED.search(asked):
        types.append(lambda sentence: bool(find_dates(sentence)))
    if _NUMBER_ASKED.search(asked):
        types.append(lambda sentence: bool(NUMBER.search(mask_ids_and_dates(sentence))))
    if _IDS_ASKED.search(asked):
        attachable = re.search(r"\b(?:attach|send|provide|upload)\b", asked, re.IGNORECASE)
        types.append(
            lambda sentence: (
                bool(ORDER_ID.search(sentence) or ASIN.search(sentence))
                or bool(attachable and _LIST_GIVEN.search(sentence))
            )
        )
    if _OTHERS_ASKED.search(asked):
        types.append(lambda sentence: bool(_OTHERS_GIVEN.search(sentence)))
    return types


def needed_terms(text: str, kind: str) -> list[str]:
    """Patterns the letter must contain to answer this request: the documents it names (any of
    them), or the information it asks to disclose (examples given after "such as" do not count)."""
    if kind == "documents":
        return [
            letter for wanted, letter in DOCUMENT_TERMS if re.search(wanted, text, re.IGNORECASE)
        ]
    asked = _EXAMPLES.split(text)[0]
    return [
        letter for wanted, letter in DISCLOSURE_TERMS if re.search(wanted, asked, re.IGNORECASE)
    ]


def _document(item: RequiredItem, seg: Segmented, terms: list[str]) -> ItemCoverage:
    """A requested document counts when the letter names it and attaches or lists it."""
    in_documents = set(seg.sentences("documents"))
    mentions = [s for s in seg.sentences() if any(re.search(t, s, re.IGNORECASE) for t in terms)]
    if not mentions:
        return ItemCoverage(item, "missing", [], "the letter never mentions this document")
    provided = [s for s in mentions if _PROVIDED.search(s) and not _PROMISED.search(s)]
    if provided:
        return ItemCoverage(item, "covered", provided[:2], "the document is attached or listed")
    if all(_PROMISED.search(s) for s in mentions):
        return ItemCoverage(
            item, "missing", mentions[:2], "the document is only promised, not provided"
        )
    if any(s in in_documents for s in mentions):
        return ItemCoverage(
            item, "covered", mentions[:2], "the document is listed with the supporting documents"
        )
    return ItemCoverage(
        item, "weak", mentions[:2], "the document is mentioned but not said to be attached"
    )


def _denial_of(request: str, sentences: list[str]) -> str | None:
    """A sentence of the letter that denies what the request asks about (its concept)."""
    from poa.reading.statements import concept_mentions, denied_concepts

    about = {concept for concept, _ in concept_mentions(request)}
    if not about:
        return None
    return next((s for s in sentences if denied_concepts(s) & about), None)


def assess_coverage(seg: Segmented, notice: Notice, root_causes: list[str]) -> list[ItemCoverage]:
    """Each item of the notice's checklist, judged against the letter's sections and sentences."""
    # Disclosures are facts about what happened: a rule for the future does not answer them.
    # A bullet answers as a whole (an answer may run over several sentences); paragraphs by sentence.
    sentences = [
        unit
        for b in seg.blocks
        for unit in ([b.text] if b.bullet else split_sentences(b.text))
        if b.section != "prevention" or not CUES["prevention"].search(unit)
    ] or seg.sentences()
    others = [
        item
        for item in notice.required_items
        if item.kind not in ("root_cause", "actions", "prevention")
    ]
    sims = (
        similarity_matrix([item.text for item in others], sentences)
        if others and sentences
        else None
    )
    results = []
    other_index = 0
    for item in notice.required_items:
        topic = _topic_index(notice, item, seg)
        if item.kind in ("root_cause", "actions", "prevention"):
            cause = (
                root_causes[topic]
                if topic is not None and topic < len(root_causes)
                else " ".join(root_causes)
            )
            results.append(_core(item, seg, topic, cause))
            continue
        row = sims[other_index] if sims is not None else []
        other_index += 1
        documents = needed_terms(item.text, "documents") if item.kind == "documents" else []
        if documents:
            results.append(_document(item, seg, documents))
            continue
        needed = needed_terms(item.text, "disclosure")
        missing_terms = [t for t in needed if not re.search(t, seg.text, re.IGNORECASE)]
        denial = _denial_of(item.text, sentences)
        if denial:  # "the agencies you used" is answered by "we never used any agency"
            results.append(
                ItemCoverage(item, "covered", [denial], "the letter says this did not happen")
            )
            continue
        if missing_terms:
            results.append(
                ItemCoverage(item, "missing", [], "the letter does not give this information")
            )
            continue
        if not len(row):
            results.append(ItemCoverage(item, "missing", why="the letter is empty"))
            continue
        wanted = content_words(item.text)
        types = answer_types(item.text)
        scored = []
        for sentence, sim in zip(sentences, row, strict=True):
            shared = len(wanted & content_words(sentence)) / len(wanted) if wanted else 0.0
            typed = all(has(sentence) for has in types)
            scored.append((float(sim) + 0.3 * shared, typed, sentence))
        scored.sort(key=lambda entry: entry[0], reverse=True)
        best, evidence = scored[0][0], [s for _, _, s in scored[:2]]
        answering = [entry for entry in scored if entry[1]]
        if types and (not answering or answering[0][0] < WEAK):
            # "Tell us from which date": a sentence on the topic without a date does not answer it.
            status = "weak" if best >= COVERED else "missing"
            results.append(
                ItemCoverage(
                    item,
                    status,
                    evidence if status == "weak" else [],
                    "the specific fact asked for (a date, a number, order IDs) is not given",
                )
            )
        elif (answering[0][0] if types else best) >= COVERED:
            results.append(
                ItemCoverage(
                    item,
                    "covered",
                    [answering[0][2]] if types else evidence,
                    f"answered (match {best:.2f})",
                )
            )
        elif best >= WEAK:
            results.append(
                ItemCoverage(item, "weak", evidence, f"only touched on (match {best:.2f})")
            )
        else:
            results.append(
                ItemCoverage(item, "missing", [], f"not answered (best match {best:.2f})")
            )
    return _resolve_alternatives(results)


def _resolve_alternatives(results: list[ItemCoverage]) -> list[ItemCoverage]:
    """Of requests offered as alternatives ("a retraction, or if you have one, a licence"), one
    answered is enough: the others are marked covered by it."""
    alternatives = [r for r in results if r.item.conditional]
    answered = [r for r in alternatives if r.status == "covered"]
    if not answered:
        return results
    return [
        ItemCoverage(
            r.item,
            "covered",
            answered[0].evidence,
            f"answered by the alternative “{answered[0].item.text[:60]}”",
        )
        if r.item.conditional and r.status != "covered"
        else r
        for r in results
    ]
