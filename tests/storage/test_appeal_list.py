"""The list of appeals: every one of them, told apart, found by any word of its label."""

from poa.storage.appeals import appeal_label, appeal_title, find_appeals, save_version
from poa.storage.history import History


def _history(tmp_path, count: int) -> History:
    history = History(tmp_path / "poa.sqlite3")
    for n in range(count):
        title = appeal_title(
            "late_shipment" if n % 2 else "review_manipulation", [], [f"B0C{n:07d}"]
        )
        save_version(
            history, None, f"Letter {n}", title=title, trigger_kind="notice", source="offline"
        )
    return history


def test_every_appeal_is_listed_and_found_by_its_words(tmp_path):
    history = _history(tmp_path, 53)
    every = history.appeals()
    assert len(every) == 53 and len(find_appeals(every, "")) == 53  # not only the last 30
    labels = [appeal_label(r) for r in every]
    assert len(set(labels)) == 53  # each tells itself apart (type, ASIN, day, versions)
    assert all(" · v1" in label and label.count(" · ") == 2 for label in labels)
    found = find_appeals(every, "REVIEW b0c0000004")
    assert [r.title for r in found] == ["review manipulation: B0C0000004"]
    assert find_appeals(every, "late shipment nothing-like-this") == []
    day = every[0].created[:10]
    assert len(find_appeals(every, day)) == 53
