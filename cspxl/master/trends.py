"""How each action moved since last quarter, and how often its target date has moved this year.

A committee reads the change before the state: what got worse since the last meeting, what is new,
and which deadlines keep slipping.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from ..register import Answer
from ..status import rank

Movement = Literal["Improved", "Worse", "Same", "New", ""]


def movement(before: str, now: str, new: bool) -> Movement:
    """``New`` for an action not in last quarter's plan; blank when either quarter has no status."""
    if new:
        return "New"
    if not before or not now:
        return ""
    step = rank(now) - rank(before)  # a move up the statuses' ranks is an improvement
    return "Improved" if step > 0 else "Worse" if step < 0 else "Same"


def target_changes(target: date, answers: Iterable[Answer | None]) -> int:
    """How many times the lead's revised target date changed over the year's quarters so far (in order),
    from the plan's target date; a quarter that gives none leaves it where it was."""
    changes, current = 0, target
    for answer in answers:
        revised = answer.revised_target if answer and answer.accepted else None
        if revised is not None and revised != current:
            changes, current = changes + 1, revised
    return changes
