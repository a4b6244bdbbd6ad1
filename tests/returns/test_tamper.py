"""Changes outside the input cells are warnings at their cells, and the plan's text stays in the master."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import consolidate, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from tests.conftest import by, sheet_rows

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def kfrs_return(workspace) -> Path:
    with freeze_time("2023-07-03"):
        return generate(workspace, Q1, ["kfrs"])["kfrs"]


def test_the_cells_kept_at_issue_are_the_issued_file_read_back(workspace, kfrs_return: Path) -> None:
    """Ingest compares with the cells kept when the return was generated, not the file: they must agree."""
    from cspxl import Register
    from cspxl.spreadsheets.read import read_own_workbook

    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        identity = reg.latest_issue(str(Q1), "kfrs")
        kept, archived = reg.issued_cells(identity), reg.issued_file(identity)
    book = read_own_workbook(archived)
    assert kept == {sheet.name: {rc: cell.value for rc, cell in sheet.cells.items()} for sheet in book.sheets}
    assert kept["Return"][(6, 1)] == "A13" and kept["Return"][(6, 7)] == datetime(2024, 3, 31)


@pytest.mark.parametrize("kept", [True, False], ids=["cells kept at issue", "issued by an older cspxl: file only"])
def test_unprotected_and_edited_context_is_reported_cell_by_cell(workspace, plan, kfrs_return: Path, tmp_path,
                                                                 kept: bool) -> None:
    if not kept:  # a return generated before the register kept its cells: the archived file is read instead
        import sqlite3

        with sqlite3.connect(workspace.register_path) as db:
            db.execute("DELETE FROM issued_cells")
    # kfrs rows: A01 4, A02 5, A13 6 (lead), A20 7, A27 8, A30 9 (lead), A32 10.
    filled = fill_return(kfrs_return, tmp_path / "kfrs.xlsx",
                         {"A13": {"Status": "On track", "Progress update": "Crews trained."}})
    wb = openpyxl.load_workbook(filled)
    ws = wb["Return"]
    ws.protection.sheet = False  # what "Unprotect sheet" does: there is no password
    ws["C6"] = "Deliver fewer fire safety visits"
    ws["G6"] = datetime(2025, 3, 31)
    ws["I9"] = "We did loads last quarter"
    ws["H1"] = "note in the title row"
    wb["Instructions"]["B30"] = "Please ring me"
    wb.create_sheet("Notes")["A1"] = "Our own notes"
    wb.save(filled)

    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted" and not outcome.errors
    found = [(p.where, p.code, p.action) for p in outcome.problems if p.code not in ("status-blank", "figure-blank")]
    assert found == [
        ("Return!C6", "context-changed", "A13"),
        ("Return!G6", "context-changed", "A13"),
        ("Return!I9", "context-changed", "A30"),
        ("Return!H1", "typed-outside-inputs", ""),
        ("Instructions!B30", "typed-outside-inputs", ""),
        ("Notes", "sheet-added", ""),
        ("Notes!A1", "typed-outside-inputs", ""),
    ]
    changed = next(p for p in outcome.problems if p.cell == "G6")
    assert changed.message == ("The locked Target date was changed from '2024-03-31' to '2025-03-31'; "
                               "the plan's version is kept")

    with freeze_time("2023-07-20"):
        master = consolidate(workspace, Q1)
    a13 = by(sheet_rows(master, "Actions"), "Action ID")["A13"]
    action = plan.action("A13")
    assert (a13["Action"], a13["Target date"].date(), a13["Status"]) == (action.text, action.target_date, "On track")


def test_sorted_rows_are_not_mistaken_for_changed_context(workspace, kfrs_return: Path, tmp_path) -> None:
    answers = {a: {"Status": s, "Progress update": "x"} for a, s in
               (("A01", "At risk"), ("A13", "On track"), ("A30", "Completed"), ("A32", "Off track"))}
    answers["A30"]["Date completed"] = datetime(2023, 6, 1)
    filled = fill_return(kfrs_return, tmp_path / "sorted.xlsx", answers, sort_by="Status")
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert [p.code for p in outcome.problems if p.code not in ("status-blank", "figure-blank")] == []


def test_personal_data_typed_over_a_locked_cell_is_removed_from_the_problem_quoting_it(workspace, kfrs_return: Path,
                                                                                      tmp_path: Path) -> None:
    filled = fill_return(kfrs_return, tmp_path / "kfrs.xlsx",
                         {"A13": {"Status": "On track", "Progress update": "Crews trained."}})
    wb = openpyxl.load_workbook(filled)
    ws = wb["Return"]
    ws.protection.sheet = False
    ws["C6"] = "Visit Mrs Okafor, call 07700 900461"
    wb.save(filled)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    changed = [p for p in outcome.problems if p.code == "context-changed"]
    assert len(changed) == 1 and changed[0].message.endswith(
        "to 'Visit [name removed], call [phone removed]'; the plan's version is kept")
    assert "07700 900461" not in " ".join(p.message for p in outcome.problems)
    assert sorted(p.message.split(":")[1].split()[0] for p in outcome.problems
                  if p.code == "personal-data" and p.cell == "C6") == ["name", "phone"]


def test_a_return_is_compared_only_with_an_issued_copy_that_is_still_there(workspace, kfrs_return: Path) -> None:
    from cspxl import Register

    with Register(workspace.register_path, workspace.archive_dir) as reg:
        identity = reg.latest_issue(str(Q1), "kfrs")
        archived = reg.issued_file(identity)
        assert archived is not None and archived.is_file()
        assert reg.issued_file(identity.model_copy(update={"issue": 9})) is None  # never issued
        archived.unlink()  # lost from the archive (restored from an old back-up, say)
        assert reg.issued_file(identity) is None
