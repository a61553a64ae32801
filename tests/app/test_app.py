"""The Streamlit app driven headless with AppTest: the whole offline flow, resuming, safety, and the
LLM flow with a LangChain fake chat model injected through session state."""

import itertools

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from pydantic import Field
from streamlit.testing.v1 import AppTest
from support.apptest import _app, _send, _state
from support.scenarios import DEV

from poa.core.config import PROJECT_ROOT, Settings
from poa.drafting.pipeline import draft_appeal

APP = str(PROJECT_ROOT / "app.py")
CASE = next(c for c in DEV if c.name == "ic-autoresponder-product-tips")
# what a faithful model writes: the seller's own facts (the offline composition of this case)
FAITHFUL = draft_appeal(
    CASE.notice, CASE.story, Settings(_env_file=None), backend="offline", answers=CASE.answers
).appeal.model_dump()
REJECTION = (
    "Hello,\n\nThank you for your plan of action. We do not have enough information to reinstate your account. "
    "Please provide greater detail on the preventive steps: who is responsible for checking message templates, "
    "and how often they are checked.\n\nSeller Performance Team"
)


def _answer_until_drafted(app: AppTest, data_dir, answers: dict[str, str]) -> list[str]:
    """Answer each pending question from `answers` (by question id), else skip, until a draft."""
    replies = []
    for _ in range(10):
        _, _, state = _state(data_dir, app)
        if state.stage == "drafted":
            return replies
        if state.stage == "choose_cause":
            replies.append(_send(app, answers.get("cause", "skip")))
            continue
        given = [answers[q] for q in state.pending if q in answers]  # one message answers both
        replies.append(_send(app, " ".join(given) or "skip"))
    raise AssertionError(f"no draft: {replies[-1]}")


def _questions_asked(app: AppTest) -> list[str]:
    lines = [
        line.split(". ", 1)[1]
        for message in app.chat_message
        if message.name == "assistant"
        for block in message.text
        for line in block.value.splitlines()
        if line[:2] in {f"{n}." for n in range(1, 4)} and line.rstrip().endswith("?")
    ]
    return lines


def test_the_whole_offline_flow(data_dir):
    app = _app()
    assert "Plan of Action" in app.chat_message[0].text[0].value
    assert "Offline drafting" in app.sidebar.info[0].value

    reply = _send(app, CASE.notice)
    assert "warning" in reply and "inappropriate communication" in reply
    appeal_id = (
        app.query_params["appeal"][0]
        if isinstance(app.query_params["appeal"], list)
        else app.query_params["appeal"]
    )
    assert [e.label for e in app.expander][:1] == ["Notice analysis"]
    assert [m.value for m in app.metric][:2] == ["inappropriate communication", "warning"]
    assert any(
        "cause" in box.label.lower() for box in app.checkbox
    )  # the checklist (optional here)

    _send(app, CASE.story)
    _answer_until_drafted(app, data_dir, CASE.answers)
    letter = app.code[0].value
    assert letter.startswith("Dear Seller Performance Team") and "302-8815274-4469103" in letter
    assert "[" not in letter
    scorecard = " ".join(m.value for m in app.markdown)
    # the scorecard speaks plainly: the criteria by what they mean, no "gate" jargon
    assert "One root cause" in scorecard and "True to your story" in scorecard
    assert "(must pass)" in scorecard and "gate" not in scorecard
    assert [b.label for b in app.get("download_button")] == [
        "Download .txt",
        "Download .md",
        "Download .docx",
    ]
    labels = [e.label for e in app.expander]
    assert "What each sentence is based on" in labels
    assert "The same appeal in Amazon's form boxes" in labels
    # the root cause box is the letter's root cause, in a code block with its copy button
    codes = [c.value for c in app.code]
    assert any(c and c in letter and c != letter for c in codes[1:])
    counts = [c.value for c in app.caption if c.value.endswith("characters") and " / " in c.value]
    assert len(counts) >= 4  # one count per box
    assert any(label.startswith("Still needed") for label in labels)
    texts = " ".join(t.value for t in app.text)
    assert "ROOT CAUSE" in texts and "from:" in texts  # the provenance view

    reply = _send(app, "We also retrained the whole team on June 24, 2025.")
    assert "version 2" in reply
    assert "24 June 2025" in app.code[0].value

    reply = _send(app, REJECTION)
    assert "how the previous appeal answered it" in reply and "What I changed" in reply
    assert any(e.label == "Compared with the previous version" for e in app.expander)
    assert app.get("html"), "the side-by-side diff is shown"

    # A refresh (a new session on the same URL) finds everything where it was.
    again = AppTest.from_file(APP, default_timeout=180)
    again.query_params["appeal"] = appeal_id
    again.run()
    assert not again.exception
    assert len(again.chat_message) == len(app.chat_message)
    assert again.code[0].value.startswith("Dear Seller Performance Team")
    assert again.code[0].value == app.code[0].value  # the revision, v3


REVIEW_NOTICE = next(c for c in DEV if c.name == "rm-insert-card-gift").notice
NEPHEW = (
    "We never used any third party, agency or review service. My nephew posted two reviews on"
    " B0CR4TNX82 in March 2024 because I asked family to help with the launch and I did not know"
    " family reviews are not allowed."
)
NEPHEW_ANSWERS = {
    "actions": "On 3 April 2024 I asked him to delete both reviews and he did it the same day.",
    "measures": "From now on nobody in our family or our friends reviews our products.",
    "measures_start": "From 4 April 2024.",
}


