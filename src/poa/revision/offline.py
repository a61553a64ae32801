"""The offline reviser: the previous appeal rebuilt in our shape, its gaps filled from the seller's facts.

Its facts, dated actions and the preventive measures that already answered the cause are kept;
several root causes collapse into the one the seller's facts support (asking the seller to confirm
when the facts cannot decide); gaps are answered from the story or asked in brackets.
"""

from __future__ import annotations

import re
from typing import Any

from poa.core.errors import UserError
from poa.core.models import Appeal, Case, ImmediateAction, PreventiveMeasure, RequestAnswer
from poa.drafting.offline import compose_offline
from poa.drafting.playbook_causes import find_cause, rank_root_causes
from poa.kb.documents import PlaybookMeta
from poa.kb.semantic import relatedness, similarity_matrix
from poa.reading.case import cause_sentences, extract_case, tidy
from poa.reading.tone import unprofessional
from poa.revision.gaps import FREQUENCY, OWNER, GapAnalysis
from poa.scoring.measures import GENERIC_MEASURE, prevention_measures
from poa.scoring.root_cause import find_root_causes, mechanism_check, multiple_cause_markers
from poa.scoring.segment import CUES, Segmented, segment
from poa.text.facts import find_dates
from poa.text.plain import split_sentences


def revision_case(previous: str, story: str, language: str) -> Case:
    """The seller's facts for a revision: their story, or (without one) the factual sentences of
    the previous appeal's issue; order IDs and ASINs from both."""
    readable = language in ("en", "unknown")
    issue = (
        " ".join(s for s in segment(previous).sentences("issue") if _is_fact_sentence(s))
        if readable
        else ""
    )
    case = extract_case(story if story.strip() else issue)
    ids = extract_case(previous)
    return case.model_copy(
        update={
            "order_ids": list(dict.fromkeys([*case.order_ids, *ids.order_ids])),
            "asins": list(dict.fromkeys([*case.asins, *ids.asins])),
        }
    )


def cause_candidates(root_cause: str) -> list[str]:
    """The separate causes a root-cause section offers ('First… Second…', bullets, 'another…')."""
    if not root_cause.strip():
        return []
    pieces = [
        p.strip(" -•*")
        for p in re.split(
            r"\n+|(?=\b(?:second|third|fourth|another|finally|also)\b)", root_cause, flags=re.I
        )
    ]
    pieces = [p for p in pieces if len(p.split()) >= 5]
    if not multiple_cause_markers(root_cause) and len(pieces) < 3:
        return [root_cause]
    return pieces or [root_cause]


_NAMED_CAUSE_LEAD = re.compile(
    r"^.{0,20}?\b(?:real|actual|true|root) cause(?: (?:was|is))?[:,]?\s*", re.IGNORECASE
)


_NAMED_CAUSE = re.compile(
    r"\b(?:the )?(?:real|actual|true|root) cause\b(?! was not)", re.IGNORECASE
)


def choose_cause_candidate(
    candidates: list[str], facts: str, playbook: PlaybookMeta | None
) -> tuple[str, list[str]]:
    """The candidate the seller's facts support best, and the close runners-up to confirm.

    A cause put on someone else (the carrier, the buyer) is never the one kept. When the seller's
    facts state a cause that none of the old candidates matches, that stated cause is used.
    """
    sentences = split_sentences(facts)
    for index, sentence in enumerate(sentences):
        if _NAMED_CAUSE.search(sentence):  # "The real cause: …" — the seller has said which
            return _NAMED_CAUSE_LEAD.sub("", " ".join(sentences[index : index + 2])), []
    candidates = [c for c in candidates if not c.rstrip().endswith(":")]
    own = [c for c in candidates if "put on others" not in (mechanism_check(c)[0] or "")]
    candidates = own or candidates
    stated = " ".join(cause_sentences(facts))
    if stated and candidates and max(relatedness(candidates, stated)) < 0.4:
        return stated, []
    if not candidates:
        return stated, []
    if len(candidates) == 1:
        return candidates[0], []
    support = relatedness(candidates, facts) if facts.strip() else [0.0] * len(candidates)
    fit = [rank_root_causes(playbook, c)[0].score if playbook else 0.0 for c in candidates]
    scores = [s + f for s, f in zip(support, fit, strict=True)]
    order = sorted(range(len(candidates)), key=scores.__getitem__, reverse=True)
    best = order[0]
    close = [candidates[i] for i in order[:3] if scores[best] - scores[i] < 0.08]
    return candidates[best], close if len(close) > 1 else []


_ENUMERATION_WORDS = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|also|another (?:root )?cause (?:is|was)(?: that)?|the (?:first|second|third) "
    r"(?:root )?cause (?:is|was)(?: that)?)[,:]?\s*",
    re.IGNORECASE,
)


_GREETING = re.compile(r"^(?:dear|hello|hi|to whom|thank you for)\b", re.IGNORECASE)


def _is_fact_sentence(sentence: str) -> bool:
    """A sentence of the old issue paragraph worth keeping: a fact, not a greeting, plea or boast."""
    if (
        _GREETING.match(sentence)
        or unprofessional(sentence)
        or re.search(r"\bstar rating|\brating\b|\bsurprised\b", sentence, re.I)
    ):
        return False
    return bool(
        find_dates(sentence)
        or re.search(
            r"\d{3}-\d{7}-\d{7}|\bB0[A-Z0-9]{8}\b|polic|notice|order|listing", sentence, re.I
        )
    )


