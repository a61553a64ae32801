"""POA Assistant, the Streamlit chat. UI only: the conversation, drafting, scoring, revision and
storage all live in the `poa` package (`poa.conversation.assistant.Assistant` drives a turn).

The appeal being worked on is in the URL (`?appeal=N`), and everything is saved in SQLite as it
happens, so a refresh or a restart resumes where the seller was.

Nothing the seller, a notice or a model wrote is rendered as markup: it is shown with `st.text`,
or, where Streamlit takes only Markdown (widget labels, alerts), escaped with `literal`.
"""

from __future__ import annotations

import difflib

import streamlit as st

from poa.conversation.assistant import Assistant
from poa.conversation.buttons import (
    choose_type,
    discard_refused,
    hold_documents,
    redraft_now,
    set_notice_received,
    update_letter,
)
from poa.conversation.replies import GREETING
from poa.core.config import SettingsError, load_settings
from poa.core.errors import UserError
from poa.core.vocab import MARKETPLACE_LANGUAGES, VIOLATION_TYPES
from poa.text.language import NAMES
from poa.text.plain import markdown_literal as literal

st.set_page_config(page_title="POA Assistant", page_icon="📝", layout="wide")


@st.cache_resource
def resources() -> tuple:
    """Settings and the history database, opened once per server."""
    from poa.kb.documents import knowledge_files
    from poa.storage.history import History

    settings = load_settings()
    documents = len(knowledge_files(settings.knowledge_dir))
    return settings, History(settings.db_path), documents


@st.cache_resource
def model_warm_up() -> object:
    """Start loading the embedding model once per server, in the background."""
    from poa.kb.embeddings import warm_up_in_background

    return warm_up_in_background()


@st.cache_resource
def knowledge_index(_settings) -> object:
    """The knowledge index, opened once per server. A failure is not cached: the next run tries
    again, so an index built or repaired while the app runs is picked up without a restart."""
    from poa.kb.store import KnowledgeStore

    return KnowledgeStore(_settings)


@st.cache_data(max_entries=32, show_spinner=False)
def read_notice(text: str, _store, index_size: int) -> object:
    """A notice read once per text and index, not on every rerun (the index may vote on its type)."""
    from poa.reading.notice import parse_notice

    return parse_notice(text, _store)


@st.cache_data(max_entries=32, show_spinner=False)
def policy_excerpts(text: str, violation_type: str, _store, index_size: int) -> list:
    """The policy passages retrieved for a notice, once per notice, type and index."""
    chosen = violation_type if violation_type != "other" else None
    return _store.search(text[:1500], k=4, violation_type=chosen, kind="policy")


try:
    settings, history, documents = resources()
except (SettingsError, UserError) as error:
    st.error(literal(str(error)))
    st.stop()

index_problem = ""
try:
    # The store reopens its collection when `poa ingest --rebuild` replaced it meanwhile.
    store = knowledge_index(settings)
    store = store if store.count() else None
except UserError as error:  # damaged: drafting still works on the rules alone
    store, index_problem = None, str(error)
except Exception as error:  # replaced under us in a way Chroma cannot follow: open afresh next run
    knowledge_index.clear()
    store = None
    index_problem = (
        f"The knowledge index could not be read ({type(error).__name__}); reload the page."
    )

assistant = Assistant(settings, history, store, chat_model=st.session_state.get("poa_chat_model"))


def current_appeal() -> int | None:
    value = st.query_params.get("appeal", "")
    # ASCII digits only: "²".isdigit() is true, and int("²") raises
    if value.isascii() and value.isdigit() and any(a.id == int(value) for a in history.appeals()):
        return int(value)
    return None


def open_appeal(appeal_id: int | None) -> None:
    if appeal_id is None:
        st.query_params.clear()
    else:
        st.query_params["appeal"] = str(appeal_id)


appeal_id = current_appeal()
state = assistant.state(appeal_id) if appeal_id else None
numbers = history.version_numbers(appeal_id) if appeal_id else []  # not every version: one row each
latest = history.version(appeal_id) if numbers else None


def open_clock() -> object | None:
    """The case clock of the appeal shown: days left, what was sent and rejected."""
    from datetime import date

    from poa.tracking.sending import appeal_clock

    known = state and (state.notice or state.rejection)  # an appeal begun from a rejection too
    return appeal_clock(history, appeal_id, date.today()) if known else None


clock = open_clock()

# --- sidebar -------------------------------------------------------------------------------------


