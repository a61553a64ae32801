"""`issue_defined`: the incident is stated: what happened, when, which orders/ASINs (where the notice names them), which policy."""

from __future__ import annotations

import re

from poa.core.models import CriterionResult
from poa.reading.violation_type import rule_scores
from poa.scoring.criteria.base import CriterionSpec, Example, ScoringInput, result
from poa.text.facts import ASIN, ORDER_ID, find_dates
from poa.text.plain import split_sentences

NAME = "issue_defined"
JUDGE = "what happened, on which order or ASIN where known, under which policy; when, if the inputs hold a date."
PLAIN_REASON = "The issue is not clearly stated: what happened, when, which orders, which policy."
TITLE = "Says what happened"
FIX = "Open with what happened, on which product or order, and under which policy (and when, if you know)."


_WHEN = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|yesterday|last "
    r"(?:week|month)|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)


_POLICY = re.compile(
    r"polic|guideline|code of conduct|\brules\b|agreement|terms|standards?\b|requirement|target|violat|condition",
    re.IGNORECASE,
)


# Sentences about the notice or the letter itself say nothing of what happened: "We received your
# notification about a policy concern", "Our account was deactivated for a violation of the Code".
_ABOUT_THE_NOTICE = re.compile(
    r"\b(?:we|i) (?:have )?(?:received|got|read)\b|\b(?:we|i) (?:are|am) writing\b|\byour (?:notification|notice|message|"
    r"e-?mail|letter)\b|\bwe take (?:it|this|the matter) (?:very )?seriously\b|\b(?:concerns?|issues?) raised\b"
    r"|\b(?:account|listing|asin|selling privileges?|store)s? (?:was|were|has been|have been|got) (?:deactivated|suspended|"
    r"removed|blocked|deleted|restricted|closed|deactivated)\b",
    re.IGNORECASE,
)
# ... unless it goes on to say what: "… removed because its title used the brand name".
_SAYS_WHAT = re.compile(
    r"\b(?:because|as|after|since|which|when|that (?:we|our|the|it))\b|\bfor (?:selling|using|sending|offering|listing|having|"
    r"shipping|asking|contacting|writing)\b|:",
    re.IGNORECASE,
)
MIN_WHAT_WORDS = 10
_GREETING = re.compile(r"^(?:dear|hello|hi|to whom)\b", re.IGNORECASE)


def _what_happened(issue: str) -> str:
    """The issue's sentences that describe the incident, not the notice or the letter."""
    return " ".join(
        s
        for s in split_sentences(issue)
        if not (
            _ABOUT_THE_NOTICE.search(s)
            and not _SAYS_WHAT.search(s)
            and not (ORDER_ID.search(s) or ASIN.search(s) or find_dates(s))
        )
    )


def check(ctx: ScoringInput) -> CriterionResult:
    """The incident is stated: what happened, when, which orders/ASINs (where the notice names them), which policy."""
    # What happened may sit under no heading at all, after an opening about the notice.
    opening = [b.text for b in ctx.seg.blocks if b.section in ("issue", "other")]
    issue = " ".join(t for t in opening if not _GREETING.match(t))
    if len(_what_happened(issue).split()) < MIN_WHAT_WORDS:  # no issue part: the first content
        issue = next(
            (b.text for b in ctx.seg.blocks if b.section not in ("other", "closing")), issue
        )
    opening = " ".join(b.text for b in ctx.seg.blocks[:4])
    notice_ids = [*ctx.notice.order_ids, *ctx.notice.asins] if ctx.notice else []
    letter_ids = ORDER_ID.findall(ctx.text) + ASIN.findall(ctx.text)
    what = len(_what_happened(issue).split()) >= MIN_WHAT_WORDS
    when = bool(find_dates(issue) or _WHEN.search(issue) or find_dates(opening))
    which = bool(set(notice_ids) & set(letter_ids)) if notice_ids else True
    policy = bool(
        _POLICY.search(ctx.text) or rule_scores(ctx.text)
    )  # "trademark complaint" names the policy too
    # "When" is asked only when the inputs hold a date: a seller's own letter, scored alone, or a
    # story without dates, cannot be faulted for a date nobody gave.
    dated_inputs = bool(ctx.sources and find_dates(ctx.sources))
    parts = {"what happened": what, "which orders or ASINs": which, "which policy": policy}
    if dated_inputs:
        parts["when"] = when or bool(letter_ids)
    missing = [part for part, ok in parts.items() if not ok]
    score = 1 - len(missing) / len(parts)
    passed = not missing
    if passed:
        return result(
            NAME,
            True,
            score,
            f"The issue is stated: {', '.join(parts)}.",
            [issue],
        )
    return result(
        NAME,
        False,
        score,
        f"The issue is not clearly defined: missing {', '.join(missing)}.",
        [issue],
    )


