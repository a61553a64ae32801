"""What every criterion shares: the input it reads, its result helpers, and its spec.

A criterion is one module in this folder: its check, the patterns it uses, the plain-language
reason a seller reads when it fails, and the instruction the LLM judge gets for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from poa.core.models import Case, CriterionResult, Fact, Notice
from poa.core.vocab import GATE_CRITERIA
from poa.scoring.segment import Segmented


@dataclass
class ScoringInput:
    text: str
    seg: Segmented
    notice: Notice | None
    sources: str | None  # notice and story: the facts the letter may use
    char_limit: int
    root_causes: list[str]  # the stated root cause per topic ("" when none found)
    case: Case | None = None  # the seller's facts, when a story or answers were given
    extra_facts: list[Fact] = field(default_factory=list)  # accepted suggestions
    # the seller wrote this letter (not a draft of ours): what it says is the seller's own account,
    # so only what contradicts the story is held against it
    sellers_letter: bool = False


@dataclass(frozen=True)
class Example:
    """A letter (with the notice and story it answers) that a criterion must pass or fail."""

    appeal: str
    notice: str = ""
    story: str = ""
    why: str = ""  # what the example shows


@dataclass(frozen=True)
class CriterionSpec:
    """One rubric criterion: its check, the judge's instruction, what a seller reads, its examples."""

    name: str
    check: Callable[[ScoringInput], CriterionResult]
    judge: str  # the instruction for the LLM judge (DESIGN.md's table in words)
    plain_reason: str  # why a letter that fails it was likely rejected, in plain words
    title: str = ""  # the criterion's name in plain words, as the seller sees it
    fix: str = ""  # what to change when it fails
    passes: tuple[Example, ...] = ()  # letters it must pass (or find not applicable)
    fails: tuple[Example, ...] = ()  # letters it must fail


def result(
    name: str, passed: bool, score: float, reason: str, evidence: list[str] | None = None
) -> CriterionResult:
    return CriterionResult(
        name=name,
        passed=passed,
        score=max(0.0, min(1.0, score)),
        reason=reason,
        evidence=[e[:220] for e in (evidence or [])][:4],
        gate=name in GATE_CRITERIA,
    )


def not_applicable(name: str, reason: str) -> CriterionResult:
    return CriterionResult(
        name=name,
        passed=True,
        score=None,
        reason=reason,
        applicable=False,
        gate=name in GATE_CRITERIA,
    )
