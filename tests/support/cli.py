"""The `poa` command run in this process (the model is loaded once per test session)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from poa.cli import main


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error_lines(self) -> list[str]:
        """stderr without the hint that the index is empty (it is not an error)."""
        return [
            line
            for line in self.err.splitlines()
            if not line.startswith("poa: the knowledge index")
        ]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> CliRun:
    """`poa ARGV…` through `poa.cli.main`; argparse's own exits are caught like a process exit."""
    capsys.readouterr()  # drop what earlier steps of the test printed
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return CliRun(code, out, err)
