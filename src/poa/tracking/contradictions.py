"""What a new version says differently from the versions already sent to Amazon.

Amazon reads every submission of a case together, and a story that changes between them (another
date, a different quantity, a new supplier, a different root cause) reads as untrue. Before a
version is marked as sent, each changed value is listed for the seller to confirm: a correction
is fine when the seller means it, so this is a list to confirm, never a block.

Values are compared sentence by sentence: each sentence of the sent letter is matched with the most
similar sentence of the new one; a value gone from the new letter, while the matched sentence holds
a different value of the same kind, is a change. The patterns are data in
`knowledge/rules/contradictions.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from poa.core.models import StrictModel
from poa.kb.rules import RULES_DIR, Examples
from poa.kb.semantic import STOPWORDS, content_words
from poa.scoring.root_cause import stated_cause
from poa.scoring.segment import segment
from poa.text.facts import find_dates, mask_ids_and_dates
from poa.text.language import detect_language
from poa.text.plain import split_sentences

__all__ = ["Contradiction", "ContradictionRules", "contradiction_rules", "contradictions"]

# How alike two sentences must be (share of content words) to be about the same thing.
SAME_SUBJECT = 0.4
# Below this share of the shorter cause's words in the other, two root causes differ.
SAME_CAUSE = 0.3
# A cause whose words are mostly in the other letter is told there too, wherever it stands.
TOLD_ELSEWHERE = 0.5


class ContradictionRules(StrictModel):
    description: str
    quantity: str
    quantity_examples: Examples
    party: str
    party_examples: Examples
    not_a_party: str

    @property
    def quantity_regex(self) -> re.Pattern[str]:
        return re.compile(self.quantity, re.IGNORECASE)

    @property
    def party_regex(self) -> re.Pattern[str]:
        return re.compile(self.party)  # case matters: a name is capitalised


@cache
def contradiction_rules() -> ContradictionRules:
    data = yaml.safe_load((RULES_DIR / "contradictions.yaml").read_text(encoding="utf-8"))
    return ContradictionRules.model_validate(data)


@dataclass(frozen=True)
class Contradiction:
    """One value the new version states differently from a version already sent."""

    kind: str  # date | quantity | party | root_cause
    sent_version: int
    before: str
    now: str
    sent_sentence: str
    new_sentence: str

    def describe(self) -> str:
        what = {"date": "a date", "quantity": "a number", "party": "a name"}.get(self.kind)
        if what is None:
            return (
                f"The root cause differs from the one in v{self.sent_version}: it said "
                f"“{self.before}”; this version says “{self.now}”."
            )
        return (
            f"{what.capitalize()} changed from v{self.sent_version}: “{self.before}” is now "
            f"“{self.now}” (v{self.sent_version}: “{self.sent_sentence}”)."
        )

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "text": self.describe()}


def _dates(sentence: str) -> list[str]:
    return [found.text for found in find_dates(sentence)]


def _quantities(sentence: str) -> list[str]:
    masked = mask_ids_and_dates(sentence)
    return [m.group(0) for m in contradiction_rules().quantity_regex.finditer(masked)]


def _amount(quantity: str) -> tuple[str, str]:
    """'2,400 pieces' → ('2400', 'piece'): the number and what it counts."""
    match = contradiction_rules().quantity_regex.search(quantity)
    assert match is not None  # only called on what _quantities found
    return match.group("number").replace(",", ""), match.group("unit").lower().rstrip("s")


def _parties(sentence: str) -> list[str]:
    rules = contradiction_rules()
    names = []
    for match in rules.party_regex.finditer(sentence):
        name = (match.group("name") or match.group("person") or "").strip(" .,")
        words = name.split()
        while len(words) > 2 and words[0].lower() in STOPWORDS:  # "After Brightway Supplies Ltd"
            words = words[1:]
        name = " ".join(words)
        if name and not re.match(rules.not_a_party, name):
            names.append(name)
    return names


def _same_date(a: str, b: str) -> bool:
    first, second = find_dates(a), find_dates(b)
    return bool(first and second and first[0].matches(second[0]))


# kind → (values of a sentence, same value?, same kind of value?)
VALUE_KINDS: dict[str, tuple[Callable[[str], list[str]], Callable, Callable]] = {
    "date": (_dates, _same_date, lambda a, b: True),
    "quantity": (
        _quantities,
        lambda a, b: _amount(a) == _amount(b),
        lambda a, b: _amount(a)[1] == _amount(b)[1],
    ),
    "party": (_parties, lambda a, b: a.lower() == b.lower(), lambda a, b: True),
}


def _subject(sentence: str) -> set[str]:
    """The sentence's content words without its values, so '120 units' and '150 units', or
    'from Brightway Supplies Ltd' and 'from Golden Harbor Trading Co', are about the same thing."""
    for name in _parties(sentence):
        sentence = sentence.replace(name, " ")
    return content_words(re.sub(r"\d", " ", mask_ids_and_dates(sentence)))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _containment(a: set[str], b: set[str]) -> float:
    """Share of the shorter text's words the other holds: a revision adds detail to a cause."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _value_changes(sent: str, new: str, number: int) -> list[Contradiction]:
    sent_sentences, new_sentences = split_sentences(sent), split_sentences(new)
    new_subjects = [_subject(s) for s in new_sentences]
    found: list[Contradiction] = []
    for kind, (values_of, same, comparable) in VALUE_KINDS.items():
        new_values = [v for s in new_sentences for v in values_of(s)]
        sent_values = [v for s in sent_sentences for v in values_of(s)]
        for sentence in sent_sentences:
            gone = [v for v in values_of(sentence) if not any(same(v, w) for w in new_values)]
            if not gone or not new_sentences:
                continue
            subject = _subject(sentence)
            scores = [_overlap(subject, other) for other in new_subjects]
            best = max(range(len(scores)), key=scores.__getitem__)
            if scores[best] < SAME_SUBJECT:
                continue  # the new letter no longer says this: dropped, not contradicted
            for before in gone:
                instead = [
                    w
                    for w in values_of(new_sentences[best])
                    if comparable(before, w) and not any(same(w, v) for v in sent_values)
                ]
                if instead:
                    found.append(
                        Contradiction(
                            kind, number, before, instead[0], sentence, new_sentences[best]
                        )
                    )
    return found


