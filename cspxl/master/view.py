"""Where a period stands: who has returned, which actions are overdue, what needs correcting.

The master workbook and ``cspxl status`` both show this view; it is computed once, here, from the
plan and the register, for an as-of date (the rules that depend on today take it as an argument).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..cells import key
from ..crime import CrimeContext, crime_context
from ..errors import UsageError
from ..measures import MeasureState, measure_states
from ..periods import Period, ReturnsFor
from ..plan import Action, Partner, Plan
from ..problems import Problem, Severity
from ..recommendations.tracking import (
    RECOMMENDATIONS_SHEET,
    RecommendationState,
    Secrets,
    circulated,
    confidential_summary,
    recommendation_states,
)
from ..register import Answer, Register, trusted
from ..register.snapshot import Snapshot
from ..screening import Screener, kinds_found, redact, screener_for
from ..status import Status
from ..workspace import Workspace, expected_partners, quarter_leads
from .asof import as_of_for
from .trends import Movement, movement, target_changes

ReturnStatus = Literal["Received", "Received late", "Overdue", "Not yet due"]
RETURN_STATUSES: tuple[ReturnStatus, ...] = ("Received", "Received late", "Overdue", "Not yet due")


class ReturnState(BaseModel):
    """One partner's return for the period."""

    model_config = ConfigDict(frozen=True)

    partner: Partner
    status: ReturnStatus
    due: date
    first_received: datetime | None = None
    last_received: datetime | None = None
    days_late: int | None = None
    files: int = 0
    problems: tuple[Problem, ...] = ()
    rows_needing_correction: int = 0
    sent_on: datetime | None = None
    sent_as_draft: bool = False
    last_reminder: datetime | None = None
    reminders: int = 0


class SupportingUpdate(BaseModel):
    model_config = ConfigDict(frozen=True)

    partner: Partner
    answer: Answer | None


class ActionState(BaseModel):
    """One action of the plan as the period's returns leave it."""

    model_config = ConfigDict(frozen=True)

    action: Action
    priority: str
    lead: Partner
    answer: Answer | None = None
    #: The lead's completion in an earlier quarter of the year, when the action has not been reopened
    #: since and this quarter's return gives no other status: the action stays completed.
    completed: Answer | None = None
    supporting: tuple[SupportingUpdate, ...] = ()
    overdue: bool
    days_overdue: int | None = None
    needs_correction: bool = False
    support_needed: bool = False
    stale: bool = False
    #: The kinds of personal data in the updates the master shows for it (lead's and supporting partners').
    personal: str = ""
    #: How many of those updates hold personal data.
    personal_updates: int = 0
    #: The lead's status last quarter (across a year end too), as that quarter's master showed it.
    previous_status: str = ""
    movement: Movement = ""
    #: How many times the revised target date has changed this year.
    target_changes: int = 0

    @property
    def status(self) -> str:
        """The lead partner's accepted status; ``Completed`` for an action completed earlier in the year
        and not reopened; '' when there is none."""
        if self.answer and self.answer.status:
            return self.answer.status
        return Status.COMPLETED if self.completed else ""

    @property
    def date_completed(self) -> date | None:
        if self.answer and self.answer.status:
            return self.answer.date_completed
        return self.completed.date_completed if self.completed else None

    @property
    def percent(self) -> int | None:
        if self.answer and self.answer.status:
            return self.answer.percent
        return self.completed.percent if self.completed else None

    @property
    def no_update(self) -> bool:
        return not self.status


