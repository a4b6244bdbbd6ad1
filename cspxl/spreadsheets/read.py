"""Reading workbooks: the one place cspxl opens a spreadsheet file (plans and returned files alike).

It turns a file into plain values (:class:`Book`, :class:`Sheet`, :class:`Cell`) so that nothing else
depends on the reading library.  openpyxl parses the XML through defusedxml, so entity tricks in an
untrusted file are refused rather than expanded.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..cells import a1, clean_text, key
from ..errors import Crafted, ReadError, TooManyCells
from .filetypes import PASSWORD, identify

if TYPE_CHECKING:
    from .xlsx import RawSheet

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


def _plain(value: object) -> CellValue:
    """A cell value as one of the plain types: rich text and array formulas become their text."""
    if isinstance(value, (str, int, float, bool, date, time)):  # datetime is a date
        return value
    if isinstance(value, Decimal):
        return float(value)
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula keeps its formula in .text
    return text if isinstance(text, str) else str(value)


#: Bounds on what a returned file may unpack to.  A real return is about 30 KB zipped and a few
#: hundred KB unpacked; these are generous for that and far below what would hurt the machine.
MAX_FILE_BYTES = 20 * 2**20
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_RATIO = 100
MAX_PARTS = 5000
MAX_SHEETS = 100
MAX_CELLS = 50_000
MAX_ROWS = 5_000
MAX_CHARACTERS = 2_000_000


def read_workbook(path: Path, content: bytes | None = None, *, return_sized: bool = True, exact: bool = False) -> Book:
    """Read every sheet of a workbook (.xlsx, .xlsm, .ods or .xls) into a :class:`Book`.

    What the file is comes from its bytes, never its name.  ``content``, when given, is the file's
    bytes already read (so what is parsed is exactly what was hashed and archived); ``path`` then
    only names it.  Raises :class:`ReadError` for anything else, with what it is and what to do.
    ``return_sized`` bounds the file to what a return could hold; the coordinator's own plan of a
    national collection is far larger and is read without those bounds.  ``exact`` reads .xlsx
    with openpyxl alone: slower, but it cannot crash the process as python-calamine can.
    """
    path = Path(path)
    content = path.read_bytes() if content is None else content
    if return_sized and len(content) > MAX_FILE_BYTES:
        raise ReadError(f"is {len(content) / 2**20:.0f} MB, far larger than any return (the limit is "
                        f"{MAX_FILE_BYTES // 2**20} MB)", "ask the partner to send the return they were sent, filled in")
    verdict = identify(content)
    if verdict.kind is None:
        raise ReadError(verdict.what, verdict.advice)
    if verdict.kind == "xls":
        book = _read_xls(path, content)
    else:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            links = _check_zip(package) if return_sized else 0
            if verdict.kind == "ods":
                book = _read_ods(path, content)
            elif exact:
                book = _read_ooxml_openpyxl(path, content, verdict.kind)
            else:
                book = _read_ooxml(path, content, package, verdict.kind)
        book.external_links = links
    if return_sized:
        _check_size(book)
    return book


def read_own_workbook(path: Path) -> Book:
    """Read a workbook cspxl wrote itself (an issued return), values only: it has no formulas to keep."""
    from .xlsx import read_xlsx

    return Book(path=path, sheets=_sheets(read_xlsx(path.read_bytes())))


def _check_zip(package: zipfile.ZipFile) -> int:
    """Refuse a zip that would unpack to far more than a return could hold, or that was doctored.

    Returns the number of external links it carries (they are never followed).
    """
    infos = package.infolist()
    names = [i.filename for i in infos]
    if len(infos) > MAX_PARTS:
        raise ReadError(f"has {len(infos)} parts inside, far more than a workbook has", SEND_AGAIN)
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            raise ReadError(f"contains two parts named '{name}', which Excel never writes (the file was altered)",
                            SEND_AGAIN)
        seen.add(name.lower())
    unpacked = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 10 * 2**20 and unpacked / packed > MAX_RATIO):
        raise ReadError(f"would unpack to {unpacked / 2**20:.0f} MB from {packed / 2**10:.0f} KB "
                        "(a 'zip bomb'), far more than any return", SEND_AGAIN)
    return sum(1 for n in names if n.lower().startswith("xl/externallinks/externallink"))


SEND_AGAIN = "ask the partner to fill in the return they were sent and send it again"


def _check_size(book: Book) -> None:
    if len(book.sheets) > MAX_SHEETS:
        raise ReadError(f"has {len(book.sheets)} sheets, far more than a return", SEND_AGAIN)
    cells = sum(len(s.cells) for s in book.sheets)
    characters = sum(len(c.value) for s in book.sheets for c in s.cells.values() if isinstance(c.value, str))
    if cells > MAX_CELLS or characters > MAX_CHARACTERS:
        raise ReadError(f"holds {cells:,} cells and {characters:,} characters, far more than a return",
                        SEND_AGAIN)
    for sheet in book.sheets:
        rows = len({r for r, _ in sheet.cells})
        if rows > MAX_ROWS:
            raise ReadError(f"has {rows:,} filled rows on its '{sheet.name}' sheet, far more than a return",
                            SEND_AGAIN)


def _read_ooxml(path: Path, content: bytes, package: zipfile.ZipFile, kind: str) -> Book:
    """python-calamine with a scan of the sheets' XML; openpyxl for whatever that does not handle; and
    when openpyxl cannot either, python-calamine's values alone, so the file can still be told for
    what it is (a workbook of someone else's, most often)."""
    from .xlsx import read_xlsx

    try:
        return Book(path=path, sheets=_sheets(read_xlsx(content, package)), kind=kind)
    except BaseException as exc:  # Unusual, or python-calamine's or the XML scan's failure on an untrusted file
        _reraise_interruption(exc)
    try:
        return _read_ooxml_openpyxl(path, content, kind)
    except Crafted:
        raise
    except ReadError as refusal:
        try:
            raw = read_xlsx(content)
        except BaseException as exc:  # neither reader can: say what the file is and what stopped them
            _reraise_interruption(exc)
            raise ReadError(_unreadable(kind, _features(package)), SEND_AGAIN) from refusal
        return Book(path=path, sheets=_sheets(raw), kind=kind, partial="formulas as typed (their results were read)")


def _sheets(raw: list[RawSheet]) -> list[Sheet]:
    return [Sheet(name=name, state=state, cells=cells, merged=merged) for name, state, cells, merged in raw]


def _read_ooxml_openpyxl(path: Path, content: bytes, kind: str) -> Book:
    import openpyxl  # loaded on first read, so the command line starts quickly
    import openpyxl.xml
    from openpyxl.utils.escape import unescape

    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a hard dependency
        raise ImportError("cspxl needs defusedxml installed so that untrusted workbooks are parsed safely")
    try:
        # keep_vba=False: macros are never loaded, let alone run; keep_links=False: links are never followed.
        # openpyxl warns about parts it skips (odd headers, print areas): nothing cspxl reads.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(io.BytesIO(content), read_only=False, data_only=False, keep_links=False,
                                        keep_vba=False)
    except Exception as exc:  # defusedxml's refusals and any other parse failure of an untrusted file
        _refuse_crafted(exc)
        raise ReadError(_unreadable(kind), SEND_AGAIN) from exc
    try:
        book = Book(path=path, sheets=[], kind=kind)
        for ws in wb.worksheets:
            sheet = Sheet(name=ws.title, state=ws.sheet_state,
                          merged=[str(r) for r in ws.merged_cells.ranges])
            # Only the cells that exist: iterating the grid would walk to XFD1048576 if one cell claims it.
            for (r, c), cell in ws._cells.items():
                value = cell.value
                if isinstance(value, str) and "_x" in value:
                    value = unescape(value)  # Excel writes a carriage return as _x000D_, and so on
                if value is not None and value != "":
                    sheet.cells[(r, c)] = Cell(_plain(value), cell.number_format or "General")
            book.sheets.append(sheet)
        return book
    finally:
        wb.close()