def _other_cause(old_cause: str, old_letter: str, new_cause: str, new_letter: str) -> bool:
    """Two causes differ when they share few words, and neither letter tells the other's cause
    anywhere (a letter without a root-cause heading may have its cause read from elsewhere)."""
    old_words, new_words = content_words(old_cause), content_words(new_cause)
    if _containment(old_words, new_words) >= SAME_CAUSE:
        return False
    told_before = _share(new_words, content_words(old_letter))
    told_now = _share(old_words, content_words(new_letter))
    return max(told_before, told_now) < TOLD_ELSEWHERE


def _share(words: set[str], within: set[str]) -> float:
    return len(words & within) / len(words) if words else 0.0


def root_cause_of(letter: str, appeal: dict[str, Any] | None = None) -> str:
    """The letter's stated root cause: from its structured appeal when there is one."""
    if appeal and appeal.get("root_cause"):
        return str(appeal["root_cause"])
    kept, _ = stated_cause(segment(letter).section_text("root_cause"))
    return kept


def contradictions(
    new_letter: str,
    sent: list[tuple[int, str, dict[str, Any] | None]],
    new_appeal: dict[str, Any] | None = None,
) -> list[Contradiction]:
    """What `new_letter` states differently from each sent version (number, letter, appeal)."""
    found: list[Contradiction] = []
    new_cause = root_cause_of(new_letter, new_appeal)
    language = detect_language(new_letter)
    for number, letter, appeal in sent:
        found += _value_changes(letter, new_letter, number)
        if detect_language(letter) != language:
            continue  # a translation: its words cannot be compared with the original's
        old_cause = root_cause_of(letter, appeal)
        if old_cause and new_cause and _other_cause(old_cause, letter, new_cause, new_letter):
            found.append(
                Contradiction("root_cause", number, old_cause, new_cause, old_cause, new_cause)
            )
    unique: dict[tuple[str, str, str], Contradiction] = {}
    for change in found:  # each change once, against the first version sent that said otherwise
        unique.setdefault((change.kind, change.before.lower(), change.now.lower()), change)
    return list(unique.values())
