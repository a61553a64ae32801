"""Eval runs: draft every case of a suite, score each, aggregate, compare with a baseline.

`poa eval --suite dev` drafts and scores the scenarios in `evals/cases/dev.yaml`;
`poa eval --scorer` checks the rubric itself against the labelled appeals in
`evals/labelled/`. Reports go to `evals/reports/<run>/report.{json,md,html}`.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from poa.core.config import Settings
from poa.core.errors import UserError
from poa.core.vocab import CRITERIA
from poa.drafting.playbook_causes import rank_root_causes
from poa.evals.datasets import CaseSuite, EvalCase, load_suite
from poa.kb.documents import playbook_for
from poa.text.facts import mentions


def mean_known(values: Iterable[float | None]) -> float | None:
    """The mean of the totals that exist (a letter in a language we do not read has none)."""
    known = [v for v in values if v is not None]
    return round(statistics.mean(known), 4) if known else None


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
    cause_terms_missing: list[str] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    dated_actions_missing: list[str] = field(default_factory=list)
    brackets: list[str] = field(default_factory=list)
    complete: bool = True
    questions: int = 0

    @property
    def gates_passed(self) -> bool:
        return bool(self.scorecard["gates_passed"])

    @property
    def expectations_met(self) -> bool:
        """The case's gold expectations hold: the seller's cause, no false claim, every dated
        action with its date, every listed fact, no bracket. (Gates are reported beside it: for
        complete cases in `complete_gate_pass_rate`; an incomplete case leaves questions.)"""
        return (
            not self.cause_terms_missing
            and not self.false_claims
            and not self.dated_actions_missing
            and not self.missing_facts
            and not self.brackets
        )


def _alternatives(group: str) -> list[str]:
    return [a.strip().lower() for a in group.split("|") if a.strip()]


def gold_checks(case: EvalCase, letter: str, root_causes: str) -> dict[str, list[str]]:
    """What a letter gets wrong against the case's gold fields (empty lists: all met)."""
    low, cause = letter.lower(), root_causes.lower()
    return {
        "cause_terms_missing": [
            g for g in case.cause_terms if not any(a in cause for a in _alternatives(g))
        ],
        "false_claims": [a for g in case.false_claims for a in _alternatives(g) if a in low],
        "dated_actions_missing": [
            f"{d.terms} ({d.date})"
            for d in case.dated_actions
            if not (mentions(letter, d.date) and any(a in low for a in _alternatives(d.terms)))
        ],
        "brackets": re.findall(r"\[[^\]\n]{0,80}\]", letter),
    }


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
    from poa.drafting.pipeline import draft_appeal

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
    causes = " ".join(plan.root_cause for plan in result.appeal.plans())
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
        complete=case.complete,
        questions=len(result.questions),
        **gold_checks(case, result.letter, causes),
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
        "mean_total": mean_known(c.scorecard["total"] for c in cases),
        "criteria": per_criterion,
        "violation_type_accuracy": rate([c.detected_type == c.violation_type for c in cases]),
        "root_cause_as_intended": rate(matches),
        "facts_included": rate([not c.missing_facts for c in cases]),
        "expectations_met": rate([c.expectations_met for c in cases]),
        "cause_as_seller_said": rate([not c.cause_terms_missing for c in cases]),
        "no_false_claims": rate([not c.false_claims for c in cases]),
        "dated_actions_included": rate([not c.dated_actions_missing for c in cases]),
        "no_brackets": rate([not c.brackets for c in cases]),
        "complete_gate_pass_rate": rate([c.gates_passed for c in cases if c.complete]),
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
        now_total, old_total = case.scorecard["total"], old["scorecard"]["total"]
        delta = None if None in (now_total, old_total) else round(now_total - old_total, 4)
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

    from poa.kb.store import KnowledgeStore

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
