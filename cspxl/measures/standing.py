"""Where each success measure stands in a quarter: its figure, last quarter's and last year's, judged.

A measure's figure for a quarter is its owner's, from the owner's current return (a figure that
needs correction is no figure).  When the owner changed, the figure of whoever sent one counts, so
a quarter of the old owner's is not lost.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..periods import Period
from ..plan import Measure, Partner, Plan
from ..register import Figure
from ..register.snapshot import Snapshot
from ..screening import Finding
from .judged import judge, year_to_date
from .rules import Rag, Trend, change, trend


class MeasureState(BaseModel):
    """One measure of the plan as the quarter's returns leave it."""

    model_config = ConfigDict(frozen=True)

    measure: Measure
    priority: str
    owner: Partner
    value: float | None = None
    previous: float | None = None
    last_year: float | None = None
    #: Against the same quarter last year, as a share of last year's figure (0.25: up a quarter).
    change: float | None = None
    rag: Rag = "Grey"
    trend: Trend = ""
    #: The owner's comment on this quarter's figure, as typed, and the personal data found in it.
    comment: str = ""
    personal: tuple[Finding, ...] = ()
    #: The quarters' figures added up, for a count with a year's target (``None`` otherwise, or when a
    #: quarter has no figure).
    year_to_date: float | None = None
    #: The rule the RAG was judged by, with its figures ("The year to date (Q1 to Q2), 23, against 17.5 ...").
    rule: str = ""
    #: This quarter's figure was sent back for correction: no figure, and Grey, until it comes back.
    needs_correction: bool = False


def measure_states(plan: Plan, received: Snapshot, period: Period) -> tuple[MeasureState, ...]:
    """Each of the plan's measures in ``period``, from the returns in ``received``."""
    last_year = Period(year=period.year - 1, quarter=period.quarter)
    year_so_far = [Period(year=period.year, quarter=q) for q in range(1, period.quarter + 1)]
    out = []
    for m in plan.measures:
        owner, priority = plan.partner(m.owner), plan.priority(m.priority_id)
        assert owner is not None and priority is not None  # the plan was checked
        now = figure(received, period, m, owner.id)
        value = now.value if now else None
        before, year_ago = (f.value if (f := figure(received, p, m, owner.id)) else None
                            for p in (period.previous(), last_year))
        sent_back = now is None and _sent_back(received, period, m, owner.id)
        figures = [value if q == period else (f.value if (f := figure(received, q, m, owner.id)) else None)
                   for q in year_so_far]
        judged = judge(m, period.quarter, figures, sent_back)
        out.append(MeasureState(measure=m, priority=priority.name, owner=owner, value=value, previous=before,
                                last_year=year_ago, change=change(value, year_ago), rag=judged.rag,
                                trend=trend(m, value, year_ago), comment=now.comment if now else "",
                                personal=(now.personal or ()) if now else (),
                                year_to_date=year_to_date(figures) if m.summed else None, rule=judged.rule,
                                needs_correction=sent_back))
    return tuple(out)


def figure(received: Snapshot, period: Period, measure: Measure, owner: str) -> Figure | None:
    """A measure's accepted figure in a period: the owner's, or (the owner having changed) whoever
    else sent one; ``None`` when there is none."""
    sent = received.figures(period)
    for partner in (owner, *sorted(p for p in sent if p != owner)):
        found = sent.get(partner, {}).get(measure.id)
        if found is not None and found.accepted and found.value is not None:
            return found
    return None


def _sent_back(received: Snapshot, period: Period, measure: Measure, owner: str) -> bool:
    """Whether the owner's current return gives the measure a figure that needs correction."""
    found = received.figures(period).get(owner, {}).get(measure.id)
    return found is not None and found.needs_correction
