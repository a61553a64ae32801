"""Plain-text helpers shared by the parser, the extractor and the rubric."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

BULLET = re.compile(r"^\s*(?:--|[-*•·–]|\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|\([ivx]+\))\s+")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "No.",
    "approx.",
    "vs.",
    "Inc.",
    "Ltd.",
    "Co.",
)


def clean_line(line: str) -> str:
    """A line without Markdown emphasis, heading marks or surrounding space."""
    return _EMPHASIS.sub("", line).lstrip("#").strip()


def is_bullet(line: str) -> bool:
    return bool(BULLET.match(line))


def strip_bullet(line: str) -> str:
    return BULLET.sub("", line, count=1).strip()


def lines_of(text: str) -> list[str]:
    """Non-empty cleaned lines; a bullet's wrapped continuation lines are joined to it."""
    result: list[str] = []
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            result.append("")
            continue
        continues = (
            result
            and result[-1]
            and raw.startswith(("  ", "\t"))
            and not is_bullet(raw)
            and is_bullet(result[-1])
        )
        if continues:
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
    return [line for line in result if line]


def split_sentences(text: str) -> list[str]:
    """Sentences, treating each line break and bullet as a boundary too."""
    sentences: list[str] = []
    for line in lines_of(text):
        protected = line
        for abbreviation in _ABBREVIATIONS:
            protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
        for piece in _SENTENCE_END.split(protected):
            piece = piece.replace("\0", ".").strip()
            if piece:
                sentences.append(piece)
    return sentences


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def map_strings(value: Any, function: Callable[[str], str]) -> Any:
    """Apply `function` to every string inside nested lists and dicts (model dumps)."""
    if isinstance(value, str):
        return function(value)
    if isinstance(value, list):
        return [map_strings(item, function) for item in value]
    if isinstance(value, dict):
        return {key: map_strings(item, function) for key, item in value.items()}
    return value
