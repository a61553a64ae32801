"""The `poa` argument parser: one sub-command per job, each taking --json."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from poa.cli.commands import (
    Outcome,
    cmd_bench,
    cmd_draft,
    cmd_history,
    cmd_ingest,
    cmd_notice,
    cmd_revise,
    cmd_score,
    cmd_search,
    cmd_sent,
)
from poa.cli.eval_command import cmd_eval
from poa.cli.options import (
    NAME_LIMIT,
    QUERY_LIMIT,
    ROOT_CAUSE_LIMIT,
    answer,
    day,
    fraction,
    path,
    text,
    whole_number,
)
from poa.core.vocab import KNOWLEDGE_KINDS, VIOLATION_TYPES


class UsageError(Exception):
    """A command line argparse refused; `run.main` prints it in one line and exits 2."""

    def __init__(self, message: str, command: str | None) -> None:
        super().__init__(message)
        self.command = command


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, as the CLI contract says
        command = self.prog.partition(" ")[2] or None  # "poa draft" → "draft"
        raise UsageError(message, command)


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
    sub.add_argument("query", type=text(QUERY_LIMIT))
    sub.add_argument("--type", choices=VIOLATION_TYPES, help="only this violation type")
    sub.add_argument("--kind", choices=KNOWLEDGE_KINDS, help="only this kind of document")
    sub.add_argument(
        "-k", type=whole_number(1, 100), default=5, help="number of results (default 5)"
    )

    sub = command(
        "notice", cmd_notice, "parse an Amazon notice (type, items asked for, deadline, IDs)"
    )
    sub.add_argument("file", type=path, help="the notice text file, or - for standard input")

    sub = command("draft", cmd_draft, "draft an appeal from a notice and the seller's story")
    sub.add_argument("--notice", type=path, help="the notice text file (- for standard input)")
    sub.add_argument(
        "--story", type=path, help="the seller's story: what happened and what was done"
    )
    _root_cause_option(sub, "a playbook root-cause id, or the cause in your own words")
    _accept_option(sub)
    sub.add_argument(
        "--type",
        choices=VIOLATION_TYPES,
        help="the violation type, when the one read from the notice is wrong",
    )
    sub.add_argument(
        "--answer",
        action="append",
        default=[],
        type=answer,
        metavar="KEY=TEXT",
        help="answer a question under 'still needed' (e.g. measures='From now on I …'); repeatable",
    )
    sub.add_argument(
        "--template",
        action="store_true",
        help="print a fill-in version with each open question in brackets in its section",
    )
    _sign_off_options(sub)
    sub.add_argument(
        "--have",
        action="append",
        default=[],
        type=text(NAME_LIMIT),
        metavar="DOCUMENT",
        help="a document the notice asks for that you have (e.g. supplier_invoice; the letter lists"
        " only these and those your story names); repeatable",
    )
    sub.add_argument(
        "--boxes",
        action="store_true",
        help="print the appeal as the boxes of Amazon's form, each with its character count",
    )
    sub.add_argument("--backend", choices=["auto", "offline", "openai"], default="auto")
    sub.add_argument(
        "--language",
        default="en",
        type=text(NAME_LIMIT),
        help="en (default); with an LLM also it, de, fr, es, ja, zh",
    )
    sub.add_argument("--out", type=path, help="also write the letter here (.md for Markdown)")

    sub = command("score", cmd_score, "score an appeal against the rubric")
    sub.add_argument("file", type=path, help="the appeal text file, or - for standard input")
    sub.add_argument(
        "--notice", type=path, help="the notice it answers (to judge coverage and facts)"
    )
    sub.add_argument("--story", type=path, help="the seller's facts (to judge invented facts)")
    sub.add_argument("--no-judge", action="store_true", help="skip the LLM's second opinion")
    sub.add_argument(
        "--own",
        action="store_true",
        help="the letter is the seller's own (not a draft): its IDs and details count as the seller's",
    )

    sub = command("eval", cmd_eval, "draft and score a suite of cases; write a report")
    sub.add_argument(
        "--suite",
        default="dev",
        type=text(NAME_LIMIT),
        help="evals/cases/<suite>.yaml (default dev), revision, or notices (the notice reader)",
    )
    sub.add_argument("--backend", choices=["offline", "openai"], default="offline")
    sub.add_argument(
        "--baseline", type=path, help="a previous report.json (or its folder) to compare with"
    )
    sub.add_argument("--limit", type=whole_number(1), help="only the first N cases")
    sub.add_argument(
        "--fail-under", type=fraction, help="exit 1 when the gate pass rate is below this (0–1)"
    )
    sub.add_argument(
        "--scorer", action="store_true", help="check the scorer against evals/labelled/ instead"
    )
    sub.add_argument("--reports", type=path, help="where to write reports (default evals/reports)")

    sub = command("revise", cmd_revise, "revise an appeal after Amazon rejected it")
    sub.add_argument(
        "--appeal", required=True, type=path, help="the appeal you sent (text file, - for stdin)"
    )
    sub.add_argument("--rejection", required=True, type=path, help="Amazon's rejection message")
    _sign_off_options(sub)
    sub.add_argument("--story", type=path, help="your facts: what happened, what you did and when")
    sub.add_argument("--notice", type=path, help="the original notice, if you have it")
    _root_cause_option(sub, "the root cause to keep (a playbook id or your own words)")
    _accept_option(sub)
    sub.add_argument("--backend", choices=["auto", "offline", "openai"], default="auto")
    sub.add_argument(
        "--history", type=whole_number(1), help="add the revision to this saved appeal"
    )

    sub = command("history", cmd_history, "saved appeals and their versions")
    sub.add_argument(
        "appeal", type=whole_number(1), nargs="?", help="an appeal id: list its versions"
    )
    sub.add_argument("--show", type=whole_number(1), metavar="N", help="print version N")
    sub.add_argument("--latest", action="store_true", help="print the latest version")
    sub.add_argument(
        "--diff", type=whole_number(1), nargs=2, metavar=("A", "B"), help="diff version A against B"
    )

    sub = command(
        "sent", cmd_sent, "record that a version was sent to Amazon (checked against those sent)"
    )
    sub.add_argument("appeal", type=whole_number(1), help="the appeal id (poa history lists them)")
    sub.add_argument("--version", type=whole_number(1), help="the version sent (default: latest)")
    sub.add_argument("--on", type=day, help="the day you sent it, YYYY-MM-DD (default: today)")
    sub.add_argument(
        "--confirm",
        action="store_true",
        help="the changes from the versions sent before are right: record it anyway",
    )

    sub = command("bench", cmd_bench, "measure speed (see the README's benchmark table)")
    sub.add_argument(
        "--only",
        action="append",
        type=text(NAME_LIMIT),
        help="run only this benchmark (repeatable)",
    )
    sub.add_argument(
        "--queries",
        type=whole_number(1, 100_000),
        default=200,
        help="retrieval queries (default 200)",
    )
    return parser


def _root_cause_option(sub: argparse.ArgumentParser, help: str) -> None:
    sub.add_argument("--root-cause", type=text(ROOT_CAUSE_LIMIT), help=help)


def _sign_off_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--name", help="your name for the sign-off (saved for later letters)")
    sub.add_argument("--store", help="your store name for the sign-off (saved for later letters)")


def _accept_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--accept",
        action="append",
        default=[],
        type=text(NAME_LIMIT),
        metavar="ID",
        help="accept a suggested cause, action or measure listed under 'still needed'; repeatable",
    )
