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
from .rules import Rag, Trend, change, rag, trend


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


def measure_states(plan: Plan, received: Snapshot, period: Period) -> tuple[MeasureState, ...]:
    """Each of the plan's measures in ``period``, from the returns in ``received``."""
    last_year = Period(year=period.year - 1, quarter=period.quarter)
    out = []
    for m in plan.measures:
        owner, priority = plan.partner(m.owner), plan.priority(m.priority_id)
        assert owner is not None and priority is not None  # the plan was checked
        now = figure(received, period, m, owner.id)
        value = now.value if now else None
        before, year_ago = (f.value if (f := figure(received, p, m, owner.id)) else None
                            for p in (period.previous(), last_year))
        out.append(MeasureState(measure=m, priority=priority.name, owner=owner, value=value, previous=before,
                                last_year=year_ago, change=change(value, year_ago), rag=rag(m, value),
                                trend=trend(m, value, year_ago), comment=now.comment if now else "",
                                personal=(now.personal or ()) if now else ()))
    return tuple(out)


def figure(received: Snapshot, period: Period, measure: Measure, owner: str) -> Figure | None:
    """A measure's accepted figure in a period: the owner's, or (the owner having changed) whoever
    else sent one; ``None`` when there is none."""
    sent = received.figures(str(period))
    for partner in (owner, *sorted(p for p in sent if p != owner)):
        found = sent.get(partner, {}).get(measure.id)
        if found is not None and found.accepted and found.value is not None:
            return found
    return None
