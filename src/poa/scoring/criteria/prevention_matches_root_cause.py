"""`prevention_matches_root_cause`: every preventive measure answers the stated root cause; no unrelated or generic filler."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.kb.semantic import relatedness
from poa.scoring.criteria.base import CriterionSpec, ScoringInput, result
from poa.scoring.measures import GENERIC_MEASURE, prevention_measures
from poa.text.plain import quote, split_sentences

NAME = "prevention_matches_root_cause"
JUDGE = "every preventive measure addresses the stated root cause; unrelated filler fails."
PLAIN_REASON = "The preventive steps are generic or unrelated; each must answer the root cause."


PREVENTION_LINK = 0.3  # relatedness of a measure to the root cause, as in the drafting guard


def check(ctx: ScoringInput) -> CriterionResult:
    """Every preventive measure answers the stated root cause; no unrelated or generic filler."""
    unrelated: list[str] = []
    checked = 0
    for topic in range(ctx.seg.topics):
        cause = ctx.root_causes[topic] or " ".join(ctx.root_causes)
        measures = prevention_measures(ctx.seg, topic if ctx.seg.topics > 1 else None)
        if ctx.seg.topics > 1 and not measures:
            measures = prevention_measures(ctx.seg) if topic == 0 else []
        if not measures:
            continue
        checked += len(measures)
        if not cause:
            unrelated += measures
            continue
        targets = [cause, *split_sentences(cause)]
        if len(cause.split()) < 25:  # a thin cause: judge the measures against the incident too
            targets += ctx.seg.sentences("issue", topic if ctx.seg.topics > 1 else None)
        scores = [max(relatedness([m], t)[0] for t in targets) for m in measures]
        for measure, score in zip(measures, scores, strict=True):
            generic = GENERIC_MEASURE.search(measure)
            if score < PREVENTION_LINK or (generic and score < PREVENTION_LINK + 0.15):
                unrelated.append(measure)
    if not checked:
        return result(NAME, False, 0.0, "No preventive measures are given.")
    if not any(ctx.root_causes):
        return result(
            NAME,
            False,
            0.0,
            "There is no root cause for the preventive measures to answer.",
            unrelated,
        )
    score = 1 - len(unrelated) / checked
    if unrelated:
        return result(
            NAME,
            False,
            score,
            f"{len(unrelated)} of {checked} preventive measures do not answer the root cause, e.g. {quote(unrelated[0])}.",
            unrelated,
        )
    return result(NAME, True, 1.0, f"All {checked} preventive measures answer the root cause.", [])


CRITERION = CriterionSpec(NAME, check, JUDGE, PLAIN_REASON)
