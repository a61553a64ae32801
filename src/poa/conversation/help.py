"""Answers to the seller's questions about the appeal: from the playbook and the policy excerpts.

A question is answered and the conversation goes on where it was; it is never saved as a fact.
"""

from __future__ import annotations

import re
from typing import Any

from poa.kb.documents import PlaybookMeta

ABOUT_CAUSE = re.compile(r"\broot cause\b|\bcause\b|\bwhy\b", re.IGNORECASE)
ABOUT_PREVENTION = re.compile(r"\bprevent|\bmeasures?\b|\bfuture\b|\bsteps\b", re.IGNORECASE)
ABOUT_DOCUMENTS = re.compile(r"\bdocuments?\b|\bevidence\b|\battach|\binvoices?\b", re.IGNORECASE)
MAX_EXCERPT = 320


def _excerpts(store: Any, question: str, violation_type: str) -> list[str]:
    if store is None or not store.count():
        return []
    hits = store.search(
        question,
        k=2,
        violation_type=violation_type if violation_type != "other" else None,
        kind="policy",
    )
    lines = []
    for hit in hits:
        body = " ".join(hit.text.split("\n", 1)[-1].split())
        lines.append(f"- {hit.title}: {body[:MAX_EXCERPT]}… ({hit.source})")
    return lines


def answer_question(
    question: str,
    *,
    playbook: PlaybookMeta | None,
    options: list[dict[str, Any]],
    store: Any,
    violation_type: str,
) -> str:
    """A short answer in our words, with the playbook's suggestions or the policy's own text."""
    if ABOUT_CAUSE.search(question):
        lines = [
            "The root cause is one explanation, in your words, of how this could happen: the check, rule,"
            " tool or piece of knowledge that was missing, and how that let it happen. Not what happened"
            ' ("we sent a rude message"), not blame, and only what is true of your business.'
        ]
        if options:
            lines.append("Causes that often fit cases like yours (only if one is true for you):")
            lines += [f"{i}. {o['title']}" for i, o in enumerate(options[:3], 1)]
        return "\n".join(lines)
    if ABOUT_PREVENTION.search(question):
        return (
            "Each preventive step must answer your root cause directly: who does what, how often, and"
            " from which date. Only steps you really have in place (or will have) go in the letter."
        )
    if ABOUT_DOCUMENTS.search(question) and playbook:
        listed = "\n".join(f"- {e}" for e in playbook.evidence[:5])
        return f"Documents that usually support this kind of appeal, if you have them:\n{listed}"
    excerpts = _excerpts(store, question, violation_type)
    if excerpts:
        return "Here is what Amazon's policy says on that (in short):\n" + "\n".join(excerpts)
    return (
        "I can't answer that from the policies I have. I only write what you tell me into the letter,"
        " so if in doubt, leave it out."
    )
