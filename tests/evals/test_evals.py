"""The eval suite: scorer agreement with labels, eval runs, reports, baselines, CI threshold."""

import copy
import json
from pathlib import Path

import pytest

from poa.core.config import Settings
from poa.core.vocab import GATE_CRITERIA
from poa.evals.reports import write_report
from poa.evals.runner import compare, run_eval
from poa.evals.scorer_check import run_scorer_check

# Agreement floors as measured on 2026-12-01 (issue 14's targets, 90% on must-pass criteria and
# 85% on the others, are not all met on the real appeals; the README says which).
REAL_FLOORS = {
    "single_root_cause": 0.76,
    "root_cause_specific": 0.73,
    "prevention_matches_root_cause": 0.84,
    "issue_defined": 0.80,
    "verifiable_details": 0.61,
    "notice_coverage": 0.96,
    "professional_tone": 0.80,
    "no_fabrication": 1.0,
    "grounded": 0.87,
    "no_placeholders": 0.96,
    "length": 1.0,
}


def test_the_scorer_agrees_with_the_hand_labels():
    report = run_scorer_check(Settings(_env_file=None), progress=False)
    print(f"\nscorer vs {report.appeals} labelled appeals; outcomes {report.outcomes}")
    for name, c in report.criteria.items():
        print(
            f"  real {name:<32} {c['agreement']:.0%}  made up {report.made_up[name]['agreement']:.0%}"
        )
    assert report.appeals >= 60
    assert (
        sum(c["n"] for c in report.criteria.values()) >= 25 * 11
    )  # the real appeals, each criterion
    for name, floor in REAL_FLOORS.items():
        assert report.criteria[name]["agreement"] >= floor, name
    for name in GATE_CRITERIA:  # the made-up letters exercise every must-pass criterion
        assert report.made_up[name]["agreement"] >= 0.88, name
        assert report.made_up[name]["labelled_fails"] >= 5, name
    assert all(c["agreement"] >= 0.85 for c in report.made_up.values())
    # the total ranks the letters a person judged ready above those with a must-pass fault
    assert report.outcomes["auc_ready_vs_faulty"] >= 0.85
    assert report.outcomes["accepted"] >= 1 and report.outcomes["rejected"] >= 5


@pytest.fixture(scope="module")
def small_run(indexed_settings, store, tmp_path_factory):
    report = run_eval(indexed_settings, "dev", limit=3, progress=False, store=store)
    folder = write_report(report.to_json(), tmp_path_factory.mktemp("reports"))
    return report, folder


def test_a_run_writes_json_markdown_and_html(small_run):
    _, folder = small_run
    data = json.loads((folder / "report.json").read_text())
    assert data["summary"]["cases"] == 3 and len(data["cases"]) == 3
    assert set(data["summary"]["criteria"]) >= set(GATE_CRITERIA)
    case = data["cases"][0]
    assert case["scorecard"]["criteria"]["single_root_cause"]["reason"]
    assert "gate pass rate" in (folder / "report.md").read_text().lower()
    html = (folder / "report.html").read_text()
    assert "<table" in html and "http://" not in html and "https://" not in html.split("<pre>")[0]


def test_a_baseline_comparison_names_improvements_and_regressions(small_run):
    report, folder = small_run
    baseline = json.loads((folder / "report.json").read_text())
    worse = copy.deepcopy(baseline)
    first, second = worse["cases"][0], worse["cases"][1]
    first["scorecard"]["gates_passed"] = False
    first["scorecard"]["criteria"]["single_root_cause"]["passed"] = False
    first["scorecard"]["total"] -= 0.2
    second["scorecard"]["total"] += 0.2
    second["scorecard"]["criteria"]["length"]["passed"] = True
    second["scorecard"]["criteria"]["no_placeholders"]["passed"] = True
    worse["summary"]["criteria"]["single_root_cause"] = 0.5
    result = compare(report, worse)
    assert [e["case"] for e in result["improved"]] == [first["name"]]
    assert {"criterion": "single_root_cause", "now": "pass"} in result["improved"][0]["flips"]
    assert [e["case"] for e in result["regressed"]] == [second["name"]]
    assert result["criteria"]["single_root_cause"]["delta"] == pytest.approx(0.5)
    assert (
        compare(report, baseline)["improved"] == [] and compare(report, baseline)["regressed"] == []
    )


