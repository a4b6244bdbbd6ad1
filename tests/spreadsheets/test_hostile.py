"""Hostile and broken files, built by the tests: each ends in a clear rejection or a truthful reading."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, generate, ingest, load_plan, parse_period, read_return
from cspxl.demo.partners import fill_return
from tests.conftest import rezip, with_shared_strings

Q1 = parse_period("2023-24-Q1")
# pcc's return: A02 row 4, A05 row 5 (lead), A22 row 6, A23 row 7 (lead), A36 row 8 (lead).


@pytest.fixture
def issued(workspace) -> Path:
    with freeze_time("2023-07-03"):
        return generate(workspace, Q1, ["pcc"])["pcc"]


@pytest.fixture
def filled(issued: Path, tmp_path: Path) -> Path:
    return fill_return(issued, tmp_path / "pcc.xlsx", {"A05": {"Status": "On track", "Progress update": "MARKER"}})


def outcome_of(workspace, path: Path):  # noqa: ANN201
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        before = reg.counts()
    (outcome,) = ingest(workspace, [path], received=datetime(2023, 7, 10)).files
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert outcome.outcome != "rejected" or reg.counts() == before, "a rejected file changed the register"
    return outcome


def rejection(workspace, path: Path) -> str:
    outcome = outcome_of(workspace, path)
    assert outcome.outcome == "rejected", [str(p) for p in outcome.problems]
    (problem,) = outcome.problems
    return problem.message


def answers(workspace, path: Path) -> dict:
    submission, report = read_return(path, load_plan(workspace.plan_path), workspace.key)
    assert submission is not None, report.flatten()
    return {a.action_id: a for a in submission.answers}


#: The Return sheet's part; the filled returns hold their text inline there, as openpyxl writes it.
RETURN_PART = "xl/worksheets/sheet2.xml"


def replace_marker(by: str):  # noqa: ANN201
    """Put raw XML text where the answer MARKER is, as a crafted (or Excel-escaped) file would hold it."""
    return lambda data: data.replace(b"MARKER", by.encode())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(workspace, filled: Path, tmp_path: Path) -> None:
    bomb = rezip(filled, tmp_path / "bomb.xlsx", add={"xl/media/padding.bin": bytes(50 * 2**20)})
    assert "'zip bomb'" in rejection(workspace, bomb)


@pytest.mark.parametrize(
    "doctype",
    ['<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
     '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
    ids=["billion-laughs", "external-entity"],
)
def test_xml_entity_tricks_are_refused_not_expanded(workspace, filled: Path, tmp_path: Path, doctype: str) -> None:
    def inject(data: bytes) -> bytes:
        text = doctype + data.decode()  # openpyxl writes the part without an XML declaration
        return text.replace("MARKER", "&d;" if "ENTITY a" in doctype else "&xxe;").encode()

    crafted = rezip(filled, tmp_path / "entities.xlsx", edit={RETURN_PART: inject})
    assert "XML entity declarations" in rejection(workspace, crafted)


def test_duplicate_part_names_inside_the_zip_are_refused(workspace, filled: Path, tmp_path: Path) -> None:
    crafted = rezip(filled, tmp_path / "dupe.xlsx", duplicate=RETURN_PART)
    assert "two parts named 'xl/worksheets/sheet2.xml'" in rejection(workspace, crafted)


def test_external_links_are_never_followed_and_said_so(workspace, filled: Path, tmp_path: Path) -> None:
    crafted = rezip(filled, tmp_path / "links.xlsx", add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    outcome = outcome_of(workspace, crafted)
    assert outcome.outcome == "accepted"
    assert "external-links-ignored" in [p.code for p in outcome.problems]


def test_control_characters_are_removed_from_text_with_a_warning(workspace, filled: Path, tmp_path: Path) -> None:
    shared = with_shared_strings(filled, tmp_path / "shared.xlsx")
    crafted = rezip(shared, tmp_path / "bell.xlsx",
                    edit={"xl/sharedStrings.xml": replace_marker("Bell_x0007_ and escape_x001B_ done")})
    outcome = outcome_of(workspace, crafted)
    assert outcome.outcome == "accepted"
    warning = next(p for p in outcome.problems if p.code == "control-characters-removed")
    assert (warning.where, warning.message) == (
        "Return!N5", "The Progress update held characters that cannot be shown (such as U+0007, U+001B); they were removed")
    assert answers(workspace, crafted)["A05"].progress == "Bell and escape done"


def test_excel_escaped_carriage_returns_become_plain_line_breaks(workspace, filled: Path, tmp_path: Path) -> None:
    shared = with_shared_strings(filled, tmp_path / "shared.xlsx")
    crafted = rezip(shared, tmp_path / "crlf.xlsx",
                    edit={"xl/sharedStrings.xml": replace_marker("line one_x000D_\nline two")})
    assert answers(workspace, crafted)["A05"].progress == "line one\nline two"


def test_text_longer_than_a_cell_is_an_error_on_its_row(workspace, issued: Path, tmp_path: Path) -> None:
    # Excel cannot hold it, so neither can openpyxl write it: the XML is edited, as a crafted file would be.
    marked = fill_return(issued, tmp_path / "marked.xlsx", {"A05": {"Status": "On track", "Progress update": "MARKER"},
                                                            "A23": {"Status": "On track"}})
    long = rezip(marked, tmp_path / "long.xlsx", edit={RETURN_PART: replace_marker("x" * 40_000)})
    outcome = outcome_of(workspace, long)
    assert outcome.outcome == "accepted"
    assert [(p.where, p.code) for p in outcome.errors] == [("Return!N5", "text-too-long")]
    found = answers(workspace, long)
    assert found["A05"].needs_correction and not found["A23"].needs_correction


def test_a_cell_claiming_xfd1048576_is_read_without_walking_the_grid(workspace, filled: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    wb["Return"]["XFD1048576"] = "far away"
    wb.save(tmp_path / "far.xlsx")
    outcome = outcome_of(workspace, tmp_path / "far.xlsx")
    assert outcome.outcome == "accepted"
    assert ("Return!XFD1048576", "typed-outside-inputs") in [(p.where, p.code) for p in outcome.problems]


def test_a_wrong_dimension_does_not_truncate_the_sheet(workspace, filled: Path, tmp_path: Path) -> None:
    # openpyxl's read-only mode trusts <dimension> and would stop at A1; cspxl must read every row.
    crafted = rezip(filled, tmp_path / "dimension.xlsx",
                    edit={RETURN_PART: lambda d: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', d)})
    assert answers(workspace, crafted)["A05"].status == "On track"


def test_the_1904_date_system_gives_the_same_dates(workspace, issued: Path, tmp_path: Path) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.load_workbook(issued)
    wb.epoch = CALENDAR_MAC_1904
    ws = wb["Return"]
    ws["J5"], ws["L5"], ws["N5"] = "Completed", datetime(2023, 6, 28), "Done"
    wb.save(tmp_path / "mac.xlsx")
    assert answers(workspace, tmp_path / "mac.xlsx")["A05"].date_completed.isoformat() == "2023-06-28"


def test_cells_merged_over_inputs_are_a_warning(workspace, issued: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(issued)
    ws = wb["Return"]
    ws["J5"] = "On track"
    ws.merge_cells("J5:N5")
    wb.save(tmp_path / "merged.xlsx")
    outcome = outcome_of(workspace, tmp_path / "merged.xlsx")
    assert [(p.where, p.code) for p in outcome.problems if p.code == "merged-inputs"] == [("Return!J5", "merged-inputs")]


def test_numbers_and_dates_stored_as_text_are_read(workspace, issued: Path, tmp_path: Path) -> None:
    done = fill_return(issued, tmp_path / "text.xlsx", {"A05": {"Status": "Completed", "% complete": "100",
                                                                "Date completed": "28/06/2023", "Progress update": "ok"}})
    found = answers(workspace, done)["A05"]
    assert (found.percent, found.date_completed.isoformat()) == (100, "2023-06-28")


def test_a_return_with_thousands_of_rows_is_refused_by_its_row_count(workspace, filled: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    for r in range(10, 6010):
        wb["Return"].cell(r, 16, "x")
    wb.save(tmp_path / "rows.xlsx")
    assert "has 6,008 filled rows on its 'Return' sheet" in rejection(workspace, tmp_path / "rows.xlsx")


def test_past_twenty_cells_typed_outside_the_rest_are_counted_in_one_line(workspace, filled: Path, tmp_path) -> None:
    wb = openpyxl.load_workbook(filled)
    for r in range(10, 40):
        wb["Return"].cell(r, 3, f"note {r}")
    wb.save(tmp_path / "notes.xlsx")
    outcome = outcome_of(workspace, tmp_path / "notes.xlsx")
    codes = [p.code for p in outcome.problems if p.code in ("typed-outside-inputs", "more-cells")]
    assert codes == ["typed-outside-inputs"] * 20 + ["more-cells"]
    assert outcome.problems[-1].message.startswith("10 more cells like those above (typed-outside-inputs)")


def test_a_value_filling_a_whole_row_is_read_once_with_a_warning(workspace, filled: Path) -> None:
    from cspxl import check_return, load_plan
    from cspxl.spreadsheets.read import read_workbook

    book = read_workbook(filled)
    book.sheet("Return").repeats.append((5, 14, 5000))  # what the .ods reader reports for such a row
    submission, report = check_return(book, load_plan(workspace.plan_path), workspace.key, "0" * 64)
    (warning,) = [p for p in report if p.code == "cells-repeated"]
    assert (warning.where, warning.message) == (
        "Return!N5", "'MARKER' fills 5,000 cells from here (a whole row filled in); only this cell was read")


def _cell(ref: str, inner: str, attrs: str = "") -> Callable[[bytes], bytes]:
    """Replace a Return-sheet cell (as openpyxl wrote it) with raw XML, as Excel would write it."""
    return lambda data: re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), f'<c r="{ref}"{attrs}>{inner}</c>'.encode(),
                               data, count=1)


def test_an_error_value_a_partner_typed_is_kept_as_its_text(workspace, filled: Path, tmp_path: Path) -> None:
    # Typing #N/A into Excel stores an error value, which python-calamine reads as an empty cell.
    crafted = rezip(filled, tmp_path / "na.xlsx", edit={RETURN_PART: _cell("N5", "<v>#N/A</v>", ' t="e"')})
    assert answers(workspace, crafted)["A05"].progress == "#N/A"


def test_a_formula_filled_down_is_read_as_typed_in_every_cell(workspace, filled: Path, tmp_path: Path) -> None:
    # Filling a formula down, Excel writes its text once and refers to it from the cells below.
    def fill_down(data: bytes) -> bytes:
        data = _cell("N5", '<f t="shared" ref="N5:N6" si="0">M5&amp;" agreed"</f><v>x</v>')(data)
        return _cell("N6", '<f t="shared" si="0"/><v>x</v>', ' t="str"')(data)

    crafted = rezip(filled, tmp_path / "shared-formula.xlsx", edit={RETURN_PART: fill_down})
    found = answers(workspace, crafted)
    assert (found["A05"].progress, found["A22"].progress) == ('=M5&" agreed"', '=M6&" agreed"')


def test_a_percent_typed_into_a_percent_cell_is_read_without_a_warning(workspace, issued: Path, tmp_path: Path) -> None:
    from cspxl.demo.partners import Formatted

    filled = fill_return(issued, tmp_path / "pct.xlsx", {"A05": {"Status": "On track", "% complete": Formatted(0.75, "0%")}})
    outcome = outcome_of(workspace, filled)
    assert answers(workspace, filled)["A05"].percent == 75
    assert "percent-fraction" not in [p.code for p in outcome.problems]
