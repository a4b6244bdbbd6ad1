"""The partnership's year: the plan changes between quarters, and the quarters already run stay as they were."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Plan, Workspace, consolidate, example_plan_path, generate, ingest, init_workspace, parse_period
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.plan.workbook import write_plan_workbook

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")


def edited(plan: Plan) -> Plan:
    """The plan after Q1, as a coordinator edits it: a partner joins and leads a new action, the Forward
    Trust leaves (its actions go to Probation), A03 is withdrawn, A05 moves from the PCC to the county
    council, and A01's wording is changed."""
    newcomer = plan.partners[0].model_copy(update={"id": "mediation", "name": "West Kent Mediation",
                                                   "emails": ("hello@mediation.example.org",)})
    actions = []
    for a in plan.actions:
        if a.id == "A03":
            continue
        lead = {"forward-trust": "probation"}.get(a.lead, a.lead)
        update: dict[str, Any] = {"lead": "kcc" if a.id == "A05" else lead,
                                  "supporting": tuple(s for s in a.supporting if s != "forward-trust")}
        if a.id == "A01":
            update["text"] = a.text + " (now with the town council)"
        actions.append(a.model_copy(update=update))
    actions.append(plan.actions[0].model_copy(update={"id": "A46", "lead": "mediation", "supporting": (),
                                                      "text": "Run a neighbour mediation service."}))
    measures = tuple(m.model_copy(update={"owner": "probation"}) if m.owner == "forward-trust" else m
                     for m in plan.measures)  # the Forward Trust's figures now come from Probation
    return plan.model_copy(update={"partners": (*(p for p in plan.partners if p.id != "forward-trust"), newcomer),
                                   "actions": tuple(actions), "measures": measures})


def cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's values, row by row: what a reader of the workbook sees."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}


def status(ws: Workspace, period: str, as_of: str) -> str:
    result = CliRunner().invoke(main, ["-w", str(ws.root), "status", period, "--as-of", as_of])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def q1_run(tmp_path: Path) -> tuple[Workspace, dict[str, Path]]:
    """Q1 2023-24 generated, and returns in from three partners, the Forward Trust among them."""
    ws = init_workspace(tmp_path / "ws", example_plan_path())
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, Q1)
    returns = [
        fill_return(issued["pcc"], tmp_path / "in" / "pcc.xlsx", {"A05": {"Status": "Completed",
                                                                         "Date completed": date(2023, 6, 28)}}),
        fill_return(issued["kent-police"], tmp_path / "in" / "kp.xlsx", {"A01": {"Status": "On track"},
                                                                         "A03": {"Status": "At risk",
                                                                                 "Progress update": "Late."}}),
        fill_return(issued["forward-trust"], tmp_path / "in" / "ft.xlsx", {"A40": {"Status": "On track"}}),
    ]
    ingest(ws, returns, received=datetime(2023, 7, 10, 9))
    return ws, issued


def test_a_plan_changed_after_a_quarter_leaves_that_quarter_as_it_was(q1_run, tmp_path: Path) -> None:
    ws, _ = q1_run
    before_status = status(ws, "2023-24-Q1", "20/07/2023")
    before = cells(consolidate(ws, Q1, as_of=date(2023, 7, 20), out=tmp_path / "before.xlsx"))
    write_plan_workbook(ws.plan_path, edited(ws.plan))
    assert status(ws, "2023-24-Q1", "20/07/2023") == before_status
    assert cells(consolidate(ws, Q1, as_of=date(2023, 7, 20), out=tmp_path / "after.xlsx")) == before
    assert "forward-trust" in before_status and "A03" in {r[0] for r in before["Actions"]}


def test_a_late_return_for_an_earlier_quarter_is_judged_by_that_quarters_plan(q1_run, tmp_path: Path) -> None:
    ws, issued = q1_run
    write_plan_workbook(ws.plan_path, edited(ws.plan))  # the Forward Trust has left since
    late = fill_return(issued["forward-trust"], tmp_path / "late" / "ft.xlsx",
                       {"A40": {"Status": "At risk", "Progress update": "Funding gap."}})
    (outcome,) = ingest(ws, [late], received=datetime(2023, 7, 18, 9)).files
    assert outcome.outcome == "accepted" and not [p for p in outcome.problems if p.code == "plan-changed"]
    actions = {r[0]: r for r in cells(consolidate(ws, Q1, as_of=date(2023, 7, 20), out=tmp_path / "m.xlsx"))[
        "Actions"][1:]}
    assert (actions["A40"][3], actions["A40"][7]) == ("The Forward Trust (West Kent drug & alcohol service)", "At risk")


