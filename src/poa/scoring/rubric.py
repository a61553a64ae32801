"""The rubric: every criterion of DESIGN.md, each in its own module under `scoring/criteria/`.

Each check returns a verdict, a 0–1 score, a one-sentence reason and the sentences it judged; it
scores any appeal text, in any layout. Criterion names and the gate criteria are fixed in
`poa.core.vocab`. Text not in English is detected; criteria that read English say they were not
judged instead of guessing.
"""

from __future__ import annotations

from poa.core.models import Case, CriterionResult, Fact, Notice, Scorecard
from poa.core.vocab import CRITERIA, GATE_CRITERIA
from poa.scoring.criteria import (
    grounded,
    issue_defined,
    length,
    no_fabrication,
    no_placeholders,
    notice_coverage,
    prevention_matches_root_cause,
    professional_tone,
    root_cause_specific,
    single_root_cause,
    verifiable_details,
)
from poa.scoring.criteria.base import CriterionSpec, ScoringInput
from poa.scoring.root_cause import find_root_causes
from poa.scoring.segment import segment
from poa.text.language import NAMES, detect_language

LANGUAGE_FREE = ("no_fabrication", "no_placeholders", "length")  # grounded reads English cues
CRITERIA_SPECS: dict[str, CriterionSpec] = {
    spec.name: spec
    for spec in (
        single_root_cause.CRITERION,
        root_cause_specific.CRITERION,
        prevention_matches_root_cause.CRITERION,
        issue_defined.CRITERION,
        verifiable_details.CRITERION,
        notice_coverage.CRITERION,
        professional_tone.CRITERION,
        no_fabrication.CRITERION,
        grounded.CRITERION,
        no_placeholders.CRITERION,
        length.CRITERION,
    )
}
assert tuple(CRITERIA_SPECS) == CRITERIA, "scoring/criteria and core.vocab.CRITERIA disagree"


def score_appeal(
    text: str,
    *,
    notice: Notice | None = None,
    story: str | None = None,
    char_limit: int = 6000,
    case: Case | None = None,
    extra_facts: list[Fact] | None = None,
    sellers_letter: bool = False,
) -> Scorecard:
    """Score any appeal. Pass the notice (parsed) and the seller's story (or the case read from
    it, with any accepted suggestions) to judge coverage, facts and truth.

    `sellers_letter`: the seller wrote the letter (a previous appeal, a letter pasted to check),
    so its IDs, dates and details are the seller's facts; only contradictions with the story count.
    Drafts are scored with the default: every fact must come from the inputs."""
    language = detect_language(text)
    seg = segment(text)
    sources = "\n".join(part for part in (notice.text if notice else None, story) if part) or None
    if case is None and story and story.strip():
        from poa.reading.case import extract_case

        case = extract_case(story)
    ctx = ScoringInput(
        text,
        seg,
        notice,
        sources,
        char_limit,
        find_root_causes(seg),
        case,
        extra_facts or [],
        sellers_letter,
    )
    criteria = {}
    for name, spec in CRITERIA_SPECS.items():
        if language not in ("en", "unknown") and name not in LANGUAGE_FREE:
            criteria[name] = CriterionResult(
                name=name,
                passed=None,
                score=None,
                reason=f"Not judged: the appeal is in {NAMES.get(language, language)} and this check reads English.",
                gate=name in GATE_CRITERIA,
            )
        else:
            criteria[name] = spec.check(ctx)
        criteria[name] = criteria[name].model_copy(update={"title": spec.title, "fix": spec.fix})
    judged = [r.score for r in criteria.values() if r.applicable and r.score is not None]
    unread = language not in ("en", "unknown")
    return Scorecard(
        criteria=criteria,
        # three language-free checks alone would make any foreign letter look ready
        total=None if unread else sum(judged) / len(judged) if judged else 0.0,
        not_judged=f"Not judged: the letter is in {NAMES.get(language, language)}; translate it into "
        "English first (with an AI service set up, the scorer translates it)."
        if unread
        else None,
        gates_passed=all(criteria[name].passed is True for name in GATE_CRITERIA),
        language=language,
        char_count=len(text),
        char_limit=char_limit,
    )
