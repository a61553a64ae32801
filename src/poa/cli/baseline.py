"""`poa eval --baseline`: the previous report.json, checked before the run so a wrong file is one
line, not a traceback after every case was drafted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from poa.cli.inputs import shown
from poa.core.errors import UserError
from poa.core.vocab import CRITERIA


def check_baseline(path: Path) -> Path:
    """The baseline's report.json, checked before the run: a drafting report `poa eval` wrote,
    with every case's scorecard and every criterion the comparison reads."""
    where = f"The baseline {shown(path)}"
    if path.is_dir():
        path, where = path / "report.json", f"The baseline folder {shown(path)}"
        if not path.is_file():
            raise UserError(f"{where} has no report.json.")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise UserError(f"{where} does not exist.") from None
    except OSError as error:
        raise UserError(
            f"Cannot read {where[0].lower()}{where[1:]}: {error.strerror or error}."
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserError(f"{where} is not JSON: give the report.json of a `poa eval` run.") from None
    try:
        report = _SHAPE.validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        at = ".".join(str(part) for part in first["loc"]) or "the whole file"
        raise UserError(
            f"{where} is not a drafting eval report (report.json of `poa eval`):"
            f" {at}: {first['msg']}."
        ) from None
    for case in report["cases"]:
        missing = [name for name in CRITERIA if name not in case["scorecard"]["criteria"]]
        if missing:
            raise UserError(
                f"{where} lacks the criterion {missing[0]} in case {case['name']!r}: it is from an"
                " older version; run `poa eval` again for a new baseline."
            )
    return path


class _Criterion(TypedDict):
    passed: bool | None


class _Scorecard(TypedDict):
    criteria: dict[str, _Criterion]
    total: float
    gates_passed: bool


class _Case(TypedDict):
    name: str
    scorecard: _Scorecard


class _Summary(TypedDict):
    criteria: dict[str, float | None]
    gate_pass_rate: float | None
    mean_total: float | None


class _Baseline(TypedDict):
    """What `runner.compare` reads of a previous report.json (other fields are ignored)."""

    kind: Literal["drafting"]
    run_id: str
    summary: _Summary
    cases: list[_Case]


_SHAPE = TypeAdapter(_Baseline)
