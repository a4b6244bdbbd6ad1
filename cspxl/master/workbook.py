"""The master monitoring workbook for the partnership meeting: dashboard, actions, returns, problems, history.

Written with XlsxWriter, atomically.  Everything a partner typed goes through ``write_text``, so
``=HYPERLINK(...)`` in a progress update stays text in the master.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..measures import measure_colours
from ..periods import Period
from ..progress import Progress
from ..screening import kinds_found
from ..spreadsheets.landing import as_of_keywords
from ..spreadsheets.write import (
    CELL_LIMIT,
    Formats,
    checked,
    colour_words,
    row_height,
    table_sheet,
    workbook,
    write_across,
    write_date,
    write_number,
    write_text,
)
from ..status import status_colours
from ..workspace import Workspace, safe_name
from .asof import as_of_for
from .dashboard import DASHBOARD, write_dashboard
from .recommendations import RECOMMENDATIONS, write_recommendations
from .view import RETURN_STATUSES, ActionState, Monitoring, period_view, redacted

if TYPE_CHECKING:
    from collections.abc import Callable

    from xlsxwriter.worksheet import Worksheet

    Said = Callable[[str], None]

ACTIONS, RETURNS, PROBLEMS, HISTORY, CRIME = "Actions", "Returns", "Problems", "History", "Crime context"
MEASURES = "Measures"
CRIME_HEADERS: tuple[str, ...] = ("Crime type", "Priority", "This quarter", "Same quarter last year", "Change",
                                  "Last 12 months", "12 months before", "12-month change")

ACTION_HEADERS: tuple[str, ...] = (
    "Action ID", "Priority", "Action", "Lead partner", "Supporting partners", "Target date", "Revised target date",
    "Status", "% complete", "Date completed", "Progress update", "Supporting partners' updates", "Overdue",
    "Days overdue", "No update", "Needs correction", "Support needed", "Stale update", "Personal data",
    "Previous status", "Movement", "Target date changes",
)
RETURN_HEADERS: tuple[str, ...] = (
    "Partner ID", "Partner", "Return status", "Due date", "Sent on", "Last reminder", "Reminders", "Received on",
    "Days late", "Latest received", "Files received", "Rows needing correction", "Problems",
)
MEASURE_HEADERS: tuple[str, ...] = (
    "Measure ID", "Priority", "Measure", "Owner", "Unit", "Better when", "Baseline", "Target", "Target period",
    "Value", "Year to date", "Previous value", "Same period last year", "Change", "RAG", "Trend", "Judged by",
    "Comment", "Personal data",
)
PROBLEM_HEADERS: tuple[str, ...] = (
    "Partner", "File", "Sheet", "Cell", "Action ID", "Severity", "Code", "Problem", "How to fix", "Personal data",
)



def print_title(view: Monitoring) -> str:
    """What each printed page's header says: the partnership and the quarter (and the sheet, beside it)."""
    copy = " · circulation copy" if view.redacted else ""
    return f"{view.plan.settings.short_name} · {view.period.label}{copy}"


def master_file_name(short_name: str, period: Period, redact: bool = False) -> str:
    return f"{safe_name(short_name)}_{period}_master{'_circulation' if redact else ''}.xlsx"


def consolidate(workspace: Workspace, period: Period, as_of: date | None = None, out: Path | None = None,
                progress: Progress | None = None, redact: bool = False, say: Said | None = None) -> Path:
    """Write the master monitoring workbook for ``period`` as of ``as_of`` (default: the day it was closed
    on, or the day its round settled, or today; see :func:`~cspxl.master.asof.as_of_for`); return its path.

    ``redact`` writes the circulation copy instead: every piece of personal data found in partners'
    text replaced by a placeholder naming its kind, and nothing else changed.  ``progress(done,
    total)`` is called as each step (reading the register, then each sheet) is done.  A different
    workbook already at the path is kept beside it, and ``say`` told so.
    """
    steps = _STEPS + 1
    view = period_view(workspace, period, as_of_for(workspace, period, as_of))
    if redact:
        view = redacted(view)
    if progress:
        progress(1, steps)
    path = Path(out) if out else workspace.master_dir / master_file_name(view.plan.settings.short_name, period,
                                                                          redact)
    return write_master(view, path, (lambda done, _: progress(done + 1, steps)) if progress else None, say)


