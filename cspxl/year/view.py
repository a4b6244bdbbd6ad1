"""A financial year as a whole: each action's status quarter by quarter, each partner's returns, each priority.

Each quarter is seen as its own master sees it (the plan it was generated from, what had arrived by
the as-of day); a quarter whose returns are not yet due says so.
"""

from __future__ import annotations

from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict

from ..master.view import ActionState, Monitoring, monitor
from ..periods import Period, fy_label
from ..plan import Action, Measure, Partner, Plan
from ..register import Answer
from ..workspace import Workspace, quarter_leads

NOT_YET_DUE = "Not yet due"
NOT_EXPECTED = "Not expected"
#: An action's quarter before it was added to the plan, or after it was taken out.
NOT_IN_PLAN = "Not in the plan"


class YearAction(BaseModel):
    """One action of the year, with its lead's accepted status in each quarter and at the year's end."""

    model_config = ConfigDict(frozen=True)

    action: Action
    priority: str
    lead: Partner
    #: Each quarter's accepted lead status ('' when none), ``Not yet due``, or ``Not in the plan``.
    quarters: tuple[str, ...]
    year_end: str


class YearReturns(BaseModel):
    """One partner's returns over the year."""

    model_config = ConfigDict(frozen=True)

    partner: Partner
    #: Each quarter's return status as that quarter's master says it, ``Not expected`` or ``Not yet due``.
    quarters: tuple[str, ...]

    @property
    def on_time(self) -> int:
        return sum(q == "Received" for q in self.quarters)


class YearMeasure(BaseModel):
    """One success measure of the year, with its figure and RAG in each quarter."""

    model_config = ConfigDict(frozen=True)

    measure: Measure
    priority: str
    owner: Partner
    #: Each quarter's accepted figure (``None`` when none, or when the quarter is not yet due).
    values: tuple[float | None, ...]
    #: Each quarter's RAG, or ``Not yet due``.
    rags: tuple[str, ...]


class YearView(BaseModel):
    """The whole of one financial year as of a day."""

    model_config = ConfigDict(frozen=True)

    year: str
    as_of: date
    plan: Plan
    quarters: tuple[Period, ...]
    actions: tuple[YearAction, ...]
    returns: tuple[YearReturns, ...]
    measures: tuple[YearMeasure, ...] = ()

    def by_priority(self) -> list[tuple[str, list[YearAction]]]:
        """The year's actions grouped by priority, in the plan's order of priorities."""
        names = [p.name for p in self.plan.priorities]
        names += [a.priority for a in self.actions if a.priority not in names]
        return [(name, [a for a in self.actions if a.priority == name]) for name in dict.fromkeys(names)]


def year_view(workspace: Workspace, year: int, as_of: date | None = None) -> YearView:
    """The financial year starting in ``year``, as of ``as_of`` (default today)."""
    as_of = as_of or date.today()
    quarters = tuple(Period(year=year, quarter=q) for q in range(1, 5))
    plans = [workspace.plan_for(q) for q in quarters]  # a quarter not generated yet: the plan as it stands
    with workspace.register(readonly=True) as register:
        seen = [monitor(plan, register, q, as_of, history=False) if as_of > q.due(plan.settings.return_due_days) else None
                for q, plan in zip(quarters, plans, strict=True)]
        latest = register.latest_accepted(quarter_leads(register, plans[-1], reversed(quarters)),
                                          datetime.combine(as_of, time.max))
    return YearView(year=fy_label(year), as_of=as_of, plan=plans[-1], quarters=quarters,
                    actions=_actions(plans, seen, latest), returns=_returns(plans, seen),
                    measures=_measures(plans[-1], seen))


def _actions(plans: list[Plan], seen: list[Monitoring | None], latest: dict[str, Answer]) -> tuple[YearAction, ...]:
    by_id: dict[str, tuple[Action, Plan]] = {}
    for plan in plans:  # the latest quarter's wording and lead win
        by_id |= {a.id: (a, plan) for a in plan.actions}
    indexed = [{s.action.id: s for s in view.actions} if view else None for view in seen]
    out = []
    for action_id, (action, plan) in by_id.items():
        quarters = tuple(NOT_YET_DUE if states is None else NOT_IN_PLAN if action_id not in states
                         else _accepted(states[action_id]) for states in indexed)
        answer = latest.get(action_id)
        priority, lead = plan.priority(action.priority_id), plan.partner(action.lead)
        assert priority is not None and lead is not None
        out.append(YearAction(action=action, priority=priority.name, lead=lead, quarters=quarters,
                              year_end=(answer.status or "") if answer else ""))
    return tuple(out)


def _accepted(state: ActionState) -> str:
    """The lead's accepted status in the quarter (a completion carried from earlier is not one)."""
    return (state.answer.status or "") if state.answer else ""


def _measures(plan: Plan, seen: list[Monitoring | None]) -> tuple[YearMeasure, ...]:
    """The measures of the latest quarter's plan, each quarter's figure as that quarter's master has it."""
    indexed = [{s.measure.id: s for s in view.measures} if view else None for view in seen]
    out = []
    for m in plan.measures:
        states = [None if by_id is None else by_id.get(m.id) for by_id in indexed]
        priority, owner = plan.priority(m.priority_id), plan.partner(m.owner)
        assert priority is not None and owner is not None
        out.append(YearMeasure(measure=m, priority=priority.name, owner=owner,
                               values=tuple(s.value if s else None for s in states),
                               rags=tuple(NOT_YET_DUE if by_id is None else s.rag if s else NOT_IN_PLAN
                                          for by_id, s in zip(indexed, states, strict=True))))
    return tuple(out)


def _returns(plans: list[Plan], seen: list[Monitoring | None]) -> tuple[YearReturns, ...]:
    partners: dict[str, Partner] = {}
    for plan in plans:
        partners |= {p.id: p for p in plan.partners_returning()}
    out = []
    for pid, partner in partners.items():
        quarters = []
        for view in seen:
            if view is None:
                quarters.append(NOT_YET_DUE)
                continue
            state = next((r for r in view.returns if r.partner.id == pid), None)
            quarters.append(state.status if state else NOT_EXPECTED)
        out.append(YearReturns(partner=partner, quarters=tuple(quarters)))
    return tuple(out)
