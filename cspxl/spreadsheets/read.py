"""Reading workbooks: the one place cspxl opens a spreadsheet file (plans and returned files alike).

It turns a file into plain values (:class:`~cspxl.spreadsheets.book.Book`) so that nothing else
depends on the reading library: python-calamine and a scan of the XML for .xlsx, openpyxl where
that will not do, :mod:`~cspxl.spreadsheets.ods` for .ods and :mod:`~cspxl.spreadsheets.xls` for
.xls.  openpyxl parses the XML through defusedxml, so entity tricks in an untrusted file are
refused rather than expanded.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..cells import a1
from ..errors import Crafted, ReadError
from .book import Book, Cell, CellValue, Sheet, plain
from .filetypes import identify
from .limits import (
    MAX_CELLS,
    MAX_CHARACTERS,
    MAX_FILE_BYTES,
    MAX_PARTS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_UNPACKED_BYTES,
    SEND_AGAIN,
    features,
    refuse_crafted,
    reraise_interruption,
    unreadable,
)
from .xls import read_xls

if TYPE_CHECKING:
    from .xlsx import RawSheet

__all__ = ["SEND_AGAIN", "Book", "Cell", "CellValue", "Sheet", "read_own_workbook", "read_workbook"]


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
        book = read_xls(path, content)
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
        reraise_interruption(exc)
    try:
        return _read_ooxml_openpyxl(path, content, kind)
    except Crafted:
        raise
    except ReadError as refusal:
        try:
            raw = read_xlsx(content)
        except BaseException as exc:  # neither reader can: say what the file is and what stopped them
            reraise_interruption(exc)
            raise ReadError(unreadable(kind, features(package)), SEND_AGAIN) from refusal
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
        refuse_crafted(exc)
        raise ReadError(unreadable(kind), SEND_AGAIN) from exc
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
                    sheet.cells[(r, c)] = Cell(plain(value), cell.number_format or "General")
            book.sheets.append(sheet)
        return book
    finally:
        wb.close()


def _read_ods(path: Path, content: bytes) -> Book:
    from .ods import read_ods

    try:
        parsed = read_ods(content)
    except Exception as exc:  # defusedxml's refusals and any other parse failure of an untrusted file
        refuse_crafted(exc)
        raise ReadError(unreadable("ods"), SEND_AGAIN) from exc
    sheets = [Sheet(name=p.name, state=p.state, cells={rc: Cell(plain(v), fmt) for rc, (v, fmt) in p.cells.items()},
                    merged=[f"{a1(r1, c1)}:{a1(r2, c2)}" for r1, c1, r2, c2 in p.merged], repeats=p.repeats)
              for p in parsed]
    return Book(path=path, sheets=sheets, kind="ods")


