"""What every benchmark shares: a result row, a percentile, the dev cases it runs on."""

from __future__ import annotations

from typing import Any

from poa.core.config import Settings

Row = dict[str, Any]


def row(name: str, value: float, unit: str, target: float | None, note: str = "") -> Row:
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "target": target,
        "ok": None if target is None else value < target,
        "note": note,
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def dev_cases(settings: Settings) -> list[Any]:
    from poa.evals.datasets import CaseSuite, load_suite

    return load_suite(settings.evals_dir / "cases" / "dev.yaml", CaseSuite).cases
