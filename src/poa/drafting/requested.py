"""Answers to a notice's requests and the documents list, from the seller's facts only.

An interview answer to an item wins; a denial answers a request about what was denied; else the
story facts closest to the request. A request nothing answers, and a document the seller has not
said they hold, become questions to the seller.
"""

from __future__ import annotations

import re

from poa.core.models import Case, Fact, Notice, RequestAnswer
from poa.drafting.suggestions import DraftQuestion
from poa.kb.semantic import relatedness
from poa.reading.statements import concept_mentions
from poa.scoring.coverage import answer_types, needed_terms

_DESCRIBE_ASKED = re.compile(
    r"\bmethods?\b|\bhow (?:you|the reviews?|they) (?:were )?(?:obtained|got)|what you did",
    re.IGNORECASE,
)


def _answer_facts(case: Case) -> list[Fact]:
    """Facts that may answer a notice's request: anything the seller stated, denials included."""
    return [f for f in case.facts if f.kind != "start"]


def _best_answer(item_text: str, kind: str, facts: list[Fact]) -> list[Fact]:
    """The seller's facts that answer one request: closest in meaning, holding what it needs
    (an e-mail for "contact details", the document it names)."""
    if not facts:
        return []
    texts = [f.source.quote for f in facts]
    terms = needed_terms(item_text, "documents" if kind == "documents" else "disclosure")
    types = answer_types(item_text)
    scores = [
        score
        + (0.3 if any(re.search(t, text, re.IGNORECASE) for t in terms) else 0.0)
        + (0.3 if types and all(has(text) for has in types) else 0.0)
        for score, text in zip(relatedness(texts, item_text), texts, strict=True)
    ]
    ranked = sorted(range(len(facts)), key=scores.__getitem__, reverse=True)
    best = [facts[i] for i in ranked[:2] if scores[i] >= 0.5]
    if terms and not any(
        re.search(t, " ".join(f.source.quote for f in best), re.IGNORECASE) for t in terms
    ):
        return []  # the story does not hold what is asked: ask for it
    return best


def requested_information(
    notice: Notice, case: Case
) -> tuple[list[RequestAnswer], list[DraftQuestion]]:
    """An answer from the seller's facts to each checklist item that is not root cause, actions or
    prevention; a question for each the facts do not answer.

    An interview answer to the item wins; a denial answers a request about what was denied ("the
    third parties you used" → "we never used any third party"); else the closest story facts.
    """
    facts = _answer_facts(case)
    answers, questions = [], []
    for index, item in enumerate(notice.required_items):
        if item.kind not in ("disclosure", "documents", "listing_edit", "other"):
            continue
        given = [f for f in facts if f.kind == "answer" and f.request == index]
        asked_about = {concept for concept, _ in concept_mentions(item.text)}
        denials = [f for f in case.facts_of("negation") if f.concept in asked_about]
        best = (
            given
            or list({f.text: f for f in denials}.values())
            or _best_answer(item.text, item.kind, facts)
        )
        if _DESCRIBE_ASKED.search(item.text) and not given and not denials:
            # "The methods you used, with dates" is answered by the seller's account of what happened.
            told = case.facts_of("incident") or case.facts_of("cause")
            best = told[:2] or best
        if best:
            answers.append(
                RequestAnswer(
                    request=item.text,
                    answer=" ".join(dict.fromkeys(f.text for f in best)),
                    sources=[f.id for f in best],
                )
            )
        elif item.kind != "documents":  # a missing document is asked once, by documents_held
            questions.append(DraftQuestion(f"item_{index}", "answers", item.text.rstrip(".") + "?"))
    return answers, questions


def documents_held(case: Case, notice: Notice) -> tuple[list[str], list[DraftQuestion]]:
    """The documents the seller says they have; a question for those the notice asks and they
    have not mentioned."""
    held = [f.text for f in case.facts_of("document")]
    questions = []
    told = " ".join(f.source.quote for f in case.facts)
    for index, item in enumerate(notice.required_items):
        if item.kind != "documents":
            continue
        terms = needed_terms(item.text, "documents")
        if not terms or not all(re.search(t, told, re.IGNORECASE) for t in terms):
            questions.append(
                DraftQuestion(
                    f"documents_{index}",
                    "evidence",
                    f"The notice asks for: {item.text.rstrip('.')}. Which of these do you have and can attach?",
                )
            )
    return list(dict.fromkeys(held))[:8], questions
