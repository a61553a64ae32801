"""`issue_defined`: the incident is stated: what happened, when, which orders/ASINs (where the notice names them), which policy."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.violation_type import rule_scores
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result
from poa.text.facts import ASIN, ORDER_ID, find_dates

NAME = "issue_defined"
JUDGE = "what happened, when, which order or ASIN where known, which policy."
PLAIN_REASON = "The issue is not clearly stated: what happened, when, which orders, which policy."


_WHEN = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|yesterday|last "
    r"(?:week|month)|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)


_POLICY = re.compile(
    r"polic|guideline|code of conduct|\brules\b|agreement|terms|standards?\b|requirement|target|violat|condition",
    re.IGNORECASE,
)


def check(ctx: ScoringInput) -> CriterionResult:
    """The incident is stated: what happened, when, which orders/ASINs (where the notice names them), which policy."""
    issue = ctx.seg.section_text("issue") or next(
        (b.text for b in ctx.seg.blocks if b.section not in ("other", "closing")), ""
    )
    opening = " ".join(b.text for b in ctx.seg.blocks[:4])
    notice_ids = [*ctx.notice.order_ids, *ctx.notice.asins] if ctx.notice else []
    letter_ids = ORDER_ID.findall(ctx.text) + ASIN.findall(ctx.text)
    what = len(issue.split()) >= 12
    when = bool(find_dates(issue) or _WHEN.search(issue) or find_dates(opening))
    which = bool(set(notice_ids) & set(letter_ids)) if notice_ids else True
    policy = bool(
        _POLICY.search(ctx.text) or rule_scores(ctx.text)
    )  # "trademark complaint" names the policy too
    parts = {
        "what happened": what,
        "when": when,
        "which orders or ASINs": which,
        "which policy": policy,
    }
    missing = [part for part, ok in parts.items() if not ok]
    score = 1 - len(missing) / len(parts)
    passed = what and which and policy and (when or bool(letter_ids))
    if passed:
        return result(
            NAME,
            True,
            score,
            "The issue is stated: what, when, which orders or ASINs and which policy."
            if not missing
            else f"The issue is stated (missing only: {missing[0]}).",
            [issue],
        )
    return result(
        NAME,
        False,
        score,
        f"The issue is not clearly defined: missing {', '.join(missing)}.",
        [issue],
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
