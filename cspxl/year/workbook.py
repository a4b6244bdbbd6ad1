"""The year's workbook: each action's status quarter by quarter, each partner's returns, each priority."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..spreadsheets.write import Formats, colour_statuses, row_height, table_sheet, workbook, write_number, write_text
from ..workspace import Workspace, safe_name
from .view import YearView, year_view

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

ACTIONS, RETURNS, PRIORITIES = "Actions", "Returns", "Priorities"
#: What the Priorities sheet counts of each priority's actions at the year's end, after the priority.
PRIORITY_HEADERS: tuple[str, ...] = ("Priority", "Actions in the plan", "Completed", "On track", "At risk",
                                     "Off track", "Not started", "No update", "Completed or on track")


def _title(view: YearView) -> str:
    """Each printed page's header: the partnership and the year."""
    return f"{view.plan.settings.short_name} · the year {view.year}"


def year_file_name(short_name: str, year: str) -> str:
    return f"{safe_name(short_name)}_{year}_year.xlsx"


def consolidate_year(workspace: Workspace, year: int, as_of: date | None = None, out: Path | None = None) -> Path:
    """Write the workbook of the financial year starting in ``year`` as of ``as_of`` (default today)."""
    view = year_view(workspace, year, as_of)
    path = Path(out) if out else workspace.master_dir / year_file_name(view.plan.settings.short_name, view.year)
    return write_year(view, path)


def write_year(view: YearView, path: Path) -> Path:
    """Write a :class:`YearView` as the year's workbook at ``path``."""
    s = view.plan.settings
    with workbook(path, title=f"{s.partnership}: the year {view.year}", author=s.coordinator_name) as wb:
        fmts = Formats(wb)
        _actions(wb.add_worksheet(ACTIONS), view, fmts)
        _returns(wb.add_worksheet(RETURNS), view, fmts)
        _priorities(wb.add_worksheet(PRIORITIES), view, fmts)
    return Path(path)


def _actions(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    headers = ("Action ID", "Priority", "Action", "Lead partner", *(f"Q{q.quarter} status" for q in view.quarters),
               "Year-end status")
    widths = (9, 24, 60, 24, 12, 12, 12, 12, 14)
    table_sheet(ws, headers, widths, len(view.actions), fmts, _title(view))
    for r, ya in enumerate(view.actions, start=1):
        values = (ya.action.id, ya.priority, ya.action.text, ya.lead.name, *ya.quarters, ya.year_end)
        for c, value in enumerate(values):
            write_text(ws, r, c, value, fmts.text if c < 4 else fmts.plain)
        ws.set_row(r, row_height(zip((ya.priority, ya.action.text, ya.lead.name), (24, 60, 24), strict=True)))
    colour_statuses(ws, 1, max(len(view.actions), 1), range(4, len(headers)), fmts)


def _returns(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    headers = ("Partner ID", "Partner", *(f"Q{q.quarter}" for q in view.quarters), "On time")
    table_sheet(ws, headers, (16, 40, 14, 14, 14, 14, 9), len(view.returns), fmts, _title(view))
    for r, yr in enumerate(view.returns, start=1):
        for c, value in enumerate((yr.partner.id, yr.partner.name, *yr.quarters)):
            write_text(ws, r, c, value, fmts.text if c < 2 else fmts.plain)
        ws.set_row(r, row_height([(yr.partner.id, 16), (yr.partner.name, 40)]))
        write_number(ws, r, len(headers) - 1, yr.on_time, fmts.int)


def _priorities(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    table_sheet(ws, PRIORITY_HEADERS, (40, 11, 11, 11, 11, 11, 11, 11, 13), len(view.plan.priorities), fmts,
                _title(view))
    groups = view.by_priority()
    for r, (name, actions) in enumerate(groups, start=1):
        write_text(ws, r, 0, name, fmts.text)
        ws.set_row(r, row_height([(name, 40)]))
        counts = [len(actions), *(sum(a.year_end == s for a in actions) for s in _COUNTED),
                  sum(not a.year_end for a in actions)]
        for c, n in enumerate(counts, start=1):
            write_number(ws, r, c, n, fmts.int)
        good = sum(a.year_end in ("Completed", "On track") for a in actions)
        write_number(ws, r, len(PRIORITY_HEADERS) - 1, good / len(actions) if actions else 0, fmts.percent)


#: The year-end statuses the Priorities sheet counts, in its order.
_COUNTED: tuple[str, ...] = PRIORITY_HEADERS[2:7]
