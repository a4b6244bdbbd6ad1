"""A year's target: a count judged on the year to date against the target pro rata, a percentage on its
latest figure; and a figure sent back for correction judged not at all.  Each row a quarter of a year."""

from __future__ import annotations

import pytest

from cspxl.measures import judge, year_to_date
from cspxl.plan import Measure


def measure(better: str, target: float | None, unit: str = "Number", period: str = "Year") -> Measure:
    return Measure(id="M1", priority_id="P1", text="A figure", owner="sdc", unit=unit,  # type: ignore[arg-type]
                   better=better, target=target, target_period=period)  # type: ignore[arg-type]


NALOXONE = measure("Higher", 35)  # 35 kits in the year, more is better
ASB = measure("Lower", 780)  # no more than 780 incidents in the year


@pytest.mark.parametrize(("m", "figures", "value", "target", "rag", "rule"), [
    # The README's worked example: 9, 14, 11 and 16 kits, 50 in the year.
    (NALOXONE, [9], 9, 8.75, "Green", "Q1's figure, 9, against 8.75 or higher (the year's 35 pro rata to Q1)"),
    (NALOXONE, [9, 14], 23, 17.5, "Green",
     "The year to date (Q1 to Q2), 23, against 17.5 or higher (the year's 35 pro rata to Q2)"),
    (NALOXONE, [9, 14, 11], 34, 26.25, "Green",
     "The year to date (Q1 to Q3), 34, against 26.25 or higher (the year's 35 pro rata to Q3)"),
    (NALOXONE, [9, 14, 11, 16], 50, 35, "Green", "The year's total, 50, against 35 or higher (the year's target)"),
    (NALOXONE, [4, 4], 8, 17.5, "Red",
     "The year to date (Q1 to Q2), 8, against 17.5 or higher (the year's 35 pro rata to Q2)"),
    # The tolerance is pro rata too: 5% of 195 at Q1 is 9.75, of 390 at Q2 is 19.5.
    (ASB, [200], 200, 195, "Amber", "Q1's figure, 200, against 195 or lower (the year's 780 pro rata to Q1)"),
    (ASB, [200, 210], 410, 390, "Red",
     "The year to date (Q1 to Q2), 410, against 390 or lower (the year's 780 pro rata to Q2)"),
    (ASB, [200, 210, 200], 610, 585, "Amber",
     "The year to date (Q1 to Q3), 610, against 585 or lower (the year's 780 pro rata to Q3)"),
    (ASB, [200, 400], 600, 390, "Red",  # ASB doubled: never Green against a year's 780 a quarter at a time
     "The year to date (Q1 to Q2), 600, against 390 or lower (the year's 780 pro rata to Q2)"),
    # A quarter without a figure: the year to date is not known, never taken as if that quarter were none.
    (NALOXONE, [None, 14], None, None, "Grey", "Year to date not known: no figure for Q1"),
    (NALOXONE, [9, None, None], None, None, "Grey", "Year to date not known: no figure for Q2 and Q3"),
    # A year's target in a percentage: the latest figure of the year against the whole target.
    (measure("Higher", 60, "Percent"), [40, 52], 52, 60, "Red",
     "The latest figure (Q2), 52%, against 60% or higher (the year's target)"),
    (measure("Higher", 60, "Percent"), [58, None], 58, 60, "Amber",
     "The latest figure (Q1), 58%, against 60% or higher (the year's target)"),
    (measure("Higher", 60, "Percent"), [None, None], None, None, "Grey", "No figure this year yet"),
    # A rate is not added up either.
    (measure("Lower", 4.5, "Rate"), [5, 4.4], 4.4, 4.5, "Green",
     "The latest figure (Q2), 4.4, against 4.5 or lower (the year's target)"),
    # A quarter's target: the quarter's figure alone, whatever the quarters before.
    (measure("Higher", 35, period="Quarter"), [9, 14], 14, 35, "Red",
     "Q2's figure, 14, against 35 or higher (the quarter's target)"),
    (measure("Higher", 35, period="Quarter"), [9, None], None, 35, "Grey", "No figure"),
    (measure("Monitor", None), [9, 14], 14, None, "Grey", "Monitored only: no target"),
])
def test_a_measure_is_judged_by_its_target_period(m: Measure, figures: list[float | None], value: float | None,
                                                  target: float | None, rag: str, rule: str) -> None:
    judged = judge(m, len(figures), figures)
    assert (judged.value, judged.target, judged.rag, judged.rule) == (value, target, rag, rule)


def test_a_figure_sent_back_for_correction_is_judged_not_at_all() -> None:
    judged = judge(NALOXONE, 2, [9, None], sent_back=True)
    assert (judged.value, judged.rag, judged.rule) == (None, "Grey", "Sent back for correction")


@pytest.mark.parametrize(("figures", "total"), [([9], 9), ([9, 14, 11, 16], 50), ([9, None], None), ([], None),
                                                ([0, 0], 0)])
def test_the_year_to_date_adds_up_every_quarter_or_is_not_known(figures: list[float | None],
                                                                total: float | None) -> None:
    assert year_to_date(figures) == total
