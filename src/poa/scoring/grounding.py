"""The grounding check: is each sentence of a letter backed by the seller's inputs?

One implementation, used by the drafters (which drop what fails), the revision and the scorer's
`grounded` gate. A sentence of the incident, the root cause, the actions, the answers or the
prevention is supported when a fact of the case (or a sentence of the notice) says the same thing
and it adds no new claims; it fails outright when it affirms something the seller denied ("we
hired an agency" after "we never used any agency"), names an ID, date, e-mail or link the inputs
do not hold, or reads as an instruction to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from poa.core.models import Case, Fact, FactSource, Notice
from poa.core.vocab import POLICY_NAMES
from poa.kb.rules import concept_rules, reads_as_instruction
from poa.kb.semantic import content_words, generic_stems, similarity_matrix
from poa.reading.statements import affirmed_concepts
from poa.scoring.fabrication import unsupported_facts
from poa.text.plain import split_sentences

CHECKED_SECTIONS = ("incident", "root_cause", "actions", "prevention", "answers")
# Calibrated on the dev suite's paraphrases (tests/scoring/test_grounding.py holds the cases).
CLOSE = 0.75  # this close to a fact, a sentence is supported whatever its words
NEAR = 0.45  # this close, it may add at most MAX_NEW_TERMS words no input uses
LOOSE = 0.35  # this close, only with no new words at all
MAX_NEW_TERMS = 2


@dataclass(frozen=True)
class SentenceSupport:
    section: str
    sentence: str
    sources: list[str]  # ids of the facts behind it
    score: float
    problem: str | None = None  # None: supported

    @property
    def supported(self) -> bool:
        return self.problem is None


@dataclass
class GroundingReport:
    sentences: list[SentenceSupport] = field(default_factory=list)
    quotes: dict[str, str] = field(default_factory=dict)  # fact id → the seller's own words

    @property
    def problems(self) -> list[SentenceSupport]:
        return [s for s in self.sentences if s.problem]

    @property
    def contradictions(self) -> list[SentenceSupport]:
        return [s for s in self.problems if s.problem and s.problem.startswith("contradicts")]

    def provenance(self) -> list[dict[str, Any]]:
        """Each checked sentence, the ids of the facts behind it and those facts' own words."""
        return [
            {
                "section": s.section,
                "sentence": s.sentence,
                "sources": s.sources,
                "quotes": [self.quotes.get(i, "") for i in s.sources],
                "problem": s.problem,
            }
            for s in self.sentences
        ]


def notice_facts(notice: Notice | None) -> list[Fact]:
    """The notice's sentences as facts: the incident may say what Amazon said."""
    if notice is None or not notice.text.strip():
        return []
    return [
        Fact(
            id=f"notice-{i}",
            kind="incident",
            text=sentence,
            source=FactSource(kind="notice", ref="notice", quote=sentence),
        )
        for i, sentence in enumerate(split_sentences(notice.text))
    ]


# "we will destroy them", "we plan to refund": an action the seller has not done yet
_PROMISE = re.compile(
    r"\b(?:will|'ll|going to|plans? to|intend to|shall)\s+(?:then |also |soon )?([a-z]+)",
    re.IGNORECASE,
)
_DONE = re.compile(r"\b[a-z]{3,}ed\b", re.IGNORECASE)


def _labels() -> dict[str, str]:
    return {c.id: c.label for c in concept_rules().concepts}


