"""The Measures sheet of a return: the figures a partner supplies for the plan's success measures.

Only a partner that owns measures gets one.  Each row shows a measure, its baseline, target and
last quarter's figure, locked, and asks for this quarter's ``Value`` and a ``Comment``.  It is read
back by Measure ID, like the Return sheet's rows, each problem at its cell; what was typed is what
is recorded, and a figure that looks wrong (more than ten times last quarter's) is a warning to
confirm, never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..cells import a1, clean_text, parse_number, parse_percent, preview
from ..plan import Measure, Partner, Plan
from ..problems import Report
from ..register import Figure
from ..screening import Screener
from ..spreadsheets import Book, Cell, CellValue, Sheet
from ..spreadsheets.write import Formats, checked, print_setup, row_height, write_note, write_number, write_text, write_value
from .by_id import RowsById
from .layout import HEADER_ROW, HEADER_WITHIN, TITLE_COLUMN
from .rows import described, free_text, table_inputs

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

MEASURES_SHEET = "Measures"
MEASURE_ID, VALUE, COMMENT, PREVIOUS = "Measure ID", "Value", "Comment", "Previous value"

#: What a locked column of the Measures sheet shows.
Shows = Literal["id", "priority", "measure", "unit", "better", "baseline", "baseline_period", "target", "previous"]


@dataclass(frozen=True)
class FigureColumn:
    """One column of the Measures sheet: locked (``shows`` something) or an input."""

    header: str
    width: float
    shows: Shows | None = None
    help: str = ""


FIGURE_COLUMNS: tuple[FigureColumn, ...] = (
    FigureColumn(MEASURE_ID, 9, "id"),
    FigureColumn("Priority", 20, "priority"),
    FigureColumn("Measure", 44, "measure"),
    FigureColumn("Unit", 9, "unit"),
    FigureColumn("Better when", 9, "better"),
    FigureColumn("Baseline", 10, "baseline"),
    FigureColumn("Baseline period", 10, "baseline_period"),
    FigureColumn("Target", 10, "target"),
    FigureColumn(PREVIOUS, 10, "previous"),
    FigureColumn(VALUE, 12, help="This quarter's figure: a number (a percentage from 0 to 100, e.g. 45 or 45%)."),
    FigureColumn(COMMENT, 50, help="What lies behind the figure, e.g. why it rose or fell."),
)
FIGURE_HEADERS: tuple[str, ...] = tuple(c.header for c in FIGURE_COLUMNS)
FIGURE_INPUTS: tuple[str, ...] = tuple(c.header for c in FIGURE_COLUMNS if c.shows is None)
#: The locked columns: what the tamper check compares with the return as issued.
FIGURE_CONTEXT: tuple[str, ...] = tuple(c.header for c in FIGURE_COLUMNS if c.shows is not None)
#: Times last quarter's figure beyond which (or below whose reciprocal) a figure is queried.
JUMP = 10


@dataclass(frozen=True)
class FigureNotes:
    """Problems to mark on the Measures sheet of a return sent back for correction."""

    #: (measure ID, input header) -> the problems on that cell, a line each.
    notes: Mapping[tuple[str, str], str]
    flagged: frozenset[tuple[str, str]]


def write_measures_sheet(ws: Worksheet, plan: Plan, partner: Partner, measures: Sequence[Measure],
                         previous: Mapping[str, float], fmts: Formats, titles: tuple[str, str, str],
                         prefill: Mapping[str, Mapping[str, CellValue]], marked: FigureNotes | None) -> None:
    """The Measures sheet (for a partner with ``measures``): ``titles`` are its title, the line under it
    and each printed page's header."""
    h = HEADER_ROW - 1  # 0-based for XlsxWriter
    last = h + len(measures)  # the last measure's row
    write_text(ws, 0, TITLE_COLUMN, titles[0], fmts.title)  # beside the ID column that prints on every page
    write_text(ws, 1, TITLE_COLUMN, titles[1], fmts.subtitle)
    for c, col in enumerate(FIGURE_COLUMNS):
        write_text(ws, h, c, col.header, fmts.header if col.shows else fmts.input_header)
        ws.set_column(c, c, col.width)
    ws.set_row(h, 30)
    value_col, comment_col = FIGURE_HEADERS.index(VALUE), FIGURE_HEADERS.index(COMMENT)
    for i, m in enumerate(measures):
        r = h + 1 + i
        shown = _shown(plan, m, previous.get(m.id))
        for c, col in enumerate(FIGURE_COLUMNS):
            if col.shows is not None:
                value = shown[col.shows]
                if isinstance(value, float):
                    write_number(ws, r, c, value, fmts.locked)
                else:
                    write_text(ws, r, c, value, fmts.locked)
                continue
            fmt = fmts.input if col.header == VALUE else fmts.input_wrap
            note = marked.notes.get((m.id, col.header)) if marked else None
            if marked and note:
                fmt = fmts.flagged(fmt) if (m.id, col.header) in marked.flagged else fmt
                write_note(ws, r, c, note)
            write_value(ws, r, c, prefill.get(m.id, {}).get(col.header), fmt)
        low, high = (0, 100) if m.unit == "Percent" else (0, 10**15)
        checked(ws.data_validation(r, value_col, r, value_col, {
            "validate": "decimal", "criteria": "between", "minimum": low, "maximum": high,
            "input_title": VALUE, "input_message": FIGURE_COLUMNS[value_col].help, "error_type": "stop",
            "error_title": "Not a figure", "error_message": "Enter a number" + (
                " from 0 to 100, e.g. 45 or 45%." if m.unit == "Percent" else " of 0 or more, e.g. 42 or 12.5.")}),
            "Value validation")
        ws.set_row(r, row_height([(m.text, FIGURE_COLUMNS[2].width)], min_lines=3))
    checked(ws.data_validation(h + 1, comment_col, last, comment_col, {
        "validate": "length", "criteria": "<=", "value": 32767, "input_title": COMMENT,
        "input_message": FIGURE_COLUMNS[comment_col].help, "error_type": "stop", "error_title": "Too long",
        "error_message": "A cell holds at most 32,767 characters."}), "Comment validation")
    ws.freeze_panes(HEADER_ROW, 1)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                    "format_columns": True, "format_rows": True})
    print_setup(ws, titles[2], repeat=(h, h), widths=[col.width for col in FIGURE_COLUMNS], starts=[value_col])
    ws.print_area(0, 0, last, len(FIGURE_COLUMNS) - 1)


