"""The notice-reading rules kept as data (knowledge/rules/): every file's own examples hold."""

import pytest

from poa.reading.notice import detect_notice_kind, find_deadline
from poa.reading.notice_rules import deadline_rules, item_rules, kind_rules, type_rules
from poa.reading.requests import classify_item
from poa.reading.violation_type import read_type

TYPES = list(type_rules().types.items())
KINDS = kind_rules().kinds
CUES = list(item_rules().cues.items())


def test_every_violation_type_has_rules():
    from poa.core.vocab import VIOLATION_TYPES

    assert set(type_rules().types) == set(VIOLATION_TYPES) - {"other"}


@pytest.mark.parametrize(("violation_type", "rule"), TYPES, ids=[t for t, _ in TYPES])
def test_each_type_reads_its_examples_and_not_its_stray_words(violation_type, rule):
    for text in rule.should_match:
        assert read_type(text).violation_type == violation_type, text
    for text in rule.should_not_match:
        assert read_type(text).violation_type != violation_type, text


@pytest.mark.parametrize("rule", KINDS, ids=[k.kind for k in KINDS])
def test_each_kind_reads_its_examples(rule):
    for text in rule.should_match:
        assert detect_notice_kind(text) == rule.kind, text
    for text in rule.should_not_match:
        assert detect_notice_kind(text) != rule.kind, text


def test_kinds_cover_the_vocabulary_once():
    from poa.core.vocab import NOTICE_KINDS

    assert sorted(rule.kind for rule in KINDS) == sorted(NOTICE_KINDS)


@pytest.mark.parametrize("example", deadline_rules().examples, ids=lambda e: e.text[:40])
def test_deadline_examples(example):
    assert find_deadline(example.text) == example.days


@pytest.mark.parametrize(("name", "cue"), CUES, ids=[n for n, _ in CUES])
def test_request_cues_match_their_examples(name, cue):
    for text in cue.should_match:
        assert cue.regex.search(text), text
    for text in cue.should_not_match:
        assert not cue.regex.search(text), text


@pytest.mark.parametrize("rule", item_rules().item_kinds, ids=lambda r: r.kind)
def test_item_kinds_classify_their_examples(rule):
    for text in rule.should_match:
        assert classify_item(text) == rule.kind, text
    for text in rule.should_not_match:
        assert classify_item(text) != rule.kind, text
