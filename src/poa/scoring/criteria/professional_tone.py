"""`professional_tone`: no pleading, no business promotion, no blaming buyers or Amazon, no capitals, no case references."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.kb.rules import pattern, root_cause_rules
from poa.reading.tone import (
    BLAME,
    HARD_PLEADING,
    PROMOTION,
    SELF_JUSTIFICATION,
    SOFT_PLEADING,
    shouting,
)
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result
from poa.text.plain import split_sentences

NAME = "professional_tone"
JUDGE = "no pleading, no business promotion, no blame of buyers, Amazon or its systems, no arguing with the decision or defending the record, no capital-letter shouting (names, acronyms and headings in capitals are fine), no references to open cases."
PLAIN_REASON = "The tone works against it: pleading, promotion, blame or capitals."
TITLE = "Factual tone"
FIX = "Remove pleading, praise of your store, blame and capitals; state the facts."


_CASE_REFERENCE = re.compile(
    r"case (?:id|number|#|no\.?)\s*:?\s*\d{6,}|\bcase \d{8,}|as (?:i|we) (?:said|mentioned|explained|stated) in (?:my|our) "
    r"(?:previous|last|earlier|other)",
    re.IGNORECASE,
)


_CAUSE_BLAME = pattern(root_cause_rules().blame)


def check(ctx: ScoringInput) -> CriterionResult:
    """No pleading, no business promotion, no blaming buyers or Amazon, no capitals, no case references."""
    problems: list[tuple[str, str]] = []
    for label, regex in (
        ("pleading", HARD_PLEADING),
        ("business promotion", PROMOTION),
        ("blame", BLAME),
        ("arguing with the decision", SELF_JUSTIFICATION),
        ("references to other cases", _CASE_REFERENCE),
    ):
        for sentence in split_sentences(ctx.text):
            if regex.search(sentence) and (label, sentence) not in problems:
                problems.append((label, sentence))
    for sentence in split_sentences(
        ctx.text
    ):  # blame of Amazon or its systems (a carrier's loss is a fact)
        match = _CAUSE_BLAME.search(sentence)
        if match and "amazon" in match.group(0).lower() and ("blame", sentence) not in problems:
            problems.append(("blame", sentence))
    soft = [s for s in split_sentences(ctx.text) if SOFT_PLEADING.search(s)]
    if len(soft) >= 2:  # one polite request to reinstate is fine; a letter that keeps asking is not
        problems += [("pleading", s) for s in soft if ("pleading", s) not in problems]
    problems += [("capital-letter shouting", s) for s in shouting(ctx.text)]
    if problems:
        kinds = list(dict.fromkeys(label for label, _ in problems))
        return result(
            NAME,
            False,
            1 - min(1.0, 0.25 * len(problems)),
            f"Unprofessional tone: {', '.join(kinds)}.",
            [s for _, s in problems],
        )
    return result(NAME, True, 1.0, "Factual tone: no pleading, promotion, blame or shouting.", [])


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

BRIGHTLINE TRADING LTD submits this plan of action for ASIN B0C2468013 (glass food storage containers), which was deactivated on 8 April 2025 after buyers reported receiving a set of 3 while the listing promised a set of 4.

Root cause:
In February 2025 our supplier changed the pack from 4 containers to 3. Our purchase order process did not compare the supplier's new specification sheet with our listing, so the detail page kept saying "set of 4" while 3-piece sets were sent to FBA.

Actions taken:
- 9 April 2025: our listing manager corrected the title, bullets and images to "set of 3".
- 10 April 2025: we refunded the 17 buyers who reported the difference.

Preventive measures:
- Before a purchase order is confirmed, the listing manager compares the supplier's specification sheet with the live ASIN and records the check in our PO log.
- A change of pack size needs a listing update before the stock is sent to FBA.

We respectfully ask you to reinstate the listing. Thank you for your time.

Sincerely,
Imogen Clarke, Director
BRIGHTLINE TRADING LTD""",
        why="A legal name in capitals, acronyms (FBA, ASIN, PO) and one polite request are professional.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Twelve of our SKUs, including ASIN B0C9753102 (beeswax food wraps), were removed because their UPC codes did not match the GS1 database. We had bought the codes from a reseller website, so they were not registered to our company.

