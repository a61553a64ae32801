"""Remove buyer personal data before text goes to a remote LLM, and put it back afterwards.

Emails, phone numbers, street addresses, postcodes and buyer names become placeholders such as
`[EMAIL_1]`; a person's name with nothing saying it is the buyer's (a common first name and a
surname, or "our manager, Dr. Ana García") becomes `[PERSON_1]`. What counts as each is data,
per country, in `knowledge/rules/personal_data.yaml` (`poa.text.personal_data`); phone numbers
are confirmed with `phonenumbers`. Order IDs, ASINs, dates, tracking numbers and amounts are
blanked out first so their digits are never read as a phone or a postcode.

The mapping stays on this machine; `restore` puts emails, phones and addresses back into the
model's answer (they may be a third party's contact details the notice asks for), and
`[PERSON_…]` names too (often the seller's own staff or contacts). Buyer names are not restored:
an appeal refers to "the buyer".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import phonenumbers
import regex

from poa.text.facts import mask_ids_and_dates
from poa.text.personal_data import NAME_WORD, SPACE, Detectors, detectors

PLACEHOLDER = regex.compile(r"\[(EMAIL|PHONE|ADDRESS|BUYER_NAME|PERSON)_(\d+)\]")
KINDS = ("EMAIL", "PHONE", "ADDRESS", "BUYER_NAME", "PERSON")  # on a tie, the earlier kind wins
BLANK = "\x00"  # what a protected character becomes: neither a word character nor a space
# What may stand between two pieces of one address: "221B Baker Street, London NW1 6XE".
ADDRESS_GAP = regex.compile(r"[ \t]*[,\n]?[ \t]*(?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]*[,\n]?[ \t]*){0,3}")
GROUP_SEPARATOR = regex.compile(r"[ \t()./-]+")
LATIN_NAME = regex.compile(NAME_WORD)
SPACE_RUN = regex.compile(r"\s")


def __getattr__(name: str) -> Any:
    """`EMAIL`, the e-mail pattern of the rules file, is compiled on first use."""
    if name == "EMAIL":
        return detectors().emails[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Redaction:
    text: str
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def removed(self) -> int:
        return len(self.mapping)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    name: str = ""  # a name as written, without its title, searched for again elsewhere


def _blanked(text: str, found: Detectors) -> str:
    """The text with IDs, dates, tracking numbers, amounts and placeholders made unreadable."""
    masked = mask_ids_and_dates(text)
    chars = [BLANK if m != c else c for m, c in zip(masked, text, strict=True)]
    for pattern in [PLACEHOLDER, *found.not_personal]:
        for match in pattern.finditer(text):
            chars[match.start() : match.end()] = BLANK * (match.end() - match.start())
    return "".join(chars)


@lru_cache(maxsize=4096)
def _possible_numbers(candidate: str, regions: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Where `phonenumbers` sees a possible number of one of the regions in a candidate."""
    spans = set()
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(
            candidate, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            spans.add((match.start, match.end))
    return tuple(sorted(spans))


def _looks_like_phone(raw: str) -> bool:
    """A + or 00 prefix, a bracket, a trunk 0, or nine digits in three groups (not 1 234 567)."""
    digits = sum(ch.isdigit() for ch in raw)
    if raw.startswith("+"):
        return digits >= 7
    if raw.startswith("00"):  # 00, a country code and a national number
        return digits >= 11
    if raw.startswith(("(", "0")):
        return digits >= 9
    groups = [g for g in GROUP_SEPARATOR.split(raw) if g]
    thousands = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    return digits >= 9 and len(groups) >= 3 and not thousands


def _phones(masked: str, found: Detectors) -> list[_Span]:
    """Possible numbers of a marketplace region that look like a phone or follow a cue word."""
    spans = []
    for candidate in found.phone_shape.finditer(masked):
        for start, end in _possible_numbers(candidate.group(), found.regions):
            if start > 1:  # the tail of a longer run of digits
                continue
            start, end = candidate.start() + start, candidate.start() + end
            raw = masked[start:end]
            cued = found.phone_cue.search(masked, max(0, start - 40), start)
            if _looks_like_phone(raw) or (cued and sum(ch.isdigit() for ch in raw) >= 7):
                spans.append(_Span(start, end, "PHONE"))
    return spans


def _names(masked: str, found: Detectors, addresses: list[int]) -> list[_Span]:
    """Buyer names after a cue word or a greeting, before an honorific, or after a title (kept in
    the span); other people's names: a common first name and a surname, or a title next to a staff
    word ("our manager Dr. Ana García", "Tom Hill, Owner"). A name ends where an address starts."""
    spans = []
    for pattern, with_trigger, cued in [
        (found.titled_name, True, False),
        (found.cued_name, False, True),
        (found.greeted_name, False, True),
        (found.suffixed_name, True, True),
        (found.given_name, True, False),
    ]:
        for match in pattern.finditer(masked):
            name_start, name_end = match.span("name")
            name_end = next((a for a in addresses if name_start < a < name_end), name_end)
            kept = _kept_length(masked[name_start:name_end], found)
            name = " ".join(masked[name_start : name_start + kept].split())
            if not kept or (pattern is found.given_name and not _person(name, found)):
                continue
            end = match.end() if kept == name_end - name_start else name_start + kept
            start = match.start() if with_trigger else name_start
            # Only a cue, a greeting or an honorific says it is the buyer's name: a title alone
            # does not ("we hired Dr. Peter Wong"), so the name is restored as written.
            buyer = cued and not _next_to_staff(masked, start, end, found)
            spans.append(_Span(start, end, "BUYER_NAME" if buyer else "PERSON", name))
    return spans


def _kept_length(name: str, found: Detectors) -> int:
    """How much of a matched name is one: up to its first not-a-name word, without particles."""
    kept = 0
    for index, token in enumerate(regex.finditer(r"\S+", name)):
        if token.group() in found.particles:
            continue
        folded = token.group().rstrip(".").casefold()
        if folded in found.not_names and not (index == 0 and folded in found.word_names):
            break
        kept = token.end()
    return kept


def _next_to_staff(masked: str, start: int, end: int, found: Detectors) -> bool:
    """Is the name next to a staff word ("our manager, Sarah Jones", "Tom Hill\nOwner")?"""
    before = found.staff_before.search(masked, max(0, start - 40), start)
    return bool(before or found.staff_after.match(masked, end, end + 40))


def _person(name: str, found: Detectors) -> bool:
    """A first name and a surname that are not a brand ("Calvin Klein", "John Lewis")."""
    folded = name.casefold()
    return " " in name and not any(
        folded == brand or folded.startswith(brand + " ") for brand in found.brands
    )


def _mentions(masked: str, names: set[str], kind: str, found: Detectors) -> list[_Span]:
    """Every other place a found name, or a word of it, appears ("… Rossi wrote again")."""
    variants = set()
    for name in names:
        words = [w for w in name.split() if w not in found.particles]
        if all(LATIN_NAME.fullmatch(w) for w in words):
            variants.add(tuple(name.split()))
            variants |= {(w,) for w in words if len(w) > 2 and w.casefold() not in found.not_names}
    if not variants:
        return []
    longest_first = sorted(variants, key=lambda v: (len(v), sum(map(len, v))), reverse=True)
    alternation = "|".join(SPACE.join(map(regex.escape, v)) for v in longest_first)
    pattern = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{alternation})(?![\p{{L}}\p{{M}}\p{{N}}])"
    )
    # One word of a name alone ("Rossi wrote again") may be another thing ("the Mark II lens",
    # "Green Tea"): hidden from the model all the same, but restored as written.
    return [
        _Span(*m.span(), kind if SPACE_RUN.search(m.group()) else "PERSON")
        for m in pattern.finditer(masked)
    ]


