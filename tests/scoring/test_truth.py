"""The scorer judges truth: a letter with the story's cause passes every must-pass check, the same
letter with another cause fails `grounded`, whoever wrote it."""

import pytest

from poa.core.vocab import GATE_CRITERIA
from poa.reading.notice import parse_notice
from poa.scoring.rubric import score_appeal

NOTICE = """Hello,

Your late shipment rate is 7.9%, above our target of 4%. Orders 113-4410293-7781002 and 114-2290184-3306621 were
confirmed after their expected ship date. Your selling privileges have been removed.

Send us a plan of action that includes:
-- The root cause of the late shipments.
-- The actions you have taken to resolve it.
-- The steps you will take to prevent it.
"""
STORY = """We are Kestrel Pottery and ship our own orders. Orders 113-4410293-7781002 and 114-2290184-3306621 went
out late because only our packer, Idris, knew how to buy postage in our label software: while he was off sick from
3 to 14 March 2025 nobody else could ship, so the orders waited for him. On 17 March 2025 Idris trained our office manager,
Lena, to buy postage and wrote a one-page guide. Now two of us can ship every day, and sick leave is covered by
whoever of us is in."""
LETTER = """Dear Seller Performance Team,

Issue:
Our late shipment rate reached 7.9%, above the 4% target. Orders 113-4410293-7781002 and 114-2290184-3306621
were confirmed after their expected ship date.

Root cause:
{cause}

Actions taken:
- 17 March 2025: our packer trained our office manager to buy postage in our label software and wrote a one-page guide.

Preventive measures:
- Two of us can now buy postage and ship every day, following the guide, and sick leave is covered by whoever of us is in.

Regards,
Kestrel Pottery
"""
TRUE_CAUSE = (
    "Only our packer knew how to buy postage in our label software. While he was off sick from 3 to 14 March"
    " 2025 nobody else could ship, so the orders waited for him."
)
FALSE_CAUSE = (
    "Our carrier missed its collections for two weeks, and we had no second carrier booked, so the parcels"
    " stayed in our warehouse after they were packed."
)


@pytest.mark.parametrize("sellers_letter", [False, True], ids=["draft", "sellers-own-letter"])
def test_the_true_letter_passes_and_the_false_cause_fails_grounded(sellers_letter):
    notice = parse_notice(NOTICE)
    true = score_appeal(
        LETTER.format(cause=TRUE_CAUSE), notice=notice, story=STORY, sellers_letter=sellers_letter
    )
    false = score_appeal(
        LETTER.format(cause=FALSE_CAUSE), notice=notice, story=STORY, sellers_letter=sellers_letter
    )
    assert all(true.criteria[name].passed for name in GATE_CRITERIA), {
        n: true.criteria[n].reason for n in GATE_CRITERIA
    }
    assert false.criteria["grounded"].passed is False
    assert "root cause is not the one your story gives" in false.criteria["grounded"].reason
    assert not false.gates_passed


def test_without_a_story_truth_is_not_checked_and_the_scorecard_says_so():
    card = score_appeal(LETTER.format(cause=FALSE_CAUSE), notice=parse_notice(NOTICE))
    grounded = card.criteria["grounded"]
    assert not grounded.applicable and "Truth was not checked" in grounded.reason
    # the seller's own order IDs are not "fabricated" because the story is missing
    assert card.criteria["no_fabrication"].passed is True


def test_a_letter_in_a_language_the_scorer_does_not_read_gets_no_total():
    letter = (
        "尊敬的卖家绩效团队：我们的迟发率达到7.9%。根本原因是只有一名打包员会购买邮资，他在3月3日至14日病假期间没有人能发货。"
        "3月17日他培训了办公室经理并写了一页操作指南。现在两个人每天都可以发货。" * 2
    )
    card = score_appeal(letter)
    assert card.total is None
    assert card.not_judged and "Chinese" in card.not_judged and "translate" in card.not_judged
    assert card.to_json()["total"] is None


def test_the_scorecard_names_the_sentence_judged_and_what_to_change():
    from poa.cli.output import format_scorecard

    card = score_appeal(LETTER.format(cause=FALSE_CAUSE), notice=parse_notice(NOTICE), story=STORY)
    table = format_scorecard(card)
    assert "True to your story (must pass)" in table and "gate" not in table
    assert "sentence judged: Our carrier missed its collections" in table
    assert "what to change: Change the sentences that say what your story does not say" in table
