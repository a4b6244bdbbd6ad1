"""Where the partnership's year stands, and what to do next, in words: what a front page says first.

The round that needs the coordinator is the first quarter of the plan's year whose returns are out and
that is not yet closed; when every generated quarter is closed, the next quarter to generate; when all
four are closed, the year end.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from ..master.view import Monitoring, period_view
from ..periods import Period, fy_label, parse_financial_year
from ..plan import Plan
from ..workspace import Workspace


class Round(BaseModel):
    """One quarter's round of returns, counted."""

    model_config = ConfigDict(frozen=True)

    period: Period
    due: date
    #: Whether its returns have been generated.
    generated: bool
    expected: int
    #: Received with no error to correct.
    received: int = 0
    to_correct: int = 0
    not_in: int = 0
    overdue: int = 0
    closed_on: date | None = None
    held: int = 0


class Overview(BaseModel):
    """The plan's year, its four rounds, and the next thing to do."""

    model_config = ConfigDict(frozen=True)

    partnership: str
    year: str
    plan_version: str
    today: date
    rounds: tuple[Round, ...]
    #: The round that needs the coordinator now; ``None`` once all four quarters are closed.
    current: Period | None
    next_step: str


def day_text(day: date) -> str:
    """``Monday 16 October 2023``: a deadline the way a person says it."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def year_overview(workspace: Workspace, today: date | None = None) -> Overview:
    """Where the plan's year stands on ``today`` (default: today), and the next step in one sentence."""
    today = today or date.today()
    plan = workspace.plan
    year = parse_financial_year(plan.settings.financial_year)
    quarters = [Period(year=year, quarter=q) for q in range(1, 5)]
    with workspace.register(readonly=True) as register:
        generated = {p for p in quarters if register.period_plan_version(p) is not None}
    rounds = tuple(_round(workspace, plan, p, p in generated, today) for p in quarters)
    current = next((r for r in rounds if r.generated and r.closed_on is None), None) \
        or next((r for r in rounds if not r.generated and r.closed_on is None), None)
    return Overview(partnership=plan.settings.partnership or plan.settings.short_name, year=plan.settings.financial_year,
                    plan_version=plan.version, today=today, rounds=rounds,
                    current=current.period if current else None, next_step=next_step(current, today, plan))


def _round(workspace: Workspace, plan: Plan, period: Period, generated: bool, today: date) -> Round:
    due = period.due(plan.settings.return_due_days)
    if not generated:
        return Round(period=period, due=due, generated=False, expected=len(plan.partners_returning()))
    view: Monitoring = period_view(workspace, period, max(today, period.start), history=False)
    errors = {r.partner.id for r in view.returns if any(p.severity == "error" for p in r.problems)}
    received = [r for r in view.returns if r.files]
    return Round(period=period, due=view.due, generated=True, expected=len(view.returns),
                 received=sum(r.partner.id not in errors for r in received), to_correct=len(errors),
                 not_in=len(view.returns) - len(received), overdue=view.returns_with("Overdue"),
                 closed_on=view.closed_on, held=len(view.held))


def next_step(current: Round | None, today: date, plan: Plan) -> str:
    """The next thing to do, in one sentence, with the counts that say why."""
    if current is None:
        following = fy_label(parse_financial_year(plan.settings.financial_year) + 1)
        return (f"All four quarters of {plan.settings.financial_year} are closed: write the year's workbook and the "
                f"year-end report, then roll the plan over into {following}.")
    quarter, due = f"Q{current.period.quarter}", day_text(current.due)
    if not current.generated:
        return (f"{quarter} returns have not been generated yet: generate them and send them to the "
                f"{current.expected} partners; they will be due {due}.")
    if current.not_in or current.to_correct:
        tense = "were" if current.due < today else "are"
        parts = [f"{current.received} of {current.expected} in"]
        if current.to_correct:
            parts.append(f"{current.to_correct} to correct")
        if current.not_in:
            parts.append(f"{current.not_in} not yet in" + (f" ({current.overdue} overdue)" if current.overdue else ""))
        return f"{quarter} returns {tense} due {due}: {', '.join(parts)}."
    return (f"All {current.expected} {quarter} returns are in: write the master and the meeting paper, and close "
            f"{quarter} once the board has had them.")
