"""The `poa` command. Heavy libraries are imported inside each command, so `poa --help` is fast.

With `--json` a command prints exactly one JSON document on stdout; progress and logs go to
stderr. Exit code 0 on success, 2 on bad input with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from poa.errors import UserError
from poa.vocab import KNOWLEDGE_KINDS, VIOLATION_TYPES

# A command returns its JSON document and the text shown without --json.
Outcome = tuple[dict[str, Any], str]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as the CLI contract says
        self.exit(2, f"{self.prog}: {message}\n")


def _settings() -> Any:
    from poa.config import load_settings

    return load_settings()


def read_input(path: str, what: str, limit: int) -> str:
    """Text from a file or from stdin ('-'); a clear error when it is missing, empty or too long."""
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()  # noqa: SIM115
    except OSError as error:
        raise UserError(f"Cannot read the {what} file {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise UserError(f"The {what} file {path} is not UTF-8 text.") from None
    if not text.strip():
        raise UserError(f"The {what} is empty.")
    if len(text) > limit:
        raise UserError(
            f"The {what} has {len(text):,} characters; the limit is {limit:,} (POA_INPUT_LIMIT)."
        )
    return text


def open_store(settings: Any) -> Any:
    """The knowledge index, or None when it has not been built (rules still work without it)."""
    from poa.store import KnowledgeStore

    store = KnowledgeStore(settings)
    if store.count() == 0:
        print(
            "poa: the knowledge index is empty; run `poa ingest` for better results",
            file=sys.stderr,
        )
        return None
    return store


def cmd_notice(args: argparse.Namespace) -> Outcome:
    from poa.notice import parse_notice

    settings = _settings()
    notice = parse_notice(
        read_input(args.file, "notice", settings.input_limit), open_store(settings)
    )
    if settings.llm_configured:
        from poa.drafting.llm import LLMError, refine_notice

        try:
            notice = refine_notice(notice, settings)
        except LLMError as error:
            print(f"poa notice: {error} Showing the rule-based reading.", file=sys.stderr)
    document = notice.to_json()
    lines = [
        f"violation type: {notice.violation_type} (confidence {notice.confidence:.2f})",
        f"kind: {notice.notice_kind or 'unknown'}; deadline: {notice.deadline_days or 'none'} days",
        f"topics: {', '.join(notice.topics) or '-'}",
        f"orders: {', '.join(notice.order_ids) or '-'}; ASINs: {', '.join(notice.asins) or '-'}",
        f"dates: {', '.join(notice.dates) or '-'}",
        "asks for:",
        *[
            f"  - [{item.kind}] {item.text}" + (f" ({item.topic})" if item.topic else "")
            for item in notice.required_items
        ],
    ]
    return document, "\n".join(lines)


def cmd_draft(args: argparse.Namespace) -> Outcome:
    from poa.draft import draft_appeal

    settings = _settings()
    notice_text = read_input(args.notice, "notice", settings.input_limit) if args.notice else ""
    story = read_input(args.story, "story", settings.input_limit) if args.story else ""
    result = draft_appeal(
        notice_text,
        story,
        settings,
        backend=args.backend,
        root_cause=args.root_cause,
        language=args.language,
        store=open_store(settings),
    )
    if result.fallback:
        print(f"poa draft: {result.fallback} The offline draft is shown instead.", file=sys.stderr)
    history = _history(settings)
    title = f"{result.violation_type.replace('_', ' ')}: {', '.join(result.notice.order_ids[:2] or result.notice.asins[:2]) or 'new appeal'}"
    appeal_id = history.create_appeal(
        title, result.violation_type, {"notice": notice_text, "story": story}
    )
    history.add_version(
        appeal_id,
        result.letter,
        trigger_kind="notice",
        trigger_text=notice_text,
        source=result.backend,
        appeal=result.appeal.model_dump(),
        scorecard=result.scorecard.to_json() if result.scorecard else None,
    )
    if args.out:
        letter = result.markdown if args.out.endswith(".md") else result.letter
        try:
            with open(args.out, "w", encoding="utf-8") as handle:
                handle.write(letter)
        except OSError as error:
            raise UserError(f"Cannot write {args.out}: {error.strerror}.") from None
    text = result.letter
    if result.notes or result.questions:
        text += "\n---\n" + "\n".join(
            [*(f"note: {n}" for n in result.notes), *(f"to answer: {q}" for q in result.questions)]
        )
    text += f"\nsaved as appeal {appeal_id}, version 1 (poa history {appeal_id})"
    return result.to_json() | {"appeal_id": appeal_id, "version": 1}, text


def format_scorecard(card: Any) -> str:
    """The scorecard as a table: one line per criterion with its verdict and reason."""
    marks = {True: "✓ pass", False: "✗ fail", None: "? n/j"}
    lines = [f"{'criterion':<38} {'result':<7} {'score':>5}  reason"]
    for name, result in card.criteria.items():
        label = f"{name} (gate)" if result.gate else name
        mark = "– n/a" if not result.applicable else marks[result.passed]
        score = "" if result.score is None else f"{result.score:.2f}"
        lines.append(f"{label:<38} {mark:<7} {score:>5}  {result.reason}")
        if card.judge and name in card.judge:
            opinion = card.judge[name]
            lines.append(
                f"{'':<38} {'judge':<7} {'':>5}  {'pass' if opinion['passed'] else 'fail'}: {opinion['reason']}"
            )
    gates = "yes" if card.gates_passed else "no"
    lines.append(
        f"total {card.total:.2f} · gates passed: {gates} · language: {card.language} · "
        f"{card.char_count:,} / {card.char_limit:,} characters"
    )
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> Outcome:
    from poa.notice import parse_notice
    from poa.rubric import score_appeal

    settings = _settings()
    appeal = read_input(args.file, "appeal", settings.input_limit)
    notice = (
        parse_notice(read_input(args.notice, "notice", settings.input_limit))
        if args.notice
        else None
    )
    story = read_input(args.story, "story", settings.input_limit) if args.story else None
    card = score_appeal(appeal, notice=notice, story=story, char_limit=settings.char_limit)
    translated = False
    if settings.llm_configured and card.language not in ("en", "unknown"):
        from poa.drafting.llm import LLMError
        from poa.judge import translate_to_english

        try:
            english = translate_to_english(appeal, settings)
            language = card.language
            card = score_appeal(english, notice=notice, story=story, char_limit=settings.char_limit)
            card = card.model_copy(update={"language": language})
            translated = True
        except LLMError as error:
            print(f"poa score: {error} Scoring without translation.", file=sys.stderr)
    if settings.llm_configured and not args.no_judge:
        from poa.drafting.llm import LLMError
        from poa.judge import judge_appeal

        try:
            opinion = judge_appeal(
                appeal, settings, notice=notice.text if notice else "", story=story or ""
            )
            card = card.model_copy(update={"judge": opinion})
        except LLMError as error:
            print(f"poa score: {error} No second opinion this time.", file=sys.stderr)
    document = card.to_json() | {"translated": translated}
    return document, format_scorecard(card)


def cmd_eval(args: argparse.Namespace) -> Outcome:
    from pathlib import Path

    from poa.evals import run_eval, run_scorer_check
    from poa.report import write_report

    settings = _settings()
    reports = Path(args.reports) if args.reports else settings.evals_dir / "reports"
    if args.scorer:
        scorer = run_scorer_check(settings)
        data = scorer.to_json()
        folder = write_report(data, reports)
        lines = [f"{'criterion':<38} agreement precision recall"]
        for name, c in scorer.criteria.items():
            pct = lambda v: "  –" if v is None else f"{v:>4.0%}"  # noqa: E731
            lines.append(
                f"{name + (' (gate)' if c['gate'] else ''):<38} {pct(c['agreement']):>9} {pct(c['precision']):>9} {pct(c['recall']):>6}"
            )
        summary = {
            "run_id": scorer.run_id,
            "appeals": scorer.appeals,
            "criteria": scorer.criteria,
            "report": str(folder),
        }
        gate_floor = min(c["agreement"] for c in scorer.criteria.values() if c["gate"])
        if args.fail_under is not None and gate_floor < args.fail_under:
            raise EvalBelowThreshold(
                summary,
                f"Scorer agreement on a gate criterion is {gate_floor:.0%}, under {args.fail_under:.0%}.",
            )
        return summary, "\n".join([*lines, f"report: {folder}/report.html"])
    if args.backend == "openai":
        from poa.draft import choose_backend

        choose_backend(settings, "openai")  # a clear error when no LLM is configured
    if args.suite == "revision":
        from poa.evals import run_revision_eval

        revision = run_revision_eval(settings, backend=args.backend, limit=args.limit)
        folder = write_report(revision.to_json(), reports)
        summary = {
            "run_id": revision.run_id,
            "suite": "revision",
            "backend": revision.backend,
            **revision.summary,
            "report": str(folder),
        }
        text = "\n".join(
            [
                f"{c.name:<52} gates {'pass' if c.before['gates_passed'] else 'fail'} → {'pass' if c.after['gates_passed'] else 'fail'}"
                f"  total {c.before['total']:.2f} → {c.after['total']:.2f}"
                for c in revision.cases
            ]
            + [
                f"gates passed {revision.summary['gates_passed_before']:.0%} → {revision.summary['gates_passed_after']:.0%}; "
                f"gap agreement {revision.summary['gap_agreement']:.0%}",
                f"report: {folder}/report.html",
            ]
        )
        rate = revision.summary["gates_passed_after"] or 0.0
        if args.fail_under is not None and rate < args.fail_under:
            raise EvalBelowThreshold(
                summary,
                f"Gates pass after revision in {rate:.0%} of cases, under {args.fail_under:.0%}.",
            )
        return summary, text
    report = run_eval(
        settings,
        args.suite,
        backend=args.backend,
        limit=args.limit,
        baseline=Path(args.baseline) if args.baseline else None,
    )
    data = report.to_json()
    folder = write_report(data, reports)
    summary = {
        "run_id": report.run_id,
        "suite": report.suite,
        "backend": report.backend,
        **report.summary,
        "report": str(folder),
    }
    if report.comparison:
        summary["improved"] = len(report.comparison["improved"])
        summary["regressed"] = len(report.comparison["regressed"])
    rate = report.summary["gate_pass_rate"] or 0.0
    text = (
        f"{report.summary['cases']} cases · gate pass rate {rate:.0%} · mean total {report.summary['mean_total']} · "
        f"root cause as intended {report.summary['root_cause_as_intended']} · {report.summary['seconds']} s\n"
        + "\n".join(
            f"  {name:<32} {value:.0%}"
            for name, value in report.summary["criteria"].items()
            if value is not None
        )
        + f"\nreport: {folder}/report.html"
    )
    if args.fail_under is not None and rate < args.fail_under:
        raise EvalBelowThreshold(
            summary, f"Gate pass rate {rate:.0%} is under --fail-under {args.fail_under:.0%}."
        )
    return summary, text


class EvalBelowThreshold(Exception):
    """The run finished but missed --fail-under: the summary is still printed, the exit code is 1."""

    def __init__(self, summary: dict[str, Any], message: str) -> None:
        super().__init__(message)
        self.summary = summary


def _history(settings: Any) -> Any:
    from poa.history import History

    return History(settings.db_path)


def cmd_revise(args: argparse.Namespace) -> Outcome:
    from poa.revise import revise

    settings = _settings()
    previous = read_input(args.appeal, "previous appeal", settings.input_limit)
    rejection = read_input(args.rejection, "rejection", settings.input_limit)
    story = read_input(args.story, "story", settings.input_limit) if args.story else ""
    original = read_input(args.notice, "notice", settings.input_limit) if args.notice else ""
    history = _history(settings)
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
        store=open_store(settings),
    )
    if result.fallback:
        print(
            f"poa revise: {result.fallback} The offline revision is shown instead.", file=sys.stderr
        )
    appeal_id = args.history
    if appeal_id is None:
        appeal_id = history.create_appeal(
            f"Revision: {result.analysis.violation_type.replace('_', ' ')}",
            result.analysis.violation_type,
        )
        history.add_version(
            appeal_id,
            previous,
            trigger_kind="notice" if original else "imported",
            trigger_text=original,
            source="seller",
            scorecard=result.analysis.scorecard.to_json(),
        )
    version = history.add_version(
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
            result.letter,
            "--- diff (previous → revised) ---",
            result.diff,
            "",
            f"saved as appeal {appeal_id}, version {version.number} (poa history {appeal_id})",
        ]
    )
    return document, text


def cmd_history(args: argparse.Namespace) -> Outcome:
    from poa.revise import unified_diff

    history = _history(_settings())
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
    versions = history.versions(args.appeal)
    record = history.appeal(args.appeal)
    lines = [f"appeal {record.id}: {record.title}"]
    for v in versions:
        gates = (
            ""
            if not v.scorecard
            else (" gates ok" if v.scorecard["gates_passed"] else " gates failed")
        )
        lines.append(f"  v{v.number}  {v.created[:16]}  {v.trigger_kind:<9} {v.source:<17}{gates}")
    return {"appeal": record.__dict__, "versions": [v.to_json() for v in versions]}, "\n".join(
        lines
    )


def cmd_ingest(args: argparse.Namespace) -> Outcome:
    from poa.ingest import ingest

    summary = ingest(_settings(), rebuild=args.rebuild, progress=not args.quiet).to_json()
    text = (
        "added {added}, updated {updated}, removed {removed}, unchanged {unchanged}; "
        "{chunks} chunks in {seconds:.1f} s"
    ).format(**summary)
    return summary, text


def cmd_search(args: argparse.Namespace) -> Outcome:
    from poa.store import KnowledgeStore

    if args.k < 1:
        raise UserError("-k must be at least 1.")
    store = KnowledgeStore(_settings())
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


def cmd_bench(args: argparse.Namespace) -> Outcome:
    from poa.bench import format_table, run_benchmarks

    rows = run_benchmarks(_settings(), only=args.only, queries=args.queries)
    return {"benchmarks": rows}, format_table(rows)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="poa", description="POA Assistant: draft, score and revise Amazon appeals."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, handler: Callable[[argparse.Namespace], Outcome], help: str) -> Any:
        sub = commands.add_parser(name, help=help, description=help, parents=[common])
        sub.set_defaults(handler=handler)
        return sub

    sub = command("ingest", cmd_ingest, "index knowledge/ into Chroma (idempotent)")
    sub.add_argument("--rebuild", action="store_true", help="drop the collection and re-embed all")
    sub.add_argument("--quiet", action="store_true", help="no progress bar")

    sub = command("search", cmd_search, "search the knowledge base")
    sub.add_argument("query")
    sub.add_argument("--type", choices=VIOLATION_TYPES, help="only this violation type")
    sub.add_argument("--kind", choices=KNOWLEDGE_KINDS, help="only this kind of document")
    sub.add_argument("-k", type=int, default=5, help="number of results (default 5)")

    sub = command(
        "notice", cmd_notice, "parse an Amazon notice (type, items asked for, deadline, IDs)"
    )
    sub.add_argument("file", help="the notice text file, or - for standard input")

    sub = command("draft", cmd_draft, "draft an appeal from a notice and the seller's story")
    sub.add_argument("--notice", help="the notice text file (- for standard input)")
    sub.add_argument("--story", help="the seller's story: what happened and what was done")
    sub.add_argument(
        "--root-cause", help="a playbook root-cause id, or the cause in your own words"
    )
    sub.add_argument("--backend", choices=["auto", "offline", "openai"], default="auto")
    sub.add_argument(
        "--language", default="en", help="en (default); with an LLM also it, de, fr, es, ja, zh"
    )
    sub.add_argument("--out", help="also write the letter here (.md for Markdown)")

    sub = command("score", cmd_score, "score an appeal against the rubric")
    sub.add_argument("file", help="the appeal text file, or - for standard input")
    sub.add_argument("--notice", help="the notice it answers (to judge coverage and facts)")
    sub.add_argument("--story", help="the seller's facts (to judge invented facts)")
    sub.add_argument("--no-judge", action="store_true", help="skip the LLM's second opinion")

    sub = command("eval", cmd_eval, "draft and score a suite of cases; write a report")
    sub.add_argument(
        "--suite", default="dev", help="evals/cases/<suite>.yaml (default dev), or revision"
    )
    sub.add_argument("--backend", choices=["offline", "openai"], default="offline")
    sub.add_argument("--baseline", help="a previous report.json (or its folder) to compare with")
    sub.add_argument("--limit", type=int, help="only the first N cases")
    sub.add_argument(
        "--fail-under", type=float, help="exit 1 when the gate pass rate is below this (0–1)"
    )
    sub.add_argument(
        "--scorer", action="store_true", help="check the scorer against evals/labelled/ instead"
    )
    sub.add_argument("--reports", help="where to write reports (default evals/reports)")

    sub = command("revise", cmd_revise, "revise an appeal after Amazon rejected it")
    sub.add_argument("--appeal", required=True, help="the appeal you sent (text file, - for stdin)")
    sub.add_argument("--rejection", required=True, help="Amazon's rejection message")
    sub.add_argument("--story", help="your facts: what happened, what you did and when")
    sub.add_argument("--notice", help="the original notice, if you have it")
    sub.add_argument(
        "--root-cause", help="the root cause to keep (a playbook id or your own words)"
    )
    sub.add_argument("--backend", choices=["auto", "offline", "openai"], default="auto")
    sub.add_argument("--history", type=int, help="add the revision to this saved appeal")

    sub = command("history", cmd_history, "saved appeals and their versions")
    sub.add_argument("appeal", type=int, nargs="?", help="an appeal id: list its versions")
    sub.add_argument("--show", type=int, metavar="N", help="print version N")
    sub.add_argument("--latest", action="store_true", help="print the latest version")
    sub.add_argument(
        "--diff", type=int, nargs=2, metavar=("A", "B"), help="diff version A against B"
    )

    sub = command("bench", cmd_bench, "measure speed (see the README's benchmark table)")
    sub.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    sub.add_argument("--queries", type=int, default=200, help="retrieval queries (default 200)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        document, text = args.handler(args)
    except UserError as error:
        print(f"poa {args.command}: {error}", file=sys.stderr)
        return 2
    except EvalBelowThreshold as below:
        print(
            json.dumps(below.summary, ensure_ascii=False, indent=2)
            if args.json
            else str(below.summary),
            file=sys.stdout,
        )
        print(f"poa {args.command}: {below}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    print(json.dumps(document, ensure_ascii=False, indent=2) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
