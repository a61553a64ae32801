from poa.core.models import Appeal
from poa.drafting.guards import apply_guards, trim_to_one_cause
from poa.scoring.fabrication import unsupported_facts

SOURCES = (
    "Order 112-4820193-5561027, ASIN B0C9TX2M4L. On March 2, 2025 we refunded $25. Three agents."
)


def _appeal(**changes):
    base = {
        "incident": {
            "summary": "On March 2, 2025 order 112-4820193-5561027 was affected.",
            "policy": "p",
        },
        "root_cause": "No one reviewed replies before they were sent.",
        "immediate_actions": [{"action": "Refunded $25", "date": "March 2, 2025"}],
        "preventive_measures": [
            {
                "action": "Every reply is reviewed before it is sent",
                "owner": "lead",
                "frequency": "every reply",
                "answers": "no one reviewed replies",
            }
        ],
    }
    return Appeal.model_validate(base | changes)


def test_facts_not_in_the_inputs_are_found():
    letter = "Order 112-4820193-5561027 and 111-0000000-0000000, B0C9TX2M4L, B0XXXXXXX1, 2 March 2025, 5 March, $25, 14 agents, within 24 hours, ODR under 1%"
    found = [f.text for f in unsupported_facts(letter, SOURCES)]
    assert found == ["111-0000000-0000000", "B0XXXXXXX1", "5 March", "14"]


def test_a_second_cause_is_cut_off():
    text, cut = trim_to_one_cause(
        "Our agent was untrained. Another root cause was the software. Also a third."
    )
    assert text == "Our agent was untrained."
    assert cut.startswith("Another root cause")
    assert (
        trim_to_one_cause("One mechanism, two sentences. It let messages out unchecked.")[1] is None
    )


def test_guards_cut_a_second_cause_and_unrelated_measures():
    appeal = _appeal(
        root_cause="No one reviewed replies before they were sent. The second cause was a busy season.",
        preventive_measures=[
            {"action": "Every reply is reviewed before it is sent"},
            {"action": "We will use FBA for all products"},
        ],
    )
    guarded, notes = apply_guards(appeal)
    assert guarded.root_cause == "No one reviewed replies before they were sent."
    assert [m.action for m in guarded.preventive_measures] == [
        "Every reply is reviewed before it is sent"
    ]
    assert len(notes) == 2


def test_no_measure_is_kept_when_none_answers_the_cause():
    appeal = _appeal(preventive_measures=[{"action": "We bought a new delivery van"}])
    guarded, notes = apply_guards(appeal)
    assert guarded.preventive_measures == [] and "left out" in notes[0]


def test_a_list_opener_is_dropped_and_the_cause_kept():
    text, cut = trim_to_one_cause(
        "The first root cause we have identified is that our agent used an old template."
    )
    assert text == "Our agent used an old template." and cut is None


def test_a_clean_appeal_passes_unchanged():
    appeal = _appeal()
    guarded, notes = apply_guards(appeal)
    assert notes == [] and guarded == appeal
