"""Eval reports as Markdown and as one self-contained HTML file (inline CSS, no scripts, no CDN)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from poa.core.vocab import CRITERIA, GATE_CRITERIA

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #d8dde6;padding:5px 8px;text-align:left;vertical-align:top}th{background:#f3f5f9}
.pass{color:#0a6b2f;font-weight:600}.fail{color:#b3261e;font-weight:600}.na{color:#6b7280}
.num{text-align:right;font-variant-numeric:tabular-nums}details{margin:4px 0}pre{white-space:pre-wrap;background:#f7f8fa;padding:8px}
.small{color:#555;font-size:12px}
"""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _mark(passed: bool | None, applicable: bool = True) -> tuple[str, str]:
    if not applicable:
        return "n/a", "na"
    return {True: ("pass", "pass"), False: ("fail", "fail"), None: ("not judged", "na")}[passed]


def drafting_markdown(report: dict[str, Any]) -> str:
    summary = report["summary"]
    lines = [
        f"# Eval {report['run_id']}",
        "",
        f"Suite `{report['suite']}`, backend `{report['backend']}`, {summary['cases']} cases, {report['created']}.",
        "",
        f"- Expectations met: **{_pct(summary.get('expectations_met'))}** (the seller's cause, no false claim,"
        f" dated actions, listed facts, no bracket; every gate when the case is complete)",
        f"- Cause as the seller said: {_pct(summary.get('cause_as_seller_said'))}; no false claim:"
        f" {_pct(summary.get('no_false_claims'))}; dated actions: {_pct(summary.get('dated_actions_included'))};"
        f" no brackets: {_pct(summary.get('no_brackets'))}",
        f"- Gate pass rate: **{_pct(summary['gate_pass_rate'])}** (all of {', '.join(GATE_CRITERIA)});"
        f" complete cases only: {_pct(summary.get('complete_gate_pass_rate'))}",
        f"- Mean total score: {summary['mean_total']}",
        f"- Violation type detected: {_pct(summary['violation_type_accuracy'])}; root cause as intended: "
        f"{_pct(summary['root_cause_as_intended'])}; required facts included: {_pct(summary['facts_included'])}",
        f"- LLM fallbacks: {summary['llm_fallbacks']}; time: {summary['seconds']} s",
        "",
        "| criterion | pass rate |",
        "|---|---|",
    ]
    lines += [
        f"| {name}{' (gate)' if name in GATE_CRITERIA else ''} | {_pct(rate)} |"
        for name, rate in summary["criteria"].items()
    ]
    comparison = report.get("comparison")
    if comparison:
        lines += ["", f"## Compared with {comparison['baseline']}", ""]
        gate = comparison["gate_pass_rate"]
        lines.append(
            f"Gate pass rate {_pct(gate['before'])} → {_pct(gate['after'])}; mean total {comparison['mean_total']['before']} → {comparison['mean_total']['after']}."
        )
        lines += ["", "| criterion | before | after |", "|---|---|---|"]
        lines += [
            f"| {n} | {_pct(c['before'])} | {_pct(c['after'])} |"
            for n, c in comparison["criteria"].items()
        ]
        for title, entries in (
            ("Improved", comparison["improved"]),
            ("Regressed", comparison["regressed"]),
        ):
            lines += ["", f"**{title}** ({len(entries)})", ""]
            for entry in entries:
                flips = (
                    ", ".join(f"{f['criterion']} → {f['now']}" for f in entry["flips"])
                    or "score only"
                )
                lines.append(f"- `{entry['case']}`: total {_delta(entry['total_delta'])}; {flips}")
    lines += [
        "",
        "## Cases",
        "",
        "| case | type | gates | grounded | total | failed criteria | expectations not met |",
        "|---|---|---|---|---|---|---|",
    ]
    for case in report["cases"]:
        card = case["scorecard"]
        failed = [n for n, r in card["criteria"].items() if r["passed"] is False]
        grounded = card["criteria"].get("grounded", {})
        misses = [
            *(f"cause: {t}" for t in case.get("cause_terms_missing", [])),
            *(f"false: {t}" for t in case.get("false_claims", [])),
            *(f"action: {t}" for t in case.get("dated_actions_missing", [])),
            *(f"fact: {t}" for t in case["missing_facts"]),
            *(f"bracket: {t}" for t in case.get("brackets", [])),
        ]
        lines.append(
            f"| {case['name']} | {case['violation_type']} | {'pass' if card['gates_passed'] else 'FAIL'}"
            f"{'' if case.get('complete', True) else ' (incomplete)'} | {'pass' if grounded.get('passed') else 'FAIL'} "
            f"| {_num(card['total'])} | {', '.join(failed) or '–'} | {'; '.join(misses) or '–'} |"
        )
    return "\n".join(lines) + "\n"


