"""Reading the rows of a returned Return sheet into answers, each problem at its cell.

Rows are found by Action ID, so sorted or re-ordered rows are fine, and the header is looked for
where people may have moved it.  What people really type is normalised; everything else becomes a
:class:`~cspxl.problems.Problem` at its cell.  Each input is read by the answer the layout says it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from ..cells import a1, clean_text, normalise_status, normalise_yes_no, parse_a1, parse_date, parse_percent, preview
from ..periods import parse_financial_year, year_span
from ..problems import Problem, Report, problem
from ..register import Answer
from ..screening import Finding, Screener, hint
from ..spreadsheets import Book, Cell, CellValue, Sheet
from ..spreadsheets.write import CELL_LIMIT
from ..status import NEED_UPDATE, Status
from .layout import ACTION_ID, HEADER_OF, HEADER_WITHIN, HEADERS, INPUT_HEADERS, RETURN_SHEET, Holds

_REQUIRED = (ACTION_ID, *INPUT_HEADERS)


class RowReader:
    """Reads the Return sheet's rows by Action ID into answers, collecting problems at their cells."""

    def __init__(self, file: str, sheet: Sheet, issued: tuple[str, ...], report: Report, screener: Screener,
                 year: str = "", prefilled: Mapping[str, Mapping[str, CellValue]] | None = None) -> None:
        self.file, self.sheet, self.issued, self.report = file, sheet, issued, report
        self.screener = screener
        #: What the return was issued with in its inputs (an action completed earlier, say): only what
        #: differs from it counts as typed, so the return sent back untouched is still empty.
        self.prefilled = prefilled or {}
        #: The plan's financial year (``2023-24``): a revised target date outside it is a warning.
        self.year = year
        #: Whether anything at all was typed in an input cell or outside them.
        self.typed = False
        #: Where the table was found: its header row, each header's column, each action's row.
        self.header_row, self.cols, self.rows = 0, dict[str, int](), dict[str, int]()

    def add(self, code: str, cell: str = "", action: str = "", **values: object) -> Problem:
        return self.report.add(problem(code, file=self.file, sheet=self.sheet.name, cell=cell, action=action, **values))

    def read(self) -> list[Answer] | None:
        header_row, cols = self._header()
        if header_row == 0:
            return None
        self.header_row, self.cols = header_row, cols
        self._merged(header_row, cols)
        for r, c, times in self.sheet.repeats:
            self.typed = True
            self.add("cells-repeated", a1(r, c), value=preview(clean_text(self.sheet.value(r, c))), times=f"{times:,}")
        by_id: dict[str, Answer] = {}
        known_cols = set(cols.values())
        id_col = cols[ACTION_ID]
        issued = {a.casefold(): a for a in self.issued}
        for r in self.sheet.row_numbers(after=header_row):
            raw_id = clean_text(self.sheet.value(r, id_col))
            action = issued.get(raw_id.casefold())
            if not raw_id:
                self._outside(r)
                continue
            if action is None and _looks_like_a_note(raw_id):
                self._outside(r)
                continue
            if action is None:
                self.add("action-unknown", a1(r, id_col), value=preview(raw_id))
                continue
            if action in by_id:
                self.add("action-duplicate", a1(r, id_col), action, value=self.rows[action])
                by_id[action] = by_id[action].model_copy(update={"needs_correction": True})
                continue
            errors_before = len(self.report.errors)
            answer = self._answer(r, action, cols)
            by_id[action], self.rows[action] = answer, r
            if len(self.report.errors) > errors_before:
                by_id[action] = answer.model_copy(update={"needs_correction": True})
            self._outside(r, skip=known_cols)
        for action in self.issued:
            if action not in by_id:
                self.add("action-missing", action=action)
        return list(by_id.values())

    def _header(self) -> tuple[int, dict[str, int]]:
        """Find the header row (people insert rows above it) and the column of each known header."""
        best_row, best = self.sheet.find_header(HEADERS, within=HEADER_WITHIN)
        missing = [h for h in _REQUIRED if h not in best]
        if missing:
            self.add("return-header-missing", a1(best_row or 1, 1), header=missing[0])
            return 0, {}
        return best_row, best

    def _merged(self, header_row: int, cols: dict[str, int]) -> None:
        inputs = {cols[h] for h in INPUT_HEADERS}
        for merged in self.sheet.merged:
            (r1, c1), (r2, c2) = (parse_a1(ref) for ref in merged.split(":"))
            if r2 > header_row and any(c1 <= c <= c2 for c in inputs):
                self.add("merged-inputs", merged.split(":")[0], value=merged)

    def _outside(self, row: int, skip: set[int] | frozenset[int] = frozenset()) -> None:
        """Warn about each filled cell of ``row`` outside the columns in ``skip``."""
        for c, cell in self.sheet.row_cells(row):
            if c in skip:
                continue
            text = clean_text(cell.value)
            if text:
                self.typed = True
                self.add("typed-outside-inputs", a1(row, c), value=preview(text))

    def _answer(self, r: int, action: str, cols: dict[str, int]) -> Answer:
        """One row's answer, each input read by what it holds (see the layout's table)."""
        cells = {holds: (a1(r, cols[header]), self.sheet.get(r, cols[header])) for holds, header in HEADER_OF.items()}
        issued = self.prefilled.get(action, {})
        self.typed = self.typed or any(clean_text(c.value) and clean_text(c.value) != clean_text(issued.get(HEADER_OF[h]))
                                       for h, (_, c) in cells.items())
        status = self._status(action, *cells["status"])
        percent = self._percent(*cells["percent"], action)
        completed = self._date(cells["date_completed"], action)
        revised = self._date(cells["revised_target"], action)
        if revised is not None and self.year and not _within(revised, self.year):
            self.add("target-outside-year", cells["revised_target"][0], action, what=HEADER_OF["revised_target"],
                     value=f"{revised:%d/%m/%Y}", year=self.year)
        where, c = cells["progress"]
        progress = free_text(self.add, where, action, HEADER_OF["progress"], c.value)
        personal = tuple(self.screener(progress))
        for f in personal:
            self.add("personal-data", where, action, **described(progress, f, HEADER_OF["progress"]))
        self._together(action, cells, status, percent, progress)
        where, c = cells["support_needed"]
        support = normalise_yes_no(c.value)
        if clean_text(c.value) and support is None:
            self.add("support-invalid", where, action, value=preview(clean_text(c.value)))
        return Answer(action_id=action, row=r, status=status, percent=percent, date_completed=completed,
                      revised_target=revised, progress=progress, support_needed=support, personal=personal)

    def _status(self, action: str, where: str, c: Cell) -> str | None:
        status = normalise_status(c.value)
        if not clean_text(c.value):
            self.add("status-blank", where, action)
        elif status is None:
            self.add("status-unknown", where, action, value=preview(clean_text(c.value)))
        return status

    def _together(self, action: str, cells: dict[Holds, tuple[str, Cell]], status: str | None, percent: int | None,
                  progress: str) -> None:
        """The rules that take two answers of a row together."""
        if status in NEED_UPDATE and not progress:
            self.add("update-required", cells["progress"][0], action, value=status)
        if status == Status.COMPLETED:
            where, c = cells["date_completed"]
            if not clean_text(c.value):  # a date that cannot be read has its own problem there already
                self.add("completed-without-date", where, action)
            if percent is not None and percent < 100:
                self.add("completed-below-100", cells["percent"][0], action, value=percent)

    def _percent(self, where: str, c: Cell, action: str) -> int | None:
        """The whole percentage typed; ``None``, with a problem at the cell, when there is none to record."""
        if not clean_text(c.value):
            return None
        number, readings = parse_percent(c.value, c.number_format)
        if readings is not None:
            low, high = readings
            self.add("percent-ambiguous", where, action, value=preview(clean_text(c.value)), low=f"{low:g}",
                     high=f"{high:g}")
            return None
        if number is None:
            self.add("percent-invalid", where, action, value=preview(clean_text(c.value)))
            return None
        if not 0 <= number <= 100:
            self.add("percent-out-of-range", where, action, value=f"{number:g}")
            return None
        percent = int(number + 0.5)
        if percent != number:
            self.add("percent-rounded", where, action, value=f"{number:g}", rounded=percent)
        return percent

    def _date(self, place: tuple[str, Cell], action: str) -> date | None:
        where, c = place
        if not clean_text(c.value):
            return None
        value = parse_date(c.value)
        if value is None:
            self.add("date-invalid", where, action, value=preview(clean_text(c.value)))
        return value


