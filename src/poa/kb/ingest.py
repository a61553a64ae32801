"""Idempotent ingestion of `knowledge/` into the store, keyed by each file's content hash.

One ingest runs at a time (a lock file under the data folder; a second waits for the first).
A damaged on-disk index is deleted and rebuilt: it is derived from `knowledge/` alone.
"""

from __future__ import annotations

import fcntl
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from poa.core.config import Settings
from poa.core.paths import file_problem, usable_dir
from poa.kb.documents import KnowledgeDoc, chunk_texts, load_knowledge
from poa.kb.store import IndexDamaged, KnowledgeStore, discard_local_index


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    seconds: float = 0.0
    repaired: bool = False  # the on-disk index was damaged and was rebuilt

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
    started = time.perf_counter()
    documents = load_knowledge(settings.knowledge_dir)
    with ingest_lock(settings):
        summary = IngestSummary()
        if store is None:
            store, summary.repaired = _open_or_repair(settings)
        if rebuild:
            store.reset()
        _sync(store, documents, summary, progress)
    summary.seconds = time.perf_counter() - started
    return summary


@contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    """Hold the ingest lock; a second `poa ingest` waits here (and says so) until it is free."""
    lock_path = usable_dir(settings.data_dir) / "ingest.lock"
    try:
        handle = lock_path.open("a")
    except OSError as error:
        raise file_problem(error, lock_path) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("poa: another ingest is running; waiting for it to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_or_repair(settings: Settings) -> tuple[KnowledgeStore, bool]:
    try:
        return KnowledgeStore(settings), False
    except IndexDamaged:
        if settings.chroma_host:  # a server's storage is not ours to delete
            raise
        print(
            f"poa: the knowledge index in {settings.chroma_path} was damaged; rebuilding it",
            file=sys.stderr,
        )
        discard_local_index(settings)
        return KnowledgeStore(settings), True


def _sync(
    store: KnowledgeStore, documents: list[KnowledgeDoc], summary: IngestSummary, progress: bool
) -> None:
    from tqdm import tqdm

    indexed = store.indexed_hashes()
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
