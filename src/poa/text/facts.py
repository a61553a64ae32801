"""Facts that appear in text: order IDs, ASINs, dates and numbers, found with plain rules.

Used by the notice parser, the case extractor, the fabrication guard and the rubric, so a fact is
recognised the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ORDER_ID = re.compile(r"\b\d{3}-\d{7}-\d{7}\b")
ASIN = re.compile(r"\bB0[A-Z0-9]{8}\b")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SPACE = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a date may wrap onto the next line, not across paragraphs
DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(rf"\b{_MONTH}{_SPACE}{_DAY}(?:,?{_SPACE}{_YEAR}\b|\b(?!\)|\.\d))", re.IGNORECASE),
    re.compile(rf"\b{_DAY}(?:{_SPACE}of)?{_SPACE}{_MONTH}(?:,?{_SPACE}{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.{_YEAR}\b"),  # 24.06.2024
    re.compile(rf"\b(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/{_YEAR}\b"),  # US 06/24/2024
]
NUMBER = re.compile(r"(?<![\w.-])\$?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)(?![\w-])")


@dataclass(frozen=True)
class DateFact:
    text: str
    month: int
    day: int
    year: int | None
    start: int
    end: int

    @property
    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def matches(self, other: DateFact) -> bool:
        """Same day; a date without a year matches that day in any year."""
        same_day = (self.month, self.day) == (other.month, other.day)
        return same_day and (self.year is None or other.year is None or self.year == other.year)


def find_dates(text: str) -> list[DateFact]:
    """Calendar dates in text, in order, without overlaps."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)
def _find_dates(text: str) -> tuple[DateFact, ...]:
    # cached: the checks ask again and again about the same story, notice and letter sentences
    found: list[DateFact] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            parts = match.groupdict()
            month = (
                int(parts["mnum"])
                if parts.get("mnum")
                else MONTHS[parts["month"].lower().rstrip(".")]
            )
            day = int(parts["day"])
            year = int(parts["year"]) if parts.get("year") else None
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            taken.append((start, end))
            found.append(DateFact(match.group(0), month, day, year, start, end))
    return tuple(sorted(found, key=lambda fact: fact.start))


def find_order_ids(text: str) -> list[str]:
    return unique(ORDER_ID.findall(text))


def find_asins(text: str) -> list[str]:
    return unique(ASIN.findall(text))


def mask_ids_and_dates(text: str) -> str:
    """Blank out order IDs, ASINs and dates so their digits are not read as numbers."""
    spans = [m.span() for m in ORDER_ID.finditer(text)] + [m.span() for m in ASIN.finditer(text)]
    spans += [(fact.start, fact.end) for fact in find_dates(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def mentions(text: str, fact: str) -> bool:
    """Does `text` state `fact`? Dates match in any format ('April 11' = '11 April 2025')."""
    if fact in text:
        return True
    wanted = find_dates(fact)
    if len(wanted) == 1 and wanted[0].text == fact.strip():
        return any(wanted[0].matches(date) for date in find_dates(text))
    return False
