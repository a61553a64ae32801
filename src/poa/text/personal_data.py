"""The buyer personal-data rules of `knowledge/rules/personal_data.yaml`, loaded and compiled.

The file holds, per marketplace country, the address and postcode patterns, the words that
introduce a name (titles, cue words, greetings, honorifics), the words that are never a name and
the phone regions, each with examples. `redact` uses the compiled form; `kb.rules` re-exports the
loader so every rules file is reachable from one place. Lives in `text` because redaction does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
import yaml
from pydantic import BaseModel, Field

from poa.core.config import PROJECT_ROOT
from poa.core.models import StrictModel

RULES_FILE = PROJECT_ROOT / "knowledge" / "rules" / "personal_data.yaml"

# The shorthands a pattern may use (see the file's header).
WORD = r"(?<![\p{L}\p{M}\p{N}])(?:\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\d{1,3}(?:st|nd|rd|th))"
# A word of a person's name: "Müller", "O'Neill", "McDonald", "Jean-Pierre"; or an initial "J.".
NAME_WORD = r"(?:(?:[OD]['’]|Mc|Mac)?\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}[\p{Ll}\p{M}]+)*|\p{Lu}\.)"
SPACE = (
    r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # between the words of a name, which may wrap onto the next line
)


class Examples(StrictModel):
    """Text that must lose its personal data ({braces} mark it) and text that must not change."""

    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(min_length=1)


class Words(StrictModel):
    words: list[str] = Field(min_length=1)
    examples: Examples


class Rule(StrictModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    pattern: str
    examples: Examples


class Phones(StrictModel):
    """Where phone numbers are checked (a `phonenumbers` region) and the words that announce one."""

    region: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    shape: str | None = None  # generic only: what a candidate number looks like
    cues: list[str] = Field(default_factory=list)
    examples: Examples


class Section(StrictModel):
    """The rules of one country, or the generic ones."""

    emails: list[Rule] = Field(default_factory=list)
    phones: Phones | None = None
    name_titles: Words | None = None
    name_cues: Words | None = None
    name_connectors: Words | None = None
    greetings: Words | None = None
    name_particles: Words | None = None
    name_suffixes: Words | None = None
    given_names: Words | None = None
    word_names: Words | None = None  # first names that are ordinary words
    staff_cues: Words | None = None
    brand_names: Words | None = None
    not_names: Words | None = None
    not_personal: list[Rule] = Field(default_factory=list)
    addresses: list[Rule] = Field(default_factory=list)
    postcodes: list[Rule] = Field(default_factory=list)

    def entries(self) -> Iterator[tuple[str, BaseModel]]:
        """(name, entry) of everything in the section that carries examples."""
        for name in type(self).model_fields:
            value = getattr(self, name)
            for entry in value if isinstance(value, list) else [value]:
                if entry is not None:
                    yield (f"{name}.{entry.id}" if isinstance(entry, Rule) else name), entry


class PersonalDataRules(StrictModel):
    description: str
    generic: Section
    us: Section
    uk: Section
    de: Section
    it: Section
    fr: Section
    es: Section
    jp: Section

    @property
    def sections(self) -> dict[str, Section]:
        return {
            name: getattr(self, name) for name in type(self).model_fields if name != "description"
        }

    def words(self, kind: str) -> list[str]:
        """Every section's words of one kind ("name_titles", "not_names", ...), generic first."""
        found = []
        for section in self.sections.values():
            entry = getattr(section, kind)
            found += entry.words if entry else []
        return found

    def rules(self, *kinds: str) -> list[Rule]:
        return [rule for s in self.sections.values() for kind in kinds for rule in getattr(s, kind)]


@cache
def personal_data_rules(path: Path = RULES_FILE) -> PersonalDataRules:
    """The rules file, validated (an unknown field or an entry without examples is refused)."""
    return PersonalDataRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Detectors:
    """The rules compiled once: what `redact` runs over a text."""

    emails: list[regex.Pattern[str]]
    not_personal: list[regex.Pattern[str]]
    addresses: list[regex.Pattern[str]]  # street addresses and postcodes of every country
    phone_shape: regex.Pattern[str]
    phone_cue: regex.Pattern[str]  # matches the text just before a number when a cue word ends it
    regions: tuple[str, ...]
    titled_name: regex.Pattern[str]  # group "name" is the name, the whole match the redacted span
    cued_name: regex.Pattern[str]
    greeted_name: regex.Pattern[str]
    suffixed_name: regex.Pattern[str]
    given_name: regex.Pattern[str]  # a common first name and a surname, no title or cue needed
    staff_before: regex.Pattern[str]  # a role word of the seller's side just before a name…
    staff_after: regex.Pattern[str]  # …or just after it ("David Brown, Owner")
    cue_before_placeholder: regex.Pattern[str]  # "the buyer [BUYER_NAME_1]", for `restore`
    particles: frozenset[str]
    word_names: frozenset[str]  # casefolded; a name only after a cue, title or greeting
    not_names: frozenset[str]  # casefolded
    brands: frozenset[str]  # casefolded, one space between words


def _alternation(words: list[str], flags: str = "") -> str:
    """Longest first, so "Sig.ra" is tried before "Sig."; whole words only."""
    escaped = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return rf"(?<![\p{{L}}\p{{M}}])(?{flags}:{escaped})"


