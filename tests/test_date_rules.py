"""Every rule that depends on a day, at its edges: the day before, the day itself and the day after.

One small partnership, written as literal tables, runs its first quarter of 2023-24 (returns due
Friday 14 July 2023):

- the police return arrives at 23:59:59 on the day it is due, the council's at midnight the next
  day, and the fire service's never;
- the police lead A1 (target Thursday 20 July 2023, On track) and A4 (the same target, Completed);
  the council lead A2, whose lead types a revised target of Monday 24 July 2023.

Each table reads as: on this day, this is what ``status``, the master and the reminders say.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Workspace, consolidate, generate, ingest, init_workspace, parse_period, period_view
from cspxl.demo.partners import fill_return
from cspxl.mail.channels import Drafts
from cspxl.mail.rounds import chase
from cspxl.problems import Report
from cspxl.returns.rows import RowReader
from cspxl.screening import Screener
from tests.conftest import by, sheet_rows, write_book
from tests.returns.test_rows import ISSUED, sheet

SETTINGS = [["Key", "Value"], ["Partnership", "Edge Community Safety Partnership"], ["Short name", "Edge CSP"],
            ["Financial year", "2023-24"], ["Coordinator name", "Ann Example"],
            ["Coordinator email", "ann.example@example.org"], ["Return due days", 14]]
PARTNERS = [["Partner ID", "Partner name", "Contact name", "Contact email"],
            ["police", "Kent Police", "Jo Example", "jo.example@example.org"],
            ["council", "Sevenoaks District Council", "Sam Example", "sam.example@example.org"],
            ["fire", "Kent Fire & Rescue Service", "Kim Example", "kim.example@example.org"]]
PRIORITIES = [["Priority ID", "Priority"], ["P1", "Anti-Social Behaviour"]]
ACTIONS = [["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners",
            "Target date"],
           ["A1", "P1", "Patrol the parks", "Fewer reports", "police", None, "20/07/2023"],
           ["A2", "P1", "Fix the lights", "Lights fixed", "council", None, "20/07/2023"],
           ["A3", "P1", "Visit the schools", "Visits made", "fire", None, "31/03/2024"],
           ["A4", "P1", "Open the hub", "Hub open", "police", None, "20/07/2023"]]

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")
Q1_DUE = date(2023, 7, 14)


def new_workspace(root: Path) -> Workspace:
    plan = write_book(root / "plan-source.xlsx", {"Settings": SETTINGS, "Partners": PARTNERS,
                                                  "Priorities": PRIORITIES, "Actions": ACTIONS})
    return init_workspace(root / "ws", plan)


def police_returned(root: Path) -> Workspace:
    """A new workspace whose Q1 was generated on 3 July, with the police return in on 10 July (A1 and A4
    On track)."""
    ws = new_workspace(root)
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, Q1)
    ingest(ws, [fill_return(issued["police"], root / "police.xlsx", {"A1": {"Status": "On track"},
                                                                       "A4": {"Status": "On track"}})],
           received=datetime(2023, 7, 10, 9))
    return ws


@pytest.fixture(scope="module")
def quarter(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Q1 generated on 3 July, the police return in at the last second of its due day, the council's
    at the first second after."""
    root = tmp_path_factory.mktemp("edges")
    ws = new_workspace(root)
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, Q1)
    police = fill_return(issued["police"], root / "in" / "police.xlsx", {
        "A1": {"Status": "On track", "Progress update": "Patrols every evening."},
        "A4": {"Status": "Completed", "Date completed": "30/06/2023", "% complete": 100,
               "Progress update": "The hub opened."}})
    council = fill_return(issued["council"], root / "in" / "council.xlsx", {
        "A2": {"Status": "At risk", "Revised target date": "24/07/2023", "Progress update": "Parts late."}})
    ingest(ws, [police], received=datetime(2023, 7, 14, 23, 59, 59))
    ingest(ws, [council], received=datetime(2023, 7, 15, 0, 0, 0))
    return ws


# Returns: due on the 14th; late from the 15th; the as-of day counts up to its last second. -----

