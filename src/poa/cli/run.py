"""Run one command; with --json print exactly one JSON document on stdout.

Progress and logs go to stderr. Exit code 0 on success, 2 on bad input with a one-line message on
stderr, 1 when an eval finished under --fail-under.
"""

from __future__ import annotations

import json
import sys

from poa.cli.eval_command import EvalBelowThreshold
from poa.cli.parser import build_parser
from poa.core.errors import UserError


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
