"""A financial year as a whole: each action's status quarter by quarter, each partner's returns, each priority.

Each quarter is seen as its own master sees it (the plan it was generated from, what had arrived by
the as-of day); a quarter whose returns are not yet due says so.
"""

from __future__ import annotations

from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict

from ..master.view import ActionState, Monitoring, monitor
from ..measures import MeasureState
from ..periods import FinancialYear, Period, fy_label, refuse_before, year_span
from ..plan import Action, Measure, Partner, Plan
from ..recommendations.tracking import RecommendationYear, recommendation_states, year_counts
from ..register import Answer
from ..workspace import Workspace, quarter_leads

NOT_YET_DUE = "Not yet due"
NOT_EXPECTED = "Not expected"
#: An action's quarter before it was added to the plan, or after it was taken out.
NOT_IN_PLAN = "Not in the plan"
#: The year-end status of an action in the plan of an earlier quarter of the year but not in the last one's.
WITHDRAWN = "Withdrawn"


class YearAction(BaseModel):
    """One action of the year, with its lead's accepted status in each quarter and at the year's end."""

    model_config = ConfigDict(frozen=True)

    action: Action
    priority: str
    lead: Partner
    #: Each quarter's accepted lead status ('' when none), ``Not yet due``, or ``Not in the plan``.
    quarters: tuple[str, ...]
    #: The latest accepted status, or ``Withdrawn`` for an action no longer in the plan.
    year_end: str
    #: For a withdrawn action, the last quarter whose plan held it (``Q2``); '' for the rest.
    last_in_plan: str = ""

    @property
    def withdrawn(self) -> bool:
        return self.year_end == WITHDRAWN


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
    #: Each quarter's RAG, ``Not yet due`` or ``Not in the plan``.
    rags: tuple[str, ...]
    #: Each quarter: its figure was sent back for correction (and not yet corrected).
    sent_back: tuple[bool, ...] = ()
    #: The quarters' figures added up, for a count with a year's target, as of the latest quarter seen.
    year_to_date: float | None = None
    #: That count's year to date as each quarter's master had it (what each quarter's RAG judged).
    to_date: tuple[float | None, ...] = ()
    #: The rule the latest quarter's RAG was judged by.
    rule: str = ""


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
    #: Whether every quarter's returns were due by the as-of day (the year is over, not "so far").
    ended: bool = False
    #: The recommendations of reviews made, implemented, signed off and open over the year (``None``: the plan has
    #: none).
    recommendations: RecommendationYear | None = None

    @property
    def in_plan(self) -> list[YearAction]:
        """The actions in the plan at the end of the year (so far): the ones every total counts."""
        return [a for a in self.actions if not a.withdrawn]

    @property
    def withdrawn(self) -> list[YearAction]:
        """The actions taken out of the plan during the year, counted in no total."""
        return [a for a in self.actions if a.withdrawn]

    def by_priority(self) -> list[tuple[str, list[YearAction]]]:
        """The actions in the plan at the year's end grouped by priority, in the plan's order of priorities."""
        names = [p.name for p in self.plan.priorities]
        names += [a.priority for a in self.in_plan if a.priority not in names]
        return [(name, [a for a in self.in_plan if a.priority == name]) for name in dict.fromkeys(names)]


