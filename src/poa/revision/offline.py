"""The offline reviser: the case rebuilt from the seller's facts and the previous appeal's facts.

The previous appeal is one of the seller's inputs: its factual sentences (the issue, the dated
actions, the measures, the documents) become facts of the case, with their source. Of its root
causes only one is kept — the one the seller's story states, else the candidate the facts support
best — and the letter is composed like any draft, so a revision never asserts what none of the
inputs say. The rejection adds only what Amazon asks more detail on: its requests become
answers from the facts, or questions to the seller.
"""

from __future__ import annotations

import re

from poa.core.models import ActionTaken, Case, Fact, FactSource
from poa.drafting.offline import Composition, compose_offline
from poa.drafting.playbook_causes import rank_root_causes
from poa.drafting.suggestions import Suggestion
from poa.kb.documents import PlaybookMeta
from poa.kb.semantic import relatedness, similarity_matrix
from poa.reading.case import (
    CAUSE_CUES,
    cause_sentences,
    extract_case,
    sentence_fact,
    sentence_kind,
    tidy,
)
from poa.reading.statements import reads_as_instruction
from poa.reading.tone import unprofessional
from poa.revision.gaps import GapAnalysis
from poa.scoring.measures import GENERIC_MEASURE
from poa.scoring.root_cause import (
    FIRST_CAUSE_OPENER,
    find_root_causes,
    mechanism_check,
    multiple_cause_markers,
)
from poa.scoring.segment import CUES, segment
from poa.text.facts import find_dates
from poa.text.plain import split_sentences

# the previous appeal's sections, and the kind of fact each sentence of them states
SECTION_KINDS = {
    "issue": "incident",
    "actions": "action",
    "prevention": "measure",
    "documents": "document",
    "info": "answer",
}


def cause_candidates(root_cause: str) -> list[str]:
    """The separate causes a root-cause section offers ('First… Second…', bullets, 'another…')."""
    if not root_cause.strip():
        return []
    pieces = [
        p.strip(" -•*")
        for p in re.split(
            r"\n+|(?=\b(?:second|third|fourth|another|finally|also)\b)", root_cause, flags=re.I
        )
    ]
    pieces = [p for p in pieces if len(p.split()) >= 5]
    if not multiple_cause_markers(root_cause) and len(pieces) < 3:
        return [root_cause]
    return pieces or [root_cause]


_NAMED_CAUSE_LEAD = re.compile(
    r"^.{0,20}?\b(?:real|actual|true|root) cause(?: (?:was|is))?[:,]?\s*", re.IGNORECASE
)


_NAMED_CAUSE = re.compile(
    r"\b(?:the )?(?:real|actual|true|root) cause\b(?! was not)", re.IGNORECASE
)


def choose_cause_candidate(
    candidates: list[str], facts: str, playbook: PlaybookMeta | None
) -> tuple[str, list[str]]:
    """The candidate the seller's facts support best, and the close runners-up to confirm.

    A cause put on someone else (the carrier, the buyer) is never the one kept. When the seller's
    facts state a cause that none of the old candidates matches, that stated cause is used.
    """
    sentences = split_sentences(facts)
    for index, sentence in enumerate(sentences):
        if _NAMED_CAUSE.search(sentence):  # "The real cause: …" — the seller has said which
            return _NAMED_CAUSE_LEAD.sub("", " ".join(sentences[index : index + 2])), []
    candidates = [c for c in candidates if not c.rstrip().endswith(":")]
    own = [c for c in candidates if "put on others" not in (mechanism_check(c)[0] or "")]
    candidates = own or candidates
    stated = " ".join(cause_sentences(facts))
    if stated and candidates and max(relatedness(candidates, stated)) < 0.4:
        return stated, []
    if not candidates:
        return stated, []
    if len(candidates) == 1:
        return candidates[0], []
    support = relatedness(candidates, facts) if facts.strip() else [0.0] * len(candidates)
    fit = [rank_root_causes(playbook, c)[0].score if playbook else 0.0 for c in candidates]
    scores = [s + f for s, f in zip(support, fit, strict=True)]
    order = sorted(range(len(candidates)), key=scores.__getitem__, reverse=True)
    best = order[0]
    close = [candidates[i] for i in order[:3] if scores[best] - scores[i] < 0.08]
    return candidates[best], close if len(close) > 1 else []


_ENUMERATION_WORDS = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|also|another (?:root )?cause (?:is|was)(?: that)?|the (?:first|second|third) "
    r"(?:root )?cause (?:is|was)(?: that)?)[,:]?\s*",
    re.IGNORECASE,
)


_GREETING = re.compile(r"^(?:dear|hello|hi|to whom|thank you for)\b", re.IGNORECASE)


def _is_fact_sentence(sentence: str) -> bool:
    """A sentence of the old issue paragraph worth keeping: a fact, not a greeting, plea or boast."""
    if (
        _GREETING.match(sentence)
        or unprofessional(sentence)
        or re.search(r"\bstar rating|\brating\b|\bsurprised\b", sentence, re.I)
    ):
        return False
    return bool(
        find_dates(sentence)
        or re.search(
            r"\d{3}-\d{7}-\d{7}|\bB0[A-Z0-9]{8}\b|polic|notice|order|listing", sentence, re.I
        )
    )