def sign_off_form() -> None:
    """The seller's name and store for the sign-off, asked once and kept in the data folder."""
    from poa.storage.profile import load_profile, make_profile, save_profile

    saved = load_profile(settings.data_dir)
    with (
        st.expander("Sign-off: your name and store", expanded=not saved.sign_off()),
        st.form("sign-off", border=False),
    ):
        name = st.text_input("Your name", saved.name, max_chars=120)
        store_name = st.text_input("Store name", saved.store, max_chars=120)
        if st.form_submit_button("Save for every letter"):
            try:
                save_profile(settings.data_dir, make_profile(name, store_name))
                st.success("Saved: the next draft ends with it.")
            except (UserError, OSError) as error:
                st.error(literal(str(error)))


def clock_panel() -> None:
    """The sidebar's case clock, and the day the notice came, which the seller can correct."""
    from datetime import date

    st.subheader("Case clock")
    st.markdown(f"**{literal(clock.headline())}**")
    for line in clock.records():
        st.text(line)
    if clock.warning():
        st.warning(literal(clock.warning()))
    st.caption(literal(f"The deadline counts from {clock.counted_from_reason}."))
    if clock.counted_from_reason == "the day the rejection came":
        return  # the notice's own day no longer counts
    received = st.date_input(
        "Notice received on",
        value=clock.counted_from,
        max_value=max(date.today(), clock.counted_from),
        key=f"received-{appeal_id}",
    )
    if received != clock.counted_from:
        set_notice_received(assistant, appeal_id, received.isoformat())
        st.rerun()


with st.sidebar:
    st.header("POA Assistant")
    if clock is not None:
        clock_panel()
    if assistant.llm:
        from poa.llm.client import backend_label

        st.success(literal(f"Drafting with {backend_label(settings)}"))
    else:
        st.info("Offline drafting — set OPENAI_API_KEY for AI-written drafts.")
    marketplace_language = state.language if state else "en"
    if state and state.notice:
        from poa.reading.notice import parse_notice

        marketplace = parse_notice(state.notice).marketplace
        wanted = MARKETPLACE_LANGUAGES.get(marketplace or "", "en")
        st.write(
            f"Marketplace: **{literal(marketplace or 'not stated')}** · language **{NAMES.get(wanted, wanted)}**"
        )
        if assistant.llm and wanted != "en":
            choice = st.radio(
                "Write the letter in",
                ["en", wanted],
                format_func=lambda c: NAMES[c],
                index=["en", wanted].index(
                    state.language if state.language in ("en", wanted) else "en"
                ),
            )
            if choice != state.language:
                state.language = choice
                history.save_state(appeal_id, state.to_json())
        elif wanted != "en":
            st.caption("Offline drafts are in English, which Amazon accepts on every marketplace.")
    st.write(f"Letter limit: **{settings.char_limit:,}** characters")
    sign_off_form()
    st.write(
        f"Knowledge base: **{documents}** documents, **{store.count() if store else 0}** passages"
    )
    if index_problem:
        st.warning(literal(index_problem))
    elif store is None:
        st.warning("The knowledge index is empty: run `make run` (or `poa ingest`).")
    if st.button("New appeal", use_container_width=True):
        open_appeal(None)
        st.rerun()
    st.subheader("Your appeals")
    from poa.storage.appeals import appeal_label, find_appeals

    every = history.appeals()
    query = st.text_input("Search your appeals", placeholder="type, order ID, ASIN or date")
    found = find_appeals(every, query)
    st.caption(f"{len(found)} of {len(every)} appeals")
    with st.container(height=min(420, 60 + 48 * len(found)), border=False):
        for record in found:  # all of them: the list scrolls
            label = literal(f"{'▶ ' if record.id == appeal_id else ''}{appeal_label(record)}")
            if st.button(label, key=f"appeal-{record.id}", use_container_width=True):
                open_appeal(record.id)
                st.rerun()
    confirm = appeal_id and st.checkbox("Delete this appeal and its versions")
    if confirm and st.button("Delete now", type="primary"):
        history.delete_appeal(appeal_id)
        open_appeal(None)
        st.rerun()
    st.caption(
        literal(
            f"Saved in {settings.db_path}. Delete that file (or the {settings.data_dir} folder) to remove all data."
        )
    )

# --- conversation ----------------------------------------------------------------------------------

st.title("Plan of Action assistant")
if clock is not None:
    st.info(literal(f"Case clock: {clock.headline()}"))
