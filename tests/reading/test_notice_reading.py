"""What the seller needs from each kind of notice, branches, the in-error path, other languages.

Notices here are written in our words, in the shapes Amazon uses.
"""

from poa.reading.notice import parse_notice

FINAL = """Hello,

We have reviewed your appeal and the plan of action you sent on 2 May 2025. Your selling account
will not be reinstated. This decision is final and we will not respond to further messages about it.

Funds in your account will be held for 90 days. After 90 days, the hold will be removed and any
remaining balance will be sent to your bank account.

Seller Performance Team
"""

BRANCHES = """Hello,

We have removed your listing for ASIN B0C4TQ8LMN because buyers reported that the item was not
authentic.

How do I reinstate my listing?

For authenticity complaints:
- Invoices from your supplier issued in the last 365 days
- The name, address, phone number and website of your supplier

For all other complaints:
- Photos of the product and its packaging
- The steps you have taken to check the condition of returned items

If you believe this was in error, send us evidence that the items you sold were authentic.

You have 17 days to send this information.

Seller Performance Team
"""


def test_a_final_decision_asks_for_nothing_and_a_fund_hold_is_no_deadline():
    notice = parse_notice(FINAL)
    assert notice.notice_kind == "final_decision"
    assert notice.needs == "nothing"
    assert notice.required_items == []  # no invented "root cause / actions / prevention"
    assert notice.deadline_days is None


def test_a_reinstatement_is_good_news():
    text = (
        "Hello,\n\nThank you for your plan of action. Having reviewed it, we have decided to reinstate "
        "your selling privileges. Your listings will be active again within 24 hours.\n\nSeller Performance"
    )
    notice = parse_notice(text)
    assert notice.notice_kind == "reinstatement"
    assert notice.needs == "nothing"
    assert not any(item.kind == "root_cause" for item in notice.required_items)


def test_only_the_branch_for_this_notice_is_kept_and_the_error_path_is_an_option():
    notice = parse_notice(BRANCHES)
    assert notice.violation_type == "inauthentic"
    texts = [item.text for item in notice.required_items]
    assert any("Invoices from your supplier" in t for t in texts)
    assert any("name, address, phone number and website" in t for t in texts)
    assert not any("Photos of the product" in t or "returned items" in t for t in texts), texts
    in_error = [item for item in notice.required_items if item.in_error]
    assert len(in_error) == 1 and "evidence" in in_error[0].text
    assert notice.deadline_days == 17
    assert notice.documents[:1] == ["supplier_invoice"]


def test_a_request_for_documents_needs_documents_not_a_plan():
    text = """Hello,

We are reviewing your selling account. During the review your listings stay active.

To complete our review, please upload the following:
- A utility bill issued in the last 90 days with your name and address
- Your business licence
- Invoices from your supplier for the ASINs below

The documents must meet these requirements:
- They are not screenshots
- Names and addresses match your Seller Central account

Seller Verification Team
"""
    notice = parse_notice(text)
    assert notice.notice_kind == "request_for_information"
    assert notice.needs == "documents"
    assert [item.kind for item in notice.required_items] == ["documents"] * 3
    assert notice.documents == ["utility_bill", "business_licence", "supplier_invoice"]


def test_an_italian_bank_transfer_refund_is_off_platform_not_a_restricted_product():
    text = """Buongiorno,

abbiamo disattivato il tuo account venditore su Amazon.it. Abbiamo rilevato che hai rimborsato un
acquirente tramite bonifico bancario, al di fuori di Amazon, per l'ordine 405-1234567-7654321.

Cosa devo fare?
Invia un piano d'azione che spieghi la causa del problema, le azioni intraprese e le misure per
evitare che si ripeta in futuro, entro 17 giorni.

Il team Prestazioni venditore
"""
    notice = parse_notice(text)
    assert notice.violation_type == "off_platform_payment_or_diverting"
    assert notice.notice_kind == "deactivation"
    assert notice.deadline_days == 17
    assert notice.language == "it"
    assert {"root_cause", "actions", "prevention"} <= {i.kind for i in notice.required_items}


def test_a_stray_word_never_decides_the_type():
    text = (
        "Hello,\n\nWe will review the documents you sent and contact you. Please do not send a refund "
        "request to Seller Support while the review is open.\n\nAmazon"
    )
    notice = parse_notice(text)
    assert notice.violation_type == "other"
    assert notice.type_evidence == []


def test_a_safety_complaint_is_product_safety_with_a_runner_up_shown():
    text = """Hello,

We removed the listing for ASIN B0D4HX82NQ because a customer reported that the charger overheated
and caused a burn. Customer safety is our priority.

To reinstate the listing, send a test report from an accredited laboratory and photos of the label.

Product Safety Team
"""
    notice = parse_notice(text)
    assert notice.violation_type == "product_safety"
    assert notice.notice_kind == "listing_removal"
    assert notice.needs == "documents"
    assert notice.type_evidence


class _CountingStore:
    """Stands in for the index: counts the searches and finds nothing."""

    def __init__(self) -> None:
        self.searches = 0

    def search(self, *args, **kwargs):
        self.searches += 1
        return []


def test_the_index_is_asked_only_when_its_vote_could_change_the_type():
    clear = "Hello,\n\nWe found that you tried to manipulate customer reviews on your products.\n\nAmazon"
    bare = "Hello,\n\nThank you for your plan of action. We cannot reactivate your account yet.\n\nAmazon"
    store = _CountingStore()
    assert parse_notice(clear, store).violation_type == "review_manipulation"
    assert store.searches == 0  # the rules' margin is more than the vote can close
    parse_notice(bare, store)
    assert store.searches == 1
