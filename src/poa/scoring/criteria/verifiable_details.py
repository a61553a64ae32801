"""`verifiable_details`: dates, IDs, roles, counts and documents; the actions already taken are past tense and dated."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.case import ROLES
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result
from poa.scoring.measures import actions_taken
from poa.text.facts import ASIN, NUMBER, ORDER_ID, find_dates, mask_ids_and_dates

NAME = "verifiable_details"
JUDGE = "Amazon could check it: dates on the key actions, order IDs or ASINs where known, roles, counts, documents (some of these, as accepted letters have)."
PLAIN_REASON = (
    "Actions have no dates, or there are too few checkable details (IDs, roles, documents)."
)
TITLE = "Details Amazon can check"
FIX = "Give the date of each action you took, the order IDs or ASINs, who did what, and the documents you attach."


_ROLE_PATTERN = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ROLES), re.IGNORECASE)


_DOCUMENT = re.compile(
    r"invoice|receipt|screenshot|photo|record|log|report|certificate|contract|agreement|letter|statement|confirmation|checklist",
    re.IGNORECASE,
)


def check(ctx: ScoringInput) -> CriterionResult:
    """Checkable details of the kinds accepted letters carry: dates, IDs, roles, counts, documents.

    Accepted letters have some of these, rarely all: a letter with a date or an ID and one more kind
    can be checked.
    """
    actions = actions_taken(ctx.seg)
    dated = [a for a in actions if find_dates(a)]
    kinds = {
        "dates": bool(find_dates(ctx.text)),
        "order IDs or ASINs": bool(ORDER_ID.search(ctx.text) or ASIN.search(ctx.text)),
        "roles": bool(_ROLE_PATTERN.search(ctx.text)),
        "counts": bool(NUMBER.search(mask_ids_and_dates(ctx.text))),
        "documents": bool(_DOCUMENT.search(ctx.text)),
    }
    present = [kind for kind, found in kinds.items() if found]
    share = len(dated) / len(actions) if actions else 0.0
    score = (len(present) / len(kinds) + share) / 2
    undated = [a for a in actions if a not in dated]
    anchored = kinds["dates"] or kinds["order IDs or ASINs"]  # what ties the letter to records
    if len(present) < 2 or not anchored:
        shown = present[0] if present else "none"
        return result(
            NAME,
            False,
            score,
            f"Too little that Amazon could check (found: {shown}); add dates, IDs, who did what, "
            "counts or documents.",
            undated or actions,
        )
    return result(
        NAME,
        True,
        score,
        f"Checkable details: {', '.join(present)}; {len(dated)} of {len(actions)} actions dated.",
        undated,
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Two buyers of ASIN B0C7123456 (Nordhaven thermal gloves) reported in April 2025 that the gloves they received were not authentic. We had bought this stock from a wholesaler who could not show that the goods came from the brand.

Root cause:
Our purchasing process accepted a new wholesaler on price and a business licence alone. We did not ask for invoices tracing the goods back to the brand or its authorised distributor, so we could not know the stock was genuine.

Actions taken:
- 22 April 2025: our owner created removal order 8FjKq2xLm for all 260 units of ASIN B0C7123456 in FBA.
- We stopped buying from the wholesaler and removed it from our supplier list.
- 29 April 2025: we opened an account with Nordhaven's authorised distributor, Alpine Trade GmbH. Its invoice AT-25-0412 for 300 units is attached.

Preventive measures:
- Our purchasing manager approves a new supplier only after receiving an invoice chain back to the brand and finding the distributor on the brand's website.
- Each FBA shipment plan is matched to its supplier invoice before it is sent.

Sincerely,
Stefan Ohlsson, Owner
Fjellsted Outfitters""",
        why="Dated key actions, a removal order, counts, roles and a named invoice make it checkable; one action is undated and that is fine.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our order defect rate reached 1.6% for the 60 days to 28 February 2025, above the 1% target. 14 of 870 orders received A-to-z claims for items not received, including orders 112-3344556-6778899 and 112-9988776-6554433.

Root cause:
Our shipping template sent every order under $10 by untracked First-Class letter post to save cost. When a parcel went missing we had no tracking to show the buyer or Amazon, so each lost parcel became a claim we could not answer.

Actions taken:
- 3 March 2025: our shipping coordinator moved all orders to tracked USPS Ground Advantage in the shipping template.
- All 14 buyers were refunded in full.

Preventive measures:
- Every order now ships with tracking uploaded to Seller Central; the shipping coordinator checks the valid tracking rate every Monday and fixes any order without tracking the same day.
- Our shipping settings document lists tracked services as the only ones allowed, and the owner must approve any change.