def test_a_quarter_generated_again_takes_the_plan_as_it_stands_and_check_says_which_differ(q1_run) -> None:
    ws, _ = q1_run
    write_plan_workbook(ws.plan_path, edited(ws.plan))
    runner = CliRunner()
    checked = runner.invoke(main, ["-w", str(ws.root), "check"])
    assert checked.exit_code == 0, checked.output
    said = " ".join(checked.stdout.split())
    assert ("2023-24-Q1's returns were generated from an earlier plan, and this one differs: partners added: "
            "mediation; partners removed: forward-trust; actions added: A46; actions removed: A03; actions edited: "
            "A01, A07, A42; measures edited: M11, M12; lead of A05 changed from pcc to kcc; lead of A40 changed "
            "from forward-trust to probation; lead of A42 changed from forward-trust to probation; lead of A43 "
            "changed from forward-trust to probation. Nothing to do: 2023-24-Q1 keeps the plan it was generated "
            "from") in said

    with freeze_time("2023-10-02 09:00"):
        q2 = generate(ws, Q2)
    assert "mediation" in q2 and "forward-trust" not in q2
    assert "mediation" in status(ws, "2023-24-Q2", "03/10/2023")
    assert "mediation" not in status(ws, "2023-24-Q1", "20/07/2023")
    with freeze_time("2023-10-02 10:00"):
        generate(ws, Q1, ["kcc"])  # Q1 generated again: it now takes the plan as it stands
    assert "mediation" in status(ws, "2023-24-Q1", "20/07/2023")
    assert "earlier plan" not in runner.invoke(main, ["-w", str(ws.root), "check"]).stdout


Q3, Q4 = parse_period("2023-24-Q3"), parse_period("2023-24-Q4")


def actions_of(master: Path) -> dict[str, dict[str, Any]]:
    wb = openpyxl.load_workbook(master)
    rows = list(wb["Actions"].iter_rows(values_only=True))
    return {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def dashboard(master: Path) -> dict[str, Any]:
    return {r[0]: r[1] for r in openpyxl.load_workbook(master)["Dashboard"].iter_rows(values_only=True) if r[0]}


def test_an_action_completed_in_q1_stays_completed_until_it_is_reopened(q1_run, tmp_path: Path) -> None:
    ws, _ = q1_run  # the PCC completed A05 on 28 June in Q1
    with freeze_time("2023-10-02 09:00"):
        q2 = generate(ws, Q2, ["pcc"])["pcc"]
    sheet = openpyxl.load_workbook(q2)["Return"]
    a05 = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "A05")
    assert (a05[9].value, a05[10].value, a05[11].value) == ("Completed", None, datetime(2023, 6, 28))

    # Sent back untouched, the Q2 return is still the blank one: nothing was typed in it.
    (untouched,) = ingest(ws, [q2], received=datetime(2023, 10, 5)).files
    assert [p.code for p in untouched.problems] == ["return-empty"]

    # No Q2 return yet: the master shows A05 completed, with its date, and not as an action with no update.
    master = consolidate(ws, Q2, as_of=date(2023, 10, 10), out=tmp_path / "q2-none.xlsx")
    a05_row = actions_of(master)["A05"]
    assert (a05_row["Status"], a05_row["Date completed"], a05_row["No update"]) == (
        "Completed", datetime(2023, 6, 28), "No")
    assert dashboard(master)["Actions with no update"] == len(ws.plan.actions) - 1

    # The PCC answers its other actions and leaves A05 as it was: no status-blank warning for A05.
    filled = fill_return(q2, tmp_path / "q2" / "pcc.xlsx", {"A23": {"Status": "On track"},
                                                            "A36": {"Status": "On track"}})
    (outcome,) = ingest(ws, [filled], received=datetime(2023, 10, 12)).files
    assert outcome.outcome == "accepted" and not [p for p in outcome.problems if p.action == "A05"]
    assert actions_of(consolidate(ws, Q2, as_of=date(2023, 10, 20), out=tmp_path / "q2.xlsx"))["A05"]["Status"] \
        == "Completed"

    # Reopened in Q3: the action is asked for again in Q4.
    with freeze_time("2024-01-02 09:00"):
        q3 = generate(ws, Q3, ["pcc"])["pcc"]
    reopened = fill_return(q3, tmp_path / "q3" / "pcc.xlsx", {"A05": {"Status": "At risk", "Date completed": None,
                                                                      "Progress update": "Cameras stolen."}})
    ingest(ws, [reopened], received=datetime(2024, 1, 10))
    assert actions_of(consolidate(ws, Q3, as_of=date(2024, 1, 20), out=tmp_path / "q3.xlsx"))["A05"]["Status"] \
        == "At risk"
    with freeze_time("2024-04-02 09:00"):
        q4 = generate(ws, Q4, ["pcc"])["pcc"]
    a05 = next(r for r in openpyxl.load_workbook(q4)["Return"].iter_rows(min_row=4) if r[0].value == "A05")
    assert (a05[7].value, a05[9].value) == ("At risk", None)  # last quarter's status shown; nothing pre-filled


