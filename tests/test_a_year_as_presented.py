"""A whole year, as a partnership of its own runs it, and every paper agreeing with the others.

Three partners (police, council, health), five actions, three success measures written as literal
tables: naloxone kits given out, 35 in the year (a count with a year's target); staff trained, 60% by
the year's end (a percentage with a year's target); anti-social behaviour, 200 or fewer a quarter.
Through 2023-24: percentages typed as Excel stores them (55% is 0.55 in a percent cell); Q1 closed
once its papers went to the board, then the council's Q1 form carrying Q2 news, held, and Q1 reopened
to apply it; A3 withdrawn after Q2; a paper asked for before its quarter began, and one written twice.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Workspace, consolidate, generate, ingest, init_workspace, parse_period, period_view
from cspxl.cli import main
from cspxl.demo.partners import Formatted, fill_return
from cspxl.plan.workbook import write_plan_workbook
from cspxl.report import write_quarter_report, write_year_report
from cspxl.report.closing import close_period, reopen_period
from cspxl.year.end import rollover
from cspxl.year.workbook import consolidate_year
from tests.conftest import by, sheet_rows, write_book

PLAN = {
    "Settings": [["Key", "Value"], ["Partnership", "Weald Community Safety Partnership"], ["Short name", "Weald CSP"],
                 ["Financial year", "2023-24"], ["Coordinator name", "Robin Example"],
                 ["Coordinator email", "robin.example@example.org"]],
    "Partners": [["Partner ID", "Partner name", "Contact name", "Contact email"],
                 ["police", "Kent Police", "Jo Example", "jo.example@example.org"],
                 ["council", "Weald District Council", "Sam Example", "sam.example@example.org"],
                 ["health", "Weald Drug & Alcohol Service", "Kim Example", "kim.example@example.org"]],
    "Priorities": [["Priority ID", "Priority"], ["P1", "Safer streets"]],
    "Actions": [["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners",
                 "Target date"],
                ["A1", "P1", "Patrol the parks", "Fewer reports", "police", None, "31/03/2024"],
                ["A2", "P1", "Open the youth hub", "Hub open", "police", None, "31/12/2023"],
                ["A3", "P1", "Fix the subway lights", "Lights fixed", "council", None, "30/09/2023"],
                ["A4", "P1", "Clear the graffiti", "Walls clean", "council", None, "31/03/2024"],
                ["A5", "P1", "Train staff to give naloxone", "Staff trained", "health", None, "31/03/2024"]],
    "Measures": [["Measure ID", "Priority ID", "Measure", "Owner", "Unit", "Better when", "Baseline",
                  "Baseline period", "Target", "Tolerance %", "Target period"],
                 ["M1", "P1", "Naloxone kits given out", "health", "Number", "Higher", 30, "2022-23", 35, None, "Year"],
                 ["M2", "P1", "Frontline staff trained to give naloxone", "health", "Percent", "Higher", 40,
                  "2022-23", 60, None, "Year"],
                 ["M3", "P1", "Anti-social behaviour incidents in the quarter", "police", "Number", "Lower", 210,
                  "2022-23-Q4", 200, None, "Quarter"]],
}
Q = {n: parse_period(f"2023-24-Q{n}") for n in (1, 2, 3, 4)}
GENERATED = {1: "2023-07-03", 2: "2023-10-02", 3: "2024-01-02", 4: "2024-04-02"}
RECEIVED = {1: datetime(2023, 7, 10, 9), 2: datetime(2023, 10, 9, 9), 3: datetime(2024, 1, 8, 9),
            4: datetime(2024, 4, 8, 9)}
ON_TRACK = {"Status": "On track", "Progress update": "Going to plan."}
#: Each quarter, each partner's rows and figures.
TYPED: dict[int, dict[str, tuple[dict[str, Any], dict[str, Any]]]] = {
    1: {"police": ({"A1": ON_TRACK | {"% complete": Formatted(0.55, "0%")},
                    "A2": ON_TRACK | {"% complete": Formatted(0.29, "0%")}}, {"M3": {"Value": 190}}),
        "council": ({"A3": ON_TRACK | {"% complete": Formatted(0.07, "0%")},
                     "A4": {"Status": "Not started", "% complete": Formatted(0, "0%")}}, {}),
        "health": ({"A5": ON_TRACK | {"% complete": Formatted(1, "0%")}}, {"M1": {"Value": 9}, "M2": {"Value": 40}})},
    2: {"police": ({"A1": ON_TRACK, "A2": {"Status": "Completed", "% complete": 100,
                                          "Date completed": datetime(2023, 9, 29)}}, {"M3": {"Value": 205}}),
        "council": ({"A3": ON_TRACK, "A4": ON_TRACK}, {}),
        "health": ({"A5": ON_TRACK}, {"M1": {"Value": 14}, "M2": {"Value": 52}})},
    3: {"police": ({"A1": ON_TRACK}, {"M3": {"Value": 190}}),
        "council": ({"A4": ON_TRACK}, {}),
        "health": ({"A5": ON_TRACK}, {"M1": {"Value": 11}, "M2": {"Value": 58}})},
    4: {"police": ({"A1": {"Status": "Completed", "% complete": 100, "Date completed": datetime(2024, 3, 28)}},
                   {"M3": {"Value": 180}}),
        "council": ({"A4": {"Status": "At risk", "Progress update": "Contractor late."}}, {}),
        "health": ({"A5": ON_TRACK}, {"M1": {"Value": 16}, "M2": {"Value": 63}})},
}


class Year:
    """The year run, with what each step said."""

    def __init__(self, root: Path) -> None:
        self.ws = ws = init_workspace(root / "ws", write_book(root / "plan.xlsx", PLAN))
        self.outcomes: dict[str, list[str]] = {}
        for n in (1, 2, 3, 4):
            if n == 3:  # after Q2, the council's subway lights are taken out of the plan
                plan = ws.plan
                write_plan_workbook(ws.plan_path, plan.model_copy(update={
                    "actions": tuple(a for a in plan.actions if a.id != "A3")}))
            with freeze_time(f"{GENERATED[n]} 09:00"):
                issued = generate(ws, Q[n])
            for partner, (rows, figures) in TYPED[n].items():
                (outcome,) = ingest(ws, [fill_return(issued[partner], root / f"Q{n}" / f"{partner}.xlsx", rows,
                                                     figures=figures)], received=RECEIVED[n]).files
                self.outcomes[f"Q{n} {partner}"] = [f"{p.where} {p.code}" for p in outcome.problems]
            if n == 1:  # the board's papers are as of 5 September, and Q1 is closed
                close_period(ws, Q[1], date(2023, 9, 5), today=date(2023, 9, 5))
                self.q1_issued = issued
            if n == 2:  # the council's Q2 news on the Q1 form: held; then Q1 reopened to apply it
                late = fill_return(self.q1_issued["council"], root / "late" / "council Q1.xlsx",
                                   {"A3": {"Status": "At risk", "Progress update": "Supplier gone."}, "A4": ON_TRACK})
                (self.held,) = ingest(ws, [late], received=datetime(2023, 10, 14, 9)).files
                self.reopened = reopen_period(ws, Q[1])


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    return Year(tmp_path_factory.mktemp("weald"))


def test_whole_percentages_as_excel_stores_them_are_recorded_without_a_warning(year: Year) -> None:
    assert year.outcomes["Q1 police"] == year.outcomes["Q1 council"] == year.outcomes["Q1 health"] == []
    q1 = {a.action.id: a.percent for a in period_view(year.ws, Q[1], date(2023, 9, 5)).actions}
    assert q1 == {"A1": 55, "A2": 29, "A3": 7, "A4": 0, "A5": 100}


def test_the_late_q1_form_was_held_then_applied_when_q1_was_reopened(year: Year) -> None:
    assert (year.held.outcome, [p.code for p in year.held.problems]) == ("held", ["return-held"])
    assert [r.partner for r in year.reopened.applied] == ["council"]
    assert year.reopened.paper == ["A3: status from On track to At risk and a new progress update", "A4: status from "
                                   "Not started to On track and a new progress update"]
    assert {a.action.id: a.status for a in period_view(year.ws, Q[1], date(2023, 10, 14)).actions}["A3"] == "At risk"


def test_a_paper_asked_for_before_its_quarter_began_is_refused(year: Year) -> None:
    result = CliRunner().invoke(main, ["-w", str(year.ws.root), "report", "2023-24-Q1", "--as-of", "01/03/2023"])
    assert result.exit_code == 2 and "before 2023-24-Q1 began on 1 April 2023" in result.stderr


@pytest.mark.parametrize(("n", "judged"), [
    (1, {"M1": (9, "Green", "Q1's figure, 9, against 8.75 or higher (the year's 35 pro rata to Q1)"),
         "M2": (None, "Red", "The latest figure (Q1), 40%, against 60% or higher (the year's target)"),
         "M3": (None, "Green", "Q1's figure, 190, against 200 or lower (the quarter's target)")}),
    (2, {"M1": (23, "Green", "The year to date (Q1 to Q2), 23, against 17.5 or higher (the year's 35 pro rata to Q2)"),
         "M2": (None, "Red", "The latest figure (Q2), 52%, against 60% or higher (the year's target)"),
         "M3": (None, "Amber", "Q2's figure, 205, against 200 or lower (the quarter's target)")}),
    (4, {"M1": (50, "Green", "The year's total, 50, against 35 or higher (the year's target)"),
         "M2": (None, "Green", "The latest figure (Q4), 63%, against 60% or higher (the year's target)"),
         "M3": (None, "Green", "Q4's figure, 180, against 200 or lower (the quarter's target)")}),
])
def test_each_quarters_master_judges_a_years_target_on_the_year_so_far(year: Year, tmp_path: Path, n: int,
                                                                       judged: dict[str, tuple[Any, str, str]]) -> None:
    master = consolidate(year.ws, Q[n], Q[n].due(14), out=tmp_path / "master.xlsx")
    rows = by(sheet_rows(master, "Measures"), "Measure ID")
    assert {m: (r["Year to date"], r["RAG"], r["Judged by"]) for m, r in rows.items() if m in judged} == judged


def test_the_withdrawn_action_is_counted_apart_and_every_paper_agrees_on_the_count(year: Year, tmp_path: Path) -> None:
    as_of = date(2024, 4, 30)
    book = consolidate_year(year.ws, 2023, as_of, out=tmp_path / "year.xlsx")
    actions = by(sheet_rows(book, "Actions"), "Action ID")
    assert {a: (r["Q1 status"], r["Q2 status"], r["Q3 status"], r["Year-end status"], r["Last in the plan"])
            for a, r in actions.items()} == {
        "A1": ("On track", "On track", "On track", "Completed", None),
        "A2": ("On track", "Completed", "Completed", "Completed", None),  # shown completed on Q3's return
        "A3": ("At risk", "On track", "Not in the plan", "Withdrawn", "Q2"),
        "A4": ("On track", "On track", "On track", "At risk", None),
        "A5": ("On track", "On track", "On track", "On track", None),
    }
    (priority,) = sheet_rows(book, "Priorities")
    assert (priority["Actions in the plan"], priority["Withdrawn"], priority["Completed or on track"]) == (4, 1, 0.75)
    q4 = consolidate(year.ws, Q[4], as_of, out=tmp_path / "q4.xlsx")
    assert len(sheet_rows(q4, "Actions")) == 4
    with freeze_time("2024-04-30"):
        report = docx.Document(str(write_year_report(year.ws, 2023, as_of)))
    summary = next(p.text for p in report.paragraphs if p.text.startswith("Of "))
    assert summary.startswith("Of 4 actions in the plan at the end of 2023-24, 2 are completed and 1 on track: 75% "
                              "completed or on schedule. The rest: 1 at risk. 1 action was withdrawn from the plan "
                              "during the year and is counted in none of these figures.")
    withdrawn = next(t for t in report.tables if t.rows[0].cells[2].text == "Last in the plan")
    assert [[c.text for c in r.cells] for r in withdrawn.rows[1:]] == [
        ["A3: Fix the subway lights", "Weald District Council", "Q2", "On track"]]
    copy = Workspace(Path(shutil.copytree(year.ws.root, tmp_path / "rolled")))  # the year stays open for the rest
    done = rollover(copy, 2024)
    assert (len(done.carried) + len(done.completed), "A3" in done.carried + done.completed) == (4, False)


def test_a_paper_written_twice_keeps_the_first_beside_the_second(year: Year) -> None:
    said: list[str] = []
    with freeze_time("2024-04-20"):
        first = write_quarter_report(year.ws, Q[4], date(2024, 4, 19))
    with freeze_time("2024-04-30"):
        again = write_quarter_report(year.ws, Q[4], date(2024, 4, 29), say=said.append)
    assert again == first and len(said) == 1 and "(as of 2024-04-19, written " in said[0]
    assert len(list(first.parent.glob("Weald-CSP_2023-24-Q4_report*.docx"))) == 2
