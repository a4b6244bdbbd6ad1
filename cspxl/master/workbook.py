"""The master monitoring workbook for the partnership meeting: dashboard, actions, returns, problems, history.

Written with XlsxWriter, atomically.  Everything a partner typed goes through ``write_text``, so
``=HYPERLINK(...)`` in a progress update stays text in the master.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..cells import STATUSES
from ..periods import Period
from ..progress import Progress
from ..spreadsheets.write import (
    CELL_LIMIT,
    Formats,
    checked,
    colour_statuses,
    row_height,
    table_sheet,
    workbook,
    write_date,
    write_number,
    write_text,
)
from ..workspace import Workspace, safe_name
from .view import RETURN_STATUSES, ActionState, Monitoring, period_view, redacted

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

DASHBOARD, ACTIONS, RETURNS, PROBLEMS, HISTORY = "Dashboard", "Actions", "Returns", "Problems", "History"

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
PROBLEM_HEADERS: tuple[str, ...] = (
    "Partner", "File", "Sheet", "Cell", "Action ID", "Severity", "Code", "Problem", "How to fix",
)
NO_UPDATE = "No update"


def master_file_name(short_name: str, period: Period, redact: bool = False) -> str:
    return f"{safe_name(short_name)}_{period}_master{'_circulation' if redact else ''}.xlsx"


def consolidate(workspace: Workspace, period: Period, as_of: date | None = None, out: Path | None = None,
                progress: Progress | None = None, redact: bool = False) -> Path:
    """Write the master monitoring workbook for ``period`` as of ``as_of`` (default today); return its path.

    ``redact`` writes the circulation copy instead: every piece of personal data found in partners'
    text replaced by a placeholder naming its kind, and nothing else changed.  ``progress(done,
    total)`` is called as each step (reading the register, then each sheet) is done.
    """
    steps = _STEPS + 1
    view = period_view(workspace, period, as_of)
    if redact:
        view = redacted(view)
    if progress:
        progress(1, steps)
    path = Path(out) if out else workspace.master_dir / master_file_name(view.plan.settings.short_name, period,
                                                                          redact)
    return write_master(view, path, (lambda done, _: progress(done + 1, steps)) if progress else None)


#: The sheets written, each a step of the progress reported.
_STEPS = 5


def write_master(view: Monitoring, path: Path, progress: Progress | None = None) -> Path:
    """Write a :class:`Monitoring` view as the master workbook at ``path``."""
    s = view.plan.settings
    # constant_memory: each row goes to disk as the next begins, so a national master stays small.
    with workbook(path, title=f"{s.partnership}: monitoring {view.period}", author=s.coordinator_name,
                  options={"constant_memory": True}) as wb:
        fmts = Formats(wb)
        dash = wb.add_worksheet(DASHBOARD)
        sheets = [(wb.add_worksheet(name), write) for name, write in
                  ((ACTIONS, _actions), (RETURNS, _returns), (PROBLEMS, _problems), (HISTORY, _history))]
        for done, (ws, write) in enumerate(sheets, start=1):
            write(ws, view, fmts)
            if progress:
                progress(done, _STEPS)
        _dashboard(wb, dash, view, fmts)
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
    table_sheet(ws, ACTION_HEADERS, widths, len(view.actions), fmts, paper=8)
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
    colour_statuses(ws, 1, last, (7, 19), fmts)
    for col in range(12, 18):
        checked(ws.conditional_format(1, col, last, col, {"type": "cell", "criteria": "==", "value": '"Yes"',
                                                          "format": fmts.red if col == 12 else fmts.amber}), "flags")
    checked(ws.conditional_format(1, 18, last, 18, {"type": "no_blanks", "format": fmts.amber}), "personal data")


def _returns(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    widths = (16, 40, 15, 12, 12, 12, 10, 12, 9, 12, 9, 12, 9)
    table_sheet(ws, RETURN_HEADERS, widths, len(view.returns), fmts)
    for r, st in enumerate(view.returns, start=1):
        write_text(ws, r, 0, st.partner.id, fmts.plain)
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
    widths = (28, 36, 10, 8, 9, 9, 22, 60, 50)
    table_sheet(ws, PROBLEM_HEADERS, widths, len(view.problems), fmts)
    for r, (partner, p) in enumerate(view.problems, start=1):
        values = (partner.name, p.file, p.sheet, p.cell, p.action, p.severity.value, p.code, p.message, p.fix)
        ws.set_row(r, row_height(zip(values, widths, strict=True)))
        for c, v in enumerate(values):
            write_text(ws, r, c, v, fmts.text)
    if not view.problems:
        write_text(ws, 1, 0, "No open problems.", fmts.plain)


def _history(ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    headers = ("Action ID", "Priority", "Action", "Lead partner", *(f"Q{p.quarter} status" for p in view.history_periods))
    widths = (9, 24, 48, 20, *(12 for _ in view.history_periods))
    table_sheet(ws, headers, widths, len(view.actions), fmts)
    for r, st in enumerate(view.actions, start=1):
        ws.set_row(r, row_height(zip((st.priority, st.action.text, st.lead.name), widths[1:4], strict=True)))
        for c, v in enumerate((st.action.id, st.priority, st.action.text, st.lead.name,
                               *view.history[st.action.id])):
            write_text(ws, r, c, v, fmts.text if c < 4 else fmts.plain)
    colour_statuses(ws, 1, max(len(view.actions), 1), range(4, len(headers)), fmts)


def _dashboard(wb: Workbook, ws: Worksheet, view: Monitoring, fmts: Formats) -> None:
    s = view.plan.settings
    ws.set_column(0, 0, 48)
    ws.set_column(1, 8, 11)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)
    write_text(ws, 0, 0, f"{s.partnership}: monitoring {view.period.label}", fmts.title)
    write_text(ws, 1, 0, f"As of {view.as_of:%d/%m/%Y}. Returns were due {view.due:%d/%m/%Y}. "
                         f"Plan version {view.plan.version}.", fmts.subtitle)
    returns = [
        ("Returns expected", len(view.returns)),
        ("Returns received", view.returns_with("Received") + view.returns_with("Received late")),
        ("Received on time", view.returns_with("Received")),
        ("Received late", view.returns_with("Received late")),
        ("Overdue", view.returns_with("Overdue")),
        ("Not yet due", view.returns_with("Not yet due")),
    ]
    acts = [
        ("Actions in the plan", len(view.actions)),
        ("Overdue actions", len(view.overdue_actions)),
        ("Actions with no update", sum(a.no_update for a in view.actions)),
        ("Actions needing correction", sum(a.needs_correction for a in view.actions)),
        ("Actions where support is needed", sum(a.support_needed for a in view.actions)),
        ("Stale updates (same as last quarter)", sum(a.stale for a in view.actions)),
        ("Updates with personal data", view.personal_updates),
    ]
    row = 3
    for title, block in (("Returns", returns), ("Actions", acts)):
        write_text(ws, row, 0, title, fmts.header)
        write_text(ws, row, 1, "Number", fmts.header)
        for label, n in block:
            row += 1
            write_text(ws, row, 0, label, fmts.plain)
            write_number(ws, row, 1, n, fmts.int)
        row += 2
    # One line, overflowing into the empty cells beside it on screen and on paper.
    write_text(ws, row, 0, _circulation_note(view), fmts.bold)
    _status_table(wb, ws, view, row + 3, fmts)


def _circulation_note(view: Monitoring) -> str:
    """What the Dashboard says about who may see this copy."""
    n = view.personal_updates
    if view.redacted:
        return ("Circulation copy: the personal data found in partners' updates has been replaced by placeholders "
                "such as [name removed]. Screening can miss some: read the updates before this copy circulates.")
    found = (f"{n} {'update' if n == 1 else 'updates'} from partners in this copy {'holds' if n == 1 else 'hold'} "
             "personal data (see the Personal data column on the Actions sheet). " if n else "")
    return (f"{found}This copy must not circulate beyond those entitled to see partners' updates in full; for a "
            "copy that can, run: cspxl consolidate " + str(view.period) + " --redact")


def _status_table(wb: Workbook, ws: Worksheet, view: Monitoring, top: int, fmts: Formats) -> None:
    columns = (*STATUSES, NO_UPDATE)
    write_text(ws, top - 1, 0, "Actions by status and priority", fmts.bold)
    write_text(ws, top, 0, "Priority", fmts.header)
    for c, word in enumerate((*columns, "Total"), start=1):
        write_text(ws, top, c, word, fmts.header)
    priorities = view.plan.priorities
    for r, pr in enumerate(priorities, start=top + 1):
        states = [a for a in view.actions if a.action.priority_id == pr.id]
        write_text(ws, r, 0, pr.name, fmts.text)
        ws.set_row(r, row_height([(pr.name, 48)]))
        for c, word in enumerate(columns, start=1):
            write_number(ws, r, c, sum((a.status or NO_UPDATE) == word for a in states), fmts.int)
        write_number(ws, r, len(columns) + 1, len(states), fmts.int)
    total = top + len(priorities) + 1
    write_text(ws, total, 0, "All priorities", fmts.bold)
    for c, word in enumerate(columns, start=1):
        write_number(ws, total, c, sum((a.status or NO_UPDATE) == word for a in view.actions), fmts.int)
    write_number(ws, total, len(columns) + 1, len(view.actions), fmts.int)

    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    colours = ("#A6A6A6", "#70AD47", "#FFC000", "#C00000", "#4472C4", "#D9D9D9")
    for c, colour in enumerate(colours, start=1):
        chart.add_series({
            "name": [DASHBOARD, top, c],
            "categories": [DASHBOARD, top + 1, 0, top + len(priorities), 0],
            "values": [DASHBOARD, top + 1, c, top + len(priorities), c],
            "fill": {"color": colour},
        })
    chart.set_title({"name": "Actions by status"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 900, "height": 380})
    ws.insert_chart(total + 2, 0, chart)
    _worse(ws, view, total + 23, fmts)


def _worse(ws: Worksheet, view: Monitoring, top: int, fmts: Formats) -> None:
    """The actions that got worse since last quarter, below the chart: what the meeting asks about first."""
    worse = view.worse
    write_text(ws, top, 0, f"Actions that got worse since last quarter: {len(worse) or 'none'}", fmts.bold)
    if not worse:
        return
    for c, header in enumerate(("Action", "Lead partner", "Last quarter", "Now")):
        write_text(ws, top + 1, c, header, fmts.header)
    for r, st in enumerate(worse, start=top + 2):
        write_text(ws, r, 0, f"{st.action.id}: {st.action.text}", fmts.text)
        write_text(ws, r, 1, st.lead.name, fmts.text)
        write_text(ws, r, 2, st.previous_status, fmts.plain)
        write_text(ws, r, 3, st.status, fmts.plain)
        ws.set_row(r, row_height([(f"{st.action.id}: {st.action.text}", 48), (st.lead.name, 11)]))
    colour_statuses(ws, top + 2, top + 1 + len(worse), (2, 3), fmts)
