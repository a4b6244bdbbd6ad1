"""One definition of an action's status: its order, meaning, colours and rank, used everywhere."""

from __future__ import annotations

import pytest

from cspxl.master.dashboard import _COLOURS as DASHBOARD_COLOURS
from cspxl.master.dashboard import COLUMNS
from cspxl.master.trends import movement
from cspxl.report.chart import label_colour
from cspxl.returns.layout import HEADER_OF
from cspxl.status import (
    CHART_COLOURS,
    MEANINGS,
    NEED_UPDATE,
    NO_UPDATE,
    NOT_ON_SCHEDULE,
    ON_SCHEDULE,
    PAPER_ORDER,
    STATUSES,
    Status,
    status_colours,
)


def test_the_dropdown_lists_the_statuses_in_their_order() -> None:
    assert [s.value for s in STATUSES] == ["Not started", "On track", "At risk", "Off track", "Completed"]
    assert HEADER_OF["status"] == "Status"


def test_the_papers_count_best_first_then_no_update() -> None:
    assert PAPER_ORDER == ("Completed", "On track", "Not started", "At risk", "Off track", NO_UPDATE)
    assert ON_SCHEDULE == (Status.COMPLETED, Status.ON_TRACK)
    assert NEED_UPDATE == (Status.AT_RISK, Status.OFF_TRACK)
    assert NOT_ON_SCHEDULE == (Status.NOT_STARTED, Status.AT_RISK, Status.OFF_TRACK)


def test_the_dashboard_and_the_papers_chart_share_one_colour_a_status() -> None:
    assert dict(zip(COLUMNS, DASHBOARD_COLOURS, strict=True)) == CHART_COLOURS
    assert CHART_COLOURS[Status.ON_TRACK] == "#70AD47"


@pytest.mark.parametrize("word", PAPER_ORDER)
def test_a_bars_count_stands_out_from_its_colour(word: str) -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    bar, text = sorted((luminance(CHART_COLOURS[word]), luminance(label_colour(CHART_COLOURS[word]))))
    assert (text + 0.05) / (bar + 0.05) >= 4.5  # WCAG AA for the bar's figure


def test_cells_are_coloured_red_amber_green_with_completed_blue_and_not_started_plain() -> None:
    assert status_colours(str) == {"On track": "green", "At risk": "amber", "Off track": "red", "Completed": "blue"}
    assert MEANINGS[Status.NOT_STARTED].rag is None


@pytest.mark.parametrize(("before", "now", "moved"), [
    ("Off track", "At risk", "Improved"),
    ("At risk", "Not started", "Improved"),
    ("Not started", "On track", "Improved"),
    ("On track", "Completed", "Improved"),
    ("Completed", "On track", "Worse"),
    ("On track", "At risk", "Worse"),
    ("At risk", "At risk", "Same"),
    ("", "At risk", ""),
])
def test_movement_follows_the_statuses_ranks(before: str, now: str, moved: str) -> None:
    assert movement(before, now, new=False) == moved
