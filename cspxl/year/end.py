"""Year end: the finished year's plan kept, and the new year's plan written with what is unfinished.

Every quarter of the finished year keeps the plan it was run with, so each stays reportable as it
was.  The new ``plan.xlsx`` carries the settings, partners and priorities, and every action whose
latest accepted status is not Completed, with its Action ID and the year it was carried from; its
target date is its lead's latest revised one (the plan's first kept as its original), or the plan's
own, so that ``check`` flags those still in the finished year for updating.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from ..errors import UsageError
from ..periods import Period, fy_label, parse_financial_year
from ..plan import Action, Plan
from ..plan.workbook import write_plan_workbook
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


def rollover(workspace: Workspace, year: str) -> Rollover:
    """Close the plan's year and write ``plan.xlsx`` for ``year``, the year after it.

    Refuses any other year, and a plan with errors.  The register, archive and key stay the same:
    a workspace holds any number of years.
    """
    old = workspace.plan
    finished = parse_financial_year(old.settings.financial_year)
    new = parse_financial_year(year)
    if new != finished + 1:
        raise UsageError(f"the plan is for {fy_label(finished)}, so it rolls over into {fy_label(finished + 1)}, "
                         f"not {fy_label(new)}.")
    quarters = [Period(year=finished, quarter=q) for q in (4, 3, 2, 1)]
    workbook = workspace.plan_path.read_bytes()
    with workspace.register() as register:
        for quarter in quarters:  # a quarter never generated keeps the finished year's plan too
            if register.period_plan_version(str(quarter)) is None:
                register.keep_plan(str(quarter), old.version, old.model_dump_json(), workbook, datetime.now())
        leads = quarter_leads(register, old, quarters)
        latest = register.latest_accepted(leads)
        revised = {a: answer.revised_target for a, answer in register.as_at(whole_periods=False).latest_revised(
            leads).items() if answer.revised_target}
    completed = tuple(a.id for a in old.actions if (answer := latest.get(a.id)) and answer.status == "Completed")
    kept = _keep_workbook(workspace, fy_label(finished))
    write_plan_workbook(workspace.plan_path, _next_plan(old, fy_label(new), set(completed), revised))
    carried = [a for a in old.actions if a.id not in completed]
    return Rollover(finished=fy_label(finished), year=fy_label(new), plan=workspace.plan_path, kept=kept,
                    carried=tuple(a.id for a in carried), completed=completed,
                    retargeted=tuple(a.id for a in carried if _target(a, revised.get(a.id))))


def _next_plan(old: Plan, year: str, completed: set[str], revised: dict[str, date]) -> Plan:
    """The same partnership, partners and priorities for ``year``, with the actions not completed: each
    with its lead's latest revised target date as its target, the plan's own kept as the original."""
    finished = old.settings.financial_year
    actions = tuple(a.model_copy(update={"carried_from": finished, **_target(a, revised.get(a.id))})
                    for a in old.actions if a.id not in completed)
    return old.model_copy(update={"settings": old.settings.model_copy(update={"financial_year": year}),
                                  "actions": actions})


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
