"""The Chroma collection that holds the knowledge base, embedded on disk or on a Chroma server.

Writes and similarity search go through LangChain's `Chroma` vector store; the collection itself is
created with our embedding function so Chroma (and anyone browsing the server) embeds with it too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import chromadb
from chromadb.config import Settings as ChromaSettings

from poa.core.config import Settings
from poa.core.errors import UserError
from poa.core.paths import usable_dir
from poa.kb.embeddings import MiniLMEmbeddingFunction, embed

T = TypeVar("T")
# What SQLite says about a damaged file, as Chroma passes it on.
DAMAGED = (
    "file is not a database",
    "malformed",
    "disk image",
    "no such table",
    "could not connect to tenant",  # the tenant table is missing or unreadable
)


class IndexDamaged(UserError):
    """The on-disk index cannot be read; `poa ingest` (and `make run`) rebuild it."""


def _is_damaged(error: Exception) -> bool:
    return any(sign in str(error).lower() for sign in DAMAGED)


def _is_gone(error: Exception) -> bool:
    """The collection was dropped under us (a `poa ingest --rebuild` in another process)."""
    return isinstance(error, chromadb.errors.NotFoundError) or "does not exist" in str(error)


@dataclass(frozen=True)
class SearchResult:
    text: str
    score: float
    kind: str
    violation_type: str
    source: str
    path: str
    title: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "score": round(self.score, 4),
            "kind": self.kind,
            "violation_type": self.violation_type,
            "source": self.source,
            "path": self.path,
            "title": self.title,
        }


def make_client(settings: Settings) -> Any:
    """A persistent client under the data dir, or an HTTP client when POA_CHROMA_HOST is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as error:  # chromadb raises bare exceptions on connection failure
            raise UserError(
                f"Cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"(POA_CHROMA_HOST/POA_CHROMA_PORT): {error}"
            ) from None
    usable_dir(settings.data_dir)
    usable_dir(settings.chroma_path, "knowledge index folder")
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def discard_local_index(settings: Settings) -> None:
    """Delete the on-disk index (it is rebuilt from knowledge/), and Chroma's cached handle."""
    chromadb.api.client.SharedSystemClient.clear_system_cache()
    shutil.rmtree(settings.chroma_path, ignore_errors=True)


def where_filter(**conditions: str | list[str] | None) -> dict[str, Any] | None:
    """Chroma `where` clause: a value must equal, a list must contain; None is skipped."""
    terms = [
        {key: {"$in": value} if isinstance(value, list) else value}
        for key, value in conditions.items()
        if value
    ]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else {"$and": terms}


class KnowledgeStore:
    """One Chroma collection of knowledge chunks; metadata carries path, kind, type and hash."""

    def __init__(self, settings: Settings, client: Any = None) -> None:
        self.settings = settings
        try:
            self.client = client or make_client(settings)
            self.collection = self._open()
        except UserError:
            raise
        except Exception as error:
            # Chroma caches a half-made client per path: drop it so the next attempt starts afresh.
            chromadb.api.client.SharedSystemClient.clear_system_cache()
            if not _is_damaged(error):
                raise
            raise IndexDamaged(
                f"The knowledge index in {settings.chroma_path} is damaged ({error}); run "
                "`poa ingest` (or `make run`) to rebuild it."
            ) from None
        self._vectorstore: Any = None

    def _reopening(self, action: Callable[[], T]) -> T:
        """Run `action`; when another process rebuilt the collection, reopen it and run again."""
        try:
            return action()
        except Exception as error:
            if not _is_gone(error):
                raise
            self.collection = self._open()
            self._vectorstore = None
            return action()

    def _open(self) -> Any:
        return self.client.get_or_create_collection(
            name=self.settings.collection,
            embedding_function=MiniLMEmbeddingFunction(),
            configuration={"hnsw": {"space": "cosine"}},
        )

    @property
    def vectorstore(self) -> Any:
        if self._vectorstore is None:
            from langchain_chroma import Chroma

            self._vectorstore = Chroma(client=self.client, collection_name=self.settings.collection)
        return self._vectorstore

    def count(self) -> int:
        return self._reopening(lambda: self.collection.count())

    def indexed_hashes(self) -> dict[str, str]:
        """path → content hash of every document in the collection."""
        records = self._reopening(lambda: self.collection.get(include=["metadatas"]))
        return {meta["path"]: meta["content_hash"] for meta in records["metadatas"] or []}

    def add(self, texts: list[str], metadatas: list[dict[str, Any]], ids: list[str]) -> None:
        from langchain_core.documents import Document

        documents = [
            Document(page_content=t, metadata=m) for t, m in zip(texts, metadatas, strict=True)
        ]
        self._reopening(lambda: self.vectorstore.add_documents(documents, ids=ids))

    def delete_paths(self, paths: list[str]) -> None:
        if paths:
            self._reopening(lambda: self.collection.delete(where={"path": {"$in": paths}}))

    def reset(self) -> None:
        self.client.delete_collection(self.settings.collection)
        self.collection = self._open()
        self._vectorstore = None

    def search(
        self,
        query: str,
        k: int = 5,
        violation_type: str | None = None,
        kind: str | list[str] | None = None,
        query_embedding: list[float] | None = None,
    ) -> list[SearchResult]:
        """Most similar chunks first; score is cosine similarity (1 is identical).

        Pass `query_embedding` to run several filtered searches for one query without
        embedding it again.
        """
        if not query.strip():
            raise UserError("The search query is empty.")
        if query_embedding is None:
            query_embedding = embed([query])[0].tolist()
        vector = query_embedding
        hits = self._reopening(
            lambda: self.vectorstore.similarity_search_by_vector_with_relevance_scores(
                vector, k=k, filter=where_filter(violation_type=violation_type, kind=kind)
            )
        )
        return [
            SearchResult(
                text=doc.page_content,
                score=1.0 - float(distance),
                kind=doc.metadata["kind"],
                violation_type=doc.metadata["violation_type"],
                source=doc.metadata["source"],
                path=doc.metadata["path"],
                title=doc.metadata["title"],
            )
            for doc, distance in hits
        ]
