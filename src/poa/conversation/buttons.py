"""What the seller changes with the app's buttons rather than in the chat: a redraft, the
violation type, the document checklist, the day the notice came, a refused text.

Each takes the appeal's lock, so a button pressed while a chat turn runs waits for it.
"""

from __future__ import annotations

from poa.conversation.assistant import Assistant, appeal_lock
from poa.conversation.state import Reply
from poa.core.errors import UserError
from poa.core.vocab import VIOLATION_TYPES


def redraft_now(assistant: Assistant, appeal_id: int, backend: str | None) -> Reply:
    """A new draft from the same facts, offered after the AI service failed: the offline draft
    (`backend="offline"`) or the AI service again (`None`)."""
    with appeal_lock(appeal_id):
        state = assistant.state(appeal_id)
        reply = assistant._draft(appeal_id, state, trigger="edit", backend=backend)
        assistant._save(appeal_id, state)
        assistant.history.add_message(appeal_id, "assistant", reply.text)
    return reply


def choose_type(assistant: Assistant, appeal_id: int, violation_type: str) -> None:
    """The seller corrected the violation type: the next draft and questions follow it."""
    if violation_type not in VIOLATION_TYPES:
        raise UserError(f"Unknown violation type {violation_type!r}.")
    with appeal_lock(appeal_id):
        state = assistant.state(appeal_id)
        state.chosen_type = violation_type
        state.cause_options = []  # the causes offered were the old type's
        assistant._save(appeal_id, state)


def hold_documents(
    assistant: Assistant,
    appeal_id: int,
    document: str,
    ticked: list[int],
    in_hand: bool | None = None,
) -> None:
    """The seller ticked what a requested document shows, and whether they have it (the
    document checklist); only documents in hand are listed in the letter."""
    with appeal_lock(appeal_id):
        state = assistant.state(appeal_id)
        state.documents_held[document] = sorted(set(ticked))
        if in_hand is not None:
            held = [d for d in state.documents_in_hand if d != document]
            state.documents_in_hand = [*held, document] if in_hand else held
        assistant._save(appeal_id, state)


def set_notice_received(assistant: Assistant, appeal_id: int, day: str) -> None:
    """The seller corrected the day the notice came (an ISO date; "" counts from the notice)."""
    with appeal_lock(appeal_id):
        state = assistant.state(appeal_id)
        state.notice_received = day
        assistant._save(appeal_id, state)


def discard_refused(assistant: Assistant, appeal_id: int) -> None:
    """The seller deleted the text that was too long to take."""
    with appeal_lock(appeal_id):
        state = assistant.state(appeal_id)
        state.refused_input = ""
        assistant._save(appeal_id, state)


def update_letter(assistant: Assistant, appeal_id: int) -> Reply:
    """A new version from the same facts and what the seller changed outside the chat (the
    documents ticked as in hand); after a rejection it revises the rejected appeal again."""
    with appeal_lock(appeal_id):
        state = assistant.state(appeal_id)
        reply = assistant._redraft(appeal_id, state)
        assistant._save(appeal_id, state)
        assistant.history.add_message(appeal_id, "assistant", reply.text)
    return reply
