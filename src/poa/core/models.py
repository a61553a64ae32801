"""Data that flows through POA Assistant: notice → case → appeal → scorecard."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from poa.core.vocab import NoticeKind, SellerNeed, ViolationType

ItemKind = Literal[
    "root_cause", "actions", "prevention", "documents", "disclosure", "listing_edit", "other"
]


class StrictModel(BaseModel):
    """The base of every model here: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class RequiredItem(StrictModel):
    """Something the notice asks the appeal to answer or attach."""

    text: str
    kind: ItemKind
    topic: str | None = None
    conditional: bool = (
        False  # "If you have a licence, provide a copy": one of several alternatives
    )
    in_error: bool = False  # "If you believe this was in error, send …": an option, not a must
    optional: bool = False  # "You may reply with an explanation of …": invited, not required
    documents: list[str] = []  # document types named (ids in knowledge/rules/documents.yaml)


class Notice(StrictModel):
    """What a notice (warning, listing removal, deactivation, rejection, request for information,
    final decision, reinstatement) says and asks for."""

    text: str
    violation_type: ViolationType
    confidence: float = Field(ge=0, le=1)
    runner_up: ViolationType | None = None  # the next most likely type, shown to the seller
    runner_up_confidence: float = Field(0.0, ge=0, le=1)
    type_evidence: list[str] = []  # the policy and behaviour phrases the type was read from
    type_chosen_by_seller: bool = False
    notice_kind: NoticeKind | None = None
    needs: SellerNeed | None = None  # what the seller has to send in answer
    language: str = "en"
    documents: list[str] = []  # document types asked for, in order
    topics: list[str] = []
    topic_order_ids: dict[str, list[str]] = {}
    required_items: list[RequiredItem] = []
    deadline_days: int | None = None
    order_ids: list[str] = []
    asins: list[str] = []
    dates: list[str] = []
    marketplace: str | None = None

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude={"text"})


class NoticeReading(StrictModel):
    """What an LLM reads from a notice (merged into the rule-based `Notice`)."""

    violation_type: ViolationType
    notice_kind: NoticeKind | None = None
    topics: list[str] = []
    required_items: list[RequiredItem] = []


class ActionTaken(StrictModel):
    text: str
    date: str | None = None  # ISO date, or --MM-DD when the year is not known
    fact_id: str | None = None


FactKind = Literal[
    "incident", "cause", "action", "measure", "start", "document", "answer", "negation"
]
SourceKind = Literal["story", "answer", "notice", "previous_appeal", "accepted_suggestion"]


class FactSource(StrictModel):
    """Where a fact comes from: which input, which part of it, in the seller's own words."""

    kind: SourceKind
    ref: str  # "story", an answer's question id, a suggestion id
    quote: str


class Fact(StrictModel):
    """One statement the seller made (or accepted): the only material a letter may assert."""

    id: str  # "story-3", "answer-measures-0", "accepted-incentive_insert.measure.1"
    kind: FactKind
    text: str  # fit for a letter: first person plural, tidied
    source: FactSource
    date: str | None = None  # ISO date (or --MM-DD) the fact carries
    concept: str | None = None  # for a negation: the concept denied (knowledge/rules/concepts.yaml)
    request: int | None = None  # for an answer: the index of the notice item it answers


class Case(StrictModel):
    """The seller's facts, from their story and answers, used to draft and to check drafts."""

    story: str = ""
    what_happened: str = ""
    incident_dates: list[str] = []
    roles: list[str] = []
    order_ids: list[str] = []
    asins: list[str] = []
    actions_taken: list[ActionTaken] = []
    measures_start: str | None = None
    answers: dict[str, str] = {}  # interview question id → seller's answer
    facts: list[Fact] = []
    set_aside: list[str] = []  # sentences that read as instructions to the model: data, never facts

    def source_text(self) -> str:
        """Everything the seller told us, as one text (the fabrication check's reference)."""
        return "\n".join([self.story, *self.answers.values()])

    def facts_of(self, *kinds: str) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    @property
    def negated_concepts(self) -> set[str]:
        """Concepts the seller said did not happen ("no third party")."""
        return {f.concept for f in self.facts if f.kind == "negation" and f.concept}


