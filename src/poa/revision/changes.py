"""What a revision changed: a unified diff, and one line per change with its reason."""

from __future__ import annotations

import difflib

from poa.core.models import Appeal, Scorecard
from poa.drafting.render import render_text
from poa.revision.gaps import GapAnalysis
from poa.scoring.coverage import assess_coverage
from poa.scoring.root_cause import find_root_causes
from poa.scoring.segment import segment
from poa.text.language import NAMES


def unified_diff(previous: str, revised: str) -> str:
    lines = difflib.unified_diff(
        previous.strip().splitlines(),
        revised.strip().splitlines(),
        "previous",
        "revised",
        lineterm="",
    )
    return "\n".join(lines)


def describe_changes(
    analysis: GapAnalysis, after: Scorecard, appeal: Appeal, confirm: list[str]
) -> list[str]:
    """What changed and why, one line each, from the scorecards before and after."""
    before = analysis.scorecard
    changes = []
    if analysis.language not in ("en", "unknown"):
        changes.append(
            f"Rewritten in English (the previous appeal was in {NAMES.get(analysis.language, analysis.language)})."
        )
    if before.criteria["single_root_cause"].passed is False:
        cause = appeal.root_cause if len(appeal.root_cause) < 140 else appeal.root_cause[:137] + "…"
        changes.append(
            f"One root cause instead of several: “{cause}”"
            + (" — please confirm it is the right one." if confirm else ".")
        )
    elif before.criteria["root_cause_specific"].passed is False:
        changes.append(
            "The root cause now names the mechanism: what was missing and how it let this happen."
        )
    if before.criteria["prevention_matches_root_cause"].passed is not True:
        changes.append(
            f"Preventive measures rewritten: {len(appeal.preventive_measures)} measures, each with an owner and a frequency, each answering the root cause."
        )
    if before.criteria["verifiable_details"].passed is not True:
        dated = sum(1 for a in appeal.immediate_actions if a.date)
        changes.append(
            f"Actions taken listed with dates ({dated} of {len(appeal.immediate_actions)} dated; the rest ask you for the date)."
        )
    revised = segment(render_text(appeal))
    now = {
        c.item.text: c.status
        for c in assess_coverage(revised, analysis.rejection, find_root_causes(revised))
    }
    for gap in analysis.gaps:
        if gap.status != "covered":
            if now.get(gap.item.text) == "covered":
                changes.append(f"Now answers: “{gap.item.text}”.")
            else:
                changes.append(f"Still needs your answer (asked in brackets): “{gap.item.text}”.")
    if before.criteria["professional_tone"].passed is False:
        changes.append("Pleading, promotion and blame removed; the letter states facts only.")
    if (
        before.criteria["no_placeholders"].passed is False
        and after.criteria["no_placeholders"].passed
    ):
        changes.append("Template placeholders removed.")
    if before.criteria["length"].passed is False and after.criteria["length"].passed:
        changes.append("Shortened to fit the character limit.")
    return changes
