"""`poa eval --suite revision`: revise every rejected appeal in `evals/revision/`, score before and after."""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from poa.core.config import Settings
from poa.evals.datasets import load_suite
from poa.evals.runner import mean_known


@dataclass
class RevisionCaseResult:
    name: str
    violation_type: str
    language: str
    before: dict[str, Any]
    after: dict[str, Any]
    gaps_expected: list[dict[str, str]]
    gaps_found: list[dict[str, Any]]
    gap_agreement: float
    changes: list[str]
    letter: str
    seconds: float


@dataclass
class RevisionReport:
    run_id: str
    suite: str
    backend: str
    created: str
    cases: list[RevisionCaseResult]
    summary: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"kind": "revision"}


def run_revision_eval(
    settings: Settings,
    *,
    backend: str = "offline",
    limit: int | None = None,
    progress: bool = True,
    store: Any = None,
    chat_model: Any = None,
) -> RevisionReport:
    """Revise every previous appeal in evals/revision/ and score it before and after."""
    from tqdm import tqdm

    from poa.evals.datasets import RevisionSuite
    from poa.kb.store import KnowledgeStore
    from poa.revision.pipeline import revise

    cases = load_suite(settings.evals_dir / "revision" / "revision.yaml", RevisionSuite).cases[
        :limit
    ]
    store = store or KnowledgeStore(settings)
    results = []
    for case in tqdm(cases, desc="eval revision", unit="case", disable=not progress, leave=False):
        started = time.perf_counter()
        result = revise(
            case.previous_appeal,
            case.rejection,
            settings,
            story=case.story,
            original_notice=case.original_notice,
            backend=backend,
            store=store,
            chat_model=chat_model,
        )
        found = result.analysis.to_json()["gaps"]
        agree = 0
        for expected in case.expected_gaps:
            match = next((g for g in found if expected.phrase in g["item"].lower()), None)
            agree += bool(match and match["status"] == expected.status)
        results.append(
            RevisionCaseResult(
                name=case.name,
                violation_type=case.violation_type,
                language=result.analysis.language,
                before=result.analysis.scorecard.to_json(),
                after=result.scorecard.to_json(),
                gaps_expected=[g.model_dump() for g in case.expected_gaps],
                gaps_found=found,
                gap_agreement=round(agree / len(case.expected_gaps), 4),
                changes=result.changes,
                letter=result.letter,
                seconds=round(time.perf_counter() - started, 3),
            )
        )
    created = datetime.now(UTC)

    def rate(values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    summary = {
        "cases": len(results),
        "gates_passed_before": rate([bool(r.before["gates_passed"]) for r in results]),
        "gates_passed_after": rate([bool(r.after["gates_passed"]) for r in results]),
        "mean_total_before": mean_known(r.before["total"] for r in results),
        "mean_total_after": mean_known(r.after["total"] for r in results),
        "gap_agreement": round(statistics.mean(r.gap_agreement for r in results), 4)
        if results
        else None,
        "seconds": round(sum(r.seconds for r in results), 2),
    }
    return RevisionReport(
        f"{created:%Y%m%d-%H%M%S}-revision-{backend}",
        "revision",
        backend,
        created.isoformat(timespec="seconds"),
        results,
        summary,
    )