class Monitoring(BaseModel):
    """The whole view of one period."""

    model_config = ConfigDict(frozen=True)

    plan: Plan
    period: Period
    as_of: date
    due: date
    returns: tuple[ReturnState, ...]
    actions: tuple[ActionState, ...]
    problems: tuple[tuple[Partner, Problem], ...]
    #: The kinds of personal data found in each problem's file and sheet names, as typed by partners (their
    #: messages are screened when recorded): ``"name"``, or ``""``; one for each of ``problems``.
    problems_personal: tuple[str, ...] = ()
    history_periods: tuple[Period, ...]
    history: dict[str, tuple[str, ...]]
    #: A circulation copy: personal data in partners' text replaced by placeholders (see :func:`redacted`).
    redacted: bool = False
    #: Police.uk's crime counts around the quarter, for a plan that names its area (the master's view only).
    crime: CrimeContext | None = None
    #: Each success measure's figure, judged.
    measures: tuple[MeasureState, ...] = ()
    #: Each recommendation of a review as it stands; in a circulation copy, those still confidential without their
    #: words (see :func:`~cspxl.recommendations.tracking.circulated`).
    recommendations: tuple[RecommendationState, ...] = ()
    #: In a circulation copy, all it says of the open confidential recommendations ("3 confidential
    #: recommendations from 1 review, 1 overdue"); '' otherwise.
    confidential: str = ""
    #: The day the period's papers were as of when it was closed (``cspxl close``); ``None`` while open.
    closed_on: date | None = None
    #: The returns held since it was closed, applied only if it is reopened: each partner and when it came.
    held: tuple[tuple[str, datetime], ...] = ()

    @property
    def overdue_actions(self) -> list[ActionState]:
        return [a for a in self.actions if a.overdue]

    def returns_with(self, status: str) -> int:
        return sum(r.status == status for r in self.returns)

    @property
    def worse(self) -> list[ActionState]:
        """The actions whose status got worse since last quarter."""
        return [a for a in self.actions if a.movement == "Worse"]

    @property
    def personal_updates(self) -> int:
        """How many of the updates shown hold personal data."""
        return sum(a.personal_updates for a in self.actions)


def period_view(workspace: Workspace, period: Period, as_of: date | None = None, history: bool = True) -> Monitoring:
    """Where ``period`` stands in a workspace on ``as_of`` (default: the day it was closed on, or today;
    see :func:`~cspxl.master.asof.as_of_for`): what status and the master show (without ``history``, as
    :func:`monitor` says, what status needs)."""
    as_of = as_of_for(workspace, period, as_of, settled=False)
    plan = workspace.plan_for(period)
    before: Plan | None = None
    if history:
        with contextlib.suppress(UsageError):  # last quarter was of another year and never run here
            before = workspace.plan_for(period.previous())
    with workspace.register(readonly=True) as register:
        view = monitor(plan, register, period, as_of, before, history=history)
        closed = register.closure(period)
        update: dict[str, object] = {"closed_on": closed.on if closed else None,
                                     "held": tuple((r.partner, r.received_at) for r in register.held(period))}
        if history:
            update["crime"] = crime_context(plan, register, period)
        return view.model_copy(update=update)


def monitor(plan: Plan, register: Register, period: Period, as_of: date, previous_plan: Plan | None = None,
            history: bool = True) -> Monitoring:
    """Compute where ``period`` stands on ``as_of`` from the plan and the register.

    ``previous_plan`` is last quarter's, to say how each action moved since (the same plan, for a
    quarter after the first of its year, when not given).  Without ``history`` the actions carry no
    history, previous status, movement or target date changes: ``cspxl status`` shows none of
    them, and need not read every earlier quarter to say who has returned.
    """
    due = period.due(plan.settings.return_due_days)
    until = datetime.combine(as_of, time.max)  # only what had arrived by the end of the as-of day
    returns: list[ReturnState] = []
    problems: list[tuple[Partner, Problem]] = []
    current: dict[str, dict[str, Answer]] = {}
    # The name lists take a moment to load, and only updates recorded before cspxl screened need them.
    screener = functools.cache(lambda: screener_for(plan.settings.allowed_names))
    received = register.as_at(until)
    for partner in expected_partners(plan, register, period, until):
        answers = received.answers(period, partner.id)
        state = return_state(register, partner, period, due, as_of, until, answers)
        state = state.model_copy(update=messages_of(register, partner, period, until))
        returns.append(state)
        problems.extend((partner, p) for p in state.problems)
        current[partner.id] = {a: _screened(answer, screener) for a, answer in answers.items()}
    previous = received.period(period.previous())
    completed = received.completed_earlier(period, quarter_leads(register, plan, period.earlier_in_year()))
    actions = [_action_state(plan, a, current, previous, as_of, completed.get(a.id)) for a in plan.actions]
    measures = measure_states(plan, received, period)
    recs = tuple(recommendation_states(plan, register, as_of, period, until))
    # Every problem of a file names the same file and one of a few sheets: each pair is screened once.
    names_in = functools.cache(lambda file, sheet: kinds_found([*screener()(file), *screener()(sheet)]))
    named = tuple(names_in(p.file, p.sheet) for _, p in problems)
    if not history:
        return Monitoring(plan=plan, period=period, as_of=as_of, due=due, returns=tuple(returns),
                          actions=tuple(actions), problems=tuple(problems), problems_personal=named,
                          history_periods=(), history={}, measures=measures, recommendations=recs)
    history_periods = tuple(_year_so_far(period))
    leads = quarter_leads(register, plan, history_periods)  # each quarter's status is that quarter's lead's
    statuses = {a.id: tuple(_accepted_status(received.answers(q, leads[q][a.id]).get(a.id)) if a.id in leads[q] else ""
                            for q in history_periods) for a in plan.actions}
    before = previous_plan or (plan if period.quarter > 1 else None)
    actions = _with_trends(actions, register, received, plan, period, before)
    return Monitoring(plan=plan, period=period, as_of=as_of, due=due, returns=tuple(returns), actions=tuple(actions),
                      problems=tuple(problems), problems_personal=named, history_periods=history_periods,
                      history=statuses, measures=measures, recommendations=recs)


