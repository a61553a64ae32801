"""Buyer personal data is redacted before text leaves the machine, per the rules file's examples."""

import re

import pytest

from poa.text.personal_data import personal_data_rules
from poa.text.redact import redact, restore

TEXT = (
    "The buyer John Miller (john.m@example.com, +1 415-555-0142) on order 112-4820193-5561027 wrote on "
    "2025-03-02. He lives at 42 Elm Street, Apt 3. Hi Sarah, thanks. John Miller wrote again. "
    "Our agency contact is ana@promo.example, phone 0049 30 1234567. We refunded $25.50 for 1,200 units."
)


def test_personal_data_is_replaced_and_facts_are_kept():
    redaction = redact(TEXT)
    text = redaction.text
    for secret in [
        "John Miller",
        "john.m@example.com",
        "415-555-0142",
        "42 Elm Street",
        "Sarah",
        "ana@promo.example",
        "1234567",
    ]:
        assert secret not in text, secret
    for fact in ["112-4820193-5561027", "2025-03-02", "$25.50", "1,200"]:
        assert fact in text, fact
    assert text.count("[BUYER_NAME_1]") == 2  # the same name, the same placeholder
    assert "Customer" not in redaction.mapping.values()


def test_restore_puts_contacts_back_but_not_buyer_names():
    redaction = redact(TEXT)
    restored = restore(redaction.text, redaction.mapping)
    assert "ana@promo.example" in restored and "42 Elm Street, Apt 3" in restored
    assert "John Miller" not in restored and "the buyer" in restored


def test_ordinary_capitalised_words_are_not_names():
    redaction = redact(
        "The customer Service team replied. Dear Seller Performance Team, hello Amazon."
    )
    assert redaction.mapping == {}


# --- the rules file, country by country -------------------------------------------------------

MARKED = re.compile(r"\{([^{}]+)\}")
ENTRIES = [
    (country, name, entry)
    for country, section in personal_data_rules().sections.items()
    for name, entry in section.entries()
]


def _unmarked(example: str) -> tuple[str, list[str]]:
    """The example's text and its personal data: the {marked} parts, or all of it."""
    secrets = MARKED.findall(example)
    return MARKED.sub(r"\1", example), secrets or [example]


@pytest.mark.parametrize(
    ("country", "name", "entry"), ENTRIES, ids=[f"{c}:{n}" for c, n, _ in ENTRIES]
)
def test_each_rule_redacts_its_matches_and_leaves_its_non_matches(country, name, entry):
    for example in entry.examples.match:
        text, secrets = _unmarked(example)
        redaction = redact(text)
        for secret in secrets:
            assert secret not in redaction.text, (example, redaction.text)
        assert redact(redaction.text).text == redaction.text, example
        if not any(key.startswith("[BUYER_NAME_") for key in redaction.mapping):
            assert restore(redaction.text, redaction.mapping) == text, example
    for example in entry.examples.no_match:
        redaction = redact(example)
        assert redaction.text == example, (example, redaction.mapping)


def test_every_country_has_its_phone_region_and_addresses():
    for country, section in personal_data_rules().sections.items():
        if country != "generic":
            assert section.phones and section.phones.region, country
            assert section.addresses and section.postcodes, country


# --- realistic sentences -------------------------------------------------------------------------

STORY = (
    "The buyer John Smith (john.smith@example.com, +1 555 867 5309) of 221B Baker Street, London "
    "NW1 6XE complained about order 111-1234567-1234567 (ASIN B07XJ8C8F5) on 2024-03-05."
)


