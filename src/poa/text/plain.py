"""Plain-text helpers shared by the parser, the extractor and the rubric."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

BULLET = re.compile(
    r"^\s*(?:(?:--|[-*•·–]|\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|\([ivx]+\))\s+"
    r"|[・●▪◦①-⑳]\s*|[（(]\d{1,2}[）)]\s*|\d{1,2}[、．]\s*)"  # Japanese and Chinese lists
)
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[¿¡]?[A-Z0-9À-ÖØ-Þ])|(?<=[。！？])\s*(?=\S)"
)
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
    """Non-empty cleaned lines, with hard-wrapped text joined back: a bullet's indented
    continuation, and a long line without final punctuation followed by more of the sentence."""
    result: list[str] = []
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            result.append("")
            continue
        previous = result[-1] if result else ""
        wrapped_bullet = raw.startswith(("  ", "\t")) and is_bullet(previous)
        wrapped_prose = (
            not is_bullet(raw)
            and not previous.endswith((".", "!", "?", ":", ";"))
            and (len(previous) >= 60 or line[:1].islower() or line[:1].isdigit())
        )
        if previous and not is_bullet(raw) and (wrapped_bullet or wrapped_prose):
            result[-1] = f"{previous} {line}"
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


def quote(text: str, limit: int = 90) -> str:
    """Text in curly quotes on one line, cut to `limit` characters."""
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=^&])")


def markdown_literal(text: str) -> str:
    """Text for a place that only takes Markdown (a widget label, an alert): every character
    that could start markup (links, images, emphasis, colour or icon directives, maths, HTML
    entities) is backslash-escaped, so the text shows exactly as written."""
    return _MARKUP.sub(r"\\\1", text)
