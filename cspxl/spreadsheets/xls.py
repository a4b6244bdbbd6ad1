"""Reading Excel 97-2003 workbooks (.xls), and Excel 2 to 4 worksheets, into a :class:`Book`.

xlrd reads them with their number formats (a percentage typed is a percent-formatted number); if
it stops on the formats it reads them without; if it cannot read the file at all, python-calamine
reads its values.  xlrd's warnings are kept off the screen, and a sheet is walked only as far as
its rows have cells.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from ..cells import a1
from ..errors import ReadError, TooManyCells
from .book import Book, Cell, CellValue, Sheet
from .filetypes import PASSWORD
from .limits import MAX_CELLS, SEND_AGAIN, refuse_crafted, reraise_interruption, unreadable


def read_xls(path: Path, content: bytes) -> Book:
    """xlrd, with number formats (a percentage typed is a percent-formatted number); without them if
    it stops on them; and python-calamine's values if xlrd cannot read the file at all."""
    import xlrd

    log = io.StringIO()  # xlrd writes its warnings to standard output unless given somewhere else
    first: Exception | None = None
    for formatting in (True, False):
        try:
            wb = xlrd.open_workbook(file_contents=content, formatting_info=formatting, on_demand=False,
                                    ragged_rows=True, logfile=log, verbosity=0)
            return _xls_book(path, wb)
        except ReadError:
            raise
        except TooManyCells:
            continue
        except Exception as exc:  # xlrd's own errors and any other parse failure of an untrusted file
            if "encrypted" in str(exc).lower():
                raise ReadError(PASSWORD.what, PASSWORD.advice) from exc
            refuse_crafted(exc)
            first = first or exc
    try:
        return _read_xls_values(path, content)
    except ReadError:
        raise
    except BaseException as exc:  # python-calamine cannot either: say what the file is and what xlrd noticed
        reraise_interruption(exc)
        raise ReadError(unreadable("xls", hint=_xlrd_hint(log.getvalue())), SEND_AGAIN) from first


def _xls_book(path: Path, wb: Any) -> Book:
    # A sheet's rows are walked only as far as they have cells (ragged rows): xlrd would otherwise pad every row
    # to the widest, and a 42 KB file with one cell at IV65536 would mean 16 million cells to visit.
    formats = wb.formatting_info
    claimed = sum(ws.row_len(r) for ws in wb.sheets() for r in range(ws.nrows))
    if claimed > _MAX_XLS_CELLS:
        if formats:  # blank cells that are only formatted count here; without formats xlrd keeps none
            raise TooManyCells
        raise ReadError(f"holds {claimed:,} cells, far more than a return", SEND_AGAIN)
    book = Book(path=path, sheets=[], kind="xls", partial="" if formats else "number formats (a % sign typed)")
    for ws in wb.sheets():
        sheet = Sheet(name=ws.name, state={0: "visible", 1: "hidden"}.get(ws.visibility, "veryHidden"),
                      merged=[f"{a1(rlo + 1, clo + 1)}:{a1(rhi, chi)}" for rlo, rhi, clo, chi in ws.merged_cells])
        for r in range(ws.nrows):
            for c, cell in enumerate(ws.row(r)):
                value = xls_value(cell, wb.datemode)
                if value is not None and value != "":
                    fmt = "General"
                    if formats:
                        fmt = wb.format_map[wb.xf_list[cell.xf_index or 0].format_key].format_str or "General"
                    sheet.cells[(r + 1, c + 1)] = Cell(value, fmt)
        book.sheets.append(sheet)
    return book


#: Cells (blank but formatted ones too) an .xls may hold before it is refused unread: a return
#: holds about a thousand.
_MAX_XLS_CELLS = 10 * MAX_CELLS


def _read_xls_values(path: Path, content: bytes) -> Book:
    """An .xls that xlrd cannot read, by python-calamine: values only, without number formats."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    from .xlsx import cells_of

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    sheets = []
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        if sheet.height * sheet.width > 10 * MAX_CELLS:
            raise ReadError(f"has a sheet of {sheet.height:,} rows by {sheet.width:,} columns, far more than a return",
                            SEND_AGAIN)
        state = "visible" if str(meta.visible).endswith("Visible") else "hidden"
        sheets.append(Sheet(name=meta.name, state=state, cells=cells_of(sheet.to_python(skip_empty_area=False))))
    workbook.close()
    return Book(path=path, sheets=sheets, kind="xls", partial="number formats (a % sign typed) and formulas as typed")


def _xlrd_hint(log: str) -> str:
    """What xlrd's warnings say of a file it could not read, in words for a coordinator."""
    lowered = log.lower()
    if "truncated" in lowered or "not 512 + multiple of sector size" in lowered:
        return "it seems to be cut short or damaged"
    if "_locate_stream" in lowered or "ole2 inconsistency" in lowered or "msat" in lowered:
        return "the container that holds its sheets is damaged"
    return "it may be damaged, or hold parts they do not handle"


def xls_value(cell: Any, datemode: Literal[0, 1]) -> CellValue:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            when: datetime = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
            return when
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            number: float = cell.value
            return number
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT):
        value: float | str = cell.value
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return None
