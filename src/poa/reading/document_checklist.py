"""The documents a notice asks for, and what each must show, from `knowledge/rules/documents.yaml`.

Notices name the same paper in many ways ("invoices", "fatture", "請求書") and Amazon rejects
papers that miss one of its rules (an invoice older than 365 days, a utility bill that is a
screenshot). Keeping both as data lets the seller get one checklist per requested document, each
line linked to the page that states it, and lets a reader fix a pattern without reading Python.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex
import yaml
from pydantic import Field, model_validator

from poa.core.config import PROJECT_ROOT
from poa.core.models import Fact, FactSource, StrictModel

RULES_FILE = PROJECT_ROOT / "knowledge" / "rules" / "documents.yaml"

_URL = r"^https://\S+$"

__all__ = [
    "DocumentRule",
    "DocumentRules",
    "MustShow",
    "checklist",
    "document_rules",
    "find_documents",
    "in_hand_facts",
]


class MustShow(StrictModel):
    """One line of the checklist: the rule in our words and the page that states it."""

    text: str
    source: str = Field(pattern=_URL)


class DocumentRule(StrictModel):
    """One document type: how notices name it and what it must show to be accepted."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    label: str
    pattern: str
    should_match: list[str] = Field(min_length=3)
    should_not_match: list[str] = Field(min_length=3)
    must_show: list[MustShow] = Field(min_length=2)
    not_accepted: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _pattern_compiles_and_sources_are_listed(self) -> DocumentRule:
        try:
            _compile(self.pattern)
        except regex.error as error:
            raise ValueError(f"{self.id}: the pattern does not compile ({error})") from None
        for url in self.sources:
            if not regex.match(_URL, url):
                raise ValueError(f"{self.id}: source {url!r} is not an https address")
        unlisted = {line.source for line in self.must_show} - set(self.sources)
        if unlisted:
            raise ValueError(
                f"{self.id}: must_show cites sources not in sources: {sorted(unlisted)}"
            )
        return self

    @property
    def regex(self) -> regex.Pattern[str]:
        return _compile(self.pattern)


class DocumentRules(StrictModel):
    description: str
    documents: list[DocumentRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> DocumentRules:
        ids = [rule.id for rule in self.documents]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"document ids used twice: {doubles}")
        return self


@cache
def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern.strip(), regex.IGNORECASE)


@cache
def document_rules(path: Path = RULES_FILE) -> DocumentRules:
    """The rules file, validated (an unknown field, a missing example or a bad pattern is refused)."""
    return DocumentRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def find_documents(text: str) -> list[str]:
    """Ids of the document types the text names, in order of first mention, each once."""
    flat = " ".join(text.split())  # a name broken over two lines is still one name
    found = []
    for order, rule in enumerate(document_rules().documents):
        match = rule.regex.search(flat)
        if match:
            found.append((match.start(), order, rule.id))
    return [doc_id for _, _, doc_id in sorted(found)]


def checklist(doc_id: str) -> DocumentRule:
    """The rule of one document type: its label, what it must show, what is not accepted."""
    rules = {rule.id: rule for rule in document_rules().documents}
    if doc_id not in rules:
        raise KeyError(f"no document type {doc_id!r}; known types: {', '.join(rules)}")
    return rules[doc_id]


def in_hand_facts(doc_ids: list[str], told: str) -> list[Fact]:
    """The requested documents the seller ticked as in hand, as facts the letter may list. A
    document the seller's own words already name is theirs to word, and is not added twice."""
    named = set(find_documents(told))
    known = {rule.id for rule in document_rules().documents}
    facts = []
    for doc_id in doc_ids:
        if doc_id in named or doc_id not in known:  # a type since removed from documents.yaml
            continue
        label = checklist(doc_id).label
        quote = f"Ticked in the document checklist: I have {label[0].lower()}{label[1:]}."
        facts.append(
            Fact(
                id=f"checklist-{doc_id}",
                kind="document",
                text=label,
                source=FactSource(kind="answer", ref="document_checklist", quote=quote),
            )
        )
    return facts
