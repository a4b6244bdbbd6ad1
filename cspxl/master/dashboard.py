"""The master's Dashboard: the quarter on one landscape A4 page, read at full size.

First who may see this copy; then, left, the returns, the actions and the success measures counted; right, a chart of each
priority's actions by status, whole actions, each segment labelled with its count, and under it the
same as a table; below, the actions that got worse since last quarter.  The master is written in constant
memory, row after row, so the page is laid out first as a grid of cells and then written in order.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..recommendations.tracking import NO_UPDATE as NO_REC_UPDATE
from ..recommendations.tracking import REC_STATUSES, SIGNED_OFF
from ..spreadsheets.write import ROW_PIXELS, Formats, print_setup, row_height, write_number, write_text
from ..status import CHART_COLOURS, NO_UPDATE, STATUSES, status_colours
from .view import ActionState, Monitoring

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

DASHBOARD = "Dashboard"
#: The status table's columns, as the chart stacks them.
COLUMNS: tuple[str, ...] = (*STATUSES, NO_UPDATE)
_COLOURS = tuple(CHART_COLOURS[word] for word in COLUMNS)
#: Column widths: the counts (A, B), a gap (C), the status table (D, then one a status and the total).
_WIDTHS = (34, 8, 2, 30, *(9,) * (len(COLUMNS) + 1))
_LAST = len(_WIDTHS) - 1
#: The worse actions listed on the page; the rest are on the Actions sheet (its Movement column).
WORSE_SHOWN = 6
#: The chart's height in rows (of :data:`ROW_PIXELS` each): about as tall as the counts beside it.
_CHART_ROWS = 16


@dataclass
class _Grid:
    """Cells to write, by row, so that rows go out in order (XlsxWriter's constant memory needs it)."""

    cells: dict[int, list[tuple[int, Any, Format | None, int]]] = field(default_factory=lambda: defaultdict(list))
    heights: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, col: int, value: Any, fmt: Format | None = None, to_col: int | None = None) -> None:
        self.cells[row].append((col, value, fmt, col if to_col is None else to_col))

    def height(self, row: int, points: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0), points)

    def write(self, ws: Worksheet) -> None:
        for row in sorted(set(self.cells) | set(self.heights)):
            if row in self.heights:
                ws.set_row(row, self.heights[row])
            for col, value, fmt, last in sorted(self.cells.get(row, []), key=lambda c: c[0]):
                if last > col:
                    ws.merge_range(row, col, row, last, "", fmt)
                if isinstance(value, int):
                    write_number(ws, row, col, value, fmt)
                else:
                    write_text(ws, row, col, value, fmt)


def write_dashboard(wb: Workbook, ws: Worksheet, view: Monitoring, fmts: Formats, title: str) -> None:
    """Lay out and write the Dashboard of ``view``; ``title`` heads each printed page."""
    s = view.plan.settings
    for c, width in enumerate(_WIDTHS):
        ws.set_column(c, c, width)
    print_setup(ws, title, pages_down=1)
    grid = _Grid()
    grid.put(0, 0, f"{s.partnership}: monitoring {view.period.label}", fmts.title)
    grid.put(1, 0, f"As of {view.as_of:%d/%m/%Y}. Returns were due {view.due:%d/%m/%Y}.", fmts.subtitle)
    note = circulation_note(view)  # first: who may see this copy matters before anything in it
    grid.put(2, 0, note, fmts.text_bold, to_col=_LAST)
    grid.height(2, _height([(note, sum(_WIDTHS))]))
    row = _counts(grid, 4, "Returns", _returns(view), fmts)
    row = _counts(grid, row + 1, "Actions", _actions(view), fmts)
    if view.measures:
        row = _counts(grid, row + 1, "Success measures", _measures(view), fmts)
    if view.recommendations:
        row = _counts(grid, row + 1, "Recommendations from reviews", recommendation_counts(view), fmts)
    table = 4 + _CHART_ROWS + 1
    counts = _status_table(grid, view, table, fmts)
    _chart(wb, ws, view, counts, 4)
    _worse(grid, view, max(table + len(counts) + 3, row + 1), fmts)
    grid.write(ws)


