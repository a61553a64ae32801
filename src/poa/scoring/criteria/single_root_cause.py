"""`single_root_cause`: exactly one root cause per notice topic; lists of causes and 'another root cause' fail."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result
from poa.scoring.root_cause import MULTIPLE_CAUSES, UNKNOWN_CAUSE, stated_cause
from poa.scoring.segment import Block
from poa.text.plain import quote, split_sentences

NAME = "single_root_cause"
JUDGE = (
    'exactly one root cause (one mechanism) is stated per notice topic; enumerated causes, "another reason" '
    'or "also because" fail; boilerplate that mentions root causes does not; a plea or a denial is not a cause.'
)
PLAIN_REASON = "Several root causes are named; Amazon expects one (per topic), stated precisely."
TITLE = "One root cause"
FIX = "State the one cause that explains how this happened; drop the others, and leave pleas and denials out of it."


# A consequence continues the cause before it ("As a result, six buyers left reviews").
_CONSEQUENCE = re.compile(
    r"^(?:as a (?:result|consequence)|this (?:led|caused|meant|resulted)|therefore|consequently|because of this"
    r"|so\b|that is why|which (?:led|meant))",
    re.IGNORECASE,
)
# A listed item that carries its own "because"/"so" is a whole cause, not a part of one.
_CAUSAL = re.compile(
    r"\b(?:because|due to|caused|led to|so (?:that|the|orders|we|it|any|a|our|they|he|she|buyers|units)|which (?:meant|let|allowed))\b",
    re.IGNORECASE,
)


def _cause_items(ctx: ScoringInput, topic: int) -> list[Block]:
    """The list items of a root-cause part, less those that continue the one before."""
    return [
        b
        for b in ctx.seg.section_blocks("root_cause", topic)
        if b.bullet and not _CONSEQUENCE.search(b.text)
    ]


def _separate_causes(items: list[Block], allowed: int) -> list[str]:
    """Listed causes that are separate mechanisms: an enumeration ("1)", "b.") of two or more, or
    bullets that each carry their own because or so. Bullets that circle one mechanism (what was
    not known, what was believed, what was done about it) are one cause told in parts."""
    numbered = [b.text for b in items if b.numbered]
    if len(numbered) >= 2 and len(numbered) > allowed:
        return numbered
    causal = [b.text for b in items if _CAUSAL.search(b.text)]
    return causal if len(causal) >= 2 and len(causal) > allowed else []


def check(ctx: ScoringInput) -> CriterionResult:
    """Exactly one root cause per notice topic: several mechanisms fail; a plea or a denial is no cause."""
    allowed = max(ctx.seg.topics, len(ctx.notice.topics) if ctx.notice else 1, 1)
    if not any(ctx.root_causes):
        return result(NAME, False, 0.0, "No root cause is stated.")
    readings = [stated_cause(c) for c in ctx.root_causes]
    if not any(stated for stated, _ in readings):
        left_out = [item for _, items in readings for item in items]
        kinds = " and ".join(dict.fromkeys(why for why, _ in left_out)) or "empty"
        return result(
            NAME,
            False,
            0.0,
            f"The root cause part is only {kinds}, not a cause: {quote(left_out[0][1], 70) if left_out else ''}.",
            [sentence for _, sentence in left_out],
        )
    stated = [text for text, _ in readings]
    unknown = [c for c in stated if UNKNOWN_CAUSE.search(c)]
    if unknown:
        return result(
            NAME,
            False,
            0.0,
            "The letter says the cause is not known, so no root cause is stated.",
            unknown,
        )
    # "We found two separate problems:" may open the issue part or stand alone; headings never count.
    # A heading that is a sentence ("The main reasons for these problems are:") counts too; a bare
    # "Root cause(s)" heading never matches.
    searched = [
        *stated,
        *(b.text for b in ctx.seg.blocks if b.section in ("issue", "other")),
        *(heading for heading, _ in ctx.seg.headings),
    ]
    markers = [m.group(0) for text in searched for m in MULTIPLE_CAUSES.finditer(text)]
    if markers:
        sentence = next(s for text in searched for s in split_sentences(text) if markers[0] in s)
        return result(
            NAME,
            False,
            0.0,
            f"Several causes are offered ({quote(markers[0], 40)}); Amazon expects one per topic.",
            [sentence, *stated],
        )
    runs = ctx.seg.runs("root_cause")
    if runs > allowed:
        return result(
            NAME,
            False,
            0.0,
            f"{runs} separate root-cause parts for {allowed} topic(s).",
            stated,
        )
    per_topic = 1 if ctx.seg.topics > 1 else allowed
    for topic in range(ctx.seg.topics):
        separate = _separate_causes(_cause_items(ctx, topic), per_topic)
        if separate:
            return result(
                NAME,
                False,
                0.0,
                f"The root cause lists {len(separate)} separate causes; Amazon expects one.",
                separate,
            )
    label = "one root cause" if allowed == 1 else f"one root cause for each of {allowed} topics"
    return result(
        NAME,
        True,
        1.0,
        f"States {label}: {quote(stated[0])}.",
        [c for c in stated if c],
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate for seller-fulfilled orders reached 9.2% for the 30 days to 28 February 2025, above the 4% target: 41 of 446 orders were confirmed as shipped after their expected ship date.

Root cause:
Our shipping template promised a handling time of 1 day, but our carrier collects from our warehouse only on Monday, Wednesday and Friday. Any order placed after a pickup waited up to two days for the next one, and nobody had compared the template with the pickup schedule.

Actions taken:
- 3 March 2025: our operations manager changed the handling time to 2 days in Seller Central.
- 4 March 2025: we booked daily carrier pickups, Monday to Saturday.

Preventive measures:
- Every Monday the operations manager compares the handling time in Seller Central with the carrier's pickup schedule and records the check in our shipping log.
- A change to the pickup schedule now needs the operations manager's approval, together with the matching template change.

Sincerely,
Marta Lindqvist, Operations Manager
Nordvik Kitchenware""",
        why="One mechanism (a 1-day handling time against a three-day-a-week pickup) is the whole cause.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C4417852, a bamboo cutting board, described the board as "antibacterial" and said it "kills 99% of germs". These are pesticide claims for a product that is not EPA-registered, which breaks Amazon's pesticide policy.