# Letters this criterion must pass and fail (tests/scoring/test_criterion_examples.py).
PASSES = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our listing for ASIN B0C3344556, a rosemary hair serum, said the serum "cures hair loss" and "treats alopecia". These are disease claims, which Amazon's Drugs and drug paraphernalia policy does not allow for a cosmetic product.

Root cause:
Our listing writer took the wording from the manufacturer's brochure. She did not know that saying a cosmetic treats or cures a condition makes it an unapproved drug claim, and our listing checklist had no step for checking claims before publishing.

Actions taken:
- We removed both claims from the title, bullets and A+ content of ASIN B0C3344556.
- Our owner checked our other 17 listings for treat, cure or heal claims and found none.

Preventive measures:
- Every new or edited listing is checked against a list of disease and drug terms (cure, treat, heal, prevent, alopecia) before it is published.
- Our owner has trained the listing writer on the difference between cosmetic and drug claims, and new writers get the same training.

Sincerely,
Nadia Farouk, Owner
Larchwood Naturals""",
        why="What (disease claims), on what (ASIN B0C3344556) and which policy are stated; no date is needed because no input holds one.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
The buyer of order 114-2233445-5667788 received a jar of our raw manuka honey, ASIN B0B7766554, that was past its expiry date. Selling an expired product breaks Amazon's policy on expiration-dated products.

Root cause:
Our stock sheet recorded quantities per SKU but not expiry dates, and our packers picked jars from the front of the shelf. When a new lot was shelved in front of an older one, nothing told the packer which lot to send first, so an old jar stayed on the shelf past its expiry date.

Actions taken:
- Our warehouse lead checked all 410 jars on hand and removed 6 expired ones, which were destroyed.
- The buyer was refunded in full and sent a replacement jar from the newest lot.

Preventive measures:
- Our stock sheet now records the expiry date of each lot, and jars are picked oldest lot first.
- Every Monday the warehouse lead removes any jar within 90 days of its expiry date.

Sincerely,
Callum Reid, Owner
Kowhai Pantry""",
        notice="""Hello,

We have received a customer complaint that order 114-2233445-5667788 contained an expired product, ASIN B0B7766554. Selling expired products violates our policy on expiration-dated products, and your listing for this ASIN has been deactivated.

To reactivate the listing, please send a plan of action that explains the root cause, the actions you have taken, and the steps you will take to prevent this in future.

Seller Performance Team""",
        why="The order, product and policy are named; the notice holds no date, so the letter needs none.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
On 14 May 2025 you deactivated our listing for ASIN B0D1122334, a bamboo dish brush, because its bullets said the "antibacterial bristles kill 99.9% of bacteria". That is a pesticide claim for an unregistered product, against Amazon's pesticide policy.

Root cause:
Our virtual assistant copied the claim from the factory's sales sheet when she wrote the listing, and we had no step for checking product claims before a listing went live.

Actions taken:
- 15 May 2025: I removed the claim from the listing.
- 16 May 2025: I checked our other 12 listings and found no similar claims.

Preventive measures:
- I now check every new or edited listing against a list of pesticide terms before it is published.
- On 19 May 2025 our assistant completed Amazon's training on the pesticide policy.

Sincerely,
Hugo Brennan, Owner
Pinecrest Household""",
        story="""I'm Hugo Brennan and I run Pinecrest Household; we sell dish brushes and sponges. Our bamboo dish brush, ASIN B0D1122334, had bullets saying the "antibacterial bristles kill 99.9% of bacteria". Our virtual assistant, Mei, copied that from the factory's sales sheet when she wrote the listing; we never checked claims before a listing went live. Amazon deactivated the listing on 14 May 2025 for pesticide claims. On 15 May 2025 I removed the claim. On 16 May 2025 I went through our other 12 listings and found nothing similar. Now I check every new or edited listing against a pesticide word list before it is published, and Mei completed Amazon's pesticide policy training on 19 May 2025.""",
        why="The story holds the deactivation date, and the letter says when as well as what and on which listing.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
On 2 June 2025 Velora Home Inc. reported that our listing for ASIN B0C6655443 infringed its trademark VELORA. Our replacement air purifier filter, which we make ourselves, had "Velora" as the first word of its title, so it read as a Velora product.

