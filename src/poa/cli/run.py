"""Run one command; with --json print exactly one JSON document on stdout.

Progress and logs go to stderr. Exit code 0 on success, 2 on bad input with a one-line message on
stderr (and, with --json, `{"error", "command"}` on stdout), 1 when a command ran but did not
do what was asked (an eval under --fail-under, `poa sent` waiting for --confirm).
"""

from __future__ import annotations

import json
import sys

from poa.cli.inputs import load_cli_settings
from poa.cli.output import Unfinished
from poa.cli.parser import UsageError, build_parser
from poa.core.errors import UserError


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        return refuse(error.command, str(error), as_json=wants_json(argv))
    try:
        load_cli_settings()  # a bad setting or .env: one line, before a library trips over it
        document, text = args.handler(args)
    except UserError as error:
        return refuse(args.command, str(error), as_json=args.json)
    except Unfinished as unfinished:
        print(
            json.dumps(unfinished.document, ensure_ascii=False, indent=2)
            if args.json
            else unfinished.text,
            file=sys.stdout,
        )
        print(f"poa {args.command}: {unfinished}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    print(json.dumps(document, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def refuse(command: str | None, message: str, *, as_json: bool) -> int:
    """Exit 2: one line `poa <command>: <message>` on stderr; with --json also one JSON object
    `{"error": message, "command": command}` on stdout."""
    message = " ".join(message.split())  # one line, whatever the message quotes
    print(f"poa {command}: {message}" if command else f"poa: {message}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message, "command": command}, ensure_ascii=False))
    return 2


def wants_json(argv: list[str]) -> bool:
    """--json among the options (before a `--`), for errors found before parsing succeeded."""
    options = argv[: argv.index("--")] if "--" in argv else argv
    return "--json" in options
