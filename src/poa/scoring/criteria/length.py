"""`length`: the letter is within the configured character limit."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result

NAME = "length"
JUDGE = "reasonable length (under the character limit)."
PLAIN_REASON = "It is too long for Seller Performance to read quickly."


def check(ctx: ScoringInput) -> CriterionResult:
    """The letter is within the configured character limit."""
    count = len(ctx.text)
    if count > ctx.char_limit:
        return result(
            NAME,
            False,
            max(0.0, 1 - (count - ctx.char_limit) / ctx.char_limit),
            f"{count:,} characters; the limit is {ctx.char_limit:,}.",
        )
    return result(NAME, True, 1.0, f"{count:,} characters, within the {ctx.char_limit:,} limit.")


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