messages = (
    history.messages(appeal_id) if appeal_id else [{"role": "assistant", "content": GREETING}]
)
for message in messages:
    with st.chat_message(message["role"]):
        st.text(message["content"])  # replies quote the seller and the model: text only


NEEDS = {
    "plan_of_action": "a plan of action (root cause, what you fixed, how you prevent it)",
    "documents": "documents: no plan of action is asked for",
    "error_evidence": "evidence that this was an error",
    "nothing": "nothing: there is no appeal to write",
}


def _label(violation_type: str) -> str:
    return violation_type.replace("_", " ")


def notice_card() -> None:
    from poa.kb.embeddings import model_loaded

    # The index's vote on the type and the policy excerpts need the model; until it has loaded
    # in the background the card shows the rules' reading, and the page never waits for it.
    index = store if store is not None and model_loaded() else None
    index_size = index.count() if index else 0
    notice = read_notice(state.notice, index, index_size)
    chosen = state.chosen_type or notice.violation_type
    with st.expander("Notice analysis", expanded=not numbers):
        cols = st.columns(3)
        cols[0].metric("Violation", _label(chosen))
        cols[1].metric("Kind", _label(notice.notice_kind or "unknown"))
        cols[2].metric(
            "Deadline", f"{notice.deadline_days} days" if notice.deadline_days else "none given"
        )
        if notice.notice_kind == "reinstatement":
            st.success("Good news: this notice reinstates you. There is nothing to appeal.")
        elif notice.needs:
            st.info(literal(f"What you need to send: {NEEDS[notice.needs]}."))
        if state.chosen_type:
            st.caption(
                literal(
                    f"You chose the type (read from the notice: {_label(notice.violation_type)})."
                )
            )
        else:
            read_from = "; ".join(f"“{phrase}”" for phrase in notice.type_evidence[:3])
            runner = (
                f" Next most likely: {_label(notice.runner_up)} ({notice.runner_up_confidence:.0%})."
                if notice.runner_up
                else ""
            )
            st.caption(
                literal(
                    f"Read as {_label(notice.violation_type)} ({notice.confidence:.0%} sure)"
                    + (f" from {read_from}." if read_from else ".")
                    + runner
                )
            )
        choice = st.selectbox(
            "Not the right type? Choose it",
            VIOLATION_TYPES,
            index=VIOLATION_TYPES.index(chosen),
            format_func=_label,
            key=f"type-{appeal_id}",
        )
        if choice != chosen:
            choose_type(assistant, appeal_id, choice)
            st.rerun()
        if notice.language != "en" and not assistant.llm:
            st.caption(
                "This notice is not in English. Offline, the letter is written in English and your "
                "facts are kept as you gave them; with an AI service the letter can be in the "
                "marketplace language."
            )
        if notice.order_ids or notice.asins:
            st.text(
                "Orders: "
                + (", ".join(notice.order_ids) or "–")
                + " · ASINs: "
                + (", ".join(notice.asins) or "–")
            )
        if notice.topics:
            st.text("Topics to answer one by one: " + "; ".join(notice.topics))
        st.markdown("**What Amazon asks for**")
        if not notice.required_items:
            st.text("Nothing: the notice asks for no answer.")
        # keyed by position: a notice may repeat a line (once per topic)
        for number, item in enumerate(notice.required_items):
            topic = f" ({item.topic})" if item.topic else ""
            option = (
                " (only if you believe this was an error)"
                if item.in_error
                else " (optional: the notice invites it)"
                if item.optional
                else ""
            )
            st.checkbox(
                literal(f"{item.text}{topic}{option}"),
                value=False,
                disabled=True,
                key=f"item-{appeal_id}-{number}",
            )
        if notice.documents:
            document_checklist(notice.documents)
        if index is None and store is not None:
            st.caption("Policy excerpts appear once the search model has loaded (reload).")
        if index is not None:
            with st.expander("Policy excerpts"):
                for hit in policy_excerpts(state.notice, chosen, index, index_size):
                    st.markdown(f"**{hit.title}** — [source]({hit.source})")
                    st.text(hit.text.split("\n", 1)[-1])


