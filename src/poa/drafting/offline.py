"""The offline drafter: an appeal composed only from the seller's facts and accepted suggestions.

No model writes anything here, and nothing is asserted that the seller did not say. The root
cause is the seller's own explanation (or a playbook cause the seller accepted); the actions are
those the seller says were done, with their dates; the preventive measures are the seller's own
(or accepted ones). What is missing is not written: it becomes a question beside the letter,
with the playbook's suggestions as options the seller may accept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from poa.core.models import (
    ActionTaken,
    Appeal,
    Case,
    Fact,
    ImmediateAction,
    Incident,
    Notice,
    PreventiveMeasure,
    TopicPlan,
)
from poa.core.vocab import POLICY_NAMES
from poa.drafting.requested import documents_held, requested_information
from poa.drafting.seller_cause import closest, in_text, seller_cause
from poa.drafting.suggestions import (
    DraftQuestion,
    Suggestion,
    action_suggestions,
    cause_options,
    cause_suggestion,
    measure_suggestions,
)
from poa.kb.documents import PlaybookMeta
from poa.kb.semantic import relatedness
from poa.reading.case import tidy
from poa.reading.requests import topic_pattern
from poa.text.facts import find_order_ids
from poa.text.plain import split_sentences

NOTICE_PHRASES = {
    "deactivation": "Amazon deactivated our selling account",
    "listing_removal": "Amazon removed our listing",
    "warning": "Amazon sent us a policy warning",
    "rejection": "Amazon asked for more detail on our plan of action",
    None: "Amazon notified us of a policy violation",
}


@dataclass
class Composition:
    """The letter's content and what it still needs from the seller."""

    appeal: Appeal
    questions: list[DraftQuestion] = field(default_factory=list)


def _topic_pattern(topic: str | None) -> str | None:
    return topic_pattern(topic)


def topic_text(case: Case, topic: str | None, notice: Notice | None = None) -> str:
    """The part of the story about one notice topic: sentences naming it or its orders, else (with
    the notice) sentences close to what it asks about that topic; the whole story when it cannot tell."""
    pattern = _topic_pattern(topic)
    if not pattern:
        return case.source_text()
    sentences = split_sentences(case.source_text())
    asked = [i.text for i in notice.required_items if i.topic == topic] if notice else []
    ids = set(notice.topic_order_ids.get(topic, [])) if notice else set()
    ids |= {oid for text in asked for oid in find_order_ids(text)}
    hits = [
        i
        for i, s in enumerate(sentences)
        if re.search(pattern, s, re.IGNORECASE) or any(oid in s for oid in ids)
    ]
    if hits:
        # a sentence that names the topic, and the two after it (which usually say why)
        keep = sorted({j for i in hits for j in range(i, min(i + 3, len(sentences)))})
        return " ".join(sentences[j] for j in keep)
    query = " ".join([topic or "", *asked])
    if asked and sentences:
        close = [
            s
            for s, score in zip(sentences, relatedness(sentences, query), strict=True)
            if score >= 0.35
        ]
        if close:
            return " ".join(close)
    return case.source_text()


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _incident(
    notice: Notice,
    case: Case,
    topic: str | None,
    violation_type: str,
    orders: list[str],
    asins: list[str],
    text: str,
) -> tuple[Incident, list[DraftQuestion]]:
    policy = POLICY_NAMES.get(violation_type, POLICY_NAMES["other"])
    opening = NOTICE_PHRASES.get(notice.notice_kind, NOTICE_PHRASES[None])
    if notice.notice_kind == "listing_removal" and len(asins) > 1:
        opening += "s"
    summary = (
        f"{opening} under the {policy}"
        if notice.text.strip()
        else "This appeal concerns the " + policy
    )
    if topic:
        summary += f"; this part answers the issue of {topic.lower()}"
    if orders:
        subject = "The notice" if set(orders) & set(notice.order_ids) else "It"  # no notice pasted
        summary += f". {subject} concerns order{'s' if len(orders) > 1 else ''} {_join(orders)}"
    if asins:
        summary += f" ({'ASINs' if len(asins) > 1 else 'ASIN'} {_join(asins)})"
    summary += "."
    told = closest(
        [f for f in case.facts_of("incident") if in_text(f, text)], notice.text or text, 3
    )
    questions = []
    if told:
        summary += " What happened: " + " ".join(f.text for f in told)
    elif not case.facts_of("cause"):  # a cause sentence says what happened too: not asked again
        questions.append(
            DraftQuestion(
                "what_happened",
                "incident",
                "What happened, in your own words? Who sent, listed or shipped what, and on which order?",
            )
        )
    if told and not case.incident_dates and not any(f.date for f in told):
        questions.append(
            DraftQuestion("when", "incident", "When did it happen? Give the date or the month.")
        )
    sources = ["notice"] if notice.text.strip() else []
    return (
        Incident(
            summary=summary,
            policy=policy,
            order_ids=orders,
            asins=asins,
            dates=case.incident_dates,
            sources=[*sources, *(f.id for f in told)],
        ),
        questions,
    )


