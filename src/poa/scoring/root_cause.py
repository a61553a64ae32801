"""The root cause of any letter: where it is stated, whether it offers several, whether it is a mechanism.

Shared by the rubric (single_root_cause, root_cause_specific), the drafting guards (which cut a
second cause) and revision (which chooses one of several).
"""

from __future__ import annotations

import re

from poa.kb.rules import pattern, root_cause_rules
from poa.scoring.segment import CUES, Segmented
from poa.text.plain import quote, split_sentences

_RULES = root_cause_rules()
# Phrases announcing more than one cause (knowledge/rules/root_cause.yaml: `several`).
MULTIPLE_CAUSES = pattern(_RULES.several)
_PLEA, _DENIAL = pattern(_RULES.plea), pattern(_RULES.denial)
_ANNOUNCEMENT = pattern(_RULES.announcement)
_BLAME, _VAGUE = pattern(_RULES.blame), pattern(_RULES.vague)

# "The first root cause we have identified is that …" announces a list: the opener goes, the cause stays.
FIRST_CAUSE_OPENER = re.compile(
    r"^(?:the )?(?:first|main|primary|1st) (?:root )?cause (?:(?:that )?we (?:have )?identified |of this (?:issue|violation) )?"
    r"(?:is|was)(?: that)?[:,]?\s*",
    re.IGNORECASE,
)


def multiple_cause_markers(text: str) -> list[str]:
    """The phrases that announce more than one cause (empty when the text keeps to one)."""
    return [match.group(0) for match in MULTIPLE_CAUSES.finditer(text)]


UNKNOWN_CAUSE = re.compile(
    r"(?:do not|don't|did not|didn't) know why|not sure why|(?:no idea|unclear|unknown) (?:why|what caused)"
    r"|cannot (?:explain|say) why|could not (?:find|identify) (?:a|the|any) (?:root )?cause",
    re.IGNORECASE,
)


def find_root_causes(seg: Segmented) -> list[str]:
    """The root-cause text of each topic; '' where none is stated."""
    causes = []
    for topic in range(seg.topics):
        text = seg.section_text("root_cause", topic)
        if not stated_cause(text)[0]:  # none, or only a plea or a denial: look in the rest
            text = _root_cause_from_sentences(seg, topic) or text
        causes.append(text)
    return causes


def _root_cause_from_sentences(seg: Segmented, topic: int) -> str:
    """No root-cause section: the sentence naming the root cause, else the most causal sentences."""
    blocks = [
        b
        for b in seg.blocks
        if b.topic == topic and b.section not in ("closing", "other") and stated_cause(b.text)[0]
    ]
    for block in blocks:
        sentences = split_sentences(block.text)
        for index, sentence in enumerate(sentences):
            if re.search(
                r"\broot cause\b|\bcaused by\b|\bhappened because\b|\bthe reason\b|\b(?:this|that|which) is why\b",
                sentence,
                re.IGNORECASE,
            ):
                return " ".join(sentences[index : index + 2])
    candidates = [
        (len(CUES["root_cause"].findall(s)), s)
        for b in blocks
        if b.section
        not in ("actions", "prevention", "documents", "issue")  # the issue says why Amazon acted
        for s in split_sentences(b.text)
    ]
    candidates = [c for c in candidates if c[0] > 0]
    candidates.sort(key=lambda c: c[0], reverse=True)
    return " ".join(s for _, s in candidates[:2])


# What was missing or wrong in the seller's own process. Strong cues name the gap; weak cues
# only hint at one ("only", "the same laptop") and count when there are two of them.
_STRONG_GAP = re.compile(
    r"\bno (?:one|process|check|review|rule|step|procedure|system|control|training|written|way|alert|list|record|"
    r"sign-?off|approval|second|test|standard|owner|limit)\b|\bnobody\b|\bnothing (?:required|checked|stopped|flagged|"
    r"marked|caught|told|prevented|warned)\b|\bwithout\b|\bdid(?:n't| not) (?!know\b|understand\b|realise\b|realize\b)\w+"
    r"|\bwas(?:n't| not) (?:trained|checked|reviewed|told|updated|verified|set|tested|covered|included|linked|synced|"
    r"separated|inspected)\b|\bwere(?:n't| not) (?:trained|checked|reviewed|told|updated|verified|inspected)\b"
    r"|\bnever\b|\brelied\b|\bassumed\b|\bmissing\b|\blacked\b|\bgap\b|\bwhich (?:meant|allowed|let)\b|\bfree to\b"
    r"|\bcould (?:pick|choose|use|send|buy|list|change)\b|\bby hand\b|\bmanual(?:ly)?\b|\bonce a (?:day|week)\b",
    re.IGNORECASE,
)


