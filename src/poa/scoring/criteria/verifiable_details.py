"""`verifiable_details`: dates, IDs, roles, counts and documents; the actions already taken are past tense and dated."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.case import ROLES
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result
from poa.scoring.measures import actions_taken
from poa.text.facts import ASIN, NUMBER, ORDER_ID, find_dates, mask_ids_and_dates

NAME = "verifiable_details"
JUDGE = "dates, IDs, roles, counts, documents; actions already taken are past tense with dates."
PLAIN_REASON = (
    "Actions have no dates, or there are too few checkable details (IDs, roles, documents)."
)


_ROLE_PATTERN = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ROLES), re.IGNORECASE)


_DOCUMENT = re.compile(
    r"invoice|receipt|screenshot|photo|record|log|report|certificate|contract|agreement|letter|statement|confirmation|checklist",
    re.IGNORECASE,
)


_PAST = re.compile(
    r"\b\w+ed\b|\b(?:sent|made|took|wrote|set|put|built|began|paid|bought|got|gave|told|found|held|met|ran|rewrote|shut|cut|left)\b",
    re.IGNORECASE,
)


def check(ctx: ScoringInput) -> CriterionResult:
    """Dates, IDs, roles, counts and documents; the actions already taken are past tense and dated."""
    actions = actions_taken(ctx.seg)
    dated = [a for a in actions if find_dates(a)]
    past = [a for a in actions if _PAST.search(a)]
    specifics = (
        len(find_dates(ctx.text))
        + len(ORDER_ID.findall(ctx.text) + ASIN.findall(ctx.text))
        + len(_ROLE_PATTERN.findall(ctx.text))
        + len(NUMBER.findall(mask_ids_and_dates(ctx.text)))
        + len(_DOCUMENT.findall(ctx.text))
    )
    share = len(dated) / len(actions) if actions else 0.0
    score = (
        min(share / 0.5, 1.0)
        + min(specifics / 6, 1.0)
        + (len(past) / len(actions) if actions else 0.0)
    ) / 3
    undated = [a for a in actions if a not in dated]
    if not actions:
        return result(NAME, False, score, "No actions already taken are described.")
    if not dated or share < 0.5:
        return result(
            NAME,
            False,
            score,
            f"{len(undated)} of {len(actions)} actions taken have no date.",
            undated,
        )
    if specifics < 4:
        return result(
            NAME,
            False,
            score,
            "Too few checkable details (dates, IDs, roles, counts, documents).",
            [],
        )
    return result(
        NAME,
        True,
        score,
        f"{len(dated)} of {len(actions)} actions are dated; {specifics} checkable details in all.",
        undated,
    )


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
