"""`professional_tone`: no pleading, no business promotion, no blaming buyers or Amazon, no capitals, no case references."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.tone import BLAME, PLEADING, PROMOTION, shouting
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result
from poa.text.plain import split_sentences

NAME = "professional_tone"
JUDGE = "no pleading, no business promotion, no blaming buyers or Amazon, no capital-letter shouting, no references to open cases."
PLAIN_REASON = "The tone works against it: pleading, promotion, blame or capitals."


_CASE_REFERENCE = re.compile(
    r"case (?:id|number|#|no\.?)\s*:?\s*\d{6,}|\bcase \d{8,}|as (?:i|we) (?:said|mentioned|explained|stated) in (?:my|our) "
    r"(?:previous|last|earlier|other)",
    re.IGNORECASE,
)


def check(ctx: ScoringInput) -> CriterionResult:
    """No pleading, no business promotion, no blaming buyers or Amazon, no capitals, no case references."""
    problems: list[tuple[str, str]] = []
    for label, pattern in (
        ("pleading", PLEADING),
        ("business promotion", PROMOTION),
        ("blame", BLAME),
        ("references to other cases", _CASE_REFERENCE),
    ):
        for sentence in split_sentences(ctx.text):
            if pattern.search(sentence):
                problems.append((label, sentence))
    problems += [("capital-letter shouting", s) for s in shouting(ctx.text)]
    if problems:
        kinds = list(dict.fromkeys(label for label, _ in problems))
        return result(
            NAME,
            False,
            1 - min(1.0, 0.25 * len(problems)),
            f"Unprofessional tone: {', '.join(kinds)}.",
            [s for _, s in problems],
        )
    return result(NAME, True, 1.0, "Factual tone: no pleading, promotion, blame or shouting.", [])


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
