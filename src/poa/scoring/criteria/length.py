"""`length`: the letter is within the configured character limit."""

from __future__ import annotations

from poa.core.models import CriterionResult
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result

NAME = "length"
JUDGE = "reasonable length (under the character limit)."
PLAIN_REASON = "It is too long for Seller Performance to read quickly."
TITLE = "Fits Amazon's form"
FIX = "Shorten it: cut background and repetition."


def check(ctx: ScoringInput) -> CriterionResult:
    """The letter is within the configured character limit."""
    count = len(ctx.text)
    if count > ctx.char_limit:
        return result(
            NAME,
            False,
            max(0.0, 1 - (count - ctx.char_limit) / ctx.char_limit),
            f"{count:,} characters; the limit is {ctx.char_limit:,}.",
        )
    return result(NAME, True, 1.0, f"{count:,} characters, within the {ctx.char_limit:,} limit.")


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
_PRODUCTS = (
    "bamboo cutting board",
    "silicone baking mat",
    "cotton dish cloth",
    "wooden spoon set",
    "glass food container",
    "steel water bottle",
    "linen bread bag",
    "cork trivet",
    "beeswax food wrap",
    "ceramic butter dish",
    "olive wood bowl",
    "hemp sponge",
    "microfibre cloth",
    "copper scrubber",
    "bamboo utensil holder",
    "silicone lid set",
    "marble rolling pin",
    "stoneware mug",
    "cotton apron",
    "jute placemat",
    "acacia serving tray",
    "glass spice jar",
    "steel straw set",
    "wool drying ball",
)
_CLAIMS = ("antibacterial", "kills 99% of germs", "antimicrobial", "mould-resistant", "germ-free")


def _asin_lines(count: int) -> str:
    lines = []
    for i in range(count):
        lines.append(
            f"- ASIN B0C55{i:05d} ({_PRODUCTS[i % len(_PRODUCTS)]}): the listing said "
            f'"{_CLAIMS[i % len(_CLAIMS)]}". On {3 + i % 4} April 2025 our listing manager removed the claim '
            "from the title, bullets, description and images, and the owner checked the live page the next day "
            "and saved a screenshot to our compliance folder."
        )
    return "\n".join(lines)


_MULTI_HEAD = """Dear Seller Performance Team,

Issue:
Your notice of 1 April 2025 found pesticide claims on {count} of our kitchen listings. Words such as "antibacterial" and "kills 99% of germs" are pesticide claims, and none of these products is EPA-registered, so the listings broke Amazon's pesticide policy.

Root cause:
Our listing manager copied product descriptions from our suppliers' catalogues, and our listing checklist covered images, title length and keywords but had no step for checking claims against the pesticide policy.

Actions taken, per listing:
"""

_MULTI_TAIL = """

Preventive measures:
- Every new or edited listing is checked against a list of pesticide terms (antibacterial, antimicrobial, kills germs, mould-resistant, germ-free) before it is published.
- Supplier text is never copied directly; the owner approves the final wording of each listing.

Sincerely,
Grace Whitfield, Owner
Oakhearth Kitchen"""


def _multi(count: int) -> str:
    return _MULTI_HEAD.replace("{count}", str(count)) + _asin_lines(count) + _MULTI_TAIL


_SHIP_BASE = """Dear Seller Performance Team,

Issue:
Our late shipment rate reached 8.1% for the 30 days to 31 January 2025: 46 of 568 seller-fulfilled orders shipped after their expected ship date.

Root cause:
Our shipping template promised a handling time of 1 day, but our carrier collects from our warehouse only on Monday, Wednesday and Friday. Orders placed after a pickup waited up to two days for the next one, and nobody had compared the template with the pickup schedule.

Actions taken:
- 3 February 2025: our operations manager set the handling time to 2 days and booked daily carrier pickups.

Daily shipping log since the change:
"""