def _title(word: str) -> str:
    """A title's regex: "Sig.ra" needs its dot, "Mr" may have one ("Mr Smith", "Mr. Smith")."""
    if word.endswith("."):
        return regex.escape(word) + r"[ \t]*"
    return regex.escape(word) + r"(?:\.[ \t]*|[ \t]+)"


def _compile(pattern: str, not_names: frozenset[str]) -> regex.Pattern[str]:
    """A rule's pattern with {Word} and {Place} expanded (case-sensitive, ^ at line starts)."""
    stop = "|".join(regex.escape(w) for w in sorted(not_names, key=len, reverse=True))
    place = rf"(?!(?i:{stop})(?![\p{{L}}\p{{M}}])){WORD}"
    expanded = pattern.strip().replace("{Word}", WORD).replace("{Place}", place)
    return regex.compile(expanded, regex.MULTILINE)


def _not_names(rules: PersonalDataRules) -> frozenset[str]:
    """Not-a-name words plus every title, cue, staff and greeting word, casefolded."""
    words = rules.words("not_names") + rules.words("name_cues") + rules.words("staff_cues")
    words += [w.rstrip(".") for w in rules.words("name_titles")]
    words += [part for w in rules.words("greetings") for part in w.split()]
    return frozenset(w.casefold() for w in words)


@cache
def detectors(path: Path = RULES_FILE) -> Detectors:
    """The rules file compiled: patterns with their shorthands expanded, word lists as regexes."""
    rules = personal_data_rules(path)
    stop = _not_names(rules)
    generic = rules.generic.phones
    if generic is None or generic.shape is None:
        raise ValueError(f"{path}: generic.phones.shape is missing")
    phone_cues = [cue for s in rules.sections.values() if s.phones for cue in s.phones.cues]
    particles = "|".join(regex.escape(w) for w in rules.words("name_particles"))
    rest = rf"(?:{SPACE}(?:(?:{particles}){SPACE}){{0,2}}{NAME_WORD})"  # a further word of a name
    full_name = rf"{NAME_WORD}{rest}{{0,3}}"
    # A name in capitals, as on a shipping label ("Ship to: JOHN SMITH"): after a cue only.
    caps_name = r"\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})*(?:[ \t]+\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})*){1,3}"
    titles = "|".join(_title(w) for w in sorted(rules.words("name_titles"), key=len, reverse=True))
    cues = _alternation(rules.words("name_cues"), "i")
    connectors = "|".join(regex.escape(w) for w in rules.words("name_connectors"))
    staff = _alternation(rules.words("staff_cues"), "i")
    suffixes = rules.words("name_suffixes")
    latin = [regex.escape(s) for s in suffixes if s.startswith("-")]
    cjk = [regex.escape(s) for s in suffixes if not s.startswith("-")]
    return Detectors(
        emails=[_compile(r.pattern, stop) for r in rules.rules("emails")],
        not_personal=[_compile(r.pattern, stop) for r in rules.rules("not_personal")],
        addresses=[_compile(r.pattern, stop) for r in rules.rules("addresses", "postcodes")],
        phone_shape=_compile(generic.shape, stop),
        phone_cue=regex.compile(rf"{_alternation(phone_cues, 'i')}(?![\p{{L}}])[^\n\d]{{0,20}}\Z"),
        regions=tuple(
            s.phones.region for s in rules.sections.values() if s.phones and s.phones.region
        ),
        titled_name=regex.compile(rf"(?<![\p{{L}}\p{{M}}.])(?:{titles})(?P<name>{full_name})"),
        cued_name=regex.compile(
            rf"{cues}(?![\p{{L}}\p{{M}}])(?:[ \t]*[,:]|[ \t]*(?i:{connectors})(?![\p{{L}}]))?"
            rf"[ \t]+(?P<name>{full_name}|{caps_name}(?![\p{{L}}\p{{M}}]))"
        ),
        greeted_name=regex.compile(
            rf"{_alternation(rules.words('greetings'))}(?:[ \t]*,)?[ \t]+(?P<name>{full_name})"
        ),
        suffixed_name=regex.compile(
            rf"(?<![\p{{Han}}\p{{Katakana}}ー])(?P<name>[\p{{Han}}\p{{Katakana}}ー]{{1,8}})(?:{'|'.join(cjk)})"
            rf"|(?<![\p{{L}}\p{{M}}])(?P<name>{NAME_WORD})(?:{'|'.join(latin)})(?![\p{{L}}])"
        ),
        given_name=regex.compile(
            rf"(?P<name>{_alternation(rules.words('given_names'))}{rest}{{1,3}})(?![\p{{L}}\p{{M}}])"
        ),
        staff_before=regex.compile(rf"{staff}(?![\p{{L}}])[\s,:(–-]{{0,8}}\Z"),
        staff_after=regex.compile(rf"[\s,(–-]{{0,8}}{staff}(?![\p{{L}}])"),
        cue_before_placeholder=regex.compile(
            rf"({cues})(?:,[ \t]*\[BUYER_NAME_\d+\],?|[ \t]+\[BUYER_NAME_\d+\])"
        ),
        particles=frozenset(rules.words("name_particles")),
        word_names=frozenset(w.casefold() for w in rules.words("word_names")),
        not_names=stop,
        brands=frozenset(" ".join(b.split()).casefold() for b in rules.words("brand_names")),
    )
