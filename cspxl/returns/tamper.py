"""What changed outside the input cells, found by comparing a returned file with the return as issued.

Partners can unprotect the sheet (it has no password) and "fix" an action's text, type a note in
the title, or add a sheet of comments.  None of that is an answer, and none of it may be lost
silently: each changed cell becomes a warning, and the plan's own text stays authoritative.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from ..cells import a1, clean_text, key, preview
from ..identity import IDENTITY_SHEET
from ..problems import Problem, problem
from ..spreadsheets import Book, CellValue, Sheet
from .layout import HEADER_ROW, RETURN_SHEET


@dataclass(frozen=True)
class Table:
    """A sheet's table as found in the received file (it may have been sorted or moved down), and
    its columns as issued."""

    sheet: Sheet
    header_row: int
    #: Each header's column as found.
    cols: dict[str, int]
    #: Each row ID's row as found.
    rows: dict[str, int]
    #: The headers as issued, in order, and the locked ones among them.
    headers: tuple[str, ...]
    context: tuple[str, ...]


def changes(file: str, received: Book, tables: list[Table], issued: Book) -> list[Problem]:
    """Warnings for every cell outside the inputs that differs from the return as ``issued``: in the
    ``tables`` (the Return sheet's, the Measures sheet's), above them, and on every other sheet."""
    out: list[Problem] = []
    for table in tables:
        issued_sheet = issued.sheet(table.sheet.name)
        if issued_sheet is not None:
            out += _context(file, table, issued_sheet)
            out += _above_header(file, table.sheet, table.header_row, issued_sheet)
    out += _other_sheets(file, received, issued, {key(t.sheet.name) for t in tables})
    return out


def _norm(value: CellValue) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(clean_text(value).split())


def _context(file: str, table: Table, issued: Sheet) -> Iterator[Problem]:
    sheet = table.sheet
    issued_rows = {clean_text(issued.value(r, 1)): r for r in issued.row_numbers(after=HEADER_ROW)}
    for action, row in table.rows.items():
        was_row = issued_rows.get(action)
        if was_row is None:
            continue
        for header in table.context:
            col = table.cols.get(header)
            if col is None:
                continue
            was, now = issued.value(was_row, table.headers.index(header) + 1), sheet.value(row, col)
            if was != now and _norm(was) != _norm(now):
                yield problem("context-changed", file=file, sheet=sheet.name, cell=a1(row, col), action=action,
                              header=header, old=preview(_norm(was)), value=preview(_norm(now)))


def _above_header(file: str, sheet: Sheet, header_row: int, issued: Sheet) -> Iterator[Problem]:
    """Text above the table that was not there when issued (rows inserted above move the title down)."""
    issued_texts = {_norm(c.value) for (r, _), c in issued.cells.items() if r < HEADER_ROW}
    above = [(rc, cell) for rc, cell in sheet.cells.items() if rc[0] < header_row]
    for (r, c), cell in sorted(above, key=_place):
        if _norm(cell.value) and _norm(cell.value) not in issued_texts:
            yield problem("typed-outside-inputs", file=file, sheet=sheet.name, cell=a1(r, c),
                          value=preview(_norm(cell.value)))


def _other_sheets(file: str, received: Book, issued: Book, tables: set[str]) -> Iterator[Problem]:
    skip = tables | {key(RETURN_SHEET), key(IDENTITY_SHEET)}
    for sheet in received.sheets:
        if key(sheet.name) in skip:
            continue
        was = issued.sheet(sheet.name)
        if was is None:
            yield from _added(file, sheet)
            continue
        # Sorted only once found: most cells are unchanged, and sorting them all is most of the work.
        changed = [(rc, cell) for rc, cell in sheet.cells.items()
                   if cell.value != was.value(*rc) and _norm(cell.value) != _norm(was.value(*rc))]
        for (r, c), cell in sorted(changed, key=_place):
            yield problem("typed-outside-inputs", file=file, sheet=sheet.name, cell=a1(r, c),
                          value=preview(_norm(cell.value)))


def _place(item: tuple[tuple[int, int], object]) -> tuple[int, int]:
    """A cell's (row, column), to list problems in reading order."""
    return item[0]


def _added(file: str, sheet: Sheet) -> Iterator[Problem]:
    filled = [(rc, c) for rc, c in sorted(sheet.cells.items()) if _norm(c.value)]
    if filled:
        yield problem("sheet-added", file=file, sheet=sheet.name, value=sheet.name, count=len(filled))
    for (r, c), cell in filled:
        yield problem("typed-outside-inputs", file=file, sheet=sheet.name, cell=a1(r, c), value=preview(_norm(cell.value)))
