"""Reading a sheet of the plan workbook: its rows by header, and each cell checked with its problem placed.

:class:`SheetReader` knows cells, not plans: required values, unique IDs, a choice from a list, a
number.  The plan's own sheets (:mod:`.read`) and the sheets a plan may leave out (:mod:`.optional`)
are read with it.
"""

from __future__ import annotations

from ..cells import a1, clean_text, parse_number
from ..problems import Report, problem
from ..spreadsheets import Book, CellValue
from .models import COLUMNS, OPTIONAL_COLUMNS, OPTIONAL_SHEETS


class SheetReader:
    """Reads a plan workbook's sheets, placing every problem at its cell in ``report``."""

    def __init__(self, book: Book, report: Report) -> None:
        self.book = book
        self.report = report
        self.file = book.path.name

    def add(self, code: str, sheet: str, cell: str = "", **values: object) -> None:
        self.report.add(problem(code, file=self.file, sheet=sheet, cell=cell, action="", **values))

    def table(self, name: str) -> list[dict[str, tuple[str, CellValue]]]:
        """Rows of a sheet as {header: (cell, value)}, skipping blank rows; problems for missing parts."""
        sheet = self.book.sheet(name)
        if sheet is None:
            if name not in OPTIONAL_SHEETS:
                self.add("sheet-missing", name, name=name)
            return []
        wanted = COLUMNS[name]
        header_row, cols = sheet.find_header((*wanted, *OPTIONAL_COLUMNS.get(name, ())), within=10)
        header_row = header_row or 1
        missing = [h for h in wanted if h not in cols]
        for header in missing:
            self.add("header-missing", sheet.name, a1(header_row, 1), name=sheet.name, header=header)
        if missing:
            return []
        rows = []
        for r in sheet.row_numbers(after=header_row):
            values = {h: (a1(r, c), sheet.value(r, c)) for h, c in cols.items()}
            if any(clean_text(v) for _, v in values.values()):
                rows.append(values)
        return rows

    def required(self, sheet: str, cell: str, value: object, what: str) -> str:
        text = clean_text(value)
        if not text:
            self.add("value-missing", sheet, cell, what=what)
        return text

    def unique(self, sheet: str, cell: str, value: str, seen: dict[str, str], what: str) -> None:
        k = value.casefold()
        if value and k in seen:
            self.add("id-duplicate", sheet, cell, what=what, value=value, first=seen[k])
        elif value:
            seen[k] = cell

    def identifier(self, sheet: str, cell_value: tuple[str, CellValue], what: str, seen: dict[str, str]) -> str:
        """A row's own ID: required, and unique on its sheet (``seen``: the IDs read so far, and where)."""
        cell, value = cell_value
        text = self.required(sheet, cell, value, what)
        self.unique(sheet, cell, text, seen, what)
        return text

    def reference(self, sheet: str, cell_value: tuple[str, CellValue], header: str, ids: dict[str, str], code: str,
                  **values: object) -> str:
        """A required ID of another sheet's row (``ids``: each ID in any case -> as that sheet spells it): the
        ID as spelled there, or '' when it is empty or unknown, with the problem (``code``) at its cell."""
        cell, value = cell_value
        text = self.required(sheet, cell, value, header)
        if text and text.casefold() not in ids:
            self.add(code, sheet, cell, value=text, **values)
        return ids.get(text.casefold(), "")

    def choice(self, sheet: str, cell_value: tuple[str, CellValue], what: str, choices: tuple[str, ...]) -> str | None:
        """One of ``choices`` as typed in any case, or ``None`` with a problem."""
        cell, value = cell_value
        text = self.required(sheet, cell, value, what)
        found = next((c for c in choices if c.casefold() == text.casefold()), None)
        if text and found is None:
            self.add("choice-invalid", sheet, cell, what=what, value=text, choices=", ".join(choices))
        return found

    def number(self, sheet: str, cell_value: tuple[str, CellValue], what: str, unit: str | None) -> float | None:
        """A number (or nothing) from a cell; a percentage must be from 0 to 100."""
        cell, value = cell_value
        if not clean_text(value):
            return None
        number = parse_number(value)
        if number is None:
            self.add("number-invalid", sheet, cell, what=what, value=clean_text(value))
        elif unit == "Percent" and not 0 <= number <= 100:
            self.add("percent-outside", sheet, cell, what=what, value=clean_text(value))
        elif number < 0:
            self.add("number-negative", sheet, cell, what=what, value=clean_text(value))
        return number

    def report_ok_for(self, sheet: str, row: dict[str, tuple[str, CellValue]]) -> bool:
        """Whether no error has been reported on any cell of this row."""
        cells = {cell for cell, _ in row.values()}
        return not any(p.severity.value == "error" and p.sheet == sheet and p.cell in cells for p in self.report)