def _shown(plan: Plan, m: Measure, previous: float | None) -> dict[Shows, str | float]:
    """What each locked column shows for a measure: numbers as numbers, blanks as empty text."""
    priority = plan.priority(m.priority_id)

    def number(value: float | None) -> str | float:
        return "" if value is None else float(value)

    return {"id": m.id, "priority": priority.name if priority else m.priority_id, "measure": m.text, "unit": m.unit,
            "better": m.better, "baseline": number(m.baseline), "baseline_period": m.baseline_period,
            "target": f"{m.target:g} for the year" if m.target is not None and m.target_period == "Year"
            else number(m.target), "previous": number(previous)}


def measures_titles(plan: Plan, partner: Partner, due: str, print_title: str) -> tuple[str, str, str]:
    """The Measures sheet's title, the line under it, and its printed pages' header."""
    return (f"{plan.settings.partnership}: {partner.name}, success measures",
            f"Give this quarter's figure for each measure in the Value column (a number; a percentage from 0 to "
            f"100), with a comment on anything unusual, and return this file by {due}.", print_title)


class FigureReader(RowsById[Figure]):
    """Reads a returned Measures sheet's rows by Measure ID into figures, each problem at its cell.

    ``previous`` is last quarter's figure of each measure as the return was issued with it: a figure
    more than :data:`JUMP` times it, or under a :data:`JUMP`-th of it, is queried.
    """

    sheet_title, headers, context, id_header, required, kind = (
        MEASURES_SHEET, FIGURE_HEADERS, FIGURE_CONTEXT, MEASURE_ID, VALUE, "measure")

    def __init__(self, file: str, plan: Plan, issued: Sequence[str], previous: Mapping[str, float], report: Report,
                 screener: Screener, prefilled: Mapping[str, Mapping[str, CellValue]]) -> None:
        super().__init__(file, issued, report, screener, prefilled)
        self.plan, self.previous = plan, previous

    def read_row(self, sheet: Sheet, r: int, measure: str, cols: dict[str, int]) -> Figure:
        value_at = (a1(r, cols[VALUE]), sheet.get(r, cols[VALUE]))
        comment_at = (a1(r, cols[COMMENT]), sheet.get(r, cols[COMMENT])) if COMMENT in cols else ("", Cell(None))
        issued = self.prefilled.get(measure, {})
        self.typed = self.typed or any(clean_text(c.value) and clean_text(c.value) != clean_text(issued.get(h))
                                       for h, (_, c) in ((VALUE, value_at), (COMMENT, comment_at)))
        found = self.plan.measure(measure)
        value = self._value(*value_at, measure, found.unit if found else "Number")
        comment = free_text(self.add, comment_at[0], measure, COMMENT, comment_at[1].value)
        personal = tuple(self.screener(comment))
        for f in personal:
            self.add("personal-data", comment_at[0], measure, **described(
                comment, f, COMMENT, kept="it is kept as typed, and the master marks the measure"))
        return Figure(measure_id=measure, row=r, value=value, comment=comment, personal=personal)

    def _value(self, where: str, c: Cell, measure: str, unit: str) -> float | None:
        """The figure typed; ``None``, with a problem at the cell, when there is none to record."""
        if not clean_text(c.value):
            self.add("figure-blank", where, measure)
            return None
        number = typed_figure(self.add, where, c, measure, unit)
        if number is None:
            return None
        before = self.previous.get(measure)
        if before is not None and before > 0 and not before / JUMP <= number <= before * JUMP:
            self.add("figure-jump", where, measure, value=f"{number:g}", previous=f"{before:g}",
                     how="more than ten times" if number > before else "under a tenth of")
        return number


