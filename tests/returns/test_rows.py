"""The row reader on Return sheets written as literal tables: no workbook generated, no file read.

Each table is the Return sheet as a partner leaves it (only the columns the reader needs; it finds
them by their headers, wherever the header row is), so a test reads like the sheet it stands for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cspxl.problems import Report
from cspxl.register import Answer
from cspxl.returns.rows import RowReader
from cspxl.screening import Screener
from cspxl.spreadsheets import Cell, Sheet

HEADER = ("Action ID", "Status", "% complete", "Date completed", "Revised target date", "Progress update",
          "Support needed")
ISSUED = ("A01", "A02", "A03")


def sheet(*rows: tuple[Any, ...], header_row: int = 3) -> Sheet:
    """The table with its header in ``header_row``; a value may be a :class:`Cell` to give its number format."""
    cells: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate([HEADER, *rows], start=header_row):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                cells[(r, c)] = value if isinstance(value, Cell) else Cell(value)
    return Sheet("Return", cells=cells)


def read(*rows: tuple[Any, ...], header_row: int = 3) -> tuple[list[Answer], Report]:
    report = Report()
    answers = RowReader("pcc.xlsx", sheet(*rows, header_row=header_row), ISSUED, report, Screener()).read()
    assert answers is not None
    return answers, report


def test_answers_are_read_as_people_type_them() -> None:
    answers, report = read(
        ("A01", "on track ", "50 %", None, "31/3/24", "Cameras ordered.", "y"),
        ("a02", "DONE", Cell(1, "0%"), "28th June 2023", None, "Live since June.", "No"),
        ("A03", "At risk", 40, None, date(2024, 6, 30), "Supplier late.", "Yes"),
    )
    assert [(a.action_id, a.status, a.percent, a.date_completed, a.revised_target, a.support_needed, a.row)
            for a in answers] == [
        ("A01", "On track", 50, None, date(2024, 3, 31), "Yes", 4),
        ("A02", "Completed", 100, date(2023, 6, 28), None, "No", 5),
        ("A03", "At risk", 40, None, date(2024, 6, 30), "Yes", 6),
    ]
    assert report.flatten() == []


def test_each_problem_is_at_its_cell() -> None:
    answers, report = read(
        ("A01", "Green", "half", "soon", None, None, "maybe"),
        ("A02", "Completed", 90, None, None, "", None),
        ("A03", "Off track", Cell(60, "0%"), None, None, None, None),
    )
    assert report.flatten("where", "code", "action") == [
        ("Return!B4", "status-unknown", "A01"),
        ("Return!C4", "percent-invalid", "A01"),
        ("Return!D4", "date-invalid", "A01"),
        ("Return!G4", "support-invalid", "A01"),
        ("Return!D5", "completed-without-date", "A02"),
        ("Return!C5", "completed-below-100", "A02"),
        ("Return!C6", "percent-ambiguous", "A03"),  # 60 shown as 6000%: 60% or 6000%?
        ("Return!F6", "update-required", "A03"),
    ]
    assert [(a.action_id, a.needs_correction) for a in answers] == [("A01", True), ("A02", True), ("A03", True)]


def test_rows_are_found_by_action_id_wherever_the_header_was_moved() -> None:
    answers, report = read(
        ("A03", "On track", None, None, None, None, None),
        ("A01", "Not started", None, None, None, None, None),
        ("Minutes of the March meeting attached", None, None, None, None, None, None),
        header_row=7,  # rows inserted above the table
    )
    assert [(a.action_id, a.row) for a in answers] == [("A03", 8), ("A01", 9)]
    assert report.flatten("where", "code", "action") == [
        ("Return!A10", "typed-outside-inputs", ""),
        ("Return", "action-missing", "A02"),
    ]


def test_a_row_for_an_action_not_issued_and_a_row_twice_are_said() -> None:
    answers, report = read(
        ("A01", "On track", None, None, None, None, None),
        ("A99", "On track", None, None, None, None, None),
        ("A01", "Completed", None, None, None, None, None),
    )
    assert report.flatten("where", "code", "action")[:2] == [
        ("Return!A5", "action-unknown", ""),
        ("Return!A6", "action-duplicate", "A01"),
    ]
    assert [(a.action_id, a.status, a.needs_correction) for a in answers] == [("A01", "On track", True)]


def test_a_revised_target_date_outside_the_plans_year_is_a_warning() -> None:
    report = Report()
    rows = sheet(("A01", "At risk", None, None, "30/06/2024", "Slipped into next year.", None),
                 ("A02", "At risk", None, None, "31/03/2024", "Slipped to the year's end.", None))
    RowReader("pcc.xlsx", rows, ISSUED, report, Screener(), year="2023-24").read()
    assert [(p.where, p.code, p.message) for p in report if p.code == "target-outside-year"] == [
        ("Return!E4", "target-outside-year", "Revised target date 30/06/2024 is outside the plan's financial year 2023-24")]


def test_the_header_is_found_within_its_first_thirty_rows() -> None:
    from cspxl.problems import Report

    for header_row, found in ((30, True), (31, False)):
        report = Report()
        answers = RowReader("pcc.xlsx", sheet(("A01", "On track", None, None, None, "ok", None),
                                              header_row=header_row), ISSUED, report, Screener()).read()
        assert (answers is not None) is found, header_row
        if not found:
            assert report.flatten("where", "code") == [("Return!A1", "return-header-missing")]


def test_a_cell_in_column_a_is_a_note_from_21_characters_or_three_words() -> None:
    _, report = read(
        ("A01", "On track", None, None, None, "ok", None),
        ("x" * 20, None, None, None, None, None, None),  # 20 characters: an action ID not issued
        ("y" * 21, None, None, None, None, None, None),  # 21: a note
        ("two words", None, None, None, None, None, None),  # two words: an ID
        ("three small words", None, None, None, None, None, None),  # three: a note
    )
    assert [(p.cell, p.code) for p in report if p.code in ("action-unknown", "typed-outside-inputs")] == [
        ("A5", "action-unknown"), ("A6", "typed-outside-inputs"), ("A7", "action-unknown"),
        ("A8", "typed-outside-inputs")]


def test_percent_complete_from_0_to_100_and_no_further() -> None:
    answers, report = read(
        ("A01", "Not started", 0, None, None, "Not yet.", None),
        ("A02", "Completed", 100, date(2023, 6, 1), None, "Done.", None),
        ("A03", "On track", 101, None, None, "Nearly.", None),
    )
    assert [a.percent for a in answers] == [0, 100, None]
    assert report.flatten("where", "code") == [("Return!C6", "percent-out-of-range")]
    answers, report = read(("A01", "On track", -0.5, None, None, "Less than none?", None))
    assert answers[0].percent is None and ("Return!C4", "percent-out-of-range") in report.flatten("where", "code")


def test_control_characters_are_removed_from_free_text_and_said() -> None:
    answers, report = read(("A01", "On track", None, None, None, "Cameras in.\x07", None))  # a bell at the end
    assert answers[0].progress == "Cameras in."
    assert [(p.cell, p.code) for p in report if p.action == "A01"] == [("F4", "control-characters-removed")]
    clean, report = read(("A01", "On track", None, None, None, "Cameras in.", None))
    assert [p.code for p in report if p.action == "A01"] == []


def test_merged_cells_over_an_input_column_from_its_first_to_its_last_are_said() -> None:
    from cspxl.problems import Report

    # The header's own cells merged ("B3:C3") are no input; nor is a title above the table ("B2:C2").
    for merged, said in (("B5:B6", True), ("A5:B5", True), ("G5:H5", True), ("H5:I5", False), ("B2:C2", False),
                         ("B3:C3", False), ("B3:B4", True), ("A5:A6", False)):
        report = Report()
        grid = sheet(("A01", "On track", None, None, None, "ok", None))
        grid.merged = [merged]
        RowReader("pcc.xlsx", grid, ISSUED, report, Screener()).read()
        assert ("merged-inputs" in [p.code for p in report]) is said, merged


def test_completed_below_100_is_said_from_99() -> None:
    _, report = read(("A01", "Completed", 99, date(2023, 6, 1), None, "Done.", None))
    assert [p.code for p in report if p.action == "A01"] == ["completed-below-100"]


def test_a_clean_row_after_hundreds_of_rows_in_error_is_accepted() -> None:
    """Counted by how many errors the report holds, however many: hundreds are not one object."""
    issued = tuple(f"A{n:03}" for n in range(1, 301))
    rows = [(action, "Green", None, None, None, None, None) for action in issued[:-1]]
    rows.append((issued[-1], "On track", None, None, None, "Fine.", None))
    report = Report()
    answers = RowReader("pcc.xlsx", sheet(*rows), issued, report, Screener()).read()
    assert answers is not None and len(report.errors) == 299
    assert [(a.action_id, a.needs_correction) for a in answers[-2:]] == [("A299", True), ("A300", False)]


def test_the_inputs_as_sent_are_each_actions_first_row() -> None:
    from pathlib import Path

    from cspxl.returns.rows import inputs_of
    from cspxl.spreadsheets import Book

    book = Book(path=Path("pcc.xlsx"), sheets=[sheet(
        ("A01", "On track", 50, None, None, "First.", None),
        (None, "a note with no action", None, None, None, None, None),
        ("A01", "Off track", 10, None, None, "Again.", None),
    )])
    values, headers = inputs_of(book)
    assert list(values) == ["A01"]
    assert values["A01"]["Status"] == "On track" and values["A01"]["Progress update"] == "First."
    assert headers[1] == "Action ID"


def test_a_progress_update_may_fill_a_cell_and_no_more() -> None:
    answers, report = read(("A01", "On track", None, None, None, "x" * 32767, None))
    assert answers[0].progress == "x" * 32767 and [p.code for p in report if p.action == "A01"] == []
    answers, report = read(("A01", "On track", None, None, None, "x" * 32768, None))
    assert [(p.cell, p.code) for p in report if p.action == "A01"] == [("F4", "text-too-long")]


def test_control_characters_are_named_three_at_most() -> None:
    _, report = read(("A01", "On track", None, None, None, "a\x01b\x02c\x03d\x04", None))
    (said,) = [p.message for p in report if p.code == "control-characters-removed"]
    assert "(such as U+0001, U+0002, U+0003)" in said


def test_a_header_without_its_inputs_names_the_first_one_missing() -> None:
    cells = {(3, c): Cell(h) for c, h in enumerate(("Action ID", "% complete", "Date completed",
                                                   "Revised target date", "Progress update"), start=1)}
    report = Report()
    assert RowReader("pcc.xlsx", Sheet("Return", cells=cells), ISSUED, report, Screener()).read() is None
    (missing,) = report.problems
    assert missing.message == "The 'Return' sheet has no header row with 'Status'"


def test_a_whole_row_filled_in_is_something_typed() -> None:
    """A value repeated to the sheet's edge (as .ods stores a row filled in) is something done to the
    return, even when the value is the one it was issued with."""
    grid = sheet(("A01", "Completed", None, None, None, None, None))
    grid.repeats = [(4, 2, 16383)]
    issued = {"A01": {"Status": "Completed"}}
    reader = RowReader("pcc.xlsx", grid, ISSUED, Report(), Screener(), prefilled=issued)
    reader.read()
    assert reader.typed
    untouched = RowReader("pcc.xlsx", sheet(("A01", "Completed", None, None, None, None, None)), ISSUED, Report(),
                          Screener(), prefilled=issued)
    untouched.read()
    assert not untouched.typed


def test_the_inputs_as_sent_are_found_with_a_header_within_thirty_rows() -> None:
    from pathlib import Path

    from cspxl.returns.rows import inputs_of
    from cspxl.spreadsheets import Book

    for header_row, found in ((30, ["A01"]), (31, [])):
        book = Book(path=Path("pcc.xlsx"), sheets=[sheet(("A01", "On track", None, None, None, "ok", None),
                                                         header_row=header_row)])
        assert list(inputs_of(book)[0]) == found, header_row