def document_checklist(documents: list[str]) -> None:
    """Each document the notice asks for: whether the seller has it, and what it must show. Only
    the documents ticked as in hand are listed in the letter."""
    from poa.reading.document_checklist import checklist, in_hand_facts

    st.markdown("**Documents: what each must show** (tick what you have and what it shows)")
    for document in documents:
        rule = checklist(document)
        held = set(state.documents_held.get(document, []))
        in_hand = document in state.documents_in_hand
        status = "in hand" if in_hand else "not ticked as in hand"
        label = f"{rule.label} ({status}; shows {len(held)} of {len(rule.must_show)})"
        with st.expander(literal(label)):
            have = st.checkbox(
                "I have this document and will attach it",
                value=in_hand,
                key=f"inhand-{appeal_id}-{document}",
            )
            ticked = []
            for number, line in enumerate(rule.must_show):
                if st.checkbox(
                    literal(line.text),
                    value=number in held,
                    key=f"doc-{appeal_id}-{document}-{number}",
                ):
                    ticked.append(number)
                st.caption(literal(line.source))
            if rule.not_accepted:
                st.text("Not accepted: " + "; ".join(rule.not_accepted))
            if have and len(ticked) < len(rule.must_show):
                st.caption("Amazon may refuse it unless it shows every line above.")
            if set(ticked) != held or have != in_hand:
                hold_documents(assistant, appeal_id, document, ticked, in_hand=have)
                st.rerun()
    st.caption("The letter lists only the documents you tick as in hand.")
    if latest is None or latest.appeal is None:
        return  # no draft yet, or the seller's own edit: a redraft would drop their words
    listed = " | ".join(latest.appeal.get("evidence", [])).lower()
    told = assistant.case(state).source_text()  # a document the story names is worded by it
    wanted = {fact.text.lower() for fact in in_hand_facts(state.documents_in_hand, told)}
    unticked = {checklist(d).label.lower() for d in documents} - wanted
    outdated = any(label not in listed for label in wanted) or any(
        label in listed for label in unticked
    )
    if outdated and st.button("Update the letter's documents"):
        with st.spinner("Drafting again with the documents you have…"):
            update_letter(assistant, appeal_id)
        st.rerun()


def scorecard_panel(card: dict) -> None:
    # text badges, not emoji: they read the same in every browser and to screen readers
    icons = {True: ":green[**pass**]", False: ":red[**fail**]", None: ":orange[**not judged**]"}
    ready = "every must-pass check passes" if card["gates_passed"] else "a must-pass check fails"
    total = card.get("not_judged") if card["total"] is None else f"{card['total']:.0%}"
    st.subheader(f"Scorecard · {total} · {ready}")
    for name, result in card["criteria"].items():
        icon = ":gray[n/a]" if not result["applicable"] else icons[result["passed"]]
        must = " (must pass)" if result["gate"] else ""
        st.markdown(f"{icon} **{result.get('title') or name}**{must}")  # our names and badges
        st.text(result["reason"])  # quotes the letter
        if result["passed"] is False and result.get("evidence"):
            st.text("Sentence judged: " + result["evidence"][0])  # the letter's own words, as text
        if result["passed"] is False and result.get("fix"):
            st.text("What to change: " + result["fix"])
    st.progress(
        min(1.0, card["char_count"] / card["char_limit"]),
        text=f"{card['char_count']:,} / {card['char_limit']:,} characters",
    )


def boxes_panel(version) -> None:
    """The same appeal cut into the boxes of Amazon's form, each with a copy button and a count."""
    from poa.core.models import Appeal
    from poa.drafting.boxes import form_boxes

    with st.expander("The same appeal in Amazon's form boxes"):
        if not version.appeal:
            st.info(
                "This version was written by hand: copy from the letter, or draft again for boxes."
            )
            return
        st.caption(
            f"Limits are estimates ({settings.box_char_limit:,} characters a box, "
            f"{settings.char_limit:,} for the whole letter): Amazon publishes no number."
        )
        for box in form_boxes(Appeal.model_validate(version.appeal), settings.box_char_limit):
            st.markdown(f"**{box.title}**")  # our own titles
            st.caption(f"{box.chars:,} / {box.limit:,} characters")
            if box.over:
                st.warning(f"{box.title}: {box.chars - box.limit:,} characters over the estimate.")
            if box.text:
                st.code(box.text, language=None, wrap_lines=True)  # plain text, with a copy button
            else:
                st.text("Nothing you said belongs here yet.")


