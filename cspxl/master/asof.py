"""The day a period is seen as of when none is given, and the days that cannot be meant.

A closed period is seen as presented: as of the day its papers were (``cspxl close --on``).  The
master and the paper of a past quarter are as of the day its round settled, never today (a quarter
of two years ago is not "1071 days overdue"): the day its returns were last due (the due day, or the
day a return sent back for correction was due again) plus the days a correction takes, or the day
its last return arrived if that was later.  ``status``, which follows a round as it goes, is as of
today.  No day before the period began is ever taken.
"""

from __future__ import annotations

from datetime import date

from ..errors import UsageError
from ..periods import Period, refuse_before
from ..register import Register
from ..workdays import deadline
from ..workspace import Workspace


def as_of_for(workspace: Workspace, period: Period, given: date | None = None, *, settled: bool = True,
              today: date | None = None) -> date:
    """The day to see ``period`` as of: ``given`` (refused if before the period began), else the day it
    was closed on, else (``settled``, for the master and the paper) the day its round settled once that
    has passed, else today."""
    if given is not None:
        return refuse_before(given, period.start, str(period))
    with workspace.register(readonly=True) as register:
        closed = register.closure(period)
        if closed is not None:
            return closed.on
        today = today or date.today()
        if settled:
            today = min(today, settled_on(workspace, register, period))
    if today < period.start:
        raise UsageError(f"{period} has not begun yet: it begins on {period.start.day} {period.start:%B %Y}; "
                         "give the day to report it as of, or another period.")
    return today


def settled_on(workspace: Workspace, register: Register, period: Period) -> date:
    """The day a quarter's round settled: its returns' last due day (the due day, or the day a return sent
    back for correction was due again) plus the days a correction takes, or the day its last return
    arrived if that was later."""
    settings = workspace.plan_for(period).settings
    due = [period.due(settings.return_due_days)]
    due += [deadline(m.sent_at.date(), settings.correction_days) for m in register.messages(period,
                                                                                              kind="feedback")]
    arrived = [r.received_on for r in register.submissions(period)]
    return max([deadline(max(due), settings.correction_days), *arrived])


def as_of_said(workspace: Workspace, period: Period, today: date | None = None) -> tuple[date, str]:
    """The day the master and the paper of ``period`` are as of when none is given, and a sentence saying
    why when it is not today ('' when it is)."""
    day, today = as_of_for(workspace, period, today=today), today or date.today()
    if day == today:
        return day, ""
    with workspace.register(readonly=True) as register:
        closed = register.closure(period) is not None
    why = ("the day its papers were as of when it was closed" if closed else
           "the day its round settled: its returns and corrections were due, and its last return had arrived")
    return day, f"As of {day:%d/%m/%Y}, {why}; give --as-of for another day."
