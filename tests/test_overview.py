"""The year's overview: each quarter's round counted, and the next step in one sentence."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time

from cspxl import Workspace, close_period, generate, ingest, load_plan, parse_period, year_overview
from cspxl.demo.partners import fill_return

Q1 = parse_period("2023-24-Q1")


def test_before_any_return_the_next_step_is_to_generate_the_first_quarters(workspace: Workspace) -> None:
    seen = year_overview(workspace, date(2023, 6, 20))
    assert (seen.current, seen.next_step) == (Q1, "Q1 returns have not been generated yet: generate them and send "
                                                  "them to the 12 partners; they will be due Friday 14 July 2023.")
    assert [(str(r.period), r.due, r.generated) for r in seen.rounds] == [
        ("2023-24-Q1", date(2023, 7, 14), False), ("2023-24-Q2", date(2023, 10, 16), False),
        ("2023-24-Q3", date(2024, 1, 15), False), ("2023-24-Q4", date(2024, 4, 15), False)]


def test_a_round_under_way_is_counted_in_then_to_correct_then_not_yet_in(workspace: Workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1)
    plan = load_plan(workspace.plan_path)
    good = fill_return(issued["kent-police"], tmp_path / "KP.xlsx",
                       {a.id: {"Status": "On track"} for a, _ in plan.actions_for("kent-police")})
    bad = fill_return(issued["sdc"], tmp_path / "SDC.xlsx",
                      {a.id: {"Status": "Maybe"} for a, _ in plan.actions_for("sdc")})
    ingest(workspace, [good, bad], received=datetime(2023, 7, 10, 9))
    assert year_overview(workspace, date(2023, 7, 12)).next_step == (
        "Q1 returns are due Friday 14 July 2023: 1 of 12 in, 1 to correct, 10 not yet in.")
    assert year_overview(workspace, date(2023, 7, 20)).next_step == (
        "Q1 returns were due Friday 14 July 2023: 1 of 12 in, 1 to correct, 10 not yet in (10 overdue).")
    with freeze_time("2023-07-28"):
        close_period(workspace, Q1, date(2023, 7, 28))
    seen = year_overview(workspace, date(2023, 7, 28))
    assert (seen.rounds[0].closed_on, seen.current) == (date(2023, 7, 28), parse_period("2023-24-Q2"))
    assert seen.next_step.startswith("Q2 returns have not been generated yet")
