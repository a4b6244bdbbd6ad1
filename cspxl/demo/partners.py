"""A simulated partner: fills in a generated return the way a person in Excel would.

Used by ``cspxl demo`` and by the tests.  It edits the workbook with openpyxl (as a spreadsheet
program would: typed values, a percent format, text where a date belongs, sorted rows) and saves
it under a new name; the generated return itself is never modified.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl

from ..cells import clean_text, key
from ..returns.figures import MEASURES_SHEET
from ..returns.layout import HEADER_ROW, HEADERS, RETURN_SHEET
from ..returns.recommendations import RECOMMENDATIONS_SHEET

#: What a partner may put in a row: input header -> value (any type a person could type).
Answers = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Formatted:
    """A value typed together with a number format, as Excel stores ``40%`` typed: 0.4 formatted ``0%``."""

    value: Any
    number_format: str


def fill_return(
    source: Path,
    out: Path,
    answers: Answers,
    *,
    sort_by: str | None = None,
    extra_cells: Mapping[str, Any] | None = None,
    figures: Answers | None = None,
    recommendations: Answers | None = None,
) -> Path:
    """Copy ``source`` to ``out`` with ``answers`` typed in: ``{action_id: {header: value}}``.

    A :class:`Formatted` value sets the cell's number format too.  ``sort_by`` sorts the rows by a
    column, descending, as a partner might; ``extra_cells`` types values anywhere on the Return
    sheet (``{"P9": "a note"}``); ``figures`` types into the Measures sheet (``{"M01": {"Value": 42}}``),
    ``recommendations`` into the Recommendations sheet (``{"DHR1-1": {"Status": "In progress"}}``).
    """
    wb = openpyxl.load_workbook(source)
    ws = wb[RETURN_SHEET]
    cols, rows = _type_in(ws, answers)
    if figures:
        _type_in(wb[MEASURES_SHEET], figures)
    if recommendations:
        _type_in(wb[RECOMMENDATIONS_SHEET], recommendations)
    if sort_by:
        _sort(ws, cols[key(sort_by)], len(HEADERS), first=HEADER_ROW + 1, last=max(rows.values()))
    for ref, value in (extra_cells or {}).items():
        ws[ref] = value
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _type_in(ws: Any, values_by_id: Answers) -> tuple[dict[str, int], dict[str, int]]:
    """Type values into a sheet's rows, found by the ID in column A; the sheet's columns (by header
    key) and rows (by ID)."""
    cols = {key(ws.cell(HEADER_ROW, c).value): c for c in range(1, ws.max_column + 1) if ws.cell(HEADER_ROW, c).value}
    rows = {clean_text(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value}
    for row_id, values in values_by_id.items():
        for header, value in values.items():
            cell = ws.cell(rows[row_id], cols[key(header)])
            if isinstance(value, Formatted):
                cell.value, cell.number_format = value.value, value.number_format
            else:
                cell.value = value
    return cols, rows


def _sort(ws: Any, col: int, width: int, first: int, last: int) -> None:
    """Sort the data rows by one column, descending, moving values with their number formats as Excel does."""
    rows = [[(ws.cell(r, c).value, ws.cell(r, c).number_format) for c in range(1, width + 1)]
            for r in range(first, last + 1)]
    rows.sort(key=lambda row: clean_text(row[col - 1][0]), reverse=True)
    for r, cells in enumerate(rows, start=first):
        for c, (value, number_format) in enumerate(cells, start=1):
            ws.cell(r, c).value = value
            ws.cell(r, c).number_format = number_format


_UPDATES = {
    "Not started": ["Scheduled to start next quarter once funding is confirmed.", ""],
    "On track": [
        "Delivered as planned this quarter; figures are in line with the profile.",
        "Sessions held with partners; attendance good and feedback positive.",
        "Working group met twice; actions from the last meeting are complete.",
        "Referrals up on the same quarter last year; capacity is being monitored.",
    ],
    "At risk": [
        "Staff vacancy has slowed delivery; recruitment under way, recovery expected next quarter.",
        "Venue no longer available; looking for an alternative with the district council.",
    ],
    "Off track": [
        "Funding bid was unsuccessful; the partnership's help is needed to find another source.",
    ],
    "Completed": ["Completed; evaluation report circulated to the partnership."],
}


def previous_statuses(source: Path) -> dict[str, str]:
    """The ``Previous status`` a return shows for each action (what the partner said last quarter)."""
    wb = openpyxl.load_workbook(source, read_only=True)
    try:
        rows = list(wb[RETURN_SHEET].iter_rows(min_row=HEADER_ROW, values_only=True))
    finally:
        wb.close()
    col = [key(h) for h in rows[0]].index(key("Previous status"))
    return {clean_text(r[0]): clean_text(r[col]) for r in rows[1:] if r and r[0]}


def simulated_answers(actions: list[str], period_end: date, seed: str,
                      previous: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """Plausible answers for each action, the same every time for the same ``seed``.

    An action completed last quarter stays completed, as it would in real life.
    """
    rng = random.Random(seed)
    out: dict[str, dict[str, Any]] = {}
    for action_id in actions:
        status = rng.choices(list(_UPDATES), weights=[1, 6, 2, 1, 2])[0]
        if (previous or {}).get(action_id) == "Completed":
            status = "Completed"
        row: dict[str, Any] = {"Status": status, "Progress update": rng.choice(_UPDATES[status]),
                               "Support needed": "Yes" if status == "Off track" else "No"}
        if status == "Completed":
            row["% complete"] = 100
            row["Date completed"] = datetime.combine(period_end - timedelta(days=rng.randint(3, 60)), datetime.min.time())
        elif status != "Not started":
            row["% complete"] = rng.choice([20, 35, 50, 60, 75, 90])
        if status == "At risk":
            row["Revised target date"] = datetime.combine(period_end + timedelta(days=rng.choice([45, 90])),
                                                          datetime.min.time())
        out[action_id] = row
    return out


_COMMENTS = ["", "", "In line with the seasonal pattern.", "Operation in the town centre this quarter.",
             "Figure provisional until the quarter's data are validated."]


def simulated_figures(source: Path, seed: str) -> dict[str, dict[str, Any]]:
    """Plausible figures for each measure on a return's Measures sheet, the same every time for the
    same ``seed``: within an eighth of last quarter's figure (or the baseline, a quarter of it for a year's),
    whole for counts."""
    wb = openpyxl.load_workbook(source, read_only=True)
    try:
        if MEASURES_SHEET not in wb.sheetnames:
            return {}
        rows = list(wb[MEASURES_SHEET].iter_rows(min_row=HEADER_ROW, values_only=True))
    finally:
        wb.close()
    col = {key(h): i for i, h in enumerate(rows[0]) if h}
    rng = random.Random(seed)
    out: dict[str, dict[str, Any]] = {}
    for row in rows[1:]:
        if not row or not row[0]:
            continue
        baseline = row[col[key("Baseline")]]
        if isinstance(row[col[key("Target")]], str) and isinstance(baseline, (int, float)):
            baseline /= 4  # a year's target, and the year's baseline: a quarter's share of it
        start = row[col[key("Previous value")]] or baseline or 10
        assert isinstance(start, (int, float))
        value = float(start) * rng.uniform(0.88, 1.12)
        percent = row[col[key("Unit")]] == "Percent"
        figure: dict[str, Any] = {"Value": min(round(value, 1), 100.0) if percent else round(value)}
        if comment := rng.choice(_COMMENTS):
            figure["Comment"] = comment
        out[clean_text(row[0])] = figure
    return out


def fill_data_return(source: Path, out: Path, seed: str, slip: str = "") -> Path:
    """A partner's strategic assessment data return filled in as they would: each empty quarter of each indicator
    given a figure that drifts from one quarter to the next (the quarters filled in from last year left as they
    are, a word sent back for correction replaced by a figure), and, with ``slip``, that word typed in place of
    the first figure, as a hurried partner might."""
    from ..returns.indicators import COMMENT, INDICATOR_ID, INDICATORS_SHEET

    rng = random.Random(seed)
    book = openpyxl.load_workbook(source)
    ws = book[INDICATORS_SHEET]
    headers = [clean_text(c.value) for c in ws[HEADER_ROW]]
    quarters = [c for c, h in enumerate(headers, start=1) if h[:4].isdigit() and " Q" in h]
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        if not clean_text(ws.cell(row, headers.index(INDICATOR_ID) + 1).value):
            continue
        level, drift = rng.randint(20, 120), rng.choice((-0.04, -0.02, 0.0, 0.03, 0.05))
        for n, col in enumerate(quarters):
            if not isinstance(ws.cell(row, col).value, (int, float)):  # empty, or a word sent back to correct
                ws.cell(row, col).value = max(0, round(level * (1 + drift) ** n + rng.randint(-4, 4)))
        if slip:
            ws.cell(row, quarters[0]).value = slip
            slip = ""
        ws.cell(row, headers.index(COMMENT) + 1).value = rng.choice(("", "Figures from our case system.", ""))
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out
