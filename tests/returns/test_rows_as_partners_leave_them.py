"""Rows as partners leave them: re-ordered, deleted, duplicated, unknown, with rows inserted above."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import generate, load_plan, parse_period, read_return, write_plan_workbook
from cspxl.demo.partners import fill_return

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def filled(workspace, tmp_path: Path) -> Path:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc"])["pcc"]
    # pcc's rows: A02 (support) row 4, A05 (lead) row 5, A22 (support) row 6, A23 (lead) row 7, A36 (lead) row 8.
    answers = {a: {"Status": "On track", "Progress update": f"Update on {a}."} for a in ("A02", "A05", "A22", "A23", "A36")}
    return fill_return(issued, tmp_path / "pcc.xlsx", answers)


def edit(path: Path, change) -> Path:  # noqa: ANN001 - a callable taking the Return worksheet
    wb = openpyxl.load_workbook(path)
    change(wb["Return"])
    out = path.with_name("edited.xlsx")
    wb.save(out)
    return out


def read(workspace, path: Path):  # noqa: ANN201
    return read_return(path, load_plan(workspace.plan_path), workspace.key)


def test_rows_are_read_by_action_id_whatever_their_order(workspace, filled: Path) -> None:
    def reverse(ws) -> None:
        rows = [[c.value for c in ws[r]] for r in range(4, 9)]
        for r, values in zip(range(4, 9), reversed(rows), strict=True):
            for c, v in enumerate(values, start=1):
                ws.cell(r, c).value = v

    submission, report = read(workspace, edit(filled, reverse))
    assert report.ok
    assert {a.action_id: (a.row, a.progress) for a in submission.answers} == {
        "A36": (4, "Update on A36."), "A23": (5, "Update on A23."), "A22": (6, "Update on A22."),
        "A05": (7, "Update on A05."), "A02": (8, "Update on A02.")}


def test_deleted_duplicated_and_unknown_rows_are_reported(workspace, filled: Path) -> None:
    def mangle(ws) -> None:
        ws["A6"] = "A05"  # A22's row now claims to be A05: a duplicate, and A22 goes missing
        ws["A8"] = "A99"  # an action that was never issued

    submission, report = read(workspace, edit(filled, mangle))
    assert report.flatten("where", "code", "action") == [
        ("Return!A6", "action-duplicate", "A05"),
        ("Return!A8", "action-unknown", ""),
        ("Return", "action-missing", "A22"),
        ("Return", "action-missing", "A36"),
    ]
    answers = {a.action_id: a for a in submission.answers}
    assert answers["A05"].needs_correction and not answers["A02"].needs_correction
    assert set(answers) == {"A02", "A05", "A23"}


def test_rows_inserted_above_the_header_are_tolerated(workspace, filled: Path) -> None:
    submission, report = read(workspace, edit(filled, lambda ws: ws.insert_rows(1, 2)))
    assert report.ok and {a.row for a in submission.answers} == {6, 7, 8, 9, 10}


def test_a_changed_header_row_is_a_rejection_naming_the_header(workspace, filled: Path) -> None:
    submission, report = read(workspace, edit(filled, lambda ws: ws.cell(3, 10, "RAG")))
    assert submission is None
    assert report.flatten("where", "code") == [("Return!A3", "return-header-missing")]
    assert "'Status'" in report.problems[0].message


def test_a_return_issued_from_an_earlier_plan_still_ingests_with_a_warning(workspace, filled: Path) -> None:
    plan = load_plan(workspace.plan_path)
    changed = plan.model_copy(update={"settings": plan.settings.model_copy(update={"return_due_days": 21})})
    write_plan_workbook(workspace.plan_path, changed)
    submission, report = read(workspace, filled)
    assert submission is not None and report.flatten("code") == [("plan-changed",)]
    assert "issued 03/07/2023" in report.problems[0].message


def test_received_defaults_to_now(workspace, filled: Path) -> None:
    from cspxl import Register, ingest

    with freeze_time("2023-07-11 15:45"):
        ingest(workspace, [filled])
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.current("2023-24-Q1", "pcc").received_at == datetime(2023, 7, 11, 15, 45)


def test_a_note_typed_in_column_a_is_a_note_not_an_unknown_action(workspace, filled: Path) -> None:
    submission, report = read(workspace, edit(filled, lambda ws: ws.cell(10, 1, "NB we also ran extra patrols")))
    assert report.flatten("where", "code") == [("Return!A10", "typed-outside-inputs")]


def test_a_percentage_that_is_not_whole_is_rounded_with_a_warning(workspace, filled: Path) -> None:
    submission, report = read(workspace, edit(filled, lambda ws: ws.cell(5, 11, 62.5)))
    assert report.flatten("where", "code") == [("Return!K5", "percent-rounded")]
    assert {a.action_id: a.percent for a in submission.answers}["A05"] == 63


def test_rows_deleted_by_the_partner_are_reported_missing(workspace, filled: Path) -> None:
    submission, report = read(workspace, edit(filled, lambda ws: ws.delete_rows(6, 2)))  # A22 and A23
    assert report.flatten("where", "code", "action") == [
        ("Return", "action-missing", "A22"), ("Return", "action-missing", "A23")]
    assert {a.action_id for a in submission.answers} == {"A02", "A05", "A36"}


def test_the_register_gives_back_every_answer_exactly_as_it_was_recorded(workspace, filled: Path) -> None:
    """Answers are read back without validating them again (see cspxl._models): they must be the same."""
    from datetime import date

    from cspxl import Register, ingest

    edited = edit(filled, lambda ws: (ws.__setitem__("K5", 40), ws.__setitem__("L5", date(2023, 6, 30)),
                                      ws.__setitem__("M7", date(2024, 3, 31)), ws.__setitem__("O7", "Yes")))
    (outcome,) = ingest(workspace, [edited], received=datetime(2023, 7, 10)).files
    submission, _ = read_return(edited, load_plan(workspace.plan_path), workspace.key)
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        back = reg.answers(outcome.submission_id)
    assert back == {a.action_id: a for a in submission.answers}
    assert back["A05"].percent == 40 and back["A05"].date_completed == date(2023, 6, 30)
    assert back["A23"].revised_target == date(2024, 3, 31) and back["A23"].support_needed == "Yes"
    assert [a.model_dump() for a in back.values()] == [a.model_dump() for a in submission.answers]


@pytest.mark.parametrize(
    ("status", "percent", "completed", "recorded", "problems"),
    [
        # status, % complete as stored, Date completed typed -> % recorded, problems on the row
        ("Completed", 100, "28th June 2023", 100, []),
        ("Completed", 100, "28 Jun 23", 100, []),
        ("Completed", 100, "28.06.2023", 100, []),
        ("Completed", 90, "28/6/23", 90, [("K7", "completed-below-100")]),
        ("Completed", 100, "end of June", 100, [("L7", "date-invalid")]),  # one problem, not a second one
        ("Completed", 100, None, 100, [("L7", "completed-without-date")]),
        ("On track", 0.5, None, None, [("K7", "percent-ambiguous")]),  # 0.5% or 50%: not guessed
        ("On track", "50 %", None, 50, []),
    ],
)
def test_what_is_typed_in_a_row_is_recorded_or_said_on_its_cell(
        workspace, filled: Path, status: str, percent: object, completed: str | None, recorded: int | None,
        problems: list[tuple[str, str]]) -> None:
    def type_row(ws) -> None:  # A23's row
        ws["J7"], ws["K7"], ws["L7"] = status, percent, completed

    submission, report = read(workspace, edit(filled, type_row))
    (a23,) = [a for a in submission.answers if a.action_id == "A23"]
    assert a23.percent == recorded
    assert [(p.cell, p.code) for p in report if p.action == "A23"] == problems
