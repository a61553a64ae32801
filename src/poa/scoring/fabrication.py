"""Facts in a letter that the seller never gave: order IDs, ASINs, dates and numbers.

Used by the drafting guard (which removes them) and by the `no_fabrication` criterion (which
reports them), so both agree on what counts as a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poa.text.facts import ASIN, NUMBER, ORDER_ID, find_dates, mask_ids_and_dates
from poa.text.redact import EMAIL

URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)

# Amazon's published targets and document windows: numbers a letter may quote without the seller
# giving them (order defect rate 1%, late shipment 4%, cancellation 2.5%, valid tracking 95%,
# invoices from the last 365 or 180 days).
POLICY_NUMBERS = frozenset({"1%", "4%", "2.5%", "95%", "365", "180"})
# Commitments ("within 24 hours", "every 30 days") describe the plan, not a past fact.
_COMMITMENT = re.compile(
    r"(?:every|within|each|per|once|twice|at least|at most|up to|no later than|for the (?:first|next)|first|next)"
    r"\s+$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"^\s*(?:hours?|days?|business days?|working days?|weeks?|months?|years?|times?)\b", re.I
)
_BEFORE_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*\(?$")
_BEFORE_LABEL = re.compile(
    r"\b(?:issue|topic|step|section|point|item|part|measure|action)\s+$", re.IGNORECASE
)


@dataclass(frozen=True)
class Fact:
    kind: str  # order_id | asin | date | number | contact
    text: str
    start: int
    end: int


def facts_in(text: str) -> list[Fact]:
    found = [Fact("order_id", m.group(0), *m.span()) for m in ORDER_ID.finditer(text)]
    found += [Fact("asin", m.group(0), *m.span()) for m in ASIN.finditer(text)]
    found += [Fact("date", d.text, d.start, d.end) for d in find_dates(text)]
    found += [Fact("contact", m.group(0).rstrip("."), *m.span()) for m in EMAIL.finditer(text)]
    found += [Fact("contact", m.group(0).rstrip(".,)"), *m.span()) for m in URL.finditer(text)]
    masked = mask_ids_and_dates(text)
    for match in NUMBER.finditer(masked):
        before = masked[max(0, match.start() - 30) : match.start()]
        after = masked[match.end() : match.end() + 20]
        # "1." or "(2)" opening a list item, "2.3 Root cause" (a section number), "Issue 2", "Step 3"
        section_number = re.match(r"\d+\.\d+ [A-Z]", match.group(0) + after[:2])
        if (
            _BEFORE_LIST_MARKER.search(before) and (after[:1] in ".)" or section_number)
        ) or _BEFORE_LABEL.search(before):
            continue
        if _COMMITMENT.search(before) and _UNIT_AFTER.match(after):
            continue
        value = match.group(1).replace(",", "") + match.group(2)
        found.append(Fact("number", value, *match.span()))
    return sorted(found, key=lambda fact: fact.start)


def _number_value(text: str) -> str:
    stripped = text.rstrip("%")
    try:
        value = float(stripped)
    except ValueError:
        return text
    return f"{value:g}" + ("%" if text.endswith("%") else "")


def unsupported_facts(text: str, sources: str) -> list[Fact]:
    """Facts in `text` that `sources` (notice, story, answers) do not contain."""
    source_ids = set(ORDER_ID.findall(sources)) | set(ASIN.findall(sources))
    source_dates = find_dates(sources)
    source_numbers = {_number_value(f.text) for f in facts_in(sources) if f.kind == "number"}
    source_numbers |= {
        _number_value(n) for n in re.findall(r"\d+(?:\.\d+)?%?", mask_ids_and_dates(sources))
    }
    # a year the inputs give anywhere (in a date, "in 2024") may be repeated: "January 2025"
    source_numbers |= set(re.findall(r"\b(?:19|20)\d{2}\b", sources))
    lowered = sources.lower()
    unsupported = []
    for fact in facts_in(text):
        if fact.kind in ("order_id", "asin"):
            ok = fact.text in source_ids
        elif fact.kind == "contact":
            ok = fact.text.lower() in lowered
        elif fact.kind == "date":
            date = next(d for d in find_dates(text[fact.start : fact.end]))
            ok = any(date.matches(other) for other in source_dates)
        else:
            value = _number_value(fact.text)
            ok = value in source_numbers or fact.text in POLICY_NUMBERS or value in POLICY_NUMBERS
        if not ok:
            unsupported.append(fact)
    return unsupported
