"""`notice_coverage`: every item the notice asks for is answered (n/a without a notice or when it asks for nothing)."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.coverage import assess_coverage
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, not_applicable, result
from poa.text.plain import quote

NAME = "notice_coverage"
JUDGE = "every item the notice asks for is answered (true when it asks for nothing specific)."
PLAIN_REASON = "Not everything Amazon asked for is answered."
TITLE = "Answers everything the notice asks"
FIX = 'Answer each item the notice asks for, even if the answer is "none".'


def check(ctx: ScoringInput) -> CriterionResult:
    """Every item the notice asks for is answered (n/a without a notice or when it asks for nothing)."""
    if ctx.notice is None:
        return not_applicable(NAME, "Not applicable: no notice was given.")
    if not ctx.notice.required_items:
        return not_applicable(NAME, "Not applicable: the notice asks for nothing specific.")
    results = assess_coverage(ctx.seg, ctx.notice, ctx.root_causes)
    # Information Amazon demands (third parties, accounts, live reviews) must be given, not alluded to.
    missing = [
        r
        for r in results
        if r.status == "missing" or (r.status == "weak" and r.item.kind == "disclosure")
    ]
    weak = [r for r in results if r.status == "weak" and r not in missing]
    score = sum({"covered": 1.0, "weak": 0.5, "missing": 0.0}[r.status] for r in results) / len(
        results
    )
    if missing:
        return result(
            NAME,
            False,
            score,
            f"{len(missing)} of {len(results)} items the notice asks for are not answered, e.g. {quote(missing[0].item.text, 70)}.",
            [r.item.text for r in missing],
        )
    if weak:
        return result(
            NAME,
            True,
            score,
            f"All {len(results)} items are answered; {len(weak)} only weakly, e.g. {quote(weak[0].item.text, 70)}.",
            [r.item.text for r in weak],
        )
    return result(
        NAME, True, score, f"All {len(results)} items the notice asks for are answered.", []
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

We are sorry that units of our ASIN B0C8844221 (silicone ice cube trays) carried an insert card offering a free scoop in exchange for a 5-star review. The card went into 900 units we sent to FBA on 14 January 2025.

This happened because our insert cards had no policy check: our designer added the offer after seeing other brands' cards, and the proof was read only for spelling and layout. Nobody compared the wording with Amazon's review rules.

On 3 March 2025 we created a removal order for the 610 units still in FBA, and on 12 March 2025 our warehouse replaced the cards with care-instruction cards and shredded the old ones. Matching buyers who asked for the scoop against reviewers, we found that four reviews written between 1 and 20 February 2025 came through the card; they are still on the listing, and we cannot remove them ourselves.

From now on our compliance manager approves every insert and package text against a written review-policy checklist before printing, and audits our printed materials each quarter.

Sincerely,
Ama Mensah, Owner
Frostline Kitchen""",
        notice="""Hello,

We have determined that you attempted to manipulate customer reviews on ASIN B0C8844221. Customers reported an insert card offering a free item in exchange for a 5-star review.

Send us a plan of action that includes:
-- The root cause of the review manipulation.
-- The actions you have taken to resolve it, with dates.
-- The steps you have taken to prevent it from happening again.
-- Whether any reviews obtained through the insert card are still on our site.

Seller Performance Team""",
        why="Every item, including whether reviews remain, is answered in running prose rather than item by item.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
From 2 to 25 April 2025 our follow-up message for ASIN B0C5511223 (linen napkin set) asked buyers to "leave a 5-star review if you love them". Asking for a positive review breaks Amazon's Communication Guidelines.

Root cause:
Our customer service assistant wrote the template in Seller Central's messaging, and it was sent without review because we had no approval step for buyer messages.

Actions taken:
- 29 April 2025: our owner deleted the template; 188 buyers had received it.
- We used no third-party service or agency for reviews. The messages were written and sent by our own assistant from Seller Central.

