"""The offline drafter: an appeal composed from the seller's facts and the knowledge base playbook.

No model writes anything here. The root cause is the playbook cause closest to the story (or the
one the seller chose), stated with the seller's own specifics; the actions are those the story
says were done, with their dates; the preventive measures are the playbook's measures for that
cause. Where a needed fact is missing, the letter asks for it in brackets instead of inventing it.
"""

from __future__ import annotations

import re

from poa.core.models import (
    ActionTaken,
    Appeal,
    Case,
    ImmediateAction,
    Incident,
    Notice,
    PreventiveMeasure,
    RequestAnswer,
    TopicPlan,
)
from poa.core.vocab import POLICY_NAMES
from poa.drafting.playbook_causes import find_cause, rank_root_causes
from poa.kb.documents import PlaybookMeta, PlaybookRootCause
from poa.kb.semantic import relatedness, similarity_matrix
from poa.reading.case import cause_sentences, tidy
from poa.reading.requests import TOPIC_RULES
from poa.scoring.coverage import answer_types, needed_terms
from poa.text.facts import find_dates, find_order_ids
from poa.text.plain import split_sentences

MAX_SUGGESTED_ACTIONS = 3
NOTICE_PHRASES = {
    "deactivation": "Amazon deactivated our selling account",
    "listing_removal": "Amazon removed our listing",
    "warning": "Amazon sent us a policy warning",
    "rejection": "Amazon asked for more detail on our plan of action",
    None: "Amazon notified us of a policy violation",
}
ASK_WHAT_HAPPENED = "[Describe what happened in two or three sentences: what was sent, listed or shipped, and by whom.]"
ASK_WHEN = "[When did this happen? Add the date.]"


def _topic_pattern(topic: str | None) -> str | None:
    return next((pattern for label, pattern in TOPIC_RULES if label == topic), None)


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


def choose_cause(
    playbook: PlaybookMeta, seller_text: str, override: str | None
) -> tuple[PlaybookRootCause, str | None]:
    """The playbook cause to use, and the seller's own wording of the cause when they gave one."""
    if override:
        named = find_cause(playbook, override)
        if named:
            return named, None
        return rank_root_causes(playbook, override)[0].cause, override
    return rank_root_causes(playbook, seller_text)[0].cause, None


def _cause_text(text: str) -> str:
    """The sentences of a topic's text that explain why (the rest describes what and when)."""
    causal = cause_sentences(text)
    return " ".join(causal) or text


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _incident(
    notice: Notice,
    case: Case,
    topic: str | None,
    violation_type: str,
    orders: list[str],
    asins: list[str],
) -> Incident:
    policy = POLICY_NAMES.get(violation_type, POLICY_NAMES["other"])
    opening = NOTICE_PHRASES.get(notice.notice_kind, NOTICE_PHRASES[None])
    if notice.notice_kind == "listing_removal" and len(asins) > 1:
        opening += "s"
    summary = f"{opening} under the {policy}"
    if topic:
        summary += f"; this part answers the issue of {topic.lower()}"
    if orders:
        subject = "The notice" if set(orders) & set(notice.order_ids) else "It"  # no notice pasted
        summary += f". {subject} concerns order{'s' if len(orders) > 1 else ''} {_join(orders)}"
    if asins:
        summary += f" ({'ASINs' if len(asins) > 1 else 'ASIN'} {_join(asins)})"
    account = (
        case.what_happened
        if topic is None
        else " ".join(tidy(s) for s in split_sentences(topic_text(case, topic, notice))[:3])
    )
    summary += f". What happened: {account or ASK_WHAT_HAPPENED}"
    if not case.incident_dates and account:
        summary += f" {ASK_WHEN}"
    return Incident(
        summary=summary, policy=policy, order_ids=orders, asins=asins, dates=case.incident_dates
    )


def _root_cause(cause: PlaybookRootCause, seller_text: str, own_words: str | None) -> str:
    """The playbook mechanism, with the one sentence of the seller's that best shows it here.

    Only one such sentence is added, and only if it is about this cause: a second hint could
    name a second cause.
    """
    if own_words:
        return tidy(own_words)
    text = cause.statement.strip()
    hints = [tidy(s) for s in cause_sentences(seller_text)]
    if hints:
        scores = relatedness(hints, text)
        best = max(range(len(hints)), key=scores.__getitem__)
        if scores[best] >= 0.4 and hints[best].rstrip(".").lower() not in text.lower():
            text += " In our case: " + hints[best]
    return text


def actions_by_topic(
    case: Case, topics: list[str | None], causes: list[PlaybookRootCause], orders: list[list[str]]
) -> list[list[ActionTaken]]:
    """Each action goes to the topic whose orders it names, else to the topic whose root cause
    it is most about."""
    grouped: list[list[ActionTaken]] = [[] for _ in topics]
    if len(topics) == 1:
        return [list(case.actions_taken)]
    described = [
        f"{topic or ''}. {cause.title}. {cause.statement}"
        for topic, cause in zip(topics, causes, strict=True)
    ]
    for action in case.actions_taken:
        named = [i for i, ids in enumerate(orders) if any(oid in action.text for oid in ids)]
        if len(named) == 1:
            grouped[named[0]].append(action)
            continue
        scores = relatedness(described, action.text)
        grouped[max(range(len(topics)), key=scores.__getitem__)].append(action)
    return grouped


