"""The rules kept as data in knowledge/rules/: every file's own examples hold."""

import pytest
import yaml
from pydantic import ValidationError

from poa.kb.rules import (
    RULES_DIR,
    PersonalDataRules,
    concept_rules,
    generic_words,
    injection_rules,
    personal_data_rules,
    reads_as_instruction,
    statement_rules,
)
from poa.reading.statements import (
    about_the_appeal,
    affirmed_concepts,
    concept_mentions,
    denied_concepts,
    is_document,
    is_hypothesis,
    is_measure,
    names_mechanism,
)

CONCEPTS = concept_rules().concepts


@pytest.mark.parametrize("concept", CONCEPTS, ids=[c.id for c in CONCEPTS])
def test_each_concept_is_found_affirmed_denied_and_not_elsewhere(concept):
    for sentence in concept.affirmed:
        assert concept.id in affirmed_concepts(sentence), sentence
    for sentence in concept.negated:
        assert concept.id in denied_concepts(sentence), sentence
        assert concept.id not in affirmed_concepts(sentence), sentence
    for sentence in concept.unrelated:
        assert concept.id not in {c for c, _ in concept_mentions(sentence)}, sentence


def test_a_belief_or_a_promise_is_no_denial():
    for sentence in concept_rules().denial_examples:
        assert concept_mentions(sentence) == [], sentence


def test_a_denial_reaches_only_its_own_clause():
    sentence = "No agency was involved, but my nephew hired a freelancer to write reviews."
    assert "third_party" in affirmed_concepts(sentence)


def test_instructions_to_the_model_are_recognised():
    rules = injection_rules()
    for sentence in rules.should_match:
        assert reads_as_instruction(sentence), sentence
    for sentence in rules.should_not_match:
        assert not reads_as_instruction(sentence), sentence


@pytest.mark.parametrize(
    ("examples", "reader"),
    [
        ("measure_examples", is_measure),
        ("document_examples", is_document),
        ("hypothesis_examples", is_hypothesis),
        ("mechanism_examples", names_mechanism),
        ("about_the_appeal_examples", about_the_appeal),
    ],
)
def test_statement_cues_match_their_examples(examples, reader):
    cases = getattr(statement_rules(), examples)
    for sentence in cases.should_match:
        assert reader(sentence), sentence
    for sentence in cases.should_not_match:
        assert not reader(sentence), sentence


def test_the_generic_vocabulary_holds_no_business_fact():
    words = generic_words()
    assert {"policy", "customer", "order", "review"} <= words
    assert not {"agency", "manager", "van", "audit", "quarterly"} & words


def test_every_personal_data_rule_has_an_example_to_redact_and_one_to_leave():
    rules = personal_data_rules()
    assert set(rules.sections) == {"generic", "us", "uk", "de", "it", "fr", "es", "jp"}
    for country, section in rules.sections.items():
        for name, entry in section.entries():
            assert entry.examples.match and entry.examples.no_match, f"{country}.{name}"


@pytest.mark.parametrize("dropped", ["match", "no_match"])
def test_a_personal_data_rule_without_both_kinds_of_example_is_refused(dropped):
    data = yaml.safe_load((RULES_DIR / "personal_data.yaml").read_text(encoding="utf-8"))
    data["de"]["addresses"][0]["examples"][dropped] = []
    with pytest.raises(ValidationError, match=dropped):
        PersonalDataRules.model_validate(data)
    del data["de"]["addresses"][0]["examples"]
    with pytest.raises(ValidationError, match="examples"):
        PersonalDataRules.model_validate(data)
