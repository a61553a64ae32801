"""Remove buyer personal data before text goes to a remote LLM, and put it back afterwards.

Emails, phone numbers, street addresses and buyer names become placeholders such as `[EMAIL_1]`.
The mapping stays on this machine; `restore` puts emails, phones and addresses back into the
model's answer (they may be a third party's contact details the notice asks for). Buyer names
are not restored: an appeal refers to "the buyer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from poa.text.facts import mask_ids_and_dates

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,8}){1,4}(?![\w-])"
)
ADDRESS = re.compile(
    r"\b\d{1,5}[a-z]?\s+(?:[A-Z][\w'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|"
    r"Court|Ct|Way|Place|Pl|Terrace|Close|Crescent|Parkway|Highway|Hwy|Square|Sq)\b\.?"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat)\.?\s*#?\w+)?"
    r"|\b(?:[A-Z][\w'-]*)(?:straße|strasse|weg|gasse|platz|allee)\s+\d{1,4}[a-z]?\b"
    r"|\b(?:Via|Viale|Piazza|Rue|Avenue|Calle|Carrer)\s+(?:[A-Z][\w'-]*\s*){1,4},?\s*\d{1,4}\b",
)
_NAME = r"(?:Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)?\s*([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})"
BUYER_NAME = re.compile(
    r"\b(?:buyer|customer|client|purchaser|recipient|guy|lady|woman|man)(?:'s name)?(?:,| named| called| name(?:d)? is|:)?\s+"
    + _NAME
    + r"|\b(?:Dear|Hi|Hello|Hey)\s+"
    + _NAME
    + r"|\b(?:buyer|customer)(?:'s)? (?:name is|named|called)\s+"
    + _NAME
)
_NOT_NAMES = frozenset(
    [
        "Amazon",
        "Seller",
        "Service",
        "Support",
        "Performance",
        "Team",
        "The",
        "This",
        "That",
        "We",
        "Our",
        "Central",
        "Account",
        "Health",
        "Prime",
        "FBA",
        "Guarantee",
        "Claim",
        "Order",
        "Orders",
        "Thank",
        "Thanks",
        "Please",
        "Sir",
        "Madam",
        "Customer",
        "Buyer",
        "Yes",
        "No",
        "Hello",
        "Hi",
        "Dear",
    ]
)


@dataclass
class Redaction:
    text: str
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def removed(self) -> int:
        return len(self.mapping)


def _phone_spans(text: str) -> list[tuple[int, int]]:
    masked = mask_ids_and_dates(text)
    spans = []
    for match in PHONE.finditer(masked):
        if sum(ch.isdigit() for ch in match.group(0)) >= 7:
            spans.append(match.span())
    return spans


def _spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each piece of personal data, without overlaps, in text order."""
    found = [(*m.span(), "EMAIL") for m in EMAIL.finditer(text)]
    found += [(*m.span(), "ADDRESS") for m in ADDRESS.finditer(text)]
    found += [(*span, "PHONE") for span in _phone_spans(text)]
    for match in BUYER_NAME.finditer(text):
        group = next(i for i in (1, 2, 3) if match.group(i))
        words = match.group(group).split()
        if words[0] not in _NOT_NAMES:
            kept = [w for w in words if w not in _NOT_NAMES]
            start = match.start(group)
            found.append((start, start + len(" ".join(words[: len(kept)])), "BUYER_NAME"))
    names = {text[start:end] for start, end, kind in found if kind == "BUYER_NAME"}
    for name in names:  # later mentions of a name found once ("… John Miller again")
        found += [(*m.span(), "BUYER_NAME") for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    chosen: list[tuple[int, int, str]] = []
    for span in sorted(found, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def redact(text: str) -> Redaction:
    """Replace personal data with numbered placeholders; the same value gets the same one."""
    mapping: dict[str, str] = {}
    by_value: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    pieces, position = [], 0
    for start, end, kind in _spans(text):
        value = text[start:end]
        key = by_value.get((kind, value))
        if key is None:
            counters[kind] = counters.get(kind, 0) + 1
            key = by_value[(kind, value)] = f"[{kind}_{counters[kind]}]"
            mapping[key] = value
        pieces += [text[position:start], key]
        position = end
    pieces.append(text[position:])
    return Redaction("".join(pieces), mapping)


def restore(text: str, mapping: dict[str, str]) -> str:
    """Put contact details back; a buyer's name becomes 'the buyer'."""
    for key, original in mapping.items():
        text = text.replace(key, "the buyer" if key.startswith("[BUYER_NAME_") else original)
    return text