class Incident(StrictModel):
    summary: str = Field(description="what happened, when, which orders/ASINs, which policy")
    policy: str = Field(description="the Amazon policy concerned")
    order_ids: list[str] = []
    asins: list[str] = []
    dates: list[str] = []
    sources: list[str] = Field([], description="ids of the facts behind the summary")


class ImmediateAction(StrictModel):
    action: str = Field(description="past tense: what was done to fix this incident")
    date: str | None = Field(None, description="when it was done, from the seller's facts")
    confirmed: bool = Field(
        True, description="False when suggested and not yet confirmed by the seller"
    )
    sources: list[str] = Field([], description="ids of the facts this action comes from")


class PreventiveMeasure(StrictModel):
    action: str = Field(description="what is now done, so the root cause cannot recur")
    owner: str | None = Field(None, description="role responsible, only if the seller said")
    frequency: str | None = Field(None, description="how often or on what trigger, if said")
    start_date: str | None = Field(None, description="from when, from the seller's facts")
    answers: str | None = Field(None, description="the part of the root cause this closes")
    sources: list[str] = Field([], description="ids of the facts this measure comes from")


class TopicPlan(StrictModel):
    """The answer to one notice topic: one incident, one root cause, its actions and prevention."""

    topic: str | None = None
    incident: Incident
    root_cause: str = Field(
        description="exactly one root cause: the mechanism that let it happen; empty when unknown"
    )
    root_cause_sources: list[str] = Field([], description="ids of the facts behind the cause")
    immediate_actions: list[ImmediateAction] = []
    preventive_measures: list[PreventiveMeasure] = []


class RequestAnswer(StrictModel):
    """The answer to one item of a notice's checklist (third parties, accounts used, …)."""

    request: str
    answer: str
    sources: list[str] = Field([], description="ids of the facts behind the answer")


class Appeal(TopicPlan):
    """A whole appeal. Additional topics exist only when the notice raises several."""

    violation_type: ViolationType = "other"
    additional_topics: list[TopicPlan] = []
    requested_information: list[RequestAnswer] = []
    evidence: list[str] = []
    closing: str = ""
    sign_off: list[str] = []  # "Regards," and the seller's name and store, as the seller gave them
    language: str = "en"

    def plans(self) -> list[TopicPlan]:
        first = TopicPlan(
            topic=self.topic,
            incident=self.incident,
            root_cause=self.root_cause,
            root_cause_sources=self.root_cause_sources,
            immediate_actions=self.immediate_actions,
            preventive_measures=self.preventive_measures,
        )
        return [first, *self.additional_topics]


class CriterionResult(StrictModel):
    """One rubric criterion's verdict. `passed` is None when the text could not be judged."""

    name: str
    passed: bool | None
    score: float | None = Field(None, ge=0, le=1)
    reason: str
    evidence: list[str] = []  # the sentences judged, the deciding one first
    applicable: bool = True
    gate: bool = False
    title: str = ""  # the criterion in plain words
    fix: str = ""  # what to change when it fails


class Scorecard(StrictModel):
    criteria: dict[str, CriterionResult]
    # None when the letter's language is not read: no number is better than a false one
    total: float | None
    gates_passed: bool
    language: str
    char_count: int
    char_limit: int
    judge: dict[str, Any] | None = None
    not_judged: str | None = None  # why there is no total, in plain words

    def to_json(self) -> dict[str, Any]:
        return {
            "criteria": {
                name: {
                    "passed": result.passed,
                    "score": None if result.score is None else round(result.score, 3),
                    "reason": result.reason,
                    "evidence": result.evidence,
                    "applicable": result.applicable,
                    "gate": result.gate,
                    "title": result.title,
                    "fix": result.fix if result.passed is False else "",
                }
                for name, result in self.criteria.items()
            },
            "total": None if self.total is None else round(self.total, 3),
            "not_judged": self.not_judged,
            "gates_passed": self.gates_passed,
            "language": self.language,
            "char_count": self.char_count,
            "char_limit": self.char_limit,
            "judge": self.judge,
        }

    @property
    def failed(self) -> list[str]:
        return [name for name, result in self.criteria.items() if result.passed is False]
