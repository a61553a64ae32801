"""Which policy a notice (or a seller's story) is about: the cues of
`knowledge/rules/violation_types.yaml` (policy named, behaviour described, topic words) plus a
retrieval vote. Rules lead; the nearest notices and policies in the knowledge index break ties
and fill gaps.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import Field

from poa.core.models import StrictModel
from poa.core.vocab import ViolationType
from poa.reading.notice_rules import CUE_WEIGHTS, type_rules

LEAD_CHARS = 400  # a notice says why up front; the documents it lists come later


class TypeReading(StrictModel):
    """The type a text is about, how sure the reader is, the next best type and why."""

    violation_type: ViolationType
    confidence: float = Field(ge=0, le=1)
    runner_up: ViolationType | None = None
    runner_up_confidence: float = Field(0.0, ge=0, le=1)
    evidence: list[str] = Field(default=[])  # the policy and behaviour phrases found, as written


Matches = dict[str, list[tuple[str, str, bool]]]


def _rule_matches(text: str) -> Matches:
    """Per type: (strength, words found, found in the opening) for each cue that matches."""
    found: Matches = {}
    for kind, rule in type_rules().types.items():
        for strength, regex in rule.cues():
            match = regex.search(text)
            if match:
                found.setdefault(kind, []).append(
                    (strength, match.group(0), match.start() < LEAD_CHARS)
                )
    return found


def types_named(text: str) -> list[str]:
    """Types any cue of which (a word too) the text holds, most evidence first: for short labels
    such as a branch heading ("For authenticity complaints:")."""
    matches = _rule_matches(text)
    weight = {k: sum(CUE_WEIGHTS[s] for s, _, _ in found) for k, found in matches.items()}
    return sorted(weight, key=lambda kind: -weight[kind])


def rule_scores(text: str, found: Matches | None = None) -> dict[str, float]:
    """Type cues found, weighted; those in the notice's opening (its "why") count twice.

    A topic word alone ("review", "contact", "refund") never decides: it counts only for a type
    that a policy or behaviour cue already points to. A legal basis ("Section 3") decides only
    when nothing else is named.
    """
    found = _rule_matches(text) if found is None else found
    named = {k for k, m in found.items() if any(s in ("policy", "behaviour") for s, _, _ in m)}
    basis_only = not named
    return {
        kind: sum(CUE_WEIGHTS[strength] * (2 if in_lead else 1) for strength, _, in_lead in matches)
        for kind, matches in found.items()
        if kind in named or (basis_only and any(s == "basis" for s, _, _ in matches))
    }


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


RULE_WEIGHT, VOTE_WEIGHT = 0.7, 0.3  # how rules and the index's vote are combined


def _decisive(shares: dict[str, float]) -> bool:
    """The rules alone settle the type: the index's vote (a sentence embedding, most of a
    reading's time) could not change it, since its weight cannot close the rules' margin."""
    ranked = [*sorted(shares.values(), reverse=True), 0.0]
    return bool(shares) and RULE_WEIGHT * (ranked[0] - ranked[1]) > VOTE_WEIGHT


def read_type(text: str, store: Any = None) -> TypeReading:
    """Violation type by meaning: the policy named and the behaviour described lead; the nearest
    notices and policies in the index break ties and fill gaps. Confidence is the type's share of
    the evidence, lowered when the evidence is thin."""
    found = _rule_matches(text)
    raw = rule_scores(text, found)
    rules = _shares(raw)
    asks_index = store is not None and not _decisive(rules)
    votes = _shares(retrieval_scores(store, text)) if asks_index else {}
    if not rules and not votes:
        return TypeReading(violation_type="other", confidence=0.0)
    if not rules:
        # With no policy or behaviour named (a bare rejection), retrieval alone is weak evidence.
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        kind, share = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else None
        return TypeReading(
            violation_type=kind if share >= 0.6 else "other",  # type: ignore[arg-type]
            confidence=round(0.5 * share, 3),
            runner_up=(runner[0] if runner else (kind if share < 0.6 else None)),  # type: ignore[arg-type]
            runner_up_confidence=round(0.5 * (runner[1] if runner else share), 3),
        )
    combined = (
        {
            kind: RULE_WEIGHT * rules.get(kind, 0.0) + VOTE_WEIGHT * votes.get(kind, 0.0)
            for kind in {*rules, *votes}
        }
        if votes
        else dict(rules)
    )
    ranked = sorted(combined.items(), key=lambda item: -item[1])
    kind, score = ranked[0]
    thin = min(1.0, raw.get(kind, 0.0) / 4)  # one behaviour cue outside the opening: half sure
    evidence = [words for strength, words, _ in found.get(kind, []) if strength != "word"]
    runner = ranked[1] if len(ranked) > 1 else None
    return TypeReading(
        violation_type=kind,  # type: ignore[arg-type]
        confidence=round(min(1.0, score * (0.5 + 0.5 * thin)), 3),
        runner_up=runner[0] if runner else None,  # type: ignore[arg-type]
        runner_up_confidence=round(min(1.0, runner[1]), 3) if runner else 0.0,
        evidence=list(dict.fromkeys(evidence)),
    )


def classify(text: str, store: Any = None) -> tuple[str, float]:
    """Violation type and a 0–1 confidence (see `read_type`)."""
    reading = read_type(text, store)
    return reading.violation_type, reading.confidence
