"""The conversation's transition table: for each stage and intent, the step the assistant takes.

A step is the name of an `Assistant` method. Rows for `None` apply in every stage unless the
stage has its own row; a pair with no row falls back to the stage's FACTS step. Keeping the table
here, as data, is what makes the flow reviewable: every path through the chat is one line.
"""

from __future__ import annotations

from poa.conversation.intents import Intent
from poa.conversation.state import Stage

ANY = None

TRANSITIONS: dict[tuple[Stage | None, Intent], str] = {
    # in every stage
    (ANY, Intent.NOTICE): "take_notice",
    (ANY, Intent.REJECTION): "take_rejection",
    (ANY, Intent.QUESTION): "answer_question",
    (ANY, Intent.GREETING): "greet",
    (ANY, Intent.CAUSE_CORRECTION): "correct_cause",
    (ANY, Intent.ACKNOWLEDGEMENT): "acknowledge",
    (ANY, Intent.CHANGE_REQUEST): "change_letter",
    (ANY, Intent.CHOICE): "take_facts",
    (ANY, Intent.PREVIOUS_APPEAL): "take_facts",
    (ANY, Intent.NO_PREVIOUS): "take_facts",
    # start and interview: a story, an answer, a skipped question
    (Stage.START, Intent.FACTS): "take_facts",
    (Stage.START, Intent.SKIP): "greet",
    (Stage.INTERVIEW, Intent.FACTS): "take_facts",
    (Stage.INTERVIEW, Intent.SKIP): "skip_question",
    # the cause: picked from the suggestions, or told in the seller's words
    (Stage.CHOOSE_CAUSE, Intent.CHOICE): "choose_cause",
    (Stage.CHOOSE_CAUSE, Intent.FACTS): "cause_in_own_words",
    (Stage.CHOOSE_CAUSE, Intent.SKIP): "draft_without_cause",
    # a letter exists
    (Stage.DRAFTED, Intent.FACTS): "add_facts",
    (Stage.DRAFTED, Intent.SKIP): "acknowledge",
    # after a rejection, only an appeal counts as the previous appeal
    (Stage.AWAITING_PREVIOUS, Intent.PREVIOUS_APPEAL): "take_previous_appeal",
    (Stage.AWAITING_PREVIOUS, Intent.NO_PREVIOUS): "revise_without_previous",
    (Stage.AWAITING_PREVIOUS, Intent.FACTS): "ask_for_previous",
    (Stage.AWAITING_PREVIOUS, Intent.SKIP): "revise_without_previous",
}


def step_for(stage: Stage, intent: Intent) -> str:
    """The step for this stage and intent (the stage's own row first, then the any-stage row)."""
    return (
        TRANSITIONS.get((stage, intent))
        or TRANSITIONS.get((ANY, intent))
        or TRANSITIONS.get((stage, Intent.FACTS), "take_facts")
    )