@pytest.mark.parametrize(("as_of", "partner", "status", "days_late"), [
    # The fire service sends nothing: not yet due up to and on the due day, overdue the day after.
    ("13/07/2023", "fire", "Not yet due", None),
    ("14/07/2023", "fire", "Not yet due", None),
    ("15/07/2023", "fire", "Overdue", 1),
    ("24/07/2023", "fire", "Overdue", 10),
    # The police return, in at 23:59:59 on the due day: on time, and there on that day.
    ("13/07/2023", "police", "Not yet due", None),
    ("14/07/2023", "police", "Received", None),
    ("15/07/2023", "police", "Received", None),
    # The council's, in at midnight after: not there on the due day, then one day late.
    ("14/07/2023", "council", "Not yet due", None),
    ("15/07/2023", "council", "Received late", 1),
    ("01/09/2023", "council", "Received late", 1),
])
def test_a_return_is_due_on_its_day_and_late_from_the_next(quarter: Workspace, as_of: str, partner: str, status: str,
                                                            days_late: int | None) -> None:
    view = period_view(quarter, Q1, datetime.strptime(as_of, "%d/%m/%Y").date())
    state = next(r for r in view.returns if r.partner.id == partner)
    assert (state.status, state.days_late) == (status, days_late)
    assert view.due == Q1_DUE


@pytest.mark.parametrize(("as_of", "received", "late", "overdue", "not_yet_due"), [
    ("13/07/2023", 0, 0, 0, 3),
    ("14/07/2023", 1, 0, 0, 2),
    ("15/07/2023", 2, 1, 1, 0),  # received counts the late one too
])
def test_the_dashboard_counts_returns_as_of_the_end_of_the_day(quarter: Workspace, tmp_path: Path, as_of: str,
                                                               received: int, late: int, overdue: int,
                                                               not_yet_due: int) -> None:
    day = datetime.strptime(as_of, "%d/%m/%Y").date()
    master = consolidate(quarter, Q1, as_of=day, out=tmp_path / "master.xlsx")
    dashboard = {row[0]: row[1] for row in openpyxl.load_workbook(master)["Dashboard"].iter_rows(values_only=True)
                 if row[0] in ("Returns received", "Received late", "Overdue", "Not yet due")}
    assert dashboard == {"Returns received": received, "Received late": late, "Overdue": overdue,
                         "Not yet due": not_yet_due}


# Actions: overdue from the day after the target (the revised one when the lead gives one). ----

@pytest.mark.parametrize(("as_of", "action", "overdue", "days_overdue"), [
    ("19/07/2023", "A1", False, None),
    ("20/07/2023", "A1", False, None),  # due today is not overdue
    ("21/07/2023", "A1", True, 1),
    ("31/07/2023", "A1", True, 11),
    ("21/07/2023", "A4", False, None),  # completed: never overdue
    ("21/07/2023", "A2", False, None),  # revised to 24/07
    ("24/07/2023", "A2", False, None),
    ("25/07/2023", "A2", True, 1),
    ("25/07/2023", "A3", False, None),  # target 31/03/2024
])
def test_an_action_is_overdue_from_the_day_after_its_target(quarter: Workspace, as_of: str, action: str,
                                                             overdue: bool, days_overdue: int | None) -> None:
    view = period_view(quarter, Q1, datetime.strptime(as_of, "%d/%m/%Y").date())
    state = next(a for a in view.actions if a.action.id == action)
    assert (state.overdue, state.days_overdue) == (overdue, days_overdue)


# Reminders: chase reminds those not in once the due date is within the window. ---------------

@pytest.mark.parametrize(("as_of", "window", "reminded"), [  # window None: chase's own, three days
    ("10/07/2023", None, []),  # four days before: outside the window of three
    ("11/07/2023", None, ["council", "fire", "police"]),  # three days before: inside
    ("14/07/2023", None, ["council", "fire"]),  # the police's is in that day; the council's comes at midnight
    ("15/07/2023", 3, ["fire"]),
    ("10/07/2023", 4, ["council", "fire", "police"]),
    ("06/07/2023", 7, []),
    ("07/07/2023", 7, ["council", "fire", "police"]),
])
def test_chase_reminds_those_not_in_from_the_start_of_its_window(quarter: Workspace, tmp_path: Path, as_of: str,
                                                                 window: int | None, reminded: list[str]) -> None:
    ws = Workspace(Path(shutil.copytree(quarter.root, tmp_path / "ws")))  # reminders are recorded: a copy each
    day = datetime.strptime(as_of, "%d/%m/%Y").date()
    with freeze_time(f"{day:%Y-%m-%d} 10:00"):
        done = chase(ws, Q1, day, via=Drafts(tmp_path / "drafts"), **({} if window is None else {"window": window}))
    assert sorted(d.partner for d in done.deliveries if d.outcome == "drafted") == reminded


