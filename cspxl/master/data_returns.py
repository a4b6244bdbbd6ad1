"""Who has sent their data return for a strategic assessment's round: the status of the round, as ``status`` shows a
quarter's.

Each supplier's return is Received, Received late, Overdue or Not yet due by the round's due day, with the files
that came, their problems, and when it was sent and chased: the same states as a quarter's returns.
"""

from __future__ import annotations

from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict

from ..periods import AssessmentRound, refuse_before
from ..plan import Plan
from ..workspace import Workspace
from .view import ReturnState, messages_of, return_state


class DataRound(BaseModel):
    """A data round's returns as of a day."""

    model_config = ConfigDict(frozen=True)

    plan: Plan
    period: AssessmentRound
    due: date
    as_of: date
    returns: tuple[ReturnState, ...]

    def returns_with(self, status: str) -> int:
        return sum(r.status == status for r in self.returns)


def data_round(workspace: Workspace, round_: AssessmentRound, as_of: date | None = None) -> DataRound:
    """Each supplier's data return for ``round_`` as of ``as_of`` (default today)."""
    plan = workspace.plan_for(round_)
    as_of = refuse_before(as_of or date.today(), round_.start, str(round_))
    due = round_.due(plan.settings.return_due_days)
    until = datetime.combine(as_of, time.max)
    states = []
    with workspace.register(readonly=True) as register:
        for partner in plan.indicator_suppliers():
            state = return_state(register, partner, round_, due, as_of, until, {})
            states.append(state.model_copy(update=messages_of(register, partner, round_, until)))
    return DataRound(plan=plan, period=round_, due=due, as_of=as_of, returns=tuple(states))
