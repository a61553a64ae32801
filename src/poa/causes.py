"""Signs that a text offers several root causes instead of one."""

from __future__ import annotations

import re

MULTIPLE_CAUSES = re.compile(
    r"\broot causes\b|\banother (?:root )?cause\b"
    r"|\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|secondary|additional|other|next|final|last|main) "
    r"(?:root )?cause\b(?! of (?:the|this) (?:incident|violation|issue))"
    r"|\broot cause\s*(?:#|no\.?\s*|number\s*)?[1-9]\b|\bcause\s*(?:#|no\.?\s*)[1-9]\b"
    r"|\ba combination of (?:several )?(?:factors|causes|reasons|issues|things)\b"
    r"|\b(?:several|multiple|many|various|a number of|two|three|four|five|different) (?:main |key |root )?"
    r"(?:causes|reasons|factors)\b"
    r"|\bcontributing factors\b|\bthe (?:main |other )?reasons (?:were|are|for (?:this|the))\b"
    r"|\bfirstly\b.*\bsecondly\b|\balso (?:caused|contributed)\b|\banother (?:reason|factor)\b",
    re.IGNORECASE | re.DOTALL,
)


def multiple_cause_markers(text: str) -> list[str]:
    """The phrases that announce more than one cause (empty when the text keeps to one)."""
    return [match.group(0) for match in MULTIPLE_CAUSES.finditer(text)]