Sincerely,
Ravi Menon, Owner
Pocketful Crafts""",
        why="Order IDs, counts, a dated change, roles and a named settings document are there, without dating every step.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Between 1 and 30 April 2025 our buyer follow-up message for ASIN B0C1472583 (ceramic pour-over set) asked buyers to "leave us a 5-star review if you are happy". Asking for a positive review breaks Amazon's Communication Guidelines.

Root cause:
Our customer service assistant wrote the template in our messaging tool, Postmark Pilot, and it went live without review, because we had no approval step for buyer-facing messages.

Actions taken:
- 5 May 2025: our customer service lead switched off the template; 412 messages had been sent with it.
- We deleted all other templates in the tool.
- 7 May 2025: we wrote a Buyer Messaging SOP, which is attached.

Preventive measures:
- Under the SOP, any buyer message template needs the customer service lead's written approval against the Communication Guidelines before it is used.
- We request reviews only through the Request a Review button.

Sincerely,
Chloe Marsh, Customer Service Lead
Ember & Clay Homeware""",
        why="Dates, the count of messages sent, the tool's name, the roles and a named SOP give Amazon things to check.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our power bank, ASIN B0D5544332, was sent to FBA in shipment FBA18XK42P without the Safety Data Sheet needed for lithium-ion batteries, so the ASIN was blocked as undocumented dangerous goods.

Root cause:
Our FBA shipment checklist had no dangerous goods step. Our logistics assistant created the listing and did not know that products with lithium batteries need an SDS and a UN38.3 test summary before they can be sent in.

Actions taken:
- 9 July 2025: our logistics coordinator uploaded the SDS and the UN38.3 test summary from our manufacturer, Kaiyuan Power Co.
- We checked our other 6 ASINs; none contains a battery.

Preventive measures:
- The shipment checklist now asks whether a product has a battery, liquid or aerosol; if so, the logistics coordinator uploads the SDS and test summary before the shipment plan is created.
- On 11 July 2025 the coordinator trained the assistant on Amazon's dangerous goods rules.

Sincerely,
Wen Li, Logistics Coordinator
Voltcrest Electronics""",
        why="A shipment ID, dated uploads, named documents (SDS, UN38.3 summary) and roles are present; one action is undated.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Buyers reported that some of the thermal gloves they received from us were not authentic. We had bought this stock from a wholesaler who could not show that the goods came from the brand.

Root cause:
Our purchasing process accepted a new wholesaler on price and a business licence alone. We did not ask for invoices tracing the goods back to the brand or its authorised distributor, so we could not know the stock was genuine.

Actions taken:
- We removed the affected stock from Amazon's warehouses.
- We stopped buying from the wholesaler.
- We now buy this product from an authorised distributor.

Preventive measures:
- We approve a new supplier only after receiving an invoice chain back to the brand.
- Each shipment is matched to its supplier invoice before it is sent.

Sincerely,
Fjellsted Outfitters""",
        why="No dates, ASIN, counts, roles or documents: nothing in the letter can be checked.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our order defect rate went above the target because several buyers filed A-to-z claims for items they did not receive.

Root cause:
Our shipping template sent low-value orders by untracked letter post to save cost. When a parcel went missing we had no tracking to show the buyer or Amazon, so each lost parcel became a claim we could not answer.

Actions taken:
- We moved all orders to a tracked shipping service.
- We refunded the affected buyers.

Preventive measures:
- Every order now ships with tracking uploaded to Seller Central, and we check the valid tracking rate regularly.
- Only tracked services are allowed in our shipping settings.

Sincerely,
Pocketful Crafts""",
        why="The same story told with no numbers, order IDs, dates, roles or documents is generic throughout.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our buyer follow-up message asked buyers to leave us a 5-star review if they were happy. Asking for a positive review breaks Amazon's Communication Guidelines.

Root cause:
The template was written in our messaging tool and went live without review, because we had no approval step for buyer-facing messages.

Actions taken:
- We switched off the template.
- We deleted all other templates in the tool.
- We wrote a new procedure for buyer messages.

Preventive measures:
- Any buyer message template now needs approval against the Communication Guidelines before it is used.
- We request reviews only through the Request a Review button.

Sincerely,
Ember & Clay Homeware""",
        why="No dates, product, count of messages, roles or named document: the letter is generic throughout.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our power bank was sent to FBA without the Safety Data Sheet needed for lithium-ion batteries, so it was blocked as undocumented dangerous goods.

Root cause:
Our FBA shipment checklist had no dangerous goods step, and the person who created the listing did not know that products with lithium batteries need an SDS and a test summary before they can be sent in.

Actions taken:
- We uploaded the required documents.
- We checked our other products for batteries.

Preventive measures:
- Our shipment checklist now asks whether a product has a battery, liquid or aerosol, and if so the documents are uploaded before the shipment plan is created.
- Our team has been trained on Amazon's dangerous goods rules.

Sincerely,
Voltcrest Electronics""",
        why="Without an ASIN, shipment, dates, roles or the documents' names, Amazon has nothing to check.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
