"""A row or a figure that needs correction counts for nothing until it is corrected; a completion counts
all year.  One small partnership, written as literal tables, over three quarters of 2023-24:

- Q1: the fire service completes A3 (on 30 June); the police report A4 On track, "Hub fitted out."; their M1
  figure is 8.
- Q2: the police send A4 back with a status that is not one ("Purple"), asking for support, with the
  same words as in Q1, and M1 twice (12, then 13): both need correction.  The council reports A2.
- The fire service sends nothing after Q1; in Q3 only the council reports.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Workspace, consolidate, generate, ingest, init_workspace, parse_period, period_view
from cspxl.demo.partners import fill_return
from cspxl.report.quarter import reasons
from tests.conftest import by, sheet_rows, write_book
from tests.test_date_rules import PARTNERS, PRIORITIES, SETTINGS

ACTIONS = [["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners",
            "Target date"],
           ["A1", "P1", "Patrol the parks", "Fewer reports", "police", None, "20/07/2023"],
           ["A2", "P1", "Fix the lights", "Lights fixed", "council", None, "31/03/2024"],
           ["A3", "P1", "Visit the schools", "Visits made", "fire", None, "20/07/2023"],
           ["A4", "P1", "Open the hub", "Hub open", "police", None, "31/03/2024"]]
MEASURES = [["Measure ID", "Priority ID", "Measure", "Owner", "Unit", "Better when", "Baseline", "Baseline period",
             "Target", "Tolerance %"],
            ["M1", "P1", "Incidents in the parks in the quarter", "police", "Number", "Lower", 11, "2022-23-Q4", 10,
             None]]

Q1, Q2, Q3 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2"), parse_period("2023-24-Q3")


def _twice(path: Path) -> Path:
    """The Measures sheet's one row typed a second time below it, with another figure."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Measures"]
    for c in range(1, 12):
        ws.cell(5, c).value = ws.cell(4, c).value
    ws["J4"], ws["J5"] = 12, 13
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("corrections")
    plan = write_book(root / "plan-source.xlsx", {"Settings": SETTINGS, "Partners": PARTNERS, "Priorities": PRIORITIES,
                                                  "Actions": ACTIONS, "Measures": MEASURES})
    ws = init_workspace(root / "ws", plan)
    with freeze_time("2023-07-03 09:00"):
        q1 = generate(ws, Q1)
    ingest(ws, [fill_return(q1["police"], root / "q1" / "police.xlsx", {
        "A1": {"Status": "On track"}, "A4": {"Status": "On track", "Progress update": "Hub fitted out."}},
        figures={"M1": {"Value": 8}}),
        fill_return(q1["fire"], root / "q1" / "fire.xlsx", {
            "A3": {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 6, 30),
                   "Progress update": "Every school visited."}}),
        fill_return(q1["council"], root / "q1" / "council.xlsx", {"A2": {"Status": "On track"}})],
        received=datetime(2023, 7, 10, 9))
    with freeze_time("2023-10-02 09:00"):
        q2 = generate(ws, Q2)
    police = fill_return(q2["police"], root / "q2" / "police.xlsx", {
        "A4": {"Status": "Purple", "Progress update": "Hub fitted out.", "Support needed": "Yes"}})
    ingest(ws, [_twice(police), fill_return(q2["council"], root / "q2" / "council.xlsx", {"A2": {"Status": "On track"}})],
           received=datetime(2023, 10, 9, 9))
    with freeze_time("2024-01-02 09:00"):
        q3 = generate(ws, Q3)
    ingest(ws, [fill_return(q3["council"], root / "q3" / "council.xlsx", {"A2": {"Status": "On track"}})],
           received=datetime(2024, 1, 8, 9))
    return ws


def test_a_row_needing_correction_asks_for_no_support_and_is_never_stale(year: Workspace, tmp_path: Path) -> None:
    master = consolidate(year, Q2, as_of=date(2023, 10, 20), out=tmp_path / "q2.xlsx")
    a4 = by(sheet_rows(master, "Actions"), "Action ID")["A4"]
    assert (a4["Status"], a4["Needs correction"], a4["Support needed"], a4["Stale update"]) == (None, "Yes", "No", "No")
    state = next(a for a in period_view(year, Q2, date(2023, 10, 20)).actions if a.action.id == "A4")
    assert reasons(state) == ["No update"]  # in the paper's exceptions: not "Support asked for"


def test_a_figure_needing_correction_is_grey_and_sent_back_not_judged(year: Workspace, tmp_path: Path) -> None:
    master = consolidate(year, Q2, as_of=date(2023, 10, 20), out=tmp_path / "q2.xlsx")
    m1 = by(sheet_rows(master, "Measures"), "Measure ID")["M1"]
    assert (m1["Value"], m1["Previous value"], m1["RAG"], m1["Judged by"]) == (None, 8, "Grey", "Sent back for correction")


def test_a_completion_in_any_earlier_quarter_carries_forward(year: Workspace, tmp_path: Path) -> None:
    """A3 was completed in Q1; the fire service sent nothing in Q2 or Q3: in Q3 it is still completed, not
    overdue (its target was 20 July 2023)."""
    master = consolidate(year, Q3, as_of=date(2024, 1, 20), out=tmp_path / "q3.xlsx")
    a3 = by(sheet_rows(master, "Actions"), "Action ID")["A3"]
    assert (a3["Status"], a3["Date completed"], a3["Overdue"], a3["No update"]) == (
        "Completed", datetime(2023, 6, 30), "No", "No")
