"""`no_fabrication`: every order ID, ASIN, date and number in the letter appears in the seller's inputs."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, not_applicable, result
from poa.scoring.fabrication import unsupported_facts

NAME = "no_fabrication"
JUDGE = "every order ID, ASIN, date and number in the appeal appears in the notice or the seller's facts."
PLAIN_REASON = "It states facts (IDs, dates, numbers) that are not in the seller's own records."


def check(ctx: ScoringInput) -> CriterionResult:
    """Every order ID, ASIN, date and number in the letter appears in the seller's inputs."""
    if not ctx.sources or not ctx.sources.strip():
        return not_applicable(
            NAME, "Not applicable: no notice or story was given to check facts against."
        )
    invented = unsupported_facts(ctx.text, ctx.sources)
    if invented:
        shown = ", ".join(dict.fromkeys(f.text for f in invented[:4]))
        return result(
            NAME,
            False,
            0.0,
            f"{len(invented)} fact(s) are not in the notice or story: {shown}.",
            [f.text for f in invented],
        )
    return result(
        NAME, True, 1.0, "Every order ID, ASIN, date and number comes from the notice or story.", []
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
