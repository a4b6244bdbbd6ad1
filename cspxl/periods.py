"""UK financial-year quarters: Q1 is April to June, Q4 is January to March of the next year."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NewType

from pydantic import BaseModel, ConfigDict, Field

from .errors import UsageError
from .workdays import deadline

_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}

# How people write a quarter: 2024-25-Q2, 2024-25 Q2, 2024/25 Q2, Q2 2024-25, Q2 2024/25 (any case),
# and Q2 alone for the plan's own year.
_YEAR = r"(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2}|\d{4})"
_QUARTER = r"q\s*(?P<q>[1-4])"
_PATTERNS = [
    re.compile(rf"^{_YEAR}[\s_-]*{_QUARTER}$", re.IGNORECASE),
    re.compile(rf"^{_QUARTER}[\s_-]*{_YEAR}$", re.IGNORECASE),
]
_QUARTER_ALONE = re.compile(rf"^{_QUARTER}$", re.IGNORECASE)
SPELLINGS = "2024-25-Q2, 2024-25 Q2, 2024/25 Q2, Q2 2024-25, Q2 2024/25, or Q2 alone for the plan's year"
# A plan's Financial year setting is typed by a person, so 2023/24 and 2023-2024 are fine there.
_FY = re.compile(r"^(?P<y1>\d{4})\s*[-/]\s*(?P<y2>\d{2}|\d{4})$")


class Period(BaseModel):
    """One quarter of a financial year, written ``2023-24-Q1``."""

    model_config = ConfigDict(frozen=True)

    year: int = Field(description="The calendar year the financial year starts in (2023 for 2023-24).")
    quarter: int = Field(ge=1, le=4)

    def __str__(self) -> str:
        return f"{fy_label(self.year)}-Q{self.quarter}"

    @property
    def financial_year(self) -> str:
        return fy_label(self.year)

    @property
    def start(self) -> date:
        month = _QUARTER_START_MONTH[self.quarter]
        return date(self.year + (1 if self.quarter == 4 else 0), month, 1)

    @property
    def end(self) -> date:
        nxt = self.next()
        return nxt.start - timedelta(days=1)

    def due(self, days: int) -> date:
        """The day a return for this quarter is due: ``days`` after the quarter ends, or the next
        working day when that is a weekend or a bank holiday."""
        return deadline(self.end, days)

    def earlier_in_year(self) -> list[Period]:
        """The quarters of the same financial year before this one, latest first."""
        return [Period(year=self.year, quarter=q) for q in range(self.quarter - 1, 0, -1)]

    def previous(self) -> Period:
        if self.quarter == 1:
            return Period(year=self.year - 1, quarter=4)
        return Period(year=self.year, quarter=self.quarter - 1)

    def next(self) -> Period:
        if self.quarter == 4:
            return Period(year=self.year + 1, quarter=1)
        return Period(year=self.year, quarter=self.quarter + 1)

    @property
    def label(self) -> str:
        """How a person says it: ``Q1 2023-24 (April to June 2023)``."""
        s, e = self.start, self.end
        return f"Q{self.quarter} {self.financial_year} ({s:%B} to {e:%B %Y})"


#: How an assessment's data round is written after its financial year: ``2023-24-SA``.
ASSESSMENT_SUFFIX = "SA"
_ASSESSMENT = re.compile(rf"^(?P<y>{_YEAR})[\s_-]*{ASSESSMENT_SUFFIX}$", re.IGNORECASE)


class AssessmentRound(BaseModel):
    """The strategic assessment's data round of a financial year, written ``2023-24-SA``.

    Partners send their indicators for the twelve quarters of the three years to the end of September of
    the year (its second quarter), so the assessment carried out that autumn and winter has three whole
    years: for 2023-24, October 2020 to September 2023.  The round opens on 1 October, when those quarters
    are over, and its returns are due the plan's return days after the year's second quarterly returns.
    """

    model_config = ConfigDict(frozen=True)

    year: int = Field(description="The calendar year the financial year starts in (2023 for 2023-24).")

    def __str__(self) -> str:
        return f"{fy_label(self.year)}-{ASSESSMENT_SUFFIX}"

    @property
    def financial_year(self) -> str:
        return fy_label(self.year)

    @property
    def quarters(self) -> tuple[Period, ...]:
        """The twelve quarters the round asks for, oldest first: Q3 two years before to Q2 of its year."""
        out = [Period(year=self.year, quarter=2)]
        while len(out) < 12:
            out.insert(0, out[0].previous())
        return tuple(out)

    @property
    def start(self) -> date:
        """The day the round opens: the day after its last quarter ends."""
        return self.quarters[-1].end + timedelta(days=1)

    def due(self, days: int) -> date:
        """The day its returns are due: ``days`` after the year's second quarterly returns are."""
        return deadline(self.quarters[-1].due(days), days)

    @property
    def label(self) -> str:
        """How a person says it: ``the strategic assessment's data 2023-24 (October 2020 to September 2023)``."""
        first, last = self.quarters[0].start, self.quarters[-1].end
        return f"the strategic assessment's data {self.financial_year} ({first:%B %Y} to {last:%B %Y})"

    def previous(self) -> AssessmentRound:
        return AssessmentRound(year=self.year - 1)


