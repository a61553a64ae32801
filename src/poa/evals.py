"""Eval runs: draft every case of a suite, score each, aggregate, compare with a baseline.

`poa eval --suite dev` drafts and scores the scenarios in `evals/cases/dev.yaml`;
`poa eval --scorer` checks the rubric itself against the labelled appeals in
`evals/labelled/`. Reports go to `evals/reports/<run>/report.{json,md,html}`.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from poa.config import Settings
from poa.datasets import CaseSuite, EvalCase, LabelledSuite, load_suite
from poa.errors import UserError
from poa.facts import mentions
from poa.knowledge import playbook_for
from poa.notice import parse_notice
from poa.rootcause import rank_root_causes
from poa.rubric import score_appeal
from poa.vocab import CRITERIA, GATE_CRITERIA


@dataclass
class CaseResult:
    name: str
    violation_type: str
    detected_type: str
    backend: str
    scorecard: dict[str, Any]
    letter: str
    intended_root_cause: str
    root_cause_match: bool | None
    missing_facts: list[str]
    seconds: float
    notes: list[str] = field(default_factory=list)
    fallback: str | None = None

    @property
    def gates_passed(self) -> bool:
        return bool(self.scorecard["gates_passed"])


@dataclass
class RunReport:
    run_id: str
    suite: str
    backend: str
    created: str
    cases: list[CaseResult]
    summary: dict[str, Any]
    comparison: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"kind": "drafting"}


def suite_path(settings: Settings, suite: str) -> Path:
    path = settings.evals_dir / "cases" / f"{suite}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in (settings.evals_dir / "cases").glob("*.yaml"))
        raise UserError(f"Unknown suite {suite!r}; choose from {', '.join(known)}.")
    return path


def matched_root_cause(settings: Settings, violation_type: str, root_cause: str) -> str | None:
    """Which playbook cause the appeal's root cause is closest to (any drafter, same test)."""
    playbook = playbook_for(settings.knowledge_dir, violation_type)
    if playbook is None or not root_cause.strip():
        return None
    return rank_root_causes(playbook, root_cause)[0].cause.id


def run_case(
    case: EvalCase, settings: Settings, backend: str, store: Any, chat_model: Any = None
) -> CaseResult:
    from poa.draft import draft_appeal

    started = time.perf_counter()
    result = draft_appeal(
        case.notice,
        case.story,
        settings,
        backend=backend,
        answers=case.answers,
        store=store,
        chat_model=chat_model,
    )
    matched = matched_root_cause(settings, case.violation_type, result.appeal.root_cause)
    return CaseResult(
        name=case.name,
        violation_type=case.violation_type,
        detected_type=result.violation_type,
        backend=result.backend,
        scorecard=result.scorecard.to_json() if result.scorecard else {},
        letter=result.letter,
        intended_root_cause=case.intended_root_cause,
        root_cause_match=None if matched is None else matched == case.intended_root_cause,
        missing_facts=[fact for fact in case.must_include if not mentions(result.letter, fact)],
        seconds=round(time.perf_counter() - started, 3),
        notes=result.notes,
        fallback=result.fallback,
    )


