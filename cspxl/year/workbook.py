"""The year's workbook: each action's status quarter by quarter, each partner's returns, each priority,
and each success measure's figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..measures import SENT_BACK, measure_colours
from ..periods import FinancialYear
from ..spreadsheets.landing import as_of_keywords
from ..spreadsheets.write import (
    Formats,
    colour_words,
    row_height,
    table_sheet,
    workbook,
    write_number,
    write_text,
)
from ..status import NEED_UPDATE, NO_UPDATE, ON_SCHEDULE, Status, status_colours
from ..workspace import Workspace, safe_name
from .view import YearView, year_view

if TYPE_CHECKING:
    from collections.abc import Callable

    from xlsxwriter.worksheet import Worksheet

    from ..recommendations.tracking import RecommendationYear

ACTIONS, RETURNS, PRIORITIES, MEASURES = "Actions", "Returns", "Priorities", "Measures"
RECOMMENDATIONS = "Recommendations"
#: What the Priorities sheet counts of each priority's actions at the year's end, after the priority.
#: The year's statuses by priority: those on schedule, those that needed an update saying why, then the rest.
PRIORITY_HEADERS: tuple[str, ...] = ("Priority", "Actions in the plan", *ON_SCHEDULE, *NEED_UPDATE, Status.NOT_STARTED,
                                     NO_UPDATE, "Withdrawn", "Completed or on track")


def _title(view: YearView) -> str:
    """Each printed page's header: the partnership and the year."""
    return f"{view.plan.settings.short_name} · the year {view.year}"


def year_file_name(short_name: str, year: str) -> str:
    return f"{safe_name(short_name)}_{year}_year.xlsx"


def consolidate_year(workspace: Workspace, year: FinancialYear, as_of: date | None = None, out: Path | None = None,
                     say: Callable[[str], None] | None = None) -> Path:
    """Write the workbook of the financial year starting in ``year`` as of ``as_of`` (default today); a
    different one already at the path is kept beside it, and ``say`` told so."""
    view = year_view(workspace, year, as_of)
    path = Path(out) if out else workspace.master_dir / year_file_name(view.plan.settings.short_name, view.year)
    return write_year(view, path, say)


def write_year(view: YearView, path: Path, say: Callable[[str], None] | None = None) -> Path:
    """Write a :class:`YearView` as the year's workbook at ``path``."""
    s = view.plan.settings
    with workbook(path, title=f"{s.partnership}: the year {view.year}", author=s.coordinator_name,
                  keywords=as_of_keywords(view.as_of), keep=True, said=say) as wb:
        fmts = Formats(wb)
        _actions(wb.add_worksheet(ACTIONS), view, fmts)
        _returns(wb.add_worksheet(RETURNS), view, fmts)
        _priorities(wb.add_worksheet(PRIORITIES), view, fmts)
        if view.measures:
            _measures(wb.add_worksheet(MEASURES), view, fmts)
        if view.recommendations is not None:
            _recommendations(wb.add_worksheet(RECOMMENDATIONS), view.recommendations, view, fmts)
    return Path(path)


def _recommendations(ws: Worksheet, counts: RecommendationYear, view: YearView, fmts: Formats) -> None:
    """The recommendations of reviews over the year, counted: made, implemented, signed off, open at its end."""
    rows = counts.rows()
    table_sheet(ws, ("Recommendations from reviews", "Number"), (44, 14), len(rows), fmts, _title(view))
    for r, (label, value) in enumerate(rows, start=1):
        write_text(ws, r, 0, label, fmts.text)
        if value is None:
            write_text(ws, r, 1, "none implemented", fmts.plain)
        else:
            write_number(ws, r, 1, value, fmts.plain)