def test_the_master_says_how_each_action_moved_and_how_often_its_target_moved(q1_run, tmp_path: Path) -> None:
    ws, issued = q1_run  # Q1: A01 On track, A03 At risk (Kent Police), A05 Completed (PCC), A40 On track
    again = fill_return(issued["kent-police"], tmp_path / "again" / "kp.xlsx", {
        "A01": {"Status": "On track", "Revised target date": date(2023, 12, 31)},
        "A03": {"Status": "At risk", "Progress update": "Late."}})
    ingest(ws, [again], received=datetime(2023, 7, 11, 9))  # supersedes the first: A01 now has a revised target
    write_plan_workbook(ws.plan_path, edited(ws.plan))  # A46 is new in Q2
    with freeze_time("2023-10-02 09:00"):
        q2 = generate(ws, Q2, ["kent-police", "kcc"])
    ingest(ws, [fill_return(q2["kent-police"], tmp_path / "q2" / "kp.xlsx", {
        "A01": {"Status": "Off track", "Revised target date": date(2024, 3, 31), "Progress update": "No venue."},
        "A10": {"Status": "On track"}})], received=datetime(2023, 10, 10, 9))
    master = consolidate(ws, Q2, as_of=date(2023, 10, 20), out=tmp_path / "q2.xlsx")
    rows = actions_of(master)
    trend = {a: (rows[a]["Previous status"], rows[a]["Status"], rows[a]["Movement"], rows[a]["Target date changes"])
             for a in ("A01", "A05", "A10", "A40", "A46")}
    assert trend == {
        "A01": ("On track", "Off track", "Worse", 2),  # 31/12/2023 in Q1, then 31/03/2024
        "A05": ("Completed", "Completed", "Same", 0),  # completed in Q1 by the PCC, still completed under the KCC
        "A10": (None, "On track", None, 0),  # no status last quarter: nothing to compare
        "A40": ("On track", None, None, 0),  # the Forward Trust's last quarter; Probation's, with none yet
        "A46": (None, None, "New", 0),
    }
    sheet = openpyxl.load_workbook(master)["Dashboard"]
    texts = [r for r in sheet.iter_rows(values_only=True) if r[0]]
    at = next(i for i, r in enumerate(texts) if str(r[0]).startswith("Actions that got worse since last quarter"))
    assert texts[at][0] == "Actions that got worse since last quarter: 1"
    # The action (columns A to D merged), its lead (E to H), last quarter's status (I, J) and this one's (K).
    row = texts[at + 2]
    assert (row[0], row[4], row[8], row[10]) == (f"A01: {ws.plan.action('A01').text}", "Kent Police", "On track",
                                                 "Off track")


def test_the_year_end_keeps_the_old_year_as_it_was_and_carries_what_is_unfinished(q1_run, tmp_path: Path) -> None:
    ws, _ = q1_run  # Q1 2023-24: A05 Completed (PCC); A01 On track, A03 At risk (Kent Police); A40 On track
    key = ws.key_path.read_bytes()
    before = {q: cells(consolidate(ws, parse_period(q), as_of=date(2024, 4, 30), out=tmp_path / f"{q}-before.xlsx"))
              for q in ("2023-24-Q1", "2023-24-Q4")}
    q4_status = status(ws, "2023-24-Q4", "30/04/2024")

    runner = CliRunner()
    wrong = runner.invoke(main, ["-w", str(ws.root), "rollover", "2025-26"])
    assert wrong.exit_code == 2 and "the plan is for 2023-24, so it rolls over into 2024-25, not 2025-26" in wrong.stderr
    with freeze_time("2024-04-05 09:00"):
        rolled = runner.invoke(main, ["-w", str(ws.root), "rollover", "2024-25"])
    assert rolled.exit_code == 0, rolled.output
    said = " ".join(rolled.stdout.split())
    assert "44 actions carried from 2023-24, 1 completed action not carried (A05)" in said
    assert (ws.root / "plans" / "plan 2023-24.xlsx").read_bytes() != ws.plan_path.read_bytes()

    # The old year: every quarter reportable exactly as before, the one never run included.
    for q, sheets in before.items():
        assert cells(consolidate(ws, parse_period(q), as_of=date(2024, 4, 30), out=tmp_path / f"{q}.xlsx")) == sheets
    assert status(ws, "2023-24-Q4", "30/04/2024") == q4_status

    # The new plan: the year, the unfinished actions carried with their old target dates, which check flags.
    plan = ws.plan
    assert plan.settings.financial_year == "2024-25" and plan.partners == plan.partners
    assert "A05" not in {a.id for a in plan.actions} and len(plan.actions) == 44
    assert {a.carried_from for a in plan.actions} == {"2023-24"}
    assert plan.action("A01").target_date == ws.plan_for(Q1).action("A01").target_date
    checked = runner.invoke(main, ["-w", str(ws.root), "check"])
    assert checked.exit_code == 0 and checked.stdout.count("(target-outside-year)") == 44

    # The new year's first returns carry the old year's last accepted status.
    with freeze_time("2024-07-01 09:00"):
        q1_next = generate(ws, parse_period("2024-25-Q1"), ["kent-police"])["kent-police"]
    rows = {r[0].value: r for r in openpyxl.load_workbook(q1_next)["Return"].iter_rows(min_row=4) if r[0].value}
    assert (rows["A01"][7].value, rows["A03"][7].value, rows["A03"][8].value) == ("On track", "At risk", "Late.")
    assert ws.key_path.read_bytes() == key