def _action_from(entry: str) -> ImmediateAction:
    dates = find_dates(entry)
    text = entry
    if dates:
        text = text.replace(dates[0].text, " ")
        text = re.sub(r"^\s*(?:on|by)?\s*[:,–-]?\s*", "", text, flags=re.IGNORECASE)
    return ImmediateAction(action=tidy(text.strip(" :,-")), date=dates[0].iso if dates else None)


def _measures(
    seg: Segmented, cause_text: str, playbook_cause: Any
) -> tuple[list[PreventiveMeasure], list[str]]:
    """The previous appeal's measures that answer the cause (kept in the seller's words), then
    the playbook's measures for that cause; returns (measures, the seller's measures dropped)."""
    own = prevention_measures(seg)
    kept, dropped = [], []
    if own:
        scores = relatedness(own, cause_text)
        for text, score in zip(own, scores, strict=True):
            # a kept measure must plainly answer the cause: generic promises are replaced
            keep = score >= 0.45 and not unprofessional(text) and not GENERIC_MEASURE.search(text)
            (kept if keep else dropped).append(text)
    measures = []
    for text in kept:
        owner = OWNER.search(text)
        frequency = FREQUENCY.search(text)
        measures.append(
            PreventiveMeasure(
                action=tidy(text).rstrip("."),
                owner=owner.group(1) if owner else "[who is responsible?]",
                frequency=frequency.group(0) if frequency else "[how often, or on what trigger?]",
                answers=playbook_cause.title[0].lower() + playbook_cause.title[1:]
                if playbook_cause
                else "the root cause",
            )
        )
    if playbook_cause:
        template = [
            PreventiveMeasure(
                action=m.action, owner=m.owner, frequency=m.frequency, answers=m.answers
            )
            for m in playbook_cause.preventive_measures
        ]
        if measures:
            sims = similarity_matrix([m.action for m in template], [m.action for m in measures])
            template = [m for m, row in zip(template, sims, strict=True) if row.max() < 0.7]
        measures += template
    return measures, dropped


def revise_offline(
    previous: str,
    analysis: GapAnalysis,
    story: str,
    case: Case,
    playbook: PlaybookMeta | None,
    root_cause: str | None = None,
) -> tuple[Appeal, list[str]]:
    """Rebuild the previous appeal in our shape and fill its gaps; (appeal, causes to confirm)."""
    if playbook is None:
        raise UserError(
            "No playbook for this violation type; configure an LLM to revise this appeal."
        )
    if analysis.language not in ("en", "unknown") or len(analysis.rejection.topics) >= 2:
        # A foreign letter cannot be reused here, and an answer spread over several topics is easier
        # to rebuild than to untangle: redraft from the seller's facts, topic by topic.
        return compose_offline(
            analysis.rejection, case, playbook, analysis.violation_type, root_cause
        ), []
    seg = segment(previous)
    causes = [c for c in find_root_causes(seg) if c]
    chosen_text, to_confirm = choose_cause_candidate(
        cause_candidates(causes[0]) if causes else [], story, playbook
    )
    chosen_text = _ENUMERATION_WORDS.sub("", chosen_text).strip()
    if root_cause:
        named = find_cause(playbook, root_cause)
        playbook_cause = named or rank_root_causes(playbook, root_cause)[0].cause
        statement = playbook_cause.statement if named else tidy(root_cause)
        to_confirm = []
    else:
        playbook_cause = rank_root_causes(playbook, f"{chosen_text} {story}".strip() or previous)[
            0
        ].cause
        problem, _ = mechanism_check(chosen_text)
        stated_by_seller = any(_NAMED_CAUSE.search(x) for x in split_sentences(story))
        if chosen_text and (not problem or stated_by_seller):
            statement = tidy(chosen_text)  # the seller's own cause is already a mechanism: keep it
        elif chosen_text and not unprofessional(chosen_text):
            statement = f"{playbook_cause.statement} In our case: {tidy(chosen_text)}"
        else:
            statement = playbook_cause.statement
    base = compose_offline(
        analysis.rejection, case, playbook, analysis.violation_type, playbook_cause.id
    )
    done = [
        s for s in seg.sentences("actions") if CUES["actions"].search(s) and not unprofessional(s)
    ]
    actions = [_action_from(sentence) for sentence in done]
    known = [a.action for a in actions]
    for action in base.immediate_actions:
        if not known or similarity_matrix([action.action], known).max() < 0.75:
            actions.append(action)
            known.append(action.action)
    # Measures that already answered the cause are kept; generic or unrelated ones are replaced.
    keep_own = analysis.scorecard.criteria["prevention_matches_root_cause"].passed is True
    measures, _ = _measures(seg if keep_own else segment(""), statement, playbook_cause)
    issue = (
        " ".join(tidy(s) for s in seg.sentences("issue") if _is_fact_sentence(s))
        or base.incident.summary
    )
    answers = []
    for gap, answer in zip(
        [g for g in analysis.gaps if g.item.kind not in ("root_cause", "actions", "prevention")],
        base.requested_information,
        strict=False,
    ):
        reuse = gap.status == "covered" and gap.evidence
        answers.append(
            RequestAnswer(
                request=gap.item.text, answer=" ".join(gap.evidence[:2]) if reuse else answer.answer
            )
        )
    documents = [
        tidy(s) for s in seg.sentences("documents") if len(s.split()) >= 3 and not unprofessional(s)
    ]
    evidence = list(dict.fromkeys([*documents, *base.evidence]))[:10]
    appeal = base.model_copy(
        update={
            "incident": base.incident.model_copy(update={"summary": issue}),
            "root_cause": statement,
            "immediate_actions": actions or base.immediate_actions,
            "preventive_measures": measures or base.preventive_measures,
            "requested_information": answers,
            "evidence": evidence,
        }
    )
    return Appeal.model_validate(appeal.model_dump()), to_confirm