Root cause:
When we created the listings in 2024, we did not know that Amazon checks each UPC against the GS1 company that owns it. Our listing process had no step for confirming who the codes were registered to.

Actions taken:
- 15 May 2025: we joined GS1 US and received our own company prefix.
- 19 May 2025: our listing manager assigned new GS1 UPCs to all 12 SKUs and applied for their relisting.

Preventive measures:
- We use only UPCs issued to us by GS1 US.
- Before a listing is created, the listing manager checks its GTIN on Verified by GS1 and saves the result with the SKU record.

We apologise for this error and would be grateful if you would reinstate these listings.

Kind regards,
Farah Iqbal, Owner
Honeycomb Wraps LLC""",
        why="An apology, plain facts and one request, with acronyms (SKU, UPC, GS1, GTIN) in capitals, are professional.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

ISSUE:
Our listing for ASIN B0D4411882 (percussion massage gun) said the device was "FDA approved". The device is not FDA approved, so the claim was false and against Amazon's policy on medical device claims.

ROOT CAUSE:
Our listing writer took the phrase from the factory's brochure. The factory is FDA-registered, and she did not know that registration is not approval. Our listing checklist had no step for checking regulatory claims.

ACTIONS TAKEN:
- 3 June 2025: we removed "FDA approved" from the title, bullets and images.
- 4 June 2025: our owner checked our other 9 listings and found no regulatory claims.

PREVENTIVE MEASURES:
- Every listing is checked against a list of regulatory terms (FDA approved, FDA cleared, clinically proven) before it is published, and the owner must see a document for any such claim.
- On 5 June 2025 the owner trained the listing writer on the difference between FDA registration, clearance and approval.

Sincerely,
Marco Bellini, Owner
Tempo Recovery""",
        why="Section headings in capitals are not shouting; no sentence is written in capitals.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Thank you for your notice. We accept that our valid tracking rate fell to 91% for the 30 days to 28 February 2025, below the 95% target: 38 of 420 orders had no tracking uploaded.

Root cause:
Our shipping software, ShipRelay, uploads tracking automatically only for labels bought inside it. During busy days our shipping clerk bought USPS labels at the post office counter and typed the numbers into Seller Central by hand afterwards, and there was no end-of-day check for orders left without tracking.

Actions taken:
- 3 March 2025: we stopped buying labels outside ShipRelay; all UPS and USPS labels are now bought in the software.
- 4 March 2025: our operations manager added tracking to the 12 orders still within the upload window.

Preventive measures:
- At 17:00 each day the shipping clerk runs the "shipped without tracking" report and fixes every order on it.
- The operations manager reviews the valid tracking rate every Monday.

Sincerely,
Jonah Whitaker, Operations Manager
Riverbend Supply LLC""",
        why="Accepting the finding and thanking the team is courteous, not grovelling; acronyms (UPS, USPS, LLC) are fine.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

BRIGHTLINE TRADING LTD submits this plan of action for ASIN B0C2468013 (glass food storage containers), which was deactivated on 8 April 2025 after buyers reported receiving a set of 3 while the listing promised a set of 4.

Root cause:
In February 2025 our supplier changed the pack from 4 containers to 3. Our purchase order process did not compare the supplier's new specification sheet with our listing, so the detail page kept saying "set of 4" while 3-piece sets were sent to FBA.

Actions taken:
- 9 April 2025: our listing manager corrected the title, bullets and images to "set of 3".
- 10 April 2025: we refunded the 17 buyers who reported the difference.

Preventive measures:
- Before a purchase order is confirmed, the listing manager compares the supplier's specification sheet with the live ASIN and records the check in our PO log.
- A change of pack size needs a listing update before the stock is sent to FBA.

We would add that this could not have gone on for weeks if Amazon's catalogue system had flagged the smaller pack when the new stock was received at the fulfilment centre.

We respectfully ask you to reinstate the listing. Thank you for your time.

Sincerely,
Imogen Clarke, Director
BRIGHTLINE TRADING LTD""",
        why="Blaming Amazon's catalogue system for not catching the error is unprofessional, even in a calm voice.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Twelve of our SKUs, including ASIN B0C9753102 (beeswax food wraps), were removed because their UPC codes did not match the GS1 database. We had bought the codes from a reseller website, so they were not registered to our company.

