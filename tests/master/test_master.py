"""The master workbook's sheets, read back with openpyxl as a coordinator reads them.

Two quarters of 2023-24 are run once for the module: Q1 (due Friday 14 July 2023) and Q2 (due Monday
16 October 2023, fourteen days on being a Saturday).  Between them the plan changes: the domestic abuse
service (davss) takes over A38 from the health board (icb), which now supports it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import consolidate, example_plan_path, generate, ingest, init_workspace, parse_period
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.plan.workbook import write_plan_workbook
from tests.conftest import by, sheet_rows

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")

# The rows of each return: pcc A02 (support), A05, A22 (support), A23, A36; icb A16 (support),
# A17 (support), A28, A38, A40 (support); davss leads A15, A18, A22, A24 and supports the rest.
PCC_Q1 = {
    "A02": {"Status": "On track", "Progress update": "Supporting the town centre patrols."},
    "A05": {"Status": "On track", "% complete": 40, "Progress update": "Cameras ordered for the high street."},
    "A22": {"Status": "On track", "Progress update": "Funding agreed."},
    "A23": {"Status": "At risk", "Progress update": "Referral pathway delayed."},
    "A36": {"Status": "On track", "Progress update": "Bid submitted."},
}
PCC_Q2 = {
    "A02": {"Status": "On track", "Progress update": "Supporting the town centre patrols."},
    "A05": {"Status": "On track", "% complete": 60, "Progress update": "Cameras ordered for the high street."},
    "A22": {"Status": "On track", "Progress update": "Funding paid."},
    "A23": {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 9, 1),
            "Progress update": "Referral pathway live."},
    "A36": {"Status": "Purple", "Progress update": "Bid submitted."},  # an error: the row needs correction
}
ICB_Q1_FIRST = {
    "A16": {"Status": "On track"}, "A17": {"Status": "On track"}, "A40": {"Status": "On track"},
    "A28": {"Status": "Purple", "Progress update": "Referral hub staffed."},
    "A38": {"Status": "On track", "Progress update": "Pilot running."},
}
ICB_Q1_CORRECTED = {
    "A16": {"Status": "On track"}, "A17": {"Status": "On track"},
    "A28": {"Status": "On track", "Progress update": "Referral hub staffed."},
    "A38": {"Status": "On track", "% complete": 33.3, "Progress update": "Pilot running."},  # a warning
    "A40": {"Status": "Green"},  # an error
}
ICB_Q2 = {
    "A16": {"Status": "On track"}, "A17": {"Status": "On track"}, "A40": {"Status": "On track"},
    "A28": {"Status": "At risk", "Progress update": "Referral hub staffed."},
    "A38": {"Status": "On track", "Progress update": "Helping with the venue."},
}
# davss supports A23 and A38 in Q1: its statuses and words are a supporting partner's, never the action's.
DAVSS_Q1 = {"A38": {"Status": "Off track", "Progress update": "Waiting for the health board."},
            "A23": {"Status": "On track", "Progress update": "Referral pathway live."}}
DAVSS_Q2 = {"A38": {"Status": "At risk", "Progress update": "Venue lost; looking for another."}}


class Year:
    """Q1 and Q2 of 2023-24: returns from pcc, icb (twice in Q1) and davss; nobody else returns."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ws = ws = init_workspace(root / "ws", example_plan_path())
        with freeze_time("2023-07-03 09:00"):
            q1 = generate(ws, Q1, ["pcc", "icb", "davss"])
        ingest(ws, [fill_return(q1["pcc"], root / "q1" / "pcc.xlsx", PCC_Q1)], received=datetime(2023, 7, 10, 9))
        ingest(ws, [fill_return(q1["icb"], root / "q1" / "icb.xlsx", ICB_Q1_FIRST)], received=datetime(2023, 7, 12, 9))
        ingest(ws, [fill_return(q1["icb"], root / "q1" / "icb corrected.xlsx", ICB_Q1_CORRECTED)],
               received=datetime(2023, 7, 20, 15))
        ingest(ws, [fill_return(q1["davss"], root / "q1" / "davss.xlsx", DAVSS_Q1)], received=datetime(2023, 7, 14, 9))

        plan = ws.plan
        write_plan_workbook(ws.plan_path, plan.model_copy(update={"actions": tuple(
            a.model_copy(update={"lead": "davss", "supporting": ("icb",)}) if a.id == "A38" else a
            for a in plan.actions)}))
        with freeze_time("2023-10-02 09:00"):
            q2 = generate(ws, Q2, ["pcc", "icb", "davss"])
        ingest(ws, [fill_return(q2["pcc"], root / "q2" / "pcc.xlsx", PCC_Q2)], received=datetime(2023, 10, 9, 9))
        ingest(ws, [fill_return(q2["icb"], root / "q2" / "icb.xlsx", ICB_Q2)], received=datetime(2023, 10, 16, 17))
        ingest(ws, [fill_return(q2["davss"], root / "q2" / "davss.xlsx", DAVSS_Q2)], received=datetime(2023, 10, 20, 9))

    def master(self, period: Any, as_of: date) -> Path:
        return consolidate(self.ws, period, as_of=as_of, out=self.root / "masters" / f"{period}-{as_of}.xlsx")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    return Year(tmp_path_factory.mktemp("year"))


