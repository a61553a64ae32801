"""The seller's own cause for a topic: which of their sentences explain why it happened.

A `root_cause` answer wins; else the story's cause sentence that fits the notice best (one that
names a missing check or rule is preferred), with a second sentence of the same explanation and
the sentence just before it when that one says what the cause acted on.
"""

from __future__ import annotations

import re

from poa.core.models import Case, Fact
from poa.kb.semantic import relatedness
from poa.reading.statements import names_mechanism

MAX_CAUSE_SENTENCES = 2
SAME_EXPLANATION = 0.45
CONTEXT = 0.2  # the sentence before a cause, this close, says what the cause acted on
# "Nobody ever checked that setting.": the cause points back at the sentence before it
_REFERS_BACK = re.compile(r"^(?:\S+\s+){0,6}?(?:that|this|these|those|such|it)\b", re.IGNORECASE)


def in_text(fact: Fact, text: str) -> bool:
    """The fact is about this part of the story (facts from answers belong to every part)."""
    if fact.source.kind != "story":
        return True
    return " ".join(fact.source.quote.split()) in " ".join(text.split())  # a story wraps lines


def closest(facts: list[Fact], target: str, count: int) -> list[Fact]:
    """The `count` facts most about the target, in the seller's order."""
    if len(facts) <= count:
        return facts
    scores = relatedness([f.text for f in facts], target[:1500])
    keep = sorted(range(len(facts)), key=scores.__getitem__, reverse=True)[:count]
    return [facts[i] for i in sorted(keep)]


def seller_cause(case: Case, text: str, target: str) -> list[Fact]:
    """The seller's own explanation for this topic: a `root_cause` answer first, else the story's
    cause sentence that fits best (one naming a missing check or rule is preferred), with the
    sentence just before it when that one says what the cause acted on."""
    causes = [f for f in case.facts_of("cause") if in_text(f, text)]
    # the seller's own answer to "why did it happen?" (or an old appeal's chosen cause) wins
    answered = [f for f in causes if f.source.ref == "root_cause"]
    if answered:
        return answered[:MAX_CAUSE_SENTENCES]
    if not causes:
        return []
    scores = relatedness([f.text for f in causes], target) if len(causes) > 1 else [0.0]
    scores = [
        s + (0.25 if names_mechanism(f.source.quote) else 0.0)
        for s, f in zip(scores, causes, strict=True)
    ]
    best = causes[max(range(len(causes)), key=scores.__getitem__)]
    chosen = [best]
    others = [f for f in causes if f is not best]
    if others:  # a second sentence of the same explanation ("…, I thought it was true." + "I didn't know …")
        closeness = relatedness([f.text for f in others], best.text)
        top = max(range(len(others)), key=closeness.__getitem__)
        runner = max(others, key=lambda f: scores[causes.index(f)])
        if closeness[top] >= SAME_EXPLANATION:
            chosen.append(others[top])
        elif names_mechanism(best.source.quote) and names_mechanism(runner.source.quote):
            # two sentences that each name a missing check are one explanation told in two steps
            # ("the setting was on by default, we never looked at it" + "nobody checked …")
            chosen.append(runner)
    story = [f for f in case.facts if f.source.kind == "story" and f.kind != "negation"]
    first = min(chosen, key=lambda f: _position(f))
    if first.source.kind != "story":  # a cause from an answer or an old appeal stands alone
        return chosen
    index = next(i for i, f in enumerate(story) if f.id == first.id)
    if index > 0 and story[index - 1] not in chosen and _continues(story[index - 1], first):
        chosen.append(story[index - 1])
    return sorted(chosen, key=_position)


def _position(fact: Fact) -> int:
    """Where a fact stands in its input ("story-3" → 3; the last number of any id)."""
    return int(next(part for part in reversed(fact.id.split("-")) if part.isdigit()))


def _continues(before: Fact, cause: Fact) -> bool:
    """The sentence before a cause belongs to it: adjacent in the story and about the same thing
    (or pointed back at: "nobody checked that setting"), and not a measure or a dated fix."""
    if _position(before) + 1 != _position(cause) or before.kind in ("measure", "start", "document"):
        return False
    if _REFERS_BACK.search(cause.source.quote):
        return True
    if before.kind == "action" and before.date:
        return False
    return relatedness([before.text], cause.text)[0] >= CONTEXT
