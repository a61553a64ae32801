"""The CLI contracts of DESIGN.md, run in this process through `poa.cli.main`: one JSON document on
stdout with --json, exit 2 and one line on stderr for bad input. `test_smoke.py` runs each command
once as a real process."""

import pytest
from support.cli import run_cli
from support.env import NOTICES
from support.kb_factory import make_knowledge
from support.scenarios import REVISION

from poa.storage.profile import profile_path

NOTICE_KEYS = {
    "violation_type",
    "confidence",
    "topics",
    "required_items",
    "deadline_days",
    "order_ids",
    "asins",
    "dates",
}


@pytest.fixture
def indexed(indexed_settings, monkeypatch):
    """Commands read the session's index (and write their history next to it)."""
    monkeypatch.setenv("POA_DATA_DIR", str(indexed_settings.data_dir))
    return indexed_settings


def test_ingest_prints_one_json_document_and_a_bad_file_is_one_line(tmp_path, monkeypatch, capsys):
    knowledge = make_knowledge(tmp_path / "k")
    monkeypatch.setenv("POA_KNOWLEDGE_DIR", str(knowledge))
    run = run_cli(capsys, "ingest", "--json")
    assert run.code == 0, run.err
    assert set(run.json) == {
        *("added", "updated", "removed", "unchanged", "chunks", "seconds", "repaired")
    }
    assert run.json["added"] == 5
    assert "ingest" in run.err  # the progress bar goes to stderr

    (knowledge / "policies/bad.md").write_text("---\ntitle: x\n---\nbody\n")
    failed = run_cli(capsys, "ingest", "--json")
    assert failed.code == 2 and failed.json == {"error": failed.json["error"], "command": "ingest"}
    assert len(failed.error_lines) == 1 and "policies/bad.md" in failed.err


def test_search_json_contract(indexed, capsys):
    run = run_cli(capsys, "search", "paypal refund", "--kind", "policy", "-k", "2", "--json")
    assert run.code == 0, run.err
    results = run.json["results"]
    assert len(results) == 2
    assert set(results[0]) >= {"text", "score", "kind", "violation_type", "source", "path"}
    assert results[0]["violation_type"] == "off_platform_payment_or_diverting"


@pytest.mark.parametrize(
    "args",
    [["search", "x", "--type", "rudeness"], ["search", "x", "-k", "0"], ["search", "anything"]],
)
def test_search_refuses_bad_input_in_one_line(args, capsys):
    run = run_cli(capsys, *args)
    assert run.code == 2, args
    assert len(run.error_lines) == 1, run.err


def test_notice_reads_stdin_and_prints_the_contract(monkeypatch, capsys):
    import io

    text = (NOTICES / "odr_two_topics_deactivation.txt").read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    run = run_cli(capsys, "notice", "-", "--json")
    assert run.code == 0, run.err
    assert set(run.json) >= NOTICE_KEYS
    assert run.json["topics"] == ["Negative feedback", "Orders not received"]
    assert run.json["deadline_days"] == 21

    monkeypatch.setattr("sys.stdin", io.StringIO("  "))
    empty = run_cli(capsys, "notice", "-")
    assert empty.code == 2 and "empty" in empty.err


