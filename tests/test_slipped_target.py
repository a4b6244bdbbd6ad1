"""A target date that slips: said once, where it is first given, and carried into next year's plan.

The small partnership of ``tests/test_date_rules.py``: the police lead A1 and A4, the council A2 (all
due 20 July 2023), the fire service A3 (31 March 2024).  In Q1 the police move A1 to 30 June 2024,
outside the year, and complete A4; in Q2 they send the same date again, and the council move A2 to
15 April 2024.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import Workspace, generate, ingest, parse_period, read_plan
from cspxl.demo.partners import fill_return
from cspxl.year.end import rollover
from tests.test_date_rules import new_workspace

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")
SLIPPED = {"Status": "On track", "Revised target date": "30/06/2024", "Progress update": "New kit due next year."}


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, dict[str, list[str]]]:
    """The workspace after Q1 and Q2, and each return's problem codes by partner and quarter."""
    root = tmp_path_factory.mktemp("slipped")
    ws = new_workspace(root)
    codes: dict[str, list[str]] = {}
    rows = {
        Q1: {"police": {"A1": SLIPPED, "A4": {"Status": "Completed", "% complete": 100,
                                              "Date completed": datetime(2023, 7, 1)}},
             "council": {"A2": {"Status": "On track"}}},
        Q2: {"police": {"A1": SLIPPED, "A4": {"Status": "Completed", "% complete": 100,
                                              "Date completed": datetime(2023, 7, 1)}},
             "council": {"A2": {"Status": "At risk", "Revised target date": "15/04/2024",
                                "Progress update": "Contractor late."}}},
    }
    for period, generated, received in ((Q1, "2023-07-03", datetime(2023, 7, 10)), (Q2, "2023-10-02",
                                                                                    datetime(2023, 10, 9))):
        with freeze_time(f"{generated} 09:00"):
            issued = generate(ws, period)
        for partner, typed in rows[period].items():
            (outcome,) = ingest(ws, [fill_return(issued[partner], root / str(period) / f"{partner}.xlsx", typed)],
                                received=received).files
            codes[f"{partner} Q{period.quarter}"] = [f"{p.where} {p.code}" for p in outcome.problems]
    return ws, codes


def test_a_slipped_target_date_is_said_once_where_it_is_first_given(year) -> None:
    _, codes = year
    assert codes == {
        "police Q1": ["Return!M4 target-outside-year"],
        "council Q1": [],
        "police Q2": [],  # the same date again: already said
        "council Q2": ["Return!M4 target-outside-year"],  # a new date: said
    }


def test_the_rollover_carries_each_actions_latest_revised_target_keeping_the_plans_own(year, tmp_path: Path) -> None:
    ws, _ = year
    done = rollover(ws, 2024)
    assert (done.carried, done.completed, done.retargeted) == (("A1", "A2", "A3"), ("A4",), ("A1", "A2"))
    plan, report = read_plan(ws.plan_path)
    assert plan is not None
    assert {a.id: (a.target_date, a.original_target) for a in plan.actions} == {
        "A1": (date(2024, 6, 30), date(2023, 7, 20)),
        "A2": (date(2024, 4, 15), date(2023, 7, 20)),
        "A3": (date(2024, 3, 31), None),  # never revised: its date kept, and check still asks for a new one
    }
    assert [(p.where, p.code) for p in report] == [("Actions!G4", "target-outside-year")]