def _root_cause(
    case: Case,
    playbook: PlaybookMeta,
    text: str,
    topic: str | None,
    accepted: list[Suggestion],
    key: str,
    about: str,
) -> tuple[str, list[str], list[DraftQuestion], list]:
    """(cause text, its fact ids, questions, the playbook causes that fit) for one topic."""
    options = cause_options(playbook, case, text)
    chosen = next((s for s in accepted if s.kind == "cause"), None)
    if chosen:
        return chosen.text, [f"accepted-{chosen.id}"], [], options
    own = seller_cause(case, text, f"{topic or ''} {about}")
    if own:
        words = [f.text if f.kind != "action" else tidy(f.source.quote) for f in own]
        return " ".join(words), [f.id for f in own], [], options
    question = DraftQuestion(
        f"root_cause{key}",
        "root_cause",
        "Why did it happen? Which check, rule or piece of knowledge was missing? Tell me in your own"
        " words, or pick the closest:",
        [cause_suggestion(c) for c in options],
    )
    return "", [], [question], options


def _group(
    facts: list[Fact], topics: list[str | None], described: list[str], orders: list[list[str]]
) -> list[list[Fact]]:
    """Each fact goes to the topic whose orders it names, else to the topic it is most about."""
    grouped: list[list[Fact]] = [[] for _ in topics]
    if len(topics) == 1:
        return [list(facts)]
    for fact in facts:
        named = [i for i, ids in enumerate(orders) if any(oid in fact.text for oid in ids)]
        if len(named) == 1:
            grouped[named[0]].append(fact)
            continue
        scores = relatedness(described, fact.text)
        grouped[max(range(len(topics)), key=scores.__getitem__)].append(fact)
    return grouped


def actions_by_topic(
    case: Case, topics: list[str | None], described: list[str], orders: list[list[str]]
) -> list[list[ActionTaken]]:
    """The seller's actions, grouped by the notice topic each is about."""
    by_id = {a.fact_id: a for a in case.actions_taken}
    facts = [f for f in case.facts_of("action") if f.id in by_id]
    return [[by_id[f.id] for f in group] for group in _group(facts, topics, described, orders)]


def _actions(
    taken: list[ActionTaken], accepted: list[Suggestion], options: list[Suggestion], key: str
) -> tuple[list[ImmediateAction], list[DraftQuestion]]:
    done = [
        ImmediateAction(action=a.text, date=a.date, confirmed=True, sources=[a.fact_id or ""])
        for a in taken
    ]
    done += [
        ImmediateAction(action=s.text, confirmed=True, sources=[f"accepted-{s.id}"])
        for s in accepted
        if s.kind == "action"
    ]
    questions = []
    if not done:
        questions.append(
            DraftQuestion(
                f"actions{key}",
                "actions",
                "What have you already done to fix this, and on which dates? Or confirm what you did:",
                options,
            )
        )
    undated = [a for a in done if not a.date]
    if undated:
        listed = "; ".join(a.action.rstrip(".") for a in undated)[:200]
        questions.append(
            DraftQuestion(
                f"action_dates{key}", "actions", f"On which dates did you do these: {listed}?"
            )
        )
    return done, questions


