"""`no_placeholders`: no template placeholders ([company name], XXX, TBD) are left."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result

NAME = "no_placeholders"
JUDGE = "no [company name], XXX or TBD left."
PLAIN_REASON = "Template placeholders were left in."
TITLE = "No blanks left"
FIX = "Fill in or delete every bracketed blank."


_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{0,80}\]|\bX{3,}\b|\bTBD\b|\bTBC\b|<[^<>\n]{1,40}>|\{\{[^}]*\}\}|_{4,}|\bN/?A\b(?= *[:\]])|\blorem ipsum\b"
    r"|\b(?:insert|enter|add) (?:your |the |a )?(?:date|name|order (?:id|number)|asin|store name|company name|address|"
    r"details?|number)(?: here)?\b(?! cards?)"
    # IDs masked when a letter was shared: "ASIN XYZ", "ASIN-A", "BBBBBBBB", "***"
    r"|\b(?:ASIN|SKU|order(?: ID)?)[ :#-]+(?:XYZ|ABC|[A-C]|\*+)(?![\w-])|\b([A-Z])\1{3,}\b|\*{3,}"
    r"|\((?:add|insert|enter|put) [^)]{3,60}\)",
    re.IGNORECASE,
)


# A bracket holding a real reference ("[Attachment 1: invoice INV-2025-0412]") is filled in.
_FILLED = re.compile(
    r"\d{3,}|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE
)


def check(ctx: ScoringInput) -> CriterionResult:
    """No template placeholders ([company name], XXX, TBD) are left."""
    found = [
        m.group(0)
        for m in _PLACEHOLDER.finditer(ctx.text)
        if not re.fullmatch(r"\[\d+\]", m.group(0)) and not _FILLED.search(m.group(0))
    ]
    if found:
        return result(
            NAME, False, 0.0, f"{len(found)} placeholder(s) left, e.g. {found[0][:60]}.", found
        )
    return result(NAME, True, 1.0, "No placeholders are left.", [])


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Units of ASIN B0C6021447 (linen tea towels) sent to FBA in February 2025 held an insert card asking buyers to "leave a 5-star review and get 20% off your next order". Offering a discount for a review breaks Amazon's Community Guidelines.

Root cause:
Our insert cards were printed without a policy check. Our designer wrote the offer, and the proof was reviewed only for spelling and layout, so nobody compared the wording with Amazon's review rules.

Actions taken:
- 10 April 2025: we created a removal order for the 380 units in FBA.
- 22 April 2025: our warehouse replaced every insert card with a care card and shredded the old inserts.

Preventive measures:
- Our owner approves each insert, box text and e-mail against a review-policy checklist before printing.
- Each insert card now carries its print date and approval number, and the owner audits all printed materials every quarter.

Sincerely,
Agnes Mwangi, Owner
Saltmarsh Linens""",
        why='The word "insert" used for the product\'s insert cards is not an "Insert date" fill-in.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Nine buyers of our heavyweight hoodie, ASIN B0C7730198, in sizes XL and XXL reported in May 2025 that the hoodies were two sizes smaller than our size chart said, including the buyer of order 112-5566778-8990011.

Root cause:
When we changed factories in March 2025, we kept the old factory's size chart on the listing. Our process for a factory change had no step for measuring samples from the new factory against the chart.

Actions taken:
- 2 June 2025: our product manager measured 5 samples in each size and published a corrected size chart.
- 3 June 2025: all nine buyers were offered a free exchange or a full refund.

Preventive measures:
- When a factory or pattern changes, the product manager measures samples in every size, from XS to XXL, and updates the chart before the new stock is sent to FBA.

Sincerely,
Leon Hartmann, Product Manager
Greycliff Apparel""",
        why='A size written "XXL" is a real size, not an "XXX" fill-in.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers of ASIN B0C4433221 (Alpenglow merino beanie) reported in April 2025 that their beanies were not authentic. We had bought this stock from a wholesaler that was not an authorised Alpenglow distributor.

Root cause:
Our purchasing process approved suppliers on price and a business licence alone, without asking for invoices that trace the goods back to the brand.

Actions taken:
- 24 April 2025: we created a removal order for all 150 units of the beanie in FBA, to be disposed of.
- 30 April 2025: we opened an account with Alpenglow's authorised distributor, Alpine Trade GmbH. [Attachment 1: invoice INV-2025-0412 from Alpine Trade GmbH]

Preventive measures:
- Our purchasing manager approves a new supplier only after receiving an invoice chain to the brand and confirming the supplier on the brand's distributor list.

Sincerely,
Mateo Ruiz, Purchasing Manager
Summit Thread Co.""",
        why="A bracketed label that names a real attached invoice is filled-in content, not a placeholder.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Seller name: Harrow Lane Goods Ltd
