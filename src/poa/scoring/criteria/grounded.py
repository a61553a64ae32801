"""`grounded`: every claim of incident, cause, actions, answers and prevention is backed by the
seller's inputs; a sentence that contradicts them (a denied agency, an invented e-mail) fails.

The same check the drafters run on their own output (`scoring/grounding.py`).
"""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.tone import says_nothing_of_fact
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, not_applicable, result
from poa.scoring.grounding import Grounder
from poa.scoring.root_cause import stated_cause
from poa.text.plain import quote

NAME = "grounded"
JUDGE = (
    "every statement of fact (incident, root cause, actions, answers, prevention) is supported by the"
    " notice or the seller's facts, and none contradicts what the seller said did not happen."
)
PLAIN_REASON = (
    "It states things your notice, story and answers do not say, or contradicts them; the letter"
    " must only say what is true of your business."
)
# the segmenter's sections whose sentences are claims of fact
SECTIONS = {"issue": "incident", "root_cause": "root_cause", "actions": "actions",
            "prevention": "prevention", "info": "answers"}  # fmt: skip
MAX_UNSUPPORTED_SHARE = 0.25  # calibrated on evals/labelled (33 of 36 agree with the hand labels)
TITLE = "True to your story"
FIX = "Change the sentences that say what your story does not say: the letter states only what happened."


_NOT_A_CLAIM = re.compile(
    r"^(?:subject|re|dear|regards|sincerely|thank you|thanks)\b|\?\s*$|\bwe take this (?:very )?seriously\b",
    re.IGNORECASE,
)
MIN_CLAIM_WORDS = 4


def is_claim(sentence: str) -> bool:
    """A statement of fact: not a plea, a boast, a question, a subject line or a signature
    (those are the tone criterion's business)."""
    return (
        len(sentence.split()) >= MIN_CLAIM_WORDS
        and not _NOT_A_CLAIM.search(sentence)
        and not says_nothing_of_fact(sentence)
    )