#: A financial year, by the calendar year it starts in (2023 for 2023-24, which :func:`fy_label` writes):
#: the one type every function of a year takes, from :func:`parse_financial_year` or ``FinancialYear(2023)``.
FinancialYear = NewType("FinancialYear", int)

#: What a set of returns is for: a quarter, or a strategic assessment's data round.
ReturnsFor = Period | AssessmentRound


def parse_returns_for(text: str, year: int | None = None) -> ReturnsFor:
    """A quarter as :func:`parse_period` reads it, or an assessment's data round (``2023-24-SA``)."""
    return parse_assessment(text) or parse_period(text, year)


def parse_assessment(text: str) -> AssessmentRound | None:
    """``2023-24-SA`` (or ``2023/24 SA``) as the round it names; ``None`` for anything else."""
    m = _ASSESSMENT.match(" ".join(str(text).split()))
    return AssessmentRound(year=int(m["y1"])) if m and _consecutive(m["y1"], m["y2"]) else None


def refuse_before(day: date, first: date, what: str) -> date:
    """``day``, unless it is before ``first`` (the day ``what`` began): no view of a period can be as of a
    day before it began, so such a day is a typing slip, refused in one sentence."""
    if day < first:
        raise UsageError(f"{day:%d/%m/%Y} is before {what} began on {first.day} {first:%B %Y}, so nothing of it "
                         f"can be reported as of then; give a day from {first:%d/%m/%Y} on.")
    return day


def fy_label(year: int) -> str:
    """``2023`` -> ``2023-24``."""
    return f"{year}-{(year + 1) % 100:02d}"


def parse_financial_year(text: str) -> FinancialYear:
    """``2023-24`` (or ``2023/24``, ``2023-2024``) -> 2023; raise :class:`UsageError` otherwise."""
    m = _FY.match(text.strip())
    if not m or not _consecutive(m["y1"], m["y2"]):
        raise UsageError(f"'{text}' is not a financial year; write it like 2023-24.")
    return FinancialYear(int(m["y1"]))


def year_span(year: int) -> tuple[date, date]:
    """The first and last day of the financial year starting in ``year``: 1 April to 31 March."""
    return Period(year=year, quarter=1).start, Period(year=year, quarter=4).end


def parse_period(text: str, year: int | None = None) -> Period:
    """Read a quarter as people write it (see ``SPELLINGS``) as a :class:`Period`.

    ``Q2`` alone is the second quarter of ``year`` (the calendar year the plan's financial year
    starts in), when one is given.
    """
    cleaned = " ".join(str(text).split())
    for pattern in _PATTERNS:
        m = pattern.match(cleaned)
        if m and _consecutive(m["y1"], m["y2"]):
            return Period(year=int(m["y1"]), quarter=int(m["q"]))
    m = _QUARTER_ALONE.match(cleaned)
    if m and year is not None:
        return Period(year=year, quarter=int(m["q"]))
    raise UsageError(f"'{text}' is not a period; write it like {SPELLINGS}.")


def quarter_alone(text: str) -> bool:
    """Whether ``text`` names a quarter without its year (``Q2``), which needs the plan's year."""
    return bool(_QUARTER_ALONE.match(" ".join(str(text).split())))


def period_of(day: date) -> Period:
    """The quarter a day falls in."""
    quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3, 1: 4, 2: 4, 3: 4}[day.month]
    return Period(year=day.year - (1 if quarter == 4 else 0), quarter=quarter)


def _consecutive(y1: str, y2: str) -> bool:
    first = int(y1)
    second = int(y2) if len(y2) == 4 else (first // 100) * 100 + int(y2)
    if len(y2) == 2 and second < first:
        second += 100
    return second == first + 1