@pytest.fixture(scope="module")
def q2_master(year: Year) -> Path:
    return year.master(Q2, date(2023, 10, 23))


def dashboard(master: Path) -> dict[str, Any]:
    """The Dashboard's figures: label -> number."""
    sheet = openpyxl.load_workbook(master)["Dashboard"]
    return {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r[0] and isinstance(r[1], int)}


def test_an_update_repeating_last_quarters_text_is_flagged_stale(q2_master: Path) -> None:
    actions = by(sheet_rows(q2_master, "Actions"), "Action ID")
    stale = {a: (actions[a]["Status"], actions[a]["Progress update"], actions[a]["Stale update"])
             for a in ("A05", "A23", "A28", "A36", "A01")}
    assert stale == {
        "A05": ("On track", "Cameras ordered for the high street.", "Yes"),  # the same words as in Q1
        "A23": ("Completed", "Referral pathway live.", "No"),  # new words for pcc (davss wrote them in Q1)
        "A28": ("At risk", "Referral hub staffed.", "Yes"),  # the same words as the Q1 return that counted
        "A36": (None, None, "No"),  # the same words, on a row needing correction: not an update at all
        "A01": (None, None, "No"),  # no return from its lead
    }
    assert dashboard(q2_master)["Stale updates (same as last quarter)"] == 2


def test_the_history_sheet_gives_each_actions_status_in_every_quarter_so_far(year: Year, q2_master: Path) -> None:
    rows = list(openpyxl.load_workbook(q2_master)["History"].iter_rows(values_only=True))
    assert rows[0] == ("Action ID", "Priority", "Action", "Lead partner", "Q1 status", "Q2 status")
    history = {r[0]: (r[3], *r[4:]) for r in rows[1:]}
    assert {a: history[a] for a in ("A05", "A23", "A28", "A36", "A38", "A01")} == {
        "A05": ("Kent Police & Crime Commissioner's Office", "On track", "On track"),
        "A23": ("Kent Police & Crime Commissioner's Office", "At risk", "Completed"),
        "A28": ("NHS Kent and Medway Integrated Care Board", "On track", "At risk"),  # Q1: the corrected return
        "A36": ("Kent Police & Crime Commissioner's Office", "On track", None),  # Q2's row needs correction
        # Led by icb in Q1 and by davss since: each quarter's status is its lead's in that quarter.
        "A38": ("Domestic Abuse Volunteer Support Services (DAVSS)", "On track", "At risk"),
        "A01": ("Kent Police", None, None),
    }
    assert len(rows) == 1 + 45
    q1_rows = list(openpyxl.load_workbook(year.master(Q1, date(2023, 7, 28)))["History"].iter_rows(values_only=True))
    assert q1_rows[0] == ("Action ID", "Priority", "Action", "Lead partner", "Q1 status")
    assert {r[0]: r[4] for r in q1_rows[1:]}["A38"] == "On track"


def test_the_returns_sheet_says_when_the_latest_return_came_and_how_many_problems_are_open(year: Year) -> None:
    master = year.master(Q1, date(2023, 7, 28))
    returns = by(sheet_rows(master, "Returns"), "Partner ID")
    columns = ("Return status", "Received on", "Latest received", "Files received", "Rows needing correction",
               "Problems")
    got = {pid: tuple(returns[pid][c] for c in columns) for pid in ("pcc", "icb", "davss", "kcc")}
    assert got == {
        "pcc": ("Received", datetime(2023, 7, 10), datetime(2023, 7, 10), 1, 0, 0),
        # The corrected return of 20/07 counts: one error (A40) and warnings for A38's 33.3% rounded and its
        # recommendation (DHR1-1) left without an update; the first return's error (A28) is closed.
        "icb": ("Received", datetime(2023, 7, 12), datetime(2023, 7, 20), 2, 1, 3),
        # Eight rows left blank, its one measure's figure (M07), and the two recommendations it supports.
        "davss": ("Received", datetime(2023, 7, 14), datetime(2023, 7, 14), 1, 0, 11),
        "kcc": ("Overdue", None, None, 0, 0, 0),
    }
    # As of 15/07, the correction had not yet arrived.
    earlier = by(sheet_rows(year.master(Q1, date(2023, 7, 15)), "Returns"), "Partner ID")
    assert tuple(earlier["icb"][c] for c in columns) == ("Received", datetime(2023, 7, 12), datetime(2023, 7, 12), 1, 1, 2)