Root cause:
Our listing writer did not know that another company's trademark may not be used as if it were the product's brand. Our title template put the compatible model's name first, and no one checked titles for third-party trademarks before publishing.

Actions taken:
- 3 June 2025: we changed the title to start with our own brand, AIRWELL, and removed "Velora" from the title and bullets.
- 4 June 2025: our listing manager checked our other 9 filter listings and corrected two titles in the same way.

Preventive measures:
- Our title template now starts with our brand name, and compatible models are named only in one bullet.
- The listing manager checks each new title against the USPTO trademark search before publishing.

Sincerely,
Greta Holm, Listing Manager
Airwell Filters""",
        notice="""Hello,

On 2 June 2025 we received a report from a rights owner, Velora Home Inc., that your listing for ASIN B0C6655443 infringes their trademark VELORA. We have removed the listing.

To have it reinstated, please send a plan of action that includes the root cause, the actions you have taken and the steps you will take to prevent further infringement.

Seller Performance Team""",
        why="The notice holds a date, and the letter gives it with what went wrong, the ASIN and the rights owner.",
    ),
)

FAILS = (
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
We received your notification about a policy concern on our account, and we take it very seriously.

Root cause:
Our listing checklist covered images, title length and keywords, but it had no step for checking product wording against Amazon's policies before a listing was published.

Actions taken:
- 12 May 2025: our listing manager corrected the affected listing.
- 13 May 2025: the listing manager reviewed our other 24 listings.

Preventive measures:
- Every new or edited listing is now checked against Amazon's policy pages by the listing manager before it is published.
- The owner reviews a sample of five listings each month.

Sincerely,
Nadia Farouk, Owner
Larchwood Naturals""",
        why="The letter never says what was wrong, on which listing, or under which policy.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
We are writing about the complaint described in your message, and we take it very seriously.

Root cause:
Our stock sheet recorded quantities per SKU but no lot information, and our packers picked from the front of the shelf. Nothing told a packer which lot to send first.

Actions taken:
- Our warehouse lead checked all 410 units on hand and removed 6 that did not meet our standard.
- The buyer was refunded in full.

Preventive measures:
- Our stock sheet now records lot information, and packers pick the oldest lot first.
- Every Monday the warehouse lead checks the lots on the shelf.

Sincerely,
Callum Reid, Owner
Kowhai Pantry""",
        notice="""Hello,

We have received a customer complaint that order 114-2233445-5667788 contained an expired product, ASIN B0B7766554. Selling expired products violates our policy on expiration-dated products, and your listing for this ASIN has been deactivated.

To reactivate the listing, please send a plan of action that explains the root cause, the actions you have taken, and the steps you will take to prevent this in future.

Seller Performance Team""",
        why="The notice names an expired product on an order, but the letter only points to 'the complaint described in your message'.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
We are writing regarding ASIN B0C8899001 (men's leather wallet) and the concerns raised about it.

Root cause:
Our sourcing process approved new suppliers on price and delivery time alone. We did not ask a new supplier for brand authorisation or invoices before placing an order.

Actions taken:
- 5 May 2025: we created a removal order for the 120 units of ASIN B0C8899001 in FBA and stopped buying from that supplier.
- 6 May 2025: our purchasing manager asked our other four suppliers for authorisation letters and invoices; all four provided them.

Preventive measures:
- We now place a first order only after the supplier sends a brand authorisation letter and a sample invoice, checked by the purchasing manager.
- Invoices are kept for every purchase and matched to FBA shipments.

Sincerely,
Eitan Shapiro, Purchasing Manager
Coldwater Goods""",
        why="A product is named, but the letter never says what went wrong with it.",
    ),
    Example(
        appeal="""Dear Seller Performance Team,

Issue:
Our account was deactivated for a violation of the Seller Code of Conduct.

Root cause:
Our messages to buyers were written by a marketing contractor and sent without review by anyone who knew Amazon's communication guidelines.

Actions taken:
- 21 July 2025: we turned off all automated buyer messages in our messaging tool.
- 22 July 2025: our owner rewrote our message templates so they hold order information only.

Preventive measures:
- Every message template is approved by the owner against the Communication Guidelines before it is used.
- Contractors no longer have access to buyer messaging.

Sincerely,
Mireille Dubois, Owner
Sable & Stone Jewellery""",
        why="Naming the policy area (Seller Code of Conduct) is not saying what was wrong in the messages or which buyers got them.",
    ),
)


CRITERION = CriterionSpec(
    NAME, check, JUDGE, PLAIN_REASON, title=TITLE, fix=FIX, passes=PASSES, fails=FAILS
)
