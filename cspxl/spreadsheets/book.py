"""A workbook as plain values: the one shape every reader gives and every check takes.

Nothing in cspxl beyond the readers depends on a reading library: a :class:`Book` of
:class:`Sheet` objects holds each filled cell's value (formulas as their text) and number format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from ..cells import clean_text, key

CellValue = str | int | float | bool | date | datetime | time | None


class Cell(NamedTuple):
    """A cell's value as stored (formulas as their text) and its number format.

    A named tuple, not a dataclass: a returned file has hundreds of cells and a national
    collection thousands of files, and a tuple is the cheapest immutable record to make.
    """

    value: CellValue
    number_format: str = "General"


@dataclass
class Sheet:
    """One worksheet as a sparse grid of non-empty cells, addressed 1-based like Excel."""

    name: str
    state: str = "visible"
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    #: Merged ranges, ``J5:N5``.
    merged: list[str] = field(default_factory=list)
    #: (row, col, times): a filled cell repeated across far more cells than a return has (.ods
    #: stores a row filled with one value that way); only the first cell was kept.
    repeats: list[tuple[int, int, int]] = field(default_factory=list)
    _by_row: dict[int, list[tuple[int, Cell]]] | None = field(default=None, repr=False, compare=False)

    def get(self, row: int, col: int) -> Cell:
        return self.cells.get((row, col), _EMPTY)

    def value(self, row: int, col: int) -> CellValue:
        return self.get(row, col).value

    def row_numbers(self, after: int = 0) -> list[int]:
        """The rows below ``after`` that hold anything, in order (a sheet is sparse: never walk its grid)."""
        return sorted({r for r, _ in self.cells if r > after})

    def row_cells(self, row: int) -> list[tuple[int, Cell]]:
        """The filled cells of one row as (column, cell), left to right."""
        if self._by_row is None:
            self._by_row = {}
            for (r, c), cell in self.cells.items():
                self._by_row.setdefault(r, []).append((c, cell))
            for cells in self._by_row.values():
                cells.sort(key=lambda pair: pair[0])
        return self._by_row.get(row, [])

    def find_header(self, wanted: Iterable[str], within: int) -> tuple[int, dict[str, int]]:
        """The row (among the first ``within``) holding the most ``wanted`` headers, and their columns.

        Headers match ignoring case and spaces, so people may retype them; rows inserted above the
        header move it down.  Row 0 when no header is found at all.
        """
        keys = {key(h): h for h in wanted}
        longest = max(map(len, wanted), default=0) * 2  # a header retyped with spaces; never a long text
        best_row, best = 0, dict[str, int]()
        for r in [r for r in self.row_numbers() if r <= within]:
            found: dict[str, int] = {}
            for c, cell in self.row_cells(r):
                if not isinstance(cell.value, str) or len(cell.value) > longest:
                    continue
                h = keys.get(key(clean_text(cell.value)))
                if h and h not in found:
                    found[h] = c
            if len(found) > len(best):
                best_row, best = r, found
                if len(best) == len(keys):  # every header: no later row can do better
                    break
        return best_row, best


_EMPTY = Cell(None)


@dataclass
class Book:
    """A workbook's sheets, in order, found by name case- and space-insensitively."""

    path: Path
    sheets: list[Sheet]
    kind: str = "xlsx"
    external_links: int = 0
    #: Set when the file could be read only without what its exact readers give (formulas as typed,
    #: number formats): what was lost, completing "the file was read without …".
    partial: str = ""

    def sheet(self, name: str) -> Sheet | None:
        wanted = key(name)
        return next((s for s in self.sheets if key(s.name) == wanted), None)


def plain(value: object) -> CellValue:
    """A cell value as one of the plain types: rich text and array formulas become their text."""
    if isinstance(value, (str, int, float, bool, date, time)):  # datetime is a date
        return value
    if isinstance(value, Decimal):
        return float(value)
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula keeps its formula in .text
    return text if isinstance(text, str) else str(value)
