"""How an action moved since last quarter, and how often its target date moved: the rules, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from cspxl.master.trends import movement, target_changes
from cspxl.register import Answer


@pytest.mark.parametrize(("before", "now", "new", "expected"), [
    ("Off track", "At risk", False, "Improved"),
    ("At risk", "Off track", False, "Worse"),
    ("At risk", "Not started", False, "Improved"),
    ("Not started", "On track", False, "Improved"),
    ("On track", "Not started", False, "Worse"),
    ("On track", "Completed", False, "Improved"),
    ("Completed", "On track", False, "Worse"),  # reopened
    ("On track", "On track", False, "Same"),
    ("Completed", "Completed", False, "Same"),
    ("", "On track", False, ""),  # nothing last quarter to compare with
    ("On track", "", False, ""),  # nothing this quarter
    ("", "", True, "New"),
    ("On track", "At risk", True, "New"),  # not in last quarter's plan, whatever it says
])
def test_movement_climbs_from_off_track_to_completed(before: str, now: str, new: bool, expected: str) -> None:
    assert movement(before, now, new) == expected


def answer(revised: str | None, accepted: bool = True) -> Answer:
    return Answer(action_id="A1", row=4, status="On track", progress="x", needs_correction=not accepted,
                  revised_target=date.fromisoformat(revised) if revised else None)


@pytest.mark.parametrize(("quarters", "changes"), [
    ([], 0),
    ([None, None, None], 0),
    (["2023-12-31"], 0),  # the plan's own date typed again is no change
    (["2024-01-31"], 1),
    (["2024-01-31", "2024-01-31", None], 1),  # kept, then not given: still one
    (["2024-01-31", None, "2024-02-29"], 2),
    (["2024-01-31", "2023-12-31"], 2),  # moved, then moved back to the plan's
    ([("2024-01-31", False)], 0),  # in a row that needs correcting: not accepted
])
def test_a_target_date_change_counts_each_move_of_the_revised_date_this_year(
        quarters: list[str | tuple[str, bool] | None], changes: int) -> None:
    answers = [None if q is None else answer(*q) if isinstance(q, tuple) else answer(q) for q in quarters]
    assert target_changes(date(2023, 12, 31), answers) == changes
