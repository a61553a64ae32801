"""LLM second opinions on a scorecard: a judge per criterion, and translation of non-English
appeals before scoring. Both are optional and never replace the deterministic rubric."""

from __future__ import annotations

from typing import Any

from poa.core.config import Settings
from poa.core.models import StrictModel
from poa.core.vocab import Criterion
from poa.llm.client import LLMError, make_chat_model, structured_call, text_call
from poa.llm.prompt_files import load_prompt
from poa.llm.request import build_request

# The rubric in words, for the judge (DESIGN.md's table).
CRITERIA_TEXT = """- single_root_cause: exactly one root cause is stated per notice topic; lists of causes fail.
- root_cause_specific: the cause says why it happened (a gap in a process, knowledge, tool or control), not a restatement of the violation or a vague "lack of training".
- prevention_matches_root_cause: every preventive measure addresses the stated root cause; unrelated filler fails.
- issue_defined: what happened, when, which order or ASIN where known, which policy.
- verifiable_details: dates, IDs, roles, counts, documents; actions already taken are past tense with dates.
- notice_coverage: every item the notice asks for is answered (true when it asks for nothing specific).
- professional_tone: no pleading, no business promotion, no blaming buyers or Amazon, no capital-letter shouting, no references to open cases.
- no_fabrication: every order ID, ASIN, date and number in the appeal appears in the notice or the seller's facts.
- no_placeholders: no [company name], XXX or TBD left.
- length: reasonable length (under the character limit)."""


class JudgeCriterion(StrictModel):
    name: Criterion
    passed: bool
    reason: str


class JudgeVerdict(StrictModel):
    criteria: list[JudgeCriterion]


def judge_appeal(
    appeal: str, settings: Settings, *, notice: str = "", story: str = "", chat_model: Any = None
) -> dict[str, dict[str, Any]]:
    """The LLM's verdict per criterion: {name: {"passed", "reason"}} (buyer data redacted first)."""
    system = load_prompt(settings.prompts_dir, "judge_system.md").render(criteria=CRITERIA_TEXT)
    user = load_prompt(settings.prompts_dir, "judge_user.md").render(
        notice=notice or "(none given)", story=story or "(none given)", appeal=appeal
    )
    request = build_request(system, user)
    verdict = structured_call(
        chat_model or make_chat_model(settings), request, JudgeVerdict, settings
    )
    return {
        item.name: {"passed": item.passed, "reason": request.restore(item.reason)}
        for item in verdict.criteria
    }


def translate_to_english(appeal: str, settings: Settings, chat_model: Any = None) -> str:
    """The appeal in English, for scoring; personal data is redacted before it is sent."""
    prompt = load_prompt(settings.prompts_dir, "translate.md").render(appeal=appeal)
    request = build_request("You translate Amazon seller appeals into English.", prompt)
    text = text_call(chat_model or make_chat_model(settings), request, settings)
    if not text:
        raise LLMError("The AI service returned an empty translation.")
    return text
