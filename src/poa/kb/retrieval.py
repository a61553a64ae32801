"""Retrieval for drafting: policy excerpts plus accepted and rejected examples, in one call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from poa.kb.documents import documents_by_path
from poa.kb.embeddings import embed
from poa.kb.store import KnowledgeStore, SearchResult


@dataclass(frozen=True)
class Example:
    """A whole example appeal with its annotation: what made it pass or fail."""

    path: str
    title: str
    outcome: str
    why: str
    fails: tuple[str, ...]
    text: str
    source: str
    score: float


@dataclass(frozen=True)
class RetrievedContext:
    query: str
    violation_type: str | None
    policies: list[SearchResult] = field(default_factory=list)
    accepted: list[Example] = field(default_factory=list)
    rejected: list[Example] = field(default_factory=list)


def _examples(
    store: KnowledgeStore,
    knowledge_dir: Path,
    query: str,
    vector: list[float],
    kind: str,
    violation_type: str | None,
    limit: int,
) -> list[Example]:
    if limit <= 0:
        return []
    hits = store.search(
        query, k=limit * 4, violation_type=violation_type, kind=kind, query_embedding=vector
    )
    documents = documents_by_path(knowledge_dir)
    examples: list[Example] = []
    for hit in hits:
        doc = documents.get(hit.path)
        if doc is None or any(example.path == hit.path for example in examples):
            continue
        note = doc.meta.annotation
        examples.append(
            Example(
                path=hit.path,
                title=hit.title,
                outcome=note.outcome,
                why=note.why,
                fails=tuple(note.fails),
                text=doc.body,
                source=hit.source,
                score=hit.score,
            )
        )
        if len(examples) == limit:
            break
    return examples


def retrieve_context(
    store: KnowledgeStore,
    query: str,
    violation_type: str | None = None,
    *,
    policies: int = 4,
    accepted: int = 2,
    rejected: int = 1,
) -> RetrievedContext:
    """Everything the drafter needs for a case; the query is embedded once.

    With a known violation type, results are filtered to it; `other` or None searches everything.
    """
    kind_filter = violation_type if violation_type and violation_type != "other" else None
    vector = embed([query])[0].tolist()
    knowledge_dir = store.settings.knowledge_dir
    return RetrievedContext(
        query=query,
        violation_type=violation_type,
        policies=store.search(
            query, k=policies, violation_type=kind_filter, kind="policy", query_embedding=vector
        )
        if policies
        else [],
        accepted=_examples(store, knowledge_dir, query, vector, "accepted", kind_filter, accepted),
        rejected=_examples(store, knowledge_dir, query, vector, "rejected", kind_filter, rejected),
    )
