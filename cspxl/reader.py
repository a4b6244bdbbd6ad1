"""Reading workbooks: the one place cspxl opens a spreadsheet file (plans and returned files alike).

It turns a file into plain values (:class:`Book`, :class:`Sheet`, :class:`Cell`) so that nothing else
depends on the reading library.  openpyxl parses the XML through defusedxml, so entity tricks in an
untrusted file are refused rather than expanded.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from .cells import clean_text, key
from .errors import CspxlError

CellValue = str | int | float | bool | date | datetime | time | None


class ReadError(CspxlError):
    """The file is not a workbook that can be read; the message completes "the file …"."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value as stored (formulas as their text) and its number format."""

    value: CellValue
    number_format: str = "General"


@dataclass
class Sheet:
    """One worksheet as a sparse grid of non-empty cells, addressed 1-based like Excel."""

    name: str
    state: str = "visible"
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)

    def get(self, row: int, col: int) -> Cell:
        return self.cells.get((row, col), _EMPTY)

    def value(self, row: int, col: int) -> CellValue:
        return self.get(row, col).value

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def row_values(self, row: int) -> list[CellValue]:
        return [self.value(row, c) for c in range(1, self.max_col + 1)]

    def find_header(self, wanted: Iterable[str], within: int) -> tuple[int, dict[str, int]]:
        """The row (among the first ``within``) holding the most ``wanted`` headers, and their columns.

        Headers match ignoring case and spaces, so people may retype them; rows inserted above the
        header move it down.  Row 0 when no header is found at all.
        """
        keys = {key(h): h for h in wanted}
        best_row, best = 0, dict[str, int]()
        for r in range(1, min(self.max_row, within) + 1):
            found: dict[str, int] = {}
            for c in range(1, self.max_col + 1):
                h = keys.get(key(clean_text(self.value(r, c))))
                if h and h not in found:
                    found[h] = c
            if len(found) > len(best):
                best_row, best = r, found
        return best_row, best

    def rows(self) -> Iterator[tuple[int, list[CellValue]]]:
        """Every row from 1 to the last used one, with its values (empty rows included)."""
        width = self.max_col
        for r in range(1, self.max_row + 1):
            yield r, [self.value(r, c) for c in range(1, width + 1)]


_EMPTY = Cell(None)


@dataclass
class Book:
    """A workbook's sheets, in order, found by name case- and space-insensitively."""

    path: Path
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet | None:
        wanted = key(name)
        return next((s for s in self.sheets if key(s.name) == wanted), None)


def _plain(value: object) -> CellValue:
    """A cell value as one of the plain types: rich text and array formulas become their text."""
    if isinstance(value, (str, int, float, bool, date, time)):  # datetime is a date
        return value
    if isinstance(value, Decimal):
        return float(value)
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula keeps its formula in .text
    return text if isinstance(text, str) else str(value)


def read_workbook(path: Path, content: bytes | None = None) -> Book:
    """Read every sheet of an .xlsx/.xlsm file into a :class:`Book`, or raise :class:`ReadError`.

    ``content``, when given, is the file's bytes already read (so what is parsed is exactly what
    was hashed and archived); ``path`` then only names it.
    """
    import openpyxl  # loaded on first read, so the command line starts quickly
    import openpyxl.xml
    from openpyxl.utils.exceptions import InvalidFileException

    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a hard dependency
        raise ImportError("cspxl needs defusedxml installed so that untrusted workbooks are parsed safely")
    path = Path(path)
    source = io.BytesIO(content) if content is not None else path
    try:
        wb = openpyxl.load_workbook(source, read_only=False, data_only=False, keep_links=False, keep_vba=False)
    except (InvalidFileException, zipfile.BadZipFile) as exc:
        raise ReadError("is not an Excel workbook (.xlsx)") from exc
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, OSError, SyntaxError) as exc:
        raise ReadError(f"is damaged and cannot be read as a workbook ({type(exc).__name__})") from exc
    except Exception as exc:  # defusedxml's refusals and any other parse failure of an untrusted file
        raise ReadError(f"cannot be read safely as a workbook ({type(exc).__name__})") from exc
    try:
        sheets = []
        for ws in wb.worksheets:
            sheet = Sheet(name=ws.title, state=ws.sheet_state)
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None and c.value != "":
                        sheet.cells[(c.row, c.column)] = Cell(_plain(c.value), c.number_format or "General")
            sheets.append(sheet)
        return Book(path=path, sheets=sheets)
    finally:
        wb.close()