def scorer_markdown(report: dict[str, Any]) -> str:
    o = report["outcomes"]
    lines = [
        f"# Scorer check {report['run_id']}",
        "",
        f"The rubric against {report['appeals']} hand-labelled appeals (`evals/labelled/`). "
        "Fail is the positive class: precision = reported fails that are real; recall = real fails caught.",
        "",
        f"Accepted vs rejected (real appeals): rank-AUC of the total {_num(o['auc'])} over {o['accepted']} "
        f"accepted and {o['rejected']} rejected; mean total {_num(o['mean_total']['accepted'])} vs "
        f"{_num(o['mean_total']['rejected'])}; not judged (language): {', '.join(o['not_judged']) or 'none'}.",
        "",
        f"Ready vs faulty by the labels (all appeals): rank-AUC {_num(o['auc_ready_vs_faulty'])} over "
        f"{o['ready']} letters whose must-pass labels all pass and {o['faulty']} with a must-pass fault.",
    ]
    for title, criteria in (
        ("Real appeals", report["criteria"]),
        ("Made-up appeals", report["made_up"]),
    ):
        lines += [
            "",
            f"## {title}",
            "",
            "| criterion | agreement | precision | recall | labelled fails |",
        ]
        lines.append("|---|---|---|---|---|")
        for name, c in criteria.items():
            lines.append(
                f"| {name}{' (must pass)' if c['gate'] else ''} | {_pct(c['agreement'])} | {_pct(c['precision'])} | {_pct(c['recall'])} | {c['labelled_fails']} |"
            )
    lines += ["", "## Disagreements", ""]
    lines += [
        f"- `{d['appeal']}` ({d['set']}) {d['criterion']}: label {d['label']}, scorer {d['scorer']} ({d['reason']})"
        for d in report["disagreements"]
    ] or ["None."]
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _delta(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def revision_markdown(report: dict[str, Any]) -> str:
    summary = report["summary"]
    lines = [
        f"# Revision eval {report['run_id']}",
        "",
        f"{summary['cases']} rejected appeals revised with the `{report['backend']}` backend.",
        "",
        f"- Gates passed: {_pct(summary['gates_passed_before'])} before → **{_pct(summary['gates_passed_after'])}** after",
        f"- Mean total: {summary['mean_total_before']} → {summary['mean_total_after']}",
        f"- Gap analysis agrees with the expected gaps: {_pct(summary['gap_agreement'])}",
        "",
        "| case | language | gates before | gates after | total before → after | gaps agreed |",
        "|---|---|---|---|---|---|",
    ]
    for case in report["cases"]:
        lines.append(
            f"| {case['name']} | {case['language']} | {'pass' if case['before']['gates_passed'] else 'fail'} "
            f"| {'pass' if case['after']['gates_passed'] else 'fail'} | {_num(case['before']['total'])} → {_num(case['after']['total'])} "
            f"| {_pct(case['gap_agreement'])} |"
        )
    return "\n".join(lines) + "\n"


def revision_html(report: dict[str, Any]) -> str:
    summary = report["summary"]
    rows = []
    for case in report["cases"]:
        before, after = case["before"], case["after"]
        cells = [_td(case["name"]), _td(case["language"])]
        for name in CRITERIA:
            was, now = before["criteria"][name], after["criteria"][name]
            text = f"{_mark(was['passed'], was['applicable'])[0]} → {_mark(now['passed'], now['applicable'])[0]}"
            cells.append(_td(text, _mark(now["passed"], now["applicable"])[1]))
        changes = "".join(f"<li>{escape(c)}</li>" for c in case["changes"])
        cells.append(
            f"<td>{_num(before['total'])} → {_num(after['total'])}<details><summary>changes and letter</summary><ul>{changes}</ul><pre>{escape(case['letter'])}</pre></details></td>"
        )
        rows.append(cells)
    body = (
        f"<h1>Revision eval {escape(report['run_id'])}</h1>"
        f"<p>Gates passed {_pct(summary['gates_passed_before'])} before → <b>{_pct(summary['gates_passed_after'])}</b> after · "
        f"mean total {summary['mean_total_before']} → {summary['mean_total_after']} · gap agreement {_pct(summary['gap_agreement'])}</p>"
        + _table(["case", "language", *CRITERIA, "total"], rows)
    )
    return _page(f"Revision eval {report['run_id']}", body)


def notices_markdown(report: dict[str, Any]) -> str:
    summary = report["summary"]
    lines = [
        f"# Notice reading {report['run_id']}",
        "",
        f"{summary['notices']} labelled notices (`evals/notices/`) read in {report['seconds']} s.",
        "",
        "| field | accuracy |",
        "|---|---|",
        *(
            f"| {name} | {_pct(summary[name])} |"
            for name in ("violation_type", "notice_kind", "needs", "deadline_days", "items_found")
        ),
        f"| items invented (share of items read) | {_pct(summary['items_invented'])} |",
        "",
        "| language | notices | type | kind | needs | deadline | items found |",
        "|---|---|---|---|---|---|---|",
    ]
    for language, row in summary["by_language"].items():
        lines.append(
            f"| {language} | {row['notices']} | {_pct(row['violation_type'])} | {_pct(row['notice_kind'])} "
            f"| {_pct(row['needs'])} | {_pct(row['deadline_days'])} | {_pct(row['items_found'])} |"
        )
    lines += ["", "## Misreadings", ""]
    for result in report["results"]:
        wrong = [
            f"{field}: {result['read'][field]} (label {result['expected'][field]})"
            for field in result["expected"]
            if result["read"][field] != result["expected"][field]
        ]
        wrong += [f"missed item '{phrase}'" for phrase in result["items_missed"]]
        wrong += [f"invented item '{text}'" for text in result["items_invented"]]
        if wrong:
            lines.append(f"- `{result['name']}`: " + "; ".join(wrong))
    return "\n".join(lines) + "\n"


def notices_html(report: dict[str, Any]) -> str:
    return _page(
        f"Notice reading {report['run_id']}", f"<pre>{escape(notices_markdown(report))}</pre>"
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: str, css: str = "") -> str:
    return f'<td class="{css}">{escape(text)}</td>' if css else f"<td>{escape(text)}</td>"


def drafting_html(report: dict[str, Any]) -> str:
    summary = report["summary"]
    parts = [
        f"<h1>Eval {escape(report['run_id'])}</h1>",
        f"<p>Suite <b>{escape(report['suite'])}</b>, backend <b>{escape(report['backend'])}</b>, {summary['cases']} cases, {escape(report['created'])}.</p>",
        f"<p>Gate pass rate <b>{_pct(summary['gate_pass_rate'])}</b> · mean total {summary['mean_total']} · "
        f"type detected {_pct(summary['violation_type_accuracy'])} · root cause as intended {_pct(summary['root_cause_as_intended'])} · "
        f"facts included {_pct(summary['facts_included'])} · {summary['seconds']} s</p>",
        "<h2>Pass rate per criterion</h2>",
        _table(
            ["criterion", "gate", "pass rate"],
            [
                [_td(n), _td("yes" if n in GATE_CRITERIA else ""), _td(_pct(r), "num")]
                for n, r in summary["criteria"].items()
            ],
        ),
    ]
    comparison = report.get("comparison")
    if comparison:
        parts.append(f"<h2>Compared with {escape(comparison['baseline'])}</h2>")
        parts.append(
            _table(
                ["criterion", "before", "after", "change"],
                [
                    [
                        _td(n),
                        _td(_pct(c["before"]), "num"),
                        _td(_pct(c["after"]), "num"),
                        _td(
                            "–" if c["delta"] is None else f"{c['delta']:+.0%}",
                            "pass"
                            if (c["delta"] or 0) > 0
                            else "fail"
                            if (c["delta"] or 0) < 0
                            else "num",
                        ),
                    ]
                    for n, c in comparison["criteria"].items()
                ],
            )
        )
        for title, entries, css in (
            ("Improved", comparison["improved"], "pass"),
            ("Regressed", comparison["regressed"], "fail"),
        ):
            parts.append(f'<h3 class="{css}">{title} ({len(entries)})</h3><ul>')
            for entry in entries:
                flips = (
                    ", ".join(f"{f['criterion']} → {f['now']}" for f in entry["flips"])
                    or "score only"
                )
                parts.append(
                    f"<li>{escape(entry['case'])}: total {_delta(entry['total_delta'])}; {escape(flips)}</li>"
                )
            parts.append("</ul>")
    parts.append("<h2>Cases</h2>")
    rows = []
    for case in report["cases"]:
        card = case["scorecard"]
        gate_text, gate_css = _mark(card["gates_passed"])
        cells = [
            _td(case["name"]),
            _td(case["violation_type"]),
            _td(gate_text, gate_css),
            _td(f"{_num(card['total'])}", "num"),
        ]
        for name in CRITERIA:
            result = card["criteria"][name]
            text, css = _mark(result["passed"], result["applicable"])
            cells.append(
                f'<td class="{css}" title="{escape(result["reason"])}">{escape(text)}</td>'
            )
        reasons = "".join(
            f"<li><b>{escape(n)}</b>: {escape(r['reason'])}</li>"
            for n, r in card["criteria"].items()
            if r["passed"] is False
        )
        detail = f"<details><summary>letter and reasons</summary><ul>{reasons}</ul><pre>{escape(case['letter'])}</pre></details>"
        cells.append(f"<td>{escape(', '.join(case['missing_facts']) or '–')}{detail}</td>")
        rows.append(cells)
    parts.append(_table(["case", "type", "gates", "total", *CRITERIA, "missing facts"], rows))
    return _page(f"Eval {report['run_id']}", "".join(parts))


def scorer_html(report: dict[str, Any]) -> str:
    o = report["outcomes"]
    tables = ""
    for title, criteria in (
        ("Real appeals", report["criteria"]),
        ("Made-up appeals", report["made_up"]),
    ):
        rows = [
            [
                _td(n + (" (must pass)" if c["gate"] else "")),
                _td(_pct(c["agreement"]), "num"),
                _td(_pct(c["precision"]), "num"),
                _td(_pct(c["recall"]), "num"),
                _td(str(c["labelled_fails"]), "num"),
            ]
            for n, c in criteria.items()
        ]
        tables += f"<h2>{title}</h2>" + _table(
            ["criterion", "agreement", "precision", "recall", "labelled fails"], rows
        )
    disagreements = [
        [
            _td(d["appeal"]),
            _td(d["set"]),
            _td(d["criterion"]),
            _td(d["label"]),
            _td(d["scorer"]),
            _td(d["reason"]),
        ]
        for d in report["disagreements"]
    ]
    body = (
        f"<h1>Scorer check {escape(report['run_id'])}</h1><p>{report['appeals']} hand-labelled appeals. "
        f"Fail is the positive class. Accepted vs rejected (real): rank-AUC {_num(o['auc'])} over "
        f"{o['accepted']} accepted and {o['rejected']} rejected.</p>"
        + tables
        + "<h2>Disagreements</h2>"
        + _table(["appeal", "set", "criterion", "label", "scorer", "reason"], disagreements)
    )
    return _page(f"Scorer check {report['run_id']}", body)


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body>{body}</body></html>\n"
    )


def write_report(data: dict[str, Any], reports_dir: Path) -> Path:
    """Write report.json, report.md and report.html into reports_dir/<run_id>/; returns the folder."""
    folder = reports_dir / data["run_id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    markdown, html = {
        "scorer": (scorer_markdown, scorer_html),
        "revision": (revision_markdown, revision_html),
        "drafting": (drafting_markdown, drafting_html),
        "notices": (notices_markdown, notices_html),
    }[data["kind"]]
    (folder / "report.md").write_text(markdown(data))
    (folder / "report.html").write_text(html(data))
    return folder