# Stale updates: the same progress text as last quarter, whatever its case and spacing. ---------

@pytest.fixture(scope="module")
def two_quarters(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Q1 and Q2, each lead's progress text in Q2 against its Q1 text as the table below has them."""
    root = tmp_path_factory.mktemp("stale")
    ws = new_workspace(root)
    texts = {  # action: (lead, Q1 progress, Q2 progress)
        "A1": ("police", "Patrols every evening.", "Patrols every evening."),
        "A4": ("police", "Hub fitted out.", "  hub   FITTED out. "),
        "A2": ("council", "Parts ordered.", "Parts ordered; two lights fixed."),
        "A3": ("fire", "Visits booked.", "Visits booked."),
    }
    for period, column, generated, received in ((Q1, 1, "2023-07-03", datetime(2023, 7, 10)),
                                                (Q2, 2, "2023-10-02", datetime(2023, 10, 9))):
        with freeze_time(f"{generated} 09:00"):
            issued = generate(ws, period)
        for partner in ("police", "council", "fire"):
            typed = {a: {"Status": "On track", "Progress update": t[column]} for a, t in texts.items() if t[0] == partner}
            if partner == "fire" and period == Q1:
                typed = {"A3": {"Status": "On track", "Progress update": ""}}  # no text last quarter: not stale
            ingest(ws, [fill_return(issued[partner], root / str(period) / f"{partner}.xlsx", typed)], received=received)
    return ws


def test_an_update_is_stale_when_its_text_is_last_quarters_whatever_the_case_and_spacing(
        two_quarters: Workspace, tmp_path: Path) -> None:
    view = period_view(two_quarters, Q2, date(2023, 10, 20))
    assert {a.action.id: a.stale for a in view.actions} == {"A1": True, "A2": False, "A3": False, "A4": True}
    master = consolidate(two_quarters, Q2, as_of=date(2023, 10, 20), out=tmp_path / "master.xlsx")
    actions = by(sheet_rows(master, "Actions"), "Action ID")
    assert {a: actions[a]["Stale update"] for a in ("A1", "A2", "A3", "A4")} == \
        {"A1": "Yes", "A2": "No", "A3": "No", "A4": "Yes"}


# The year: a revised target date within the plan's year, from 1 April to 31 March. ------------

@pytest.mark.parametrize(("revised", "warned"), [
    ("31/03/2023", True),
    ("01/04/2023", False),
    ("31/03/2024", False),
    ("01/04/2024", True),
])
def test_a_revised_target_is_within_the_year_from_its_first_day_to_its_last(revised: str, warned: bool) -> None:
    report = Report()
    rows = sheet(("A01", "At risk", None, None, revised, "Moved.", None))
    RowReader("pcc.xlsx", rows, ISSUED[:1], report, Screener(), year="2023-24").read()
    assert [p.code for p in report] == (["target-outside-year"] if warned else [])


@pytest.mark.parametrize("as_of", ["13/07/2023", "14/07/2023", "15/07/2023", "24/07/2023"])
def test_the_year_view_says_of_each_return_what_the_quarters_master_says_on_every_day(quarter: Workspace,
                                                                                      as_of: str) -> None:
    """On the due day above all: the police return, in at its last second, is Received in both."""
    from cspxl.year.view import year_view

    day = datetime.strptime(as_of, "%d/%m/%Y").date()
    master = {r.partner.id: r.status for r in period_view(quarter, Q1, day).returns}
    year = {r.partner.id: r.quarters[0] for r in year_view(quarter, Q1.year, day).returns}
    assert year == master
