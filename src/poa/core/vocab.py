"""Fixed vocabularies: violation types, knowledge kinds, notice kinds, rubric criteria.

Kept free of heavy imports: the CLI parser reads them at start-up.
"""

from __future__ import annotations

from typing import Literal, get_args

ViolationType = Literal[
    "review_manipulation",
    "inappropriate_communication",
    "off_platform_payment_or_diverting",
    "inauthentic",
    "intellectual_property",
    "restricted_products",
    "condition_or_used_sold_as_new",
    "performance_odr_late_shipment_cancellation",
    "related_accounts",
    "verification",
    "listing_or_detail_page",
    "drop_shipping",
    "product_safety",
    "sales_rank_manipulation",
    "fba_reimbursement_abuse",
    "excessive_support_contacts",
    "charge_when_ship",
    "account_review_section3",
    "other",
]
VIOLATION_TYPES: tuple[str, ...] = get_args(ViolationType)

KnowledgeKind = Literal["policy", "accepted", "rejected", "notice", "playbook"]
KNOWLEDGE_KINDS: tuple[str, ...] = get_args(KnowledgeKind)

NoticeKind = Literal[
    "warning",
    "listing_removal",
    "deactivation",
    "rejection",  # of an appeal
    "request_for_information",  # documents, verification, an account review
    "final_decision",  # not reinstated, no further appeal
    "reinstatement",  # good news: nothing to appeal
]
NOTICE_KINDS: tuple[str, ...] = get_args(NoticeKind)

# What the seller has to send, decided by the notice's kind and what it asks for.
SellerNeed = Literal["plan_of_action", "documents", "error_evidence", "nothing"]
SELLER_NEEDS: tuple[str, ...] = get_args(SellerNeed)

Criterion = Literal[
    "single_root_cause",
    "root_cause_specific",
    "prevention_matches_root_cause",
    "issue_defined",
    "verifiable_details",
    "notice_coverage",
    "professional_tone",
    "no_fabrication",
    "grounded",
    "no_placeholders",
    "length",
]
CRITERIA: tuple[str, ...] = get_args(Criterion)
GATE_CRITERIA: tuple[str, ...] = (
    "single_root_cause",
    "prevention_matches_root_cause",
    "notice_coverage",
    "no_fabrication",
    "grounded",
)

# Languages a letter can be written in (other than English, only with an LLM).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "it": "Italian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "ja": "Japanese",
    "zh": "Chinese",
}

# The language of each marketplace whose letters may be written in it (with an LLM).
MARKETPLACE_LANGUAGES = {
    "amazon.de": "de",
    "amazon.it": "it",
    "amazon.fr": "fr",
    "amazon.es": "es",
    "amazon.co.jp": "ja",
    "amazon.com.mx": "es",
    "amazon.com.be": "fr",
}

# How letters name the policy of each violation type (names as on Seller Central help pages).
POLICY_NAMES: dict[str, str] = {
    "review_manipulation": "Customer Product Reviews policy",
    "inappropriate_communication": "Buyer-Seller Communication Guidelines",
    "off_platform_payment_or_diverting": "Seller Code of Conduct rule against diverting buyers or payments",
    "inauthentic": "Anti-Counterfeiting policy on product authenticity",
    "intellectual_property": "Intellectual Property policy",
    "restricted_products": "Restricted Products policy",
    "condition_or_used_sold_as_new": "Condition Guidelines",
    "performance_odr_late_shipment_cancellation": "customer service performance targets",
    "related_accounts": "policy on related selling accounts",
    "verification": "seller identity verification requirements",
    "listing_or_detail_page": "Product Detail Page Rules",
    "drop_shipping": "Drop Shipping policy",
    "other": "policy named in the notice",
}
