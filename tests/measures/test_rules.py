"""Each rule that judges a measure's figure, on literal tables: RAG against the target, trend against last year."""

from __future__ import annotations

import pytest

from cspxl.measures import change, rag, trend
from cspxl.plan import Measure


def measure(better: str, target: float | None = None, tolerance: float = 5.0, unit: str = "Number") -> Measure:
    return Measure(id="M1", priority_id="P1", text="A figure", owner="sdc", unit=unit,  # type: ignore[arg-type]
                   better=better, target=target, tolerance=tolerance)  # type: ignore[arg-type]


@pytest.mark.parametrize(("better", "target", "tolerance", "value", "expected"), [
    # Lower is better, target 48, 5% tolerance: Amber up to 50.4, Red beyond.
    ("Lower", 48, 5, 40, "Green"),
    ("Lower", 48, 5, 48, "Green"),  # at the target meets it
    ("Lower", 48, 5, 48.01, "Amber"),
    ("Lower", 48, 5, 50.4, "Amber"),  # a miss of exactly the tolerance
    ("Lower", 48, 5, 50.41, "Red"),
    ("Lower", 48, 0, 48.01, "Red"),  # no tolerance: any miss is Red
    ("Lower", 14, 10, 15.4, "Amber"),  # the plan's own tolerance
    ("Lower", 14, 10, 15.5, "Red"),
    ("Lower", 0, 5, 0, "Green"),  # a target of none
    ("Lower", 0, 5, 1, "Red"),
    # Higher is better, target 65: Amber down to 61.75.
    ("Higher", 65, 5, 70, "Green"),
    ("Higher", 65, 5, 65, "Green"),
    ("Higher", 65, 5, 64.99, "Amber"),
    ("Higher", 65, 5, 61.75, "Amber"),
    ("Higher", 65, 5, 61.74, "Red"),
    ("Higher", 90, 5, 85.5, "Amber"),  # a percentage
    # Figures are compared at nine decimal places: a miss of 2.4 and 0.4 of a billionth is 2.4; 4 billionths, Red.
    ("Lower", 48, 5, 50.4000000004, "Amber"),
    ("Lower", 48, 5, 50.400000004, "Red"),
    # Grey: only monitored, or no figure.
    ("Monitor", None, 5, 300, "Grey"),
    ("Monitor", 48, 5, 300, "Grey"),  # only monitored, whatever target it may carry
    ("Lower", None, 5, 40, "Grey"),  # judged, but with no target to judge against
    ("Lower", 48, 5, None, "Grey"),
    ("Higher", 65, 5, None, "Grey"),
])
def test_rag_against_the_target(better: str, target: float | None, tolerance: float, value: float | None,
                                expected: str) -> None:
    assert rag(measure(better, target, tolerance), value) == expected


@pytest.mark.parametrize(("better", "tolerance", "last_year", "value", "expected"), [
    # Lower is better; last year 53, 5% of it is 2.65.
    ("Lower", 5, 53, 50, "Improving"),
    ("Lower", 5, 53, 50.35, "Steady"),  # down by exactly the tolerance
    ("Lower", 5, 53, 53, "Steady"),
    ("Lower", 5, 53, 55.65, "Steady"),  # up by exactly the tolerance
    ("Lower", 5, 53, 55.66, "Worsening"),
    ("Lower", 5, 53, 50.34, "Improving"),
    # Higher is better; last year 60, 5% of it is 3.
    ("Higher", 5, 60, 64, "Improving"),
    ("Higher", 5, 60, 63, "Steady"),
    ("Higher", 5, 60, 57, "Steady"),
    ("Higher", 5, 60, 56.9, "Worsening"),
    ("Higher", 10, 60, 54, "Steady"),  # the plan's own tolerance
    # A rate: last year 10 per 1,000, 5% of it is 0.5; a change under one still counts.
    ("Lower", 5, 10, 9.2, "Improving"),
    ("Lower", 5, 10, 10.8, "Worsening"),
    ("Higher", 5, 10, 9.2, "Worsening"),
    ("Higher", 5, 10, 10.8, "Improving"),
    # Last year none: any figure is a change.
    ("Lower", 5, 0, 0, "Steady"),
    ("Lower", 5, 0, 1, "Worsening"),
    ("Higher", 5, 0, 1, "Improving"),
    # Blank: no way is better, or a figure missing.
    ("Monitor", 5, 297, 350, ""),
    ("Lower", 5, None, 50, ""),
    ("Lower", 5, 53, None, ""),
])
def test_trend_against_the_same_quarter_last_year(better: str, tolerance: float, last_year: float | None,
                                                  value: float | None, expected: str) -> None:
    target = None if better == "Monitor" else 1
    assert trend(measure(better, target, tolerance), value, last_year) == expected


@pytest.mark.parametrize(("last_year", "value", "expected"), [
    (53, 50, -3 / 53), (60, 75, 0.25), (60, 60, 0.0), (0, 5, None), (None, 5, None), (60, None, None),
])
def test_change_is_a_share_of_last_years_figure(last_year: float | None, value: float | None,
                                                expected: float | None) -> None:
    assert change(value, last_year) == expected
