"""`poa eval`: draft and score a suite (or check the scorer, or revise the revision pairs); write a report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from poa.cli.commands import Outcome
from poa.cli.inputs import check_folder, load_cli_settings, shown
from poa.cli.output import Unfinished
from poa.core.errors import UserError


def cmd_eval(args: argparse.Namespace) -> Outcome:
    from poa.cli.baseline import check_baseline
    from poa.evals.runner import run_eval
    from poa.evals.scorer_check import run_scorer_check

    if args.baseline and (args.scorer or args.suite in ("revision", "notices")):
        raise UserError(
            "--baseline compares drafting suites only (not --scorer, --suite revision or notices)."
        )
    baseline = check_baseline(Path(args.baseline)) if args.baseline else None
    settings = load_cli_settings()
    reports = Path(args.reports) if args.reports else settings.evals_dir / "reports"
    check_folder(reports, "--reports")  # before the run, not after it
    if args.scorer:
        scorer = run_scorer_check(settings)
        data = scorer.to_json()
        folder = _write_report(data, reports)
        lines = [f"real appeals ({scorer.real_appeals}):", *_agreement_lines(scorer.criteria)]
        lines += ["", "made-up appeals:", *_agreement_lines(scorer.made_up)]
        o = scorer.outcomes
        auc = "–" if o["auc"] is None else f"{o['auc']:.2f}"
        lines.append(
            f"\naccepted vs rejected (real): rank-AUC of total {auc} over {o['accepted']} accepted "
            f"and {o['rejected']} rejected; not judged (language): {len(o['not_judged'])}"
        )
        ready = "–" if o["auc_ready_vs_faulty"] is None else f"{o['auc_ready_vs_faulty']:.2f}"
        lines.append(
            f"labelled ready vs faulty (all): rank-AUC of total {ready} over {o['ready']} ready "
            f"and {o['faulty']} with a must-pass fault"
        )
        summary = {
            "run_id": scorer.run_id,
            "appeals": scorer.appeals,
            "criteria": scorer.criteria,
            "made_up": scorer.made_up,
            "outcomes": scorer.outcomes,
            "report": str(folder),
        }
        gate_floor = min(c["agreement"] for c in scorer.criteria.values() if c["gate"])
        if args.fail_under is not None and gate_floor < args.fail_under:
            raise EvalBelowThreshold(
                summary,
                f"Scorer agreement on a gate criterion is {gate_floor:.0%}, under {args.fail_under:.0%}.",
            )
        return summary, "\n".join([*lines, f"report: {folder}/report.html"])
    if args.backend == "openai":
        from poa.drafting.pipeline import choose_backend

        choose_backend(settings, "openai")  # a clear error when no LLM is configured
    if args.suite == "notices":
        return _notices(args, settings, reports)
    if args.suite == "revision":
        from poa.evals.revision_suite import run_revision_eval

        revision = run_revision_eval(settings, backend=args.backend, limit=args.limit)
        folder = _write_report(revision.to_json(), reports)
        summary = {
            "run_id": revision.run_id,
            "suite": "revision",
            "backend": revision.backend,
            **revision.summary,
            "report": str(folder),
        }
        text = "\n".join(
            [
                f"{c.name:<52} gates {'pass' if c.before['gates_passed'] else 'fail'} → {'pass' if c.after['gates_passed'] else 'fail'}"
                f"  total {c.before['total']:.2f} → {c.after['total']:.2f}"
                for c in revision.cases
            ]
            + [
                f"gates passed {revision.summary['gates_passed_before']:.0%} → {revision.summary['gates_passed_after']:.0%}; "
                f"gap agreement {revision.summary['gap_agreement']:.0%}",
                f"report: {folder}/report.html",
            ]
        )
        rate = revision.summary["gates_passed_after"] or 0.0
        if args.fail_under is not None and rate < args.fail_under:
            raise EvalBelowThreshold(
                summary,
                f"Gates pass after revision in {rate:.0%} of cases, under {args.fail_under:.0%}.",
            )
        return summary, text
    report = run_eval(
        settings,
        args.suite,
        backend=args.backend,
        limit=args.limit,
        baseline=baseline,
    )
    data = report.to_json()
    folder = _write_report(data, reports)
    summary = {
        "run_id": report.run_id,
        "suite": report.suite,
        "backend": report.backend,
        **report.summary,
        "report": str(folder),
    }
    if report.comparison:
        summary["improved"] = len(report.comparison["improved"])
        summary["regressed"] = len(report.comparison["regressed"])
    rate = report.summary["expectations_met"] or 0.0
    gates = report.summary["gate_pass_rate"] or 0.0
    text = (
        f"{report.summary['cases']} cases · expectations met {rate:.0%} · gate pass rate {gates:.0%} · "
        f"mean total {report.summary['mean_total']} · {report.summary['seconds']} s\n"
        f"  cause as the seller said {report.summary['cause_as_seller_said']:.0%} · no false claim "
        f"{report.summary['no_false_claims']:.0%} · dated actions {report.summary['dated_actions_included']:.0%} · "
        f"no brackets {report.summary['no_brackets']:.0%}\n"
        + "\n".join(
            f"  {name:<32} {value:.0%}"
            for name, value in report.summary["criteria"].items()
            if value is not None
        )
        + f"\nreport: {folder}/report.html"
    )
    truthful = min(report.summary["no_false_claims"] or 0.0, report.summary["no_brackets"] or 0.0)
    if args.fail_under is not None and truthful < 1.0:
        false = [c.name for c in report.cases if c.false_claims or c.brackets]
        raise EvalBelowThreshold(
            summary,
            f"A letter states what the seller did not say, or holds a bracket: {', '.join(false)}.",
        )
    if args.fail_under is not None and rate < args.fail_under:
        raise EvalBelowThreshold(
            summary,
            f"Expectations met in {rate:.0%} of cases, under --fail-under {args.fail_under:.0%}"
            " (the seller's cause, no false claim, dated actions with their dates, listed facts, no bracket).",
        )
    return summary, text


def _notices(args: argparse.Namespace, settings: Any, reports: Path) -> Outcome:
    """Read the labelled notices (with the index's vote when it is built); accuracy per field."""
    from poa.cli.inputs import open_store
    from poa.evals.notice_suite import run_notice_eval

    report = run_notice_eval(
        settings.evals_dir / "notices", store=open_store(settings), limit=args.limit
    )
    folder = _write_report(report.to_json(), reports)
    summary = {"run_id": report.run_id, "suite": "notices", **report.summary, "report": str(folder)}
    s = report.summary
    pct = lambda v: "–" if v is None else f"{v:.0%}"  # noqa: E731
    text = (
        f"{s['notices']} notices · type {pct(s['violation_type'])} · kind {pct(s['notice_kind'])} · "
        f"needs {pct(s['needs'])} · deadline {pct(s['deadline_days'])} · items found "
        f"{pct(s['items_found'])} · invented {pct(s['items_invented'])} · {report.seconds} s\n"
        + "\n".join(
            f"  {language}: {row['notices']} notices · type {pct(row['violation_type'])} · kind "
            f"{pct(row['notice_kind'])} · deadline {pct(row['deadline_days'])} · items {pct(row['items_found'])}"
            for language, row in s["by_language"].items()
        )
        + f"\nreport: {folder}/report.html"
    )
    floor = min(s["violation_type"] or 0.0, s["notice_kind"] or 0.0, s["items_found"] or 0.0)
    if args.fail_under is not None and floor < args.fail_under:
        raise EvalBelowThreshold(
            summary, f"Notice reading is under --fail-under {args.fail_under:.0%} on a field."
        )
    return summary, text


class EvalBelowThreshold(Unfinished):
    """The run finished but missed --fail-under: the summary is still printed, the exit code is 1."""

    def __init__(self, summary: dict[str, Any], message: str) -> None:
        super().__init__(summary, message)
        self.summary = summary


def _write_report(data: dict[str, Any], reports: Path) -> Path:
    """Write the report; a failure after the run is one line saying where it could not go."""
    from poa.evals.reports import write_report

    try:
        return write_report(data, reports)
    except OSError as error:
        raise UserError(
            f"The eval ran, but its report could not be written under --reports {shown(reports)}:"
            f" {error.strerror or error}."
        ) from None


def _agreement_lines(criteria: dict[str, dict[str, Any]]) -> list[str]:
    pct = lambda v: "  –" if v is None else f"{v:>4.0%}"  # noqa: E731
    lines = [f"{'criterion':<38} agreement precision recall"]
    for name, c in criteria.items():
        label = name + (" (must pass)" if c["gate"] else "")
        lines.append(
            f"{label:<38} {pct(c['agreement']):>9} {pct(c['precision']):>9} {pct(c['recall']):>6}"
        )
    return lines