_SHIP_TAIL = """

Preventive measures:
- Every Monday the operations manager compares the handling time in Seller Central with the carrier's pickup schedule and records the check in our shipping log.
- A change to the pickup schedule needs the operations manager's approval, together with the matching template change.

Sincerely,
Anton Petrov, Operations Manager
Birchway Home Supply"""


def _ship_log(days: int) -> str:
    return "\n\n".join(
        f"{4 + d} February 2025: {18 + d % 7} orders were placed before the cut-off and all were collected by the carrier "
        "the same afternoon. The operations manager compared each order's ship date with its expected ship date in "
        "Seller Central and found none late. The carrier's pickup scan was checked against our dispatch list, and the "
        "day's check was signed off in the shipping log."
        for d in range(days)
    )


_SHORT_A = """Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C7654321, a bamboo cutting board, said it was "antibacterial". This is a pesticide claim for a product that is not EPA-registered.

Root cause:
Our listing manager copied the supplier's description, and our listing checklist had no step for checking claims against the pesticide policy.

Actions taken:
- 4 April 2025: we removed the claim from the title, bullets and description.
- 5 April 2025: the owner checked our other 11 listings and found no similar claims.

Preventive measures:
- Every new or edited listing is checked against a list of pesticide terms before it is published.

Sincerely,
Grace Whitfield, Owner
Oakhearth Kitchen"""

_SHORT_B = """Dear Seller Performance Team,

Issue:
Our late shipment rate reached 8.1% for the 30 days to 31 January 2025: 46 of 568 orders shipped late.

Root cause:
Our shipping template promised 1-day handling, but our carrier collected only on Monday, Wednesday and Friday, and nobody had compared the two.

Actions taken:
- 3 February 2025: our operations manager set the handling time to 2 days and booked daily pickups.

Preventive measures:
- Every Monday the operations manager compares the handling time with the pickup schedule and records the check.

Sincerely,
Anton Petrov, Operations Manager
Birchway Home Supply"""

_SHORT_C = """Dear Seller Performance Team,

Issue:
Three buyers of ASIN B0B1122334 (Bluetooth speaker), listed as New, received opened returns in March 2025.

Root cause:
Our returns procedure sent any return in its box back to new stock, with no step for checking the seal.

Actions taken:
- 2 April 2025: our warehouse lead checked all 120 units on hand and moved 5 opened units to a Used listing.

Preventive measures:
- Every return is opened and checked; only sealed units go back into new stock, and the warehouse lead logs each one.

Sincerely,
Ivy Chen, Warehouse Lead
Soundcrest Audio"""

PASSES = (
    Example(
        appeal=_SHORT_A, why="A short, complete letter is well under the 6,000-character limit."
    ),
    Example(appeal=_SHORT_B, why="A very short letter still has every part and passes on length."),
    Example(appeal=_SHORT_C, why="A brief letter of about 600 characters passes."),
    Example(
        appeal=_multi(17),
        why="A detailed letter covering 17 listings, long but under 6,000 characters, passes.",
    ),
)

FAILS = (
    Example(
        appeal=_multi(20),
        why="A paragraph per listing for 20 listings takes the letter past 6,000 characters.",
    ),
    Example(
        appeal=_SHIP_BASE + _ship_log(18) + _SHIP_TAIL,
        why="A day-by-day shipping log pads a sound letter to over 6,000 characters.",
    ),
    Example(
        appeal=_SHORT_A
        + "\n\nAppendix: listing history\n\n"
        + "\n\n".join(
            f"Version {v} of the listing, saved on {v} March 2025 when we changed the price, kept the supplier's description. "
            'It carried the word "antibacterial" in the second bullet and in the description, and it was never '
            "checked against the pesticide policy, because our checklist at that time covered only images, title "
            "length and keywords."
            for v in range(1, 21)
        ),
        why="A short letter followed by a long repeated appendix is still over the limit as a whole.",
    ),
    Example(
        appeal=_multi(40),
        why="A letter covering 40 listings one by one is far over 6,000 characters.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