#: The sheets written, each a step of the progress reported.
_STEPS = 5


def write_master(view: Monitoring, path: Path, progress: Progress | None = None, say: Said | None = None) -> Path:
    """Write a :class:`Monitoring` view as the master workbook at ``path`` (a different one already there
    is kept beside it, and ``say`` told so)."""
    s = view.plan.settings
    # constant_memory: each row goes to disk as the next begins, so a national master stays small.
    # The plan version is for the coordinator, not the meeting: in the file's properties, not on a page.
    with workbook(path, title=f"{s.partnership}: monitoring {view.period}", author=s.coordinator_name,
                  comments=f"Plan version {view.plan.version}", options={"constant_memory": True},
                  keywords=as_of_keywords(view.as_of), keep=True, said=say) as wb:
        fmts = Formats(wb)
        dash = wb.add_worksheet(DASHBOARD)
        sheets = [(wb.add_worksheet(name), write) for name, write in
                  ((ACTIONS, _actions), (RETURNS, _returns), (PROBLEMS, _problems), (HISTORY, _history))]
        for done, (ws, write) in enumerate(sheets, start=1):
            write(ws, view, fmts)
            if progress:
                progress(done, _STEPS)
        if view.measures:
            _measures(wb.add_worksheet(MEASURES), view, fmts)
        if view.recommendations:
            write_recommendations(wb.add_worksheet(RECOMMENDATIONS), view, fmts, print_title(view))
        if view.crime is not None:
            _crime(wb.add_worksheet(CRIME), view, fmts)
        write_dashboard(wb, dash, view, fmts, print_title(view))
        dash.activate()
    if progress:
        progress(_STEPS, _STEPS)  # the Dashboard, and the file put together
    return Path(path)


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _supporting_text(state: ActionState) -> str:
    """Each supporting partner's update on its own line; shortened, with a note, if a cell cannot hold it."""
    lines = []
    for s in state.supporting:
        a = s.answer
        if a is None:
            lines.append(f"{s.partner.name}: no update")
        elif a.needs_correction:
            lines.append(f"{s.partner.name}: needs correction")
        else:
            lines.append(f"{s.partner.name} ({a.status or 'no status'}): {a.progress}".rstrip(": "))
    text = "\n".join(lines)
    if len(text) > CELL_LIMIT:
        note = " … [shortened: the full updates are in the register]"
        text = text[: CELL_LIMIT - len(note)] + note
    return text


