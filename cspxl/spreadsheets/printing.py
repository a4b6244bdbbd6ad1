"""How cspxl's sheets print: on A4, readable, the header row (and the ID column) on every page.

A wide table is never shrunk onto one page's width (the master's 22 columns came out at under 3 pt).
It prints at :data:`PRINT_SCALE` (10 pt text at 8.5 pt), its columns split between pages where a
page is full, the first column repeated on each so every row can be told on every page, and pages
ordered across then down, so an action's columns follow each other.  A narrow sheet (the plan's
settings, the Dashboard) still fits its page's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

#: The scale wide tables print at, in percent: 10 pt text prints at 8.5 pt, never under 8.
PRINT_SCALE = 85
#: A4's long and short sides, and the side margins, in points.
_A4_LONG, _A4_SHORT, _MARGIN = 841.9, 595.3, 36.0


def print_setup(ws: Worksheet, title: str, *, landscape: bool = True, repeat: tuple[int, int] | None = None,
                pages_down: int = 0, widths: Sequence[float] | None = None, repeat_columns: int = 1,
                starts: Sequence[int] = ()) -> None:
    """How a sheet prints: on A4 (councils print on it, never US Letter), the rows ``repeat`` (first, last)
    at the top of every page, ``title`` and the sheet's name in the header and the page number in the footer.

    With the columns' ``widths`` (a table), at :data:`PRINT_SCALE` across as many pages as its columns
    need, the first ``repeat_columns`` on each and a new page at each of ``starts`` (the first input
    column, say); without, every column on one page's width and ``pages_down`` pages down (0: as many as
    it takes).
    """
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if widths is None:
        ws.fit_to_pages(1, pages_down)
    else:
        ws.set_print_scale(PRINT_SCALE)
        breaks = column_breaks(widths, repeat_columns, landscape, starts)
        if breaks:
            ws.set_v_pagebreaks(breaks)
            ws.print_across()
        if repeat_columns:
            ws.repeat_columns(0, repeat_columns - 1)
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_header(f"&L{_header_text(title)}&R&A")
    ws.set_footer("&CPage &P of &N")


def column_breaks(widths: Sequence[float], repeat_columns: int = 1, landscape: bool = True,
                  starts: Sequence[int] = ()) -> list[int]:
    """The columns (0-based) a printed page starts at, after the first: one at each of ``starts``, and
    more wherever a page is full, each page taking as many whole columns as fit beside the repeated ones
    at :data:`PRINT_SCALE`."""
    page = ((_A4_LONG if landscape else _A4_SHORT) - 2 * _MARGIN) * 100 / PRINT_SCALE
    repeated = sum(points(w) for w in widths[:repeat_columns])
    breaks, used = [], repeated
    for c, w in enumerate(widths[repeat_columns:], start=repeat_columns):
        if (c in starts or used + points(w) > page) and used > repeated:
            breaks.append(c)
            used = repeated
        used += points(w)
    return breaks


def points(width: float) -> float:
    """A column's printed width in points, from its width in characters of the default font (Arial 10):
    LibreOffice gives a character 7.4 pixels (the digit of Arial's metric twin; Excel rounds to 7) and a
    column five more, at 96 to the inch.  Measured on LibreOffice's PDFs, with a little to spare."""
    return (width * 7.4 + 5) * 0.75 * 1.02


def _header_text(text: str) -> str:
    """Excel header/footer text: ``&`` starts a control code, so it is doubled."""
    return text.replace("&", "&&")
