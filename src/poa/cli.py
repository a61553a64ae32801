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
    return result.to_json(), text


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
    except KeyboardInterrupt:
        return 130
    print(json.dumps(document, ensure_ascii=False, indent=2) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
