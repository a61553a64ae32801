"""The appeal cut into the boxes of Amazon's form: the same facts as the letter, counted per box."""

import pytest
from support.scenarios import DEV

from poa.core.config import Settings
from poa.drafting.boxes import BOX_TITLES, render_boxes
from poa.drafting.pipeline import draft_appeal
from poa.drafting.render import action_line, measure_line


@pytest.fixture(scope="module")
def drafted(indexed_settings, store):
    settings = Settings(
        POA_DATA_DIR=indexed_settings.data_dir, POA_BOX_CHAR_LIMIT=300, _env_file=None
    )
    case = DEV[0]
    return draft_appeal(
        case.notice, case.story, settings, backend="offline", answers=case.answers, store=store
    )


def test_each_box_holds_its_part_of_the_letter_and_counts_it(drafted):
    boxes = {box.key: box for box in drafted.boxes}
    assert list(boxes) == list(BOX_TITLES)
    assert drafted.appeal.root_cause in boxes["root_cause"].text
    for action in drafted.appeal.immediate_actions:
        assert action_line(action) in boxes["actions"].text
    for measure in drafted.appeal.preventive_measures:
        assert measure_line(measure) in boxes["prevention"].text
    assert drafted.appeal.incident.summary in boxes["additional"].text
    for box in boxes.values():
        assert box.chars == len(box.text) and box.limit == 300  # the setting, not a constant
        assert box.over == (box.chars > 300)
        assert box.text in drafted.letter or all(
            line.lstrip("- ") in drafted.letter
            for line in box.text.splitlines()
            if line and not line.endswith(":")  # our own labels ("Documents attached:")
        )  # nothing in a box that the letter does not say
    assert any(box.over for box in boxes.values())  # 300 is tight: the count shows it


def test_the_json_and_the_printout_carry_the_boxes(drafted):
    document = drafted.to_json()
    assert [b["key"] for b in document["boxes"]] == list(BOX_TITLES)
    assert {"title", "text", "chars", "limit", "over"} <= set(document["boxes"][0])
    printed = render_boxes(drafted.boxes)
    assert "=== Root cause ·" in printed and "(estimated limit)" in printed
    assert "OVER THE LIMIT" in printed
