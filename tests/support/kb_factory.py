"""A tiny knowledge folder for tests that write to an index."""

from pathlib import Path

SOURCE = "https://sellercentral.amazon.com/help/hub/reference/external/G201623610"


def example(outcome: str, violation_type: str, body: str, fails: str = "") -> str:
    fails_line = f"  fails: [{fails}]\n" if fails else ""
    return (
        f"---\ntitle: {outcome} example for {violation_type}\nviolation_type: {violation_type}\n"
        f"source: {SOURCE}\nannotation:\n  outcome: {outcome}\n"
        f"  why: the annotation explains the outcome in rubric terms\n{fails_line}---\n{body}\n"
    )


def make_knowledge(root: Path) -> Path:
    files = {
        "policies/review_manipulation.md": (
            f"---\ntitle: Reviews policy\nviolation_type: review_manipulation\nsource: {SOURCE}\n---\n"
            "Sellers may not offer refunds, gifts or free products in exchange for a review."
        ),
        "policies/inappropriate_communication.md": (
            f"---\ntitle: Messaging policy\nviolation_type: inappropriate_communication\nsource: {SOURCE}\n---\n"
            "Messages to buyers must be needed to complete the order and must stay polite."
        ),
        "notices/review_manipulation-warning.md": (
            f"---\ntitle: Review warning\nviolation_type: review_manipulation\nsource: {SOURCE}\n"
            "notice_kind: warning\n---\nWe found an insert card that offered a gift card for a five-star review."
        ),
        "examples/accepted/review_manipulation-1.md": example(
            "accepted",
            "review_manipulation",
            "Root cause: nobody checked the insert card before printing.",
        ),
        "examples/rejected/review_manipulation-1.md": example(
            "rejected",
            "review_manipulation",
            "Root cause 1: staff. Root cause 2: supplier.",
            "single_root_cause",
        ),
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root
