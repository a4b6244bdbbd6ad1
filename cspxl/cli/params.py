"""What the commands take: periods as people write them, and days written the UK way."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..cells import parse_date
from ..errors import CspxlError

if TYPE_CHECKING:
    from ..periods import FinancialYear, Period


class PeriodType(click.ParamType):  # type: ignore[type-arg]  # generic only in recent Click
    name = "PERIOD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        from ..periods import Period, parse_financial_year, parse_period, quarter_alone

        if isinstance(value, Period):
            return value
        try:
            if not quarter_alone(value):
                return parse_period(value)
            # Q2 alone: the quarter of the plan's year, said so (after a year end, that is the new year's).
            from ..workspace import Workspace

            workspace = ctx.find_object(Workspace) if ctx else None
            plan = (workspace or Workspace(Path("."))).plan
            period = parse_period(value, parse_financial_year(plan.settings.financial_year))
            click.echo(f"{value.strip()} is taken as {period}, a quarter of the plan's year "
                       f"{plan.settings.financial_year}; write {period} to be sure.", err=True)
            return period
        except CspxlError as exc:
            self.fail(str(exc), param, ctx)


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A day written the UK way (31/12/2023) or as ISO (2023-12-31)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        day = parse_date(value) if isinstance(value, str) else None
        if day is None:
            self.fail(f"'{value}' is not a date; write it like 31/12/2023 or 2023-12-31.", param, ctx)
        return day


class DateTimeType(click.ParamType):  # type: ignore[type-arg]
    """A day, optionally with a time: ``31/12/2023``, ``31/12/2023 14:30`` or ISO."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        m = re.match(r"^(.*?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$", text)
        day = parse_date(m[1] if m else text)
        hms = (int(m[2]), int(m[3]), int(m[4] or 0)) if m else (0, 0, 0)
        if day is None or not (hms[0] < 24 and hms[1] < 60 and hms[2] < 60):
            self.fail(f"'{value}' is not a date; write it like 31/12/2023 or 31/12/2023 14:30.", param, ctx)
        when = datetime.combine(day, time(*hms))
        if when > datetime.now():
            # A mistyped future date would make that return supersede every real one, for good.
            self.fail(f"'{value}' is in the future; give the day the return arrived.", param, ctx)
        return when


class PeriodOrYearType(click.ParamType):  # type: ignore[type-arg]
    """A quarter, or a whole financial year (``2023-24``), for the commands that take either."""

    name = "PERIOD|YEAR"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period | FinancialYear:
        from ..periods import parse_financial_year

        if isinstance(value, str) and "q" not in value.lower():
            try:
                return parse_financial_year(value)
            except CspxlError:
                pass
        return PERIOD.convert(value, param, ctx)


PERIOD, DATE, DATETIME = PeriodType(), DateType(), DateTimeType()


class ReturnsForType(click.ParamType):  # type: ignore[type-arg]
    """A quarter, or a strategic assessment's data round (``2023-24-SA``): what the e-mail round and ``status``
    take."""

    name = "PERIOD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..periods import AssessmentRound, parse_assessment

        if isinstance(value, AssessmentRound):
            return value
        found = parse_assessment(value) if isinstance(value, str) else None
        return found if found is not None else PERIOD.convert(value, param, ctx)


RETURNS_FOR = ReturnsForType()
PERIOD_OR_YEAR = PeriodOrYearType()


class PaperSubjectType(click.ParamType):  # type: ignore[type-arg]
    """What ``report`` writes a paper on: ``plan`` (its adoption), a quarter or a financial year."""

    name = "plan|PERIOD|YEAR"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period | FinancialYear | str:
        if isinstance(value, str) and value.strip().casefold() == "plan":
            return "plan"
        return PERIOD_OR_YEAR.convert(value, param, ctx)


PAPER_SUBJECT = PaperSubjectType()
