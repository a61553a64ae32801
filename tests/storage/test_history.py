import pytest

from poa.core.errors import UserError
from poa.storage.history import History


def test_versions_and_messages_persist_across_instances(tmp_path):
    path = tmp_path / "poa.sqlite3"
    history = History(path)
    appeal = history.create_appeal("Review manipulation", "review_manipulation", {"stage": "draft"})
    history.add_version(
        appeal,
        "v1 letter",
        trigger_kind="notice",
        trigger_text="the notice",
        source="offline",
        scorecard={"gates_passed": False},
    )
    history.add_version(
        appeal,
        "v2 letter",
        trigger_kind="rejection",
        trigger_text="the rejection",
        source="revision-offline",
    )
    history.add_message(appeal, "user", "hello")
    history.save_state(appeal, {"stage": "revised"})
    del history

    reopened = History(path)  # as after a restart
    assert [v.number for v in reopened.versions(appeal)] == [1, 2]
    assert reopened.version(appeal).letter == "v2 letter"
    assert reopened.version(appeal, 1).trigger_text == "the notice"
    assert reopened.version(appeal, 1).scorecard == {"gates_passed": False}
    assert reopened.messages(appeal) == [{"role": "user", "content": "hello"}]
    assert reopened.state(appeal) == {"stage": "revised"}
    assert reopened.appeals()[0].versions == 2


def test_unknown_ids_are_clear_errors(tmp_path):
    history = History(tmp_path / "h.sqlite3")
    with pytest.raises(UserError, match="no appeal 7"):
        history.add_version(7, "x", trigger_kind="notice", source="offline")
    appeal = history.create_appeal("t")
    with pytest.raises(UserError, match="no versions yet"):
        history.version(appeal)
    history.add_version(appeal, "x", trigger_kind="notice", source="offline")
    with pytest.raises(UserError, match="no version 5"):
        history.version(appeal, 5)


def test_versions_written_from_several_threads_get_distinct_numbers(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    history = History(tmp_path / "h.sqlite3")
    appeal = history.create_appeal("t")
    with ThreadPoolExecutor(4) as pool:
        list(
            pool.map(
                lambda n: history.add_version(
                    appeal, f"v{n}", trigger_kind="edit", source="seller"
                ),
                range(8),
            )
        )
    assert [v.number for v in history.versions(appeal)] == list(range(1, 9))


def test_deleting_an_appeal_removes_its_versions(tmp_path):
    history = History(tmp_path / "h.sqlite3")
    appeal = history.create_appeal("t")
    history.add_version(appeal, "one", trigger_kind="notice", source="offline")
    history.delete_appeal(appeal)
    assert history.appeals() == []
