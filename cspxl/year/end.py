"""Year end: the finished year's plan kept, and the new year's plan written with what is unfinished.

Every quarter of the finished year keeps the plan it was run with, so each stays reportable as it
was.  The new ``plan.xlsx`` carries the settings, partners and priorities (in the order the year's strategic
assessment ranked them, once it was scored), the committee's details without the finished year's
meeting dates, and every action whose
latest accepted status is not Completed, with its Action ID and the year it was carried from; its
target date is its lead's latest revised one (the plan's first kept as its original), or the plan's
own, so that ``check`` flags those still in the finished year for updating.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from ..assessment.scoring import Scoring, ranking
from ..errors import UsageError
from ..periods import FinancialYear, Period, fy_label, parse_financial_year
from ..plan import Action, Plan, Priority
from ..plan.workbook import write_plan_workbook
from ..register.recommendations import closed_recommendations
from ..register.scorings import latest_scoring
from ..status import Status
from ..workspace import Workspace, quarter_leads


class Rollover(BaseModel):
    """What a year end did."""

    finished: str
    year: str
    plan: Path
    #: The finished year's plan workbook, kept beside the workspace's other plans.
    kept: Path
    carried: tuple[str, ...]
    completed: tuple[str, ...]
    #: The carried actions given their lead's revised target date as their target.
    retargeted: tuple[str, ...] = ()
    #: The strategic assessment the new plan's priorities are ranked by ('' when the finished year's was not scored).
    assessment: str = ""
    #: The new plan's priorities, by ID, in that ranking's order (the plan's own order without one).
    priorities: tuple[str, ...] = ()
    #: Candidate priorities the assessment ranked that the finished plan did not have, added to the new one.
    added: tuple[str, ...] = ()
    #: The recommendations of reviews carried into the new plan (open), and those left behind (signed off).
    recommendations: tuple[str, ...] = ()
    signed_off: tuple[str, ...] = ()


def rollover(workspace: Workspace, year: FinancialYear) -> Rollover:
    """Close the plan's year and write ``plan.xlsx`` for ``year``, the year after it.

    Refuses any other year, and a plan with errors.  The register, archive and key stay the same:
    a workspace holds any number of years.
    """
    old = workspace.plan
    finished = parse_financial_year(old.settings.financial_year)
    if year != finished + 1:
        raise UsageError(f"the plan is for {fy_label(finished)}, so it rolls over into {fy_label(finished + 1)}, "
                         f"not {fy_label(year)}.")
    quarters = [Period(year=finished, quarter=q) for q in (4, 3, 2, 1)]
    workbook = workspace.plan_path.read_bytes()
    with workspace.register() as register:
        for quarter in quarters:  # a quarter never generated keeps the finished year's plan too
            if register.period_plan_version(quarter) is None:
                register.keep_plan(quarter, old.version, old.model_dump_json(), workbook, datetime.now())
        leads = quarter_leads(register, old, quarters)
        latest = register.latest_accepted(leads)
        revised = {a: answer.revised_target for a, answer in register.as_at(whole_periods=False).latest_revised(
            leads).items() if answer.revised_target}
        scored = latest_scoring(register, finished)
        closed = closed_recommendations(register)
    completed = tuple(a.id for a in old.actions if (answer := latest.get(a.id)) and answer.status == Status.COMPLETED)
    kept = _keep_workbook(workspace, fy_label(finished))
    plan = _next_plan(old, fy_label(year), set(completed), revised)
    # Open recommendations of reviews carry on; those the board signed off stay in the finished year's plan.
    plan = plan.model_copy(update={"recommendations": tuple(r for r in plan.recommendations if r.id not in closed)})
    named = ""
    if scored is not None:
        named = f"Strategic Assessment {fy_label(finished)}"
        plan = ranked_plan(plan, Scoring.model_validate_json(scored[0]), named)
    write_plan_workbook(workspace.plan_path, plan)
    carried = [a for a in old.actions if a.id not in completed]
    return Rollover(finished=fy_label(finished), year=fy_label(year), plan=workspace.plan_path, kept=kept,
                    carried=tuple(a.id for a in carried), completed=completed,
                    retargeted=tuple(a.id for a in carried if _target(a, revised.get(a.id))), assessment=named,
                    priorities=tuple(p.id for p in plan.priorities),
                    added=tuple(p.id for p in plan.priorities if old.priority(p.id) is None),
                    recommendations=tuple(r.id for r in plan.recommendations),
                    signed_off=tuple(r.id for r in old.recommendations if r.id in closed))


def ranked_plan(plan: Plan, scoring: Scoring, name: str) -> Plan:
    """``plan`` with its priorities in the order ``scoring`` ranks them (equal ranks in the scoring's order), a
    candidate it ranked that the plan lacks added as a priority, and the assessment ``name``d in its Settings;
    a priority the scoring left out (it cannot, once checked) keeps its place after the ranked ones."""
    ranked = [r.candidate for r in ranking(scoring)]
    known = {p.id: p for p in plan.priorities}
    priorities = [known.get(c.id) or Priority(id=c.id, name=c.name) for c in ranked]
    priorities += [p for p in plan.priorities if p.id not in {c.id for c in ranked}]
    return plan.model_copy(update={"priorities": tuple(priorities),
                                   "settings": plan.settings.model_copy(update={"strategic_assessment": name})})


def _next_plan(old: Plan, year: str, completed: set[str], revised: dict[str, date]) -> Plan:
    """The same partnership, partners and priorities for ``year``, with the actions not completed: each
    with its lead's latest revised target date as its target, the plan's own kept as the original."""
    finished = old.settings.financial_year
    actions = tuple(a.model_copy(update={"carried_from": finished, **_target(a, revised.get(a.id))})
                    for a in old.actions if a.id not in completed)
    # The committee's meetings were the finished year's: the new year's are typed afresh, never presented as its own.
    committee = old.committee.model_copy(update={
        "meeting_dates": (), "also_considered_by": tuple(m.model_copy(update={"day": None})
                                                         for m in old.committee.also_considered_by)})
    # The assessment the finished plan responded to is not the new plan's: the rollover names the new one.
    settings = old.settings.model_copy(update={"financial_year": year, "strategic_assessment": ""})
    return old.model_copy(update={"settings": settings, "actions": actions, "committee": committee})


def _target(action: Action, revised: date | None) -> dict[str, date]:
    """A carried action's target date: the revised one its lead gave, with the first the plan gave kept."""
    if revised is None or revised == action.target_date:
        return {}
    return {"target_date": revised, "original_target": action.original_target or action.target_date}


def _keep_workbook(workspace: Workspace, finished: str) -> Path:
    """The finished year's plan workbook, copied as the coordinator left it into ``plans/``."""
    target = workspace.plans_dir / f"plan {finished}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while target.exists() and target.read_bytes() != workspace.plan_path.read_bytes():
        n += 1
        target = workspace.plans_dir / f"plan {finished} ({n}).xlsx"
    shutil.copyfile(workspace.plan_path, target)
    return target
