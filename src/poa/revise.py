"""Revision after a rejection: what the previous appeal missed, and a revised appeal that fixes it.

1. Gap analysis: the rejection is parsed like any notice; each item it asks for is judged
   covered, weak or missing in the previous appeal (with the sentences that cover it), and the
   rubric explains in plain words why the appeal was likely rejected.
2. Revision: a new appeal that keeps the seller's facts and good parts, states one root cause
   (asking the seller to confirm when the facts do not settle it), answers every gap, and passes
   the guards. With an LLM it is written by the model; offline it is rebuilt from the previous
   appeal, the seller's story and the playbook.
3. A unified diff and a short list of what changed and why.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from poa.case import CAUSE_CUES, extract_case, tidy
from poa.causes import multiple_cause_markers
from poa.config import Settings
from poa.coverage import ItemCoverage, assess_coverage
from poa.drafting.offline import compose_offline
from poa.drafting.render import render_text
from poa.errors import UserError
from poa.facts import find_dates
from poa.guards import apply_guards
from poa.knowledge import PlaybookMeta, playbook_for
from poa.language import NAMES, detect_language
from poa.models import (
    Appeal,
    Case,
    ImmediateAction,
    Notice,
    PreventiveMeasure,
    RequestAnswer,
    Scorecard,
)
from poa.notice import classify, parse_notice
from poa.rootcause import find_cause, rank_root_causes
from poa.rubric import (
    GENERIC_MEASURE,
    actions_taken,
    find_root_causes,
    mechanism_check,
    prevention_measures,
    score_appeal,
)
from poa.segment import CUES, Segmented, segment
from poa.semantic import relatedness, similarity_matrix
from poa.text import split_sentences
from poa.tone import unprofessional

# Plain words for a failed criterion, as a seller would need to hear them.
PLAIN_REASONS = {
    "single_root_cause": "Several root causes are named; Amazon expects one (per topic), stated precisely.",
    "root_cause_specific": "The root cause does not explain why it happened: it restates the violation or stays vague.",
    "prevention_matches_root_cause": "The preventive steps are generic or unrelated; each must answer the root cause.",
    "issue_defined": "The issue is not clearly stated: what happened, when, which orders, which policy.",
    "verifiable_details": "Actions have no dates, or there are too few checkable details (IDs, roles, documents).",
    "notice_coverage": "Not everything Amazon asked for is answered.",
    "professional_tone": "The tone works against it: pleading, promotion, blame or capitals.",
    "no_fabrication": "It states facts (IDs, dates, numbers) that are not in the seller's own records.",
    "no_placeholders": "Template placeholders were left in.",
    "length": "It is too long for Seller Performance to read quickly.",
}


@dataclass
class GapAnalysis:
    rejection: Notice
    violation_type: str
    language: str
    gaps: list[ItemCoverage]
    scorecard: Scorecard
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "violation_type": self.violation_type,
            "language": self.language,
            "gaps": [
                {
                    "item": g.item.text,
                    "kind": g.item.kind,
                    "topic": g.item.topic,
                    "status": g.status,
                    "evidence": g.evidence,
                    "why": g.why,
                }
                for g in self.gaps
            ],
            "reasons": self.reasons,
            "previous_scorecard": self.scorecard.to_json(),
        }


@dataclass
class RevisionResult:
    analysis: GapAnalysis
    backend: str
    appeal: Appeal
    letter: str
    diff: str
    changes: list[str]
    scorecard: Scorecard
    notes: list[str] = field(default_factory=list)
    confirm_root_cause: list[str] = field(
        default_factory=list
    )  # candidates when the facts do not settle it
    fallback: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "gaps": self.analysis.to_json()["gaps"],
            "reasons": self.analysis.reasons,
            "appeal": self.appeal.model_dump(),
            "letter": self.letter,
            "diff": self.diff,
            "changes": self.changes,
            "scorecard": self.scorecard.to_json(),
            "previous_scorecard": self.analysis.scorecard.to_json(),
            "backend": self.backend,
            "language": self.analysis.language,
            "confirm_root_cause": self.confirm_root_cause,
            "notes": self.notes,
            "fallback": self.fallback,
        }


def _violation_type(
    rejection: Notice, previous: str, story: str, original: Notice | None, store: Any
) -> str:
    for notice in (rejection, original):
        if notice is not None and notice.violation_type != "other" and notice.confidence >= 0.3:
            return notice.violation_type
    guess, confidence = classify(f"{previous}\n{story}", store)
    return guess if confidence > 0 else "other"


def _combined_notice(rejection: Notice, original: Notice | None) -> Notice:
    """What the revision must answer: the rejection's requests, plus the original notice's
    checklist items (disclosures, documents) that a complete plan still has to carry."""
    if original is None:
        return rejection
    kept = [
        i for i in original.required_items if i.kind not in ("root_cause", "actions", "prevention")
    ]
    known = {i.text.lower() for i in rejection.required_items}
    extra = [i for i in kept if i.text.lower() not in known]
    return rejection.model_copy(
        update={
            "required_items": [*rejection.required_items, *extra],
            "topics": rejection.topics or original.topics,
            "topic_order_ids": rejection.topic_order_ids or original.topic_order_ids,
            "order_ids": list(dict.fromkeys([*rejection.order_ids, *original.order_ids])),
            "asins": list(dict.fromkeys([*rejection.asins, *original.asins])),
        }
    )


_OWNER_ASKED = re.compile(
    r"who (?:is responsible|checks|reviews|approves|will)|responsible|owner", re.IGNORECASE
)
_FREQUENCY_ASKED = re.compile(r"how often|frequency|\bhow regularly\b", re.IGNORECASE)


def _judge_core(gap: ItemCoverage, seg: Segmented, card: Scorecard) -> ItemCoverage:
    """A rejection asks for *more detail*: the root cause, actions or prevention that exist in the
    previous appeal count as covered only if they would satisfy a reviewer now."""
    if gap.status != "covered" or gap.item.kind not in ("root_cause", "actions", "prevention"):
        return gap
    text = gap.item.text

    def weaker(why: str, status: str = "weak") -> ItemCoverage:
        return ItemCoverage(gap.item, status, gap.evidence, why)

    if gap.item.kind == "root_cause":
        for name in ("single_root_cause", "root_cause_specific"):
            if card.criteria[name].passed is False:
                return weaker(card.criteria[name].reason)
        return gap
    if gap.item.kind == "actions":
        entries = [e for e in actions_taken(seg)]
        dated = [e for e in entries if find_dates(e)]
        if re.search(r"\bdates?\b|\bwhen\b", text, re.IGNORECASE) and len(dated) < len(entries):
            only_dates = re.match(r"(?:the )?dates?\b", text, re.IGNORECASE)
            return weaker(
                f"{len(entries) - len(dated)} of {len(entries)} actions have no date",
                "missing" if only_dates and not dated else "weak",
            )
        if card.criteria["verifiable_details"].passed is False:
            return weaker(card.criteria["verifiable_details"].reason)
        return gap
    measures = " ".join(prevention_measures(seg))
    if card.criteria["prevention_matches_root_cause"].passed is False:
        return weaker(card.criteria["prevention_matches_root_cause"].reason)
    if _OWNER_ASKED.search(text) and not _OWNER.search(measures):
        return weaker("the preventive steps do not say who is responsible")
    if _FREQUENCY_ASKED.search(text) and not _FREQUENCY.search(measures):
        return weaker("the preventive steps do not say how often they happen")
    return gap


def analyse(
    previous: str,
    rejection_text: str,
    *,
    story: str = "",
    original_notice: str = "",
    store: Any = None,
    char_limit: int = 6000,
) -> GapAnalysis:
    """Which of the rejection's requests the previous appeal covers, and why it was likely rejected."""
    if not previous.strip():
        raise UserError("Paste the appeal you sent before.")
    if not rejection_text.strip():
        raise UserError("Paste Amazon's rejection message.")
    rejection = parse_notice(rejection_text, store)
    original = parse_notice(original_notice, store) if original_notice.strip() else None
    notice = _combined_notice(rejection, original)
    violation_type = _violation_type(rejection, previous, story, original, store)
    language = detect_language(previous)
    seg = segment(previous)
    card = score_appeal(previous, notice=notice, story=story or None, char_limit=char_limit)
    if language in ("en", "unknown"):
        gaps = [
            _judge_core(gap, seg, card)
            for gap in assess_coverage(seg, notice, find_root_causes(seg))
        ]
    else:
        # The coverage check reads English; a foreign appeal's answers cannot be confirmed.
        gaps = [
            ItemCoverage(
                item, "weak", [], f"the appeal is in {NAMES.get(language, language)}; not checked"
            )
            for item in notice.required_items
        ]
    reasons = []
    if language not in ("en", "unknown"):
        reasons.append(
            f"The appeal is in {NAMES.get(language, language)}; the revision is written in English."
        )
    for gap in gaps:
        if gap.status == "missing":
            reasons.append(
                f"Amazon asked for “{gap.item.text}”; the appeal does not answer it ({gap.why})."
            )
        elif gap.status == "weak" and language in ("en", "unknown"):
            reasons.append(
                f"Amazon asked for “{gap.item.text}”; the appeal only touches on it ({gap.why})."
            )
    for name, result in card.criteria.items():
        if result.passed is False and name != "notice_coverage":
            reasons.append(f"{PLAIN_REASONS[name]} ({result.reason})")
    return GapAnalysis(notice, violation_type, language, gaps, card, reasons)


