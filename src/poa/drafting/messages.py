"""Assemble the drafting prompt within the token budget.

The notice, its checklist and the seller's facts always go in; the whole request is redacted of
buyer personal data by `poa.llm.request.build_request`, the only way to make one.
Retrieved context (policy excerpts, accepted examples, a rejected example) fills the rest of
`POA_CONTEXT_TOKENS`; when it does not fit, the lowest-ranked piece is dropped first.
"""

from __future__ import annotations

from dataclasses import dataclass

from poa.core.config import Settings
from poa.core.models import Case, Fact, Notice
from poa.core.vocab import POLICY_NAMES
from poa.kb.retrieval import Example, RetrievedContext
from poa.kb.store import SearchResult
from poa.llm.client import PromptPlan
from poa.llm.prompt_files import load_prompt
from poa.llm.request import build_request
from poa.text.tokens import count_tokens, truncate_tokens

MESSAGE_OVERHEAD = 8  # tokens per chat message for role and separators
NONE = "(none)"


@dataclass
class ContextPiece:
    """One retrieved item that may or may not fit in the prompt."""

    kind: str  # policy | accepted | rejected
    score: float
    text: str
    label: str

    @property
    def tokens(self) -> int:
        return count_tokens(self.text)


def _policy_piece(hit: SearchResult) -> ContextPiece:
    excerpt = hit.text.split("\n", 1)[-1].strip()
    return ContextPiece(
        "policy", hit.score, f"- ({hit.source}) {excerpt}", f"{hit.path}: {excerpt[:40]}…"
    )


def _example_piece(example: Example) -> ContextPiece:
    verdict = "Why it was accepted" if example.outcome == "accepted" else "Why it was rejected"
    failed = f" (fails: {', '.join(example.fails)})" if example.fails else ""
    text = f"### {example.title}\n{verdict}{failed}: {example.why}\n\n{example.text.strip()}"
    return ContextPiece(example.outcome, example.score, text, example.path)


def context_pieces(context: RetrievedContext | None) -> list[ContextPiece]:
    if context is None:
        return []
    pieces = [_policy_piece(hit) for hit in context.policies]
    pieces += [_example_piece(example) for example in [*context.accepted, *context.rejected]]
    return pieces


def _required_items(notice: Notice) -> str:
    if not notice.required_items:
        return "The notice lists nothing specific: answer root cause, actions taken and prevention."
    lines = []
    for item in notice.required_items:
        topic = f" [topic: {item.topic}]" if item.topic else ""
        lines.append(f"- ({item.kind}){topic} {item.text}")
    if notice.topics:
        lines.append(
            f"Topics to answer separately, one root cause each: {'; '.join(notice.topics)}"
        )
    return "\n".join(lines)


def fact_list(case: Case, extra: list[Fact]) -> str:
    """The facts as a list with ids: the model cites them and may say nothing else."""
    lines = []
    for fact in [*case.facts, *extra]:
        if fact.kind == "negation":
            lines.append(f"- [{fact.id}] DENIED: {fact.text}")
            continue
        date = f", {fact.date}" if fact.date else ""
        lines.append(f"- [{fact.id}] ({fact.kind}{date}) {fact.text}")
    return "\n".join(lines) or "(the seller has told us nothing yet)"


def build_messages(
    notice: Notice,
    case: Case,
    violation_type: str,
    context: RetrievedContext | None,
    settings: Settings,
    *,
    language: str = "English",
    root_cause: str | None = None,
    accepted: list[Fact] | None = None,
    retry_reasons: list[str] | None = None,
) -> PromptPlan:
    """System and user messages that fit `settings.context_tokens`, and what was kept or dropped."""
    budget = settings.context_tokens
    system = load_prompt(settings.prompts_dir, "draft_system.md").render(
        language=language, char_limit=settings.char_limit
    )
    user_prompt = load_prompt(settings.prompts_dir, "draft_user.md")
    notice_text, case_text = notice.text, fact_list(case, accepted or [])
    instruction = (
        f"The seller confirmed this root cause; state it precisely: {root_cause}"
        if root_cause
        else "Choose the one root cause the seller's facts support."
    )
    fixed = {
        "violation_type": violation_type,
        "policy_name": POLICY_NAMES.get(violation_type, POLICY_NAMES["other"]),
        "required_items": _required_items(notice),
        "root_cause_instruction": instruction,
        "retry_note": (
            "\n## Your previous answer could not be used\n"
            + "\n".join(f"- {reason}" for reason in retry_reasons)
            + "\nWrite it again from the facts only."
            if retry_reasons
            else ""
        ),
    }
    pieces = sorted(context_pieces(context), key=lambda piece: piece.score, reverse=True)
    dropped: list[str] = []
    truncated: list[str] = []

    def render(kept: list[ContextPiece], notice_part: str, case_part: str) -> tuple[str, int]:
        def section(kind: str) -> str:
            texts = [piece.text for piece in kept if piece.kind == kind]
            return "\n\n".join(texts) or NONE

        user = user_prompt.render(
            **fixed,
            notice=notice_part,
            case_facts=case_part,
            policy_excerpts=section("policy"),
            accepted_examples=section("accepted"),
            rejected_example=section("rejected"),
        )
        return user, count_tokens(system) + count_tokens(user) + 2 * MESSAGE_OVERHEAD

    kept = list(pieces)
    user, tokens = render(kept, notice_text, case_text)
    while tokens > budget and kept:
        dropped.append(kept.pop().label)  # lowest ranked first
        user, tokens = render(kept, notice_text, case_text)
    if tokens > budget:
        # Even the seller's own material is too long: shorten the longer of notice and story.
        excess = tokens - budget + 50
        if count_tokens(case_text) >= count_tokens(notice_text):
            case_text = (
                truncate_tokens(case_text, max(200, count_tokens(case_text) - excess)) + " […]"
            )
            truncated.append("story")
        else:
            notice_text = (
                truncate_tokens(notice_text, max(200, count_tokens(notice_text) - excess)) + " […]"
            )
            truncated.append("notice")
        user, tokens = render(kept, notice_text, case_text)
    request = build_request(system, user)  # what is sent is counted: placeholders included
    sent = count_tokens(request.system) + count_tokens(request.user) + 2 * MESSAGE_OVERHEAD
    return PromptPlan(
        request,
        sent,
        kept=[piece.label for piece in kept],
        dropped=dropped,
        truncated=truncated,
    )
