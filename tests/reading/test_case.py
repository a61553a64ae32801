from poa.reading.case import cause_sentences, extract_case, tidy

STORY = (
    "so basically my VA sent a really rude message to a buyer on order 112-4820193-5561027 on March 2. "
    "I didn't know he was answering complaints alone because nobody reviewed his messages. "
    "On March 4 I removed his access to buyer messages and refunded the buyer. "
    "We also wrote a message guide on March 6, 2025. We did not fire him. Please help, this is my only income!!"
)


def test_facts_are_extracted_from_a_story():
    case = extract_case(STORY)
    assert case.order_ids == ["112-4820193-5561027"]
    assert "virtual assistant" in case.roles
    assert case.incident_dates == ["--03-02"]
    assert [(a.text, a.date) for a in case.actions_taken] == [
        ("Removed his access to buyer messages and refunded the buyer.", "--03-04"),
        ("Wrote a message guide.", "2025-03-06"),
    ]
    assert [s for s in cause_sentences(STORY) if "nobody reviewed" in s]
    assert "nobody reviewed" not in case.what_happened  # the cause is not the incident
    assert "only income" not in case.what_happened  # pleading is not a fact


def test_negated_actions_are_not_claimed():
    story = "We did not remove the listing. We never checked the supplier."
    case = extract_case(story)
    assert case.actions_taken == []
    assert cause_sentences(story) == ["We never checked the supplier."]


def test_a_dated_sentence_whose_only_we_verb_is_negated_is_no_action():
    """ "… reviewed it on 2 March 2026 without telling us; we did not check …" is what happened
    and why, never an action the seller took."""
    story = (
        "My brother-in-law bought the product and reviewed it on 2 March 2026 without telling us;"
        " we did not check whether family members bought from us. On 5 March 2026 we asked him"
        " to delete the review."
    )
    case = extract_case(story)
    assert [(a.text, a.date) for a in case.actions_taken] == [
        ("Asked him to delete the review.", "2026-03-05")
    ]
    assert [f.kind for f in case.facts if "brother-in-law" in f.text] == ["cause"]


def test_answers_count_as_facts():
    case = extract_case(
        "Our agency posted the products in a deal group.", {"measures_start": "from June 1, 2025"}
    )
    assert case.measures_start == "2025-06-01"
    assert "June 1, 2025" in case.source_text()


def test_tidy_makes_story_text_fit_for_a_letter():
    assert tidy("so basically I sent it to my supplier") == "We sent it to our supplier."


def test_tidy_drops_hedges_inside_a_sentence_and_keeps_the_facts():
    assert (
        tidy("We had no written instructions for refunds honestly, nobody told her")
        == "We had no written instructions for refunds, nobody told her."
    )
    assert tidy("She did this I think 5 or 6 times since January") == (
        "She did this 5 or 6 times since January."
    )
    assert tidy("I believe in checking every order") == "We believe in checking every order."
