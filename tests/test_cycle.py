"""A whole quarter, end to end: returns filled as partners fill them, ingested in any order, consolidated.

The quarter is 2023-24 Q1 (due 14/07/2023); the master is consolidated as of 28/07/2023.
Each test reads one part of the outcome back with openpyxl, the way a coordinator would check it.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, consolidate, example_plan_path, generate, ingest, init_workspace, parse_period
from cspxl.demo.partners import Formatted, fill_return
from tests.conftest import by, sheet_rows

Q1 = parse_period("2023-24-Q1")
FORMULA = '=HYPERLINK("http://evil.invalid","click me")'


def answers_for(plan: Any, partner: str, status: str = "On track") -> dict[str, dict[str, Any]]:
    """A plain valid answer for every action of a partner, to be overridden per test."""
    return {a.id: {"Status": status, "% complete": 30, "Progress update": f"{partner} worked on {a.id}."}
            for a, _ in plan.actions_for(partner)}


class Cycle:
    """The quarter's files and outcomes, built once for the module."""

    def __init__(self, root: Path) -> None:
        self.ws = init_workspace(root / "ws", example_plan_path())
        from cspxl import load_plan

        self.plan = plan = load_plan(self.ws.plan_path)
        with freeze_time("2023-07-03"):
            self.returns = generate(self.ws, Q1)
        inbox = root / "inbox"
        r = self.returns

        police = answers_for(plan, "kent-police")
        police["A01"] = {"Status": " on track ", "% complete": "50%", "Revised target date": "31/12/2023",
                         "Progress update": "Rural patrol plan agreed."}
        police["A03"] = {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 6, 20),
                         "Progress update": FORMULA}
        police["A10"] = {"Status": "at risk", "% complete": Formatted(0.4, "0%"),
                         "Progress update": "Two officers on long-term leave.", "Support needed": "y"}
        police["A16"] = {"Status": None, "Progress update": None, "% complete": None}
        self.police = fill_return(r["kent-police"], inbox / "KP return v2 FINAL.xlsx", police, sort_by="Status")

        sdc = {a.id: {} for a, _ in plan.actions_for("sdc")}
        sdc |= {
            "A02": {"Status": "Green"},
            "A04": {"Status": "Completed", "% complete": 100},
            "A06": {"Status": "At risk"},
            "A08": {"Status": "On track", "% complete": 150, "Progress update": "Going well."},
            "A09": {"Status": "On track", "Support needed": "maybe"},
            "A17": {"Status": "Off track", "Progress update": "Funding gap.", "Revised target date": "next week"},
            "A32": {"Status": "Completed", "% complete": 100, "Date completed": "14/07/2023",
                    "Progress update": "Done."},
            "A34": {"Status": "On track", "Progress update": "+44 1632 960000 is the number to call"},
        }
        self.sdc = fill_return(r["sdc"], inbox / "sdc.xlsx", sdc,
                               extra_cells={"C35": "Please call me about A02", "P5": "see my email"})

        kcc = answers_for(plan, "kcc")
        self.kcc_first = fill_return(r["kcc"], inbox / "kcc" / "return.xlsx", kcc)
        kcc["A14"] = {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 7, 1),
                      "Progress update": "Finished early."}
        self.kcc_second = fill_return(r["kcc"], inbox / "later" / "return (corrected).xlsx", kcc)

        kfrs = answers_for(plan, "kfrs")
        kfrs["A13"] = {"Status": "At risk", "Progress update": "Crew shortages."}
        fires = {"M05": {"Value": 15}, "M09": {"Value": 98, "Comment": "Two crews on courses."}}
        self.kfrs_first = fill_return(r["kfrs"], inbox / "kfrs-1.xlsx", kfrs, figures=fires)
        kfrs["A13"] = {"Status": "On track", "Progress update": "Crews back to strength."}
        self.kfrs_second = fill_return(r["kfrs"], inbox / "kfrs-2.xlsx", kfrs, figures=fires)

        self.results = {}
        # Any order: corrections before first versions, a folder with a lock file in it.
        (inbox / "kcc" / "~$return.xlsx").write_bytes(b"\x00owner")
        #: Each input file's SHA-256 before anything was ingested.
        self.hashes_before = {path: sha256(path) for path in sorted(inbox.rglob("*")) if path.is_file()}
        self.results["kcc"] = ingest(self.ws, [inbox / "kcc"], received=datetime(2023, 7, 20, 9))
        # The correction arrived later than the first version, whatever the order of ingest.
        self.results["kcc-again"] = ingest(self.ws, [self.kcc_second], received=datetime(2023, 7, 25, 9))
        self.results["police"] = ingest(self.ws, [self.police], received=datetime(2023, 7, 10, 16, 30))
        self.results["sdc"] = ingest(self.ws, [self.sdc], received=datetime(2023, 7, 12))
        with freeze_time("2023-07-18 11:00"):
            self.results["kfrs-2"] = ingest(self.ws, [self.kfrs_second])
        with freeze_time("2023-07-13 09:00"):
            self.results["kfrs-1"] = ingest(self.ws, [self.kfrs_first])
        copy = Path(shutil.copy(self.police, root / "renamed again.xlsx"))
        self.results["twice"] = ingest(self.ws, [self.police, copy])
        with freeze_time("2023-07-28 12:00"):
            self.master = consolidate(self.ws, Q1, as_of=date(2023, 7, 28))


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Cycle:
    return Cycle(tmp_path_factory.mktemp("cycle"))