def _returns(view: Monitoring) -> list[tuple[str, int]]:
    return [
        ("Returns expected", len(view.returns)),
        ("Returns received", view.returns_with("Received") + view.returns_with("Received late")),
        ("Received on time", view.returns_with("Received")),
        ("Received late", view.returns_with("Received late")),
        ("Overdue", view.returns_with("Overdue")),
        ("Not yet due", view.returns_with("Not yet due")),
    ]


def _actions(view: Monitoring) -> list[tuple[str, int]]:
    return [
        ("Actions in the plan", len(view.actions)),
        ("Overdue actions", len(view.overdue_actions)),
        ("Actions with no update", sum(a.no_update for a in view.actions)),
        ("Actions needing correction", sum(a.needs_correction for a in view.actions)),
        ("Actions where support is needed", sum(a.support_needed for a in view.actions)),
        ("Stale updates (same as last quarter)", sum(a.stale for a in view.actions)),
        ("Updates with personal data", view.personal_updates),
    ]


def _measures(view: Monitoring) -> list[tuple[str, int]]:
    rags = [m.rag for m in view.measures]
    return [
        ("Measures in the plan", len(rags)),
        ("Green: target met", rags.count("Green")),
        ("Amber: within the tolerance", rags.count("Amber")),
        ("Red: target missed", rags.count("Red")),
        ("Grey: monitored only, or no figure", rags.count("Grey")),
    ]


def recommendation_counts(view: Monitoring) -> list[tuple[str, int]]:
    """The recommendations of reviews by status, and those overdue and awaiting the board (confidential ones too:
    a count gives nothing away)."""
    states = view.recommendations
    by = [s.shown_status for s in states]
    return [
        ("Recommendations tracked", len(states)),
        *((f"{word}", by.count(word)) for word in (*REC_STATUSES, NO_REC_UPDATE, SIGNED_OFF)),
        ("Overdue recommendations", sum(s.overdue for s in states)),
        ("Awaiting the board's sign-off", sum(s.awaiting_signoff for s in states)),
    ]


def _counts(grid: _Grid, top: int, title: str, block: list[tuple[str, int]], fmts: Formats) -> int:
    """A block of labels and numbers in columns A and B from row ``top``; the row after it."""
    grid.put(top, 0, title, fmts.header)
    grid.put(top, 1, "Number", fmts.header)
    for r, (label, n) in enumerate(block, start=top + 1):
        grid.put(r, 0, label, fmts.plain)
        grid.put(r, 1, n, fmts.int)
    return top + len(block) + 1


def circulation_note(view: Monitoring) -> str:
    """What the Dashboard says about who may see this copy."""
    n = view.personal_updates
    if view.redacted:
        return ("Circulation copy: the personal data found in partners' updates has been replaced by placeholders "
                "such as [name removed]. Screening can miss some: read the updates before this copy circulates.")
    found = (f"{n} {'update' if n == 1 else 'updates'} from partners in this copy {'holds' if n == 1 else 'hold'} "
             "personal data (see the Personal data column on the Actions sheet). " if n else "")
    return (f"{found}This copy must not circulate beyond those entitled to see partners' updates in full; the "
            "circulation copy, with personal data replaced, can.")


def _by_status(actions: list[ActionState]) -> list[int]:
    return [sum((a.status or NO_UPDATE) == word for a in actions) for word in COLUMNS]


