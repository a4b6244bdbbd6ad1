"""The Indicators sheet of an assessment data return: each indicator a partner supplies, each quarter of three years.

A row per indicator: what it is, locked, then a cell for each of the round's twelve quarters and a
Comment.  The quarters the partner already sent last year are filled in with the figures accepted then,
to confirm or correct.  It is read back by Indicator ID, like the Measures sheet, each problem at its
cell: a figure that cannot be read is an error for that quarter alone (the other eleven are kept), a
quarter left empty a warning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..cells import a1, clean_text, preview
from ..periods import AssessmentRound, Period
from ..plan import Indicator, Plan
from ..problems import Problem, Report, problem
from ..register import IndicatorFigure
from ..screening import Screener
from ..spreadsheets import Book, Cell, CellValue, Sheet
from ..spreadsheets.write import Formats, checked, print_setup, row_height, write_note, write_text, write_value
from .figures import FigureNotes, typed_figure
from .layout import HEADER_ROW, HEADER_WITHIN, TITLE_COLUMN
from .rows import described, free_text, table_inputs
from .tamper import Table

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

INDICATORS_SHEET = "Indicators"
INDICATOR_ID, COMMENT = "Indicator ID", "Comment"
CONTEXT: tuple[tuple[str, float], ...] = ((INDICATOR_ID, 10), ("Indicator", 40), ("Unit", 9), ("Priorities", 24))
QUARTER_WIDTH, COMMENT_WIDTH = 9.0, 40.0


def quarter_header(quarter: Period) -> str:
    """A quarter's column header, ``2021-22 Q3``."""
    return f"{quarter.financial_year} Q{quarter.quarter}"


def headers(round_: AssessmentRound) -> tuple[str, ...]:
    return (*(h for h, _ in CONTEXT), *(quarter_header(q) for q in round_.quarters), COMMENT)


def inputs(round_: AssessmentRound) -> tuple[str, ...]:
    return (*(quarter_header(q) for q in round_.quarters), COMMENT)


def write_indicators_sheet(ws: Worksheet, plan: Plan, indicators: Sequence[Indicator], round_: AssessmentRound,
                           fmts: Formats, titles: tuple[str, str, str],
                           prefill: Mapping[str, Mapping[str, CellValue]], marked: FigureNotes | None = None) -> None:
    """The Indicators sheet: ``titles`` are its title, the line under it and each printed page's header;
    ``prefill`` gives input cells their first values (indicator ID -> input header -> value); ``marked``, for
    a return sent back for correction, the problems to note on its cells (those in error in red)."""
    h = HEADER_ROW - 1  # 0-based for XlsxWriter
    columns = headers(round_)
    widths = [w for _, w in CONTEXT] + [QUARTER_WIDTH] * len(round_.quarters) + [COMMENT_WIDTH]
    write_text(ws, 0, TITLE_COLUMN, titles[0], fmts.title)
    write_text(ws, 1, TITLE_COLUMN, titles[1], fmts.subtitle)
    for c, (header, width) in enumerate(zip(columns, widths, strict=True)):
        write_text(ws, h, c, header, fmts.header if c < len(CONTEXT) else fmts.input_header)
        ws.set_column(c, c, width)
    ws.set_row(h, 30)
    names = {p.id: p.name for p in plan.priorities}
    first_input, comment_col = len(CONTEXT), len(columns) - 1
    for i, indicator in enumerate(indicators):
        r = h + 1 + i
        shown = (indicator.id, indicator.text, indicator.unit, "; ".join(names.get(p, p) for p in indicator.priority_ids))
        for c, text in enumerate(shown):
            write_text(ws, r, c, text, fmts.locked)
        for c, header in enumerate(inputs(round_), start=first_input):
            fmt = fmts.input_wrap if header == COMMENT else fmts.input
            if marked and (note := marked.notes.get((indicator.id, header))):
                fmt = fmts.flagged(fmt) if (indicator.id, header) in marked.flagged else fmt
                write_note(ws, r, c, note)
            write_value(ws, r, c, prefill.get(indicator.id, {}).get(header), fmt)
        low, high = (0, 100) if indicator.unit == "Percent" else (0, 10**15)
        checked(ws.data_validation(r, first_input, r, comment_col - 1, {
            "validate": "decimal", "criteria": "between", "minimum": low, "maximum": high,
            "input_title": "The quarter's figure", "error_type": "stop", "error_title": "Not a figure",
            "input_message": "A number for the quarter (a percentage from 0 to 100); leave it empty if not known.",
            "error_message": "Enter a number" + (" from 0 to 100, e.g. 45 or 45%." if indicator.unit == "Percent"
                                                 else " of 0 or more, e.g. 42 or 12.5.")}), "figure validation")
        ws.set_row(r, row_height([(indicator.text, CONTEXT[1][1])], min_lines=2))
    ws.freeze_panes(HEADER_ROW, 1)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                    "format_columns": True, "format_rows": True})
    print_setup(ws, titles[2], repeat=(h, h), widths=widths, starts=[first_input])
    ws.print_area(0, 0, h + len(indicators), len(columns) - 1)


