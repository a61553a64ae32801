"""How commands show results without --json: tables and plain lines."""

from __future__ import annotations

from typing import Any


def format_scorecard(card: Any) -> str:
    """The scorecard as a table: one line per criterion with its verdict and reason."""
    marks = {True: "✓ pass", False: "✗ fail", None: "? n/j"}
    lines = [f"{'criterion':<38} {'result':<7} {'score':>5}  reason"]
    for name, result in card.criteria.items():
        label = f"{name} (gate)" if result.gate else name
        mark = "– n/a" if not result.applicable else marks[result.passed]
        score = "" if result.score is None else f"{result.score:.2f}"
        lines.append(f"{label:<38} {mark:<7} {score:>5}  {result.reason}")
        if card.judge and name in card.judge:
            opinion = card.judge[name]
            lines.append(
                f"{'':<38} {'judge':<7} {'':>5}  {'pass' if opinion['passed'] else 'fail'}: {opinion['reason']}"
            )
    gates = "yes" if card.gates_passed else "no"
    lines.append(
        f"total {card.total:.2f} · gates passed: {gates} · language: {card.language} · "
        f"{card.char_count:,} / {card.char_limit:,} characters"
    )
    return "\n".join(lines)