def check(ctx: ScoringInput) -> CriterionResult:
    """Each sentence of the claims sections is close to a fact; contradictions fail outright."""
    if ctx.case is None or (not ctx.case.story.strip() and not ctx.case.answers):
        return not_applicable(
            NAME,
            "Truth was not checked: no story or answers were given to check the letter against.",
        )
    grounder = Grounder(ctx.case, ctx.notice, ctx.extra_facts)
    items = [
        (SECTIONS[section], sentence, None)
        for section in SECTIONS
        for sentence in ctx.seg.sentences(section)
        if is_claim(sentence)
    ]
    checked = grounder.check_many(items)
    if not checked:
        return result(NAME, False, 0.0, "No statement of what happened or what was done was found.")
    hard = [s for s in checked if s.problem and not s.problem.startswith("not in")]
    loose = [s for s in checked if s.problem and s.problem.startswith("not in")]
    # A root cause none of the inputs holds is false, told as a whole (a paraphrase may add a word
    # or two to one sentence). A seller's own letter is held to this only when the story says why.
    told_cause = any(f.kind == "cause" for f in ctx.case.facts)
    cause = [s for s in checked if s.section == "root_cause" and stated_cause(s.sentence)[0]]
    checkable = told_cause or not ctx.sellers_letter
    false_cause = cause if checkable and cause and all(s.problem for s in cause) else []
    if ctx.sellers_letter:  # the seller's own account: only contradictions and the cause count
        loose = [s for s in false_cause if s in loose]
        hard = [s for s in hard if not s.problem.startswith("names ")]  # its IDs are the seller's
    share = len(loose) / len(checked)
    score = max(0.0, 1.0 - share - 0.5 * len(hard))
    evidence = [f"{s.sentence} ({s.problem})" for s in [*hard, *loose]]
    if hard:
        return result(
            NAME,
            False,
            score,
            f"{len(hard)} sentence(s) contradict your inputs: {hard[0].problem}.",
            evidence,
        )
    if false_cause:
        return result(
            NAME,
            False,
            score,
            f"The root cause is not the one your story gives: {quote(false_cause[0].sentence, 90)}",
            evidence,
        )
    share = len(loose) / len(checked)
    if share > MAX_UNSUPPORTED_SHARE:
        return result(
            NAME,
            False,
            score,
            f"{len(loose)} of {len(checked)} statements are not in your notice, story or answers.",
            evidence,
        )
    return result(
        NAME,
        True,
        score,
        f"{len(checked) - len(loose)} of {len(checked)} statements trace to your inputs.",
        evidence,
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
From 1 February 2025 our follow-up message for ASIN B0C3141592 (bamboo bath mat) asked buyers to "please leave us 5 stars". It reached 96 buyers. Asking for a positive review breaks Amazon's Communication Guidelines.

Root cause:
Our part-time customer service helper set up the message in Seller Central, and it went out without review because we had no approval step for buyer messages. We have never used a review service or paid for reviews.

Actions taken:
- 21 March 2025: our owner deleted the message.

Preventive measures:
- The owner approves every message template against the Communication Guidelines before it is used.
- We ask for reviews only with the Request a Review button.

Sincerely,
Owner, Bamboo & Breeze""",
        story="""We're Bamboo & Breeze and we sell bamboo bath mats, ASIN B0C3141592. We have never used a review service or paid anyone for reviews. My sister Lena helps part-time with customer service, and on 1 February 2025 she set up a follow-up message in Seller Central that said "if you like your mat, please leave us 5 stars". Nobody checked it, because we had no approval step for messages. It went to 96 buyers. Amazon warned us on 20 March 2025 for review manipulation. On 21 March 2025 I deleted the message. Now I approve every message template against Amazon's Communication Guidelines before it is used, and we only ask for reviews with the Request a Review button.""",
        why="The cause, the action and the statement that no review service was used all match the story.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate reached 7.2%: 24 of 333 orders shipped late in January 2025.

Root cause:
Only one member of our team, our packer, knew how to buy shipping labels in our label software, ParcelDesk. While he was on leave from 6 to 19 January 2025, nobody else could ship, so orders waited until he returned.

Actions taken:
- 22 January 2025: our packer trained the owner and our office assistant to buy labels, and wrote a one-page guide to the process.

Preventive measures:
- Two of us can now ship on any day, following the packer's guide.
- Leave is planned so that one of us is always at work.

Sincerely,
Owner, Quireworks Notebooks""",
        story="""We're Quireworks Notebooks; we sell hand-bound notebooks from a small unit in Leeds. Our only packer, Sam, was on leave from 6 to 19 January 2025, and nobody else knew how to buy shipping labels in our label software, ParcelDesk, so orders waited until he was back. Our late shipment rate reached 7.2%: 24 of 333 orders. On 22 January 2025 Sam trained me and our office assistant, Nora, to buy labels, and he wrote a one-page guide. Now two of us can ship on any day, and we plan leave so that one of us is always in.""",
        why="The letter restates the story's cause (one person who could ship) and its actions in its own words.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers reported that Halden wireless chargers they bought from us, ASIN B0C2718281, were counterfeit. We had bought this stock from a wholesaler met at a trade show.

Root cause:
Our purchasing process did not ask suppliers for invoices tracing goods back to the brand, so we bought from a wholesaler without knowing where its stock came from.

Actions taken:
- 5 May 2025: we created removal order RMV-40217 for all 300 units in FBA. When they reach us they will be destroyed, and we will keep the disposal receipt.
- 6 May 2025: we opened an account with Halden's authorised distributor, Nordic Charge AB.

Preventive measures:
- We buy only from suppliers whose invoices trace the goods back to the brand.

Sincerely,
Owner, Tallow Street Electronics""",
        story="""We're Tallow Street Electronics. Amazon suspended us after buyers said our Halden wireless chargers, ASIN B0C2718281, were counterfeit. We bought them from a wholesaler we found at a trade show, and we never asked for invoices back to Halden. We had 300 units in FBA. On 5 May 2025 I created removal order RMV-40217 for all 300; they haven't come back yet, and when they arrive we will destroy them and keep the disposal receipt. On 6 May 2025 we opened an account with Halden's authorised distributor, Nordic Charge AB. From now on we buy only from suppliers whose invoices trace back to the brand.""",
        why="The letter says the units will be destroyed on arrival, as the story does, rather than claiming it is done.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
In June 2025 I added a case for a different phone model as a variation of my case listing ASIN B0B6626070, so it shared that listing's reviews. On 1 July 2025 the variation was removed for variation abuse.

Root cause:
I did not know that variations must be the same product, differing only in attributes such as size or colour. I run the shop alone, and I added the new case because the old listing had many reviews, without checking Amazon's variation guidelines.

Actions taken:
- 2 July 2025: I split the new case into its own listing, ASIN B0D5577211, which has no reviews.

Preventive measures:
- Before I add any variation, I check it against Amazon's variation guidelines.

Sincerely,
Owner, Casecraft""",
        story="""It's just me: I run Casecraft alone, with no staff. I sell phone cases. In June 2025 I added a new case for a different phone model as a variation of my old case listing, ASIN B0B6626070, because the old listing had lots of reviews. I didn't know variations must be the same product differing only in size, colour or similar attributes. Amazon removed the variation for variation abuse on 1 July 2025. On 2 July 2025 I split the new case into its own listing, ASIN B0D5577211, with no reviews. Before I add any variation now, I check it against Amazon's variation guidelines.""",
        why="A one-person shop's letter says 'I' and claims only what the story says that one person did.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
From 1 February 2025 buyers of ASIN B0C3141592 (bamboo bath mat) received messages asking them to leave us 5 stars. They reached 96 buyers. Asking for a positive review breaks Amazon's Communication Guidelines.

Root cause:
We had hired a third-party review service, which sent the messages to our buyers on our behalf. We did not check how the service worked or whether its methods were allowed.

Actions taken:
- 21 March 2025: we ended our contract with the review service.

Preventive measures:
- The owner approves any outside service that contacts buyers, checking it against the Communication Guidelines first.
- We ask for reviews only with the Request a Review button.

Sincerely,
Owner, Bamboo & Breeze""",
        story="""We're Bamboo & Breeze and we sell bamboo bath mats, ASIN B0C3141592. We have never used a review service or paid anyone for reviews. My sister Lena helps part-time with customer service, and on 1 February 2025 she set up a follow-up message in Seller Central that said "if you like your mat, please leave us 5 stars". Nobody checked it, because we had no approval step for messages. It went to 96 buyers. Amazon warned us on 20 March 2025 for review manipulation. On 21 March 2025 I deleted the message. Now I approve every message template against Amazon's Communication Guidelines before it is used, and we only ask for reviews with the Request a Review button.""",
        why="The letter confesses to using a review service, which the story says the seller never did.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate reached 7.2%: 24 of 333 orders shipped late in January 2025.

Root cause:
Our shipping template promised a handling time of 1 day, but our carrier collects only three times a week, so orders placed after a pickup waited for the next one. Nobody had compared the template with the pickup schedule.

Actions taken:
- 22 January 2025: we set the handling time to 2 days and booked daily pickups.

Preventive measures:
- Every Monday we compare the handling time in Seller Central with the carrier's pickup schedule.

Sincerely,
Owner, Quireworks Notebooks""",
        story="""We're Quireworks Notebooks; we sell hand-bound notebooks from a small unit in Leeds. Our only packer, Sam, was on leave from 6 to 19 January 2025, and nobody else knew how to buy shipping labels in our label software, ParcelDesk, so orders waited until he was back. Our late shipment rate reached 7.2%: 24 of 333 orders. On 22 January 2025 Sam trained me and our office assistant, Nora, to buy labels, and he wrote a one-page guide. Now two of us can ship on any day, and we plan leave so that one of us is always in.""",
        why="The story's cause is the packer's leave; the handling-time cause and its fixes are not supported by it.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers reported that Halden wireless chargers they bought from us, ASIN B0C2718281, were counterfeit. We had bought this stock from a wholesaler met at a trade show.

Root cause:
Our purchasing process did not ask suppliers for invoices tracing goods back to the brand, so we bought from a wholesaler without knowing where its stock came from.

Actions taken:
- 5 May 2025: we created removal order RMV-40217 for all 300 units in FBA, and all 300 units have been destroyed.
- 6 May 2025: we opened an account with Halden's authorised distributor, Nordic Charge AB.

Preventive measures:
- We buy only from suppliers whose invoices trace the goods back to the brand.

Sincerely,
Owner, Tallow Street Electronics""",
        story="""We're Tallow Street Electronics. Amazon suspended us after buyers said our Halden wireless chargers, ASIN B0C2718281, were counterfeit. We bought them from a wholesaler we found at a trade show, and we never asked for invoices back to Halden. We had 300 units in FBA. On 5 May 2025 I created removal order RMV-40217 for all 300; they haven't come back yet, and when they arrive we will destroy them and keep the disposal receipt. On 6 May 2025 we opened an account with Halden's authorised distributor, Nordic Charge AB. From now on we buy only from suppliers whose invoices trace back to the brand.""",
        why="The letter says the units were destroyed; the story says they have not come back yet.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
In June 2025 we added a case for a different phone model as a variation of our case listing ASIN B0B6626070, so it shared that listing's reviews. On 1 July 2025 the variation was removed for variation abuse.

Root cause:
Our listing team did not know that variations must be the same product, differing only in attributes such as size or colour, and added the new case because the old listing had many reviews, without checking Amazon's variation guidelines.

Actions taken:
- 2 July 2025: we split the new case into its own listing, ASIN B0D5577211, which has no reviews.
- Our team of five completed training on Amazon's variation guidelines.

Preventive measures:
- Before any variation is added, it is checked against Amazon's variation guidelines, and our compliance officer audits all listings every month.

Sincerely,
Owner, Casecraft""",
        story="""It's just me: I run Casecraft alone, with no staff. I sell phone cases. In June 2025 I added a new case for a different phone model as a variation of my old case listing, ASIN B0B6626070, because the old listing had lots of reviews. I didn't know variations must be the same product differing only in size, colour or similar attributes. Amazon removed the variation for variation abuse on 1 July 2025. On 2 July 2025 I split the new case into its own listing, ASIN B0D5577211, with no reviews. Before I add any variation now, I check it against Amazon's variation guidelines.""",
        why="A team of five and a compliance officer contradict the story, in which the seller works alone.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
