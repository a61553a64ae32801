"""`grounded`: every claim of incident, cause, actions, answers and prevention is backed by the
seller's inputs; a sentence that contradicts them (a denied agency, an invented e-mail) fails.

The same check the drafters run on their own output (`scoring/grounding.py`).
"""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.tone import says_nothing_of_fact
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, not_applicable, result
from poa.scoring.grounding import Grounder

NAME = "grounded"
JUDGE = (
    "every statement of fact (incident, root cause, actions, answers, prevention) is supported by the"
    " notice or the seller's facts, and none contradicts what the seller said did not happen."
)
PLAIN_REASON = (
    "It states things your notice, story and answers do not say, or contradicts them; the letter"
    " must only say what is true of your business."
)
# the segmenter's sections whose sentences are claims of fact
SECTIONS = {"issue": "incident", "root_cause": "root_cause", "actions": "actions",
            "prevention": "prevention", "info": "answers"}  # fmt: skip
MAX_UNSUPPORTED_SHARE = 0.25  # calibrated on evals/labelled (33 of 36 agree with the hand labels)


_NOT_A_CLAIM = re.compile(
    r"^(?:subject|re|dear|regards|sincerely|thank you|thanks)\b|\?\s*$|\bwe take this (?:very )?seriously\b",
    re.IGNORECASE,
)
MIN_CLAIM_WORDS = 4


def is_claim(sentence: str) -> bool:
    """A statement of fact: not a plea, a boast, a question, a subject line or a signature
    (those are the tone criterion's business)."""
    return (
        len(sentence.split()) >= MIN_CLAIM_WORDS
        and not _NOT_A_CLAIM.search(sentence)
        and not says_nothing_of_fact(sentence)
    )


def check(ctx: ScoringInput) -> CriterionResult:
    """Each sentence of the claims sections is close to a fact; contradictions fail outright."""
    if ctx.case is None or (not ctx.case.story.strip() and not ctx.case.answers):
        return not_applicable(
            NAME,
            "Truth was not checked: no story or answers were given to check the letter against.",
        )
    grounder = Grounder(ctx.case, ctx.notice, ctx.extra_facts)
    items = [
        (SECTIONS[section], sentence, None)
        for section in SECTIONS
        for sentence in ctx.seg.sentences(section)
        if is_claim(sentence)
    ]
    checked = grounder.check_many(items)
    if not checked:
        return result(NAME, False, 0.0, "No statement of what happened or what was done was found.")
    hard = [s for s in checked if s.problem and not s.problem.startswith("not in")]
    loose = [s for s in checked if s.problem and s.problem.startswith("not in")]
    share = len(loose) / len(checked)
    score = max(0.0, 1.0 - share - 0.5 * len(hard))
    evidence = [f"{s.sentence} ({s.problem})" for s in [*hard, *loose]]
    if hard:
        return result(
            NAME,
            False,
            score,
            f"{len(hard)} sentence(s) contradict your inputs: {hard[0].problem}.",
            evidence,
        )
    if share > MAX_UNSUPPORTED_SHARE:
        return result(
            NAME,
            False,
            score,
            f"{len(loose)} of {len(checked)} statements are not in your notice, story or answers.",
            evidence,
        )
    return result(
        NAME,
        True,
        score,
        f"{len(checked) - len(loose)} of {len(checked)} statements trace to your inputs.",
        evidence,
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
