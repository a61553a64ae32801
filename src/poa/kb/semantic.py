"""Is this sentence about that one? Local embeddings with lexical support.

Shared by the guards (is each preventive measure tied to the root cause?), the offline drafter
(which playbook cause fits the story?) and the rubric, so all three judge relatedness alike.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from poa.kb.embeddings import embed

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "our",
        "us",
        "you",
        "your",
        "they",
        "their",
        "them",
        "he",
        "she",
        "his",
        "her",
        "i",
        "my",
        "me",
        "not",
        "no",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "all",
        "any",
        "each",
        "every",
        "other",
        "some",
        "such",
        "than",
        "then",
        "there",
        "here",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "why",
        "how",
        "also",
        "only",
        "more",
        "most",
        "very",
        "into",
        "onto",
        "about",
        "after",
        "before",
        "over",
        "under",
        "again",
        "further",
        "once",
        "so",
        "too",
        "just",
        "own",
        "same",
        "both",
        "few",
        "nor",
        "per",
        "via",
        "out",
        "up",
        "down",
        "off",
        "new",
        "now",
    ]
)


def content_words(text: str) -> set[str]:
    """Lower-case words that carry meaning, crudely stemmed (plural and -ing/-ed endings)."""
    result = set()
    for word in re.findall(r"[a-z][a-z'-]+", text.lower()):
        word = re.sub(r"'s?$", "", word)  # "supplier's" is "supplier"
        if word in STOPWORDS or len(word) < 3:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        result.add(word)
    return result


@cache
def generic_stems() -> frozenset[str]:
    """The generic words of appeal letters, as written and as content_words() stems them
    ("process" is "proces")."""
    from poa.kb.rules import generic_words

    words = generic_words()
    return frozenset(words | content_words(" ".join(words)))


def lexical_overlap(a: str, b: str) -> float:
    """Share of a's content words that also occur in b (0–1)."""
    words_a = content_words(a)
    return len(words_a & content_words(b)) / len(words_a) if words_a else 0.0


def similarity_matrix(rows: list[str], columns: list[str]) -> np.ndarray:
    """Cosine similarity of every row text to every column text."""
    if not rows or not columns:
        return np.zeros((len(rows), len(columns)))
    vectors = embed(rows + columns)
    return vectors[: len(rows)] @ vectors[len(rows) :].T


def relatedness(rows: list[str], target: str) -> list[float]:
    """How strongly each row relates to the target: embedding similarity, lifted by shared words."""
    sims = similarity_matrix(rows, [target])[:, 0] if rows else []
    return [
        float(sim) + 0.25 * lexical_overlap(row, target)
        for row, sim in zip(rows, sims, strict=True)
    ]