Root cause:
We have analysed the root causes of this violation carefully. We found that our listing assistant copied the description from our supplier's catalogue, and our listing checklist covered images, title length and keywords but had no step to check product claims against the pesticide policy.

Actions taken:
- 10 April 2025: we removed both claims from the title, bullets and description of ASIN B0C4417852.
- 11 April 2025: our owner reviewed all 38 of our listings for germ, bacteria and mould claims; none were found.

Preventive measures:
- Our listing checklist now has a claims step: every new or edited listing is compared with a list of pesticide terms (antibacterial, antimicrobial, kills germs, mould-proof) before it is published.
- Supplier text is never copied directly; the owner approves the final wording.

Kind regards,
Owen Hartley, Owner
Harbor & Pine Home Goods""",
        why='Boilerplate "we have analysed the root causes" does not fail when the letter then states one cause.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Thank you for your notice about used items sold as new on ASIN B0B8812345 (wireless earbuds). Three buyers in March 2025 received earbuds with an opened seal and signs of use.

Root cause of the issue:
Returned units were put back into new stock without inspection. Every return that arrived in its outer box went straight back to the shelf, because our returns procedure had no step for checking the factory seal or signs of use.

Actions taken to resolve the issue:
- 2 April 2025: our warehouse lead inspected all 214 units on hand and removed 9 opened units from new stock.
- 3 April 2025: those 9 units were relisted as Used - Very Good under a separate SKU.

Steps taken to prevent the issue:
- Every return is now opened and inspected by the warehouse lead; only units with an intact factory seal go back into new stock.
- The result is logged per unit in our returns sheet, which the owner checks every Friday.

Sincerely,
Priya Nair, Owner
Orbital Audio LLC""",
        notice="""Hello,

We have removed your selling privileges because customers reported receiving used items sold as new for ASIN B0B8812345 (wireless earbuds).

To reactivate your account, send us a plan of action that includes:
-- Root cause of the issue
-- Actions taken to resolve the issue
-- Steps taken to prevent the issue

Seller Performance Team""",
        why="The notice's headings copied as section titles, with one cause under them, pass.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

This plan of action answers both issues in your notice.

Issue 1: late shipment rate of 7.8%
Root cause: On 1 February 2025 we moved to a new warehouse whose carrier pickup is at 11:00, but our order cut-off stayed at 15:00, so orders placed between 11:00 and 15:00 shipped a day late.
Actions: On 20 February 2025 our warehouse manager moved the cut-off to 10:30 and set the handling time to 2 days.
Prevention: The cut-off is now tied to the pickup time in our warehouse checklist, and any change to either needs the warehouse manager's approval.

Issue 2: ASIN B0D2233445 without a Children's Product Certificate
Root cause: Our compliance checklist for new listings covered the toy category only, so nobody asked for a CPC when we listed the sippy cup, a feeding product for children under 3.
Actions: On 21 February 2025 we uploaded a CPC from our test lab, Certa Labs, in Manage Your Compliance.
Prevention: The checklist now requires a CPC for every product meant for children 12 and under, in any category, before a listing is created.

