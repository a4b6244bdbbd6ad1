"""A quarter every partner but one returns, for the meeting papers' tests.

Q1 and Q2 of 2023-24 on the example plan.  In Q1 every partner returns on 10 July, each action it
leads On track.  In Q2 (due Monday 16 October 2023) every partner returns on 9 October, each action
it leads On track with "As planned this quarter.", but for: Kent County Council, whose return is
late (19 October); Clarion Housing, who sends none; and these rows.  Kent Police alone sends
success measures' figures.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from freezegun import freeze_time

from cspxl import example_plan_path, generate, ingest, init_workspace, parse_period
from cspxl.demo.partners import fill_return

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")
#: Partner -> action -> the cells typed in its Q2 return, beyond "On track" for the rest it leads.
Q2_ROWS = {
    "pcc": {"A05": {"Status": "Off track", "Progress update": "Cameras delayed; Mrs Okafor on 07700 900461 chased."}},
    "icb": {"A28": {"Status": "At risk", "Progress update": "Hub short of staff.", "Support needed": "Yes"}},
    "kent-police": {"A10": {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 9, 29),
                            "Progress update": "Summer plan delivered."}},
    "sdc": {"A02": {"Status": "At risk", "Progress update": "Analyst post vacant."}},
}
LATE, SILENT = "kcc", "clarion"
#: Kent Police's figures each quarter: M01 burglaries (48 or lower), M04 ASB (338 or lower), M08 stalking
#: victims referred (90% or higher); the rest of the plan's measures get none.
FIGURES = {
    Q1: {"M01": {"Value": 47}},
    Q2: {"M01": {"Value": 50}, "M04": {"Value": 400, "Comment": "Two repeat locations; Mr Jones rang daily."},
         "M08": {"Value": "92%"}},
}


def build(root: Path):  # type: ignore[no-untyped-def]
    """The workspace after Q1's and Q2's returns."""
    ws = init_workspace(root / "ws", example_plan_path())
    plan = ws.plan
    leads = {p.id: [a.id for a, role in plan.actions_for(p.id) if role == "Lead"] for p in plan.partners}
    with freeze_time("2023-07-03 09:00"):
        q1 = generate(ws, Q1)
    ingest(ws, [fill_return(path, root / "q1" / f"{pid}.xlsx",
                            {a: {"Status": "On track", "Progress update": "Under way."} for a in leads[pid]},
                            figures=FIGURES[Q1] if pid == "kent-police" else None)
                for pid, path in q1.items()], received=datetime(2023, 7, 10, 9))
    with freeze_time("2023-10-02 09:00"):
        q2 = generate(ws, Q2)
    for pid, path in q2.items():
        if pid == SILENT:
            continue
        rows = {a: {"Status": "On track", "Progress update": "As planned this quarter."} for a in leads[pid]}
        rows |= Q2_ROWS.get(pid, {})
        received = datetime(2023, 10, 19, 9) if pid == LATE else datetime(2023, 10, 9, 9)
        figures = FIGURES[Q2] if pid == "kent-police" else None
        ingest(ws, [fill_return(path, root / "q2" / f"{pid}.xlsx", rows, figures=figures)], received=received)
    return ws