# --- the offline reviser --------------------------------------------------------------------------


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
    stated = " ".join(s for s in sentences if CAUSE_CUES.search(s))
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


_OWNER = re.compile(
    r"\b(?:our |the )?((?:customer service|operations|warehouse|inventory|listing|catalogue|catalog|compliance|"
    r"pricing|shipping|purchasing|quality|account|sales|marketing|product) (?:lead|manager|supervisor|team|"
    r"coordinator|owner)|owner|director|bookkeeper|supervisor|manager)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|yearly|every (?:\w+ ){0,2}?(?:day|week|month|quarter|year|order|time|morning|"
    r"listing|message|reply|shipment|batch|print order|supplier|launch)|before (?:each|every|any) \w+(?: \w+)?|"
    r"on (?:every|each) \w+)\b",
    re.IGNORECASE,
)


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
        owner = _OWNER.search(text)
        frequency = _FREQUENCY.search(text)
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


# --- changes and diff -----------------------------------------------------------------------------


def unified_diff(previous: str, revised: str) -> str:
    lines = difflib.unified_diff(
        previous.strip().splitlines(),
        revised.strip().splitlines(),
        "previous",
        "revised",
        lineterm="",
    )
    return "\n".join(lines)


def describe_changes(
    analysis: GapAnalysis, after: Scorecard, appeal: Appeal, confirm: list[str]
) -> list[str]:
    """What changed and why, one line each, from the scorecards before and after."""
    before = analysis.scorecard
    changes = []
    if analysis.language not in ("en", "unknown"):
        changes.append(
            f"Rewritten in English (the previous appeal was in {NAMES.get(analysis.language, analysis.language)})."
        )
    if before.criteria["single_root_cause"].passed is False:
        cause = appeal.root_cause if len(appeal.root_cause) < 140 else appeal.root_cause[:137] + "…"
        changes.append(
            f"One root cause instead of several: “{cause}”"
            + (" — please confirm it is the right one." if confirm else ".")
        )
    elif before.criteria["root_cause_specific"].passed is False:
        changes.append(
            "The root cause now names the mechanism: what was missing and how it let this happen."
        )
    if before.criteria["prevention_matches_root_cause"].passed is not True:
        changes.append(
            f"Preventive measures rewritten: {len(appeal.preventive_measures)} measures, each with an owner and a frequency, each answering the root cause."
        )
    if before.criteria["verifiable_details"].passed is not True:
        dated = sum(1 for a in appeal.immediate_actions if a.date)
        changes.append(
            f"Actions taken listed with dates ({dated} of {len(appeal.immediate_actions)} dated; the rest ask you for the date)."
        )
    revised = segment(render_text(appeal))
    now = {
        c.item.text: c.status
        for c in assess_coverage(revised, analysis.rejection, find_root_causes(revised))
    }
    for gap in analysis.gaps:
        if gap.status != "covered":
            if now.get(gap.item.text) == "covered":
                changes.append(f"Now answers: “{gap.item.text}”.")
            else:
                changes.append(f"Still needs your answer (asked in brackets): “{gap.item.text}”.")
    if before.criteria["professional_tone"].passed is False:
        changes.append("Pleading, promotion and blame removed; the letter states facts only.")
    if (
        before.criteria["no_placeholders"].passed is False
        and after.criteria["no_placeholders"].passed
    ):
        changes.append("Template placeholders removed.")
    if before.criteria["length"].passed is False and after.criteria["length"].passed:
        changes.append("Shortened to fit the character limit.")
    return changes