Preventive measures:
- Every buyer message template now needs the owner's written approval against the Communication Guidelines before it is used.
- We ask for reviews only with the Request a Review button.

Sincerely,
Yusuf Demir, Owner
Loomhaven Textiles""",
        notice="""Hello,

We have found that you asked buyers for positive reviews in messages about ASIN B0C5511223, which violates our Communication Guidelines.

Please send a plan of action that includes:
-- The root cause of the issue.
-- The actions you have taken to resolve it.
-- The steps you will take to prevent it.
-- Whether you used any third-party service or agency to obtain reviews.

Seller Performance Team""",
        why='A "none" answer ("we used no third-party service") answers the third-party item.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers of ASIN B0C6677889 (Harwick stainless steel travel mug) reported receiving counterfeit units in May 2025. We had bought that stock from a wholesaler who was not an authorised Harwick distributor.

Root cause:
Our purchasing process accepted a new wholesaler on price and a business licence alone, without invoices tracing the goods to the brand.

Actions taken:
- 2 June 2025: we stopped buying from the wholesaler.
- 3 June 2025: we created removal order R-55108 for the remaining 180 units in FBA, and asked for them to be disposed of rather than returned, so none can be sold again.
- 4 June 2025: our purchasing manager checked invoices for our other 8 ASINs; all trace back to the brands.

Preventive measures:
- A new supplier is approved only after the purchasing manager receives an invoice chain to the brand and confirms the supplier on the brand's distributor list.

Sincerely,
Ben Achterberg, Purchasing Manager
Tollgate Supply""",
        notice="""Hello,

We received reports that you sold counterfeit items for ASIN B0C6677889. Your selling privileges have been removed.

To reactivate your account, send a plan of action that explains:
-- The root cause of the issue.
-- The actions you have taken to resolve it.
-- The steps you will take to prevent it.
-- What you have done with the remaining inventory of this ASIN.

Seller Performance Team""",
        why="The remaining-inventory item is answered inside the actions (removal order and disposal), not under its own heading.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Three buyers of our ASIN B0D9900112 (wooden bead teether) reported that beads came loose from the ring, which is a choking hazard for babies.

The cause was our incoming inspection, which checked appearance and finish only. It had no pull test on the bead fixings, so a batch with weakly glued beads, received on 2 May 2025, passed and was sent to FBA.

We closed the listing on 6 June 2025 and created a removal order for all 430 units in FBA, to be destroyed. On 7 June 2025 we messaged all 58 buyers of that batch through Buyer-Seller Messaging, asking them to stop using the teether and offering a full refund without return; 41 have been refunded so far.

Every batch now gets a pull test on 10 units, following the ASTM F963 method, before it can be shipped, and our quality lead records the result. A batch with one failure is rejected.

Sincerely,
Sofia Lindahl, Quality Lead
Little Fern Baby""",
        notice="""Hello,

Customers have reported a safety issue with ASIN B0D9900112: beads detaching from the teether. We have removed the listing.

Please send a plan of action that includes:
-- The root cause of the issue.
-- The actions you have taken, including how you have informed customers who bought this product.
-- The steps you will take to prevent it.

Seller Performance Team""",
        why="How buyers were informed is answered in substance in a narrative paragraph.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

We are sorry that units of our ASIN B0C8844221 (silicone ice cube trays) carried an insert card offering a free scoop in exchange for a 5-star review. The card went into 900 units we sent to FBA on 14 January 2025.

This happened because our insert cards had no policy check: our designer added the offer after seeing other brands' cards, and the proof was read only for spelling and layout. Nobody compared the wording with Amazon's review rules.

On 3 March 2025 we created a removal order for the 610 units still in FBA, and on 12 March 2025 our warehouse replaced the cards with care-instruction cards and shredded the old ones.

From now on our compliance manager approves every insert and package text against a written review-policy checklist before printing, and audits our printed materials each quarter.

Sincerely,
Ama Mensah, Owner
Frostline Kitchen""",
        notice="""Hello,

We have determined that you attempted to manipulate customer reviews on ASIN B0C8844221. Customers reported an insert card offering a free item in exchange for a 5-star review.

Send us a plan of action that includes:
-- The root cause of the review manipulation.
-- The actions you have taken to resolve it, with dates.
-- The steps you have taken to prevent it from happening again.
-- Whether any reviews obtained through the insert card are still on our site.

Seller Performance Team""",
        why="The letter never says whether reviews obtained through the card are still on the site.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