def test_a_return_not_yet_due_is_shown_not_yet_due_in_the_master(year: Year) -> None:
    on_the_day = year.master(Q2, date(2023, 10, 16))  # the due date itself: nothing is overdue yet
    returns = by(sheet_rows(on_the_day, "Returns"), "Partner ID")
    columns = ("Return status", "Due date", "Received on", "Days late")
    assert tuple(returns["kcc"][c] for c in columns) == ("Not yet due", datetime(2023, 10, 16), None, None)
    assert tuple(returns["icb"][c] for c in columns) == ("Received", datetime(2023, 10, 16), datetime(2023, 10, 16), None)
    assert [r["Partner ID"] for r in returns.values() if r["Return status"] == "Not yet due"] == [
        "sdc", "kcc", "kent-police", "kfrs", "probation", "wkha", "clarion", "kchft", "davss", "forward-trust"]
    figures = dashboard(on_the_day)
    assert (figures["Returns expected"], figures["Returns received"], figures["Received on time"],
            figures["Received late"], figures["Overdue"], figures["Not yet due"]) == (12, 2, 2, 0, 0, 10)

    next_day = year.master(Q2, date(2023, 10, 17))
    returns = by(sheet_rows(next_day, "Returns"), "Partner ID")
    assert tuple(returns["kcc"][c] for c in columns) == ("Overdue", datetime(2023, 10, 16), None, 1)
    figures = dashboard(next_day)
    assert (figures["Overdue"], figures["Not yet due"]) == (10, 0)


def test_status_counts_the_returns_not_yet_due(year: Year) -> None:
    result = CliRunner().invoke(main, ["-w", str(year.ws.root), "status", "2023-24-Q2", "--as-of", "16/10/2023"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in result.stdout.splitlines() if line.split()}
    assert rows["kcc"] == "Not yet due" and rows["davss"] == "Not yet due"
    assert "12 expected: 2 received, 10 not yet due." in " ".join(result.stdout.split())


def test_consolidate_refuses_a_plan_with_errors_for_a_quarter_never_generated(year: Year, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(year.ws.root, root)
    wb = openpyxl.load_workbook(root / "plan.xlsx")
    wb["Actions"]["E2"] = "kent-polce"
    wb.save(root / "plan.xlsx")
    result = CliRunner().invoke(main, ["-w", str(root), "consolidate", "2023-24-Q3", "--as-of", "20/01/2024"])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "Actions!E2: Lead partner 'kent-polce' is not in Partners." in said and "run 'cspxl check'" in said
    assert not list((root / "master").glob("*Q3*"))
    # A quarter already generated keeps the plan it was generated from, and is still consolidated.
    kept = CliRunner().invoke(main, ["-w", str(root), "consolidate", "2023-24-Q2", "--as-of", "20/10/2023"])
    assert kept.exit_code == 0, kept.output


def test_the_dashboard_is_for_the_meeting_its_chart_counting_whole_actions_each_labelled(
        year: Year, q2_master: Path) -> None:
    import zipfile

    sheet = openpyxl.load_workbook(q2_master)["Dashboard"]
    texts = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    version = year.ws.plan_for(Q2).version
    assert not [t for t in texts if version in t or "cspxl " in t or "--redact" in t]
    assert openpyxl.load_workbook(q2_master).properties.description == f"Plan version {version}"
    with zipfile.ZipFile(q2_master) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert '<c:majorUnit val="1"/>' in chart and '<c:numFmt formatCode="0"' in chart  # 0, 1, 2 ... never 0.5
    assert chart.count("<c:showVal val=\"1\"/>") == 6  # each status's segments labelled with their count


def test_a_view_once_computed_cannot_be_changed(year: Year) -> None:
    from pydantic import ValidationError

    from cspxl import period_view

    view = period_view(year.ws, Q2, date(2023, 10, 23))
    a38 = next(a for a in view.actions if a.action.id == "A38")
    for thing, field, value in ((view, "as_of", date(2024, 1, 1)), (a38, "stale", True),
                                (view.returns[0], "reminders", 5), (a38.supporting[0], "answer", None)):
        with pytest.raises(ValidationError):
            setattr(thing, field, value)


def test_monitor_without_last_quarters_plan_compares_with_this_plan_from_the_second_quarter(year: Year) -> None:
    from cspxl import monitor

    with year.ws.register(readonly=True) as register:
        q2 = monitor(year.ws.plan_for(Q2), register, Q2, date(2023, 10, 23))
        q1 = monitor(year.ws.plan_for(Q1), register, Q1, date(2023, 7, 28))
    moved = {a.action.id: (a.previous_status, a.movement) for a in q2.actions}
    assert (moved["A05"], moved["A23"], moved["A01"]) == (("On track", "Same"), ("At risk", "Improved"), ("", ""))
    assert {a.movement for a in q1.actions} == {""}  # nothing before a year's first quarter without its plan
