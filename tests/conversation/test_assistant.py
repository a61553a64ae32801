"""The chat assistant without the UI: a seller who has no notice to paste, greetings and thanks."""

import pytest
from support.scenarios import DEV, REVISION

from poa.conversation.assistant import Assistant
from poa.core.config import Settings
from poa.storage.history import History

RUDE_REPLY = (
    "A buyer left a 1-star review and my warehouse guy replied to him in messages calling him a liar "
    "on May 3 2026. Order 113-2233445-5566778."
)


@pytest.fixture
def assistant(tmp_path, indexed_settings, store):
    settings = Settings(POA_DATA_DIR=tmp_path / "data", _env_file=None)
    return Assistant(settings, History(settings.db_path), store)


def _until_cause(assistant: Assistant, appeal: int, story: str) -> list[str]:
    replies = [assistant.handle(appeal, story).text]
    for _ in range(8):
        if assistant.state(appeal).stage == "choose_cause":
            return replies
        replies.append(assistant.handle(appeal, "skip").text)
    raise AssertionError(f"no root cause proposed: {replies[-1]}")


def _until_drafted(assistant: Assistant, appeal: int, first: str) -> list[str]:
    """Send `first`, then skip every follow-up question until a draft is made."""
    replies = [assistant.handle(appeal, first)]
    for _ in range(6):
        if replies[-1].event == "drafted":
            return [r.text for r in replies]
        replies.append(assistant.handle(appeal, "skip"))
    raise AssertionError(f"no draft: {replies[-1].text}")


def test_a_story_without_a_notice_gets_a_draft(assistant):
    appeal = assistant.new_appeal()
    hello = assistant.handle(appeal, "hi")
    assert "Paste the notice" in hello.text
    assert assistant.state(appeal).story == ""  # a greeting is not the story

    replies = _until_cause(assistant, appeal, RUDE_REPLY)
    # the hint to paste the notice is given once, not on every turn
    assert sum("paste it too" in reply for reply in replies) == 1
    assert "rude" in replies[-1]  # the communication playbook, told from the story alone

    # the pick is a confirmed fact; the questions that cause needs come next, then the draft
    _until_drafted(assistant, appeal, "1")
    letter = assistant.history.version(appeal).letter
    assert "113-2233445-5566778" in letter
    assert "The notice concerns" not in letter  # there was no notice
    assert assistant.history.appeal(appeal).violation_type == "inappropriate_communication"


def test_thanks_after_a_draft_makes_no_new_version(assistant):
    appeal = assistant.new_appeal()
    _until_cause(assistant, appeal, RUDE_REPLY)
    _until_drafted(assistant, appeal, "yes")
    for message in ["thanks", "ok, thank you!", "looks good"]:
        reply = assistant.handle(appeal, message)
        assert reply.event == "ack", message
    assert len(assistant.history.versions(appeal)) == 1
    # a real change still makes one
    changed = assistant.handle(appeal, "We also retrained the whole team on June 24, 2026.")
    assert changed.event == "drafted"
    assert len(assistant.history.versions(appeal)) == 2


def test_a_notice_and_story_pasted_together_are_told_apart(assistant):
    case = next(c for c in DEV if c.name == "rm-insert-card-gift")
    appeal = assistant.new_appeal()
    reply = assistant.handle(appeal, f"{case.notice}\n\n{case.story}")
    state = assistant.state(appeal)
    assert "review manipulation" in reply.text
    assert state.notice == case.notice.strip()  # the whole notice with its signature, nothing more
    assert "baking mats" in state.story and "baking mats" not in state.notice
    assert "What happened, in your own words" not in reply.text  # the story was read


def test_a_second_notice_is_sent_to_its_own_appeal(assistant):
    first, other = DEV[0], next(c for c in DEV if c.violation_type != DEV[0].violation_type)
    appeal = assistant.new_appeal()
    assistant.handle(appeal, first.notice)
    state_before = assistant.state(appeal)
    reply = assistant.handle(appeal, other.notice)
    assert reply.event == "other_notice" and "New appeal" in reply.text
    state = assistant.state(appeal)
    assert state.notice == state_before.notice and state.story == state_before.story
    assert assistant.handle(appeal, first.notice).text.startswith("I already have this notice")


