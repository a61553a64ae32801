"""Idempotent ingestion of `knowledge/` into the store, keyed by each file's content hash."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from poa.core.config import Settings
from poa.kb.documents import KnowledgeDoc, chunk_texts, load_knowledge
from poa.kb.store import KnowledgeStore


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"seconds": round(self.seconds, 3)}


def _chunk_records(doc: KnowledgeDoc) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    texts, metadatas, ids = [], [], []
    for index, text in enumerate(chunk_texts(doc)):
        texts.append(text)
        metadatas.append(
            {
                "path": doc.path,
                "kind": doc.kind,
                "violation_type": doc.meta.violation_type,
                "source": str(doc.meta.source),
                "title": doc.meta.title,
                "content_hash": doc.content_hash,
                "chunk": index,
            }
        )
        ids.append(f"{doc.path}#{index}")
    return texts, metadatas, ids


def ingest(
    settings: Settings,
    *,
    rebuild: bool = False,
    progress: bool = True,
    store: KnowledgeStore | None = None,
) -> IngestSummary:
    """Bring the collection in line with the knowledge folder.

    Every file is validated before anything is written, so a bad file changes nothing.
    Unchanged files are skipped (no embedding work), edited files replaced, deleted files removed.
    """
    from tqdm import tqdm

    started = time.perf_counter()
    documents = load_knowledge(settings.knowledge_dir)
    store = store or KnowledgeStore(settings)
    if rebuild:
        store.reset()
    indexed = store.indexed_hashes()
    summary = IngestSummary()
    current = {doc.path for doc in documents}
    stale = sorted(path for path in indexed if path not in current)
    store.delete_paths(stale)
    summary.removed = len(stale)
    for doc in tqdm(documents, desc="ingest", unit="file", disable=not progress, leave=False):
        previous = indexed.get(doc.path)
        if previous == doc.content_hash:
            summary.unchanged += 1
            continue
        if previous is None:
            summary.added += 1
        else:
            store.delete_paths([doc.path])
            summary.updated += 1
        store.add(*_chunk_records(doc))
    summary.chunks = store.count()
    summary.seconds = time.perf_counter() - started
    return summary
