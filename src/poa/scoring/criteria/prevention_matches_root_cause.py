"""`prevention_matches_root_cause`: every preventive measure answers the stated root cause; no unrelated or generic filler."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.kb.semantic import relatedness
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result
from poa.scoring.measures import GENERIC_MEASURE, prevention_measures
from poa.text.plain import quote, split_sentences

NAME = "prevention_matches_root_cause"
JUDGE = "every preventive measure addresses the stated root cause; unrelated filler fails."
PLAIN_REASON = "The preventive steps are generic or unrelated; each must answer the root cause."
TITLE = "Prevention answers the cause"
FIX = "For each preventive step, say how it closes the gap the root cause names; drop general promises."


PREVENTION_LINK = 0.3  # relatedness of a measure to the root cause, as in the drafting guard


def check(ctx: ScoringInput) -> CriterionResult:
    """Every preventive measure answers the stated root cause; no unrelated or generic filler."""
    unrelated: list[str] = []
    checked = 0
    for topic in range(ctx.seg.topics):
        cause = ctx.root_causes[topic] or " ".join(ctx.root_causes)
        measures = prevention_measures(ctx.seg, topic if ctx.seg.topics > 1 else None)
        if ctx.seg.topics > 1 and not measures:
            measures = prevention_measures(ctx.seg) if topic == 0 else []
        if not measures:
            continue
        checked += len(measures)
        if not cause:
            unrelated += measures
            continue
        targets = [cause, *split_sentences(cause)]
        if len(cause.split()) < 25:  # a thin cause: judge the measures against the incident too
            targets += ctx.seg.sentences("issue", topic if ctx.seg.topics > 1 else None)
        scores = [max(relatedness([m], t)[0] for t in targets) for m in measures]
        for measure, score in zip(measures, scores, strict=True):
            generic = GENERIC_MEASURE.search(measure)
            if score < PREVENTION_LINK or (generic and score < PREVENTION_LINK + 0.15):
                unrelated.append(measure)
    if not checked:
        return result(NAME, False, 0.0, "No preventive measures are given.")
    if not any(ctx.root_causes):
        return result(
            NAME,
            False,
            0.0,
            "There is no root cause for the preventive measures to answer.",
            unrelated,
        )
    all_measures = [
        m
        for t in range(ctx.seg.topics)
        for m in prevention_measures(ctx.seg, t if ctx.seg.topics > 1 else None)
    ]
    if all_measures and all(GENERIC_MEASURE.search(m) for m in all_measures):
        return result(
            NAME,
            False,
            0.0,
            f"The preventive steps are only general promises or policy reading, e.g. {quote(all_measures[0])}; none is a control that stops the cause.",
            all_measures,
        )
    score = 1 - len(unrelated) / checked
    if unrelated:
        return result(
            NAME,
            False,
            score,
            f"{len(unrelated)} of {checked} preventive measures do not answer the root cause, e.g. {quote(unrelated[0])}.",
            unrelated,
        )
    return result(NAME, True, 1.0, f"All {checked} preventive measures answer the root cause.", [])


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Units of ASIN B0C9081726 (cork yoga mat) sent to FBA in January 2025 held an insert card offering a free carry strap for a 5-star review. Offering a gift for a review breaks Amazon's Community Guidelines.

Root cause:
Our insert cards had no policy check before printing. Our designer wrote the gift offer after seeing similar cards from other brands, and the print proof was checked only for spelling and logo placement, so nobody compared its wording with Amazon's review rules.

Actions taken:
- 6 March 2025: we created a removal order for the 520 units still in FBA.
- 18 March 2025: the returned units were re-packed with new cards carrying care instructions only, and the old cards were shredded.

Preventive measures:
- Our compliance lead now approves every insert, package text and follow-up email against a written review-policy checklist before it goes to print.
- The compliance lead audits all printed materials in stock every quarter.

Sincerely,
Leah Brandt, Owner
Kestrel Outdoor Supply""",
        why="A policy check before printing closes exactly the gap the cause names (no check of the card's wording).",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate was 6.1% for the 30 days to 10 January 2025: 22 of 361 seller-fulfilled orders were confirmed after their expected ship date.

Root cause:
During the holiday peak our order volume tripled, but the shipping template kept the 1-day handling time we use in normal weeks. Our two packers could not pack a day's orders by the next afternoon's pickup, and nobody owned the task of adjusting the template for peak periods.

Actions taken:
- 13 January 2025: our warehouse manager reviewed every late order and confirmed all 22 were delivered.
- 14 January 2025: the handling time was set to 2 days until volume returned to normal.

Preventive measures:
- The warehouse manager now owns the shipping template. When the daily order count exceeds what two packers can pack in a day (about 120 orders), he sets handling time to 2 days the same day.
- For each peak season we hire a temporary packer from 15 November to 5 January.

