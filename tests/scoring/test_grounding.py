"""The grounding check and the `grounded` gate: every claim traces to the seller's inputs."""

from poa.reading.case import extract_case
from poa.reading.notice import parse_notice
from poa.scoring.grounding import Grounder
from poa.scoring.rubric import score_appeal

STORY = (
    "We never used any agency or review service. My nephew posted two reviews in March 2024"
    " because I did not know family reviews are not allowed. On 3 April 2024 I asked him to"
    " delete both reviews. From now on nobody in the family reviews our products."
)
TRUE_LETTER = """Dear Seller Performance Team,

1. The issue
Our nephew posted two reviews of our product in March 2024.

2. Root cause
We did not know that family reviews are not allowed.

3. Actions we have taken
- On 3 April 2024: asked our nephew to delete both reviews.

4. Preventive measures
- From now on nobody in our family reviews our products.
"""


def test_paraphrases_of_the_facts_are_supported_with_their_sources():
    grounder = Grounder(extract_case(STORY))
    support = grounder.check("root_cause", "We did not know that family reviews are not allowed.")
    assert support.supported and support.sources == ["story-1"]


def test_what_the_seller_denied_or_never_said_is_not_supported():
    grounder = Grounder(extract_case(STORY))
    hired = grounder.check("root_cause", "We hired an outside marketing service for the launch.")
    assert hired.problem.startswith("contradicts what you said")
    for sentence in (
        "Our operations manager reviews the escalation log every quarter.",
        "We will buy a new delivery van.",
        "We emailed the buyer at jane.doe@example.com.",
        "On 9 May 2024 we retrained all 14 staff.",
    ):
        assert not grounder.check("prevention", sentence).supported, sentence


def test_the_notice_may_be_quoted():
    notice = parse_notice(
        "Hello, we have deactivated your account because reviews on ASIN B0CR4TNX82 were written"
        " by people connected to you. Seller Performance"
    )
    grounder = Grounder(extract_case(STORY), notice)
    assert grounder.check(
        "incident", "Amazon found reviews on ASIN B0CR4TNX82 written by people connected to us."
    ).supported


def test_the_grounded_gate():
    faithful = score_appeal(TRUE_LETTER, story=STORY).criteria["grounded"]
    assert faithful.passed and faithful.gate
    confessed = TRUE_LETTER.replace(
        "We did not know that family reviews are not allowed.",
        "We hired a review agency that paid buyers for five-star reviews.",
    )
    assert score_appeal(confessed, story=STORY).criteria["grounded"].passed is False
    unchecked = score_appeal(TRUE_LETTER).criteria["grounded"]
    assert not unchecked.applicable and "Truth was not checked" in unchecked.reason


def test_a_promise_is_not_stated_as_done():
    """The story says the units will be destroyed when they come back: a letter (ours or a model's)
    may not say they have been, in the actions or the incident; prevention may promise it."""
    case = extract_case(
        "On 5 May 2025 I created removal order RMV-40217 for all 300 chargers. They have not come back"
        " yet; when they arrive we will destroy them and keep the disposal receipt."
    )
    grounder = Grounder(case)
    done = grounder.check(
        "actions", "All 300 chargers in removal order RMV-40217 have been destroyed."
    )
    assert done.problem and "still to be done" in done.problem
    promised = grounder.check("actions", "When the 300 chargers arrive they will be destroyed.")
    assert not (promised.problem or "").endswith("still to be done")
    measure = grounder.check("prevention", "Every returned unit is destroyed and the receipt kept.")
    assert "still to be done" not in (measure.problem or "")