def _actions(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    widths = (9, 24, 48, 20, 24, 12, 12, 12, 10, 12, 50, 50, 9, 9, 9, 11, 9, 9, 16, 12, 10, 10)
    table_sheet(ws, ACTION_HEADERS, widths, len(view.actions), fmts, print_title(view))
    for r, st in enumerate(view.actions, start=1):
        a, ans = st.action, st.answer
        supporting = "; ".join(sp.partner.name for sp in st.supporting)
        others = _supporting_text(st)
        texts = (st.priority, a.text, st.lead.name, supporting, ans.progress if ans else "", others)
        ws.set_row(r, row_height(zip(texts, (widths[i] for i in (1, 2, 3, 4, 10, 11)), strict=True)))
        for c, v in enumerate((a.id, st.priority, a.text, st.lead.name, supporting)):
            write_text(ws, r, c, v, fmts.text)
        write_date(ws, r, 5, a.target_date, fmts.date)
        write_date(ws, r, 6, ans.revised_target if ans else None, fmts.date)
        write_text(ws, r, 7, st.status, fmts.plain)
        write_number(ws, r, 8, st.percent, fmts.int)
        write_date(ws, r, 9, st.date_completed, fmts.date)
        write_text(ws, r, 10, ans.progress if ans else "", fmts.text)
        write_text(ws, r, 11, others, fmts.text)
        write_text(ws, r, 12, _yes_no(st.overdue), fmts.plain)
        write_number(ws, r, 13, st.days_overdue, fmts.int)
        for c, flag in enumerate((st.no_update, st.needs_correction, st.support_needed, st.stale), start=14):
            write_text(ws, r, c, _yes_no(flag), fmts.plain)
        write_text(ws, r, 18, st.personal, fmts.text)
        write_text(ws, r, 19, st.previous_status, fmts.plain)
        write_text(ws, r, 20, st.movement, fmts.plain)
        write_number(ws, r, 21, st.target_changes, fmts.int)
    last = max(len(view.actions), 1)
    colour_words(ws, 1, last, (7, 19), status_colours(fmts.colour))
    for col in range(12, 18):
        checked(ws.conditional_format(1, col, last, col, {"type": "cell", "criteria": "==", "value": '"Yes"',
                                                          "format": fmts.red if col == 12 else fmts.amber}), "flags")
    checked(ws.conditional_format(1, 18, last, 18, {"type": "no_blanks", "format": fmts.amber}), "personal data")


def _returns(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    widths = (12, 26, 13, 11, 11, 11, 9, 11, 7, 11, 9, 11, 8)  # one A4 page wide at the print scale
    table_sheet(ws, RETURN_HEADERS, widths, len(view.returns), fmts, print_title(view))
    for r, st in enumerate(view.returns, start=1):
        ws.set_row(r, row_height([(st.partner.id, widths[0]), (st.partner.name, widths[1])]))
        write_text(ws, r, 0, st.partner.id, fmts.text)
        write_text(ws, r, 1, st.partner.name, fmts.text)
        write_text(ws, r, 2, st.status, fmts.plain)
        write_date(ws, r, 3, st.due, fmts.date)
        write_date(ws, r, 4, st.sent_on.date() if st.sent_on else None, fmts.date)
        write_date(ws, r, 5, st.last_reminder.date() if st.last_reminder else None, fmts.date)
        write_number(ws, r, 6, st.reminders, fmts.int)
        write_date(ws, r, 7, st.first_received.date() if st.first_received else None, fmts.date)
        write_number(ws, r, 8, st.days_late, fmts.int)
        write_date(ws, r, 9, st.last_received.date() if st.last_received else None, fmts.date)
        write_number(ws, r, 10, st.files, fmts.int)
        write_number(ws, r, 11, st.rows_needing_correction, fmts.int)
        write_number(ws, r, 12, len(st.problems), fmts.int)
    last = max(len(view.returns), 1)
    for word, fmt in zip(RETURN_STATUSES, (fmts.green, fmts.amber, fmts.red, fmts.grey), strict=True):
        checked(ws.conditional_format(1, 2, last, 2, {"type": "cell", "criteria": "==", "value": f'"{word}"',
                                                      "format": fmt}), "return status colours")


def _problems(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    widths = (14, 22, 8, 6, 8, 8, 15, 32, 24, 10)  # one A4 page wide at the print scale
    table_sheet(ws, PROBLEM_HEADERS, widths, len(view.problems), fmts, print_title(view))
    named = view.problems_personal or ("",) * len(view.problems)
    for r, ((partner, p), personal) in enumerate(zip(view.problems, named, strict=True), start=1):
        values = (partner.name, p.file, p.sheet, p.cell, p.action, p.severity.value, p.code, p.message, p.fix,
                  personal)
        ws.set_row(r, row_height(zip(values, widths, strict=True)))
        for c, v in enumerate(values):
            write_text(ws, r, c, v, fmts.text)
    if not view.problems:
        write_text(ws, 1, 0, "No open problems.", fmts.plain)
    else:
        checked(ws.conditional_format(1, 9, len(view.problems), 9, {"type": "no_blanks", "format": fmts.amber}),
                "personal data")


def _history(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    headers = ("Action ID", "Priority", "Action", "Lead partner", *(f"Q{p.quarter} status" for p in view.history_periods))
    widths = (9, 24, 48, 20, *(12 for _ in view.history_periods))
    table_sheet(ws, headers, widths, len(view.actions), fmts, print_title(view))
    for r, st in enumerate(view.actions, start=1):
        ws.set_row(r, row_height(zip((st.priority, st.action.text, st.lead.name), widths[1:4], strict=True)))
        for c, v in enumerate((st.action.id, st.priority, st.action.text, st.lead.name,
                               *view.history[st.action.id])):
            write_text(ws, r, c, v, fmts.text if c < 4 else fmts.plain)
    colour_words(ws, 1, max(len(view.actions), 1), range(4, len(headers)), status_colours(fmts.colour))


def _measures(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    """Each success measure's figure this quarter beside last quarter's and last year's, judged: RAG
    against its target (a year's target on the year to date), trend against the same quarter last year,
    and the rule each was judged by."""
    widths = (9, 24, 44, 22, 8, 9, 9, 9, 9, 9, 9, 9, 10, 9, 8, 11, 36, 38, 14)  # two A4 pages across
    table_sheet(ws, MEASURE_HEADERS, widths, len(view.measures), fmts, print_title(view))
    for r, st in enumerate(view.measures, start=1):
        m = st.measure
        ws.set_row(r, row_height(zip((st.priority, m.text, st.owner.name, st.rule, st.comment),
                                     (*widths[1:4], widths[16], widths[17]), strict=True)))
        for c, text in enumerate((m.id, st.priority, m.text, st.owner.name, m.unit, m.better)):
            write_text(ws, r, c, text, fmts.text)
        write_number(ws, r, 6, m.baseline, fmts.plain)
        write_number(ws, r, 7, m.target, fmts.plain)
        write_text(ws, r, 8, m.target_period, fmts.plain)
        for c, number in enumerate((st.value, st.year_to_date, st.previous, st.last_year), start=9):
            write_number(ws, r, c, number, fmts.plain)
        write_number(ws, r, 13, st.change, fmts.percent)
        write_text(ws, r, 14, st.rag, fmts.plain)
        write_text(ws, r, 15, st.trend, fmts.plain)
        write_text(ws, r, 16, st.rule, fmts.text)
        write_text(ws, r, 17, st.comment, fmts.text)
        write_text(ws, r, 18, kinds_found(st.personal), fmts.text)
    colour_words(ws, 1, len(view.measures), (14, 15), measure_colours(fmts.colour))
    checked(ws.conditional_format(1, 18, max(len(view.measures), 1), 18, {"type": "no_blanks", "format": fmts.amber}),
            "personal data")
    write_across(ws, len(view.measures) + 2, RAG_RULE, widths, fmts.text)


#: How the Measures sheet (and the meeting paper) judge a figure, in a sentence.
RAG_RULE = ("RAG: Green when the figure meets its target (at or below it when lower is better, at or above it when "
            "higher is better); Amber when it misses by no more than the tolerance (5% of the target unless the plan "
            "says otherwise); Red beyond; Grey for a measure only monitored, with no figure, or with its figure sent "
            "back for correction. A year's target (Target period Year) judges a count on the year to date, the "
            "quarters' figures added up, against the target pro rata to the quarters elapsed (half of it at Q2), "
            "and a percentage or a rate on its latest figure; Judged by says how each was judged. Trend compares "
            "the figure with the same quarter last year: Steady within the tolerance.")


def _crime(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    """Police.uk's counts for the area, each crime type beside the priority it informs, and what they leave out."""
    from ..crime.imports import month_text

    context = view.crime
    assert context is not None
    widths = (30, 36, 10, 12, 9, 10, 10, 10)
    table_sheet(ws, CRIME_HEADERS, widths, len(context.rows), fmts, print_title(view))
    for r, row in enumerate(context.rows, start=1):
        write_text(ws, r, 0, row.crime_type, fmts.text)
        write_text(ws, r, 1, row.priority, fmts.text)
        ws.set_row(r, row_height([(row.priority, 36)]))
        for c, value in ((2, row.quarter), (3, row.last_year), (5, row.twelve_months), (6, row.twelve_before)):
            if value is not None:
                write_number(ws, r, c, value, fmts.int)
        for c, now, before in ((4, row.quarter, row.last_year), (7, row.twelve_months, row.twelve_before)):
            if now is not None and before:
                write_number(ws, r, c, (now - before) / before, fmts.percent)
    if not context.latest:  # nothing imported yet: one sentence, and how to import
        notes = [f"No crime figures from police.uk have been imported for {context.area} yet, so none is shown. "
                 "Download the area's street-level crime files from data.police.uk and run 'cspxl crime import' "
                 "on the zip file (see 'Crime figures from police.uk' in cspxl's guide)."]
    else:
        notes = [f"Crime recorded by the police in {context.area}, from police.uk open data, to "
                 f"{month_text(context.latest)}: indicative, with approximate locations, and each month published "
                 "some weeks after it ends."]
    if context.missing and context.latest:
        notes.append("Months not imported, so not counted (their windows are left blank): "
                     + ", ".join(month_text(m) for m in context.missing) + ".")
    for n, note in enumerate(notes, start=len(context.rows) + 2):
        write_across(ws, n, note, widths, fmts.text)