def typed_figure(add: Callable[..., object], where: str, c: Cell, row_id: str, unit: str) -> float | None:
    """The figure typed in a filled cell, read as its ``unit`` says (a percentage from 0 to 100); ``None``, with the
    problem ``add``ed at the cell, when it cannot be recorded as one: a success measure's and an indicator's alike."""
    typed = clean_text(c.value)
    if unit == "Percent":
        number, readings = parse_percent(c.value, c.number_format)
        if readings is not None:
            add("figure-ambiguous", where, row_id, value=preview(typed), low=f"{readings[0]:g}", high=f"{readings[1]:g}")
            return None
    else:
        number = parse_number(c.value)
    if number is None:
        add("figure-invalid", where, row_id, value=preview(typed))
        return None
    if number < 0 or (unit == "Percent" and number > 100):
        add("figure-outside", where, row_id, value=f"{number:g}", outside="below 0" if number < 0 else
            "over 100 per cent", allowed="from 0 to 100" if unit == "Percent" else "of 0 or more")
        return None
    return number


def figures_shown_as_previous(book: Book | None) -> dict[str, float]:
    """Last quarter's figure of each measure, as a return's Measures sheet shows it (locked)."""
    sheet = book.sheet(MEASURES_SHEET) if book is not None else None
    if sheet is None:
        return {}
    header_row, cols = sheet.find_header(FIGURE_HEADERS, within=HEADER_WITHIN)
    if MEASURE_ID not in cols or PREVIOUS not in cols:
        return {}
    out: dict[str, float] = {}
    for r in sheet.row_numbers(after=header_row):
        value = sheet.value(r, cols[PREVIOUS])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out.setdefault(clean_text(sheet.value(r, cols[MEASURE_ID])), float(value))
    return out


def figures_of(book: Book) -> tuple[dict[str, dict[str, CellValue]], dict[int, str]]:
    """The input values of each measure's row on a workbook's Measures sheet, and each column's header."""
    return table_inputs(book, MEASURES_SHEET, FIGURE_HEADERS, FIGURE_INPUTS)
