"""Private helpers for every workbook cspxl writes with XlsxWriter.

Three rules live here so no writer can forget them: untrusted text is always written with
``write_string`` (``write`` would turn ``=...`` into a formula); every loss XlsxWriter reports,
as a warning or a negative return code, is an error; and a workbook appears at its path only
when complete (written to a temporary file beside it, then renamed).
"""

from __future__ import annotations

import functools
import math
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..errors import WriteError
from .landing import kept_sentence, land
from .printing import column_breaks
from .printing import print_setup as print_setup  # every writer takes it from here

if TYPE_CHECKING:  # XlsxWriter loads when a workbook is written, so the command line starts quickly
    from xlsxwriter import Workbook
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

#: Excel's limit on the characters in one cell.
CELL_LIMIT = 32767

#: A fixed creation time, so the same inputs give byte-identical workbooks.
REPRODUCIBLE_TIME = datetime(2000, 1, 1)
#: The custom document property naming the cspxl that wrote a workbook.
VERSION_PROPERTY = "cspxl version"

DATE_FORMAT = "dd/mm/yyyy"


#: Points per line of 10pt Arial, the font every cspxl workbook uses.
LINE_HEIGHT = 12.75
#: A row's default height in pixels: one line of Arial 10 (12.75 points at 96 to the inch).
ROW_PIXELS = 17


def row_height(cells: Iterable[tuple[str, float]], min_lines: int = 1, max_lines: int = 40) -> float:
    """A row height that shows wrapped text in full.

    XlsxWriter cannot measure text and LibreOffice does not grow rows on opening, so the height is
    estimated from each text's length and its column's width (about one character per width unit).
    """
    lines = min_lines
    for text, width in cells:
        per_line = max(int(width), 1)
        needed = sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, needed)
    return min(lines, max_lines) * LINE_HEIGHT + 3


def checked(result: int | None, what: str) -> None:
    """Raise :class:`WriteError` when an XlsxWriter call returned its loss signal (a negative code)."""
    if result is not None and result < 0:
        raise WriteError(f"could not write {what} without losing data (XlsxWriter returned {result}).")


def write_text(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None = None) -> None:
    """Write ``value`` as text, never as a formula, number or link, whatever it starts with."""
    text = "" if value is None else str(value)
    if len(text) > CELL_LIMIT:
        raise WriteError(f"text of {len(text)} characters does not fit in a cell ({ws.name} row {row + 1}).")
    if text == "":
        checked(ws.write_blank(row, col, None, fmt), f"{ws.name} row {row + 1}")
        return
    checked(ws.write_string(row, col, text, fmt), f"{ws.name} row {row + 1}")


def write_date(ws: Worksheet, row: int, col: int, value: date | None, fmt: Format | None = None) -> None:
    """Write a real date cell (or a formatted blank)."""
    if value is None:
        checked(ws.write_blank(row, col, None, fmt), f"{ws.name} row {row + 1}")
        return
    when = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    checked(ws.write_datetime(row, col, when, fmt), f"{ws.name} row {row + 1}")


def write_number(ws: Worksheet, row: int, col: int, value: float | int | None, fmt: Format | None = None) -> None:
    """Write a number (or a formatted blank)."""
    if value is None:
        checked(ws.write_blank(row, col, None, fmt), f"{ws.name} row {row + 1}")
        return
    checked(ws.write_number(row, col, value, fmt), f"{ws.name} row {row + 1}")


