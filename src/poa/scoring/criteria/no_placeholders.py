"""`no_placeholders`: no template placeholders ([company name], XXX, TBD) are left."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result

NAME = "no_placeholders"
JUDGE = "no [company name], XXX or TBD left."
PLAIN_REASON = "Template placeholders were left in."


_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{0,80}\]|\bX{3,}\b|\bTBD\b|\bTBC\b|<[^<>\n]{1,40}>|\{\{[^}]*\}\}|_{4,}|\bN/?A\b(?= *[:\]])|\blorem ipsum\b",
    re.IGNORECASE,
)


def check(ctx: ScoringInput) -> CriterionResult:
    """No template placeholders ([company name], XXX, TBD) are left."""
    found = [
        m.group(0)
        for m in _PLACEHOLDER.finditer(ctx.text)
        if not re.fullmatch(r"\[\d+\]", m.group(0))
    ]
    if found:
        return result(
            NAME, False, 0.0, f"{len(found)} placeholder(s) left, e.g. {found[0][:60]}.", found
        )
    return result(NAME, True, 1.0, "No placeholders are left.", [])


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
