"""Argument types for the parser: numbers in their range and free text under a length cap.

Each raises `argparse.ArgumentTypeError`, so a bad value is one line naming the option.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from datetime import date

ROOT_CAUSE_LIMIT = 2_000  # a cause in a sentence or two, or a playbook id
ANSWER_LIMIT = 2_000  # one answer to one open question
QUERY_LIMIT = 1_000  # a search query
NAME_LIMIT = 200  # a suggestion id, a suite or benchmark name, a language code
PATH_LIMIT = 4_096  # a file name
LARGEST_ID = 2**63 - 1  # the largest id SQLite can store


def whole_number(minimum: int = 1, maximum: int = LARGEST_ID) -> Callable[[str], int]:
    """A whole number from `minimum` to `maximum`."""
    bound = f"at least {minimum:,}" if maximum == LARGEST_ID else f"{minimum:,} to {maximum:,}"

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a whole number {bound}, got {_shown(value)}"
            ) from None
        if number > LARGEST_ID:
            raise argparse.ArgumentTypeError(f"{_shown(value)} is too large")
        if not minimum <= number <= maximum:
            raise argparse.ArgumentTypeError(f"must be {bound}, got {_shown(value)}")
        return number

    return parse


def fraction(value: str) -> float:
    """A rate from 0 to 1 (0.8 means 80 %)."""
    try:
        number = float(value.strip())
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(
            f"expected a rate from 0 to 1 (0.8 means 80 %), got {_shown(value)}"
        )
    return number


def text(limit: int) -> Callable[[str], str]:
    """Free text of at most `limit` characters, without NUL characters."""

    def parse(value: str) -> str:
        if len(value) > limit:
            raise argparse.ArgumentTypeError(
                f"has {len(value):,} characters; the limit is {limit:,}"
            )
        return _plain(value)

    return parse


def day(value: str) -> date:
    """A calendar day, YYYY-MM-DD."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a day as YYYY-MM-DD, got {_shown(value)}"
        ) from None


def path(value: str) -> str:
    """A file path ('-' for standard input where the option reads text)."""
    return text(PATH_LIMIT)(value)


def answer(value: str) -> str:
    """`KEY=TEXT`, the answer to one open question (the command splits it)."""
    key, sep, rest = value.partition("=")
    key, rest = key.strip(), rest.strip()
    if not sep or not key or not rest or len(key) > NAME_LIMIT:
        raise argparse.ArgumentTypeError(
            f"needs KEY=TEXT (e.g. measures='From now on …'), got {_shown(value)}"
        )
    if len(rest) > ANSWER_LIMIT:
        raise argparse.ArgumentTypeError(
            f"the answer to {_shown(key)} has {len(rest):,} characters;"
            f" the limit is {ANSWER_LIMIT:,}"
        )
    return _plain(value)


def _plain(value: str) -> str:
    """The value unchanged; a NUL character (never typed, often pasted from binary) is refused."""
    if "\x00" in value:
        raise argparse.ArgumentTypeError("holds a NUL character; pass plain text")
    return value


def _shown(value: str) -> str:
    """The value as typed, cut short so the message stays one readable line."""
    return repr(value if len(value) <= 40 else value[:40] + "…")
