"""The rules that judge a measure's figure: RAG against its target, trend against the same quarter last year.

Both take which way is better from the plan (``Lower``, ``Higher`` or ``Monitor``) and a tolerance,
in percent: of the target for RAG, of last year's figure for the trend.  A figure exactly at a
boundary is on the kinder side of it (at the target is Green; a miss of exactly the tolerance is
Amber; a change of exactly the tolerance is Steady).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from ..plan import Measure
from ..status import CellColour

T = TypeVar("T")

Rag = Literal["Green", "Amber", "Red", "Grey"]
Trend = Literal["Improving", "Worsening", "Steady", ""]
RAGS: tuple[Rag, ...] = ("Green", "Amber", "Red", "Grey")
TRENDS: tuple[Trend, ...] = ("Improving", "Worsening", "Steady")
#: The cell colour each RAG and trend word is shown in (Steady plain).
COLOURS: dict[str, CellColour] = {"Green": "green", "Amber": "amber", "Red": "red", "Grey": "grey",
                                  "Improving": "green", "Worsening": "red"}


def measure_colours(colour: Callable[[CellColour], T]) -> dict[str, T]:
    """RAG or trend word -> its cell colour's format, ``colour`` giving the spreadsheet layer's format for a
    colour name."""
    return {word: colour(name) for word, name in COLOURS.items()}


#: Figures are typed to a few decimal places: compared at this many, so 48 x 1.05 is 50.4 exactly.
_PLACES = 9


def rag(measure: Measure, value: float | None, target: float | None = None) -> Rag:
    """Green when ``value`` meets the target (at or below it for Lower, at or above it for Higher),
    Amber when it misses by no more than the tolerance (as a share of the target), Red beyond, and
    Grey for a measure only monitored, or with no figure.  ``target`` replaces the plan's (a year's
    target pro rata to the quarters elapsed)."""
    target = measure.target if target is None else target
    if value is None or target is None or measure.better == "Monitor":
        return "Grey"
    miss = round(value - target if measure.better == "Lower" else target - value, _PLACES)
    if miss <= 0:
        return "Green"
    return "Amber" if miss <= round(abs(target) * measure.tolerance / 100, _PLACES) else "Red"


def trend(measure: Measure, value: float | None, last_year: float | None) -> Trend:
    """``Improving`` or ``Worsening`` against the same quarter last year, judged by which way is better;
    ``Steady`` when the figure moved by no more than the tolerance (as a share of last year's); blank
    without both figures, or for a measure only monitored (no way is better)."""
    if value is None or last_year is None or measure.better == "Monitor":
        return ""
    moved = round(value - last_year, _PLACES)
    if abs(moved) <= round(abs(last_year) * measure.tolerance / 100, _PLACES):
        return "Steady"
    better = moved < 0 if measure.better == "Lower" else moved > 0
    return "Improving" if better else "Worsening"


def change(value: float | None, last_year: float | None) -> float | None:
    """The change since the same quarter last year as a share of last year's figure (0.25 for a rise of
    a quarter); ``None`` without both figures, or when last year's was 0."""
    if value is None or last_year is None or last_year == 0:
        return None
    return (value - last_year) / abs(last_year)