class IndicatorReader:
    """Reads a returned Indicators sheet's rows by Indicator ID, each problem at its cell."""

    def __init__(self, file: str, plan: Plan, issued: Sequence[str], round_: AssessmentRound, report: Report,
                 screener: Screener, prefilled: Mapping[str, Mapping[str, CellValue]]) -> None:
        self.file, self.plan, self.issued, self.round, self.report = file, plan, issued, round_, report
        self.screener, self.prefilled = screener, prefilled
        self.sheet_name = INDICATORS_SHEET
        #: Whether anything was typed in an input cell other than what it was issued with.
        self.typed = False
        self.rows: dict[str, int] = {}
        self.table: Table | None = None

    def add(self, code: str, cell: str = "", action: str = "", **values: object) -> Problem:
        return self.report.add(problem(code, file=self.file, sheet=self.sheet_name, cell=cell, action=action, **values))

    def read(self, book: Book) -> list[IndicatorFigure] | None:
        """Every indicator's figure for every quarter; ``None`` (with the problem) when the sheet is gone."""
        sheet = book.sheet(INDICATORS_SHEET)
        wanted = headers(self.round)
        if sheet is not None:
            header_row, cols = sheet.find_header(wanted, within=HEADER_WITHIN)
            if INDICATOR_ID in cols and all(h in cols for h in inputs(self.round)[:-1]):
                return self._rows(sheet, header_row, cols)
        self.add("indicators-sheet-missing", value=", ".join(self.issued))
        return None

    def _rows(self, sheet: Sheet, header_row: int, cols: dict[str, int]) -> list[IndicatorFigure]:
        self.sheet_name = sheet.name
        issued = {i.casefold(): i for i in self.issued}
        out: list[IndicatorFigure] = []
        known = set(cols.values())
        for r in sheet.row_numbers(after=header_row):
            raw = clean_text(sheet.value(r, cols[INDICATOR_ID]))
            indicator = issued.get(raw.casefold())
            for c, cell in sheet.row_cells(r):
                if raw and c not in known and (text := clean_text(cell.value)):
                    self.typed = True
                    self.add("typed-outside-inputs", a1(r, c), value=preview(text))
            if not raw:
                continue
            if indicator is None:
                self.add("indicator-unknown", a1(r, cols[INDICATOR_ID]), value=preview(raw))
            elif indicator in self.rows:
                self.add("indicator-duplicate", a1(r, cols[INDICATOR_ID]), indicator, value=self.rows[indicator])
            else:
                self.rows[indicator] = r
                out += self._figures(sheet, r, indicator, cols)
        for indicator in self.issued:
            if indicator not in self.rows:
                self.add("indicator-missing", action=indicator)
        self.table = Table(sheet, header_row, cols, self.rows, headers(self.round), tuple(h for h, _ in CONTEXT))
        return out

    def _figures(self, sheet: Sheet, r: int, indicator: str, cols: dict[str, int]) -> list[IndicatorFigure]:
        issued = self.prefilled.get(indicator, {})
        comment_cell = sheet.get(r, cols[COMMENT]) if COMMENT in cols else Cell(None)
        where = a1(r, cols[COMMENT]) if COMMENT in cols else ""
        comment = free_text(self.add, where, indicator, COMMENT, comment_cell.value)
        personal = tuple(self.screener(comment))
        for f in personal:
            self.add("personal-data", where, indicator, **described(
                comment, f, COMMENT, kept="it is kept as typed, and the assessment's workbook marks the indicator"))
        self.typed = self.typed or bool(comment and comment != clean_text(issued.get(COMMENT)))
        found = self.plan.indicator(indicator)
        unit = found.unit if found else "Number"
        out = []
        blanks = []
        for quarter in self.round.quarters:
            header = quarter_header(quarter)
            cell, at = sheet.get(r, cols[header]), a1(r, cols[header])
            typed = clean_text(cell.value)
            self.typed = self.typed or bool(typed and typed != clean_text(issued.get(header)))
            errors = len(self.report.errors)
            value = typed_figure(self.add, at, cell, indicator, unit) if typed else None
            if not typed:
                blanks.append(header)
            out.append(IndicatorFigure(indicator_id=indicator, quarter=str(quarter), row=r, value=value,
                                       comment=comment, needs_correction=len(self.report.errors) > errors,
                                       personal=personal))
        if blanks:
            self.add("indicator-blank", a1(r, cols[quarter_header(self.round.quarters[0])]), indicator,
                     value=", ".join(blanks) if len(blanks) < len(self.round.quarters) else "any quarter")
        return out


def indicators_of(book: Book, round_: AssessmentRound) -> tuple[dict[str, dict[str, CellValue]], dict[int, str]]:
    """The input values of each indicator's row on a workbook's Indicators sheet, and each column's header."""
    return table_inputs(book, INDICATORS_SHEET, headers(round_), inputs(round_))
