"""Every criterion keeps its promises: its own should-pass and should-fail letters, at least three each.

The way proselint and vale keep rules honest: a rule without examples, or one that fails its own
examples, is a rule nobody can trust.
"""

import pytest

from poa.reading.notice import parse_notice
from poa.scoring.criteria.base import Example
from poa.scoring.rubric import CRITERIA_SPECS, score_appeal

CASES = [
    pytest.param(name, expected, example, id=f"{name}-{expected}-{n}")
    for name, spec in CRITERIA_SPECS.items()
    for expected, examples in (("pass", spec.passes), ("fail", spec.fails))
    for n, example in enumerate(examples, 1)
]


@pytest.mark.parametrize("name", CRITERIA_SPECS)
def test_every_criterion_has_three_examples_each_way(name):
    spec = CRITERIA_SPECS[name]
    assert len(spec.passes) >= 3 and len(spec.fails) >= 3, name
    assert spec.title and spec.fix, name  # what the seller reads


@pytest.mark.parametrize(("name", "expected", "example"), CASES)
def test_the_criterion_judges_its_example(name: str, expected: str, example: Example):
    notice = parse_notice(example.notice) if example.notice.strip() else None
    card = score_appeal(example.appeal, notice=notice, story=example.story or None)
    result = card.criteria[name]
    verdict = "fail" if result.passed is False else "pass" if result.passed else "not judged"
    assert verdict == expected, f"{example.why}\n{result.reason}"
    if expected == "fail":  # a fail names what it judged and what to change
        assert result.fix
