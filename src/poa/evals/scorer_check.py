"""`poa eval --scorer`: the rubric itself checked against the hand-labelled appeals in `evals/labelled/`.

Two sets are reported apart: the real appeals (rewritten from public threads, each with its source and,
where the source states it, Amazon's decision) and the letters we made up. The real set is the one
that counts; the made-up set covers faults the real threads happen not to show.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from poa.core.config import Settings
from poa.core.vocab import CRITERIA, GATE_CRITERIA
from poa.evals.datasets import LabelledAppeal, LabelledSuite, load_suite
from poa.reading.notice import parse_notice
from poa.scoring.rubric import score_appeal


@dataclass
class ScorerReport:
    run_id: str
    created: str
    appeals: int
    real_appeals: int
    criteria: dict[str, dict[str, Any]]  # agreement on the real appeals (all appeals when none)
    made_up: dict[str, dict[str, Any]]  # agreement on the letters we wrote ourselves
    outcomes: dict[str, Any]  # real appeals with a known decision: totals and the rank-AUC
    disagreements: list[dict[str, str]]

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"kind": "scorer"}


def load_labelled(settings: Settings) -> list[LabelledAppeal]:
    appeals = []
    for path in sorted((settings.evals_dir / "labelled").glob("*.yaml")):
        appeals += load_suite(path, LabelledSuite).appeals
    return appeals


def rank_auc(accepted: list[float], rejected: list[float]) -> float | None:
    """How often an accepted letter outscores a rejected one (ties count half): the ROC area."""
    if not accepted or not rejected:
        return None
    wins = sum((a > r) + 0.5 * (a == r) for a in accepted for r in rejected)
    return wins / (len(accepted) * len(rejected))


def _verdict(result: Any) -> str:
    return "na" if not result.applicable else "pass" if result.passed else "fail"


def _agreement(rows: list[tuple[str, str, str]]) -> dict[str, dict[str, Any]]:
    """Per criterion from (criterion, label, scorer verdict) rows. `fail` is the positive class:
    precision is how often a reported fail is real, recall how many real fails are caught. Pass and
    n/a agree with each other: a criterion that does not apply is not held against the letter."""
    out = {}
    for name in CRITERIA:
        mine = [(label, got) for n, label, got in rows if n == name]
        agree = sum((got == "fail") == (label == "fail") for label, got in mine)
        tp = sum(got == "fail" and label == "fail" for label, got in mine)
        flagged = sum(got == "fail" for _, got in mine)
        actual = sum(label == "fail" for label, _ in mine)
        out[name] = {
            "gate": name in GATE_CRITERIA,
            "agreement": round(agree / len(mine), 4) if mine else None,
            "precision": round(tp / flagged, 4) if flagged else None,
            "recall": round(tp / actual, 4) if actual else None,
            "labelled_fails": actual,
            "n": len(mine),
        }
    return out


def run_scorer_check(settings: Settings, progress: bool = True) -> ScorerReport:
    """Score every labelled appeal and compare with its labels, per criterion, and its total with
    Amazon's decision where the source states one."""
    from tqdm import tqdm

    appeals = load_labelled(settings)
    rows: dict[bool, list[tuple[str, str, str]]] = {True: [], False: []}
    totals: dict[str, list[float]] = {"accepted": [], "rejected": []}
    # with few stated decisions, a second ranking: letters a person judged ready (every must-pass
    # label passes) against those with a must-pass fault
    by_labels: dict[bool, list[float]] = {True: [], False: []}
    not_judged = []
    disagreements = []
    for appeal in tqdm(appeals, desc="scorer", unit="appeal", disable=not progress, leave=False):
        notice = parse_notice(appeal.notice) if appeal.notice.strip() else None
        real = bool(appeal.source)  # a real appeal is the seller's own letter
        card = score_appeal(
            appeal.appeal,
            notice=notice,
            story=appeal.story or None,
            char_limit=settings.char_limit,
            sellers_letter=real,
        )
        if real and appeal.outcome != "unknown":
            if card.total is None:
                not_judged.append(appeal.name)
            else:
                totals[appeal.outcome].append(card.total)
        if card.total is not None:
            ready = all(appeal.labels.get(name) != "fail" for name in GATE_CRITERIA)
            by_labels[ready].append(card.total)
        for name, label in appeal.labels.items():
            result = card.criteria[name]
            got = _verdict(result)
            rows[real].append((name, label, got))
            if (got == "fail") != (label == "fail"):
                disagreements.append(
                    {
                        "appeal": appeal.name,
                        "set": "real" if real else "made up",
                        "criterion": name,
                        "label": label,
                        "scorer": got,
                        "reason": result.reason,
                    }
                )
    auc = rank_auc(totals["accepted"], totals["rejected"])
    outcomes = {
        "accepted": len(totals["accepted"]),
        "rejected": len(totals["rejected"]),
        "not_judged": not_judged,  # no total: the letter's language is not read
        "auc": None if auc is None else round(auc, 4),
        "mean_total": {k: round(sum(v) / len(v), 4) if v else None for k, v in totals.items()},
        "auc_ready_vs_faulty": None
        if (a := rank_auc(by_labels[True], by_labels[False])) is None
        else round(a, 4),
        "ready": len(by_labels[True]),
        "faulty": len(by_labels[False]),
    }
    created = datetime.now(UTC)
    return ScorerReport(
        f"{created:%Y%m%d-%H%M%S}-scorer",
        created.isoformat(timespec="seconds"),
        len(appeals),
        sum(1 for appeal in appeals if appeal.source),
        _agreement(rows[True] or rows[False]),
        _agreement(rows[False]),
        outcomes,
        disagreements,
    )