def _status_table(grid: _Grid, view: Monitoring, top: int, fmts: Formats) -> list[list[int]]:
    """The actions by status of each priority, from column D of row ``top``; the counts of each priority."""
    grid.put(top - 1, 3, "Actions by status and priority", fmts.bold)
    grid.put(top, 3, "Priority", fmts.header)
    for c, word in enumerate((*COLUMNS, "Total"), start=4):
        grid.put(top, c, word, fmts.header)
    grid.height(top, 30)
    counts = []
    for r, pr in enumerate(view.plan.priorities, start=top + 1):
        states = [a for a in view.actions if a.action.priority_id == pr.id]
        counts.append(_by_status(states))
        grid.put(r, 3, pr.name, fmts.text)
        grid.height(r, _height([(pr.name, _WIDTHS[3])]))
        for c, n in enumerate((*counts[-1], len(states)), start=4):
            grid.put(r, c, n, fmts.int)
    total = top + len(counts) + 1
    grid.put(total, 3, "All priorities", fmts.bold)
    for c, n in enumerate((*_by_status(list(view.actions)), len(view.actions)), start=4):
        grid.put(total, c, n, fmts.int)
    return counts


def _chart(wb: Workbook, ws: Worksheet, view: Monitoring, counts: list[list[int]], top: int) -> None:
    """The status table as a stacked bar a priority, at column D of row ``top``."""
    first = top + _CHART_ROWS + 2  # the status table's first priority
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for c, (colour, values) in enumerate(zip(_COLOURS, zip(*counts, strict=True), strict=True), start=4):
        chart.add_series({
            "name": [DASHBOARD, first - 1, c],
            "categories": [DASHBOARD, first, 3, first + len(counts) - 1, 3],
            "values": [DASHBOARD, first, c, first + len(counts) - 1, c],
            "fill": {"color": colour},
            # Each segment labelled with its count, but the empty ones.
            "data_labels": {"value": True, "custom": [{"delete": True} if not v else None for v in values]},
        })
    widest = max((sum(row) for row in counts), default=1)
    chart.set_title({"none": True})  # the table under it is titled
    chart.set_x_axis({"min": 0, "major_unit": max(1, math.ceil(widest / 10)), "num_format": "0",
                      "major_gridlines": {"visible": True}})  # whole actions: never 0.5
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": round(sum(_WIDTHS[3:]) * 7.2), "height": _CHART_ROWS * ROW_PIXELS})
    ws.insert_chart(top, 3, chart)


def _worse(grid: _Grid, view: Monitoring, top: int, fmts: Formats) -> None:
    """The actions that got worse since last quarter: what the meeting asks about first (the first
    :data:`WORSE_SHOWN`, each on a line; the Actions sheet's Movement column has them all)."""
    worse = view.worse
    grid.put(top, 0, f"Actions that got worse since last quarter: {len(worse) or 'none'}", fmts.bold, to_col=3)
    if not worse:
        return
    for c, last, header in ((0, 3, "Action"), (4, 7, "Lead partner"), (8, 9, "Last quarter"), (10, _LAST, "Now")):
        grid.put(top + 1, c, header, fmts.header, to_col=last)
    for r, st in enumerate(worse[:WORSE_SHOWN], start=top + 2):
        text = f"{st.action.id}: {st.action.text}"
        grid.put(r, 0, text, fmts.text, to_col=3)
        grid.put(r, 4, st.lead.name, fmts.text, to_col=7)
        grid.put(r, 8, st.previous_status, _rag(fmts, st.previous_status), to_col=9)
        grid.put(r, 10, st.status, _rag(fmts, st.status), to_col=_LAST)
        grid.height(r, _height([(text, sum(_WIDTHS[:4])), (st.lead.name, sum(_WIDTHS[4:8]))]))
    if len(worse) > WORSE_SHOWN:
        grid.put(top + 2 + WORSE_SHOWN, 0, f"and {len(worse) - WORSE_SHOWN} more: see the Movement column on the "
                 "Actions sheet.", fmts.plain, to_col=_LAST)


def _height(cells: list[tuple[str, float]]) -> float:
    """A row's height for wrapped text: Arial 10 fits about 1.2 characters to a unit of column width, and
    every point the page saves keeps it at full size."""
    return row_height([(text, width * 1.2) for text, width in cells])


def _rag(fmts: Formats, status: str) -> Format:
    """A status cell in its colour (merged cells cannot take the conditional formats the tables use)."""
    return status_colours(fmts.whole_cell).get(status, fmts.plain)
