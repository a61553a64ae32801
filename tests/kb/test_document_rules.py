"""knowledge/rules/documents.yaml: every document type finds its own examples and only those."""

import pytest
import yaml
from pydantic import ValidationError

from poa.reading.document_checklist import (
    RULES_FILE,
    DocumentRules,
    checklist,
    document_rules,
    find_documents,
)

IDS = [
    "supplier_invoice",
    "order_confirmation",
    "letter_of_authorisation",
    "rights_owner_retraction",
    "brand_registration",
    "import_papers",
    "tracking_and_delivery_proof",
    "utility_bill",
    "bank_statement",
    "credit_card_statement",
    "identity_document",
    "business_licence",
    "safety_test_report",
    "product_photos",
    "screenshots",
]
RULES = document_rules().documents


def test_every_document_type_is_there_once():
    assert [rule.id for rule in RULES] == IDS


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_each_pattern_finds_its_examples_and_not_the_near_misses(rule):
    for sentence in rule.should_match:
        assert rule.id in find_documents(sentence), sentence
    for sentence in rule.should_not_match:
        assert rule.id not in find_documents(sentence), sentence


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_each_checklist_line_cites_a_public_page(rule):
    assert len(rule.must_show) >= 2
    for line in rule.must_show:
        assert line.text.strip(), rule.id
        assert line.source.startswith("https://"), line.text
    assert all(url.startswith("https://") for url in rule.sources)


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        (
            "Please send a utility bill, your business licence and supplier invoices",
            ["utility_bill", "business_licence", "supplier_invoice"],
        ),
        (
            "To reactivate your account, provide the following: -- Utility bill with name and "
            "address visible -- Business license, if applicable -- Copies of invoices from your "
            "supplier issued in the last 365 days. The utility bill must not be a screenshot.",
            ["utility_bill", "business_licence", "supplier_invoice"],
        ),
        (
            "Provide a letter of authorization from the rights owner, or ask the rights owner "
            "to send us a retraction. You may also send photos of the product and its packaging.",
            ["letter_of_authorisation", "rights_owner_retraction", "product_photos"],
        ),
        (
            "Fornisci un estratto conto bancario e un documento d'identità, poi le fatture del "
            "fornitore.",
            ["bank_statement", "identity_document", "supplier_invoice"],
        ),
        (
            "Upload a bank account or credit card statement issued within 90 days.",
            ["bank_statement", "credit_card_statement"],
        ),
    ],
)
def test_a_request_naming_several_documents_yields_them_in_order(request_text, expected):
    assert find_documents(request_text) == expected


def test_a_name_broken_over_two_lines_is_found():
    assert find_documents("Please upload a utility\nbill and a\n  bank statement.") == [
        "utility_bill",
        "bank_statement",
    ]


def test_a_text_naming_no_document_yields_nothing():
    assert find_documents("We reviewed your plan of action and need greater detail.") == []


def test_a_document_named_twice_is_listed_once():
    assert find_documents("Send invoices. The invoices must show the supplier.") == [
        "supplier_invoice"
    ]


def test_checklist_gives_the_rule_and_refuses_an_unknown_id():
    invoice = checklist("supplier_invoice")
    assert invoice.label == "Supplier invoices"
    assert any("365" in line.text for line in invoice.must_show)
    assert "PDF" in invoice.formats
    with pytest.raises(KeyError, match="no document type 'passport_photo'"):
        checklist("passport_photo")


def _raw() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("field", "value"),
    [("should_match", ["one", "two"]), ("should_not_match", []), ("must_show", [])],
)
def test_an_entry_without_enough_examples_or_checklist_is_refused(field, value):
    data = _raw()
    data["documents"][0][field] = value
    with pytest.raises(ValidationError, match=field):
        DocumentRules.model_validate(data)


def test_a_bad_pattern_an_unlisted_source_or_a_doubled_id_is_refused():
    data = _raw()
    data["documents"][0]["pattern"] = "invoice("
    with pytest.raises(ValidationError, match="does not compile"):
        DocumentRules.model_validate(data)
    data = _raw()
    data["documents"][0]["must_show"][0]["source"] = "https://example.org/elsewhere"
    with pytest.raises(ValidationError, match="not in sources"):
        DocumentRules.model_validate(data)
    data = _raw()
    data["documents"][1]["id"] = data["documents"][0]["id"]
    with pytest.raises(ValidationError, match="used twice"):
        DocumentRules.model_validate(data)
