"""The grounding step of every draft: each sentence checked against the seller's facts.

What fails is removed and reported, never left in the letter for the seller to find. For the
offline drafter, which builds each sentence from named facts, the check confirms the fact ids and
looks only for hard problems (a denied concept, an invented ID or contact, an instruction). For an
LLM draft nothing is taken on trust: each sentence must be close to a fact and add no new claims.
Then `unusable_reasons` decides whether the draft can be shown at all.
"""

from __future__ import annotations

import re

from poa.core.models import (
    Appeal,
    Case,
    ImmediateAction,
    PreventiveMeasure,
    RequestAnswer,
    TopicPlan,
)
from poa.drafting.render import action_line, measure_line
from poa.scoring.grounding import Grounder, GroundingReport, SentenceSupport
from poa.text.plain import split_sentences

# JSON keys, braces or escaped newlines in prose: the model's structured output fell apart.
_FRAGMENT = re.compile(r'"\w+"\s*:|[{}]|\\n|^\W*$|^(?:null|none|n/a|tbd)\.?$', re.IGNORECASE)
MAX_REMOVED_SHARE = 1 / 3


class _Checker:
    def __init__(self, grounder: Grounder, trust: bool):
        self.grounder, self.trust = grounder, trust
        self.report = GroundingReport(quotes={f.id: f.source.quote for f in grounder.facts})
        self.report.quotes.setdefault("notice", "the notice")
        self.notes: list[str] = []

    def one(self, section: str, sentence: str, claimed: list[str]) -> SentenceSupport:
        if self.trust and claimed:
            hard = self.grounder.hard_problem(sentence)
            support = SentenceSupport(section, sentence, claimed, 1.0, hard)
        else:
            support = self.grounder.check(section, sentence, claimed)
        self.report.sentences.append(support)
        if support.problem:
            self.notes.append(f"Left out “{sentence[:140]}”: {support.problem}.")
        return support

    def text(self, section: str, text: str, claimed: list[str]) -> str:
        kept = [s for s in split_sentences(text) if self.one(section, s, claimed).supported]
        return " ".join(kept)

    def plan(self, plan: TopicPlan) -> TopicPlan:
        incident = plan.incident.model_copy(
            update={"summary": self.text("incident", plan.incident.summary, plan.incident.sources)}
        )
        actions: list[ImmediateAction] = [
            a
            for a in plan.immediate_actions
            if a.confirmed and self.one("actions", action_line(a), a.sources).supported
        ]
        measures: list[PreventiveMeasure] = [
            m
            for m in plan.preventive_measures
            if self.one("prevention", measure_line(m), m.sources).supported
        ]
        return plan.model_copy(
            update={
                "incident": incident,
                "root_cause": self.text("root_cause", plan.root_cause, plan.root_cause_sources),
                "immediate_actions": actions,
                "preventive_measures": measures,
            }
        )


def ground_appeal(
    appeal: Appeal, grounder: Grounder, *, trust: bool
) -> tuple[Appeal, GroundingReport, list[str]]:
    """The appeal with every unsupported sentence removed, the per-sentence report, and notes."""
    checker = _Checker(grounder, trust)
    first, *others = [checker.plan(plan) for plan in appeal.plans()]
    answers: list[RequestAnswer] = []
    for item in appeal.requested_information:
        answer = checker.text("answers", item.answer, item.sources)
        if answer:
            answers.append(item.model_copy(update={"answer": answer}))
    held = {f.text: f.id for f in grounder.facts if f.kind == "document"}
    evidence = [
        e
        for e in appeal.evidence
        if checker.one("evidence", e, [held[e]] if trust and e in held else []).supported
    ]
    grounded = appeal.model_copy(
        update={
            **{
                k: getattr(first, k)
                for k in ("incident", "root_cause", "immediate_actions", "preventive_measures")
            },
            "additional_topics": others,
            "requested_information": answers,
            "evidence": evidence,
        }
    )
    return grounded, checker.report, checker.notes


def unusable_reasons(
    raw: Appeal, grounded: Appeal, report: GroundingReport, case: Case
) -> list[str]:
    """Why an (LLM) draft cannot be shown as it is; empty when it can."""
    reasons = []
    texts = [raw.incident.summary, raw.root_cause, *(a.action for a in raw.immediate_actions)]
    texts += [m.action for m in raw.preventive_measures]
    if (
        any(_FRAGMENT.search(t.strip()) for t in texts if t is not None)
        or not raw.incident.summary.strip()
    ):
        reasons.append("parts of the answer are fragments or JSON, not sentences")
    if case.facts_of("cause") and not grounded.root_cause.strip():
        reasons.append("the root cause is missing or not the seller's")
    if case.facts_of("action") and not grounded.immediate_actions:
        reasons.append("the seller's actions are missing")
    if case.facts_of("measure") and not grounded.preventive_measures:
        reasons.append("the seller's preventive measures are missing")
    checked = report.sentences
    removed = report.problems
    if checked and len(removed) / len(checked) > MAX_REMOVED_SHARE:
        reasons.append(f"{len(removed)} of {len(checked)} sentences are not in the seller's facts")
    if report.contradictions:
        reasons.append("it states something the seller said did not happen")
    return reasons
