"""Checks applied to every draft, whichever drafter made it.

1. One root cause per topic: text announcing a second cause is cut off and reported.
2. Every preventive measure is tied to the root cause: what it says must relate to the cause
   (local embeddings plus shared words); others are dropped and reported, never kept "for you to
   rewrite".
Whether each sentence is true to the seller's facts is the grounding step's job (`grounded.py`).
"""

from __future__ import annotations

from poa.core.models import Appeal, PreventiveMeasure, TopicPlan
from poa.drafting.render import measure_line
from poa.kb.semantic import relatedness
from poa.scoring.root_cause import FIRST_CAUSE_OPENER, MULTIPLE_CAUSES, multiple_cause_markers
from poa.text.plain import split_sentences

MEASURE_LINK_THRESHOLD = 0.3


def trim_to_one_cause(root_cause: str) -> tuple[str, str | None]:
    """Keep the text up to the sentence that starts a second cause; return (text, what was cut).

    "The first root cause …" openers are dropped; an enumeration keeps its first item only.
    """
    sentences = split_sentences(root_cause)
    if sentences and FIRST_CAUSE_OPENER.match(sentences[0]):
        rest = FIRST_CAUSE_OPENER.sub("", sentences[0], count=1)
        sentences[0] = rest[:1].upper() + rest[1:]
        root_cause = " ".join(sentences)
    for index, sentence in enumerate(sentences):
        if index > 0 and MULTIPLE_CAUSES.search(sentence):
            kept = " ".join(sentences[:index])
            return kept, " ".join(sentences[index:])
    return root_cause, None


def measure_links(measures: list[PreventiveMeasure], root_cause: str) -> list[float]:
    """How closely each measure answers the cause: its rendered line against the cause and each
    of its sentences (as the rubric will judge the letter)."""
    lines = [measure_line(m) for m in measures]
    targets = [root_cause, *split_sentences(root_cause)]
    return [max(relatedness(lines, target)[i] for target in targets) for i in range(len(lines))]


def _plan_guard(plan: TopicPlan, notes: list[str]) -> TopicPlan:
    root_cause, cut = trim_to_one_cause(plan.root_cause)
    label = f" ({plan.topic})" if plan.topic else ""
    if cut:
        notes.append(
            f"Second root cause removed{label}: “{cut[:160]}”. Amazon expects one per topic."
        )
    elif root_cause and multiple_cause_markers(root_cause):
        notes.append(f"The root cause{label} names several causes; say which one actually applies.")
    measures = plan.preventive_measures
    if not root_cause or not measures:
        return plan.model_copy(update={"root_cause": root_cause})
    scores = measure_links(measures, root_cause)
    kept = [m for m, score in zip(measures, scores, strict=True) if score >= MEASURE_LINK_THRESHOLD]
    for measure in measures:
        if measure not in kept:
            notes.append(
                f"Preventive measure left out{label}, it does not answer the root cause: “{measure.action[:120]}”."
            )
    return plan.model_copy(update={"root_cause": root_cause, "preventive_measures": kept})


def apply_guards(appeal: Appeal) -> tuple[Appeal, list[str]]:
    """The guarded appeal and one note per change made."""
    notes: list[str] = []
    plans = [_plan_guard(plan, notes) for plan in appeal.plans()]
    first, *others = plans
    guarded = appeal.model_copy(
        update={
            "root_cause": first.root_cause,
            "preventive_measures": first.preventive_measures,
            "additional_topics": others,
        }
    )
    return guarded, notes
