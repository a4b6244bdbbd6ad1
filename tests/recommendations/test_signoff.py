"""The board's sign-off closes an implemented or not-accepted recommendation, and it leaves the returns; reopening
brings it back with its reason.  A review's action plan comes from the same register."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.errors import UsageError
from cspxl.recommendations.action_plan import write_action_plan
from cspxl.recommendations.board import reopen_recommendation, signoff
from cspxl.recommendations.tracking import recommendation_states
from cspxl.workspace import Workspace
from tests.cli.test_cli import run

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")


def states(workspace: Workspace, on: date) -> dict[str, tuple[str, bool, bool, bool]]:
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        return {s.recommendation.id: (s.shown_status, s.awaiting_signoff, s.overdue, s.closed)
                for s in recommendation_states(workspace.plan, reg, on)}


def test_only_an_implemented_or_not_accepted_recommendation_can_be_signed_off(reported) -> None:
    assert states(reported, date(2023, 9, 5)) == {
        "DHR1-1": ("Implemented", True, False, False), "DHR1-2": ("No update yet", False, False, False),
        "DHR1-3": ("No update yet", False, False, False), "DHR1-4": ("Not started", False, False, False),
        "SCR-1": ("Not accepted", True, False, False), "PCC-1": ("In progress", False, False, False)}
    with pytest.raises(UsageError, match="PCC-1 is In progress, so it cannot be signed off"):
        signoff(reported, ["DHR1-1", "PCC-1"], date(2023, 9, 5))
    assert states(reported, date(2023, 9, 5))["DHR1-1"][3] is False  # all or none
    signoff(reported, ["dhr1-1", "SCR-1"], date(2023, 9, 5), by="CSP Board")
    assert states(reported, date(2023, 11, 5)) == {
        "DHR1-1": ("Signed off", False, False, True), "DHR1-2": ("No update yet", False, True, False),
        "DHR1-3": ("No update yet", False, True, False), "DHR1-4": ("Not started", False, False, False),
        "SCR-1": ("Signed off", False, False, True), "PCC-1": ("In progress", False, False, False)}
    with pytest.raises(UsageError, match="signed off on 05/09/2023 already"):
        signoff(reported, ["SCR-1"], date(2023, 9, 6))
    with pytest.raises(UsageError, match="'DHR9' is not in the plan's Recommendations sheet"):
        signoff(reported, ["DHR9"], date(2023, 9, 6))


def test_a_signed_off_recommendation_leaves_the_returns_and_reopening_brings_it_back(reported) -> None:
    signoff(reported, ["DHR1-1"], date(2023, 9, 5))
    with freeze_time("2023-10-02"):
        issued = generate(reported, Q2)
    icb = openpyxl.load_workbook(issued["icb"])
    assert "Recommendations" not in icb.sheetnames  # its only recommendation is closed
    sdc = openpyxl.load_workbook(issued["sdc"])["Recommendations"]
    # SCR-1 awaits the board: it comes filled in with what was reported, so nothing more is asked.
    scr = next(r for r in sdc.iter_rows(min_row=4, values_only=True) if r[0] == "SCR-1")
    assert scr[5:] == ("Not accepted", None, "Not accepted", None, None, "Covered by the county's own review")
    with pytest.raises(UsageError, match="--reason"):
        reopen_recommendation(reported, "DHR1-1", " ")
    with freeze_time("2023-10-20"):
        decision = reopen_recommendation(reported, "DHR1-1", "The audit found two practices not asking")
    assert (decision.event, decision.reason) == ("reopened", "The audit found two practices not asking")
    assert states(reported, date(2023, 10, 20))["DHR1-1"] == ("In progress", False, False, False)
    with freeze_time("2023-10-21"):
        again = generate(reported, Q2, ["icb"])
    rows = list(openpyxl.load_workbook(again["icb"])["Recommendations"].iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[5]) for r in rows] == [("DHR1-1", "In progress")]


def test_signoff_and_reopen_on_the_command_line(reported) -> None:
    ws = str(reported.root)
    code, out, _ = run("-w", ws, "signoff", "DHR1-1", "SCR-1", "--on", "05/09/2023", "--by", "CSP Board")
    assert code == 0 and "Signed off DHR1-1 (Implemented) on 05/09/2023 by CSP Board" in " ".join(out.split())
    code, _, err = run("-w", ws, "signoff", "PCC-1", "--on", "05/09/2023")
    assert code == 2 and "PCC-1 is In progress" in " ".join(err.split())
    code, _, err = run("-w", ws, "reopen", "SCR-1")
    assert code == 2 and "--reason" in err
    code, out, _ = run("-w", ws, "reopen", "SCR-1", "--reason", "Scrutiny asked again")
    assert code == 0 and "Reopened SCR-1" in out and "Scrutiny asked again" in " ".join(out.split())
    code, _, err = run("-w", ws, "reopen", "not-a-thing")
    assert code == 2 and "neither a quarter" in " ".join(err.split())


def test_a_reviews_action_plan_has_the_panels_columns_filled_from_the_register(reported, tmp_path) -> None:
    signoff(reported, ["DHR1-1"], date(2023, 9, 5), by="CSP Board")
    path = write_action_plan(reported, "dhr sevenoaks 2022/01", tmp_path / "dhr.xlsx", date(2023, 11, 5))
    ws = openpyxl.load_workbook(path)["Action plan"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows[0] == ("Recommendation", "Scope (local/regional/national)", "Action to take", "Lead agency",
                       "Key milestones", "Target date", "Date of completion and outcome")
    assert [(r[0].split(".")[0], r[3].split(" (")[0], r[5], r[6]) for r in rows[1:]] == [
        ("DHR1-1", "NHS Kent and Medway Integrated Care Board", datetime(2023, 12, 31),
         "31/05/2023: Implemented. Routine enquiry in GP practices from May. Signed off by CSP Board on 05/09/2023."),
        ("DHR1-2", "West Kent Housing Association", datetime(2023, 9, 30), "No update yet. Overdue."),
        ("DHR1-3", "Kent Police", datetime(2023, 10, 31), "No update yet. Overdue."),
        ("DHR1-4", "Sevenoaks District Council", datetime(2024, 3, 31), "Not started (as reported for 2023-24-Q1)."),
    ]
    with pytest.raises(UsageError, match="its sources are 'DHR Sevenoaks 2022/01'"):
        write_action_plan(reported, "DHR 2019", None, date(2023, 11, 5))


def test_a_decision_that_would_change_papers_already_presented_or_is_still_to_come_is_refused(reported) -> None:
    from cspxl import close_period

    close_period(reported, Q1, date(2023, 7, 28), today=date(2023, 7, 28))
    with pytest.raises(UsageError, match="on or before 28/07/2023, the day 2023-24-Q1's papers were as of"):
        signoff(reported, ["DHR1-1"], date(2023, 7, 28))
    with pytest.raises(UsageError, match="still to come"):
        signoff(reported, ["DHR1-1"], date(2099, 1, 1))
    signoff(reported, ["DHR1-1"], date(2023, 7, 29))
    assert states(reported, date(2023, 7, 29))["DHR1-1"][3] is True


def test_the_board_signs_off_what_had_been_reported_by_its_meeting(reported, tmp_path) -> None:
    """PCC-1 reported Implemented in a return received after the meeting cannot be signed off as of the meeting."""
    with freeze_time("2023-10-02"):
        issued = generate(reported, Q2, ["kent-police"])
    late = fill_return(issued["kent-police"], tmp_path / "kp2.xlsx", {}, recommendations={"PCC-1": {
        "Status": "Implemented", "Evidence": "Map shared with every partner", "Date implemented": "15/09/2023"}})
    ingest(reported, [late], received=datetime(2023, 10, 9))
    with pytest.raises(UsageError, match="PCC-1 is In progress"):
        signoff(reported, ["PCC-1"], date(2023, 10, 5))
    (state,) = signoff(reported, ["PCC-1"], date(2023, 10, 12))
    assert state.status == "Implemented"