def test_no_third_party_a_question_mid_flow_and_a_cause_correction(data_dir):
    """The seller says no third party was involved, asks a question in the middle, and corrects
    the cause: the letter holds only their facts and nothing is asked twice."""
    app = _app()
    assert "review manipulation" in _send(app, REVIEW_NOTICE)
    _send(app, NEPHEW)
    _, _, before = _state(data_dir, app)
    question = "what should I write about the root cause?"
    answer = _send(app, question)
    assert "one explanation" in answer
    _, _, after = _state(data_dir, app)
    assert question not in after.story and question not in after.answers.values()
    assert after.pending == before.pending and after.stage == before.stage
    _answer_until_drafted(app, data_dir, NEPHEW_ANSWERS)
    letter = app.code[0].value
    lowered = letter.lower()
    assert "nephew posted two reviews" in lowered and "3 april 2024" in lowered
    for confession in ("hired", "marketing service", "ended the contract", "termination"):
        assert confession not in lowered
    asked = _questions_asked(app)
    assert len(asked) == len(set(asked)), asked
    assert not [q for q in asked if "third part" in q.lower()]  # "no third party" answered them

    reply = _send(app, "the root cause is not right, please remove that")
    assert "taken that cause out" in reply
    _, _, state = _state(data_dir, app)
    assert state.stage == "choose_cause"
    own = "The real reason is that we never told our family that relatives may not review our products."
    _send(app, own)
    letter = app.code[0].value
    assert "never told our family" in letter
    assert (
        "please remove that" not in letter
        and "nephew posted two reviews on B0CR4TNX82 in March"
        not in (letter.split("Root cause")[1].split("Actions")[0])
    )


ODR_REJECTION = (
    "Hello,\n\nThank you for your plan of action. We do not have enough information to reinstate"
    " your account. Please provide greater detail on the root cause of the negative feedback and the"
    " preventive steps you have taken.\n\nSeller Performance Team\nAmazon.com"
)


def test_a_pasted_rejection_without_the_old_appeal(data_dir):
    """After a rejection, "I don't have the old appeal any more" is not the previous appeal: a new
    appeal is written from the seller's facts."""
    app = _app()
    reply = _send(app, ODR_REJECTION)
    assert "Paste the appeal you sent" in reply
    reply = _send(app, "Sorry, I don't have the old appeal any more")
    assert "new appeal" in reply
    appeal, history, state = _state(data_dir, app)
    assert state.rejected_letter == "" and history.versions(appeal) == []
    _send(
        app,
        "Our carrier lost 6 parcels in May 2025 because we never checked the tracking page after"
        " handover. On 2 June 2025 we refunded all 6 buyers.",
    )
    _answer_until_drafted(
        app, data_dir, {"measures": "Every morning I check the tracking of every open parcel."}
    )
    letter = app.code[0].value
    assert "Sorry" not in letter and "don't have the old appeal" not in letter
    assert "2 June 2025" in letter and "never checked the tracking page" in letter


def test_a_suggestion_ticked_in_the_pick_list_reaches_the_letter(data_dir):
    app = _app()
    _send(app, REVIEW_NOTICE)
    _send(app, NEPHEW)
    _answer_until_drafted(app, data_dir, {"actions": NEPHEW_ANSWERS["actions"]})
    choices = [m for m in app.multiselect if "Suggestions" in m.label]
    assert choices, "the measures question offers suggestions"
    option = choices[0].options[0]
    choices[0].set_value([option]).run()
    next(b for b in app.button if b.label == "Add what I ticked to the letter").click().run()
    assert not app.exception
    _, history, state = _state(data_dir, app)
    assert state.accepted and len(history.versions(_state(data_dir, app)[0])) == 2
    assert option[:40] in app.code[0].value or state.accepted[-1]


def test_seller_text_is_never_rendered_as_html_or_markdown(data_dir):
    app = _app()
    _send(
        app,
        "<script>alert(1)</script> **bold** ![x](http://example.com/x.png) we sent a rude message",
    )
    user = app.chat_message[1]
    assert user.name == "user"
    assert user.text[0].value.startswith("<script>")  # shown as plain text
    assert not user.markdown


def test_too_long_text_is_refused_and_kept(data_dir, monkeypatch):
    monkeypatch.setenv("POA_INPUT_LIMIT", "1000")
    from support.app_cache import clear_app_caches

    clear_app_caches()
    app = _app()
    _send(app, "hello " * 10)  # a first message creates the appeal
    long_text = "x" * 1500
    reply = _send(app, long_text)
    assert "1,500 characters" in reply and "kept" in reply
    kept = [area for area in app.text_area if area.label == "Kept text"]
    assert kept and kept[0].value == long_text


class FakeLLM(GenericFakeChatModel):
    """Words the interview questions (streamed) and writes the appeal (structured output)."""

    drafts: list = Field(default_factory=list)

    def with_structured_output(self, schema, method=None, **kwargs):
        def run(messages):
            self.drafts.append(messages)
            return schema.model_validate(FAITHFUL)

        return RunnableLambda(run)


def test_the_llm_flow_with_a_fake_chat_model(data_dir):
    fake = FakeLLM(
        messages=itertools.cycle(
            [AIMessage("Thanks! Which tool sent the messages, and when did you switch it off?")]
        )
    )
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["poa_chat_model"] = fake
    app.run()
    assert "Drafting with" in app.sidebar.success[0].value
    reply = _send(app, CASE.notice)
    assert "Which tool sent the messages" in reply  # worded by the model
    _send(app, CASE.story)
    replies = _answer_until_drafted(app, data_dir, CASE.answers)
    assert "AI-written" in replies[-1]
    assert len(fake.drafts) == 1
    system, user = (m.content for m in fake.drafts[0])
    assert "exactly ONE root cause" in system and "MailPilot" in user
