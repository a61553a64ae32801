"""The conversation's state machine: one intent per message, a step for every stage and intent."""

import pytest

from poa.conversation.assistant import Assistant
from poa.conversation.intents import Intent, classify_message
from poa.conversation.machine import step_for
from poa.conversation.state import ChatState, Stage


def test_every_stage_and_intent_has_a_step_the_assistant_has():
    for stage in Stage:
        for intent in Intent:
            assert callable(getattr(Assistant, step_for(stage, intent))), (stage, intent)


@pytest.mark.parametrize(
    ("text", "stage", "intent"),
    [
        ("the root cause is not right, please remove that", "drafted", Intent.CAUSE_CORRECTION),
        ("that's wrong, we never did that", "interview", Intent.CAUSE_CORRECTION),
        ("what should I write about the root cause?", "interview", Intent.QUESTION),
        ("Sorry, I don't have the old appeal any more", "awaiting_previous", Intent.NO_PREVIOUS),
        ("We never used any third party.", "interview", Intent.FACTS),
        ("From July 1 I check every reply myself", "interview", Intent.FACTS),
        ("2", "choose_cause", Intent.CHOICE),
        ("thanks!", "drafted", Intent.ACKNOWLEDGEMENT),
        ("make it shorter please", "drafted", Intent.CHANGE_REQUEST),
        ("hello", "start", Intent.GREETING),
        ("skip", "interview", Intent.SKIP),
    ],
)
def test_each_message_is_classified_once(text, stage, intent):
    assert classify_message(text, stage)[0] == intent


def test_after_a_rejection_only_an_appeal_counts_as_the_previous_appeal():
    appeal = (
        "Dear Seller Performance Team, the root cause of the late shipments was that our carrier"
        " pickups were not checked. We have taken these corrective actions: we removed the old"
        " carrier, we trained the staff and we now check every pickup each morning before noon."
        " Preventive steps: the owner reviews the shipment report each day. Please reinstate us."
    )
    assert classify_message(appeal, "awaiting_previous")[0] == Intent.PREVIOUS_APPEAL
    assert (
        classify_message("It was rejected twice already.", "awaiting_previous")[0] == Intent.FACTS
    )


def test_older_states_load_into_the_new_stages():
    assert ChatState.load({"stage": "confirm_cause"}).stage == Stage.CHOOSE_CAUSE