_WEAK_GAP = re.compile(
    r"\bonly\b|\bsame\b|\bshared\b|\bstill\b|\bbecause\b|\bso (?:the|that|it|any|a|our|he|she|they|we)\b|\ballowed\b",
    re.IGNORECASE,
)


_DETAIL = re.compile(
    r"\b(?:agent|assistant|va|staff|employee|team|manager|lead|freelancer|agency|supplier|warehouse|software|tool|app|"
    r"template|system|process|checklist|spreadsheet|listing|insert|card|courier|carrier|feed|file|account|laptop|"
    r"password|designer|partner|husband|wife|brother|helpdesk|macro|repricer|integration|sync|invoice|wholesaler|"
    r"reply|replies|message|messages|packer|packaging|label|photo|image|title|keyword|setting|address|bank|document|"
    r"return|inspection|stock|inventory|pallet|lot|vendor|service|contract|group|script|automation|rule|field|factory|"
    r"manufacturer|product|design|purchaser|purchasing|lawyer|search|brand|shipment|distributor|buying)s?\b",
    re.IGNORECASE,
)


# "The root cause is that we violated the policy / sent messages that broke the guidelines."
_VIOLATION = re.compile(
    r"violat\w*|did not (?:follow|comply)|(?:is|was) against (?:amazon'?s? )?(?:\w+ ){0,3}polic|not (?:allowed|permitted|"
    r"acceptable)|in accordance with (?:the|amazon'?s?) polic|protected content|inappropriate message|prohibited",
    re.IGNORECASE,
)


def stated_cause(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentences of a root-cause part that state a cause, and those that do not, with why:
    a plea, a denial, or an announcement that causes were found."""
    kept, left_out = [], []
    for sentence in split_sentences(text):
        why = (
            "a plea"
            if _PLEA.search(sentence)
            else "a denial"
            if _DENIAL.search(sentence)
            else "an announcement"
            if _ANNOUNCEMENT.search(sentence)
            else None
        )
        if why:
            left_out.append((why, sentence))
        else:
            kept.append(sentence)
    return " ".join(kept), left_out


def names_gap(text: str) -> bool:
    """Whether the text says what was missing or wrong (a check, a rule, a step…)."""
    return bool(_STRONG_GAP.search(text))


def blame(text: str) -> str | None:
    """The phrase that puts the cause on someone else: Amazon, its systems, buyers, carriers,
    suppliers. Naming them neutrally ("our supplier's labels were wrong") is not blame."""
    match = _BLAME.search(text)
    return match.group(0) if match else None


def mechanism_check(text: str) -> tuple[str | None, float]:
    """Why a root cause is not a mechanism (None when it is), and a 0–1 score of how close it is."""
    text, _ = stated_cause(text)
    if not text.strip() or UNKNOWN_CAUSE.search(text):
        return "No root cause is stated, so none can be specific.", 0.0
    first = split_sentences(text)[0]
    strong, weak = len(_STRONG_GAP.findall(text)), len(_WEAK_GAP.findall(text))
    gap = strong >= 1 or weak >= 2
    details = bool(_DETAIL.search(text))
    vague = _VAGUE.search(text)
    restated = bool(_VIOLATION.search(first)) and strong < 2
    external = blame(text)
    words = len(text.split())
    parts = [gap, details, words >= 15, not vague or strong >= 1, not restated, not external]
    score = sum(parts) / len(parts)
    if external:
        return (
            f"The root cause is put on others ({quote(external, 40)}) instead of a gap in your own process.",
            score,
        )
    if restated:
        return "The root cause restates the violation instead of saying why it happened.", score
    if vague and not strong:
        return (
            f"The root cause is vague ({quote(vague.group(0), 40)}) with no detail of who, what or how.",
            score,
        )
    if not gap or not details or words < 15:
        missing = (
            "what was missing or wrong"
            if not gap
            else "who or what was involved"
            if not details
            else "enough detail"
        )
        return f"The root cause does not say {missing}.", score
    return None, score
