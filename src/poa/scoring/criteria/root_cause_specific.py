"""`root_cause_specific`: the cause names a mechanism (which check, rule, control, tool or knowledge was missing, and how)."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result
from poa.scoring.root_cause import mechanism_check

NAME = "root_cause_specific"
JUDGE = 'the cause says why it happened (a gap in a process, knowledge, tool or control), not a restatement of the violation or a vague "lack of training".'
PLAIN_REASON = (
    "The root cause does not explain why it happened: it restates the violation or stays vague."
)
TITLE = "The cause explains how it happened"
FIX = "Say what was missing or wrong in your own process (which check, rule, tool or knowledge) and how that let this happen, without blaming others."


def check(ctx: ScoringInput) -> CriterionResult:
    """The cause names a mechanism (which check, rule, control, tool or knowledge was missing, and how)."""
    text = " ".join(c for c in ctx.root_causes if c)
    problem, score = mechanism_check(text)
    if problem:
        return result(NAME, False, score, problem, [text] if text else [])
    return result(
        NAME,
        True,
        score,
        "The root cause names a mechanism: what was missing and how it let this happen.",
        [text],
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C5566778, a stainless steel water bottle with a silver-ion lid, said the lid "kills 99.9% of bacteria". This is a pesticide claim for a product that is not EPA-registered, against Amazon's pesticide policy.

Root cause:
Our listing assistant copied the claim from the manufacturer's spec sheet. She did not know that an antimicrobial claim makes a product a pesticide under EPA rules, and our listing checklist checked only images, title length and keywords, with no step comparing product claims with the pesticide policy.

Actions taken:
- 7 May 2025: we removed the claim from the title, bullets and images of ASIN B0C5566778.
- 8 May 2025: our owner checked our other 22 listings for germ or bacteria claims; none were found.

Preventive measures:
- The listing checklist now includes a claims check against a list of pesticide terms before any listing is published or edited.
- Our owner trained the listing assistant on the pesticide policy on 9 May 2025, and new staff get the same session.

Sincerely,
Daniel Ruiz, Owner
Tidewell Outdoors""",
        why="The cause names the missing knowledge and the missing checklist step, and how they let the claim go live.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate reached 8.5% for the 30 days to 15 March 2025 (27 of 318 seller-fulfilled orders shipped late), above the 4% target.

Root cause:
On 4 February 2025 we moved fulfilment to a 3PL, Ridgeway Logistics, whose daily dispatch cut-off is 12:00. Our shipping template in Seller Central still promised a handling time of 1 day, set for our own warehouse, which shipped until 17:00. Nobody compared the template with the 3PL's cut-off, so every order placed after noon left a day later than we had promised.

Actions taken:
- 17 March 2025: our operations lead set the handling time to 2 days.
- 18 March 2025: Ridgeway agreed a second dispatch at 16:00 for our orders.

Preventive measures:
- Any change of warehouse or 3PL now includes a written check of handling time against the new cut-off, signed off by the operations lead.
- The operations lead reviews late shipments in the Account Health dashboard every Monday.

Sincerely,
Aisha Bello, Operations Lead
Larkspur Beauty""",
        why="A dated mechanism: the handling time was never re-checked against the new 3PL's cut-off after the 4 February move.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Four buyers of ASIN B0B4455667 (electric milk frother), listed as New, received units with scratches and missing manuals in April 2025, against Amazon's condition guidelines.

Root cause:
Returned units went back into new stock without inspection. Our returns procedure told staff to restock any return in its original box, and it had no step for opening the box and checking the unit, so used returns were sold again as new.

Actions taken:
- 28 April 2025: our warehouse supervisor opened all 160 units on hand and found 11 used returns.
- 29 April 2025: the 11 units were moved to a Used - Good listing.

Preventive measures:
- Every return is opened and checked by the warehouse supervisor against a condition checklist; only untouched units with all parts go back into new stock.
- The supervisor logs each return, and the owner reviews the log every Friday.

Sincerely,
Tomasz Wrona, Owner
Greycliff Home""",
        why="The cause says which step the returns procedure lacked and how that let used units be sold as new.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0D7788990, a skin brightening cream containing 2% hydroquinone, was removed under Amazon's Drugs and drug paraphernalia policy. Over-the-counter hydroquinone creams can no longer be sold in the US.