def _cause_only(text: str) -> str:
    """The sentences of an old root-cause paragraph that explain why, without a list opener
    ("The first root cause we have identified is that …") and without boasts or pleas."""
    sentences = [s for s in split_sentences(text) if not unprofessional(s)]
    causal = [
        s
        for s in sentences
        if FIRST_CAUSE_OPENER.match(s) or CAUSE_CUES.search(s) or CUES["root_cause"].search(s)
    ]
    kept = []
    for sentence in causal or sentences[:1]:
        rest = FIRST_CAUSE_OPENER.sub("", sentence, count=1)
        kept.append(tidy(rest[:1].upper() + rest[1:]))
    return " ".join(kept[:2])


_NOT_A_MEASURE = re.compile(
    r"\bwe (?:hope|understand|apologi[sz]e|regret|are (?:fully )?committed|ask you|kindly)\b"
    r"|\bmake sure (?:that )?(?:all|this|it|our \w+ (?:is|are) correct)\b|\bkeep up to date\b",
    re.IGNORECASE,
)


def _previous_facts(previous: str, cause: str) -> list[Fact]:
    """The previous appeal's factual sentences as facts (source: previous appeal); of its causes,
    only `cause`."""
    seg = segment(previous)
    facts: list[Fact] = []
    for section, kind in SECTION_KINDS.items():
        for index, sentence in enumerate(seg.sentences(section)):
            if unprofessional(sentence) or reads_as_instruction(sentence):
                continue
            if kind == "incident" and not _is_fact_sentence(sentence):
                continue
            if kind == "action" and not CUES["actions"].search(sentence):
                continue
            if kind == "measure" and (
                GENERIC_MEASURE.search(sentence) or _NOT_A_MEASURE.search(sentence)
            ):
                continue  # "we will make sure all is correct", "we apologise", "we hope": no measure
            read = sentence_kind(sentence)
            if read is None:
                continue  # a plea, a boast, a dropped guess
            if read in ("action", "measure") or (read == "cause" and kind != "answer"):
                kind = (
                    read  # "our checklist covered labels, not timing" is a cause, wherever it stood
                )
            if kind == "cause":
                continue  # of the old letter's causes only the chosen one is kept (below)
            source = FactSource(kind="previous_appeal", ref=section, quote=sentence)
            facts.append(sentence_fact(f"previous-{section}-{index}", kind, sentence, source))
    for index, sentence in enumerate(split_sentences(cause)):
        source = FactSource(kind="previous_appeal", ref="root_cause", quote=sentence)
        facts.append(sentence_fact(f"previous-root_cause-{index}", "cause", sentence, source))
    return facts


SAME_FACT = 0.8  # an old letter's sentence this close to a story fact says the same thing


def _not_repeated(earlier: list[Fact], told: list[Fact]) -> list[Fact]:
    """The previous appeal's facts that the story does not already state (in other words)."""
    if not earlier or not told:
        return earlier
    sims = similarity_matrix([f.text for f in earlier], [f.text for f in told])
    return [f for f, row in zip(earlier, sims, strict=True) if row.max() < SAME_FACT]


def revision_case(
    previous: str, story: str, language: str, playbook: PlaybookMeta | None = None
) -> tuple[Case, list[str]]:
    """The seller's facts for a revision, and the other causes to confirm when the facts could
    not decide: the story's facts first, then the previous appeal's."""
    case = extract_case(story)
    readable = language in ("en", "unknown")
    if not readable:
        return case, []
    causes = [c for c in find_root_causes(segment(previous)) if c]
    if case.facts_of("cause"):
        cause, to_confirm = "", []  # the story states the cause: the old letter's causes go
    else:
        cause, to_confirm = choose_cause_candidate(
            cause_candidates(causes[0]) if causes else [], story, playbook
        )
        cause = _cause_only(_ENUMERATION_WORDS.sub("", cause).strip())
    earlier = _previous_facts(previous, cause)
    earlier = _not_repeated(earlier, case.facts)
    actions = [
        ActionTaken(text=f.text, date=f.date, fact_id=f.id) for f in earlier if f.kind == "action"
    ]
    ids = extract_case(previous)
    merged = case.model_copy(
        update={
            "facts": [*case.facts, *earlier],
            "actions_taken": [*case.actions_taken, *actions],
            "order_ids": list(dict.fromkeys([*case.order_ids, *ids.order_ids])),
            "asins": list(dict.fromkeys([*case.asins, *ids.asins])),
            "incident_dates": case.incident_dates
            or [f.date for f in earlier if f.kind == "incident" and f.date],
        }
    )
    return merged, to_confirm


def revise_offline(
    analysis: GapAnalysis,
    case: Case,
    playbook: PlaybookMeta,
    accepted: list[Suggestion] | None = None,
    about: str = "",
) -> Composition:
    """The revision, composed from the case facts like a draft (no playbook text asserted).

    `about` is what the case is about (the original notice, else the old letter's issue): the
    rejection asks for detail, it does not say what happened, so it cannot choose the cause."""
    return compose_offline(
        analysis.rejection, case, playbook, analysis.violation_type, accepted, about=about
    )