def test_draft_prints_the_contract_and_writes_the_letter(indexed, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text(
        "We put a card in the box offering a free gift for a 5-star review, because nobody checked"
        " the print job before it went out. On February 20, 2025 we removed the cards."
    )
    out = tmp_path / "letter.md"
    run = run_cli(
        capsys,
        "draft",
        "--notice",
        str(NOTICES / "review_manipulation_warning.txt"),
        "--story",
        str(story),
        "--backend",
        "offline",
        "--out",
        str(out),
        "--json",
    )
    assert run.code == 0, run.err
    document = run.json
    assert {"backend", "notice", "appeal", "letter", "scorecard", "questions", "provenance"} <= set(
        document
    )
    assert document["backend"] == "offline"
    assert document["notice"]["violation_type"] == "review_manipulation"
    assert "nobody checked the print job" in document["appeal"]["root_cause"]
    assert "20 February 2025" in document["letter"]
    assert "[" not in document["letter"]
    # what is missing is asked beside the letter: here, what the seller now does differently
    assert "measures" in [q["id"] for q in document["questions"]]
    cause = [p for p in document["provenance"] if p["section"] == "root_cause"]
    assert cause and all(p["sources"] and p["problem"] is None for p in cause)
    written = out.read_text()
    assert written.startswith("Dear Seller Performance Team") and "## Root cause" in written


def _insert_card_draft(tmp_path) -> list[str]:
    """`poa draft` arguments for a review-manipulation warning and a story with its cause."""
    story = tmp_path / "story.txt"
    story.write_text(
        "We put a card in the box offering a free gift for a 5-star review, because nobody checked"
        " the print job before it went out. On February 20, 2025 we removed the cards."
    )
    notice = str(NOTICES / "review_manipulation_warning.txt")
    return ["draft", "--notice", notice, "--story", str(story), "--backend", "offline"]


def test_draft_boxes_prints_the_form_boxes_with_their_counts(indexed, tmp_path, capsys):
    common = _insert_card_draft(tmp_path)
    run = run_cli(capsys, *common, "--boxes")
    assert run.code == 0, run.err
    assert "=== Root cause ·" in run.out and "characters (estimated limit)" in run.out
    assert "nobody checked the print job" in run.out.split("=== Actions taken")[0]
    document = run_cli(capsys, *common, "--json").json
    assert [b["key"] for b in document["boxes"]] == [
        "root_cause",
        "actions",
        "prevention",
        "additional",
    ]
    both = run_cli(capsys, *common, "--boxes", "--template")
    assert both.code == 2 and "Choose one of --boxes and --template" in both.err


def test_draft_lists_only_the_documents_the_seller_has(indexed, tmp_path, capsys):
    (tmp_path / "notice.txt").write_text(
        "Your account has been deactivated after complaints about the authenticity of items you"
        " sell. Send invoices from your supplier from the last 365 days and a plan of action."
    )
    (tmp_path / "story.txt").write_text(
        "We bought 200 units from a wholesaler without checking the brand's list of authorised"
        " distributors. On 3 March 2026 we removed the listing."
    )
    common = [
        "draft",
        "--notice",
        str(tmp_path / "notice.txt"),
        "--story",
        str(tmp_path / "story.txt"),
    ]
    without = run_cli(capsys, *common, "--backend", "offline")
    assert without.code == 0, without.err
    assert "Supplier invoices" not in without.out
    held = run_cli(capsys, *common, "--backend", "offline", "--have", "supplier_invoice", "--json")
    assert held.code == 0, held.err
    assert held.json["appeal"]["evidence"] == ["Supplier invoices"]
    wrong = run_cli(capsys, *common, "--have", "invoices")
    assert wrong.code == 2 and "Unknown document type 'invoices'" in wrong.err


def test_the_sign_off_is_given_once_and_ends_every_later_letter(indexed, tmp_path, capsys):
    common = _insert_card_draft(tmp_path)
    try:
        first = run_cli(
            capsys, *common, "--name", "Ana Ruiz", "--store", "Kestrel Pottery", "--json"
        )
        assert first.json["letter"].rstrip().endswith("Regards,\nAna Ruiz\nKestrel Pottery")
        later = run_cli(capsys, *common, "--json")
        assert later.json["letter"].rstrip().endswith("Ana Ruiz\nKestrel Pottery")
        grounded = later.json["scorecard"]["criteria"]["grounded"]
        assert grounded["passed"] is True  # a sign-off is no claim
    finally:  # the session's data folder is shared: the other tests sign nothing
        profile_path(indexed.data_dir).unlink(missing_ok=True)


def test_draft_without_a_cause_asks_for_it_and_accepts_a_suggestion(indexed, tmp_path, capsys):
    """No cause in the story: the letter states none, the JSON asks with the playbook's
    candidates, and an accepted candidate (and nothing else) reaches the letter."""
    story = tmp_path / "story.txt"
    story.write_text("We put a card in the box offering a free gift for a 5-star review.")
    notice = str(NOTICES / "review_manipulation_warning.txt")
    run = run_cli(capsys, "draft", "--notice", notice, "--story", str(story), "--json")
    assert run.code == 0, run.err
    assert run.json["appeal"]["root_cause"] == ""
    asked = next(q for q in run.json["questions"] if q["id"] == "root_cause")
    assert asked["options"], "the candidate causes are offered"
    choice = asked["options"][0]
    run = run_cli(
        capsys,
        "draft",
        "--notice",
        notice,
        "--story",
        str(story),
        "--accept",
        choice["id"],
        "--json",
    )
    assert run.code == 0, run.err
    assert run.json["appeal"]["root_cause"] == choice["text"]
    assert choice["id"] in run.json["accepted"]
    printed = run_cli(capsys, "draft", "--notice", notice, "--story", str(story))
    assert "still needed [root_cause]" in printed.out and "--accept" in printed.out
    template = run_cli(capsys, "draft", "--notice", notice, "--story", str(story), "--template")
    assert "[Why did it happen?" in template.out


def test_draft_refuses_an_unknown_suggestion(indexed, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("We never used any agency. My nephew posted two reviews.")
    run = run_cli(
        capsys,
        "draft",
        "--notice",
        str(NOTICES / "review_manipulation_warning.txt"),
        "--story",
        str(story),
        "--accept",
        "no_such_cause",
    )
    assert run.code == 2
    assert "no_such_cause" in run.err


def test_draft_from_a_story_alone(indexed, tmp_path, capsys):
    """Sellers who lost the notice still get a draft; the story decides the violation type."""
    story = tmp_path / "story.txt"
    story.write_text(
        "Our packer replied to a buyer in messages and called him a liar on May 3, 2026. "
        "Order 113-2233445-5566778."
    )
    run = run_cli(capsys, "draft", "--story", str(story), "--json")
    assert run.code == 0, run.err
    assert run.json["violation_type"] == "inappropriate_communication"
    assert "113-2233445-5566778" in run.json["letter"]


@pytest.mark.parametrize(
    "args",
    [
        ["draft", "--notice", "missing.txt", "--story", "missing.txt"],
        [
            "draft",
            "--notice",
            str(NOTICES / "review_manipulation_warning.txt"),
            "--backend",
            "openai",
        ],
        [
            "draft",
            "--notice",
            str(NOTICES / "review_manipulation_warning.txt"),
            "--language",
            "it",
            "--backend",
            "offline",
        ],
    ],
)
def test_draft_bad_input_is_one_line_exit_2(args, capsys):
    run = run_cli(capsys, *args)
    assert run.code == 2, (args, run.err)
    assert len(run.error_lines) == 1, run.err


def test_score_json_contract(tmp_path, capsys):
    appeal = tmp_path / "appeal.txt"
    appeal.write_text(
        "Dear team, the root cause was human error. We will be more careful. [company name]"
    )
    run = run_cli(capsys, "score", str(appeal), "--json")
    assert run.code == 0, run.err
    card = run.json
    assert set(card) >= {"criteria", "total", "gates_passed", "language"}
    assert set(card["criteria"]["single_root_cause"]) >= {"passed", "score", "reason"}
    assert card["criteria"]["no_placeholders"]["passed"] is False
    assert card["gates_passed"] is False


def test_score_own_takes_the_sellers_letter_as_the_sellers_facts(tmp_path, capsys):
    """A seller's own letter names ASINs the short story leaves out: only a draft is held to them."""
    appeal = tmp_path / "appeal.txt"
    appeal.write_text(
        "Dear Seller Performance Team,\n\nIssue:\nOn 3 May 2025 our listing for ASIN B0C7711235 used the word"
        " 'antibacterial' for a bamboo brush, a pesticide claim.\n\nRoot cause:\nOur listing template had no"
        " check of claim words, so the supplier's wording went live unchanged.\n\nActions taken:\n- 4 May 2025:"
        " we removed the word from ASIN B0C7711235 and from ASIN B0C7711240.\n\nPreventive measures:\n-"
        " Every new listing is checked against our list of pesticide claim words before it goes live.\n"
    )
    story = tmp_path / "story.txt"
    story.write_text(
        "Our bamboo brush listing said antibacterial, copied from the supplier, because our template had no"
        " check of claim words. On 4 May 2025 we removed the word. Now every new listing is checked against our"
        " list of pesticide claim words."
    )
    draft = run_cli(capsys, "score", str(appeal), "--story", str(story), "--json")
    own = run_cli(capsys, "score", str(appeal), "--story", str(story), "--own", "--json")
    assert draft.code == own.code == 0
    assert (
        draft.json["criteria"]["no_fabrication"]["passed"] is False
    )  # the ASINs are not in the story
    assert own.json["criteria"]["no_fabrication"]["passed"] is True
    assert own.json["criteria"]["grounded"]["passed"] is True


def test_eval_fail_under_exits_non_zero_with_the_summary(indexed, tmp_path, capsys):
    command = ["eval", "--suite", "holdout", "--limit", "3", "--reports", str(tmp_path), "--json"]
    passing = run_cli(capsys, *command, "--fail-under", "0.5")
    assert passing.code == 0, passing.err
    assert passing.json["expectations_met"] >= 0.5 and passing.json["no_false_claims"] == 1.0
    assert (tmp_path / passing.json["run_id"] / "report.html").is_file()
    # the first three holdout cases do not all meet every expectation (2 of 3 today): 1 is not reached
    failing = run_cli(capsys, *command, "--fail-under", "1")
    assert failing.code == 1
    assert "under --fail-under" in failing.err
    assert failing.json["cases"] == 3
    unknown = run_cli(capsys, "eval", "--suite", "nope")
    assert unknown.code == 2 and "Unknown suite" in unknown.err


def test_eval_notices_reports_accuracy_per_field(indexed, tmp_path, capsys):
    run = run_cli(capsys, "eval", "--suite", "notices", "--reports", str(tmp_path), "--json")
    assert run.code == 0, run.err
    assert run.json["suite"] == "notices" and run.json["notices"] >= 40
    assert set(run.json) >= {
        "violation_type",
        "notice_kind",
        "needs",
        "deadline_days",
        "items_found",
    }
    report = (tmp_path / run.json["run_id"] / "report.md").read_text()
    assert "| language |" in report and "| ja |" in report
    text = run_cli(capsys, "eval", "--suite", "notices", "--reports", str(tmp_path), "--limit", "3")
    assert text.code == 0 and text.out.startswith("3 notices · type ")


def test_notice_shows_kind_needs_and_the_next_best_type(indexed, tmp_path, capsys):
    (tmp_path / "n.txt").write_text(
        "Hello,\n\nWe have decided to reinstate your selling privileges. Your listings will be "
        "active again within 24 hours.\n\nSeller Performance Team"
    )
    run = run_cli(capsys, "notice", str(tmp_path / "n.txt"), "--json")
    assert run.code == 0, run.err
    assert run.json["notice_kind"] == "reinstatement" and run.json["needs"] == "nothing"
    assert {"runner_up", "type_evidence", "language", "documents"} <= set(run.json)


def test_revise_saves_versions_that_history_reads_back(tmp_path, capsys):
    case = next(c for c in REVISION if "generic-prevention" in c.name)
    (tmp_path / "previous.txt").write_text(case.previous_appeal)
    (tmp_path / "rejection.txt").write_text(case.rejection)
    (tmp_path / "story.txt").write_text(case.story)
    run = run_cli(
        capsys,
        "revise",
        "--appeal",
        str(tmp_path / "previous.txt"),
        "--rejection",
        str(tmp_path / "rejection.txt"),
        "--story",
        str(tmp_path / "story.txt"),
        "--backend",
        "offline",
        "--json",
    )
    assert run.code == 0, run.err
    document = run.json
    assert {"gaps", "appeal", "letter", "diff", "scorecard"} <= set(document)
    assert {g["status"] for g in document["gaps"]} <= {"covered", "weak", "missing"}
    assert document["version"] == 2

    listed = run_cli(capsys, "history", str(document["appeal_id"]), "--json")
    versions = listed.json["versions"]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[0]["letter"] == case.previous_appeal
    assert versions[1]["trigger_kind"] == "rejection"
    assert versions[1]["trigger_text"] == case.rejection
    shown = run_cli(capsys, "history", str(document["appeal_id"]), "--show", "2")
    assert shown.out.strip() == document["letter"].strip()
    diff = run_cli(capsys, "history", str(document["appeal_id"]), "--diff", "1", "2", "--json")
    assert diff.json["from"] == 1 and diff.json["to"] == 2 and diff.json["diff"].startswith("---")
    missing = run_cli(capsys, "history", "999")
    assert missing.code == 2 and "no appeal 999" in missing.err


def test_sent_records_a_version_and_asks_to_confirm_changed_facts(tmp_path, capsys, monkeypatch):
    """`poa sent`: recorded at once the first time; a later version that changes a sent fact is
    listed and not recorded (exit 1) until --confirm; `poa history N` shows the clock."""
    from datetime import date

    from poa.core.config import Settings
    from poa.storage.history import History

    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "data"))
    history = History(Settings(POA_DATA_DIR=tmp_path / "data", _env_file=None).db_path)
    notice = "Date: 20 November 2026\nSend a plan of action within 17 days."
    appeal = history.create_appeal("late shipments", state={"notice": notice})
    sent = "Actions taken\nOn 3 March 2026 we refunded 14 orders in full.\n"
    history.add_version(appeal, sent, trigger_kind="edit", source="seller")
    history.add_version(
        appeal, sent.replace("14 orders", "9 orders"), trigger_kind="edit", source="seller"
    )

    first = run_cli(capsys, "sent", str(appeal), "--version", "1", "--on", "2026-11-22", "--json")
    assert first.code == 0, first.err
    assert first.json["recorded"] and first.json["changes"] == []
    assert first.json["clock"]["records"] == [{"kind": "sent", "on": "2026-11-22", "version": 1}]

    second = run_cli(capsys, "sent", str(appeal), "--json")
    assert second.code == 1 and "--confirm" in second.err
    assert not second.json["recorded"]
    (change,) = second.json["changes"]
    assert (change["kind"], change["before"], change["now"]) == (
        "quantity",
        "14 orders",
        "9 orders",
    )

    confirmed = run_cli(capsys, "sent", str(appeal), "--confirm")
    assert (
        confirmed.code == 0 and f"v2 marked as sent on {date.today().isoformat()}" in confirmed.out
    )

    shown = run_cli(capsys, "history", str(appeal))
    assert "22 Nov 2026: v1 sent" in shown.out and "waiting for Amazon's answer" in shown.out
    clock = run_cli(capsys, "history", str(appeal), "--json").json["clock"]
    assert clock["counted_from"] == "2026-11-20" and clock["tries_used"] == 2

    for bad in (
        ["sent", str(appeal), "--on", "tomorrow"],
        ["sent", "999"],
        ["sent", str(appeal), "--version", "7"],
    ):
        refused = run_cli(capsys, *bad)
        assert (
            refused.code == 2 and refused.out == "" and len(refused.err.strip().splitlines()) == 1
        )