From 2 to 25 April 2025 our follow-up message for ASIN B0C5511223 (linen napkin set) asked buyers to "leave a 5-star review if you love them". Asking for a positive review breaks Amazon's Communication Guidelines.

Root cause:
Our customer service assistant wrote the template in Seller Central's messaging, and it was sent without review because we had no approval step for buyer messages.

Actions taken:
- 29 April 2025: our owner deleted the template; 188 buyers had received it.
- 30 April 2025: our owner checked every other template and found no review requests.

Preventive measures:
- Every buyer message template now needs the owner's written approval against the Communication Guidelines before it is used.
- We ask for reviews only with the Request a Review button.

Sincerely,
Yusuf Demir, Owner
Loomhaven Textiles""",
        notice="""Hello,

We have found that you asked buyers for positive reviews in messages about ASIN B0C5511223, which violates our Communication Guidelines.

Please send a plan of action that includes:
-- The root cause of the issue.
-- The actions you have taken to resolve it.
-- The steps you will take to prevent it.
-- Whether you used any third-party service or agency to obtain reviews.

Seller Performance Team""",
        why="The notice asks whether a third-party service was used; the letter never answers, not even with 'none'.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers of ASIN B0C6677889 (Harwick stainless steel travel mug) reported receiving counterfeit units in May 2025. We had bought that stock from a wholesaler who was not an authorised Harwick distributor.

Root cause:
Our purchasing process accepted a new wholesaler on price and a business licence alone, without invoices tracing the goods to the brand.

Actions taken:
- 2 June 2025: we stopped buying from the wholesaler.
- 4 June 2025: our purchasing manager checked invoices for our other 8 ASINs; all trace back to the brands.

Preventive measures:
- A new supplier is approved only after the purchasing manager receives an invoice chain to the brand and confirms the supplier on the brand's distributor list.

Sincerely,
Ben Achterberg, Purchasing Manager
Tollgate Supply""",
        notice="""Hello,

We received reports that you sold counterfeit items for ASIN B0C6677889. Your selling privileges have been removed.

To reactivate your account, send a plan of action that explains:
-- The root cause of the issue.
-- The actions you have taken to resolve it.
-- The steps you will take to prevent it.
-- What you have done with the remaining inventory of this ASIN.

Seller Performance Team""",
        why="Nothing says what happened to the remaining inventory the notice asks about.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Three buyers of our ASIN B0D9900112 (wooden bead teether) reported that beads came loose from the ring, which is a choking hazard for babies.

The cause was our incoming inspection, which checked appearance and finish only. It had no pull test on the bead fixings, so a batch with weakly glued beads, received on 2 May 2025, passed and was sent to FBA.

We closed the listing on 6 June 2025 and created a removal order for all 430 units in FBA, to be destroyed.

Every batch now gets a pull test on 10 units, following the ASTM F963 method, before it can be shipped, and our quality lead records the result. A batch with one failure is rejected.

Sincerely,
Sofia Lindahl, Quality Lead
Little Fern Baby""",
        notice="""Hello,

Customers have reported a safety issue with ASIN B0D9900112: beads detaching from the teether. We have removed the listing.

Please send a plan of action that includes:
-- The root cause of the issue.
-- The actions you have taken, including how you have informed customers who bought this product.
-- The steps you will take to prevent it.

Seller Performance Team""",
        why="The notice asks how buyers were informed, and the letter says nothing about contacting them.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