@pytest.fixture(scope="module")
def actions(cycle: Cycle) -> dict[str, dict[str, Any]]:
    return by(sheet_rows(cycle.master, "Actions"), "Action ID")


@pytest.fixture(scope="module")
def returns(cycle: Cycle) -> dict[str, dict[str, Any]]:
    return by(sheet_rows(cycle.master, "Returns"), "Partner ID")


def test_messy_but_valid_answers_are_normalised(actions) -> None:
    a01 = actions["A01"]
    assert (a01["Status"], a01["% complete"], a01["Revised target date"]) == ("On track", 50, datetime(2023, 12, 31))
    a10 = actions["A10"]
    assert (a10["Status"], a10["% complete"], a10["Support needed"]) == ("At risk", 40, "Yes")
    a03 = actions["A03"]
    assert (a03["Status"], a03["Date completed"], a03["Overdue"]) == ("Completed", datetime(2023, 6, 20), "No")


def test_a_partners_text_stays_text_in_the_master_whatever_it_starts_with(cycle: Cycle) -> None:
    ws = openpyxl.load_workbook(cycle.master)["Actions"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    progress = header.index("Progress update")
    assert rows["A03"][progress].value == FORMULA and rows["A03"][progress].data_type == "s"
    assert rows["A34"][progress].value == "+44 1632 960000 is the number to call"
    assert rows["A34"][progress].data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_blank_status_means_no_update(actions) -> None:
    assert (actions["A16"]["Status"], actions["A16"]["No update"]) == (None, "Yes")


def test_invalid_answers_are_errors_at_their_cells_and_the_valid_rows_are_accepted(cycle: Cycle, actions) -> None:
    (outcome,) = cycle.results["sdc"].files
    assert outcome.outcome == "accepted" and cycle.results["sdc"].failed
    assert [(p.where, p.code, p.action) for p in outcome.errors] == [
        ("Return!J5", "status-unknown", "A02"),
        ("Return!L7", "completed-without-date", "A04"),
        ("Return!N9", "update-required", "A06"),
        ("Return!K10", "percent-out-of-range", "A08"),
        ("Return!O11", "support-invalid", "A09"),
        ("Return!M17", "date-invalid", "A17"),
    ]
    assert outcome.errors[0].file == "sdc.xlsx"
    assert str(outcome.errors[2]) == ("sdc.xlsx · Return!N9 · A06: A06 is At risk but has no progress update. "
                                      "Say what is wrong and what is being done about it.")
    # Rows with errors need correction and give no status; the rest of the return counts.
    assert [actions[a]["Needs correction"] for a in ("A02", "A04", "A06", "A08", "A09", "A17")] == ["Yes"] * 6
    assert [actions[a]["Status"] for a in ("A02", "A08", "A17")] == [None, None, None]
    assert (actions["A32"]["Status"], actions["A32"]["Date completed"]) == ("Completed", datetime(2023, 7, 14))


def test_anything_typed_outside_the_input_cells_is_a_warning_with_its_cell(cycle: Cycle) -> None:
    (outcome,) = cycle.results["sdc"].files
    outside = [(p.where, p.message) for p in outcome.problems if p.code == "typed-outside-inputs"]
    assert outside == [
        ("Return!P5", "'see my email' was typed outside the input cells and is not recorded as an update"),
        ("Return!C35", "'Please call me about A02' was typed outside the input cells and is not recorded as an update"),
    ]


def test_overdue_actions_are_flagged_as_of_the_day_given(actions) -> None:
    # As of 28/07/2023: A08 (sdc, due 30/06, its row needs correction) and A22 (davss, no return, due 30/04).
    assert (actions["A08"]["Overdue"], actions["A08"]["Days overdue"]) == ("Yes", 28)
    assert (actions["A22"]["Overdue"], actions["A22"]["Days overdue"], actions["A22"]["No update"]) == ("Yes", 89, "Yes")
    # Completed on 14/07 (target 14/07) and a revised target in the future are not overdue.
    assert actions["A32"]["Overdue"] == "No" and actions["A01"]["Overdue"] == "No"
    assert actions["A01"]["Days overdue"] is None


def test_return_statuses_judge_timeliness_by_the_first_return(returns) -> None:
    got = {pid: (r["Return status"], r["Received on"], r["Days late"], r["Files received"])
           for pid, r in returns.items() if pid in ("kent-police", "sdc", "kcc", "kfrs", "davss")}
    assert got == {
        "kent-police": ("Received", datetime(2023, 7, 10), None, 1),
        "sdc": ("Received", datetime(2023, 7, 12), None, 1),
        "kcc": ("Received late", datetime(2023, 7, 20), 6, 2),
        "kfrs": ("Received", datetime(2023, 7, 13), None, 2),  # the correction on 18/07 does not make it late
        "davss": ("Overdue", None, 14, 0),
    }
    assert returns["sdc"]["Rows needing correction"] == 6


def test_the_return_received_last_supersedes_the_earlier_ones(cycle: Cycle, actions) -> None:
    assert (actions["A14"]["Status"], actions["A14"]["Progress update"]) == ("Completed", "Finished early.")
    assert actions["A13"]["Status"] == "On track"  # kfrs-2 was received later though ingested first
    with Register(cycle.ws.register_path, cycle.ws.archive_dir) as reg:
        assert [s.file_name for s in reg.submissions("2023-24-Q1", "kcc")] == ["return.xlsx", "return (corrected).xlsx"]
        history = reg.submissions("2023-24-Q1", "kfrs")
        assert [s.file_name for s in history] == ["kfrs-1.xlsx", "kfrs-2.xlsx"]  # both stay on record
        assert reg.current("2023-24-Q1", "kfrs").file_name == "kfrs-2.xlsx"


def test_files_are_found_in_folders_lock_files_skipped_and_duplicates_change_nothing(cycle: Cycle) -> None:
    first = cycle.results["kcc"]
    assert sorted((Path(f.path).name, f.outcome) for f in first.files) == [
        ("return.xlsx", "accepted"), ("~$return.xlsx", "skipped")]
    assert [f.outcome for f in cycle.results["kcc-again"].files] == ["accepted"]
    assert [f.outcome for f in cycle.results["twice"].files] == ["duplicate", "duplicate"]
    assert not cycle.results["twice"].failed


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_ingested_file_is_archived_unchanged_and_inputs_are_untouched(cycle: Cycle) -> None:
    inbox = cycle.ws.root.parent / "inbox"
    assert sorted(str(p.relative_to(inbox)) for p in cycle.hashes_before) == [
        "KP return v2 FINAL.xlsx", "kcc/return.xlsx", "kcc/~$return.xlsx", "kfrs-1.xlsx", "kfrs-2.xlsx",
        "later/return (corrected).xlsx", "sdc.xlsx"]
    files = list(cycle.hashes_before)
    assert {p: sha256(p) for p in files} == cycle.hashes_before  # the inputs, byte for byte
    with Register(cycle.ws.register_path, cycle.ws.archive_dir) as reg:
        records = reg.submissions("2023-24-Q1")
    assert len(records) == 6  # every return in the inbox, each archived as it was before it was ingested
    assert {r.sha256 for r in records} == {cycle.hashes_before[p] for p in files if not p.name.startswith("~$")}
    for record in records:
        archived = cycle.ws.root / record.archive_path
        assert archived.name == f"{record.sha256}.xlsx" and sha256(archived) == record.sha256


def test_the_problems_sheet_lists_what_is_still_open(cycle: Cycle) -> None:
    problems = sheet_rows(cycle.master, "Problems")
    errors = [(p["Partner"], p["Cell"], p["Action ID"], p["Code"]) for p in problems if p["Severity"] == "error"]
    assert errors == [
        ("Sevenoaks District Council", "J5", "A02", "status-unknown"),
        ("Sevenoaks District Council", "L7", "A04", "completed-without-date"),
        ("Sevenoaks District Council", "N9", "A06", "update-required"),
        ("Sevenoaks District Council", "K10", "A08", "percent-out-of-range"),
        ("Sevenoaks District Council", "O11", "A09", "support-invalid"),
        ("Sevenoaks District Council", "M17", "A17", "date-invalid"),
    ]
    # kfrs's first file had no problems worth listing, and superseded files' problems are closed anyway.
    assert all(p["Partner"] != "Kent Fire & Rescue Service" for p in problems)


def test_the_dashboard_counts_returns_and_actions(cycle: Cycle) -> None:
    ws = openpyxl.load_workbook(cycle.master)["Dashboard"]
    figures = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0] and isinstance(r[1], int)}
    assert (figures["Returns expected"], figures["Returns received"], figures["Received on time"],
            figures["Received late"], figures["Overdue"], figures["Not yet due"]) == (12, 4, 3, 1, 8, 0)
    assert figures["Actions in the plan"] == 45
    rows = {r[3]: r[4:11] for r in ws.iter_rows(values_only=True) if r[3]}  # the status table, from column D
    assert rows["Priority"] == ("Not started", "On track", "At risk", "Off track", "Completed", "No update", "Total")
    assert rows["All priorities"][6] == 45 and sum(rows["All priorities"][:6]) == 45
    assert len(ws._charts) == 1


def test_the_next_quarter_carries_forward_the_accepted_updates(cycle: Cycle) -> None:
    with freeze_time("2023-10-02"):
        path = generate(cycle.ws, Q1.next(), ["kent-police"])["kent-police"]
    ws = openpyxl.load_workbook(path)["Return"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert (rows["A10"][7], rows["A10"][8]) == ("At risk", "Two officers on long-term leave.")
    assert (rows["A03"][7], rows["A03"][8]) == ("Completed", FORMULA)
    assert rows["A16"][7] is None  # no update last quarter


def test_status_as_of_a_day_counts_only_what_had_arrived_by_then(cycle: Cycle) -> None:
    from cspxl import load_plan, monitor

    with Register(cycle.ws.register_path, cycle.ws.archive_dir, readonly=True) as reg:
        view = monitor(load_plan(cycle.ws.plan_path), reg, Q1, date(2023, 7, 15))
    states = {r.partner.id: (r.status, r.files) for r in view.returns}
    assert states["kcc"] == ("Overdue", 0)  # its first return came on 20/07
    assert states["kfrs"] == ("Received", 1)  # only the first version had arrived
    a13 = next(a for a in view.actions if a.action.id == "A13")
    assert a13.status == "At risk"