class Grounder:
    """Checks sentences against one case's facts; the facts are embedded once."""

    def __init__(self, case: Case, notice: Notice | None = None, extra: list[Fact] | None = None):
        self.facts = [*case.facts, *(extra or []), *notice_facts(notice)]
        self.denied = case.negated_concepts
        self.notice_text = notice.text.lower() if notice else ""
        # the previous appeal's facts count too: their quotes are part of the seller's inputs
        self.sources_text = "\n".join(
            [
                case.source_text(),
                notice.text if notice else "",
                *(f.source.quote for f in self.facts if f.source.kind != "story"),
            ]
        )
        self.known_words = content_words(self.sources_text) | generic_stems()
        self.promised = {
            stem for m in _PROMISE.finditer(self.sources_text) for stem in content_words(m.group(1))
        }
        self.done = {
            stem for m in _DONE.finditer(self.sources_text) for stem in content_words(m.group(0))
        }

    def check(
        self, section: str, sentence: str, claimed: list[str] | None = None
    ) -> SentenceSupport:
        return self.check_many([(section, sentence, claimed)])[0]

    def still_to_do(self, sentence: str) -> str | None:
        """A verb the letter says is done ("all 300 units have been destroyed") that the inputs
        only promise ("when they arrive we will destroy them")."""
        for match in _DONE.finditer(sentence):
            before = sentence[max(0, match.start() - 12) : match.start()].lower()
            if re.search(r"\b(?:will|to|would|shall) be\s*$", before):
                continue
            stem = next(iter(content_words(match.group(0))), "")
            if stem in self.promised and stem not in self.done:
                return f"says “{match.group(0)}”, which your inputs say is still to be done"
        return None

    def hard_problem(self, sentence: str) -> str | None:
        if reads_as_instruction(sentence):
            return "reads as an instruction to the model, not a fact"
        contradicted = affirmed_concepts(self._own_words(sentence)) & self.denied
        if contradicted:
            labels = _labels()
            return "contradicts what you said: no " + ", no ".join(
                labels[c] for c in sorted(contradicted)
            )
        invented = [f.text for f in unsupported_facts(sentence, self.sources_text)]
        if invented:
            return "names " + ", ".join(dict.fromkeys(invented)) + ", which your inputs do not hold"
        return None

    def _own_words(self, sentence: str) -> str:
        """The sentence without what it quotes from the notice: a request ("The agencies you
        used: we used none") or a policy's name ("… under the policy on related accounts")."""
        head, colon, tail = sentence.partition(": ")
        if colon and len(head) >= 20 and head.lower() in self.notice_text:
            sentence = tail
        for name in POLICY_NAMES.values():
            sentence = re.sub(re.escape(name), "the policy", sentence, flags=re.IGNORECASE)
        return sentence

    def check_many(self, items: list[tuple[str, str, list[str] | None]]) -> list[SentenceSupport]:
        """Each (section, sentence, fact ids the writer claims) checked; one embedding pass."""
        if not items:
            return []
        texts = [sentence for _, sentence, _ in items]
        fact_texts = [f.text for f in self.facts]
        sims = similarity_matrix(texts, fact_texts) if fact_texts else None
        ids = [f.id for f in self.facts]
        results = []
        for row, (section, sentence, claimed) in enumerate(items):
            problem = self.hard_problem(sentence)
            if not problem and section in ("actions", "incident", "answers"):
                problem = self.still_to_do(sentence)
            if problem:
                results.append(SentenceSupport(section, sentence, [], 0.0, problem))
                continue
            scores = sims[row] if sims is not None else []
            best = float(max(scores)) if len(scores) else 0.0
            sources = [
                ids[i]
                for i in sorted(range(len(ids)), key=lambda i: -scores[i])[:3]
                if scores[i] >= max(best - 0.1, LOOSE)
            ]
            if claimed:
                valid = [c for c in claimed if c in ids or c.startswith("notice")]
                sources = list(dict.fromkeys([*valid, *sources]))
            new_terms = sorted(content_words(sentence) - self.known_words)
            supported = (
                best >= CLOSE
                or (best >= NEAR and len(new_terms) <= MAX_NEW_TERMS)
                or (best >= LOOSE and not new_terms)
            )
            results.append(
                SentenceSupport(
                    section,
                    sentence,
                    sources if supported else [],
                    round(best, 3),
                    None
                    if supported
                    else "not in your inputs"
                    + (f" (new: {', '.join(new_terms[:4])})" if new_terms else ""),
                )
            )
        return results


def ground_sections(
    sections: list[tuple[str, str]], case: Case, notice: Notice | None = None
) -> GroundingReport:
    """Every sentence of each (section, text) pair checked against the case."""
    grounder = Grounder(case, notice)
    items = [
        (section, sentence, None)
        for section, text in sections
        if section in CHECKED_SECTIONS
        for sentence in split_sentences(text)
    ]
    return GroundingReport(grounder.check_many(items))
