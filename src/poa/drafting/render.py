"""Render an Appeal as a letter, in Amazon's usual order.

Issue → root cause → actions taken → preventive measures → requested information → documents.
No introduction of the business, no pleas; the closing is one or two sentences.
"""

from __future__ import annotations

import re

from poa.core.models import Appeal, ImmediateAction, PreventiveMeasure, TopicPlan
from poa.text.facts import find_dates

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_IRREGULAR = frozenset(
    [
        "Sent",
        "Made",
        "Took",
        "Wrote",
        "Rewrote",
        "Set",
        "Put",
        "Began",
        "Paid",
        "Bought",
        "Got",
        "Gave",
        "Told",
        "Found",
        "Ran",
        "Cut",
        "Shut",
        "Built",
        "Left",
        "Met",
        "Held",
        "Kept",
        "Threw",
        "Sold",
        "Spent",
        "Lost",
        "Brought",
        "Caught",
        "Taught",
        "Chose",
        "Drove",
        "Froze",
        "Hid",
        "Knew",
        "Lent",
        "Led",
        "Rang",
        "Rose",
        "Shook",
        "Sought",
        "Spoke",
        "Stole",
        "Swore",
        "Tore",
        "Understood",
        "Withdrew",
        "Won",
        "Did",
        "Had",
    ]
)


def format_date(value: str | None) -> str | None:
    """'2025-03-04' → '4 March 2025'; '--03-04' → '4 March'; other text is returned as given."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if value.startswith("--"):
            month, day = int(parts[2]), int(parts[3])
            return f"{day} {_MONTH_NAMES[month - 1]}"
        year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
        return f"{day} {_MONTH_NAMES[month - 1]} {year}"
    except (ValueError, IndexError):
        return value


def action_line(action: ImmediateAction) -> str:
    """'On 4 March 2025: deleted the template.' — or the action alone when no date was given."""
    text = action.action.rstrip(".")
    date = format_date(action.date)
    if not date:
        return f"{text}."
    first = text.split(" ", 1)[0]
    verb = first.endswith("ed") or first in _IRREGULAR  # "Refunded" → "refunded"; "Felix" stays
    return f"On {date}: {text[:1].lower() + text[1:] if verb else text}."


_NOW = re.compile(
    r"^(?:from now on|going forward|from today|in future|in the future|now)\b,?\s*", re.I
)


def measure_line(measure: PreventiveMeasure) -> str:
    """A measure as plain prose; owner, frequency and start only when the seller gave them."""
    text = measure.action.strip().rstrip(".")
    start = format_date(measure.start_date)
    if start and not find_dates(text):
        text = _NOW.sub("", text, count=1)  # "From 4 April, from now on …" says it twice
        text = f"From {start}, {text[:1].lower() + text[1:] if not text[:2].isupper() else text}"
    extra = []
    if measure.owner and measure.owner.lower() not in text.lower():
        extra.append(f"the {measure.owner} is responsible")
    if measure.frequency and measure.frequency.lower() not in text.lower():
        extra.append(measure.frequency.rstrip("."))
    if extra:
        text += " (" + "; ".join(extra) + ")"
    return text + "."


Body = list[str] | str | None
Section = tuple[int, str, Body]  # (level, heading, paragraph or bullets or nothing)


SECTION_HEADINGS = {
    "incident": "The issue",
    "root_cause": "Root cause",
    "actions": "Actions we have taken",
    "prevention": "Preventive measures",
    "answers": "Information you asked for",
    "evidence": "Supporting documents",
}


def _plan_sections(plan: TopicPlan, level: int, keep_empty: bool = False) -> list[Section]:
    """A topic's four parts; a part with nothing the seller said is left out (not padded)."""
    parts: list[tuple[str, Body]] = [
        ("incident", plan.incident.summary),
        ("root_cause", plan.root_cause),
        ("actions", [action_line(a) for a in plan.immediate_actions if a.confirmed]),
        ("prevention", [measure_line(m) for m in plan.preventive_measures]),
    ]
    return [(level, SECTION_HEADINGS[key], body) for key, body in parts if body or keep_empty]


def sections(appeal: Appeal, keep_empty: bool = False) -> list[Section]:
    """The letter's sections; shared by the text and Markdown renderers.

    With several notice topics, each topic is a section of its own with the four parts inside.
    """
    plans = appeal.plans()
    result: list[Section] = []
    if len(plans) == 1:
        result += _plan_sections(plans[0], 1, keep_empty)
    else:
        for number, plan in enumerate(plans, 1):
            result.append((1, f"Issue {number}: {plan.topic}", None))
            result += _plan_sections(plan, 2, keep_empty)
    if appeal.requested_information:
        answers = [
            # a placeholder that already quotes the request stands alone
            r.answer
            if r.request.rstrip(".") in r.answer
            else f"{r.request.rstrip('.')}: {r.answer}"
            for r in appeal.requested_information
        ]
        result.append((1, SECTION_HEADINGS["answers"], answers))
    elif keep_empty:
        result.append((1, SECTION_HEADINGS["answers"], []))
    if appeal.evidence or keep_empty:
        result.append((1, SECTION_HEADINGS["evidence"], list(appeal.evidence)))
    return result


def _body_lines(body: Body) -> list[str]:
    if not body:
        return []
    return [f"- {item}" for item in body] if isinstance(body, list) else [body]


def render_text(appeal: Appeal, questions: dict[str, list[str]] | None = None) -> str:
    """The letter. With `questions` (section key → questions), a fill-in template: each question
    in brackets in its section, for sellers who edit the letter by hand."""
    lines = ["Dear Seller Performance Team,", ""]
    major = minor = 0
    asked = {SECTION_HEADINGS[k]: v for k, v in (questions or {}).items() if k in SECTION_HEADINGS}
    seen: set[str] = set()
    for level, heading, body in sections(appeal, keep_empty=questions is not None):
        if level == 1:
            major, minor = major + 1, 0
            number = f"{major}."
        else:
            minor += 1
            number = f"{major}.{minor}"
        lines.append(f"{number} {heading}")
        lines += _body_lines(body)
        if heading in asked and heading not in seen:
            seen.add(heading)  # with several topics, the questions go to the first one
            lines += [f"[{q}]" for q in asked[heading]]
        lines.append("")
    if appeal.closing:
        lines += [appeal.closing, ""]
    lines += appeal.sign_off
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(appeal: Appeal) -> str:
    lines = ["Dear Seller Performance Team,", ""]
    for level, heading, body in sections(appeal):
        lines += [f"{'#' * (level + 1)} {heading}", ""]
        lines += _body_lines(body)
        lines.append("")
    if appeal.closing:
        lines += [appeal.closing, ""]
    lines += [f"{line}  " for line in appeal.sign_off]  # Markdown line breaks
    return "\n".join(lines).rstrip() + "\n"