Root cause:
Our sourcing checklist confirmed only the brand's authorisation letter and the factory's FDA registration. It never compared the ingredient list with Amazon's Restricted Products pages, and our buyer did not know that hydroquinone had been removed from over-the-counter sale in 2020.

Actions taken:
- 12 June 2025: we closed the listing and created a removal order for the 340 units in FBA.
- 13 June 2025: our buyer checked the ingredient lists of our other 15 products; none holds a restricted ingredient.

Preventive measures:
- The sourcing checklist now requires the buyer to compare every ingredient with Amazon's Restricted Products pages and the FDA's over-the-counter monographs before an order is placed.
- The owner signs off each new product's ingredient check.

Sincerely,
Lucia Ferreira, Owner
Solena Skincare""",
        why="The cause names the missing ingredient check and the gap in the buyer's knowledge.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C5566778, a stainless steel water bottle with a silver-ion lid, said the lid "kills 99.9% of bacteria". This is a pesticide claim for a product that is not EPA-registered, against Amazon's pesticide policy.

Root cause:
The listing was deactivated because Amazon's automated system flagged the word "bacteria" in our description. The system matched this keyword and removed the listing.

Actions taken:
- 7 May 2025: we removed the claim from the title, bullets and images of ASIN B0C5566778.
- 8 May 2025: our owner checked our other 22 listings for germ or bacteria claims; none were found.

Preventive measures:
- The listing checklist now includes a claims check against a list of pesticide terms before any listing is published or edited.
- Our owner trained the listing assistant on the pesticide policy on 9 May 2025, and new staff get the same session.

Sincerely,
Daniel Ruiz, Owner
Tidewell Outdoors""",
        why="The 'cause' is Amazon's automated detection, not a gap in the seller's own process.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0D7788990, a skin brightening cream containing 2% hydroquinone, was removed under Amazon's Drugs and drug paraphernalia policy. Over-the-counter hydroquinone creams can no longer be sold in the US.

Root cause:
Amazon let us create the listing for this cream without any restriction or warning, so we understood that the product was approved for sale.

Actions taken:
- 12 June 2025: we closed the listing and created a removal order for the 340 units in FBA.
- 13 June 2025: our buyer checked the ingredient lists of our other 15 products; none holds a restricted ingredient.

Preventive measures:
- The sourcing checklist now requires the buyer to compare every ingredient with Amazon's Restricted Products pages and the FDA's over-the-counter monographs before an order is placed.
- The owner signs off each new product's ingredient check.

Sincerely,
Lucia Ferreira, Owner
Solena Skincare""",
        why="Blaming Amazon for not restricting the listing leaves the seller's own missing check unnamed.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate reached 8.5% for the 30 days to 15 March 2025 (27 of 318 seller-fulfilled orders shipped late), above the 4% target.

Root cause:
The late shipments were caused by our carrier, which missed several scheduled pickups in February and March and scanned parcels a day or more after collecting them.

Actions taken:
- 17 March 2025: our operations lead set the handling time to 2 days.
- 18 March 2025: our 3PL, Ridgeway Logistics, agreed a second dispatch at 16:00 for our orders.

Preventive measures:
- Any change of warehouse or 3PL now includes a written check of handling time against the new cut-off, signed off by the operations lead.
- The operations lead reviews late shipments in the Account Health dashboard every Monday.

Sincerely,
Aisha Bello, Operations Lead
Larkspur Beauty""",
        why="Blaming the carrier names no gap in the seller's own process.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Four buyers of ASIN B0B4455667 (electric milk frother), listed as New, received units with scratches and missing manuals in April 2025, against Amazon's condition guidelines.

Root cause:
This happened because of human error. It was an oversight by our warehouse team, who placed some returned units back into new stock.

Actions taken:
- 28 April 2025: our warehouse supervisor opened all 160 units on hand and found 11 used returns.
- 29 April 2025: the 11 units were moved to a Used - Good listing.

Preventive measures:
- Every return is opened and checked by the warehouse supervisor against a condition checklist; only untouched units with all parts go back into new stock.
- The supervisor logs each return, and the owner reviews the log every Friday.

Sincerely,
Tomasz Wrona, Owner
Greycliff Home""",
        why='"Human error" and "an oversight" say nothing about which step or knowledge was missing.',
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
