"""A workspace whose Q1 returns report on the example plan's recommendations of reviews."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.workspace import Workspace

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def reported(workspace: Workspace, tmp_path: Path) -> Workspace:
    """Q1's returns: icb implemented DHR1-1, sdc did not accept SCR-1, kent-police has PCC-1 in progress."""
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1)
    typed = {
        "icb": {"DHR1-1": {"Status": "Implemented", "Evidence": "Routine enquiry in GP practices from May",
                           "Date implemented": "31/05/2023"}},
        "sdc": {"SCR-1": {"Status": "Not accepted", "Reason not accepted": "Covered by the county's own review"},
                "DHR1-4": {"Status": "Not started"}},
        "kent-police": {"PCC-1": {"Status": "In progress", "Evidence": "Patrol plan drafted"}},
    }
    files = [fill_return(issued[p], tmp_path / f"{p}.xlsx", {}, recommendations=recs) for p, recs in typed.items()]
    ingest(workspace, files, received=datetime(2023, 7, 10))
    return workspace




def only_a_recommendation(workspace: Workspace, partner: str = "forward-trust") -> None:
    """The workspace's plan with ``partner``'s actions and measures taken away and a safeguarding adults review's
    recommendation, SAR-1, given to it: its only duty."""
    from cspxl import write_plan_workbook
    from cspxl.plan import load_plan

    plan = load_plan(workspace.plan_path)
    sar = plan.recommendations[0].model_copy(update={"id": "SAR-1", "owner": partner, "supporting": (),
                                                     "source_type": "Safeguarding Adults Review"})
    only = plan.model_copy(update={
        "actions": tuple(a for a in plan.actions if partner not in (a.lead, *a.supporting)),
        "measures": tuple(m for m in plan.measures if m.owner != partner),
        "recommendations": (*plan.recommendations, sar)})
    write_plan_workbook(workspace.plan_path, type(only).model_validate_json(only.model_dump_json()))
