"""The strategic assessment of a year, as of a day: crime, the partners' indicators, the year's delivery, the
scoring and the ranking it gives, beside last year's.

Every figure comes from the register: police.uk's counts imported there, the partners' accepted returns
(through the year view, the same figures as the year's workbook), and the scoring read back from the
workshop.  What is missing is said, with whose it is, never counted as none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict

from ..crime.context import months_back
from ..crime.imports import area_of
from ..periods import AssessmentRound, FinancialYear, Period, fy_label, period_of
from ..plan import Criterion, Plan
from ..register import IndicatorFigure, Register
from ..register.crime import crime_counts, crime_months
from ..register.indicators import current_indicator_figures
from ..register.scorings import latest_scoring
from ..report.words import listing
from ..returns.indicators import quarter_header
from ..status import ON_SCHEDULE, Status
from ..workspace import Workspace
from ..year.view import year_view
from .scoring import Ranked, Scoring, ranking

#: How far (as a share) a count may move over the three years and still be called steady.
STEADY = 0.05


class CrimeTrend(BaseModel):
    """One police.uk crime type over three years (oldest first), each ``None`` where a month is missing."""

    model_config = ConfigDict(frozen=True)

    crime_type: str
    #: The priority the plan's Crime types map it to, or ''.
    priority: str
    years: tuple[int | None, int | None, int | None]
    quarter: int | None
    same_quarter_last_year: int | None
    #: Crimes in the latest twelve months per 1,000 residents, when the plan gives the population.
    rate: float | None
    trend: str


class CrimeOverview(BaseModel):
    """The area's recorded crime to the end of the latest quarter police.uk's imported files cover."""

    model_config = ConfigDict(frozen=True)

    area: str
    #: The latest quarter wholly imported: the three years are the twelve months to its end and the two before.
    quarter: Period
    rows: tuple[CrimeTrend, ...]
    #: The months the three years need that no file gave.
    missing: tuple[str, ...]
    population: int | None


class PriorityDelivery(BaseModel):
    """One priority's delivery in the year so far: its actions' latest statuses and its measures' latest RAG."""

    model_config = ConfigDict(frozen=True)

    priority: str
    actions: int
    completed: int
    on_schedule: int
    measures: int
    met: int


class IndicatorState(BaseModel):
    """A partner's indicator over the data round's twelve quarters, and what of it is missing."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    unit: str
    supplier: str
    priorities: tuple[str, ...]
    #: Each quarter's accepted figure, oldest first (``None`` where there is none).
    values: tuple[float | None, ...] = ()
    #: Each of the three years (October to September): the quarters added up (a count) or their average (a
    #: percentage or a rate); ``None`` when a quarter of it is missing.
    years: tuple[float | None, float | None, float | None] = (None, None, None)
    trend: str = ""
    #: What is missing, naming whose it is; '' when every quarter is in.
    missing: str = ""


class Assessment(BaseModel):
    """The strategic assessment carried out in the financial year ``year``, for the plan of the year after."""

    model_config = ConfigDict(frozen=True)

    year: str
    as_of: date
    plan: Plan
    crime: CrimeOverview | None
    #: Why there is no crime overview, when there is none.
    no_crime: str = ""
    indicators: tuple[IndicatorState, ...]
    delivery: tuple[PriorityDelivery, ...]
    scoring: Scoring | None
    ranked: tuple[Ranked, ...]
    #: The data round's three years, as its columns name them (``Year to Sep 2021``).
    indicator_years: tuple[str, str, str] = ("", "", "")
    #: Last year's ranking, when last year's assessment was scored here.
    last_ranked: tuple[Ranked, ...] = ()
    #: The file the scoring came from.
    scored_from: str = ""

    @property
    def name(self) -> str:
        return f"Strategic Assessment {self.year}"

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria the priorities were scored on (the plan's may have changed since), or the plan's before
        any scoring."""
        return self.scoring.criteria if self.scoring is not None else self.plan.criteria


def strategic_assessment(workspace: Workspace, year: FinancialYear, as_of: date | None = None) -> Assessment:
    """The strategic assessment carried out in the financial year starting in ``year``, as of ``as_of``
    (default today): its crime to the latest quarter imported, its delivery the year's so far."""
    as_of = as_of or date.today()
    # The indicators, criteria and priorities as the plan stands: they are set in the autumn, after the
    # year's first quarters were generated from (and keep) an older plan.
    plan = workspace.plan
    view = year_view(workspace, year, as_of)
    with workspace.register(readonly=True) as register:
        # As of the day: what was received and scored after it is not seen.
        until = datetime.combine(as_of, time.max)
        scored = latest_scoring(register, year, until)
        before = latest_scoring(register, FinancialYear(year - 1), until)
        crime, no_crime = _crime(plan, register, as_of)
        sent = current_indicator_figures(register, AssessmentRound(year=year), until)
    scoring = Scoring.model_validate_json(scored[0]) if scored else None
    last = Scoring.model_validate_json(before[0]) if before else None
    indicators = indicator_states(plan, AssessmentRound(year=year), sent)
    delivery = []
    for name, actions in view.by_priority():
        measures = [m for m in view.measures if m.priority == name]
        latest = [next((r for r in reversed(m.rags) if r in ("Green", "Amber", "Red")), "") for m in measures]
        delivery.append(PriorityDelivery(
            priority=name, actions=len(actions), completed=sum(a.year_end == Status.COMPLETED for a in actions),
            on_schedule=sum(a.year_end in ON_SCHEDULE for a in actions),
            measures=len([m for m in measures if m.measure.target is not None]), met=latest.count("Green")))
    ends = [q.end for q in AssessmentRound(year=year).quarters[3::4]]
    labels = tuple(f"Year to {end:%b %Y}" for end in ends)
    return Assessment(year=fy_label(year), as_of=as_of, plan=plan, crime=crime, no_crime=no_crime,
                      indicator_years=(labels[0], labels[1], labels[2]),
                      indicators=indicators, delivery=tuple(delivery), scoring=scoring,
                      ranked=tuple(ranking(scoring)) if scoring else (),
                      last_ranked=tuple(ranking(last)) if last else (), scored_from=scored[1] if scored else "")