def _actions(taken: list[ActionTaken], cause: PlaybookRootCause) -> list[ImmediateAction]:
    done = [ImmediateAction(action=a.text, date=a.date, confirmed=True) for a in taken]
    suggestions = cause.immediate_actions
    if done and suggestions:
        sims = similarity_matrix(suggestions, [a.text for a in taken])
        suggestions = [s for s, row in zip(suggestions, sims, strict=True) if row.max() < 0.55]
    suggested = [
        ImmediateAction(action=s, confirmed=False) for s in suggestions[:MAX_SUGGESTED_ACTIONS]
    ]
    return done + suggested


def _measures(cause: PlaybookRootCause, case: Case) -> list[PreventiveMeasure]:
    return [
        PreventiveMeasure(
            action=m.action,
            owner=m.owner,
            frequency=m.frequency,
            start_date=case.measures_start,
            answers=m.answers,
        )
        for m in cause.preventive_measures
    ]


_DESCRIBE_ASKED = re.compile(
    r"\bmethods?\b|\bhow (?:you|the reviews?|they) (?:were )?(?:obtained|got)|what you did",
    re.IGNORECASE,
)


def _requested_information(notice: Notice, case: Case) -> list[RequestAnswer]:
    """An answer, from the story, to each checklist item that is not root cause/actions/prevention.

    The story sentences most about the request are used; a sentence that holds what the request
    needs (an email address for "contact details", the document it names) is preferred. With no
    such sentence, the letter asks the seller.
    """
    requests = [
        item
        for item in notice.required_items
        if item.kind in ("disclosure", "documents", "listing_edit", "other")
    ]
    sentences = split_sentences(case.source_text())
    answers = []
    for item in requests:
        best: list[str] = []
        if sentences:
            terms = needed_terms(
                item.text, "documents" if item.kind == "documents" else "disclosure"
            )
            types = answer_types(item.text)
            scores = [
                score
                + (0.3 if any(re.search(t, sentence, re.IGNORECASE) for t in terms) else 0.0)
                + (0.3 if types and all(has(sentence) for has in types) else 0.0)
                for score, sentence in zip(
                    relatedness(sentences, item.text), sentences, strict=True
                )
            ]
            ranked = sorted(range(len(sentences)), key=scores.__getitem__, reverse=True)
            best = [tidy(sentences[i]) for i in ranked[:2] if scores[i] >= 0.5]
            if terms and not any(re.search(t, " ".join(best), re.IGNORECASE) for t in terms):
                best = []  # the story does not hold what is asked (an email, the document): ask for it
        if not best and _DESCRIBE_ASKED.search(item.text) and case.what_happened:
            # "The methods you used, with dates" is answered by the seller's account of what happened.
            dated = next(
                (tidy(x) for x in sentences if find_dates(x) and tidy(x) not in case.what_happened),
                "",
            )
            best = [case.what_happened, dated] if dated else [case.what_happened]
        answer = (
            " ".join(b for b in best if b) if best else f"[Please answer: {item.text.rstrip('.')}.]"
        )
        answers.append(RequestAnswer(request=item.text, answer=answer))
    return answers


def _evidence(cause: PlaybookRootCause, playbook: PlaybookMeta, notice: Notice) -> list[str]:
    """The cause's own evidence, the playbook's general evidence that fits this cause, and the
    documents the notice asks for."""
    general = playbook.evidence
    if general:
        scores = relatedness(general, cause.statement)
        general = [item for item, score in zip(general, scores, strict=True) if score >= 0.35]
    requested = [item.text for item in notice.required_items if item.kind == "documents"]
    items = list(
        dict.fromkeys(i[:1].upper() + i[1:] for i in [*requested, *cause.evidence, *general])
    )
    # "Refund record" beside "Refund record for each affected order" says the same thing twice
    folded = [item.lower().rstrip(".") for item in items]
    kept = [
        item
        for item, low in zip(items, folded, strict=True)
        if not any(low != other and low in other for other in folded)
    ]
    return kept[:8]


def compose_offline(
    notice: Notice,
    case: Case,
    playbook: PlaybookMeta,
    violation_type: str,
    root_cause: str | None = None,
) -> Appeal:
    """An appeal built from the case facts, the notice's checklist and the playbook."""
    topics: list[str | None] = list(notice.topics) or [None]
    all_orders = list(dict.fromkeys([*notice.order_ids, *case.order_ids]))
    asins = list(dict.fromkeys([*notice.asins, *case.asins]))
    several = len(topics) > 1
    chosen = [
        choose_cause(
            playbook,
            _cause_text(topic_text(case, t, notice)) if several else topic_text(case, t, notice),
            root_cause if i == 0 else None,
        )
        for i, t in enumerate(topics)
    ]
    orders = [notice.topic_order_ids.get(t, []) if t else all_orders for t in topics]
    taken = actions_by_topic(case, topics, [cause for cause, _ in chosen], orders)
    plans = [
        TopicPlan(
            topic=topic,
            incident=_incident(
                notice, case, topic, violation_type, orders[i], asins if i == 0 else []
            ),
            root_cause=_root_cause(cause, topic_text(case, topic, notice), own_words),
            immediate_actions=_actions(taken[i], cause),
            preventive_measures=_measures(cause, case),
        )
        for i, (topic, (cause, own_words)) in enumerate(zip(topics, chosen, strict=True))
    ]
    first, *others = plans
    return Appeal(
        **first.model_dump(),
        violation_type=violation_type,
        additional_topics=others,
        requested_information=_requested_information(notice, case),
        evidence=_evidence(chosen[0][0], playbook, notice),
        closing="We can provide any of the documents listed above and any further information you need.",
    )