def test_a_buyer_story_loses_every_personal_detail_and_keeps_its_facts():
    redaction = redact(STORY)
    for secret in ["John", "Smith", "john.smith@example.com", "555 867 5309", "Baker", "NW1 6XE"]:
        assert secret not in redaction.text, secret
    for fact in ["111-1234567-1234567", "B07XJ8C8F5", "2024-03-05", "The buyer", "complained"]:
        assert fact in redaction.text, fact
    assert redaction.mapping["[ADDRESS_1]"] == "221B Baker Street, London NW1 6XE"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Mrs. Maria Rossi complained twice.", "Maria Rossi"),
        ("We called Mr O'Neill back.", "O'Neill"),
        ("Dr. Ana García wrote a review.", "Ana García"),
        ("Buyer Hans Müller wrote on Friday.", "Hans Müller"),
        ("The customer Łukasz Nowak opened a claim.", "Łukasz Nowak"),
        ("Hi Zoë, sorry for the delay.", "Zoë"),
        ("He rang from +15551234567 twice.", "5551234567"),
        ("Her mobile is 07700900123.", "07700900123"),
        ("Cellulare +39 3471234567, sempre spento.", "3471234567"),
        ("Call +44 7700 900123 or (555) 867-5309.", "900123"),
        ("Call +44 7700 900123 or (555) 867-5309.", "867-5309"),
        ("Telefon 030/1234567 ab 9 Uhr.", "1234567"),
        ("Tél. 01 23 45 67 89 le matin.", "45 67 89"),
        ("Teléfono 612 34 56 78.", "612 34 56 78"),
        ("電話 03-1234-5678 または 090-1234-5678", "1234-5678"),
        ("Delivered to 10 Downing St by mistake.", "Downing"),
        ("The label said 1600 Pennsylvania Ave NW, Washington, DC 20500.", "Pennsylvania"),
        ("Lieferadresse: Berliner Straße 12, 10115 Berlin.", "10115 Berlin"),
        ("Lieferadresse: Hauptstr. 5, 80331 München.", "Hauptstr"),
        ("Indirizzo: Via Roma 10, 20121 Milano (MI).", "Via Roma"),
        ("Adresse : 5 rue de Rivoli, 75008 Paris.", "Rivoli"),
        ("Dirección: Calle Mayor 3, 28013 Madrid.", "Mayor"),
        ("Adreça: Carrer de Balmes 12, 08001 Barcelona.", "Balmes"),
        ("住所: 〒100-0001 東京都千代田区千代田1-1", "千代田1-1"),
        ("Ship to 1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002.", "Shibuya"),
        ("It came back from Springfield, IL 62704-1234.", "62704"),
        ("The postcode is SW1A 1AA, or EC1A 1BB for the office.", "EC1A 1BB"),
    ],
)
def test_personal_data_in_a_sentence_is_replaced(text, secret):
    assert secret not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Orders 111-1234567-1234567 and 402-7654321-1234567 for ASIN B07XJ8C8F5 shipped.",
        "Delivered 2024-03-05, 05/03/2024 and March 5, 2024.",
        "UPS 1Z999AA10123456784 and Amazon TBA123456789000 show delivery.",
        "We refunded $1,234.56 for 1200 units in 2023, 12.5% of sales.",
        "Customer Service and Buyer-Seller Messaging both replied; Seller Performance did not.",
        "On Monday in May we wrote to Amazon about the Code of Conduct policy.",
        "We keep 50000 units in stock and received 12000 more.",
    ],
)
def test_business_facts_are_not_personal_data(text):
    redaction = redact(text)
    assert redaction.text == text, redaction.mapping


def test_restore_puts_contact_details_back_and_names_become_the_buyer():
    redaction = redact(STORY)
    restored = restore(redaction.text, redaction.mapping)
    for detail in [
        "john.smith@example.com",
        "+1 555 867 5309",
        "221B Baker Street, London NW1 6XE",
    ]:
        assert detail in restored, detail
    assert "John Smith" not in restored
    assert restored.startswith("The buyer (")  # "the buyer", not "The buyer the buyer"
    assert restore("[BUYER_NAME_1] asked again.", redaction.mapping) == "the buyer asked again."


def test_redaction_is_idempotent_and_numbers_new_data_after_old_placeholders():
    once = redact(STORY)
    assert redact(once.text).text == once.text and redact(once.text).mapping == {}
    more = redact(once.text + " Her phone: +44 7700 900123.")
    assert more.mapping == {"[PHONE_2]": "+44 7700 900123"}


def test_a_name_nothing_marks_as_the_buyers_is_hidden_and_put_back_as_written():
    text = (
        "Our compliance manager, Sarah Jones, now reviews replies. We had answered John Smith "
        "rudely, and the buyer Ana García complained."
    )
    redaction = redact(text)
    for name in ["Sarah Jones", "John Smith", "Ana García"]:
        assert name not in redaction.text, name
    restored = restore(redaction.text, redaction.mapping)
    assert "Sarah Jones" in restored and "John Smith" in restored  # staff, or nobody says buyer
    assert "Ana García" not in restored and "the buyer complained" in restored


def test_an_address_block_keeps_the_name_apart_from_the_street():
    text = "Ship to:\nMaria Rossi\nVia Roma 10\n00184 Roma RM\nItaly"
    redaction = redact(text)
    assert sorted(redaction.mapping.values()) == ["Maria Rossi", "Via Roma 10\n00184 Roma RM"]
    assert restore(redaction.text, redaction.mapping) == text


@pytest.mark.parametrize(
    ("text", "hidden", "restored"),
    [
        # one word of a buyer's name elsewhere is hidden, but comes back as written
        ("Customer Mark Lee complained about the Mark II lens.", ["Mark Lee", "Mark II"],
         "Customer complained about the Mark II lens."),
        ("Buyer Amber Green wrote. Our Green Tea listing was removed.", ["Amber", "Green Tea"],
         "Buyer wrote. Our Green Tea listing was removed."),
        # a title alone does not make someone the buyer
        ("We hired Dr. Peter Wong, a compliance consultant.", ["Peter Wong"],
         "We hired Dr. Peter Wong, a compliance consultant."),
        # first names that are ordinary words, after a cue; a label in capitals
        ("Customer May Jones wrote twice.", ["May Jones"], "Customer wrote twice."),
        ("Ship to: JOHN SMITH\n123 MAIN ST\nSPRINGFIELD IL 62704", ["JOHN", "MAIN ST", "62704"],
         "Ship to: the buyer\n123 MAIN ST\nSPRINGFIELD IL 62704"),
    ],
)  # fmt: skip
def test_what_is_hidden_from_the_model_and_what_comes_back(text, hidden, restored):
    redaction = redact(text)
    assert not [value for value in hidden if value in redaction.text], redaction.text
    assert restore(redaction.text, redaction.mapping) == restored