def return_state(register: Register, partner: Partner, period: ReturnsFor, due: date, as_of: date,
                  until: datetime, answers: dict[str, Answer]) -> ReturnState:
    """Whether the partner's return came, when, and what its current file (with ``answers``) needs."""
    records = register.submissions(period, partner.id, until)
    if not records:
        overdue = as_of > due
        return ReturnState(partner=partner, status="Overdue" if overdue else "Not yet due", due=due,
                           days_late=(as_of - due).days if overdue else None)
    first = min(r.received_at for r in records)
    current = max(records, key=lambda r: (r.received_at, r.id))  # the rule of Register.current
    late = (first.date() - due).days
    open_problems = tuple(p for p in register.problems(current.id) if p.severity is not Severity.INFO)
    return ReturnState(
        partner=partner, status="Received late" if late > 0 else "Received", due=due, first_received=first,
        last_received=current.received_at, days_late=late if late > 0 else None, files=len(records),
        problems=open_problems, rows_needing_correction=sum(a.needs_correction for a in answers.values()),
    )


def messages_of(register: Register, partner: Partner, period: ReturnsFor, until: datetime) -> dict[str, object]:
    """When the return was first sent (or drafted) and how often, and when last, the partner was chased."""
    sent = register.messages(period, partner.id, "issue", until)
    chased = register.messages(period, partner.id, "reminder", until)
    return {"sent_on": sent[0].sent_at if sent else None, "sent_as_draft": bool(sent) and sent[0].mode == "draft",
            "last_reminder": chased[-1].sent_at if chased else None, "reminders": len(chased)}


def _action_state(plan: Plan, action: Action, current: dict[str, dict[str, Answer]],
                  previous: dict[str, dict[str, Answer]], as_of: date, completed: Answer | None) -> ActionState:
    lead = plan.partner(action.lead)
    priority = plan.priority(action.priority_id)
    assert lead is not None and priority is not None
    lead_answer = current.get(action.lead, {}).get(action.id)
    accepted = lead_answer if lead_answer and lead_answer.accepted else None
    supporting = tuple(
        trusted(SupportingUpdate, partner=p, answer=current.get(p.id, {}).get(action.id))
        for p in (plan.partner(pid) for pid in action.supporting) if p is not None
    )
    all_answers = [a for a in (lead_answer, *(s.answer for s in supporting)) if a is not None]
    shown = [a for a in (accepted, *(s.answer for s in supporting)) if a is not None and a.accepted]
    findings = [f for a in shown for f in a.personal or ()]
    target = (accepted.revised_target if accepted else None) or action.target_date
    status = accepted.status if accepted and accepted.status else (Status.COMPLETED if completed else None)
    overdue = target < as_of and status != Status.COMPLETED
    before = previous.get(action.lead, {}).get(action.id)
    stale = bool(accepted and accepted.progress and before and before.accepted
                 and _same_text(accepted.progress, before.progress))
    return trusted(
        ActionState, action=action, priority=priority.name, lead=lead, answer=accepted, supporting=supporting,
        completed=completed if not (accepted and accepted.status) else None,  # a status this quarter wins
        overdue=overdue, days_overdue=(as_of - target).days if overdue else None,
        needs_correction=any(a.needs_correction for a in all_answers),
        support_needed=any(a.accepted and a.support_needed == "Yes" for a in all_answers),
        stale=stale, personal=kinds_found(findings), personal_updates=sum(bool(a.personal) for a in shown),
    )