def indicator_states(plan: Plan, round_: AssessmentRound,
                     sent: Mapping[str, Mapping[tuple[str, str], IndicatorFigure]]) -> tuple[IndicatorState, ...]:
    """Each of the plan's indicators with its supplier's accepted figures for the round's quarters, what is
    missing and whose it is."""
    names = {p.id: p.name for p in plan.partners}
    out = []
    for i in plan.indicators:
        who = names.get(i.supplier, i.supplier)
        figures = sent.get(i.supplier, {})
        got = [figures.get((i.id, str(q))) for q in round_.quarters]
        values = tuple(f.value if f is not None and f.accepted else None for f in got)
        if not figures:
            missing = f"no figures received from {who}"
        elif all(f is None for f in got):
            missing = f"{who}'s data return did not give this indicator"
        else:
            back = [quarter_header(q) for q, f in zip(round_.quarters, got, strict=True) if f is not None and not f.accepted]
            blank = [quarter_header(q) for q, f, v in zip(round_.quarters, got, values, strict=True)
                     if v is None and (f is None or f.accepted)]
            missing = "; ".join(filter(None, (
                f"{listing(blank)} not given by {who}" if blank else "",
                f"{listing(back)} sent back to {who} for correction" if back else "")))
        years = tuple(_year(values[k * 4:(k + 1) * 4], i.unit) for k in range(3))
        out.append(IndicatorState(id=i.id, text=i.text, unit=i.unit, supplier=who,
                                  priorities=tuple(p.name for p in plan.priorities if p.id in i.priority_ids),
                                  values=values, years=(years[0], years[1], years[2]),
                                  trend=trend_word(years[0], years[2]),
                                  missing=missing))
    return tuple(out)


def _year(values: tuple[float | None, ...], unit: str) -> float | None:
    if any(v is None for v in values):
        return None
    known = [v for v in values if v is not None]
    return sum(known) if unit == "Number" else round(sum(known) / len(known), 2)


def _crime(plan: Plan, register: Register, as_of: date) -> tuple[CrimeOverview | None, str]:
    """Three years of the area's crime to the latest quarter wholly imported by ``as_of``."""
    if not (plan.crime_areas or plan.settings.crime_area):
        return None, "The plan names no area for police.uk's crime figures, so there is no crime overview."
    key, said = area_of(plan)
    counts, held = crime_counts(register, key), crime_months(register, key)
    quarter = next((q for q in _quarters_back(as_of) if all(m in held for m in months_back(q.end, 3))), None)
    if quarter is None:
        return None, f"No police.uk crime figures for {said} have been imported, so there is no crime overview."
    end = quarter.end
    windows = [months_back(date(end.year - k, end.month, 1), 12) for k in (2, 1, 0)]
    same = months_back(date(end.year - 1, end.month, 1), 3)
    population = plan.settings.population
    priorities = {p.id: p.name for p in plan.priorities}
    mapped = {c.crime_type: priorities.get(c.priority_id, "") for c in plan.crime_types}
    kinds = [*mapped, *sorted({k for month in counts.values() for k in month} - set(mapped))]

    def total(kind: str, months: list[str]) -> int | None:
        return sum(counts.get(m, {}).get(kind, 0) for m in months) if all(m in held for m in months) else None

    rows = []
    for kind in kinds:
        years = (total(kind, windows[0]), total(kind, windows[1]), total(kind, windows[2]))
        latest = years[2]
        rows.append(CrimeTrend(
            crime_type=kind, priority=mapped.get(kind, ""), years=years, quarter=total(kind, months_back(end, 3)),
            same_quarter_last_year=total(kind, same),
            rate=round(latest * 1000 / population, 2) if latest is not None and population else None,
            trend=trend_word(years[0], years[2])))
    needed = sorted({m for months in (*windows, same) for m in months})
    return CrimeOverview(area=said, quarter=quarter, rows=tuple(rows), missing=tuple(m for m in needed if m not in held),
                         population=population), ""


def trend_word(first: float | None, last: float | None) -> str:
    """``Rising`` or ``Falling`` when the last year's count moved more than 5% from the first's, else
    ``Steady``; '' when either is unknown (a month missing), so no trend is read into a gap."""
    if first is None or last is None:
        return ""
    if first == 0:
        return "Rising" if last > 0 else "Steady"
    change = (last - first) / first
    return "Rising" if change > STEADY else "Falling" if change < -STEADY else "Steady"


def _quarters_back(as_of: date) -> list[Period]:
    """The quarters ended by ``as_of``, the latest first, back five years."""
    latest = period_of(as_of).previous()
    out = [latest]
    for _ in range(19):
        out.append(out[-1].previous())
    return out

