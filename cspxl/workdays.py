"""Working days in England and Wales, for deadlines.

A due date that falls on a Saturday, a Sunday or a bank holiday moves to the next working day: a
coordinator cannot chase, nor a partner be late, on a day the office is shut.  The bank holidays
come from the maintained ``holidays`` package (England's, which Wales shares), not a list kept here.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta


def deadline(start: date, days: int) -> date:
    """``days`` calendar days after ``start``, moved to the next working day if need be."""
    return next_working_day(start + timedelta(days=days))


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


@functools.cache
def _bank_holidays(year: int) -> frozenset[date]:
    import holidays  # loaded when a deadline is first worked out, so the command line starts quickly

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))
