"""Checks applied to every draft, whichever drafter made it.

1. One root cause per topic: text announcing a second cause is cut off and reported.
2. Every preventive measure is tied to the root cause: it must say what it answers, and what it
   says must relate to the cause (local embeddings plus shared words); others are dropped.
3. No invented facts: an order ID, ASIN, date or number that is not in the notice, the story or
   the seller's answers is replaced by a bracketed note and reported.
"""

from __future__ import annotations

from collections.abc import Callable

from poa.core.models import Appeal, TopicPlan
from poa.drafting.render import measure_line
from poa.kb.semantic import relatedness
from poa.scoring.fabrication import unsupported_facts
from poa.scoring.root_cause import MULTIPLE_CAUSES
from poa.text.plain import map_strings, split_sentences

MEASURE_LINK_THRESHOLD = 0.3
REMOVED = "[removed: not in your notice or story]"


def trim_to_one_cause(root_cause: str) -> tuple[str, str | None]:
    """Keep the text up to the sentence that starts a second cause; return (text, what was cut)."""
    sentences = split_sentences(root_cause)
    for index, sentence in enumerate(sentences):
        if index > 0 and MULTIPLE_CAUSES.search(sentence):
            kept = " ".join(sentences[:index])
            return kept, " ".join(sentences[index:])
    return root_cause, None


def _plan_guard(plan: TopicPlan, notes: list[str]) -> TopicPlan:
    root_cause, cut = trim_to_one_cause(plan.root_cause)
    label = f" ({plan.topic})" if plan.topic else ""
    if cut:
        notes.append(
            f"Second root cause removed{label}: “{cut[:160]}”. Amazon expects one per topic."
        )
    elif MULTIPLE_CAUSES.search(root_cause):
        notes.append(f"The root cause{label} names several causes; say which one actually applies.")
    measures = plan.preventive_measures
    # Judged as the rubric will judge the letter: each rendered measure against the cause and its sentences.
    lines = [measure_line(m) for m in measures]
    targets = [root_cause, *split_sentences(root_cause)]
    scores = (
        [max(relatedness(lines, target)[i] for target in targets) for i in range(len(lines))]
        if lines
        else []
    )
    kept = [
        m
        for m, score in zip(measures, scores, strict=True)
        if m.answers.strip() and score >= MEASURE_LINK_THRESHOLD
    ]
    for measure in measures:
        if measure not in kept:
            notes.append(
                f"Preventive measure dropped{label}, it does not answer the root cause: “{measure.action[:120]}”."
            )
    if not kept:
        notes.append(
            f"No preventive measure answers the root cause{label}; the measures were kept for you to rewrite."
        )
        kept = measures
    return plan.model_copy(update={"root_cause": root_cause, "preventive_measures": kept})


def _scrub(sources: str, removed: list[str]) -> Callable[[str], str]:
    def scrub(text: str) -> str:
        for fact in sorted(unsupported_facts(text, sources), key=lambda f: f.start, reverse=True):
            removed.append(fact.text)
            text = text[: fact.start] + REMOVED + text[fact.end :]
        return text

    return scrub


def apply_guards(appeal: Appeal, sources: str) -> tuple[Appeal, list[str]]:
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
    removed: list[str] = []
    data = map_strings(
        guarded.model_dump(exclude={"violation_type", "language"}), _scrub(sources, removed)
    )
    data |= {"violation_type": guarded.violation_type, "language": guarded.language}
    for fact in removed:
        notes.append(f"Removed “{fact}”: it is not in your notice, story or answers.")
    return Appeal.model_validate(data), notes
