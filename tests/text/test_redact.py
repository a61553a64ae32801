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
