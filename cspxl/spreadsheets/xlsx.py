"""Reading .xlsx and .xlsm quickly: python-calamine for the values, a small XML scan for the rest.

python-calamine (Rust) reads cell values many times faster than openpyxl, but it gives a
formula's cached result rather than what was typed, and no number formats.  cspxl needs both:
a partner's ``=HYPERLINK(...)`` must be kept as the text they typed, and a ``0.75`` in a cell
Excel formatted as ``0%`` is 75 %.  So the styles are read for percent formats, and a sheet
that has a formula or a percent-formatted cell is parsed for them.  That is Python's C XML
parser, safe here because every XML part is first checked for a DOCTYPE (which Excel never
writes, and where entities would be declared); a part with one goes to openpyxl, whose
defusedxml parser refuses the entities and says so.

Anything this reader is not sure of (a shared formula written once for many cells, a sheet far
larger than a return, a part where none should be) raises :class:`Unusual`, and the caller
reads the file with openpyxl instead, which is slower and exact.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element, fromstring

from ..cells import a1, is_percent_format, parse_a1
from ..errors import Unusual
from .book import Cell

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Largest sheet (rows x columns of its used range) read through calamine's dense grid.
_MAX_GRID = 500_000


#: What one worksheet holds: name, state, its filled cells by (row, col), merged ranges.
RawSheet = tuple[str, str, dict[tuple[int, int], Cell], list[str]]
#: A formula element (with or without a namespace prefix; text in a sheet holds no raw "<"), or an
#: error value (``#N/A`` typed by a partner is one), which calamine reads as empty.
_NEEDS_SCAN = re.compile(rb"<(?:\w+:)?f[\s>/]|\st=[\"']e[\"']")


def read_xlsx(content: bytes, package: zipfile.ZipFile | None = None) -> list[RawSheet]:
    """Every worksheet of an .xlsx/.xlsm (chart sheets have no cells and are left out), in order.

    Number formats are given where they change what a value means (percentages); elsewhere a
    cell's format is "General", since calamine has already made dates of date-formatted numbers.
    ``package`` is the file opened as a zip, to scan it; without it only values are read (no
    formula text, formats or merged ranges), which is all a workbook cspxl wrote itself holds.
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:  # first: it refuses a DOCTYPE before calamine parses
        scans = _scan_where_needed(package) if package else {}
    except (SyntaxError, ValueError, zipfile.BadZipFile) as exc:  # XML the fast parser will not take: ParseError
        raise Unusual(f"a part the scan cannot parse ({exc})") from exc
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    out: list[RawSheet] = []
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        if sheet.height * sheet.width > _MAX_GRID:
            raise Unusual(f"sheet {meta.name!r} spans {sheet.height} x {sheet.width} cells")
        styles, texts = scans.get(meta.name, ({}, {}))
        cells = cells_of(sheet.to_python(skip_empty_area=False))
        for rc, text in texts.items():
            cells[rc] = Cell(text)
        for rc, number_format in styles.items():
            if rc in cells:
                cells[rc] = Cell(cells[rc].value, number_format)
        merged = [f"{a1(r1 + 1, c1 + 1)}:{a1(r2 + 1, c2 + 1)}" for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []
                  if (r1, c1) != (r2, c2)] if package else []
        out.append((meta.name, _state(meta.visible), cells, merged))
    workbook.close()
    return out


Scan = tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]


def _scan_where_needed(package: zipfile.ZipFile) -> dict[str, Scan]:
    """Percent formats, formula text and error values, by sheet name, for the sheets that have any.

    Most returns have neither, so most files need no XML parsed here beyond the styles.
    """
    parts = _Parts(package)
    percent = parts.percent_formats()
    worksheets = [part for kind, part in parts.targets.values() if kind == "worksheet"]
    if not percent and not any(_needs_scan(parts.read(part)) for part in worksheets):
        return {}
    return {name: _scan(parts.xml(path), percent) for name, path in parts.sheets()
            if percent or _needs_scan(parts.read(path))}


def _needs_scan(sheet: bytes) -> bool:
    """Whether a sheet's XML holds a formula or an error value (see ``_NEEDS_SCAN``).

    ``_NEEDS_SCAN`` is tried at every ``<`` of the sheet; the quick patterns, which start with
    literal text the regular expression engine finds fast, rule most sheets out first.
    """
    return any(quick.search(sheet) for quick in _QUICK) and _NEEDS_SCAN.search(sheet) is not None


#: Every match of ``_NEEDS_SCAN`` matches one of these (a conditional format's ``<formula>`` none).
_QUICK = (re.compile(rb"<f[\s>/]"), re.compile(rb":f[\s>/]"), re.compile(rb"t=[\"']e"))


def _state(visible: object) -> str:
    """A sheet's visibility as openpyxl and the XML name it."""
    from python_calamine import SheetVisibleEnum

    return "visible" if visible == SheetVisibleEnum.Visible else "hidden" if visible == SheetVisibleEnum.Hidden \
        else "veryHidden"


def cells_of(grid: list[list[Any]]) -> dict[tuple[int, int], Cell]:
    """The filled cells of calamine's grid (rows from A1), with values as openpyxl gives them.

    Every cell of every file passes through here, so text, by far the commonest, is taken first.
    """
    cells: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            kind = type(value)
            if kind is str:
                if value:
                    cells[r, c] = Cell(value)
                continue
            if value is None:
                continue
            if kind is float and value.is_integer() and abs(value) < 1e15:
                value = int(value)  # Excel stores 75 as "75": openpyxl reads an int, calamine a float
            elif kind is date:
                value = datetime(value.year, value.month, value.day)  # openpyxl reads dates as datetimes
            elif not isinstance(value, str | int | float | bool | datetime | time):  # a duration, say
                value = str(value)
            cells[r, c] = Cell(value)
    return cells


