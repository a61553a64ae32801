import pytest

from poa.kb.retrieval import retrieve_context

# Seller-style descriptions, worded the way sellers write in forums, not like the knowledge files.
DESCRIPTIONS = [
    (
        "we put a little card in the box saying leave 5 stars and get a free phone stand",
        "review_manipulation",
    ),
    (
        "an agency we paid for launch got us reviews from their facebook group, amazon suspended us",
        "review_manipulation",
    ),
    (
        "my brother and two guys from the warehouse wrote reviews on our new blender",
        "review_manipulation",
    ),
    (
        "we emailed a customer offering money back if he deleted his 1 star review",
        "review_manipulation",
    ),
    ("our follow up email software only asked happy customers to review", "review_manipulation"),
    (
        "the customer kept complaining so my assistant replied that he is an idiot",
        "inappropriate_communication",
    ),
    (
        "our message signature had a link to our shopify shop and a coupon code",
        "inappropriate_communication",
    ),
    (
        "automated thank you messages were sent to every buyer with marketing content",
        "inappropriate_communication",
    ),
    (
        "we messaged a buyer several times asking him to remove negative seller feedback",
        "inappropriate_communication",
    ),
    (
        "the refund was sent by paypal because the buyer asked, not through amazon",
        "off_platform_payment_or_diverting",
    ),
    (
        "our rep told a buyer to order directly from our website next time for a cheaper price",
        "off_platform_payment_or_diverting",
    ),
    (
        "we asked the buyer for his email address to send the invoice and a discount outside amazon",
        "off_platform_payment_or_diverting",
    ),
    (
        "a buyer said the headphones are fake and amazon wants invoices for the last year",
        "inauthentic",
    ),
    (
        "we bought stock from a liquidator and got an inauthentic complaint, no invoice from the brand",
        "inauthentic",
    ),
    ("customer complained the item was counterfeit, our FBA units were commingled", "inauthentic"),
    (
        "a brand filed a trademark complaint because we used their logo in our listing photos",
        "intellectual_property",
    ),
    (
        "listing removed for copyright, our product images were copied from the manufacturer site",
        "intellectual_property",
    ),
    ("we got a patent infringement notice for our phone case design", "intellectual_property"),
    (
        "suspected intellectual property violation because the title mentions another brand name",
        "intellectual_property",
    ),
    (
        "our order defect rate went over 1 percent after many a-to-z claims in december",
        "performance_odr_late_shipment_cancellation",
    ),
    (
        "too many orders shipped late during the holidays and the late shipment rate is 9%",
        "performance_odr_late_shipment_cancellation",
    ),
    (
        "we cancelled lots of orders because stock on ebay and amazon was not synced",
        "performance_odr_late_shipment_cancellation",
    ),
    (
        "valid tracking rate dropped because our courier numbers were not accepted",
        "performance_odr_late_shipment_cancellation",
    ),
    (
        "we listed a bug spray that claims to kill germs and amazon says it needs EPA registration",
        "restricted_products",
    ),
    ("our supplement listing was removed for making disease cure claims", "restricted_products"),
    (
        "a buyer said the camera we sold as new had scratches and someone else's photos on it",
        "condition_or_used_sold_as_new",
    ),
    (
        "returned items were put back on the shelf and sent out again as new",
        "condition_or_used_sold_as_new",
    ),
    (
        "account deactivated because it is linked to my old account that was suspended years ago",
        "related_accounts",
    ),
    (
        "amazon says my account is related to my cousin's account because we used the same laptop",
        "related_accounts",
    ),
    (
        "they asked for a utility bill but the address on it does not match the address in seller central",
        "verification",
    ),
    (
        "identity verification failed because the name on my passport and bank statement differ",
        "verification",
    ),
    (
        "we created variations of unrelated products to combine reviews on one listing",
        "listing_or_detail_page",
    ),
    (
        "our title was stuffed with keywords and the bullet points had wrong dimensions",
        "listing_or_detail_page",
    ),
    (
        "we ordered the items from walmart and had them shipped straight to the amazon customer",
        "drop_shipping",
    ),
    ("the package arrived with another retailer's packing slip and price on it", "drop_shipping"),
]


@pytest.mark.slow
def test_seller_descriptions_find_their_violation_type(store):
    hits = 0
    misses = []
    for text, expected in DESCRIPTIONS:
        types = [result.violation_type for result in store.search(text, k=3)]
        if expected in types:
            hits += 1
        else:
            misses.append((text, expected, types))
    rate = hits / len(DESCRIPTIONS)
    print(f"\nretrieval top-3 hit rate: {hits}/{len(DESCRIPTIONS)} = {rate:.0%}")
    for miss in misses:
        print("  miss:", miss)
    assert len(DESCRIPTIONS) >= 30
    assert rate >= 0.9


def test_filters_by_kind_and_type(store):
    results = store.search("buyer asked for refund", k=5, kind="policy")
    assert results and {r.kind for r in results} == {"policy"}
    typed = store.search("buyer asked for refund", k=5, violation_type="inauthentic", kind="notice")
    assert typed and {(r.kind, r.violation_type) for r in typed} == {("notice", "inauthentic")}
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(r.source.startswith("https://") for r in results)


def test_context_for_a_case_has_policies_and_annotated_examples(store):
    context = retrieve_context(
        store, "we offered a gift card for five star reviews in an insert", "review_manipulation"
    )
    assert context.policies and all(
        p.violation_type == "review_manipulation" for p in context.policies
    )
    assert len(context.accepted) == 2 and len(context.rejected) == 1
    assert len({e.path for e in context.accepted}) == 2
    assert all(e.outcome == "accepted" and e.why for e in context.accepted)
    assert context.rejected[0].fails
    assert len(context.accepted[0].text) > 400  # the whole letter, not a chunk


def test_unknown_type_searches_everything(store):
    context = retrieve_context(
        store, "late shipments and cancellations", None, accepted=1, rejected=0
    )
    assert context.policies and context.accepted and not context.rejected