Merchant token: A2K9Q4LX7T1PZM
Order ID: 112-4455667-8899001

Issue:
The buyer of order 112-4455667-8899001 received a ceramic vase, ASIN B0C9988776, that was cracked and listed as New. We shipped it from our own warehouse.

Root cause:
Our packing procedure wrapped vases in a single layer of paper in a box without padding. It had no drop test, so we did not know the packaging could not protect a vase in transit.

Actions taken:
- 8 May 2025: the buyer was refunded in full.
- 9 May 2025: our warehouse lead drop-tested our packaging from 1 metre; 3 of 5 vases cracked.

Preventive measures:
- Vases now ship double-boxed with 5 cm of padding on every side, a packaging that passed 10 of 10 drop tests on 12 May 2025.
- The warehouse lead drop-tests the packaging for every new fragile product before it is listed.

Sincerely,
Priti Shah, Operations Manager
Harrow Lane Goods Ltd""",
        why="Form-style labels (Seller name:, Order ID:) with real values filled in are not placeholders.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Units of ASIN B0C6021447 (linen tea towels) sent to FBA in February 2025 held an insert card asking buyers to "leave a 5-star review and get 20% off your next order". Offering a discount for a review breaks Amazon's Community Guidelines.

Root cause:
Our insert cards were printed without a policy check. Our designer wrote the offer, and the proof was reviewed only for spelling and layout, so nobody compared the wording with Amazon's review rules.

Actions taken:
- 10 April 2025: we created a removal order for the 380 units in FBA.
- 22 April 2025: our warehouse replaced every insert card with a care card and shredded the old inserts.

Preventive measures:
- Our owner approves each insert, box text and e-mail against a review-policy checklist before printing.
- The owner audits all printed materials every quarter.

Sincerely,
[Your name]
Saltmarsh Linens""",
        why='The signature "[Your name]" is a template fill-in left in.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Nine buyers of our heavyweight hoodie, ASIN B0C7730198, in sizes XL and XXL reported in May 2025 that the hoodies were two sizes smaller than our size chart said, including the buyer of order 112-XXXXXXX-XXXXXXX.

Root cause:
When we changed factories in March 2025, we kept the old factory's size chart on the listing. Our process for a factory change had no step for measuring samples from the new factory against the chart.

Actions taken:
- 2 June 2025: our product manager measured 5 samples in each size and published a corrected size chart.
- 3 June 2025: all nine buyers were offered a free exchange or a full refund.

Preventive measures:
- When a factory or pattern changes, the product manager measures samples in every size and updates the chart before the new stock is sent to FBA.

Sincerely,
Leon Hartmann, Product Manager
Greycliff Apparel""",
        why='The order number "112-XXXXXXX-XXXXXXX" was never filled in.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers of ASIN B0C4433221 (Alpenglow merino beanie) reported in April 2025 that their beanies were not authentic. We had bought this stock from a wholesaler that was not an authorised Alpenglow distributor.

Root cause:
Our purchasing process approved suppliers on price and a business licence alone, without asking for invoices that trace the goods back to the brand.

Actions taken:
- Insert date here: we created a removal order for all 150 units of the beanie in FBA, to be disposed of.
- 30 April 2025: we opened an account with Alpenglow's authorised distributor, Alpine Trade GmbH, whose invoice INV-2025-0412 is attached.

Preventive measures:
- Our purchasing manager approves a new supplier only after receiving an invoice chain to the brand and confirming the supplier on the brand's distributor list.

Sincerely,
Mateo Ruiz, Purchasing Manager
Summit Thread Co.""",
        why='"Insert date here" is an instruction from a template, left in place of a date.',
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Seller name: Harrow Lane Goods Ltd
Merchant token: A2K9Q4LX7T1PZM
Order ID: <order ID>

Issue:
The buyer of this order received a ceramic vase, ASIN B0C9988776, that was cracked and listed as New. We shipped it from our own warehouse.

Root cause:
Our packing procedure wrapped vases in a single layer of paper in a box without padding. It had no drop test, so we did not know the packaging could not protect a vase in transit.

Actions taken:
- 8 May 2025: the buyer was refunded in full.
- 9 May 2025: our warehouse lead drop-tested our packaging from 1 metre; 3 of 5 vases cracked.

Preventive measures:
- Vases now ship double-boxed with 5 cm of padding on every side, a packaging that passed 10 of 10 drop tests on 12 May 2025.
- The warehouse lead drop-tests the packaging for every new fragile product before it is listed.

Sincerely,
Priti Shah, Operations Manager
Harrow Lane Goods Ltd""",
        why='"<order ID>" is a fill-in left where the order number belongs.',
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
