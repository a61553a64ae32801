"""Render an Appeal as a letter, in Amazon's usual order.

Issue → root cause → actions taken → preventive measures → requested information → documents.
No introduction of the business, no pleas; the closing is one or two sentences.
"""

from __future__ import annotations

from poa.core.models import Appeal, ImmediateAction, PreventiveMeasure, TopicPlan

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
UNCONFIRMED = "[Confirm you did this and add the date, or delete:]"


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
    text = action.action.rstrip(".")
    if not action.confirmed:
        return f"{UNCONFIRMED} {text}."
    date = format_date(action.date)
    if not date:
        return f"{text} [Add the date you did this.]"
    first = text.split(" ", 1)[0]
    verb = first.endswith("ed") or first in _IRREGULAR  # "Refunded" → "refunded"; "Felix" stays
    return f"On {date}: {text[:1].lower() + text[1:] if verb else text}."


def measure_line(measure: PreventiveMeasure) -> str:
    start = format_date(measure.start_date) or "[start date]"
    frequency = measure.frequency.rstrip(".")
    return (
        f"{measure.action.rstrip('.')}. Owner: {measure.owner}; {frequency}; in place from {start}. "
        f"Addresses: {measure.answers.rstrip('.')}."
    )


Body = list[str] | str | None
Section = tuple[int, str, Body]  # (level, heading, paragraph or bullets or nothing)


def _plan_sections(plan: TopicPlan, level: int) -> list[Section]:
    return [
        (level, "The issue", plan.incident.summary),
        (level, "Root cause", plan.root_cause),
        (level, "Actions we have taken", [action_line(a) for a in plan.immediate_actions]),
        (level, "Preventive measures", [measure_line(m) for m in plan.preventive_measures]),
    ]


def sections(appeal: Appeal) -> list[Section]:
    """The letter's sections; shared by the text and Markdown renderers.

    With several notice topics, each topic is a section of its own with the four parts inside.
    """
    plans = appeal.plans()
    result: list[Section] = []
    if len(plans) == 1:
        result += _plan_sections(plans[0], 1)
    else:
        for number, plan in enumerate(plans, 1):
            result.append((1, f"Issue {number}: {plan.topic}", None))
            result += _plan_sections(plan, 2)
    if appeal.requested_information:
        answers = [
            # a placeholder that already quotes the request stands alone
            r.answer
            if r.request.rstrip(".") in r.answer
            else f"{r.request.rstrip('.')}: {r.answer}"
            for r in appeal.requested_information
        ]
        result.append((1, "Information you asked for", answers))
    if appeal.evidence:
        result.append((1, "Supporting documents", list(appeal.evidence)))
    return result


def _body_lines(body: Body) -> list[str]:
    if body is None:
        return []
    return [f"- {item}" for item in body] if isinstance(body, list) else [body]


def render_text(appeal: Appeal) -> str:
    lines = ["Dear Seller Performance Team,", ""]
    major = minor = 0
    for level, heading, body in sections(appeal):
        if level == 1:
            major, minor = major + 1, 0
            number = f"{major}."
        else:
            minor += 1
            number = f"{major}.{minor}"
        lines.append(f"{number} {heading}")
        lines += _body_lines(body)
        lines.append("")
    if appeal.closing:
        lines += [appeal.closing, ""]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(appeal: Appeal) -> str:
    lines = ["Dear Seller Performance Team,", ""]
    for level, heading, body in sections(appeal):
        lines += [f"{'#' * (level + 1)} {heading}", ""]
        lines += _body_lines(body)
        lines.append("")
    if appeal.closing:
        lines += [appeal.closing, ""]
    return "\n".join(lines).rstrip() + "\n"
