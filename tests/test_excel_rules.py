"""Every workbook cspxl writes opens in Excel without an offer to repair it (see tests/excel_rules.py), and
prints on A4."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from freezegun import freeze_time

from cspxl import consolidate, example_plan_path, feedback, generate, ingest, init_workspace, parse_period
from cspxl.demo.partners import fill_return
from cspxl.year.workbook import consolidate_year
from tests.excel_rules import what_excel_would_repair

Q1 = parse_period("2023-24-Q1")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One workbook of each kind cspxl writes."""
    root = tmp_path_factory.mktemp("kinds")
    blank = init_workspace(root / "blank")
    ws = init_workspace(root / "ws", example_plan_path())
    with freeze_time("2023-07-03"):
        issued = generate(ws, Q1)
    filled = fill_return(issued["pcc"], root / "pcc.xlsx", {
        "A05": {"Status": "Green", "% complete": 0.5, "Progress update": "Victim Jade Smith, DOB 03/04/2009."},
        "A23": {"Status": "Completed", "% complete": 33.3, "Date completed": "soon"}})
    ingest(ws, [filled], received=datetime(2023, 7, 10))
    with freeze_time("2023-07-12"):
        corrections = feedback(ws, Q1)["pcc"]
    master = consolidate(ws, Q1, as_of=date(2023, 7, 28))
    circulation = consolidate(ws, Q1, as_of=date(2023, 7, 28), redact=True)
    year = consolidate_year(ws, 2023, as_of=date(2023, 11, 30))
    return {"blank plan": blank.plan_path, "example plan": example_plan_path(), "return": issued["kent-police"],
            "return for correction": corrections, "master": master, "circulation copy": circulation, "year": year}


@pytest.mark.parametrize("kind", ["blank plan", "example plan", "return", "return for correction", "master",
                                  "circulation copy", "year"])
def test_no_workbook_cspxl_writes_has_anything_excel_would_repair(written: dict[str, Path], kind: str) -> None:
    assert what_excel_would_repair(written[kind]) == []


def test_the_check_finds_what_excel_repairs(tmp_path: Path) -> None:
    """What XlsxWriter writes without a word and Excel then repairs."""
    path = tmp_path / "broken.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Actions")
    ws.data_validation("B2:B100", {"validate": "any", "input_title": "Help", "input_message": "Pick one."})
    ws.data_validation("B5:B10", {"validate": "list", "source": ["Yes", "No"]})
    wb.define_name("Partners", "=Missing!$A$1:$A$9")
    wb.close()
    assert what_excel_would_repair(path) == [
        "the name Partners refers to a sheet 'Missing' that does not exist",
        "Actions: data validations B2:B100 and B5:B10 cover the same cells",
    ]


Q1_HEADER = "Sevenoaks CSP · Q1 2023-24 (April to June 2023)"
PCC_HEADER = "Sevenoaks CSP · Kent Police && Crime Commissioner's Office · Q1 2023-24 (April to June 2023)"
POLICE_HEADER = "Sevenoaks CSP · Kent Police · Q1 2023-24 (April to June 2023)"
#: How each visible sheet of each kind prints: its orientation; ``fitted`` to one page wide (with the pages
#: down: 0 as many as it takes) or a table at the print scale, 85%, across as many pages as its columns need
#: with column A on each (``85%, $A:$A``); the rows repeated on each page; the header's left part (its right
#: part is the sheet's name and the footer the page number).
FIT, TABLE = ("fitted", 0), ("85%", "$A:$A")
PLAN_SHEETS = (("Settings", "portrait"), ("Partners", "landscape"), ("Priorities", "portrait"),
               ("Actions", "landscape"), ("Measures", "landscape"), ("Crime types", "portrait"),
               ("Crime areas", "portrait"), ("Indicators", "landscape"), ("Scoring criteria", "landscape"),
               ("Committee", "landscape"))
PRINTED = {
    # A blank plan written without the partnership's name names none (never another's).
    "blank plan": {**{sheet: (way, *FIT, "$1:$1", "Strategy && Action Plan") for sheet, way in PLAN_SHEETS},
                   "Recommendations": ("landscape", *TABLE, "$1:$1", "Strategy && Action Plan")},
    "example plan": {**{sheet: (way, *FIT, "$1:$1", "Sevenoaks District Community Safety Partnership: Strategy && "
                                                    "Action Plan") for sheet, way in PLAN_SHEETS},
                     "Recommendations": ("landscape", *TABLE, "$1:$1", "Sevenoaks District Community Safety "
                                                                        "Partnership: Strategy && Action Plan")},
    "return": {"Instructions": ("landscape", *FIT, None, POLICE_HEADER),
               "Return": ("landscape", *TABLE, "$3:$3", POLICE_HEADER),
               "Measures": ("landscape", *TABLE, "$3:$3", POLICE_HEADER),
               "Recommendations": ("landscape", *TABLE, "$3:$3", POLICE_HEADER)},
    "return for correction": {"Instructions": ("landscape", *FIT, None, PCC_HEADER),
                              "Return": ("landscape", *TABLE, "$3:$3", PCC_HEADER),
                              "Problems": ("landscape", *TABLE, "$1:$1", PCC_HEADER)},
    "master": {"Dashboard": ("landscape", "fitted", 1, None, Q1_HEADER),
               **{sheet: ("landscape", *TABLE, "$1:$1", Q1_HEADER) for sheet in ("Actions", "Returns", "Problems",
                                                                                  "Measures", "Recommendations",
                                                                                  "History", "Crime context")}},
    "circulation copy": {"Dashboard": ("landscape", "fitted", 1, None, f"{Q1_HEADER} · circulation copy"),
                         **{sheet: ("landscape", *TABLE, "$1:$1", f"{Q1_HEADER} · circulation copy")
                            for sheet in ("Actions", "Returns", "Problems", "Measures", "Recommendations", "History",
                                          "Crime context")}},
    "year": {sheet: ("landscape", *TABLE, "$1:$1", "Sevenoaks CSP · the year 2023-24")
             for sheet in ("Actions", "Returns", "Priorities", "Measures", "Recommendations")},
}


@pytest.mark.parametrize("kind", list(PRINTED))
def test_every_sheet_prints_on_a4_readably_its_header_row_on_each_page(written: dict[str, Path], kind: str) -> None:
    """A narrow sheet fits its page's width; a table prints at 85% (10 pt text at 8.5 pt) across as many
    pages as it needs, its first column on each, never shrunk onto one page's width."""
    import openpyxl

    wb = openpyxl.load_workbook(written[kind])
    printed = {}
    for ws in wb:
        if ws.sheet_state != "visible":
            continue
        setup, fitted = ws.page_setup, bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
        assert setup.paperSize == 9, ws.title  # A4
        assert (ws.oddHeader.right.text, ws.oddFooter.center.text) == ("&A", "Page &P of &N"), ws.title
        how = ("fitted", int(setup.fitToHeight if setup.fitToHeight is not None else 1)) if fitted else (
            f"{setup.scale}%", ws.print_title_cols)
        if fitted:
            assert (setup.fitToWidth or 1) == 1, ws.title
        printed[ws.title] = (setup.orientation, *how, ws.print_title_rows, ws.oddHeader.left.text)
    assert printed == PRINTED[kind]
