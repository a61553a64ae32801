"""`poa eval --suite notices`: read every labelled notice in `evals/notices/` and compare, field by
field, with its labels: type, kind, what the seller needs, deadline, items found and invented,
documents.

An expected item is found when a read item's text holds its phrase (whitespace and case folded). A
read item is invented when it holds no expected phrase, or holds a phrase of a branch that does not
apply (`not_items`). The three parts every plan of action has (root cause, actions, prevention)
are not invented when the seller is to send a plan; anywhere else they are.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from poa.core.models import Notice
from poa.evals.datasets import LabelledNotice, NoticeSuite, load_suite
from poa.reading.requests import STANDARD_ITEMS

FIELDS = ("violation_type", "notice_kind", "needs", "deadline_days")


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


@dataclass
class NoticeResult:
    name: str
    language: str
    expected: dict[str, Any]
    read: dict[str, Any]
    items_expected: int
    items_found: int
    items_read: int
    items_invented: list[str]
    items_missed: list[str]
    documents_missed: list[str]
    documents_invented: list[str]

    @property
    def correct(self) -> dict[str, bool]:
        return {field: self.expected[field] == self.read[field] for field in FIELDS}


def compare(label: LabelledNotice, notice: Notice) -> NoticeResult:
    """One labelled notice against what the reader made of it."""
    texts = [_folded(item.text) for item in notice.required_items]
    phrases = [_folded(item.phrase) for item in label.items]
    wrong_branch = [_folded(phrase) for phrase in label.not_items]
    missed = [
        item.phrase
        for item, p in zip(label.items, phrases, strict=True)
        if not any(p in t for t in texts)
    ]
    implied = (
        {_folded(item.text) for item in STANDARD_ITEMS}
        if label.needs == "plan_of_action"
        else set()
    )
    invented = [
        item.text
        for item, text in zip(notice.required_items, texts, strict=True)
        if (not any(p in text for p in phrases) and text not in implied)
        or any(p in text for p in wrong_branch)
    ]
    read = {
        "violation_type": notice.violation_type,
        "notice_kind": notice.notice_kind,
        "needs": notice.needs,
        "deadline_days": notice.deadline_days,
    }
    expected = {field: getattr(label, field) for field in FIELDS}
    return NoticeResult(
        name=label.name,
        language=label.language,
        expected=expected,
        read=read,
        items_expected=len(label.items),
        items_found=len(label.items) - len(missed),
        items_read=len(notice.required_items),
        items_invented=invented,
        items_missed=missed,
        documents_missed=[doc for doc in label.documents if doc not in notice.documents],
        documents_invented=[doc for doc in notice.documents if doc not in label.documents],
    )


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def summarise(results: list[NoticeResult]) -> dict[str, Any]:
    """Accuracy per field, items found and invented, per language too."""
    summary: dict[str, Any] = {"notices": len(results)}
    for field in FIELDS:
        summary[field] = _share(sum(r.correct[field] for r in results), len(results))
    expected = sum(r.items_expected for r in results)
    read = sum(r.items_read for r in results)
    summary["items_found"] = _share(sum(r.items_found for r in results), expected)
    summary["items_invented"] = _share(sum(len(r.items_invented) for r in results), read) or 0.0
    summary["documents_missed"] = sum(len(r.documents_missed) for r in results)
    summary["documents_invented"] = sum(len(r.documents_invented) for r in results)
    by_language: dict[str, list[NoticeResult]] = defaultdict(list)
    for result in results:
        by_language[result.language].append(result)
    summary["by_language"] = {
        language: {
            "notices": len(group),
            **{field: _share(sum(r.correct[field] for r in group), len(group)) for field in FIELDS},
            "items_found": _share(
                sum(r.items_found for r in group), sum(r.items_expected for r in group)
            ),
        }
        for language, group in sorted(by_language.items())
    }
    return summary


@dataclass
class NoticeReport:
    run_id: str
    suite: str
    created: str
    seconds: float
    results: list[NoticeResult]
    summary: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"kind": "notices"}


def load_notices(folder: Path) -> list[LabelledNotice]:
    """Every labelled notice in the folder's YAML files, in file order."""
    notices: list[LabelledNotice] = []
    for path in sorted(folder.glob("*.yaml")):
        suite = load_suite(path, NoticeSuite)
        notices += suite.notices  # type: ignore[attr-defined]
    return notices


def run_notice_eval(folder: Path, store: Any = None, limit: int | None = None) -> NoticeReport:
    """Read every labelled notice (with the knowledge index's vote when a store is given)."""
    from poa.reading.notice import parse_notice

    labels = load_notices(folder)[:limit]
    start = time.perf_counter()
    results = [compare(label, parse_notice(label.text, store)) for label in labels]
    seconds = round(time.perf_counter() - start, 2)
    now = datetime.now(UTC)
    return NoticeReport(
        run_id=now.strftime("%Y%m%d-%H%M%S") + "-notices",
        suite="notices",
        created=now.isoformat(timespec="seconds"),
        seconds=seconds,
        results=results,
        summary=summarise(results),
    )


def reading_times(folder: Path, store: Any) -> list[float]:
    """Seconds to read each labelled notice with the index's vote, after one warm-up read."""
    from poa.reading.notice import parse_notice

    notices = [label.text for label in load_notices(folder)]
    parse_notice(notices[0], store)  # loads the rules and the embedding model
    times = []
    for text in notices:
        start = time.perf_counter()
        parse_notice(text, store)
        times.append(time.perf_counter() - start)
    return times
