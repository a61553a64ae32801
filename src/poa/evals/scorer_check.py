"""`poa eval --scorer`: the rubric itself checked against the hand-labelled appeals in `evals/labelled/`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from poa.core.config import Settings
from poa.core.vocab import CRITERIA, GATE_CRITERIA
from poa.evals.datasets import LabelledSuite, load_suite
from poa.reading.notice import parse_notice
from poa.scoring.rubric import score_appeal


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