def summarise(cases: list[CaseResult]) -> dict[str, Any]:
    def rate(values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    per_criterion = {}
    for name in CRITERIA:
        judged = [
            c.scorecard["criteria"][name]
            for c in cases
            if c.scorecard["criteria"][name]["applicable"]
        ]
        per_criterion[name] = rate([j["passed"] is True for j in judged])
    matches = [c.root_cause_match for c in cases if c.root_cause_match is not None]
    return {
        "cases": len(cases),
        "gate_pass_rate": rate([c.gates_passed for c in cases]),
        "mean_total": round(statistics.mean(c.scorecard["total"] for c in cases), 4)
        if cases
        else None,
        "criteria": per_criterion,
        "violation_type_accuracy": rate([c.detected_type == c.violation_type for c in cases]),
        "root_cause_as_intended": rate(matches),
        "facts_included": rate([not c.missing_facts for c in cases]),
        "llm_fallbacks": sum(1 for c in cases if c.fallback),
        "seconds": round(sum(c.seconds for c in cases), 2),
    }


def compare(current: RunReport, baseline: dict[str, Any]) -> dict[str, Any]:
    """What improved and what regressed against a previous report.json."""
    if baseline.get("kind") != "drafting":
        raise UserError("The baseline is not a drafting eval report (report.json of `poa eval`).")
    before_cases = {case["name"]: case for case in baseline["cases"]}
    criteria = {}
    for name in CRITERIA:
        now, then = current.summary["criteria"].get(name), baseline["summary"]["criteria"].get(name)
        criteria[name] = {
            "before": then,
            "after": now,
            "delta": None if now is None or then is None else round(now - then, 4),
        }
    improved, regressed = [], []
    for case in current.cases:
        old = before_cases.get(case.name)
        if old is None:
            continue
        flips = []
        for name in CRITERIA:
            was, now = (
                old["scorecard"]["criteria"][name]["passed"],
                case.scorecard["criteria"][name]["passed"],
            )
            if was is not now and None not in (was, now):
                flips.append({"criterion": name, "now": "pass" if now else "fail"})
        delta = round(case.scorecard["total"] - old["scorecard"]["total"], 4)
        entry = {"case": case.name, "total_delta": delta, "flips": flips}
        gates_now, gates_then = case.gates_passed, bool(old["scorecard"]["gates_passed"])
        worse = (
            (gates_then and not gates_now)
            or any(f["now"] == "fail" for f in flips)
            or delta <= -0.05
        )
        better = (
            (gates_now and not gates_then)
            or any(f["now"] == "pass" for f in flips)
            or delta >= 0.05
        )
        if worse:
            regressed.append(entry)
        elif better:
            improved.append(entry)
    return {
        "baseline": baseline["run_id"],
        "gate_pass_rate": {
            "before": baseline["summary"]["gate_pass_rate"],
            "after": current.summary["gate_pass_rate"],
        },
        "mean_total": {
            "before": baseline["summary"]["mean_total"],
            "after": current.summary["mean_total"],
        },
        "criteria": criteria,
        "improved": improved,
        "regressed": regressed,
    }


def run_eval(
    settings: Settings,
    suite: str = "dev",
    *,
    backend: str = "offline",
    limit: int | None = None,
    baseline: Path | None = None,
    progress: bool = True,
    chat_model: Any = None,
    store: Any = None,
) -> RunReport:
    from tqdm import tqdm

    from poa.store import KnowledgeStore

    cases = load_suite(suite_path(settings, suite), CaseSuite).cases[:limit]
    baseline_data = _read_baseline(baseline) if baseline else None
    store = store or KnowledgeStore(settings)
    results = [
        run_case(case, settings, backend, store, chat_model)
        for case in tqdm(
            cases, desc=f"eval {suite}", unit="case", disable=not progress, leave=False
        )
    ]
    created = datetime.now(UTC)
    report = RunReport(
        run_id=f"{created:%Y%m%d-%H%M%S}-{suite}-{backend}",
        suite=suite,
        backend=backend,
        created=created.isoformat(timespec="seconds"),
        cases=results,
        summary=summarise(results),
    )
    if baseline_data:
        report.comparison = compare(report, baseline_data)
    return report


def _read_baseline(path: Path) -> dict[str, Any]:
    path = path / "report.json" if path.is_dir() else path
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise UserError(f"Cannot read the baseline report {path}: {error}") from None


# --- the scorer against hand labels ----------------------------------------------------------------


@dataclass
class ScorerReport:
    run_id: str
    created: str
    appeals: int
    criteria: dict[str, dict[str, Any]]
    disagreements: list[dict[str, str]]

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"kind": "scorer"}


def run_scorer_check(settings: Settings, progress: bool = True) -> ScorerReport:
    """Score every labelled appeal and compare with its labels, per criterion.

    `fail` is the positive class: precision is how often a fail the scorer reports is a real one,
    recall how many real fails it catches. A label of n/a agrees with n/a or pass.
    """
    from tqdm import tqdm

    appeals = []
    for path in sorted((settings.evals_dir / "labelled").glob("*.yaml")):
        appeals += load_suite(path, LabelledSuite).appeals
    counts = {name: {"agree": 0, "n": 0, "tp": 0, "fp": 0, "fn": 0} for name in CRITERIA}
    disagreements = []
    for appeal in tqdm(appeals, desc="scorer", unit="appeal", disable=not progress, leave=False):
        notice = parse_notice(appeal.notice) if appeal.notice.strip() else None
        card = score_appeal(
            appeal.appeal, notice=notice, story=appeal.story or None, char_limit=settings.char_limit
        )
        for name, label in appeal.labels.items():
            result = card.criteria[name]
            got = "na" if not result.applicable else "pass" if result.passed else "fail"
            agree = got == label or (label == "na" and got == "pass")
            tally = counts[name]
            tally["n"] += 1
            tally["agree"] += agree
            tally["tp"] += got == "fail" and label == "fail"
            tally["fp"] += got == "fail" and label != "fail"
            tally["fn"] += got != "fail" and label == "fail"
            if not agree:
                disagreements.append(
                    {
                        "appeal": appeal.name,
                        "criterion": name,
                        "label": label,
                        "scorer": got,
                        "reason": result.reason,
                    }
                )
    criteria = {}
    for name, t in counts.items():
        flagged, actual = t["tp"] + t["fp"], t["tp"] + t["fn"]
        criteria[name] = {
            "gate": name in GATE_CRITERIA,
            "agreement": round(t["agree"] / t["n"], 4) if t["n"] else None,
            "precision": round(t["tp"] / flagged, 4) if flagged else None,
            "recall": round(t["tp"] / actual, 4) if actual else None,
            "labelled_fails": actual,
            "n": t["n"],
        }
    created = datetime.now(UTC)
    return ScorerReport(
        f"{created:%Y%m%d-%H%M%S}-scorer",
        created.isoformat(timespec="seconds"),
        len(appeals),
        criteria,
        disagreements,
    )


# --- the revision suite -----------------------------------------------------------------------------


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

    from poa.datasets import RevisionSuite
    from poa.revise import revise
    from poa.store import KnowledgeStore

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
        "mean_total_before": round(statistics.mean(r.before["total"] for r in results), 4)
        if results
        else None,
        "mean_total_after": round(statistics.mean(r.after["total"] for r in results), 4)
        if results
        else None,
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