def write_value(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None = None) -> None:
    """An input cell pre-filled with what a partner sent: dates as dates, numbers as numbers, the rest as text."""
    if isinstance(value, date):
        write_date(ws, row, col, value, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        write_number(ws, row, col, value, fmt)
    else:
        write_text(ws, row, col, value, fmt)


def write_across(ws: Worksheet, row: int, text: str, widths: Sequence[float], fmt: Format) -> None:
    """A line of text wrapped across a table's columns (``widths``) as far as its first printed page goes:
    a note under the table that prints whole, on one page, rather than cut where the page breaks."""
    breaks = column_breaks(widths)
    # On a table printed across pages its first column is repeated on each: the note starts after it.
    first, last = (1, breaks[0] - 1) if breaks else (0, len(widths) - 1)
    ws.set_row(row, row_height([(text, sum(widths[first:last + 1]))]))
    checked(ws.merge_range(row, first, row, last, "", fmt), "note")
    write_text(ws, row, first, text, fmt)


def write_note(ws: Worksheet, row: int, col: int, note: str) -> None:
    """A comment on a cell, big enough to show every line of ``note`` without opening it further."""
    # XlsxWriter's default comment is about 128 x 74 pixels: five lines of 40 characters at twice the width.
    lines = sum(max(1, math.ceil(len(line) / 40)) for line in note.split("\n"))
    checked(ws.write_comment(row, col, note, {"x_scale": 2, "y_scale": max(1.5, lines / 5 * 1.2)}), "comment")


#: The values written on each sheet of a workbook, by 1-based (row, column), as a reader reads them
#: back: text, whole numbers as ints, dates as datetimes; blanks are not kept.
Written = dict[str, dict[tuple[int, int], Any]]


@functools.cache
def recording_worksheet() -> type[Worksheet]:
    """A worksheet class (for ``add_worksheet(worksheet_class=...)``) that keeps what was written.

    cspxl keeps the cells of each return as issued, so that ingest can tell what a partner changed
    outside the inputs without opening the issued file again.  Made on first use, since XlsxWriter
    is only imported when a workbook is written.
    """
    from xlsxwriter.worksheet import Worksheet

    class Recording(Worksheet):  # type: ignore[misc]  # XlsxWriter has no type hints
        def __init__(self) -> None:
            super().__init__()
            self.written: dict[tuple[int, int], Any] = {}

        def write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> int:
            self.written[(row + 1, col + 1)] = string
            return int(super().write_string(row, col, string, cell_format))

        def write_number(self, row: int, col: int, number: float, cell_format: Format | None = None) -> int:
            whole = isinstance(number, float) and number.is_integer()
            self.written[(row + 1, col + 1)] = int(number) if whole else number
            return int(super().write_number(row, col, number, cell_format))

        def write_datetime(self, row: int, col: int, when: datetime, cell_format: Format | None = None) -> int:
            self.written[(row + 1, col + 1)] = when
            return int(super().write_datetime(row, col, when, cell_format))

    return Recording


def cells_written(wb: Workbook) -> Written:
    """What was written on each recording worksheet of ``wb`` (see :func:`recording_worksheet`)."""
    recording = recording_worksheet()
    return {ws.name: dict(ws.written) for ws in wb.worksheets() if isinstance(ws, recording)}


@contextmanager
def workbook(
    path: Path, *, title: str, author: str = "", comments: str = "", options: dict[str, Any] | None = None,
    keywords: str = "", keep: bool = False, said: Callable[[str], None] | None = None,
) -> Iterator[Workbook]:
    """Open an XlsxWriter workbook that lands at ``path`` atomically, with warnings as errors.

    Yields the workbook; on a clean exit it is closed into a temporary file in the same folder
    and renamed over ``path``.  On any error the temporary file is removed and ``path`` is untouched.
    With ``keep``, a different workbook already at ``path`` is moved aside first (see
    :mod:`.landing`), and ``said`` is told so.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.xlsx", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    import xlsxwriter

    # Arial 10 as the workbook's own font, not only its cells': a column's width is counted in the default
    # font's digits, and Calibri, absent where LibreOffice runs without Microsoft's fonts, gives way to a
    # wider one, so every column printed a third wider there.  Arial has a metric twin everywhere.
    base = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_format_properties": {"font_name": "Arial", "font_size": 10}, "default_row_height": ROW_PIXELS}
    wb = xlsxwriter.Workbook(str(tmp), base | (options or {}))
    wb.set_properties({"title": title, "author": author, "comments": comments, "keywords": keywords,
                       "created": REPRODUCIBLE_TIME})
    wb.set_custom_property(VERSION_PROPERTY, __version__)  # which cspxl wrote it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                yield wb
                wb.close()
            except UserWarning as warning:
                raise WriteError(f"could not write {path.name}: {warning}") from warning
        try:
            kept = land(tmp, path, keep=keep)
        except PermissionError as exc:  # what Windows raises while Excel has the file open
            raise WriteError(f"{path} is open in another program (or read-only), so it was not replaced; "
                             "close it and run the command again. The previous file is unchanged.") from exc
        if kept is not None and said is not None:
            said(kept_sentence(path, kept))
    finally:
        tmp.unlink(missing_ok=True)


#: The colours statuses and flags are shown in.
_COLOURS: dict[str, dict[str, object]] = {
    "green": {"bg_color": "#C6EFCE", "font_color": "#006100"}, "amber": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "red": {"bg_color": "#FFC7CE", "font_color": "#9C0006"}, "blue": {"bg_color": "#BDD7EE", "font_color": "#1F4E78"},
    "grey": {"bg_color": "#E7E6E6", "font_color": "#404040"},
}


class Formats:
    """The handful of cell formats cspxl's workbooks share, made once per workbook."""

    input: Format
    input_wrap: Format
    input_date: Format

    def __init__(self, wb: Workbook) -> None:
        base = {"valign": "top", "font_name": "Arial", "font_size": 10}
        self.title = wb.add_format(base | {"bold": True, "font_size": 14})
        self.subtitle = wb.add_format(base | {"italic": True, "font_color": "#404040"})
        self.header = wb.add_format(
            base | {"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "text_wrap": True, "border": 1}
        )
        self.input_header = wb.add_format(
            base | {"bold": True, "bg_color": "#C65911", "font_color": "#FFFFFF", "text_wrap": True, "border": 1}
        )
        self.text = wb.add_format(base | {"text_wrap": True})
        self.plain = wb.add_format(base)
        self.bold = wb.add_format(base | {"bold": True})
        self.text_bold = wb.add_format(base | {"bold": True, "text_wrap": True})
        self.date = wb.add_format(base | {"num_format": DATE_FORMAT, "align": "left"})
        self.int = wb.add_format(base | {"num_format": "0"})
        self.percent = wb.add_format(base | {"num_format": "0%"})
        grey_box = {"bg_color": "#F2F2F2", "border": 1, "border_color": "#BFBFBF"}
        self.locked = wb.add_format(base | grey_box | {"text_wrap": True})
        self.locked_date = wb.add_format(base | grey_box | {"num_format": DATE_FORMAT, "align": "left"})
        unlocked = base | {"locked": False, "border": 1, "border_color": "#7F7F7F", "bg_color": "#FFFFFF"}
        self._wb = wb
        self._props: dict[Format, dict[str, object]] = {}
        self._flagged: dict[Format, Format] = {}
        inputs: dict[str, dict[str, object]] = {
            "input": {}, "input_wrap": {"text_wrap": True}, "input_date": {"num_format": DATE_FORMAT, "align": "left"},
        }
        for name, props in inputs.items():
            fmt = wb.add_format(unlocked | props)
            setattr(self, name, fmt)
            self._props[fmt] = unlocked | props
        self._base = base
        self._whole_cells: dict[str, Format] = {}
        self.green, self.amber, self.red, self.blue, self.grey = (wb.add_format(c) for c in _COLOURS.values())

    def flagged(self, fmt: Format) -> Format:
        """The same input format, in red: a cell sent back for correction (made when first needed)."""
        if fmt not in self._flagged:
            red = {"bg_color": "#FFC7CE", "border": 2, "border_color": "#C00000"}
            self._flagged[fmt] = self._wb.add_format(self._props[fmt] | red)
        return self._flagged[fmt]

    def colour(self, name: str) -> Format:
        """The colour ``name`` (``green``, ``amber``, ``red``, ``blue`` or ``grey``), for conditional formats."""
        return {"green": self.green, "amber": self.amber, "red": self.red, "blue": self.blue, "grey": self.grey}[name]

    def whole_cell(self, name: str) -> Format:
        """The same colour as a whole cell's format, for cells a conditional format cannot colour (merged
        ones); made when first asked for."""
        if name not in self._whole_cells:
            self._whole_cells[name] = self._wb.add_format(self._base | _COLOURS[name])
        return self._whole_cells[name]


def table_sheet(ws: Worksheet, headers: Sequence[str], widths: Sequence[float], rows: int, fmts: Formats,
                title: str) -> None:
    """A sheet laid out as a table: headers in row 1 (tall enough for each to wrap whole), frozen with the
    first column, filtered, and printed as :func:`print_setup` says: landscape, readable, across as
    many pages as the columns need, the header row and the first column on every page."""
    for c, (h, w) in enumerate(zip(headers, widths, strict=True)):
        write_text(ws, 0, c, h, fmts.header)
        ws.set_column(c, c, w)
    # Bold headers wrap sooner than the text under them: a character's worth less a line.
    ws.set_row(0, max(30.0, row_height(((h, w - 1) for h, w in zip(headers, widths, strict=True)))))
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(rows, 1), len(headers) - 1)
    print_setup(ws, title, repeat=(0, 0), widths=widths)


def colour_words(ws: Worksheet, first_row: int, last_row: int, cols: Sequence[int], words: Mapping[str, Format]) -> None:
    """Conditional formatting that colours each of ``words`` in its format, in the given columns.

    One rule a colour covers every column (a multi-range), since each rule costs XlsxWriter a
    formula's worth of work when the workbook is written.
    """
    from xlsxwriter.utility import xl_range

    last_row = max(first_row, last_row)
    if not cols:
        return
    ranges = " ".join(xl_range(first_row, c, last_row, c) for c in cols)
    for word, fmt in words.items():
        checked(
            ws.conditional_format(first_row, cols[0], last_row, cols[0],
                                  {"type": "cell", "criteria": "==", "value": f'"{word}"', "format": fmt,
                                   "multi_range": ranges}),
            f"conditional format on {ws.name}",
        )