def test_the_year_workbook_shows_each_quarter_as_its_master_did(q1_run, tmp_path: Path) -> None:
    ws, _ = q1_run  # Q1 in on 10 July (due 14 July): PCC, Kent Police, Forward Trust
    write_plan_workbook(ws.plan_path, edited(ws.plan))
    with freeze_time("2023-10-02 09:00"):
        q2 = generate(ws, Q2)
    ingest(ws, [fill_return(q2["kent-police"], tmp_path / "q2" / "kp.xlsx", {
        "A01": {"Status": "Off track", "Progress update": "No venue."}})], received=datetime(2023, 10, 18, 9))
    done = CliRunner().invoke(main, ["-w", str(ws.root), "consolidate", "2023-24", "--as-of", "30/11/2023"])
    assert done.exit_code == 0, done.output
    path = ws.master_dir / "Sevenoaks-CSP_2023-24_year.xlsx"
    assert "Year workbook written" in done.stdout and path.exists()
    book = cells(path)

    actions = {r[0]: r for r in book["Actions"]}
    assert actions["Action ID"] == ("Action ID", "Priority", "Action", "Lead partner", "Q1 status", "Q2 status",
                                    "Q3 status", "Q4 status", "Year-end status", "Last in the plan")
    quarters = {a: actions[a][4:] for a in ("A01", "A03", "A05", "A46")}
    assert quarters == {
        "A01": ("On track", "Off track", "Not yet due", "Not yet due", "Off track", None),
        # Withdrawn after Q1: in no later quarter's plan, and no longer At risk at the year's end.
        "A03": ("At risk", "Not in the plan", "Not in the plan", "Not in the plan", "Withdrawn", "Q1"),
        "A05": ("Completed", None, "Not yet due", "Not yet due", "Completed", None),  # completed under the PCC
        "A46": ("Not in the plan", None, "Not yet due", "Not yet due", None, None),  # new in Q2
    }
    assert actions["A05"][3] == "Kent County Council" and len(actions) == 1 + 46

    returns = {r[0]: r for r in book["Returns"]}
    assert returns["Partner ID"] == ("Partner ID", "Partner", "Q1", "Q2", "Q3", "Q4", "On time")
    assert returns["kent-police"][2:] == ("Received", "Received late", "Not yet due", "Not yet due", 1)
    # Q3 is under way on 30 November: its plan (the plan as it stands) no longer expects the Forward Trust.
    assert returns["forward-trust"][2:] == ("Received", "Not expected", "Not expected", "Not yet due", 1)
    assert returns["mediation"][2:] == ("Not expected", "Overdue", "Not yet due", "Not yet due", 0)
    assert returns["kcc"][2:] == ("Overdue", "Overdue", "Not yet due", "Not yet due", 0)

    priorities = book["Priorities"]
    assert priorities[0] == ("Priority", "Actions in the plan", "Completed", "On track", "At risk", "Off track",
                             "Not started", "No update", "Withdrawn", "Completed or on track")
    totals = [sum(r[c] for r in priorities[1:]) for c in range(1, 9)]
    assert totals == [45, 1, 1, 0, 1, 0, 42, 1]  # A05; A40; A01; the rest without a status; A03 withdrawn apart
    row = next(r for r in priorities[1:] if r[0] == ws.plan.priority(ws.plan.action("A05").priority_id).name)
    assert row[9] == pytest.approx((row[2] + row[3]) / row[1])