def revise(
    previous: str,
    rejection_text: str,
    settings: Settings,
    *,
    story: str = "",
    original_notice: str = "",
    backend: str = "auto",
    root_cause: str | None = None,
    store: Any = None,
    chat_model: Any = None,
) -> RevisionResult:
    """Gap analysis, revised appeal (LLM or offline), guards, scorecard, diff and change list."""
    from poa.draft import choose_backend

    analysis = analyse(
        previous,
        rejection_text,
        story=story,
        original_notice=original_notice,
        store=store,
        char_limit=settings.char_limit,
    )
    chosen = "openai" if chat_model is not None else choose_backend(settings, backend)
    case = revision_case(previous, story, analysis.language)
    playbook = playbook_for(settings.knowledge_dir, analysis.violation_type)
    confirm: list[str] = []
    appeal, fallback = None, None
    if chosen == "openai":
        from poa.drafting.llm import LLMError, revise_with_llm

        try:
            appeal = revise_with_llm(
                previous,
                analysis,
                case,
                settings,
                store=store,
                chat_model=chat_model,
                root_cause=root_cause,
            )
        except LLMError as error:
            fallback, chosen = str(error), "offline"
    if appeal is None:
        appeal, confirm = revise_offline(previous, analysis, story, case, playbook, root_cause)
    sources = "\n".join([original_notice, rejection_text, previous, story])
    appeal, notes = apply_guards(appeal, sources)
    letter = render_text(appeal)
    facts = "\n".join(
        [original_notice, story, previous]
    )  # the seller's own earlier letter counts as their facts
    after = score_appeal(
        letter, notice=analysis.rejection, story=facts, char_limit=settings.char_limit
    )
    return RevisionResult(
        analysis=analysis,
        backend=chosen,
        appeal=appeal,
        letter=letter,
        diff=unified_diff(previous, letter),
        changes=describe_changes(analysis, after, appeal, confirm),
        scorecard=after,
        notes=notes,
        confirm_root_cause=confirm,
        fallback=fallback,
    )