Sincerely,
Hana Okafor, Owner
Maple Row Baby""",
        notice="""Hello,

Your account is at risk of deactivation for two reasons:
-- Your late shipment rate is 7.8%, above our 4% target.
-- ASIN B0D2233445 (toddler sippy cup) is listed without the required Children's Product Certificate (CPC).

Please send a plan of action that addresses each issue: the root cause, the actions you have taken, and the steps you will take to prevent it.

Seller Performance Team""",
        why="Two notice topics with one cause each pass: the count is per topic.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate for seller-fulfilled orders reached 9.2% for the 30 days to 28 February 2025, above the 4% target: 41 of 446 orders were confirmed as shipped after their expected ship date.

Root cause:
1. Our shipping template promised a handling time of 1 day, but our carrier collects from our warehouse only on Monday, Wednesday and Friday, so orders placed after a pickup waited up to two days for the next one.
2. Our packing team was two people short during February, so orders were packed later than planned.

Actions taken:
- 3 March 2025: our operations manager changed the handling time to 2 days in Seller Central.
- 4 March 2025: we booked daily carrier pickups and hired two temporary packers.

Preventive measures:
- Every Monday the operations manager compares the handling time with the pickup schedule and records the check in our shipping log.
- Staffing is planned four weeks ahead against forecast order volume.

Sincerely,
Marta Lindqvist, Operations Manager
Nordvik Kitchenware""",
        why="Enumerated causes (1., 2.) give two distinct mechanisms for one topic.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C4417852, a bamboo cutting board, described the board as "antibacterial" and said it "kills 99% of germs". These are pesticide claims for a product that is not EPA-registered, which breaks Amazon's pesticide policy.

Root cause:
Our listing assistant copied the description from our supplier's catalogue, and our listing checklist had no step to check product claims against the pesticide policy. Another reason was that our listing software suggested "antibacterial" as a high-traffic keyword, and we accepted its suggestions without review.

Actions taken:
- 10 April 2025: we removed both claims from the title, bullets and description of ASIN B0C4417852.
- 11 April 2025: our owner reviewed all 38 of our listings for germ, bacteria and mould claims; none were found.

Preventive measures:
- Every new or edited listing is compared with a list of pesticide terms before it is published.
- Keyword suggestions are no longer accepted without the owner's review.

Kind regards,
Owen Hartley, Owner
Harbor & Pine Home Goods""",
        why='"Another reason was" adds a second mechanism to the first.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Thank you for your notice about used items sold as new on ASIN B0B8812345 (wireless earbuds). Three buyers in March 2025 received earbuds with an opened seal and signs of use.

Root cause of the issue:
Returned units were put back into new stock without inspection, because our returns procedure had no step for checking the factory seal or signs of use. This was also because our new warehouse assistant, who started in February, had not been shown how to tell a resealed box from a factory-sealed one.

Actions taken to resolve the issue:
- 2 April 2025: our warehouse lead inspected all 214 units on hand and removed 9 opened units from new stock.
- 3 April 2025: the warehouse lead trained the assistant on seal inspection.

Steps taken to prevent the issue:
- Every return is now opened and inspected; only units with an intact factory seal go back into new stock.
- New warehouse staff are trained on seal inspection in their first week.

Sincerely,
Priya Nair, Owner
Orbital Audio LLC""",
        notice="""Hello,

We have removed your selling privileges because customers reported receiving used items sold as new for ASIN B0B8812345 (wireless earbuds).

To reactivate your account, send us a plan of action that includes:
-- Root cause of the issue
-- Actions taken to resolve the issue
-- Steps taken to prevent the issue

Seller Performance Team""",
        why='"This was also because" stacks a second cause (an untrained assistant) on the missing inspection step.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate for seller-fulfilled orders reached 9.2% for the 30 days to 28 February 2025, above the 4% target: 41 of 446 orders were confirmed as shipped after their expected ship date.

Root cause:
We did not intend to miss any ship dates. We sincerely apologise and respectfully ask that our account be kept in good standing.

Actions taken:
- 3 March 2025: our operations manager changed the handling time to 2 days in Seller Central.
- 4 March 2025: we booked daily carrier pickups, Monday to Saturday.

Preventive measures:
- Every Monday the operations manager compares the handling time in Seller Central with the carrier's pickup schedule and records the check in our shipping log.
- A change to the pickup schedule now needs the operations manager's approval, together with the matching template change.

Sincerely,
Marta Lindqvist, Operations Manager
Nordvik Kitchenware""",
        why="The root cause section holds only a denial of intent and a plea for reinstatement, so no cause is given.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