def send_panel(version) -> None:
    """Mark the version shown as sent, after listing what it states differently from the
    versions already sent: Amazon reads every submission of a case together."""
    from datetime import date

    from poa.tracking.sending import mark_sent, sent_versions

    number = version.number
    with st.expander(f"Send v{number} to Amazon", expanded=False):
        if number in sent_versions(history, appeal_id):
            st.success(f"v{number} is marked as sent.")
            return
        if clock is not None and clock.warning():
            st.warning(literal(clock.warning()))
        on = st.date_input(
            "Sent on",
            value=date.today(),
            max_value=date.today(),
            key=f"sent-on-{appeal_id}-{number}",
        )
        pending_key = f"changes-{appeal_id}-{number}"
        pending = st.session_state.get(pending_key)
        if pending is None:
            if st.button(f"Mark v{number} as sent", key=f"send-{appeal_id}-{number}"):
                try:
                    check = mark_sent(history, appeal_id, number, on)
                except UserError as error:  # sent twice from two tabs, say
                    st.error(literal(str(error)))
                    return
                if not check.recorded:
                    st.session_state[pending_key] = [c.describe() for c in check.changes]
                st.rerun()
            return
        st.warning(
            f"v{number} states {len(pending)} thing{'s' if len(pending) > 1 else ''} differently"
            " from what you sent before."
            " Amazon reads every submission together: confirm each change is one you mean."
        )
        for line in pending:
            st.text(f"• {line}")  # the letters' own words: text only
        yes, no = st.columns(2)
        if yes.button("These changes are right: mark as sent", key=f"confirm-{appeal_id}-{number}"):
            del st.session_state[pending_key]
            try:
                mark_sent(history, appeal_id, number, on, confirmed=True)
            except UserError as error:
                st.error(literal(str(error)))
                return
            st.rerun()
        if no.button("Not yet: I'll fix the letter", key=f"cancel-{appeal_id}-{number}"):
            del st.session_state[pending_key]
            st.rerun()


