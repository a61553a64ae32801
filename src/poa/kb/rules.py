"""Rules kept as data in `knowledge/rules/`: concepts a seller can deny, instruction patterns,
measure and document cues, the generic vocabulary of appeal letters, buyer personal data.

Each file carries its own should-match and should-not-match examples; `tests/kb/test_rules.py`
runs them, so a pattern that stops doing its job fails a test, not a seller. The personal-data
rules are loaded in `poa.text.personal_data` (redaction sits below `kb`) and re-exported here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import Field

from poa.core.config import PROJECT_ROOT
from poa.core.models import StrictModel
from poa.text.personal_data import PersonalDataRules as PersonalDataRules
from poa.text.personal_data import personal_data_rules as personal_data_rules

RULES_DIR = PROJECT_ROOT / "knowledge" / "rules"


class Concept(StrictModel):
    """Something a seller can say did not happen, with its words and examples."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    label: str
    pattern: str
    affirmed: list[str] = Field(min_length=3)
    negated: list[str] = Field(min_length=3)
    unrelated: list[str] = Field(min_length=3)

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


class ConceptRules(StrictModel):
    description: str
    not_a_denial: str
    denial_examples: list[str] = Field(min_length=3)
    negation_cue: str
    concepts: list[Concept] = Field(min_length=1)


class Examples(StrictModel):
    should_match: list[str] = Field(min_length=3)
    should_not_match: list[str] = Field(min_length=3)


class InjectionRules(StrictModel):
    description: str
    patterns: list[str] = Field(min_length=1)
    should_match: list[str] = Field(min_length=3)
    should_not_match: list[str] = Field(min_length=3)


class StatementRules(StrictModel):
    description: str
    measure_cue: str
    measure_examples: Examples
    document_cue: str
    document_examples: Examples
    hypothesis_cue: str
    hypothesis_examples: Examples
    mechanism_cue: str
    mechanism_examples: Examples
    about_the_appeal_cue: str
    about_the_appeal_examples: Examples


class RootCauseRules(StrictModel):
    """How a root-cause part is read: non-causes, several causes, blame, vagueness (root_cause.yaml)."""

    description: str
    plea: str
    plea_examples: Examples
    denial: str
    denial_examples: Examples
    announcement: str
    announcement_examples: Examples
    several: str
    several_examples: Examples
    blame: str
    blame_examples: Examples
    vague: str
    vague_examples: Examples


class GenericWords(StrictModel):
    description: str
    words: str


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.strip(), re.IGNORECASE)


def pattern(text: str) -> re.Pattern[str]:
    """A rule's pattern, compiled once (case-insensitive)."""
    return _compile(text)


def _load(name: str, model: type[StrictModel], root: Path) -> StrictModel:
    path = root / name
    return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def concept_rules(root: Path = RULES_DIR) -> ConceptRules:
    return _load("concepts.yaml", ConceptRules, root)  # type: ignore[return-value]


@cache
def injection_rules(root: Path = RULES_DIR) -> InjectionRules:
    return _load("injection.yaml", InjectionRules, root)  # type: ignore[return-value]


@cache
def statement_rules(root: Path = RULES_DIR) -> StatementRules:
    return _load("statements.yaml", StatementRules, root)  # type: ignore[return-value]


@cache
def root_cause_rules(root: Path = RULES_DIR) -> RootCauseRules:
    return _load("root_cause.yaml", RootCauseRules, root)  # type: ignore[return-value]


@cache
def generic_words(root: Path = RULES_DIR) -> frozenset[str]:
    words: GenericWords = _load("generic_words.yaml", GenericWords, root)  # type: ignore[assignment]
    return frozenset(words.words.split())


def reads_as_instruction(text: str) -> bool:
    """True when the text speaks to the model rather than about the seller's business."""
    return any(pattern(p).search(text) for p in injection_rules().patterns)
