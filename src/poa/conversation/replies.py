"""What the assistant says after a step: the root-cause proposal, a new draft, a revision.

Replies are plain text: they quote the seller, the notice and the model, and the app shows them
as text, never as Markdown or HTML.
"""

from __future__ import annotations

from typing import Any

from poa.conversation.state import Reply
from poa.drafting.pipeline import DraftResult
from poa.kb.documents import PlaybookMeta

GREETING = (
    "I help you write the Plan of Action Amazon's Seller Performance team asks for: one clear root cause, "
    "the actions you took with their dates, and prevention that answers that cause.\n\n"
    "Paste the notice you received from Amazon, or describe what happened."
)


def cause_proposal(playbook: PlaybookMeta, options: list[dict[str, Any]], intro: str) -> Reply:
    """The most likely playbook cause, with the alternatives to pick from by number."""
    best = next(c for c in playbook.root_causes if c.id == options[0]["id"])
    others = "\n".join(f"{i}. {o['title']}" for i, o in enumerate(options[1:4], 2))
    text = (
        f"{intro}\n\nYou haven't told me yet why it happened. Amazon expects one root cause, and the"
        " letter only says what is true for you. Tell me in your own words, or pick the closest, if it is true:\n\n"
        f"1. {best.title}\n   {best.statement}\n\n{others}\n\n"
        "(Reply with a number, your own sentence, or “skip” to leave the cause open for now.)"
    )
    return Reply(text.strip(), "cause")


def drafted_reply(version_number: int, result: DraftResult) -> Reply:
    """A new version: how it was written, how many must-pass checks it passes, what is still open."""
    card = result.scorecard
    passed = sum(1 for r in card.criteria.values() if r.gate and r.passed) if card else 0
    lines = [
        f"Here is your appeal, version {version_number} ({'AI-written' if result.backend == 'openai' else 'offline draft'})."
    ]
    if result.fallback:
        lines.append(result.fallback)
    gates = sum(1 for r in card.criteria.values() if r.gate) if card else 0
    lines.append(
        f"It passes {passed} of the {gates} checks a letter must pass; the scorecard is beside it. Every sentence"
        " in it comes from what you told me (see “What each sentence is based on”)."
    )
    if result.questions:
        lines.append(
            f"{len(result.questions)} point(s) are still needed; they are listed beside the letter, not in it. "
            f"First: {result.questions[0].text}"
        )
    lines.append(
        "Answer here, tell me what to change (for example “we also retrained the whole team on June 24”,"
        " or “shorter”), or paste Amazon's rejection if it comes back."
    )
    return Reply("\n\n".join(lines), "drafted")


def revised_reply(result: Any) -> Reply:
    """A revision: the gaps Amazon's rejection pointed at, the likely reasons, what changed."""
    gaps = "\n".join(f"- {g.status}: {g.item.text}" for g in result.analysis.gaps)
    reasons = "\n".join(f"- {r}" for r in result.analysis.reasons[:6])
    changes = "\n".join(f"- {c}" for c in result.changes)
    confirm = ""
    if result.confirm_root_cause:
        confirm = (
            "\n\nYour facts fit more than one cause; I kept the first. If another is right, tell me: "
            + " / ".join(c for c in result.confirm_root_cause[1:])
        )
    still = (
        f"\n\n{len(result.questions)} point(s) are still needed (listed beside the letter). "
        f"First: {result.questions[0].text}"
        if result.questions
        else ""
    )
    text = (
        f"Here is what Amazon asked for and how the previous appeal answered it:\n{gaps}\n\n"
        f"Likely reasons for the rejection:\n{reasons}\n\nWhat I changed in the revision:\n{changes}{confirm}{still}\n\n"
        "The revision and a side-by-side comparison are shown with the conversation."
    )
    return Reply(text, "revised")
