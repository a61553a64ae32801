"""What a letter says was done and will be done: its actions taken and its preventive measures.

One entry per bullet or paragraph (actions) and per rule-like sentence (prevention); intros,
thanks, hopes and apologies that end up in those sections are not counted.
"""

from __future__ import annotations

import re

from poa.scoring.segment import CUES, Segmented
from poa.text.facts import find_dates
from poa.text.plain import split_sentences

GENERIC_MEASURE = re.compile(
    r"follow (?:all )?(?:of )?(?:amazon(?:'s)? )?(?:polic|rules|guidelines|terms)|comply with (?:all )?(?:amazon(?:'s)? )?"
    r"polic|be (?:more )?careful|pay (?:more |close )?attention|(?:will )?(?:not|never) happen again|do (?:our|my) best"
    r"|take (?:this|it) (?:very )?seriously|more vigilant|work harder|better customer service"
    r"|improve (?:the )?(?:quality(?: control)?|our products|product quality|customer service)"
    r"|remind(?:ed)? (?:our|the|all) (?:team|staff|employees)|monitor (?:our )?(?:\w+ ){0,3}regularly"
    # reading the policy again is where prevention starts, not a control
    r"|\b(?:re-?read|read|studied|study|reviewed|review|went (?:over|through)|go (?:over|through)) (?:all |again )?(?:of )?"
    r"(?:the |amazon(?:'s)? )?(?:\w+ ){0,4}(?:polic(?:y|ies)|guidelines|rules|faqs?|help pages)\b|\bseller university\b"
    r"|\bmake sure (?:that )?(?:we|i) (?:understand|follow|comply)",
    re.IGNORECASE,
)


_NOT_A_MEASURE = re.compile(
    r"\b(?:sorry|apologi|hope|thank|confident|appreciate|please|grateful|regards|sincerely|trust that)\b"
    r"|\bthis (?:closes|addresses|answers|covers|fixes|means)\b",
    re.IGNORECASE,
)


def prevention_measures(seg: Segmented, topic: int | None = None) -> list[str]:
    """Each preventive measure: a bullet, or a sentence of a prevention paragraph. Intros, thanks,
    hopes and apologies that end up in the section are not measures."""
    measures = []
    for block in seg.section_blocks("prevention", topic):
        # A bullet is a measure; in a paragraph, only sentences that describe an ongoing rule are.
        pieces = (
            [block.text]
            if block.bullet
            else [p for p in split_sentences(block.text) if CUES["prevention"].search(p)]
        )
        for piece in pieces:
            if (
                piece.rstrip().endswith(":")
                or len(piece.split()) < 5
                or _NOT_A_MEASURE.search(piece)
            ):
                continue
            measures.append(piece)
    return measures


def actions_taken(seg: Segmented) -> list[str]:
    """What the letter says was already done: the actions section, plus 'we <did something>'
    statements made elsewhere (an upload listed under documents, a deletion under disclosures).
    One entry per paragraph or bullet, since a paragraph's date covers its sentences."""
    entries = []
    for block in seg.blocks:
        if block.section in ("issue", "root_cause", "closing", "other", "prevention"):
            continue
        text = block.text
        if block.section != "actions" and not CUES["actions"].search(text):
            continue
        if (
            len(text.split()) < 4
            or text.rstrip().endswith(":")
            or (_NOT_A_MEASURE.search(text) and not find_dates(text))
        ):
            continue
        entries.append(text)
    return entries
