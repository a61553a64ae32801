"""A second reading of a notice by the LLM, merged into the rule-based reading.

Facts (order IDs, ASINs, dates, deadline) always stay the parser's.
"""

from __future__ import annotations

from typing import Any

from poa.core.config import Settings
from poa.core.models import Notice, NoticeReading
from poa.core.vocab import VIOLATION_TYPES
from poa.kb.semantic import lexical_overlap
from poa.llm.client import make_chat_model, structured_call
from poa.llm.prompt_files import load_prompt
from poa.llm.request import build_request
from poa.text.plain import map_strings


def refine_notice(notice: Notice, settings: Settings, chat_model: Any = None) -> Notice:
    """The rule-based reading of a notice, completed by the LLM's (one call).

    Facts (order IDs, ASINs, dates, deadline) stay the parser's; the LLM may settle the type
    when the rules were unsure, and add requests and topics the rules missed.
    """
    system = load_prompt(settings.prompts_dir, "notice_system.md").render(
        violation_types=", ".join(VIOLATION_TYPES)
    )
    user = load_prompt(settings.prompts_dir, "notice_user.md").render(notice=notice.text)
    request = build_request(system, user)
    reading = structured_call(
        chat_model or make_chat_model(settings), request, NoticeReading, settings
    )
    # the model saw placeholders: its requests and topics get the notice's own words back
    reading = NoticeReading.model_validate(map_strings(reading.model_dump(), request.restore))
    updates: dict[str, Any] = {}
    if notice.confidence < 0.5 and reading.violation_type != "other":
        updates |= {
            "violation_type": reading.violation_type,
            "confidence": max(notice.confidence, 0.6),
        }
    if not notice.notice_kind and reading.notice_kind:
        updates["notice_kind"] = reading.notice_kind
    if not notice.topics and len(reading.topics) >= 2:
        updates["topics"] = reading.topics

    def is_new(item: Any) -> bool:
        same_kind = [
            k for k in notice.required_items if k.kind == item.kind and k.topic == item.topic
        ]
        if item.kind in ("root_cause", "actions", "prevention"):
            return not same_kind
        return all(
            max(lexical_overlap(item.text, k.text), lexical_overlap(k.text, item.text)) < 0.6
            for k in same_kind
        )

    added = [item for item in reading.required_items if is_new(item)]
    if added:
        updates["required_items"] = [*notice.required_items, *added]
    return notice.model_copy(update=updates)
