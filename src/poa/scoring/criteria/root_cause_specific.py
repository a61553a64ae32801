"""`root_cause_specific`: the cause names a mechanism (which check, rule, control, tool or knowledge was missing, and how)."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result
from poa.scoring.root_cause import mechanism_check

NAME = "root_cause_specific"
JUDGE = 'the cause says why it happened (a gap in a process, knowledge, tool or control), not a restatement of the violation or a vague "lack of training".'
PLAIN_REASON = (
    "The root cause does not explain why it happened: it restates the violation or stays vague."
)


def check(ctx: ScoringInput) -> CriterionResult:
    """The cause names a mechanism (which check, rule, control, tool or knowledge was missing, and how)."""
    text = " ".join(c for c in ctx.root_causes if c)
    problem, score = mechanism_check(text)
    if problem:
        return result(NAME, False, score, problem, [text] if text else [])
    return result(
        NAME,
        True,
        score,
        "The root cause names a mechanism: what was missing and how it let this happen.",
        [text],
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
