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
