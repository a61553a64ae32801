"""How commands show results without --json: tables and plain lines."""

from __future__ import annotations

from typing import Any


class Unfinished(Exception):
    """The command ran but did not do what was asked (an eval under --fail-under, a version not
    marked as sent until the seller confirms its changes): its document is still printed, and the
    exit code is 1."""

    def __init__(self, document: dict[str, Any], message: str, text: str | None = None) -> None:
        super().__init__(message)
        self.document = document
        self.text = str(document) if text is None else text


def format_scorecard(card: Any) -> str:
    """The scorecard as a table: one line per criterion with its verdict and reason."""
    marks = {True: "✓ pass", False: "✗ fail", None: "? n/j"}
    lines = [f"{'check':<46} {'result':<7} {'score':>5}  reason"]
    for name, result in card.criteria.items():
        title = result.title or name
        label = f"{title} (must pass)" if result.gate else title
        mark = "– n/a" if not result.applicable else marks[result.passed]
        score = "" if result.score is None else f"{result.score:.2f}"
        lines.append(f"{label:<46} {mark:<7} {score:>5}  {result.reason}")
        if result.passed is False and result.evidence:
            lines.append(f"{'':<46} {'':<7} {'':>5}  sentence judged: {result.evidence[0]}")
        if result.passed is False and result.fix:
            lines.append(f"{'':<46} {'':<7} {'':>5}  what to change: {result.fix}")
        if card.judge and name in card.judge:
            opinion = card.judge[name]
            lines.append(
                f"{'':<46} {'judge':<7} {'':>5}  {'pass' if opinion['passed'] else 'fail'}: {opinion['reason']}"
            )
    gates = "yes" if card.gates_passed else "no"
    total = card.not_judged if card.total is None else f"total {card.total:.2f}"
    lines.append(
        f"{total} · every must-pass check passes: {gates} · language: {card.language} · "
        f"{card.char_count:,} / {card.char_limit:,} characters"
    )
    return "\n".join(lines)