def _measures(
    facts: list[Fact], case: Case, accepted: list[Suggestion], options: list[Suggestion], key: str
) -> tuple[list[PreventiveMeasure], list[DraftQuestion]]:
    measures = [
        PreventiveMeasure(action=f.text, start_date=case.measures_start, sources=[f.id])
        for f in facts
    ]
    measures += [
        PreventiveMeasure(
            action=s.text, start_date=case.measures_start, sources=[f"accepted-{s.id}"]
        )
        for s in accepted
        if s.kind == "measure"
    ]
    questions = []
    if not measures:
        questions.append(
            DraftQuestion(
                f"measures{key}",
                "prevention",
                "What do you do differently now, so this cannot happen again (who does what, how often)?"
                " Tell me, or pick what you already do:",
                options,
            )
        )
    elif not case.measures_start:
        questions.append(
            DraftQuestion(
                "measures_start",
                "prevention",
                "From which date do these new checks and rules apply?",
            )
        )
    return measures, questions


def compose_offline(
    notice: Notice,
    case: Case,
    playbook: PlaybookMeta,
    violation_type: str,
    accepted: list[Suggestion] | None = None,
    about: str = "",
) -> Composition:
    """An appeal built from the case facts and accepted suggestions, and what it still needs.
    `about` is what decides which of the seller's causes answers the case (default: the notice)."""
    accepted = accepted or []
    topics: list[str | None] = list(notice.topics) or [None]
    all_orders = list(dict.fromkeys([*notice.order_ids, *case.order_ids]))
    asins = list(dict.fromkeys([*notice.asins, *case.asins]))
    several = len(topics) > 1
    texts = [topic_text(case, t, notice) for t in topics]
    orders = [notice.topic_order_ids.get(t, []) if t else all_orders for t in topics]
    questions: list[DraftQuestion] = []
    causes = []
    for i, (topic, text) in enumerate(zip(topics, texts, strict=True)):
        key = f"_{i + 1}" if several else ""
        # an accepted cause answers the first topic (the CLI and the app choose one at a time)
        about = (
            notice.text[:1500] or text
        )  # what Amazon says happened decides which cause answers it
        causes.append(
            _root_cause(case, playbook, text, topic, accepted if i == 0 else [], key, about)
        )
    described = [f"{topic or ''}. {cause[0]}" for topic, cause in zip(topics, causes, strict=True)]
    taken = actions_by_topic(case, topics, described, orders)
    measure_facts = _group(case.facts_of("measure"), topics, described, orders)
    plans = []
    for i, topic in enumerate(topics):
        key = f"_{i + 1}" if several else ""
        cause_text, cause_ids, cause_questions, options = causes[i]
        incident, incident_questions = _incident(
            notice, case, topic, violation_type, orders[i], asins if i == 0 else [], texts[i]
        )
        basis = next((c for c in options), None)
        mine = [s for s in accepted if s.kind == "cause"]
        if mine and i == 0:
            basis = next((c for c in playbook.root_causes if c.id == mine[0].id), basis)
        action_options = action_suggestions(basis, case) if basis else []
        measure_options = measure_suggestions(basis, case) if basis else []
        actions, action_questions = _actions(
            taken[i], accepted if i == 0 else [], action_options, key
        )
        measures, measure_questions = _measures(
            measure_facts[i], case, accepted if i == 0 else [], measure_options, key
        )
        questions += incident_questions + cause_questions + action_questions + measure_questions
        plans.append(
            TopicPlan(
                topic=topic,
                incident=incident,
                root_cause=cause_text,
                root_cause_sources=cause_ids,
                immediate_actions=actions,
                preventive_measures=measures,
            )
        )
    answers, answer_questions = requested_information(notice, case)
    evidence, evidence_questions = documents_held(case, notice)
    first, *others = plans
    appeal = Appeal(
        **first.model_dump(),
        violation_type=violation_type,
        additional_topics=others,
        requested_information=answers,
        evidence=evidence,
        closing=(
            "We can provide any of the documents listed above and any further information you need."
            if evidence
            else "We can provide any further information you need."
        ),
    )
    unique = list({q.id: q for q in questions + answer_questions + evidence_questions}.values())
    return Composition(appeal, unique)
