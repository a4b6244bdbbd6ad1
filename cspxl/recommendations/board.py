"""The board's decisions on recommendations: signing off what is implemented or not accepted, and reopening.

A sign-off closes a recommendation: it leaves the returns, and the master and the papers show it signed off.
Only an implemented or not-accepted one can be signed off, since that is what the board is asked to accept.
Reopening brings one back, with the reason recorded.  Each decision is kept; none is changed or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from ..errors import UsageError
from ..plan import Plan, Recommendation
from ..register import Register
from ..register.recommendations import Decision, record_decision
from ..workspace import Workspace
from .tracking import NO_UPDATE, SIGNABLE, RecommendationState, every_recommendation, recommendation_states


def find_recommendation(plan: Plan, wanted: str) -> Recommendation:
    """The plan's recommendation of an ID (any case), or a sentence naming those there are."""
    found = next((r for r in plan.recommendations if r.id.casefold() == wanted.strip().casefold()), None)
    if found is None:
        known = ", ".join(r.id for r in plan.recommendations) or "none: the plan has no Recommendations sheet rows"
        raise UsageError(f"recommendation '{wanted}' is not in the plan's Recommendations sheet; it holds {known}.")
    return found


def signoff(workspace: Workspace, ids: Sequence[str], on: date, by: str = "",
            now: datetime | None = None) -> list[RecommendationState]:
    """Record that the board accepted each recommendation of ``ids`` on ``on`` (``by``: who, if said): all or none.

    Each must be implemented or not accepted, and not signed off already.  Returns where each stood when signed
    off.
    """
    if on > date.today():
        raise UsageError(f"{on:%d/%m/%Y} is still to come; give the day the board signed them off.")
    plan = workspace.plan
    with workspace.register() as register:
        _refuse_presented(register, on)
        # As the board saw them: what their owners had reported by the end of that day.
        standing = {s.recommendation.id: s for s in recommendation_states(
            plan, register, on, until=datetime.combine(on, time.max))}
        chosen = [standing[find_recommendation(plan, wanted).id] for wanted in dict.fromkeys(ids)]
        for state in chosen:
            rec = state.recommendation
            if state.closed and state.signed_off is not None:
                raise UsageError(f"recommendation {rec.id} was signed off on {state.signed_off.on:%d/%m/%Y} already; "
                                 f"'cspxl reopen {rec.id} --reason …' brings it back.")
            if state.status not in SIGNABLE:
                said = "has no update yet" if state.status == NO_UPDATE else f"is {state.status}"
                raise UsageError(f"recommendation {rec.id} {said}, so it cannot be signed off: only an "
                                 "Implemented or Not accepted recommendation can be; its owner reports that in their "
                                 "return.")
            if on < rec.made:
                raise UsageError(f"{on:%d/%m/%Y} is before recommendation {rec.id} was made ({rec.made:%d/%m/%Y}); "
                                 "give the day the board signed it off.")
        at = now or datetime.now()
        for state in chosen:
            record_decision(register, Decision(recommendation_id=state.recommendation.id, event="signed off",
                                               status=state.status, on=on, by=by.strip(), recorded_at=at))
    return chosen


def reopen_recommendation(workspace: Workspace, wanted: str, reason: str, on: date | None = None,
                          now: datetime | None = None) -> Decision:
    """Bring a signed-off recommendation back into the returns, with why; it stands In progress until its owner
    reports again."""
    plan = workspace.plan
    day = on or date.today()
    with workspace.register() as register:
        earlier = {r.id.casefold(): r for r in every_recommendation(plan, register)}
        if (old := earlier.get(wanted.strip().casefold())) is not None and plan.recommendation(old.id) is None:
            raise UsageError(f"recommendation {old.id} was signed off and left in an earlier year's plan, so no return "
                             "asks about it; add its row back to plan.xlsx's Recommendations sheet, then reopen it.")
        rec = find_recommendation(plan, wanted)
        if not reason.strip():
            raise UsageError("say why the recommendation is reopened with --reason, e.g. --reason \"the audit found "
                             "the training was not delivered\".")
        _refuse_presented(register, day)
        (state,) = [s for s in recommendation_states(plan, register, day) if s.recommendation.id == rec.id]
        if not state.closed:
            raise UsageError(f"recommendation {rec.id} is open ({state.status}), so there is nothing to reopen.")
        decision = Decision(recommendation_id=rec.id, event="reopened", status=state.status, on=day,
                            reason=" ".join(reason.split()), recorded_at=now or datetime.now())
        record_decision(register, decision)
    return decision


def _refuse_presented(register: Register, on: date) -> None:
    """A decision counts from its day: one dated on or before the day a closed quarter's papers were as of would
    change what went to the board, so it is refused."""
    for closure in register.closed_periods():
        if on <= closure.on:
            raise UsageError(f"{on:%d/%m/%Y} is on or before {closure.on:%d/%m/%Y}, the day {closure.period}'s papers "
                             f"were as of when they went to the board, and a decision dated then would change them; "
                             f"give the day of the meeting that took it (after {closure.on:%d/%m/%Y}), or 'cspxl "
                             f"reopen {closure.period}' first.")
