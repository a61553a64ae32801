"""Pick the playbook root cause that the seller's facts support."""

from __future__ import annotations

import re
from dataclasses import dataclass

from poa.kb.documents import PlaybookMeta, PlaybookRootCause
from poa.kb.semantic import similarity_matrix


@dataclass(frozen=True)
class RankedCause:
    cause: PlaybookRootCause
    score: float
    signals: tuple[str, ...]  # the signal words found in the seller's text


def _signal_hits(cause: PlaybookRootCause, text: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(
        s for s in cause.signals if re.search(rf"(?<![a-z]){re.escape(s.lower())}", lowered)
    )


def rank_root_causes(playbook: PlaybookMeta, seller_text: str) -> list[RankedCause]:
    """Causes ordered by fit: meaning (embeddings) plus the playbook's signal words."""
    causes = playbook.root_causes
    described = [f"{c.title}. {c.statement}" for c in causes]
    sims = similarity_matrix([seller_text or playbook.title], described)[0]
    ranked = []
    for cause, sim in zip(causes, sims, strict=True):
        hits = _signal_hits(cause, seller_text)
        ranked.append(RankedCause(cause, float(sim) + 0.12 * min(len(hits), 4), hits))
    return sorted(ranked, key=lambda r: r.score, reverse=True)


def find_cause(playbook: PlaybookMeta, choice: str) -> PlaybookRootCause | None:
    """A playbook cause named by id or by its exact title (case-insensitive)."""
    wanted = choice.strip().lower()
    return next((c for c in playbook.root_causes if wanted in (c.id, c.title.lower())), None)
