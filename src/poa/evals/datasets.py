"""Eval datasets in `evals/`: YAML files validated by these models.

Each YAML file starts with a `# yaml-language-server: $schema=...` line pointing at the JSON
schema generated from these models (`poa eval --write-schemas`), so editors check cases as
they are written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from poa.core.errors import UserError
from poa.core.models import ItemKind, StrictModel
from poa.core.vocab import Criterion, NoticeKind, SellerNeed, ViolationType

Label = Literal["pass", "fail", "na"]
Outcome = Literal["accepted", "rejected", "unknown"]


class DatedAction(StrictModel):
    """An action the seller says was done on a date: the letter must state both."""

    terms: str = Field(min_length=3, description="alternatives, '|'-separated, one must appear")
    date: str = Field(min_length=3, description="the date as the seller wrote it")


class EvalCase(StrictModel):
    """A drafting scenario: the notice and the seller's story, and what a good draft must do."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    violation_type: ViolationType
    notice: str = Field(min_length=80)
    story: str = Field(min_length=80)
    intended_root_cause: str = Field(
        description="id of the playbook root cause closest to the facts, or 'none' when none fits"
    )
    cause_terms: list[str] = Field(
        default=[],
        description="term groups ('|'-separated alternatives); the letter's root cause holds one of each",
    )
    false_claims: list[str] = Field(
        default=[],
        description="phrases ('|'-separated alternatives) that would be false: none may appear",
    )
    dated_actions: list[DatedAction] = Field(default=[])
    complete: bool = Field(
        True, description="the inputs hold every fact a ready letter needs, so every gate must pass"
    )
    must_include: list[str] = Field(
        default=[], description="facts (order IDs, ASINs, dates as written) the letter must contain"
    )
    answers: dict[str, str] = Field(default={}, description="interview answers, by question id")


class CaseSuite(StrictModel):
    description: str
    cases: list[EvalCase] = Field(min_length=1)


class LabelledAppeal(StrictModel):
    """A complete appeal (any style) with a person's pass/fail judgement per rubric criterion."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    violation_type: ViolationType
    notice: str = ""
    story: str = ""
    appeal: str = Field(min_length=200)
    labels: dict[Criterion, Label]
    note: str = Field(min_length=10, description="why the labels are what they are")
    source: str = Field(
        default="", description="the public page a real appeal was rewritten from; '' when made up"
    )
    outcome: Outcome = Field(
        default="unknown", description="what Amazon decided on this letter, as the source states"
    )
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")


class LabelledSuite(StrictModel):
    description: str
    appeals: list[LabelledAppeal] = Field(min_length=1)


class ExpectedGap(StrictModel):
    phrase: str = Field(min_length=3, description="lowercase words from the rejection's request")
    status: Literal["covered", "weak", "missing"]


class RevisionCase(StrictModel):
    """A previous appeal, the rejection it got, and what a gap analysis must find."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    violation_type: ViolationType
    language: str = Field("en", pattern=r"^[a-z]{2}$")
    original_notice: str = ""
    previous_appeal: str = Field(min_length=200)
    rejection: str = Field(min_length=80)
    story: str = ""
    expected_gaps: list[ExpectedGap] = Field(min_length=1)
    expected_problems: list[Criterion] = Field(description="criteria the previous appeal fails")
    note: str = Field(min_length=10)


class RevisionSuite(StrictModel):
    description: str
    cases: list[RevisionCase] = Field(min_length=1)


class ExpectedItem(StrictModel):
    """One thing the notice asks for, found when a read item's text holds `phrase`."""

    kind: ItemKind
    phrase: str = Field(
        min_length=3, description="lowercase words copied from the request's own text in the notice"
    )
    in_error: bool = Field(
        False, description="part of the 'if you believe this was in error' path, kept as an option"
    )


class LabelledNotice(StrictModel):
    """A notice as Amazon sends it (rewritten in our words, facts kept) with what it says and asks."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    source: str = Field(min_length=8, description="the public page the notice was rewritten from")
    language: str = Field(pattern=r"^[a-z]{2}$")
    violation_type: ViolationType
    notice_kind: NoticeKind
    needs: SellerNeed = Field(description="what the seller has to send in answer")
    deadline_days: int | None = Field(
        description="days the notice gives to appeal or respond; null when it gives none"
    )
    items: list[ExpectedItem] = Field(description="every request, documents included; [] for none")
    not_items: list[str] = Field(
        default=[],
        description="phrases of requests that do not apply (the other branch): none may be read",
    )
    documents: list[str] = Field(
        default=[], description="document types asked for (ids in knowledge/rules/documents.yaml)"
    )
    note: str = Field(default="", description="what makes this notice hard to read")
    text: str = Field(min_length=80)


class NoticeSuite(StrictModel):
    description: str
    notices: list[LabelledNotice] = Field(min_length=1)


SUITE_MODELS: dict[str, type[BaseModel]] = {
    "cases": CaseSuite,
    "notices": NoticeSuite,
    "labelled": LabelledSuite,
    "revision": RevisionSuite,
}


def load_suite(path: Path, model: type[BaseModel]) -> BaseModel:
    """Read and validate one YAML dataset; errors name the file and the failing field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UserError(f"{path}: {str(error).splitlines()[0]}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise UserError(f"{path}: field '{field}': {first['msg']}") from None


def write_schemas(schema_dir: Path) -> list[Path]:
    """Write one JSON schema per dataset kind (referenced by the YAML files' first line)."""
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SUITE_MODELS.items():
        path = schema_dir / f"{name}.schema.json"
        path.write_text(json.dumps(model.model_json_schema(), indent=2) + "\n")
        written.append(path)
    return written