class _Parts:
    """The parts of the package that say where the sheets are and what their styles' formats are.

    Every part calamine or this reader parses is checked for a DOCTYPE first.
    """

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self._read: dict[str, bytes] = {}
        # Part names are compared without case (ECMA-376 Part 2, 9.1.1.1): Excel finds xl/SharedStrings.xml
        # where a relationship says sharedStrings.xml, and some writers separate folders with backslashes.
        self._names = {n.lower().replace("\\", "/"): n for n in z.namelist()}
        self.workbook = self._workbook()
        self.targets = self._targets(self.workbook)
        for kind, part in self.targets.values():  # what calamine parses: shared strings, sheets, styles
            if part.endswith(".xml") and kind != "theme":  # a theme is parsed by nothing cspxl runs
                _refuse_doctype(part, self.read(part))

    def read(self, name: str) -> bytes:
        """A part's bytes (read once), refused for a DOCTYPE before anything parses it."""
        if name not in self._read:
            try:
                self._read[name] = self.z.read(self._names.get(name.lower(), name))
            except KeyError:
                raise Unusual(f"no part {name}") from None
            _refuse_doctype(name, self._read[name])
        return self._read[name]

    def xml(self, name: str) -> Element:
        return fromstring(self.read(name))

    def _workbook(self) -> str:
        office = [r.get("Target", "") for r in self.xml("_rels/.rels").iter(f"{_PKG_REL}Relationship")
                  if (r.get("Type") or "").endswith("/officeDocument")]
        if len(office) != 1:
            raise Unusual("no single workbook part")
        return _resolve("", office[0])

    def _targets(self, part: str) -> dict[str, tuple[str, str]]:
        """Each relationship of a part: id -> (type, target part)."""
        base = posixpath.dirname(part)
        rels = posixpath.join(base, "_rels", posixpath.basename(part) + ".rels")
        return {r.get("Id", ""): ((r.get("Type") or "").rsplit("/", 1)[-1], _resolve(base, r.get("Target", "")))
                for r in self.xml(rels).iter(f"{_PKG_REL}Relationship")}

    def sheets(self) -> list[tuple[str, str]]:
        """(name, part) of each worksheet, in the workbook's order."""
        out = []
        for sheet in self.xml(self.workbook).iter(f"{_MAIN}sheet"):
            kind, part = self.targets.get(sheet.get(f"{_REL}id", ""), ("", ""))
            if kind == "worksheet":
                out.append((sheet.get("name", ""), part))
        return out

    def percent_formats(self) -> dict[int, str]:
        """The cell styles (``s`` index) whose number format is a percentage, with that format.

        Styles with no ``%`` in them and neither of Excel's built-in percent formats (9 and 10)
        have none, and are not parsed: most files, and every return as cspxl writes it.
        """
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        styles = [part for kind, part in self.targets.values() if kind == "styles"]
        if not styles:
            return {}
        data = self.read(styles[0])
        if b"%" not in data and b"&#" not in data and not _BUILTIN_PERCENT.search(data):  # &#37; is a % too
            return {}
        root = fromstring(data)
        custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "General") for f in root.iter(f"{_MAIN}numFmt")}
        xfs = root.find(f"{_MAIN}cellXfs")
        ids = [int(xf.get("numFmtId", "0")) for xf in (xfs if xfs is not None else [])]
        formats = (custom.get(i) or BUILTIN_FORMATS.get(i, "General") for i in ids)
        return {s: f for s, f in enumerate(formats) if is_percent_format(f)}


#: A style using Excel's built-in ``0%`` (9) or ``0.00%`` (10), which the file need not spell out.
_BUILTIN_PERCENT = re.compile(rb"numFmtId\s*=\s*[\"']\s*(?:9|10)\s*[\"']")


def _refuse_doctype(name: str, data: bytes) -> None:
    """Without a DOCTYPE an XML part can declare no entities, so the fast C parser is safe on it.

    Excel never writes one; a part that has one goes to openpyxl, whose defusedxml parser refuses
    entity declarations with a message that says so.
    """
    if b"<!" in data and (b"<!DOCTYPE" in data or b"<!doctype" in data):  # one pass over most parts
        raise Unusual(f"{name} declares a DOCTYPE")


def _resolve(base: str, target: str) -> str:
    """A relationship's target as a part name (targets are relative to the part, or absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _scan(root: Element, percent: dict[int, str]) -> Scan:
    """Of one sheet: the percent format of each number cell that has one, and the text of each
    formula (``=`` and all) and error value."""
    styles: dict[tuple[int, int], str] = {}
    texts: dict[tuple[int, int], str] = {}
    for cell in root.iter(f"{_MAIN}c"):
        f = cell.find(f"{_MAIN}f")
        s, t = int(cell.get("s", "0")), cell.get("t", "n")
        if f is None and t != "e" and not (s in percent and t == "n"):
            continue
        rc = _where(cell.get("r"))
        if s in percent and t == "n":
            styles[rc] = percent[s]
        if f is not None:
            if not f.text:
                raise Unusual("a shared formula written once for many cells")
            texts[rc] = "=" + f.text
        elif t == "e":
            texts[rc] = cell.findtext(f"{_MAIN}v") or "#N/A"
    return styles, texts


@lru_cache(maxsize=4096)
def _where(ref: str | None) -> tuple[int, int]:
    """(row, column) of a cell reference; returns reuse the same few hundred, so they are cached."""
    if ref is None:
        raise Unusual("a cell without its reference")
    try:
        return parse_a1(ref)
    except ValueError as exc:
        raise Unusual(f"a cell reference {ref!r}") from exc
