"""The appeal as Amazon's form asks for it: one box per question, each with its character count.

Amazon's appeal form asks separately for the root cause, the actions taken and the preventive
steps, with room for more information and documents (third parties describe it so; Amazon's help
page calls it a questionnaire). No Amazon page states a per-box limit, so the limit is a setting
(`POA_BOX_CHAR_LIMIT`) and the UI calls it an estimate. The whole letter stays the same; the boxes
are the same appeal, cut along the form's questions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from poa.core.models import Appeal
from poa.drafting.render import action_line, measure_line

BOX_TITLES = {
    "root_cause": "Root cause",
    "actions": "Actions taken",
    "prevention": "Preventive steps",
    "additional": "Additional information (the issue, your answers, documents)",
}


@dataclass(frozen=True)
class FormBox:
    key: str
    title: str
    text: str
    chars: int
    limit: int  # an estimate: Amazon publishes none

    @property
    def over(self) -> bool:
        return self.chars > self.limit

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"over": self.over}


def _per_topic(appeal: Appeal, part: str) -> list[str]:
    """One topic's part as lines; with several topics, each under its topic's name."""
    plans = appeal.plans()
    lines: list[str] = []
    for plan in plans:
        if part == "root_cause":
            body = [plan.root_cause] if plan.root_cause else []
        elif part == "actions":
            body = [f"- {action_line(a)}" for a in plan.immediate_actions if a.confirmed]
        else:
            body = [f"- {measure_line(m)}" for m in plan.preventive_measures]
        if body and len(plans) > 1:
            lines.append(f"{plan.topic}:")
        lines += body
    return lines


def form_boxes(appeal: Appeal, limit: int) -> list[FormBox]:
    """The boxes of Amazon's form, in its order; a box with nothing the seller said stays empty
    (the letter leaves that part out too)."""
    additional: list[str] = []
    issues = [p.incident.summary for p in appeal.plans() if p.incident.summary]
    additional += issues
    for answer in appeal.requested_information:
        request = answer.request.rstrip(".")
        additional.append(
            answer.answer if request in answer.answer else f"{request}: {answer.answer}"
        )
    if appeal.evidence:
        additional.append("Documents attached:")
        additional += [f"- {item}" for item in appeal.evidence]
    texts = {
        "root_cause": "\n".join(_per_topic(appeal, "root_cause")),
        "actions": "\n".join(_per_topic(appeal, "actions")),
        "prevention": "\n".join(_per_topic(appeal, "prevention")),
        "additional": "\n".join(additional),
    }
    return [FormBox(key, BOX_TITLES[key], text, len(text), limit) for key, text in texts.items()]


def render_boxes(boxes: list[FormBox]) -> str:
    """The boxes as plain text, one after another, each with its count (for `poa draft --boxes`)."""
    parts = []
    for box in boxes:
        flag = "  OVER THE LIMIT" if box.over else ""
        head = f"=== {box.title} · {box.chars:,} / {box.limit:,} characters (estimated limit){flag}"
        parts.append(f"{head}\n{box.text or '(empty: nothing you said belongs here yet)'}")
    return "\n\n".join(parts) + "\n"
