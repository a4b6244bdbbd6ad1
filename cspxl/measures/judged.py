"""What a measure's figure is judged on, and the sentence that says so.

A quarter's target judges the quarter's figure.  A year's target in a count (``Number``) judges the
year to date, the quarters' figures added up, against the target pro rata to the quarters elapsed
(half the year's target at Q2, the whole of it at Q4); a year's target in a percentage or a rate
judges the latest figure of the year against the whole target.  A year to date with a quarter
missing is not known, and never taken as if the missing quarter were nought.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from ..plan import Measure
from .rules import Rag, rag


class Judged(BaseModel):
    """A measure's figure as judged: on what, against what, the RAG, and the rule in words."""

    model_config = ConfigDict(frozen=True)

    #: The figure the RAG is of (the quarter's, the year to date or the latest); ``None`` when none.
    value: float | None = None
    #: The target it was held to (a year's pro rata, for a year to date).
    target: float | None = None
    rag: Rag = "Grey"
    #: The rule, with the figures, as the master's ``Judged by`` column and the papers say it.
    rule: str = ""


#: What the RAG says of a figure sent back to its partner: not judged until it is corrected.
SENT_BACK = "Sent back for correction"


def figure_text(value: float | None, unit: str) -> str:
    """A measure's figure as people read it: ``1,234``, ``12.5``, ``72.5%``; '' for none."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "Percent" else text


def judge(measure: Measure, quarter: int, figures: Sequence[float | None], sent_back: bool = False) -> Judged:
    """Judge a measure in quarter ``quarter`` of its year from ``figures``, its accepted figure in each
    quarter of the year so far (Q1 first, this quarter last; ``None`` where there is none).

    ``sent_back``: this quarter's figure needs correction, so nothing is judged until it comes back.
    """
    this = figures[-1] if figures else None
    if measure.better == "Monitor" or measure.target is None:
        return Judged(value=this, rule="Monitored only: no target")
    if sent_back:
        return Judged(rule=SENT_BACK)
    if measure.target_period == "Quarter":
        return _judged(measure, this, measure.target, f"Q{quarter}'s figure" if this is not None else "",
                       "the quarter's target")
    if measure.summed:
        return _year_to_date(measure, quarter, figures)
    latest = next(((q, v) for q, v in reversed(list(enumerate(figures, start=1))) if v is not None), None)
    if latest is None:
        return Judged(rule="No figure this year yet")
    return _judged(measure, latest[1], measure.target, f"The latest figure (Q{latest[0]})", "the year's target")


def year_to_date(figures: Sequence[float | None]) -> float | None:
    """The quarters' figures added up; ``None`` when a quarter has none (a gap is never nought)."""
    return None if not figures or any(v is None for v in figures) else sum(v for v in figures if v is not None)


def _year_to_date(measure: Measure, quarter: int, figures: Sequence[float | None]) -> Judged:
    assert measure.target is not None
    missing = [f"Q{q}" for q, v in enumerate(figures, start=1) if v is None]
    if missing:
        return Judged(rule=f"Year to date not known: no figure for {_listing(missing)}")
    total = year_to_date(figures)
    if quarter == 4:
        return _judged(measure, total, measure.target, "The year's total", "the year's target")
    pro_rata = measure.target * quarter / 4
    whole = figure_text(measure.target, measure.unit)
    return _judged(measure, total, pro_rata, f"The year to date (Q1 to Q{quarter})" if quarter > 1 else "Q1's figure",
                   f"the year's {whole} pro rata to Q{quarter}")


def _judged(measure: Measure, value: float | None, target: float, what: str, against: str) -> Judged:
    if value is None:
        return Judged(target=target, rule="No figure")
    shown = figure_text(target, measure.unit)
    way = "or lower" if measure.better == "Lower" else "or higher"
    rule = f"{what}, {figure_text(value, measure.unit)}, against {shown} {way} ({against})"
    return Judged(value=value, target=target, rag=rag(measure, value, target), rule=rule)


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
