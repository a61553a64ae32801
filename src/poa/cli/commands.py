"""The `poa` commands (but `eval`): each returns its JSON document and the text shown without --json.

Heavy libraries are imported inside each command, so `poa --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from poa.cli.inputs import (
    check_writable,
    load_cli_settings,
    one_stdin,
    open_history,
    open_store,
    read_input,
    write_output,
)
from poa.cli.output import Unfinished, format_scorecard
from poa.core.errors import UserError
from poa.storage.appeals import appeal_title, save_version

# A command returns its JSON document and the text shown without --json.
Outcome = tuple[dict[str, Any], str]


def cmd_ingest(args: argparse.Namespace) -> Outcome:
    from poa.kb.ingest import ingest

    summary = ingest(load_cli_settings(), rebuild=args.rebuild, progress=not args.quiet).to_json()
    text = (
        "added {added}, updated {updated}, removed {removed}, unchanged {unchanged}; "
        "{chunks} chunks in {seconds:.1f} s"
    ).format(**summary)
    return summary, text


def cmd_search(args: argparse.Namespace) -> Outcome:
    from poa.kb.store import KnowledgeStore

    store = KnowledgeStore(load_cli_settings())
    if store.count() == 0:
        raise UserError("The knowledge index is empty: run `poa ingest` first.")
    results = store.search(args.query, k=args.k, violation_type=args.type, kind=args.kind)
    lines = []
    for rank, hit in enumerate(results, 1):
        lines.append(f"{rank:>2}. {hit.score:.3f}  {hit.kind:<8} {hit.violation_type}  {hit.path}")
        lines.append(f"    {hit.title} — {hit.source}")
        snippet = " ".join(hit.text.split("\n", 1)[-1].split())[:160]
        lines.append(f"    {snippet}")
    return {"results": [hit.to_json() for hit in results]}, "\n".join(lines) or "no results"


def cmd_notice(args: argparse.Namespace) -> Outcome:
    from poa.reading.notice import parse_notice

    settings = load_cli_settings()
    notice = parse_notice(
        read_input(args.file, "notice", settings.input_limit), open_store(settings)
    )
    if settings.llm_configured:
        from poa.llm.client import LLMError
        from poa.reading.llm import refine_notice

        try:
            notice = refine_notice(notice, settings)
        except LLMError as error:
            print(f"poa notice: {error} Showing the rule-based reading.", file=sys.stderr)
    document = notice.to_json()
    lines = [
        f"violation type: {notice.violation_type} (confidence {notice.confidence:.2f})"
        + (
            f"; next best: {notice.runner_up} ({notice.runner_up_confidence:.2f})"
            if notice.runner_up
            else ""
        ),
        f"kind: {notice.notice_kind or 'unknown'}; you need to send: "
        f"{(notice.needs or 'unknown').replace('_', ' ')}; deadline: {notice.deadline_days or 'none'} days",
        f"language: {notice.language}; documents asked for: {', '.join(notice.documents) or '-'}",
        f"topics: {', '.join(notice.topics) or '-'}",
        f"orders: {', '.join(notice.order_ids) or '-'}; ASINs: {', '.join(notice.asins) or '-'}",
        f"dates: {', '.join(notice.dates) or '-'}",
        "asks for:",
        *[
            f"  - [{item.kind}] {item.text}"
            + (f" ({item.topic})" if item.topic else "")
            + (" (only if you believe this was an error)" if item.in_error else "")
            for item in notice.required_items
        ],
    ]
    return document, "\n".join(lines)


def _known_documents(ids: list[str]) -> None:
    from poa.reading.document_checklist import document_rules

    known = [rule.id for rule in document_rules().documents]
    unknown = [doc_id for doc_id in ids if doc_id not in known]
    if unknown:
        raise UserError(
            f"Unknown document type {unknown[0]!r} for --have; choose from {', '.join(known)}."
        )


def cmd_draft(args: argparse.Namespace) -> Outcome:
    from poa.drafting.boxes import render_boxes
    from poa.drafting.pipeline import draft_appeal

    if args.boxes and args.template:
        raise UserError("Choose one of --boxes and --template.")

    one_stdin(args.notice, args.story)
    _known_documents(args.have)
    if args.out:
        check_writable(args.out, "--out")  # before the work, so nothing is saved in vain
    settings = load_cli_settings()
    notice_text = read_input(args.notice, "notice", settings.input_limit) if args.notice else ""
    story = read_input(args.story, "story", settings.input_limit) if args.story else ""
    result = draft_appeal(
        notice_text,
        story,
        settings,
        backend=args.backend,
        root_cause=args.root_cause,
        language=args.language,
        answers=parse_answers(args.answer),
        accept=args.accept,
        store=open_store(settings),
        violation_type=args.type,
        sign_off=_sign_off(args, settings),
        documents_in_hand=args.have,
    )
    if result.fallback:
        print(f"poa draft: {result.fallback} The offline draft is shown instead.", file=sys.stderr)
    version = save_version(
        open_history(settings),
        None,
        result.letter,
        trigger_kind="notice",
        trigger_text=notice_text,
        source=result.backend,
        appeal=result.appeal.model_dump(),
        scorecard=result.scorecard.to_json() if result.scorecard else None,
        title=appeal_title(result.violation_type, result.notice.order_ids, result.notice.asins),
        violation_type=result.violation_type,
        state={
            "notice": notice_text,
            "story": story,
            "answers": parse_answers(args.answer),
            "accept": result.accepted,
        },
    )
    appeal_id = version.appeal_id
    if args.out:
        write_output(
            args.out,
            result.markdown if args.out.endswith(".md") else result.letter,
            "--out",
            done=f"Saved as appeal {appeal_id}, version {version.number}",
        )
    text = (
        render_boxes(result.boxes)
        if args.boxes
        else result.template()
        if args.template
        else result.letter
    )
    text += still_needed(result)
    text += f"\nsaved as appeal {appeal_id}, version {version.number} (poa history {appeal_id})"
    return result.to_json() | {"appeal_id": appeal_id, "version": version.number}, text


def _sign_off(args: argparse.Namespace, settings: Any) -> list[str]:
    """The sign-off: --name and --store are saved once and used by every later draft."""
    from poa.storage.profile import load_profile, make_profile, save_profile

    saved = load_profile(settings.data_dir)
    if args.name is not None or args.store is not None:
        saved = make_profile(
            saved.name if args.name is None else args.name,
            saved.store if args.store is None else args.store,
        )
        save_profile(settings.data_dir, saved)
    return saved.sign_off()


def parse_answers(pairs: list[str]) -> dict[str, str]:
    """`--answer key=text` pairs (their form and length checked by the parser)."""
    answers = {}
    for pair in pairs:
        key, _, text = pair.partition("=")
        answers[key.strip()] = text.strip()
    return answers


def still_needed(result: Any) -> str:
    """The notes and the open questions, printed after the letter (never inside it)."""
    lines = [f"note: {n}" for n in result.notes]
    for question in result.questions:
        lines.append(f"still needed [{question.id}]: {question.text}")
        lines += [f"    --accept {o.id}: {o.text}" for o in question.options]
    if not lines:
        return ""
    hint = (
        "Answer with --answer ID=TEXT (or --root-cause), or accept a suggestion with --accept ID."
    )
    return "\n---\n" + "\n".join(lines) + ("\n" + hint if result.questions else "")


def cmd_score(args: argparse.Namespace) -> Outcome:
    from poa.reading.notice import parse_notice
    from poa.scoring.rubric import score_appeal

    one_stdin(args.file, args.notice, args.story)
    settings = load_cli_settings()
    appeal = read_input(args.file, "appeal", settings.input_limit)
    notice = (
        parse_notice(read_input(args.notice, "notice", settings.input_limit))
        if args.notice
        else None
    )
    story = read_input(args.story, "story", settings.input_limit) if args.story else None
    own = {"sellers_letter": args.own}
    card = score_appeal(appeal, notice=notice, story=story, char_limit=settings.char_limit, **own)
    translated = False
    if settings.llm_configured and card.language not in ("en", "unknown"):
        from poa.llm.client import LLMError
        from poa.scoring.judge import translate_to_english

        try:
            english = translate_to_english(appeal, settings)
            language = card.language
            card = score_appeal(
                english, notice=notice, story=story, char_limit=settings.char_limit, **own
            )
            card = card.model_copy(update={"language": language})
            translated = True
        except LLMError as error:
            print(f"poa score: {error} Scoring without translation.", file=sys.stderr)
    if settings.llm_configured and not args.no_judge:
        from poa.llm.client import LLMError
        from poa.scoring.judge import judge_appeal

        try:
            opinion = judge_appeal(
                appeal, settings, notice=notice.text if notice else "", story=story or ""
            )
            card = card.model_copy(update={"judge": opinion})
        except LLMError as error:
            print(f"poa score: {error} No second opinion this time.", file=sys.stderr)
    document = card.to_json() | {"translated": translated}
    return document, format_scorecard(card)


def cmd_revise(args: argparse.Namespace) -> Outcome:
    from poa.revision.pipeline import revise

    one_stdin(args.appeal, args.rejection, args.story, args.notice)
    settings = load_cli_settings()
    previous = read_input(args.appeal, "previous appeal", settings.input_limit)
    rejection = read_input(args.rejection, "rejection", settings.input_limit)
    story = read_input(args.story, "story", settings.input_limit) if args.story else ""
    original = read_input(args.notice, "notice", settings.input_limit) if args.notice else ""
    history = open_history(settings)
    if args.history is not None:
        history.appeal(args.history)  # a clear error before any work when the id is wrong
    result = revise(
        previous,
        rejection,
        settings,
        story=story,
        original_notice=original,
        backend=args.backend,
        root_cause=args.root_cause,
        accept=args.accept,
        store=open_store(settings),
        sign_off=_sign_off(args, settings),
    )
    if result.fallback:
        print(
            f"poa revise: {result.fallback} The offline revision is shown instead.", file=sys.stderr
        )
    appeal_id = args.history
    if appeal_id is not None:  # a saved appeal: its case clock records the rejection
        from datetime import date

        from poa.tracking.sending import record_rejection

        record_rejection(history, appeal_id, rejection, date.today())
    else:
        appeal_id = save_version(
            history,
            None,
            previous,
            trigger_kind="notice" if original else "imported",
            trigger_text=original,
            source="seller",
            scorecard=result.analysis.scorecard.to_json(),
            title=appeal_title(
                result.analysis.violation_type,
                result.appeal.incident.order_ids,
                result.appeal.incident.asins,
            ),
            violation_type=result.analysis.violation_type,
        ).appeal_id
    version = save_version(
        history,
        appeal_id,
        result.letter,
        trigger_kind="rejection",
        trigger_text=rejection,
        source=f"revision-{result.backend}",
        appeal=result.appeal.model_dump(),
        scorecard=result.scorecard.to_json(),
        note="\n".join(result.changes),
    )
    document = result.to_json() | {"appeal_id": appeal_id, "version": version.number}
    gaps = [f"  [{g['status']:<7}] {g['item']}" for g in document["gaps"]]
    text = "\n".join(
        [
            "What Amazon asked for, and how the previous appeal answered it:",
            *gaps,
            "",
            "Likely reasons for the rejection:",
            *(f"  - {r}" for r in result.analysis.reasons),
            "",
            "What changed:",
            *(f"  - {c}" for c in result.changes),
            "",
            *(
                [
                    f"Please confirm the root cause; the facts also fit: {' | '.join(result.confirm_root_cause[1:])}",
                    "",
                ]
                if result.confirm_root_cause
                else []
            ),
            result.letter.rstrip() + still_needed(result),
            "--- diff (previous → revised) ---",
            result.diff,
            "",
            f"saved as appeal {appeal_id}, version {version.number} (poa history {appeal_id})",
        ]
    )
    return document, text


def cmd_history(args: argparse.Namespace) -> Outcome:
    from poa.revision.changes import unified_diff

    history = open_history(load_cli_settings())
    if args.appeal is None:
        records = history.appeals()
        lines = [
            f"{r.id:>4}  v{r.versions:<3} {r.updated[:16]}  {r.violation_type:<44} {r.title}"
            for r in records
        ]
        return {"appeals": [r.__dict__ for r in records]}, "\n".join(lines) or "no appeals yet"
    if args.diff:
        first, second = (history.version(args.appeal, n) for n in args.diff)
        diff = unified_diff(first.letter, second.letter)
        return {
            "appeal_id": args.appeal,
            "from": first.number,
            "to": second.number,
            "diff": diff,
        }, diff
    if args.show is not None or args.latest:
        version = history.version(args.appeal, None if args.latest else args.show)
        return version.to_json(), version.letter
    from datetime import date

    from poa.tracking.sending import appeal_clock

    versions = history.versions(args.appeal)
    record = history.appeal(args.appeal)
    clock = appeal_clock(history, args.appeal, date.today())
    lines = [f"appeal {record.id}: {record.title}", f"  {clock.headline()}"]
    lines += [f"  {line}" for line in clock.records()]
    if clock.warning():
        lines.append(f"  ! {clock.warning()}")
    for v in versions:
        gates = (
            ""
            if not v.scorecard
            else (" gates ok" if v.scorecard["gates_passed"] else " gates failed")
        )
        lines.append(f"  v{v.number}  {v.created[:16]}  {v.trigger_kind:<9} {v.source:<17}{gates}")
    document = {
        "appeal": record.__dict__,
        "versions": [v.to_json() for v in versions],
        "clock": clock.to_json(),
    }
    return document, "\n".join(lines)


def cmd_sent(args: argparse.Namespace) -> Outcome:
    """Record that a version was sent to Amazon, after listing what it states differently from
    the versions sent before; those changes need --confirm."""
    from datetime import date

    from poa.tracking.sending import appeal_clock, mark_sent

    history = open_history(load_cli_settings())
    history.appeal(args.appeal)  # a clear error when the id is wrong
    check = mark_sent(
        history, args.appeal, args.version, args.on or date.today(), confirmed=args.confirm
    )
    clock = appeal_clock(history, args.appeal, date.today())
    document = {"appeal_id": args.appeal, **check.to_json(), "clock": clock.to_json()}
    lines = [f"- {change.describe()}" for change in check.changes]
    if check.warning:
        lines.insert(0, f"! {check.warning}")
    if not check.recorded:
        text = "\n".join([f"v{check.version} states differently from what you sent:", *lines])
        raise Unfinished(
            document,
            f"v{check.version} was not marked as sent: check the {len(check.changes)} change(s)"
            " listed, then run again with --confirm if they are right",
            text,
        )
    lines.append(f"v{check.version} marked as sent on {check.on.isoformat()}. {clock.headline()}")
    return document, "\n".join(lines)


def cmd_bench(args: argparse.Namespace) -> Outcome:
    from poa.evals.bench import format_table, run_benchmarks

    rows = run_benchmarks(load_cli_settings(), only=args.only, queries=args.queries)
    return {"benchmarks": rows}, format_table(rows)