def _actions(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    headers = ("Action ID", "Priority", "Action", "Lead partner", *(f"Q{q.quarter} status" for q in view.quarters),
               "Year-end status", "Last in the plan")
    widths = (9, 24, 60, 24, 12, 12, 12, 12, 14, 10)
    table_sheet(ws, headers, widths, len(view.actions), fmts, _title(view))
    for r, ya in enumerate(view.actions, start=1):
        values = (ya.action.id, ya.priority, ya.action.text, ya.lead.name, *ya.quarters, ya.year_end, ya.last_in_plan)
        for c, value in enumerate(values):
            write_text(ws, r, c, value, fmts.text if c < 4 else fmts.plain)
        ws.set_row(r, row_height(zip((ya.priority, ya.action.text, ya.lead.name), (24, 60, 24), strict=True)))
    colour_words(ws, 1, max(len(view.actions), 1), range(4, len(headers) - 1), status_colours(fmts.colour))


def _returns(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    headers = ("Partner ID", "Partner", *(f"Q{q.quarter}" for q in view.quarters), "On time")
    table_sheet(ws, headers, (16, 40, 14, 14, 14, 14, 9), len(view.returns), fmts, _title(view))
    for r, yr in enumerate(view.returns, start=1):
        for c, value in enumerate((yr.partner.id, yr.partner.name, *yr.quarters)):
            write_text(ws, r, c, value, fmts.text if c < 2 else fmts.plain)
        ws.set_row(r, row_height([(yr.partner.id, 16), (yr.partner.name, 40)]))
        write_number(ws, r, len(headers) - 1, yr.on_time, fmts.int)


def _priorities(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    """Each priority's actions in the plan at the year's end, by status, and those withdrawn (counted apart)."""
    groups = view.by_priority()
    table_sheet(ws, PRIORITY_HEADERS, (40, 11, 11, 11, 11, 11, 11, 11, 11, 13), len(groups), fmts, _title(view))
    for r, (name, actions) in enumerate(groups, start=1):
        write_text(ws, r, 0, name, fmts.text)
        ws.set_row(r, row_height([(name, 40)]))
        counts = [len(actions), *(sum(a.year_end == s for a in actions) for s in _COUNTED),
                  sum(not a.year_end for a in actions), sum(a.priority == name for a in view.withdrawn)]
        for c, n in enumerate(counts, start=1):
            write_number(ws, r, c, n, fmts.int)
        good = sum(a.year_end in ON_SCHEDULE for a in actions)
        write_number(ws, r, len(PRIORITY_HEADERS) - 1, good / len(actions) if actions else 0, fmts.percent)


def _measures(ws: Worksheet, view: YearView, fmts: Formats) -> None:
    """Each success measure's figure quarter by quarter, its RAG in each, its year to date and how it was judged."""
    quarters = [f"Q{q.quarter}" for q in view.quarters]
    headers = ("Measure ID", "Priority", "Measure", "Owner", "Better when", "Target", "Target period", *quarters,
               "Year to date", *(f"{q} RAG" for q in quarters), "Judged by")
    widths = (9, 24, 44, 22, 9, 9, 9, *(9,) * len(quarters), 9, *(9,) * len(quarters), 44)
    table_sheet(ws, headers, widths, len(view.measures), fmts, _title(view))
    first_value, first_rag = 7, 8 + len(quarters)
    for r, ym in enumerate(view.measures, start=1):
        m = ym.measure
        ws.set_row(r, row_height(zip((ym.priority, m.text, ym.owner.name, ym.rule), (*widths[1:4], widths[-1]),
                                     strict=True)))
        for c, text in enumerate((m.id, ym.priority, m.text, ym.owner.name, m.better)):
            write_text(ws, r, c, text, fmts.text)
        write_number(ws, r, 5, m.target, fmts.plain)
        write_text(ws, r, 6, m.target_period, fmts.plain)
        for c, (value, sent_back) in enumerate(zip(ym.values, ym.sent_back or (False,) * len(quarters),
                                                   strict=True), start=first_value):
            if sent_back:
                write_text(ws, r, c, SENT_BACK, fmts.text)
            else:
                write_number(ws, r, c, value, fmts.plain)
        write_number(ws, r, first_value + len(quarters), ym.year_to_date, fmts.plain)
        for c, rag in enumerate(ym.rags, start=first_rag):
            write_text(ws, r, c, rag, fmts.plain)
        write_text(ws, r, first_rag + len(quarters), ym.rule, fmts.text)
    colour_words(ws, 1, len(view.measures), range(first_rag, first_rag + len(quarters)),
                 measure_colours(fmts.colour))


#: The year-end statuses the Priorities sheet counts, in its order.
_COUNTED: tuple[str, ...] = PRIORITY_HEADERS[2:7]