def test_the_html_report_opens_in_headless_chromium_without_network(small_run):
    from playwright.sync_api import sync_playwright

    _, folder = small_run
    assert Path("/usr/bin/chromium").exists(), "Debian's chromium is needed: make test installs it"
    outside = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page()
        page.on(
            "request",
            lambda request: (
                outside.append(request.url) if not request.url.startswith("file:") else None
            ),
        )
        page.goto((folder / "report.html").as_uri())
        assert page.locator("h1").inner_text().startswith("Eval")
        assert page.locator("table").count() >= 2
        assert page.locator("tbody tr").count() >= 10 + 3  # criteria rows + case rows
        browser.close()
    assert outside == []


def test_the_committed_dataset_schemas_match_the_models(tmp_path):
    """`make schemas` writes evals/schema/ from poa.evals.datasets; editors validate the YAML with it."""
    from poa.core.config import PROJECT_ROOT
    from poa.evals.datasets import write_schemas

    for written in write_schemas(tmp_path):
        committed = PROJECT_ROOT / "evals" / "schema" / written.name
        assert committed.read_text() == written.read_text(), f"run `make schemas` ({written.name})"


def test_the_notice_reader_on_the_labelled_notices(store):
    """`poa eval --suite notices`: the fields read from every labelled notice (floors as measured)."""
    from poa.evals.notice_suite import run_notice_eval

    report = run_notice_eval(Settings(_env_file=None).evals_dir / "notices", store=store)
    s = report.summary
    print(f"\nnotices: {s}")
    assert s["notices"] >= 40
    assert {"it", "de", "fr", "es", "ja", "zh"} <= set(s["by_language"])
    assert s["violation_type"] >= 0.9 and s["notice_kind"] >= 0.95
    assert s["deadline_days"] >= 0.97
    assert s["items_found"] >= 0.7 and s["items_invented"] <= 0.2


def test_a_read_item_is_found_by_its_phrase_and_invented_otherwise():
    from poa.core.models import Notice, RequiredItem
    from poa.evals.datasets import LabelledNotice
    from poa.evals.notice_suite import compare

    label = LabelledNotice.model_validate(
        {
            "name": "n",
            "source": "https://example.org",
            "language": "en",
            "violation_type": "inauthentic",
            "notice_kind": "listing_removal",
            "needs": "documents",
            "deadline_days": None,
            "items": [{"kind": "documents", "phrase": "supplier invoices"}],
            "not_items": ["photos of the product"],
            "text": "x" * 80,
        }
    )
    read = Notice(
        text="",
        violation_type="inauthentic",
        confidence=1,
        notice_kind="listing_removal",
        needs="documents",
        required_items=[
            RequiredItem(text="Supplier  Invoices from the last year", kind="documents"),
            RequiredItem(text="Photos of the product and supplier invoices", kind="documents"),
            RequiredItem(text="The root cause of the issue", kind="root_cause"),
        ],
    )
    result = compare(label, read)
    assert result.items_found == 1 and result.items_missed == []
    # the other branch's request, and a plan part that was never asked for, are invented
    assert result.items_invented == [
        "Photos of the product and supplier invoices",
        "The root cause of the issue",
    ]
    assert all(result.correct.values())


def test_rank_auc_counts_wins_and_half_ties():
    from poa.evals.scorer_check import rank_auc

    assert rank_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert rank_auc([0.5], [0.5]) == 0.5
    assert rank_auc([0.1], [0.9, 0.05]) == 0.5
    assert rank_auc([], [0.3]) is None
