"""`single_root_cause`: exactly one root cause per notice topic; lists of causes and 'another root cause' fail."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result
from poa.scoring.root_cause import MULTIPLE_CAUSES, UNKNOWN_CAUSE
from poa.text.plain import quote

NAME = "single_root_cause"
JUDGE = "exactly one root cause is stated per notice topic; lists of causes fail."
PLAIN_REASON = "Several root causes are named; Amazon expects one (per topic), stated precisely."


_STRONG_MULTIPLE = re.compile(
    r"\broot causes\b|\banother root cause\b|\b(?:first|second|third|fourth|1st|2nd|3rd|secondary|additional) root cause\b"
    r"|\broot cause\s*(?:#|no\.?\s*|number\s*)?[2-9]\b|\ba combination of (?:several )?(?:factors|causes|reasons)\b",
    re.IGNORECASE,
)


def check(ctx: ScoringInput) -> CriterionResult:
    """Exactly one root cause per notice topic; lists of causes and 'another root cause' fail."""
    allowed = max(ctx.seg.topics, len(ctx.notice.topics) if ctx.notice else 1, 1)
    if not any(ctx.root_causes):
        return result(NAME, False, 0.0, "No root cause is stated.")
    unknown = [c for c in ctx.root_causes if UNKNOWN_CAUSE.search(c)]
    if unknown:
        return result(
            NAME,
            False,
            0.0,
            "The letter says the cause is not known, so no root cause is stated.",
            unknown,
        )
    markers = [m.group(0) for m in _STRONG_MULTIPLE.finditer(ctx.text)]
    for cause in ctx.root_causes:
        markers += [m.group(0) for m in MULTIPLE_CAUSES.finditer(cause)]
    runs = ctx.seg.runs("root_cause")
    listed = max(
        (
            len(ctx.seg.section_blocks("root_cause", t))
            for t in range(ctx.seg.topics)
            if all(b.bullet for b in ctx.seg.section_blocks("root_cause", t))
        ),
        default=0,
    )
    if markers:
        return result(
            NAME,
            False,
            0.0,
            f"Several root causes are offered ({quote(markers[0], 40)}); Amazon expects one per topic.",
            markers,
        )
    if runs > allowed:
        return result(
            NAME,
            False,
            0.0,
            f"{runs} separate root-cause sections for {allowed} topic(s).",
            ctx.root_causes,
        )
    if listed >= 3:
        return result(
            NAME,
            False,
            0.0,
            f"The root cause is a list of {listed} items; Amazon expects one cause.",
            ctx.root_causes,
        )
    label = "one root cause" if allowed == 1 else f"one root cause for each of {allowed} topics"
    return result(
        NAME,
        True,
        1.0,
        f"States {label}: {quote(ctx.root_causes[0])}.",
        [c for c in ctx.root_causes if c],
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
