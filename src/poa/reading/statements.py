"""What kind of statement a seller's sentence is, by the rules in `knowledge/rules/`.

Concepts affirmed or denied ("we never used any agency" denies `third_party`), preventive
measures ("from now on …"), documents held ("we have his invoice"), and text that reads as an
instruction to the model (kept out of the facts).
"""

from __future__ import annotations

import re

from poa.kb.rules import concept_rules, pattern, reads_as_instruction, statement_rules

# A negation reaches as far as its clause: "no agency was used, but my nephew …" denies only the agency.
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bhowever\b|\bexcept\b|\balthough\b|\bthough\b", re.I)

__all__ = [
    "about_the_appeal",
    "affirmed_concepts",
    "concept_mentions",
    "denied_concepts",
    "is_document",
    "is_hypothesis",
    "is_measure",
    "names_mechanism",
    "reads_as_instruction",
]


# a negation governs the concept only from this close (in words)
NEGATION_REACH = 10


def concept_mentions(sentence: str) -> list[tuple[str, bool]]:
    """(concept id, negated) for each concept the sentence names.

    A belief or a promise ("we didn't think the agency was the problem", "we will not use an
    agency again") names no fact about the concept either way: it yields nothing.
    """
    rules = concept_rules()
    negation = pattern(rules.negation_cue)
    if pattern(rules.not_a_denial).search(sentence):
        return []
    found: dict[str, bool] = {}
    for concept in rules.concepts:
        for match in concept.regex.finditer(sentence):
            before = sentence[: match.start()]
            breaks = list(_CLAUSE_BREAK.finditer(before))
            clause = before[breaks[-1].end() :] if breaks else before
            near = " ".join(clause.split()[-NEGATION_REACH:])
            negated = bool(negation.search(near))
            # affirmed once anywhere counts as affirmed
            found[concept.id] = found.get(concept.id, True) and negated
    return list(found.items())


def affirmed_concepts(text: str) -> set[str]:
    return {concept for concept, negated in concept_mentions(text) if not negated}


def denied_concepts(text: str) -> set[str]:
    return {concept for concept, negated in concept_mentions(text) if negated}


def is_measure(sentence: str) -> bool:
    """The sentence says what is done from now on."""
    return bool(pattern(statement_rules().measure_cue).search(sentence))


def is_document(sentence: str) -> bool:
    """The sentence says the seller has (or can send) a document."""
    return bool(pattern(statement_rules().document_cue).search(sentence))


def is_hypothesis(sentence: str) -> bool:
    """A guess the seller made and dropped ("at first I thought maybe …")."""
    return bool(pattern(statement_rules().hypothesis_cue).search(sentence))


def names_mechanism(sentence: str) -> bool:
    """The sentence names a missing check, rule or piece of knowledge."""
    return bool(pattern(statement_rules().mechanism_cue).search(sentence))


def about_the_appeal(sentence: str) -> bool:
    """The sentence is about an earlier appeal, not about what happened."""
    return bool(pattern(statement_rules().about_the_appeal_cue).search(sentence))
