"""What is already known when a return arrives: a period reported and closed, a later return out, a
slipped target date already said.

A partner who types next quarter's news into last quarter's form, and sends it in October, would
otherwise rewrite a quarter whose paper the board read in September.  While the period is closed
(``cspxl close``) such a file is recorded and archived but held, and applied only if the period is
reopened.  Without a close it is accepted, with a warning that says the partner's later return is
still outstanding.  A revised target date outside the plan's year is a warning the first time a
partner gives it, not on every later return that repeats it.
"""

from __future__ import annotations

from datetime import datetime

from ..periods import FinancialYear, Period, ReturnsFor, parse_period, parse_returns_for
from ..problems import Problem, problem
from ..register import Register, Submission
from ..register.closures import Closure


def held_for(register: Register, submission: Submission) -> tuple[Closure | None, list[Problem]]:
    """Whether ``submission`` is held (its period is closed: the close, and the problem saying so) or, if
    not, the warnings to record with it (``earlier-period-form``)."""
    period = parse_returns_for(submission.period)
    closed = register.closure(period)
    if closed is not None:
        later = outstanding_later(register, submission.partner, period)
        still = f"; {submission.partner}'s return for {later} is still outstanding" if later is not None else ""
        news = str(later) if later is not None else "a later quarter"
        return closed, [problem("return-held", file=submission.file_name, value=submission.period,
                                closed=f"{closed.on:%d/%m/%Y}", outstanding=still, later=news)]
    return None, []


def earlier_period_form(register: Register, submission: Submission, received: datetime) -> list[Problem]:
    """``earlier-period-form`` when a return for a later period had been issued to the partner before this
    one arrived, and is still outstanding: the earlier form may be carrying the later quarter's news."""
    later = outstanding_later(register, submission.partner, parse_returns_for(submission.period),
                              issued_before=received)
    if later is None:
        return []
    issued = register.issued_periods(submission.partner)[later]
    return [problem("earlier-period-form", file=submission.file_name, value=submission.period, later=str(later),
                    partner=submission.partner, issued=f"{issued:%d/%m/%Y}")]


def outstanding_later(register: Register, partner: str, period: ReturnsFor,
                      issued_before: datetime | None = None) -> Period | None:
    """The latest quarter after ``period`` whose return was issued to ``partner`` (before ``issued_before``)
    and from which nothing has come back yet; ``None`` when there is none, or for an assessment's data round
    (no quarter's news can be in it)."""
    if not isinstance(period, Period):
        return None
    later = sorted((q for q, first in register.issued_periods(partner).items()
                    if isinstance(q, Period) and (issued_before is None or first <= issued_before)),
                   key=lambda q: (q.year, q.quarter))
    return next((q for q in reversed(later) if (q.year, q.quarter) > (period.year, period.quarter)
                 and not register.sent_anything(q, partner)), None)


def said_before(register: Register, submission: Submission) -> Submission:
    """``submission`` without the ``target-outside-year`` warnings for a revised target date the partner
    already gave for the same action in an earlier return of the year: a slip is said once."""
    if not any(p.code == "target-outside-year" for p in submission.problems):
        return submission  # nothing to ask the register about: the usual case
    answers = {a.action_id: a for a in submission.answers}
    known = register.revised_targets(submission.partner, FinancialYear(parse_period(submission.period).year))

    def repeated(p: Problem) -> bool:
        day = answers[p.action].revised_target if p.action in answers else None
        return p.code == "target-outside-year" and day is not None and (p.action, day.isoformat()) in known

    if not any(repeated(p) for p in submission.problems):
        return submission
    return submission.model_copy(update={"problems": tuple(p for p in submission.problems if not repeated(p))})
