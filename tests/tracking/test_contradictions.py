"""The contradiction check between a new version and the versions already sent, on real-style
pairs (evals/contradictions/pairs.yaml: sent letters from real appeals, revisions written blind to
the check) and on the rules' own examples."""

import pytest
import yaml

from poa.core.config import PROJECT_ROOT
from poa.tracking.contradictions import _parties, _quantities, contradiction_rules, contradictions

PAIRS = yaml.safe_load((PROJECT_ROOT / "evals/contradictions/pairs.yaml").read_text())["pairs"]
RULES = contradiction_rules()


def test_the_set_holds_faithful_and_conflicting_pairs_of_every_kind():
    kinds = [kind for pair in PAIRS for kind in pair["changes"]]
    assert sum(not pair["changes"] for pair in PAIRS) >= 5
    for kind in ("date", "quantity", "party", "root_cause"):
        assert kinds.count(kind) >= 2, kind
    assert all(pair["source"].startswith(("https://", "http://")) for pair in PAIRS)


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["id"] for pair in PAIRS])
def test_each_pair_reports_exactly_its_changes(pair):
    found = contradictions(pair["new"], [(1, pair["sent"], None)])
    assert sorted({change.kind for change in found}) == sorted(pair["changes"]), [
        change.describe() for change in found
    ]


def test_quantities_and_parties_match_their_examples():
    for text in RULES.quantity_examples.should_match:
        assert _quantities(text), text
    for text in RULES.quantity_examples.should_not_match:
        assert not _quantities(text), text
    for text in RULES.party_examples.should_match:
        assert _parties(text), text
    for text in RULES.party_examples.should_not_match:
        assert not _parties(text), text


SENT = """Root cause
Our virtual assistant used a follow-up template that asked buyers for a five-star review.

Actions taken
On 3 March 2026 we deleted the template and removed 120 units from the listing.
We bought the stock from Brightway Supplies Ltd.
"""


def test_a_changed_value_is_quoted_with_the_sentence_it_was_in():
    new = SENT.replace("Brightway Supplies Ltd", "Golden Harbor Trading Co")
    (change,) = contradictions(new, [(2, SENT, None)])
    assert (change.kind, change.before, change.now) == (
        "party",
        "Brightway Supplies Ltd",
        "Golden Harbor Trading Co",
    )
    assert change.describe() == (
        "A name changed from v2: “Brightway Supplies Ltd” is now “Golden Harbor Trading Co”"
        " (v2: “We bought the stock from Brightway Supplies Ltd.”)."
    )
    assert change.to_json()["text"] == change.describe()


def test_the_same_letter_a_dropped_sentence_and_a_new_dated_action_are_no_contradiction():
    assert contradictions(SENT, [(1, SENT, None)]) == []
    shorter = SENT.replace("We bought the stock from Brightway Supplies Ltd.\n", "")
    assert contradictions(shorter, [(1, SENT, None)]) == []
    more = SENT + "On 9 March 2026 our manager checked the other 14 templates we use.\n"
    assert contradictions(more, [(1, SENT, None)]) == []


def test_a_change_is_listed_once_against_the_first_version_that_said_otherwise():
    new = SENT.replace("120 units", "150 units")
    found = contradictions(new, [(1, SENT, None), (2, SENT, None)])
    assert [(c.kind, c.sent_version) for c in found] == [("quantity", 1)]


def test_a_translation_is_not_read_as_another_root_cause():
    italian = (
        "Causa principale\nIl nostro assistente virtuale ha usato un modello di messaggio che"
        " chiedeva ai clienti una recensione a cinque stelle.\n"
    )
    assert [c.kind for c in contradictions(italian, [(1, SENT, None)])] == []


def test_a_sentence_opening_word_is_not_part_of_a_company_name_and_decimal_commas_hold():
    sent = "After Brightway Supplies Ltd shipped the batch, we checked 40 units."
    new = "When Brightway Supplies Ltd shipped the batch, we checked 40 units."
    assert contradictions(new, [(1, sent, None)]) == []
    assert _quantities("Our rate was 6,1 % in March.") == []