def _choose(spans: list[_Span]) -> list[_Span]:
    """Earliest first, then longest; a span overlapping one already chosen is dropped."""
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.start - s.end, KINDS.index(s.kind))):
        if span.end > span.start and (not chosen or span.start >= chosen[-1].end):
            chosen.append(span)
    return chosen


def _join_addresses(text: str, spans: list[_Span]) -> list[_Span]:
    """A street, a town and a postcode next to each other are one address."""
    joined: list[_Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last
            and last.kind == span.kind == "ADDRESS"
            and span.start - last.end <= 40
            and ADDRESS_GAP.fullmatch(text, last.end, span.start)
        ):
            joined[-1] = _Span(last.start, span.end, "ADDRESS")
        else:
            joined.append(span)
    return joined


def _spans(text: str) -> list[_Span]:
    """The personal data in text, without overlaps, in text order."""
    found = detectors()
    masked = _blanked(text, found)
    spans = [_Span(*m.span(), "EMAIL") for p in found.emails for m in p.finditer(masked)]
    spans += [_Span(*m.span(), "ADDRESS") for p in found.addresses for m in p.finditer(masked)]
    starts = sorted(s.start for s in spans if s.kind == "ADDRESS")
    spans += _phones(masked, found) + _names(masked, found, starts)
    chosen = _choose(spans)
    for kind in ("BUYER_NAME", "PERSON"):  # a buyer's name mentioned anywhere is the buyer's
        spans += _mentions(masked, {s.name for s in chosen if s.kind == kind}, kind, found)
    return _join_addresses(masked, _choose(spans))


def redact(text: str) -> Redaction:
    """Replace personal data with numbered placeholders; the same value gets the same one.

    Placeholders already in the text are left alone and new ones are numbered after them, so
    redacting a redacted text changes nothing.
    """
    mapping: dict[str, str] = {}
    by_value: dict[tuple[str, str], str] = {}
    counters = {kind: 0 for kind in KINDS}
    for match in PLACEHOLDER.finditer(text):
        counters[match[1]] = max(counters[match[1]], int(match[2]))
    pieces, position = [], 0
    for span in _spans(text):
        value = text[span.start : span.end]
        key = by_value.get((span.kind, value))
        if key is None:
            counters[span.kind] += 1
            key = by_value[(span.kind, value)] = f"[{span.kind}_{counters[span.kind]}]"
            mapping[key] = value
        pieces += [text[position : span.start], key]
        position = span.end
    pieces.append(text[position:])
    return Redaction("".join(pieces), mapping)


def restore(text: str, mapping: dict[str, str]) -> str:
    """Put contact details and other people's names back; a buyer's name becomes 'the buyer'
    (once: "the buyer [BUYER_NAME_1]" becomes "the buyer")."""
    text = detectors().cue_before_placeholder.sub(r"\1", text)
    for key, original in mapping.items():
        text = text.replace(key, "the buyer" if key.startswith("[BUYER_NAME_") else original)
    return text