def draft_panel() -> None:
    from poa.storage.export import to_docx

    # keyed by the number of versions: a new version is shown as soon as it exists
    chosen = st.selectbox(
        "Version",
        numbers[::-1],
        format_func=lambda n: f"v{n}",
        key=f"version-{appeal_id}-{len(numbers)}",
    )
    version = history.version(appeal_id, chosen)
    left, right = st.columns([3, 2])
    with left:
        st.caption(
            f"v{version.number} · {version.trigger_kind} · {version.source} · {version.created[:16]}"
        )
        with st.container(height=520, key=f"letter-{appeal_id}-{chosen}"):
            st.code(
                version.letter, language=None, wrap_lines=True
            )  # plain text, with a copy button
        from poa.core.models import Appeal
        from poa.drafting.render import render_markdown

        def markdown() -> str:  # made on a click, not on every rerun
            if not version.appeal:
                return version.letter
            return render_markdown(Appeal.model_validate(version.appeal))

        cols = st.columns(3)
        cols[0].download_button(
            "Download .txt", version.letter, file_name=f"appeal-v{chosen}.txt", mime="text/plain"
        )
        cols[1].download_button(
            "Download .md", markdown, file_name=f"appeal-v{chosen}.md", mime="text/markdown"
        )
        cols[2].download_button(
            "Download .docx",
            lambda: to_docx(version.letter),  # made on a click, not on every rerun
            file_name=f"appeal-v{chosen}.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        boxes_panel(version)
        send_panel(version)
        with st.expander("Edit the letter yourself"):
            edited = st.text_area(
                "Your edit", version.letter, height=300, key=f"edit-{appeal_id}-{chosen}"
            )
            if st.button("Save as a new version"):
                try:
                    assistant.edit_letter(appeal_id, edited)
                    st.rerun()
                except UserError as error:
                    st.error(literal(str(error)))
    with right:
        if version.scorecard:
            scorecard_panel(version.scorecard)
    if chosen == numbers[-1] and state is not None:
        still_needed_panel()
        provenance_panel()
    if version.trigger_kind == "rejection" and version.number > 1:
        previous = history.version(appeal_id, version.number - 1)
        with st.expander("Compared with the previous version", expanded=True):
            if version.note:
                st.markdown("**What changed and why**")
                st.text("\n".join(f"- {change}" for change in version.note.splitlines()))
            # difflib escapes the letters' text; the table is plain HTML with no scripts.
            table = difflib.HtmlDiff(wrapcolumn=70).make_table(
                previous.letter.splitlines(),
                version.letter.splitlines(),
                f"v{previous.number}",
                f"v{version.number}",
            )
            st.html(
                f"<style>table.diff{{font-size:12px}} .diff_add{{background:#e6ffec}} .diff_sub{{background:#ffebe9}} .diff_chg{{background:#fff5b1}}</style>{table}"
            )


SECTION_NAMES = {
    "incident": "The issue",
    "root_cause": "Root cause",
    "actions": "Actions taken",
    "prevention": "Preventive measures",
    "answers": "Information asked for",
    "evidence": "Supporting documents",
}


def still_needed_panel() -> None:
    """What the letter leaves out because only the seller can say it, and the suggestions the
    seller may accept (they reach the letter only when ticked)."""
    questions = state.open_questions
    with st.expander(f"Still needed ({len(questions)})", expanded=bool(questions)):
        if not questions:
            st.text("Nothing: every part of the letter comes from what you told me.")
            return
        st.caption("Answer these in the chat. They are not in the letter until you do.")
        options: dict[str, str] = {}
        for question in questions:
            st.text(f"• {question['text']}")  # notice and seller text: plain, never markup
            for option in question["options"]:
                options[option["id"]] = option["text"]
        if options:
            picked = st.multiselect(
                "Suggestions that are true for you (only these reach the letter)",
                list(options),
                format_func=lambda key: options[key][:140],
                key=f"accept-{appeal_id}-{len(numbers)}",
            )
            if picked and st.button("Add what I ticked to the letter"):
                assistant.accept(appeal_id, picked)
                st.rerun()


def provenance_panel() -> None:
    """Each sentence of the letter and the seller's own words it is based on."""
    entries = state.provenance
    with st.expander("What each sentence is based on"):
        for key, title in SECTION_NAMES.items():
            shown = [e for e in entries if e["section"] == key and not e.get("problem")]
            if shown:
                st.text(title.upper())
                for entry in shown:
                    quotes = [q for q in entry.get("quotes", []) if q]
                    st.text(
                        f"“{entry['sentence']}”\n    from: " + (" | ".join(quotes) or "the notice")
                    )
        left_out = [e for e in entries if e.get("problem")]
        if left_out:
            st.text("LEFT OUT (not in what you told me)")
            for entry in left_out:
                st.text(f"“{entry['sentence']}” — {entry['problem']}")


if state and state.notice:
    notice_card()
if numbers:
    draft_panel()

if state and state.refused_input:
    st.warning(
        f"A text of {len(state.refused_input):,} characters was too long to take (the limit is "
        f"{settings.input_limit:,}). It is kept here, saved with this appeal, until you delete it: "
        "copy what you need, shorten it, then paste it again."
    )
    st.text_area("Kept text", state.refused_input, height=200, key=f"kept-{appeal_id}")
    if st.button("Delete the kept text"):
        discard_refused(assistant, appeal_id)
        st.rerun()

if state and state.ai_failed and assistant.llm:
    st.warning(literal(f"The AI service failed on the last draft: {state.ai_failed}"))
    offline, again = st.columns(2)
    # after a fallback the latest version already is the offline draft: only a retry is offered
    use_offline = (latest is None or latest.source != "offline") and offline.button(
        "Use the offline draft instead"
    )
    retry = again.button("Try the AI service again")
    if use_offline or retry:
        try:
            redraft_now(assistant, appeal_id, backend="offline" if use_offline else None)
            st.rerun()
        except UserError as error:
            st.error(literal(str(error)))

text = st.chat_input("Paste the notice or your answer…")
# A message whose answer was interrupted (a refresh mid-turn) is answered on the next run.
resume = not text and appeal_id is not None and bool(assistant.unanswered(appeal_id))
if text or resume:
    if appeal_id is None:
        appeal_id = assistant.new_appeal()
        open_appeal(appeal_id)
    if text:
        with st.chat_message("user"):
            st.text(text)
    with st.chat_message("assistant"):
        placeholder = st.empty()
        streamed: list[str] = []

        def show_token(token: str) -> None:
            streamed.append(token)
            placeholder.text("".join(streamed))  # a model's words: never markup

        with st.status("Working on it…", expanded=False) as status:
            assistant.on_step = lambda step: status.update(label=step)
            assistant.on_token = show_token
            try:
                assistant.handle(appeal_id, text) if text else assistant.process(appeal_id)
                status.update(label="Done", state="complete")
            except UserError as error:
                status.update(label="Stopped", state="error")
                st.error(literal(f"{error} Your message is saved."))
                st.stop()
            except Exception as error:  # nothing the seller typed is lost: it was saved first
                status.update(label="Stopped", state="error")
                st.error(
                    f"Something went wrong ({type(error).__name__}); your message is saved. Try again."
                )
                st.stop()
    st.rerun()


# Once the first reply is out: the first reply needs only the notice rules (the index is asked
# only when they cannot decide the type), and loading the model alongside it would slow it down on
# two cores. The model that later turns retrieve and check with loads while the seller writes.
if appeal_id:
    model_warm_up()
