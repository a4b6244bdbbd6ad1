"""Reading a returned sheet's table row by row, each row found by its ID in any order.

The Measures and Recommendations sheets are read alike: a row whose ID was not asked of the partner is ignored
with a warning, a second row for one ID is an error (and what was read of the first needs correction), a row
deleted is a warning, and anything typed outside the table's columns is a warning at its cell.  Each reader says
only how one row is read (:meth:`RowsById.read_row`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

from ..cells import a1, clean_text, preview
from ..problems import Problem, Report, problem
from ..register.records import RowRecord
from ..screening import Screener
from ..spreadsheets import Book, CellValue, Sheet
from .layout import HEADER_WITHIN
from .tamper import Table

R = TypeVar("R", bound=RowRecord)


class RowsById(ABC, Generic[R]):
    """A sheet's rows read by ID into records (``R``), each problem at its cell.

    Subclasses name the sheet, its headers and locked columns, the ID's header, the input the table cannot do
    without, and the kind of row (``measure``: its problems are ``measure-unknown``, ``-duplicate``, ``-missing``
    and ``measures-sheet-missing``), and read one row.
    """

    sheet_title: str
    headers: tuple[str, ...]
    context: tuple[str, ...]
    id_header: str
    required: str
    kind: str

    def __init__(self, file: str, issued: Sequence[str], report: Report, screener: Screener,
                 prefilled: Mapping[str, Mapping[str, CellValue]]) -> None:
        self.file, self.issued, self.report, self.screener, self.prefilled = file, issued, report, screener, prefilled
        self.sheet_name = self.sheet_title
        #: Whether anything was typed in an input cell (other than what it was issued with).
        self.typed = False
        #: Each row's place, as found.
        self.rows: dict[str, int] = {}
        #: The sheet's table as found, for the tamper check; ``None`` when it has none.
        self.table: Table | None = None

    def add(self, code: str, cell: str = "", action: str = "", **values: object) -> Problem:
        return self.report.add(problem(code, file=self.file, sheet=self.sheet_name, cell=cell, action=action, **values))

    def read(self, book: Book) -> list[R]:
        """The record of each row asked for; none, with a warning, when the sheet (or its table) is gone."""
        sheet = book.sheet(self.sheet_title)
        if sheet is not None:
            header_row, cols = sheet.find_header(self.headers, within=HEADER_WITHIN)
            if self.id_header in cols and self.required in cols:
                return self._rows(sheet, header_row, cols)
        self.add(f"{self.kind}s-sheet-missing", value=", ".join(self.issued))
        return []

    @abstractmethod
    def read_row(self, sheet: Sheet, r: int, row_id: str, cols: dict[str, int]) -> R:
        """One row's record (its problems added as found)."""

    def _rows(self, sheet: Sheet, header_row: int, cols: dict[str, int]) -> list[R]:
        self.sheet_name = sheet.name
        issued = {i.casefold(): i for i in self.issued}
        found: dict[str, R] = {}
        known = set(cols.values())
        for r in sheet.row_numbers(after=header_row):
            raw = clean_text(sheet.value(r, cols[self.id_header]))
            row_id = issued.get(raw.casefold())
            self._outside(sheet, r, known if raw else set())
            if not raw:
                continue
            where = a1(r, cols[self.id_header])
            if row_id is None:
                self.add(f"{self.kind}-unknown", where, value=preview(raw))
            elif row_id in found:
                self.add(f"{self.kind}-duplicate", where, row_id, value=self.rows[row_id])
                found[row_id] = self._needing_correction(found[row_id])
            else:
                errors = len(self.report.errors)
                record = self.read_row(sheet, r, row_id, cols)
                found[row_id], self.rows[row_id] = record, r
                if len(self.report.errors) > errors:
                    found[row_id] = self._needing_correction(record)
        for row_id in self.issued:
            if row_id not in found:
                self.add(f"{self.kind}-missing", action=row_id)
        self.table = Table(sheet, header_row, cols, self.rows, self.headers, self.context)
        return list(found.values())

    @staticmethod
    def _needing_correction(record: R) -> R:
        return record.model_copy(update={"needs_correction": True})

    def _outside(self, sheet: Sheet, r: int, skip: set[int]) -> None:
        """Warn about each filled cell of row ``r`` outside the columns in ``skip``."""
        for c, cell in sheet.row_cells(r):
            if c not in skip and (text := clean_text(cell.value)):
                self.typed = True
                self.add("typed-outside-inputs", a1(r, c), value=preview(text))