Sincerely,
Jonas Keller, Warehouse Manager
Alder & Finch Stationery""",
        why="Each measure answers the cause: an owner for the template, a volume trigger, and packing capacity for the peak.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Five buyers of ASIN B0C2299887 (digital kitchen scale), listed as New, received units that had been opened and used, between 2 and 20 May 2025.

Root cause:
Customer returns were put back into new stock without inspection. Our returns procedure let staff restock any unit that came back in its original box, with no step for checking the seal or signs of use.

Actions taken:
- 23 May 2025: our warehouse lead opened and checked all 95 units on hand and removed 7 used returns.
- 24 May 2025: the 7 units were listed as Used - Very Good under their own SKU.

Preventive measures:
- Every return is now opened and checked against a condition checklist (seal, scratches, battery cover, manual) before it can be restocked, and only sealed, untouched units go back into new stock.
- The warehouse lead signs off each return in the returns log, and the owner spot-checks ten restocked units each month.

Sincerely,
Rosa Jimenez, Owner
Brightwell Kitchen Co.""",
        why="An inspection step for every return fills the exact gap in the returns procedure.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0D3300112, a copper-infused pillowcase, said it was "antimicrobial" and "stops bacteria growth". These are pesticide claims for an unregistered product, against Amazon's pesticide policy.

Root cause:
Our listing writer copied the claims from the fabric mill's product sheet. He did not know that antimicrobial claims make a product a pesticide, and our listing checklist had no step for checking claims before publishing.

Actions taken:
- 2 June 2025: we removed both claims from the listing and its images.
- 3 June 2025: our owner checked our other 30 listings for similar claims and removed one from ASIN B0D3300113.

Preventive measures:
- Every new or edited listing now goes through a claims check against a list of pesticide terms (antimicrobial, antibacterial, kills germs, odour-killing) before it is published.
- On 4 June 2025 the owner trained the listing writer on the pesticide policy; new writers get this training before they write listings.

Sincerely,
Ines Duarte, Owner
Velvet Nest Bedding""",
        why="A claims check and training on the policy answer both halves of the cause: the missing step and the missing knowledge.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Units of ASIN B0C9081726 (cork yoga mat) sent to FBA in January 2025 held an insert card offering a free carry strap for a 5-star review. Offering a gift for a review breaks Amazon's Community Guidelines.

Root cause:
Our insert cards had no policy check before printing. Our designer wrote the gift offer after seeing similar cards from other brands, and the print proof was checked only for spelling and logo placement, so nobody compared its wording with Amazon's review rules.

Actions taken:
- 6 March 2025: we created a removal order for the 520 units still in FBA.
- 18 March 2025: the returned units were re-packed with new cards carrying care instructions only, and the old cards were shredded.

Preventive measures:
- We will be much more careful in the future and will follow all Amazon policies.
- We will make sure that nothing like this ever happens again.

Sincerely,
Leah Brandt, Owner
Kestrel Outdoor Supply""",
        why="Generic promises to be careful and follow all policies add no check on printed wording.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our late shipment rate was 6.1% for the 30 days to 10 January 2025: 22 of 361 seller-fulfilled orders were confirmed after their expected ship date.

Root cause:
During the holiday peak our order volume tripled, but the shipping template kept the 1-day handling time we use in normal weeks. Our two packers could not pack a day's orders by the next afternoon's pickup, and nobody owned the task of adjusting the template for peak periods.

Actions taken:
- 13 January 2025: our warehouse manager reviewed every late order and confirmed all 22 were delivered.
- 14 January 2025: the handling time was set to 2 days until volume returned to normal.

Preventive measures:
- We have moved to stronger double-walled boxes to reduce damage in transit.
- Our customer service team now answers every buyer message within 12 hours.

Sincerely,
Jonas Keller, Warehouse Manager
Alder & Finch Stationery""",
        why="The measures (packaging, reply times) answer different problems, not the handling time or packing capacity.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Five buyers of ASIN B0C2299887 (digital kitchen scale), listed as New, received units that had been opened and used, between 2 and 20 May 2025.

Root cause:
Customer returns were put back into new stock without inspection. Our returns procedure let staff restock any unit that came back in its original box, with no step for checking the seal or signs of use.

Actions taken:
- 23 May 2025: our warehouse lead opened and checked all 95 units on hand and removed 7 used returns.
- 24 May 2025: the 7 units were listed as Used - Very Good under their own SKU.

Preventive measures:
- We now buy stock only from the brand's authorised distributor and keep every invoice for at least five years.
- Before each shipment to customers we compare the SKU on the label with the order.

Sincerely,
Rosa Jimenez, Owner
Brightwell Kitchen Co.""",
        why="Sourcing and label checks prevent other problems; nothing inspects returns before restocking.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0D3300112, a copper-infused pillowcase, said it was "antimicrobial" and "stops bacteria growth". These are pesticide claims for an unregistered product, against Amazon's pesticide policy.

Root cause:
Our listing writer copied the claims from the fabric mill's product sheet. He did not know that antimicrobial claims make a product a pesticide, and our listing checklist had no step for checking claims before publishing.

Actions taken:
- 2 June 2025: we removed both claims from the listing and its images.
- 3 June 2025: our owner checked our other 30 listings for similar claims and removed one from ASIN B0D3300113.

Preventive measures:
- We will stay up to date with Amazon's policies and review our listings from time to time.
- Our team will be more vigilant when writing product descriptions.

Sincerely,
Ines Duarte, Owner
Velvet Nest Bedding""",
        why="Staying up to date and being vigilant add neither a claims check nor training on the pesticide rule.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
