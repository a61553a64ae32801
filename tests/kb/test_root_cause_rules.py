"""knowledge/rules/root_cause.yaml: each pattern finds its should-match sentences and no others."""

import pytest

from poa.kb.rules import pattern, root_cause_rules

RULES = root_cause_rules()
NAMES = ["plea", "denial", "announcement", "several", "blame", "vague"]


@pytest.mark.parametrize("name", NAMES)
def test_the_pattern_keeps_to_its_examples(name):
    regex = pattern(getattr(RULES, name))
    examples = getattr(RULES, f"{name}_examples")
    for sentence in examples.should_match:
        assert regex.search(sentence), sentence
    for sentence in examples.should_not_match:
        assert not regex.search(sentence), sentence
