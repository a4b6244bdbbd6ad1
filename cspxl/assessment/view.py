"""The strategic assessment of a year, as of a day: crime, the partners' indicators, the year's delivery, the
scoring and the ranking it gives, beside last year's.

Every figure comes from the register: police.uk's counts imported there, the partners' accepted returns
(through the year view, the same figures as the year's workbook), and the scoring read back from the
workshop.  What is missing is said, with whose it is, never counted as none.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from ..crime.context import months_back
from ..crime.imports import area_of
from ..periods import Period, fy_label, period_of
from ..plan import Plan
from ..register import Register
from ..register.crime import crime_counts, crime_months
from ..register.scorings import latest_scoring
from ..workspace import Workspace
from ..year.view import year_view
from .scoring import Ranked, Scoring, ranking

#: How far (as a share) a count may move over the three years and still be called steady.
STEADY = 0.05
ON_SCHEDULE = ("Completed", "On track")


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
    """A partner's indicator, and whether its figures are in."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    supplier: str
    priorities: tuple[str, ...]
    #: Why it has no figures, naming whose they are; '' once they are in.
    missing: str


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
    #: Last year's ranking, when last year's assessment was scored here.
    last_ranked: tuple[Ranked, ...] = ()
    #: The file the scoring came from.
    scored_from: str = ""

    @property
    def name(self) -> str:
        return f"Strategic Assessment {self.year}"


def assessment(workspace: Workspace, year: int, as_of: date | None = None) -> Assessment:
    """The strategic assessment carried out in the financial year starting in ``year``, as of ``as_of``
    (default today): its crime to the latest quarter imported, its delivery the year's so far."""
    as_of = as_of or date.today()
    # The indicators, criteria and priorities as the plan stands: they are set in the autumn, after the
    # year's first quarters were generated from (and keep) an older plan.
    plan = workspace.plan
    view = year_view(workspace, year, as_of)
    with workspace.register(readonly=True) as register:
        scored = latest_scoring(register, fy_label(year))
        before = latest_scoring(register, fy_label(year - 1))
        crime, no_crime = _crime(plan, register, as_of)
    scoring = Scoring.model_validate_json(scored[0]) if scored else None
    last = Scoring.model_validate_json(before[0]) if before else None
    names = {p.id: p.name for p in plan.partners}
    indicators = tuple(IndicatorState(
        id=i.id, text=i.text, supplier=names.get(i.supplier, i.supplier),
        priorities=tuple(p.name for p in plan.priorities if p.id in i.priority_ids),
        missing=f"no figures received from {names.get(i.supplier, i.supplier)}") for i in plan.indicators)
    delivery = []
    for name, actions in view.by_priority():
        measures = [m for m in view.measures if m.priority == name]
        latest = [next((r for r in reversed(m.rags) if r in ("Green", "Amber", "Red")), "") for m in measures]
        delivery.append(PriorityDelivery(
            priority=name, actions=len(actions), completed=sum(a.year_end == "Completed" for a in actions),
            on_schedule=sum(a.year_end in ON_SCHEDULE for a in actions),
            measures=len([m for m in measures if m.measure.target is not None]), met=latest.count("Green")))
    return Assessment(year=fy_label(year), as_of=as_of, plan=plan, crime=crime, no_crime=no_crime,
                      indicators=indicators, delivery=tuple(delivery), scoring=scoring,
                      ranked=tuple(ranking(scoring)) if scoring else (),
                      last_ranked=tuple(ranking(last)) if last else (), scored_from=scored[1] if scored else "")


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