def free_text(add: Callable[..., Problem], where: str, row_id: str, header: str, value: CellValue) -> str:
    """Free text as the partner wrote it, less what no cell can show; too long is an error (``add``
    takes a problem's code, cell, row ID and values)."""
    text = _text(value)
    cleaned = _CONTROL.sub("", text)
    if cleaned != text:
        shown = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in _CONTROL.findall(text)})[:3])
        add("control-characters-removed", where, row_id, header=header, value=shown)
    if len(cleaned) > CELL_LIMIT:
        add("text-too-long", where, row_id, header=header, value=f"{len(cleaned):,}")
    return cleaned


def inputs_of(book: Book) -> tuple[dict[str, dict[str, CellValue]], dict[int, str]]:
    """The input values of each action's row on a workbook's Return sheet, and each column's header."""
    return table_inputs(book, RETURN_SHEET, HEADERS, INPUT_HEADERS)


def table_inputs(book: Book, sheet_name: str, headers: tuple[str, ...],
                 inputs: tuple[str, ...]) -> tuple[dict[str, dict[str, CellValue]], dict[int, str]]:
    """The ``inputs`` of each row of a sheet's table, by the row's ID (its first header's column, the
    first row of each ID), as a partner sent them; and each column's header.  Empty without the table."""
    sheet = book.sheet(sheet_name)
    if sheet is None:
        return {}, {}
    header_row, cols = sheet.find_header(headers, within=HEADER_WITHIN)
    if headers[0] not in cols:
        return {}, {}
    values: dict[str, dict[str, CellValue]] = {}
    for r in sheet.row_numbers(after=header_row):
        row_id = clean_text(sheet.value(r, cols[headers[0]]))
        if row_id and row_id not in values:
            values[row_id] = {h: sheet.value(r, cols[h]) for h in inputs if h in cols}
    return values, {c: h for h, c in cols.items()}


def _within(day: date, year: str) -> bool:
    first, last = year_span(parse_financial_year(year))
    return first <= day <= last


def described(text: str, finding: Finding, header: str, offset: int = 0,
              kept: str = "it is kept as typed, and the master marks the action") -> dict[str, object]:
    """What a personal-data warning says of a finding: its kind and place (in characters from
    ``offset``, where the partner's text starts), never the identifier in full, and what becomes of it."""
    return {"header": header, "kind": finding.kind, "hint": hint(text, finding), "first": finding.start - offset + 1,
            "last": finding.end - offset, "kept": kept}


def _looks_like_a_note(text: str) -> bool:
    """Action IDs are short codes; a sentence typed in column A is a note, not an unknown action."""
    return len(text) > 20 or len(text.split()) > 2


#: Characters XML 1.0 (and so a cell) cannot hold; tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _text(value: object) -> str:
    """A free-text answer as the partner wrote it (trimmed, Windows line ends made plain); numbers
    and dates as they read."""
    if isinstance(value, date):  # a datetime too
        return f"{value:%d/%m/%Y}"
    return clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