def year_view(workspace: Workspace, year: FinancialYear, as_of: date | None = None) -> YearView:
    """The financial year starting in ``year``, as of ``as_of`` (default today).

    Each quarter under way is seen exactly as its own master sees it on ``as_of`` (a return in on
    its due day is ``Received`` in both); a quarter not yet begun is ``Not yet due``.
    """
    quarters = tuple(Period(year=year, quarter=q) for q in range(1, 5))
    as_of = refuse_before(as_of or date.today(), quarters[0].start, fy_label(year))
    plans = [workspace.plan_for(q) for q in quarters]  # a quarter not generated yet: the plan as it stands
    with workspace.register(readonly=True) as register:
        seen = [monitor(plan, register, q, as_of, history=False) if as_of >= q.start else None
                for q, plan in zip(quarters, plans, strict=True)]
        latest = register.latest_accepted(quarter_leads(register, plans[-1], reversed(quarters)),
                                          datetime.combine(as_of, time.max))
        first, last = year_span(year)
        until = min(as_of, last)
        # The year's figures as they stood at its end: a decision taken since (a reopening) changes none of them.
        recs = year_counts(recommendation_states(plans[-1], register, until, quarters[-1],
                                                 datetime.combine(as_of, time.max), decided_by=last), first, until) \
            if plans[-1].recommendations else None
    ended = as_of > quarters[-1].due(plans[-1].settings.return_due_days)
    return YearView(year=fy_label(year), as_of=as_of, plan=plans[-1], quarters=quarters,
                    actions=_actions(plans, seen, latest), returns=_returns(plans, seen),
                    measures=_measures(plans[-1], seen), ended=ended, recommendations=recs)


def _actions(plans: list[Plan], seen: list[Monitoring | None], latest: dict[str, Answer]) -> tuple[YearAction, ...]:
    by_id: dict[str, tuple[Action, Plan]] = {}
    for plan in plans:  # the latest quarter's wording and lead win
        by_id |= {a.id: (a, plan) for a in plan.actions}
    indexed = [{s.action.id: s for s in view.actions} if view else None for view in seen]
    out = []
    for action_id, (action, plan) in by_id.items():
        quarters = tuple(NOT_IN_PLAN if plan_q.action(action_id) is None else NOT_YET_DUE if states is None
                         else _accepted(states[action_id], view) for plan_q, states, view
                         in zip(plans, indexed, seen, strict=True))
        answer = latest.get(action_id)
        priority, lead = plan.priority(action.priority_id), plan.partner(action.lead)
        assert priority is not None and lead is not None
        held = [n for n, p in enumerate(plans, start=1) if p.action(action_id) is not None]
        withdrawn = plans[-1].action(action_id) is None
        out.append(YearAction(action=action, priority=priority.name, lead=lead, quarters=quarters,
                              year_end=WITHDRAWN if withdrawn else (answer.status or "") if answer else "",
                              last_in_plan=f"Q{held[-1]}" if withdrawn else ""))
    return tuple(out)


def _accepted(state: ActionState, view: Monitoring | None) -> str:
    """The lead's accepted status in the quarter (a completion carried from earlier is not one);
    ``Not yet due`` for none while the quarter's returns are not yet due."""
    status = (state.answer.status or "") if state.answer else ""
    return status or (NOT_YET_DUE if view is not None and view.as_of <= view.due else "")


def _measures(plan: Plan, seen: list[Monitoring | None]) -> tuple[YearMeasure, ...]:
    """The measures of the latest quarter's plan, each quarter's figure as that quarter's master has it."""
    indexed = [{s.measure.id: s for s in view.measures} if view else None for view in seen]
    out = []
    for m in plan.measures:
        states = [None if by_id is None else by_id.get(m.id) for by_id in indexed]
        priority, owner = plan.priority(m.priority_id), plan.partner(m.owner)
        assert priority is not None and owner is not None
        latest = next((s for s in reversed(states) if s is not None), None)
        out.append(YearMeasure(measure=m, priority=priority.name, owner=owner,
                               values=tuple(s.value if s else None for s in states),
                               rags=tuple(_rag(view, s) for view, s in zip(seen, states, strict=True)),
                               sent_back=tuple(bool(s and s.needs_correction) for s in states),
                               year_to_date=latest.year_to_date if latest else None,
                               to_date=tuple(s.year_to_date if s else None for s in states),
                               rule=latest.rule if latest else ""))
    return tuple(out)


def _rag(view: Monitoring | None, state: MeasureState | None) -> str:
    """A quarter's RAG as its master has it; ``Not yet due`` while no figure is in and none is due yet."""
    if view is None or (state is not None and state.value is None and view.as_of <= view.due):
        return NOT_YET_DUE
    return state.rag if state is not None else NOT_IN_PLAN


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