Root cause:
When we created the listings in 2024, we did not know that Amazon checks each UPC against the GS1 company that owns it. Our listing process had no step for confirming who the codes were registered to.

We must point out, however, that we bought these codes in good faith, that they are real UPCs, and that thousands of sellers use the same reseller without any problem. We do not believe our listings should have been removed for this.

Actions taken:
- 15 May 2025: we joined GS1 US and received our own company prefix.
- 19 May 2025: our listing manager assigned new GS1 UPCs to all 12 SKUs and applied for their relisting.

Preventive measures:
- We use only UPCs issued to us by GS1 US.
- Before a listing is created, the listing manager checks its GTIN on Verified by GS1 and saves the result with the SKU record.

Kind regards,
Farah Iqbal, Owner
Honeycomb Wraps LLC""",
        why="Justifying the seller's conduct and arguing with the removal undermine an otherwise sound plan.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

ISSUE:
Our listing for ASIN B0D4411882 (percussion massage gun) said the device was "FDA approved". The device is not FDA approved, so the claim was false and against Amazon's policy on medical device claims.

ROOT CAUSE:
Our listing writer took the phrase from the factory's brochure. The factory is FDA-registered, and she did not know that registration is not approval. Our listing checklist had no step for checking regulatory claims.

ACTIONS TAKEN:
- 3 June 2025: we removed "FDA approved" from the title, bullets and images.
- 4 June 2025: our owner checked our other 9 listings and found no regulatory claims.

PREVENTIVE MEASURES:
- Every listing is checked against a list of regulatory terms before it is published, and the owner must see a document for any such claim.
- On 5 June 2025 the owner trained the listing writer on FDA registration, clearance and approval.

This business is our family's only income, and my wife and I have three young children to support. Please, please give us another chance. Without this listing we cannot pay our rent, and we beg you to reinstate it.

Sincerely,
Marco Bellini, Owner
Tempo Recovery""",
        why="Pleading about family and livelihood, with repeated begging, is unprofessional.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Thank you for your notice. We accept that our valid tracking rate fell to 91% for the 30 days to 28 February 2025, below the 95% target: 38 of 420 orders had no tracking uploaded.

We are a top-rated seller with 10,000 happy customers and 99% positive feedback. WE HAVE NEVER HAD A SINGLE PROBLEM LIKE THIS BEFORE!!!

Root cause:
Our shipping software, ShipRelay, uploads tracking automatically only for labels bought inside it. During busy days our shipping clerk bought USPS labels at the post office counter and typed the numbers into Seller Central by hand afterwards, and there was no end-of-day check for orders left without tracking.

Actions taken:
- 3 March 2025: we stopped buying labels outside ShipRelay; all UPS and USPS labels are now bought in the software.
- 4 March 2025: our operations manager added tracking to the 12 orders still within the upload window.

Preventive measures:
- At 17:00 each day the shipping clerk runs the "shipped without tracking" report and fixes every order on it.
- The operations manager reviews the valid tracking rate every Monday.

Sincerely,
Jonah Whitaker, Operations Manager
Riverbend Supply LLC""",
        why='Promoting the store ("top-rated seller with 10,000 happy customers") and a shouted sentence with "!!!" are unprofessional.',
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
