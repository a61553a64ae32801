"""`no_fabrication`: every order ID, ASIN, date and number in the letter appears in the seller's inputs."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, not_applicable, result
from poa.scoring.fabrication import unsupported_facts

NAME = "no_fabrication"
JUDGE = "every order ID, ASIN, date and number in the appeal appears in the notice or the seller's facts."
PLAIN_REASON = "It states facts (IDs, dates, numbers) that are not in the seller's own records."
TITLE = "Only facts you gave"
FIX = "Remove or correct the IDs, dates and numbers that are not in your notice or story."


def check(ctx: ScoringInput) -> CriterionResult:
    """Every order ID, ASIN, date and number in the letter appears in the seller's inputs."""
    if ctx.sellers_letter or ctx.case is None:
        # The seller's own letter, or no story to check it against: its IDs, dates and numbers
        # are the seller's facts (a notice alone rarely repeats every order or ASIN).
        return not_applicable(
            NAME,
            "Not checked: without your story, the IDs, dates and numbers in the letter are taken as yours."
            if not ctx.sellers_letter
            else "Not checked: this is your own letter, so its IDs, dates and numbers are your facts.",
        )
    invented = unsupported_facts(ctx.text, ctx.sources)
    if invented:
        shown = ", ".join(dict.fromkeys(f.text for f in invented[:4]))
        return result(
            NAME,
            False,
            0.0,
            f"{len(invented)} fact(s) are not in the notice or story: {shown}.",
            [f.text for f in invented],
        )
    return result(
        NAME, True, 1.0, "Every order ID, ASIN, date and number comes from the notice or story.", []
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
The buyer of order 111-2223334-4445556 received our scented soy candle, ASIN B0C1357924, in an 8 oz jar, while the listing said 12 oz. The detail page did not match the product, against Amazon's listing policies.

Root cause:
We changed to 8 oz jars in January 2025, but our process for packaging changes had no step for updating the listing, so the detail page kept the old 12 oz specification.

Actions taken:
- 4 April 2025: our owner corrected the title, bullets and images of ASIN B0C1357924 to 8 oz.
- 5 April 2025: the buyer of order 111-2223334-4445556 was refunded in full.

Preventive measures:
- Whenever we change packaging, our owner updates the listing before the new stock is shipped.
- Every month the owner compares each listing with its product specification sheet.

Sincerely,
Clara Voss, Owner
Emberwick Candles""",
        notice="""Hello,

A customer reported that the item received in order 111-2223334-4445556 was materially different from the detail page of ASIN B0C1357924. Please review your listing and send a plan of action with the root cause, the actions taken and the steps to prevent this.

Seller Performance Team""",
        story="""We make scented soy candles. In January 2025 we switched our candle ASIN B0C1357924 from 12 oz to 8 oz jars, and nobody updated the listing, which still said 12 oz. The buyer of order 111-2223334-4445556 complained the candle was smaller than described. I'm Clara Voss, the owner of Emberwick Candles. On 4 April 2025 I corrected the listing to 8 oz, and on 5 April 2025 I refunded the buyer in full. From now on, when we change packaging I update the listing before the new stock ships, and I compare every listing with its spec sheet once a month.""",
        why="Every ID, date and number in the letter comes from the notice or the story.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
On 3 March 2025 our listing for ASIN B0C2244668, an oatmeal dog shampoo, was deactivated because it said the shampoo "kills fleas and ticks". That is a pesticide claim, and the shampoo is not EPA-registered.

Root cause:
Our assistant wrote the bullets from a competitor's listing, and our listing checklist had no step for checking pest or germ claims against Amazon's pesticide policy.

Actions taken:
- 5 March 2025: our owner removed the flea and tick claim from the title, bullets and images.
- 6 March 2025: our owner checked our other 14 listings and removed a similar claim from one grooming spray.

Preventive measures:
- Every new or edited listing is checked against a list of pesticide terms before it is published.
- Our owner has trained the assistant on the pesticide policy.

Sincerely,
Ruth Okonjo, Owner
Barkwell Grooming""",
        story="""I'm Ruth Okonjo, owner of Barkwell Grooming; we sell dog grooming products. On 3 March Amazon deactivated our oatmeal dog shampoo, ASIN B0C2244668, because the bullets said it "kills fleas and ticks"; the shampoo isn't EPA-registered. My assistant wrote the bullets from a competitor's listing, and our checklist never looked at pest or germ claims. On 5 March I removed the claim. On 6 March I checked our other 14 listings and took a similar claim off one grooming spray. I also trained my assistant on the pesticide rule. Now every new or edited listing gets checked against a list of pesticide words before it goes live.""",
        why='The story gives "3 March" without a year; writing "3 March 2025" completes the same date and invents nothing.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate reached 5.4% for the 30 days to 31 May 2025: 19 of 352 orders, including order 113-7654321-1234567, shipped after their expected ship date.

Root cause:
Our order cut-off in Seller Central was 16:00, but since 1 May 2025 our carrier has collected at 14:00, so orders placed between 14:00 and 16:00 left a day late. Nobody updated the cut-off when the carrier changed its pickup time.

Actions taken:
- 2 June 2025: our shipping lead moved the order cut-off to 13:30.
- 3 June 2025: we confirmed that all 19 late orders had been delivered.

Preventive measures:
- When the carrier's pickup time changes, the shipping lead changes the cut-off in Seller Central the same day and notes it in our carrier log.
- The shipping lead reviews late shipments every Monday.

Sincerely,
Kasper Nygaard, Shipping Lead
Fernhill Garden Co.""",
        why="With no notice or story, the letter's own order ID, dates and counts are the seller's facts and pass.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C8642097, a solid copper mug, said it was "dishwasher safe". Copper tarnishes in a dishwasher, and 23 buyers complained that their mugs had discoloured.

Root cause:
We built the listing from our stainless steel mug listing, and our listing process had no step for checking care claims against the manufacturer's care sheet, so the dishwasher claim was carried over.

Actions taken:
- 12 May 2025: our owner removed the claim and added hand-wash instructions to the listing.
- 13 May 2025: we refunded the 23 buyers who complained.
- We created a removal order for all units in FBA so that a hand-wash care card can be added to each box.

Preventive measures:
- Our owner checks every care claim against the manufacturer's care sheet before a listing is published.

Buyers can reach us about this at support@copperleafgoods.com.

Sincerely,
Dev Anand, Owner
Copperleaf Goods""",
        story="""I'm Dev Anand, owner of Copperleaf Goods, and we sell copper mugs. Our solid copper mug, ASIN B0C8642097, was listed as "dishwasher safe" because we copied the listing from our stainless steel mug; we never checked care claims against the manufacturer's care sheet. Copper tarnishes in a dishwasher and 23 buyers complained about discoloured mugs. On 12 May 2025 I removed the claim and added hand-wash instructions. On 13 May 2025 I refunded the 23 buyers who complained. I created a removal order for all the units in FBA so we can add a hand-wash care card to each box. From now on I check every care claim against the care sheet. Customers can email us at support@copperleafgoods.com.""",
        why="The count (23 buyers) and the e-mail address both come from the story.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
The buyer of order 111-2223334-4445556 received our scented soy candle, ASIN B0C1357924, in an 8 oz jar, while the listing said 12 oz. The detail page did not match the product, against Amazon's listing policies.

Root cause:
We changed to 8 oz jars in January 2025, but our process for packaging changes had no step for updating the listing, so the detail page kept the old 12 oz specification.

Actions taken:
- 4 April 2025: our owner corrected the title, bullets and images of ASIN B0C1357924 to 8 oz.
- 5 April 2025: the buyers of orders 111-2223334-4445556 and 111-8765432-1098765 were refunded in full.

Preventive measures:
- Whenever we change packaging, our owner updates the listing before the new stock is shipped.
- Every month the owner compares each listing with its product specification sheet.

Sincerely,
Clara Voss, Owner
Emberwick Candles""",
        notice="""Hello,

A customer reported that the item received in order 111-2223334-4445556 was materially different from the detail page of ASIN B0C1357924. Please review your listing and send a plan of action with the root cause, the actions taken and the steps to prevent this.

Seller Performance Team""",
        story="""We make scented soy candles. In January 2025 we switched our candle ASIN B0C1357924 from 12 oz to 8 oz jars, and nobody updated the listing, which still said 12 oz. The buyer of order 111-2223334-4445556 complained the candle was smaller than described. I'm Clara Voss, the owner of Emberwick Candles. On 4 April 2025 I corrected the listing to 8 oz, and on 5 April 2025 I refunded the buyer in full. From now on, when we change packaging I update the listing before the new stock ships, and I compare every listing with its spec sheet once a month.""",
        why="Order 111-8765432-1098765 appears in no input: the seller refunded one buyer, on the notice's order.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C8642097, a solid copper mug, said it was "dishwasher safe". Copper tarnishes in a dishwasher, and 23 buyers complained that their mugs had discoloured.

Root cause:
We built the listing from our stainless steel mug listing, and our listing process had no step for checking care claims against the manufacturer's care sheet, so the dishwasher claim was carried over.

Actions taken:
- 12 May 2025: our owner removed the claim and added hand-wash instructions to the listing.
- 13 May 2025: we refunded the 23 buyers who complained.
- We created a removal order for the 640 units in FBA so that a hand-wash care card can be added to each box.

Preventive measures:
- Our owner checks every care claim against the manufacturer's care sheet before a listing is published.

Buyers can reach us about this at support@copperleafgoods.com.

Sincerely,
Dev Anand, Owner
Copperleaf Goods""",
        story="""I'm Dev Anand, owner of Copperleaf Goods, and we sell copper mugs. Our solid copper mug, ASIN B0C8642097, was listed as "dishwasher safe" because we copied the listing from our stainless steel mug; we never checked care claims against the manufacturer's care sheet. Copper tarnishes in a dishwasher and 23 buyers complained about discoloured mugs. On 12 May 2025 I removed the claim and added hand-wash instructions. On 13 May 2025 I refunded the 23 buyers who complained. I created a removal order for all the units in FBA so we can add a hand-wash care card to each box. From now on I check every care claim against the care sheet. Customers can email us at support@copperleafgoods.com.""",
        why="The story never gives a unit count; the letter's 640 units is invented.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C8642097, a solid copper mug, said it was "dishwasher safe". Copper tarnishes in a dishwasher, and 23 buyers complained that their mugs had discoloured.

Root cause:
We built the listing from our stainless steel mug listing, and our listing process had no step for checking care claims against the manufacturer's care sheet, so the dishwasher claim was carried over.

Actions taken:
- 12 May 2025: our owner removed the claim and added hand-wash instructions to the listing.
- 13 May 2025: we refunded the 23 buyers who complained.
- We created a removal order for all units in FBA so that a hand-wash care card can be added to each box.

Preventive measures:
- Our owner checks every care claim against the manufacturer's care sheet before a listing is published.

Buyers can reach our compliance team about this at compliance@copperleaf-home.com.

Sincerely,
Dev Anand, Owner
Copperleaf Goods""",
        story="""I'm Dev Anand, owner of Copperleaf Goods, and we sell copper mugs. Our solid copper mug, ASIN B0C8642097, was listed as "dishwasher safe" because we copied the listing from our stainless steel mug; we never checked care claims against the manufacturer's care sheet. Copper tarnishes in a dishwasher and 23 buyers complained about discoloured mugs. On 12 May 2025 I removed the claim and added hand-wash instructions. On 13 May 2025 I refunded the 23 buyers who complained. I created a removal order for all the units in FBA so we can add a hand-wash care card to each box. From now on I check every care claim against the care sheet. Customers can email us at support@copperleafgoods.com.""",
        why="The e-mail compliance@copperleaf-home.com is in no input; the seller's address is support@copperleafgoods.com.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
On 3 March 2025 our listing for ASIN B0C2244668, an oatmeal dog shampoo, was deactivated because it said the shampoo "kills fleas and ticks". That is a pesticide claim, and the shampoo is not EPA-registered.

Root cause:
Our assistant wrote the bullets from a competitor's listing, and our listing checklist had no step for checking pest or germ claims against Amazon's pesticide policy.

Actions taken:
- 5 March 2025: our owner removed the flea and tick claim from the title, bullets and images.
- 6 March 2025: our owner checked our other 14 listings and removed a similar claim from one grooming spray.
- 10 March 2025: our owner trained the assistant on the pesticide policy.

Preventive measures:
- Every new or edited listing is checked against a list of pesticide terms before it is published.

Sincerely,
Ruth Okonjo, Owner
Barkwell Grooming""",
        story="""I'm Ruth Okonjo, owner of Barkwell Grooming; we sell dog grooming products. On 3 March Amazon deactivated our oatmeal dog shampoo, ASIN B0C2244668, because the bullets said it "kills fleas and ticks"; the shampoo isn't EPA-registered. My assistant wrote the bullets from a competitor's listing, and our checklist never looked at pest or germ claims. On 5 March I removed the claim. On 6 March I checked our other 14 listings and took a similar claim off one grooming spray. I also trained my assistant on the pesticide rule. Now every new or edited listing gets checked against a list of pesticide words before it goes live.""",
        why="The story gives the training no date; '10 March 2025' is invented.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