def _screened(answer: Answer, screener: Callable[[], Screener]) -> Answer:
    """An answer recorded before cspxl screened updates, screened now; others as they are."""
    if answer.personal is not None:
        return answer
    return answer.model_copy(update={"personal": tuple(screener()(answer.progress))})


#: What a circulation copy says of a problem on a return's Recommendations sheet that could name a confidential one.
CONFIDENTIAL_PROBLEM = "a problem with a recommendation of a review still confidential (the full master shows it)"


def redacted(view: Monitoring) -> Monitoring:
    """The view as a circulation copy shows it: each finding in partners' text replaced by a
    placeholder naming its kind (``[name removed]``), in the updates and in the problems; of the recommendations
    still confidential, nothing but their dates and statuses, and no problem that could quote them."""
    screener = screener_for(view.plan.settings.allowed_names)

    def answer(a: Answer | None) -> Answer | None:
        if a is None or not a.personal:
            return a
        return a.model_copy(update={"progress": redact(a.progress, a.personal)})

    secrets = Secrets(view.recommendations)

    def problem(p: Problem) -> Problem:
        on_sheet = key(p.sheet) == key(RECOMMENDATIONS_SHEET) and (p.action.casefold() in secrets.ids or not p.action)
        if secrets and (on_sheet or any(secrets.quoted_in(text) for text in (p.message, p.fix, p.file, p.action))):
            return p.model_copy(update={"message": CONFIDENTIAL_PROBLEM, "fix": "See the full master.", "action": ""})
        changed = {name: redact(value, found) for name in ("message", "file", "sheet")
                   if (found := screener(value := getattr(p, name)))}
        return p.model_copy(update=changed) if changed else p

    actions = tuple(a.model_copy(update={
        "answer": answer(a.answer),
        "supporting": tuple(s.model_copy(update={"answer": answer(s.answer)}) for s in a.supporting),
    }) for a in view.actions)
    returns = tuple(r.model_copy(update={"problems": tuple(problem(p) for p in r.problems)}) for r in view.returns)
    problems = tuple((partner, problem(p)) for partner, p in view.problems)
    measures = tuple(m.model_copy(update={"comment": redact(m.comment, m.personal)}) if m.personal else m
                     for m in view.measures)
    return view.model_copy(update={"actions": actions, "returns": returns, "problems": problems, "measures": measures,
                                   "recommendations": circulated(view.recommendations),
                                   "confidential": confidential_summary(view.recommendations), "redacted": True})


def _with_trends(actions: list[ActionState], register: Register, received: Snapshot, plan: Plan, period: Period,
                 previous_plan: Plan | None) -> list[ActionState]:
    """Each action with last quarter's status, its movement since, and its target date changes, each
    quarter's answer taken from that quarter's lead."""
    before = period.previous()
    leads = {a.id: a.lead for a in previous_plan.actions} if previous_plan else {}
    done_before = received.completed_earlier(before, quarter_leads(register, previous_plan, before.earlier_in_year())) \
        if previous_plan else {}
    year = quarter_leads(register, plan, _year_so_far(period))
    out = []
    for state in actions:
        a = state.action
        was = _accepted_status(received.answers(before, leads[a.id]).get(a.id)) if a.id in leads else ""
        was = was or (Status.COMPLETED if a.id in done_before else "")
        changes = target_changes(a.target_date, (
            received.answers(q, year[q][a.id]).get(a.id) if a.id in year[q] else None for q in year))
        out.append(trusted(ActionState, **{**dict(state), "previous_status": was, "target_changes": changes,
                                           "movement": movement(was, state.status, bool(leads) and a.id not in leads)}))
    return out


def _accepted_status(answer: Answer | None) -> str:
    return (answer.status or "") if answer and answer.accepted else ""


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _year_so_far(period: Period) -> list[Period]:
    return [Period(year=period.year, quarter=q) for q in range(1, period.quarter + 1)]
