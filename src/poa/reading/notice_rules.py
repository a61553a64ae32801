"""The notice-reading rules kept as data: violation types, notice kinds, deadlines, requests.

Loaded once from `knowledge/rules/{violation_types,notice_kinds,deadlines,notice_items}.yaml` and
validated;
each file carries its own examples, run by `tests/kb/test_notice_rules.py`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import Field

from poa.core.models import StrictModel
from poa.core.vocab import NoticeKind, SellerNeed, ViolationType
from poa.kb.rules import RULES_DIR, Examples, pattern

# How much a cue counts, by strength (see violation_types.yaml).
CUE_WEIGHTS = {"policy": 3.0, "behaviour": 2.0, "basis": 1.5, "word": 0.5}


class TypeRule(StrictModel):
    policy: list[str] = Field(default=[])
    basis: list[str] = Field(default=[])
    behaviour: list[str] = Field(default=[])
    word: list[str] = Field(default=[])
    should_match: list[str] = Field(min_length=3)
    should_not_match: list[str] = Field(min_length=3)

    def cues(self) -> list[tuple[str, re.Pattern[str]]]:
        """(strength, compiled pattern) for every cue."""
        return [
            (strength, pattern(text))
            for strength in CUE_WEIGHTS
            for text in getattr(self, strength)
        ]


class TypeRules(StrictModel):
    description: str
    types: dict[ViolationType, TypeRule]


class KindRule(StrictModel):
    kind: NoticeKind
    needs: SellerNeed
    cues: list[str] = Field(min_length=1)
    unless: list[str] = Field(default=[])
    should_match: list[str] = Field(min_length=3)
    should_not_match: list[str] = Field(min_length=3)

    def matches(self, text: str) -> bool:
        return any(pattern(cue).search(text) for cue in self.cues) and not any(
            pattern(cue).search(text) for cue in self.unless
        )


class KindRules(StrictModel):
    description: str
    kinds: list[KindRule] = Field(min_length=1)

    def rule(self, kind: str) -> KindRule:
        return next(rule for rule in self.kinds if rule.kind == kind)


class DeadlineExample(StrictModel):
    text: str
    days: int | None


class TriesExample(StrictModel):
    text: str
    tries: int | None


class DeadlineRules(StrictModel):
    """Deadlines, and what the case clock reads: the notice's date line and the appeal limits."""

    description: str
    patterns: list[str] = Field(min_length=1)
    number_words: dict[str, int]
    not_a_deadline: str
    not_a_deadline_phrase: str
    examples: list[DeadlineExample] = Field(min_length=3)
    notice_date_line: str
    notice_date_examples: Examples
    appeal_limits: list[str] = Field(min_length=1)
    tries_words: dict[str, int]
    tries_examples: list[TriesExample] = Field(min_length=3)
    last_chance: str
    last_chance_examples: Examples

    def compiled(self) -> list[re.Pattern[str]]:
        return [pattern(text) for text in self.patterns]


def _load(name: str, model: type[StrictModel], root: Path) -> StrictModel:
    return model.model_validate(yaml.safe_load((root / name).read_text(encoding="utf-8")))


@cache
def type_rules(root: Path = RULES_DIR) -> TypeRules:
    return _load("violation_types.yaml", TypeRules, root)  # type: ignore[return-value]


@cache
def kind_rules(root: Path = RULES_DIR) -> KindRules:
    return _load("notice_kinds.yaml", KindRules, root)  # type: ignore[return-value]


@cache
def deadline_rules(root: Path = RULES_DIR) -> DeadlineRules:
    return _load("deadlines.yaml", DeadlineRules, root)  # type: ignore[return-value]


class Cue(StrictModel):
    pattern: str
    should_match: list[str] = Field(min_length=3)
    should_not_match: list[str] = Field(min_length=3)

    @property
    def regex(self) -> re.Pattern[str]:
        return pattern(self.pattern)


class Topic(StrictModel):
    label: str
    pattern: str


class ItemKindRule(Cue):
    kind: str


class ItemRules(StrictModel):
    description: str
    topics: list[Topic] = Field(min_length=1)
    item_kinds: list[ItemKindRule] = Field(min_length=1)
    cues: dict[str, Cue]

    def cue(self, name: str) -> re.Pattern[str]:
        return self.cues[name].regex


@cache
def item_rules(root: Path = RULES_DIR) -> ItemRules:
    return _load("notice_items.yaml", ItemRules, root)  # type: ignore[return-value]


def rest_of(match: re.Match[str]) -> str:
    """The text a cue captured after itself (the first group named `rest…` that matched)."""
    return next((v for k, v in match.groupdict().items() if k.startswith("rest") and v), "")