def _reraise_interruption(exc: BaseException) -> None:
    """Let through what is not a reader's failure on the file: an interruption, or running out of time.

    A reader's failure is an ``Exception``, or a panic in python-calamine's Rust code, which reaches
    Python as a ``BaseException``; either means the next reader may try.
    """
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _refuse_crafted(exc: BaseException) -> None:
    """Raise :class:`Crafted` (or a memory refusal) if ``exc`` was a reader's refusal of a hostile file."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps the parser's refusal in a ValueError
        if isinstance(cause, DefusedXmlException):
            raise Crafted("contains XML entity declarations, which Excel never writes (a sign of a crafted file)",
                          SEND_AGAIN) from exc
        if isinstance(cause, MemoryError):
            raise ReadError("needs more memory to read than any return could", SEND_AGAIN) from exc
        cause = cause.__cause__ or cause.__context__


_KINDS = {"xlsx": "an Excel workbook (.xlsx)", "xlsm": "a macro-enabled Excel workbook (.xlsm)",
          "xls": "an Excel 97-2003 workbook (.xls)", "ods": "an OpenDocument spreadsheet (.ods)"}


def _unreadable(kind: str, features: list[str] | None = None, hint: str = "") -> str:
    """What the file is and that it could not be read, with what may have stopped the readers."""
    what = _KINDS.get(kind, "a workbook")
    why = hint or (f"it holds {', '.join(features)}, which may be what stopped them" if features else
                   "it may be damaged, or hold parts they do not handle")
    return f"is {what} that cspxl's spreadsheet readers could not read ({why})"


#: Parts of an .xlsx that readers handle least well, by what their names start with.
_FEATURES = {"xl/pivottables/": "pivot tables", "xl/macrosheets/": "Excel 4 macro sheets",
             "xl/chartsheets/": "chart sheets", "xl/dialogsheets/": "dialog sheets", "xl/drawings/": "drawings",
             "xl/externallinks/": "links to other workbooks", "xl/slicers/": "slicers", "xl/model/": "a data model"}


def _features(package: zipfile.ZipFile) -> list[str]:
    names = [n.lower().replace("\\", "/") for n in package.namelist()]
    return [what for start, what in _FEATURES.items() if any(n.startswith(start) for n in names)]


def _read_ods(path: Path, content: bytes) -> Book:
    from .ods import read_ods

    try:
        parsed = read_ods(content)
    except Exception as exc:  # defusedxml's refusals and any other parse failure of an untrusted file
        _refuse_crafted(exc)
        raise ReadError(_unreadable("ods"), SEND_AGAIN) from exc
    sheets = [Sheet(name=p.name, state=p.state, cells={rc: Cell(_plain(v), fmt) for rc, (v, fmt) in p.cells.items()},
                    merged=[f"{a1(r1, c1)}:{a1(r2, c2)}" for r1, c1, r2, c2 in p.merged], repeats=p.repeats)
              for p in parsed]
    return Book(path=path, sheets=sheets, kind="ods")


def _read_xls(path: Path, content: bytes) -> Book:
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
            _refuse_crafted(exc)
            first = first or exc
    try:
        return _read_xls_values(path, content)
    except ReadError:
        raise
    except BaseException as exc:  # python-calamine cannot either: say what the file is and what xlrd noticed
        _reraise_interruption(exc)
        raise ReadError(_unreadable("xls", hint=_xlrd_hint(log.getvalue())), SEND_AGAIN) from first


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
                value = _xls_value(cell, wb.datemode)
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


def _xls_value(cell: Any, datemode: Literal[0, 1]) -> CellValue:
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
