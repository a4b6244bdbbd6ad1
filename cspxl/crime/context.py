"""The crime context of a quarter: police.uk's counts for the area beside the partnership's priorities.

For each crime type: the quarter's three months, the same months a year before, the twelve months to
the quarter's end and the twelve before them.  A window with a month not imported is left blank and
the month is named, never counted as none: police.uk publishes a month some weeks after it ends.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from ..periods import Period
from ..plan import Plan
from ..register import Register
from ..register.crime import crime_counts, crime_months
from .imports import area_of


class CrimeRow(BaseModel):
    """One crime type's counts; ``None`` where a month of the window is missing."""

    model_config = ConfigDict(frozen=True)

    crime_type: str
    #: The priority the plan's Crime types map it to, or ''.
    priority: str
    quarter: int | None
    last_year: int | None
    twelve_months: int | None
    twelve_before: int | None


class CrimeContext(BaseModel):
    """The area's crimes around a quarter, and what the figures leave out."""

    model_config = ConfigDict(frozen=True)

    area: str
    rows: tuple[CrimeRow, ...]
    #: The last month imported (``2023-06``), or '' when none is.
    latest: str
    #: The months the windows need that no file gave.
    missing: tuple[str, ...]


def months_back(last: date, n: int) -> list[str]:
    """The ``n`` months ending with ``last``'s, oldest first, as ``2023-04``."""
    from dateutil.relativedelta import relativedelta

    first = last.replace(day=1)
    return [f"{first - relativedelta(months=k):%Y-%m}" for k in range(n - 1, -1, -1)]


def crime_context(plan: Plan, register: Register, period: Period) -> CrimeContext | None:
    """The crime context of ``period``, or ``None`` for a plan that names no area."""
    if not (plan.crime_areas or plan.settings.crime_area):
        return None
    key, said = area_of(plan)
    counts, held = crime_counts(register, key), crime_months(register, key)
    end = period.end
    windows = {
        "quarter": months_back(end, 3),
        "last_year": months_back(date(end.year - 1, end.month, 1), 3),
        "twelve_months": months_back(end, 12),
        "twelve_before": months_back(date(end.year - 1, end.month, 1), 12),
    }
    priorities = {p.id: p.name for p in plan.priorities}
    mapped = {c.crime_type: priorities.get(c.priority_id, "") for c in plan.crime_types}
    seen = sorted({kind for kinds in counts.values() for kind in kinds} - set(mapped))
    rows = []
    for kind in [*mapped, *seen]:
        sums = {name: (sum(counts.get(m, {}).get(kind, 0) for m in months) if all(m in held for m in months)
                       else None) for name, months in windows.items()}
        rows.append(CrimeRow(crime_type=kind, priority=mapped.get(kind, ""), **sums))
    needed = sorted({m for months in windows.values() for m in months})
    return CrimeContext(area=said, rows=tuple(rows), latest=max(held, default=""),
                        missing=tuple(m for m in needed if m not in held))
