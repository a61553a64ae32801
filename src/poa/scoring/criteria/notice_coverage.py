"""`notice_coverage`: every item the notice asks for is answered (n/a without a notice or when it asks for nothing)."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.coverage import assess_coverage
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, not_applicable, result
from poa.text.plain import quote

NAME = "notice_coverage"
JUDGE = "every item the notice asks for is answered (true when it asks for nothing specific)."
PLAIN_REASON = "Not everything Amazon asked for is answered."


def check(ctx: ScoringInput) -> CriterionResult:
    """Every item the notice asks for is answered (n/a without a notice or when it asks for nothing)."""
    if ctx.notice is None:
        return not_applicable(NAME, "Not applicable: no notice was given.")
    if not ctx.notice.required_items:
        return not_applicable(NAME, "Not applicable: the notice asks for nothing specific.")
    results = assess_coverage(ctx.seg, ctx.notice, ctx.root_causes)
    # Information Amazon demands (third parties, accounts, live reviews) must be given, not alluded to.
    missing = [
        r
        for r in results
        if r.status == "missing" or (r.status == "weak" and r.item.kind == "disclosure")
    ]
    weak = [r for r in results if r.status == "weak" and r not in missing]
    score = sum({"covered": 1.0, "weak": 0.5, "missing": 0.0}[r.status] for r in results) / len(
        results
    )
    if missing:
        return result(
            NAME,
            False,
            score,
            f"{len(missing)} of {len(results)} items the notice asks for are not answered, e.g. {quote(missing[0].item.text, 70)}.",
            [r.item.text for r in missing],
        )
    if weak:
        return result(
            NAME,
            True,
            score,
            f"All {len(results)} items are answered; {len(weak)} only weakly, e.g. {quote(weak[0].item.text, 70)}.",
            [r.item.text for r in weak],
        )
    return result(
        NAME, True, score, f"All {len(results)} items the notice asks for are answered.", []
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