def test_a_change_after_a_revision_revises_the_rejected_appeal_again(assistant):
    """New facts after a revision rework the appeal Amazon rejected, so the revision's own
    placeholders and lists are not stacked on top of each other."""
    case = next(c for c in REVISION if c.name == "review-rebate-three-root-causes")
    appeal = assistant.new_appeal()
    assert assistant.handle(appeal, case.rejection).event == "notice"
    assert assistant.handle(appeal, case.previous_appeal).event == "revised"
    first = assistant.history.version(appeal).letter
    assert assistant.handle(
        appeal, "On June 3, 2026 we also stopped the rebate program."
    ).event == ("revised")
    versions = assistant.history.versions(appeal)
    assert [v.number for v in versions] == [1, 2, 3]
    second = versions[-1]
    letter = assistant.history.version(appeal, second.number).letter
    assert "3 June 2026" in letter and "3 June 2026" not in first
    assert "] [" not in letter  # no placeholder doubled behind another
    for text in (first, letter):
        assert "[" not in text
        if "Supporting documents" in text:
            documents = text.split("Supporting documents")[1].split("\n\n")[0].splitlines()[1:]
            assert len(documents) == len({d.strip("-. ").lower() for d in documents}), documents


@pytest.mark.parametrize(
    ("raised", "offered"),
    [("llm", True), ("other", False)],
    ids=["ai-failure-offers-a-way-on", "other-error-offers-nothing"],
)
def test_only_an_ai_failure_offers_the_offline_draft(assistant, monkeypatch, raised, offered):
    """A turn that fails for another reason (no playbook, bad input) must not show buttons that
    would fail the same way."""
    from poa.core.errors import UserError
    from poa.llm.client import LLMError

    def fail(*args, **kwargs):
        raise (
            LLMError("The AI service could not be reached.")
            if raised == "llm"
            else UserError("No playbook for violation type 'other'.")
        )

    appeal = assistant.new_appeal()
    monkeypatch.setattr(Assistant, "route", fail)
    reply = assistant.handle(appeal, "Our account was deactivated yesterday.")
    assert reply.event == "error"
    assert bool(assistant.state(appeal).ai_failed) is offered


NEW_TYPES = [
    "product_safety",
    "sales_rank_manipulation",
    "fba_reimbursement_abuse",
    "excessive_support_contacts",
    "charge_when_ship",
    "account_review_section3",
]


@pytest.mark.parametrize("violation_type", NEW_TYPES)
def test_the_newer_types_are_read_and_interviewed_from_their_playbook(assistant, violation_type):
    """Notice in, the type named back; a story that gives no cause gets that type's playbook
    causes to choose from."""
    from poa.drafting.pipeline import playbook_for

    case = next(c for c in DEV if c.violation_type == violation_type)
    appeal = assistant.new_appeal()
    reply = assistant.handle(appeal, case.notice).text
    assert violation_type.replace("_", " ") in reply
    _until_cause(assistant, appeal, "We got this notice last week and we want to fix it properly.")
    offered = {option["id"] for option in assistant.state(appeal).cause_options}
    playbook = playbook_for(assistant.settings.knowledge_dir, violation_type)
    assert offered and offered <= {cause.id for cause in playbook.root_causes}
    assert assistant.history.appeal(appeal).violation_type == violation_type


def test_a_rejection_revises_the_version_marked_as_sent_and_is_recorded(assistant):
    """Amazon rejected what was sent, not the seller's later edits: the revision starts from it."""
    from datetime import date

    from poa.tracking.sending import mark_sent

    case = next(c for c in REVISION if c.name == "review-rebate-three-root-causes")
    appeal = assistant.new_appeal()
    history = assistant.history
    history.add_version(appeal, case.previous_appeal, trigger_kind="imported", source="seller")
    history.add_version(appeal, "An unsent rewrite.", trigger_kind="edit", source="seller")
    mark_sent(history, appeal, 1, date.today())
    state = assistant.state(appeal)
    state.notice = "Note that after two unsuccessful appeals your account may stay deactivated."
    assistant._save(appeal, state)
    reply = assistant.handle(appeal, case.rejection)
    assert reply.event == "revised"
    assert "This would be your last try (2 allowed)" in reply.text  # one sent, one rejected
    assert assistant.state(appeal).rejected_letter == case.previous_appeal
    rejected = [s for s in history.submissions(appeal) if s.kind == "rejected"]
    assert len(rejected) == 1 and rejected[0].version == 1 and rejected[0].on == date.today()


def test_a_rejection_pasted_before_the_appeal_it_rejected_is_recorded_against_it(assistant):
    from datetime import date

    from poa.tracking.sending import appeal_clock

    case = next(c for c in REVISION if c.name == "review-rebate-three-root-causes")
    appeal = assistant.new_appeal()
    assistant.handle(appeal, case.rejection)
    assert assistant.history.submissions(appeal) == []  # the appeal it answers is not known yet
    assert assistant.handle(appeal, case.previous_appeal).event == "revised"
    (rejected,) = assistant.history.submissions(appeal)
    assert (rejected.kind, rejected.version) == ("rejected", 1)
    clock = appeal_clock(assistant.history, appeal, date.today())
    assert clock.tries_used == 1 and clock.records()[0].endswith("(answering v1)")
