"""The partner return workbook: its columns, which cells a partner may edit, and how it is written.

One plain .xlsx per partner (no macros, no links).  Context is locked; the six input columns are
unlocked and validated; dropdown lists live on a hidden sheet behind defined names; the identity
sits on a very hidden sheet, signed with the workspace key.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cells import STATUSES, YES_NO
from ..errors import UsageError
from ..identity import IDENTITY_MARK, IDENTITY_SHEET, MARK_CELL, PAYLOAD_CELL, SIGNATURE_CELL, Identity, sign
from ..periods import Period
from ..plan import Action, Partner, Plan, Role, load_plan
from ..problems import Problem
from ..progress import Progress
from ..register.store import Register, cells_to_json
from ..spreadsheets.parallel import pmap
from ..spreadsheets.read import CellValue
from ..spreadsheets.write import (
    Formats,
    Written,
    cells_written,
    checked,
    colour_statuses,
    recording_worksheet,
    row_height,
    workbook,
    write_date,
    write_number,
    write_text,
)
from ..workspace import Workspace

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

RETURN_SHEET = "Return"
PROBLEMS_SHEET = "Problems"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
#: 1-based row of the header on the Return sheet; answers start on the next row.
HEADER_ROW = 3


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    editable: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("Action ID", 9),
    Column("Priority", 22),
    Column("Action", 48),
    Column("Success measure", 34),
    Column("Lead partner", 20),
    Column("Role", 9),
    Column("Target date", 12),
    Column("Previous status", 12),
    Column("Previous update", 34),
    Column("Status", 13, True, "Pick one: Not started, On track, At risk, Off track or Completed."),
    Column("% complete", 10, True, "How far the action has got, from 0 to 100: 50 and 50% both mean half done."),
    Column("Date completed", 13, True, "Only when the status is Completed, e.g. 31/12/2023."),
    Column("Revised target date", 13, True, "Only if the target date has moved, e.g. 31/03/2024."),
    Column("Progress update", 50, True, "What was done this quarter. Required when At risk or Off track."),
    Column("Support needed", 10, True, "Yes if the partnership's help is needed; say what in the update."),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
INPUT_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if c.editable)

STATUS_MEANINGS: tuple[tuple[str, str], ...] = (
    ("Not started", "Work has not begun yet (and was not due to)."),
    ("On track", "Progressing as planned; expected to meet the target date."),
    ("At risk", "Behind or facing obstacles; the target date may be missed. Say why in the update."),
    ("Off track", "Will miss the target date without intervention. Say why and what help is needed."),
    ("Completed", "Finished. Give the date completed."),
)


@dataclass(frozen=True)
class Corrections:
    """What was wrong with a partner's return, marked on the copy sent back to them."""

    #: (action ID, input header) -> every problem found on that cell, a line each (shown as its comment).
    notes: Mapping[tuple[str, str], str]
    #: The cells among them with an error: shown in red.
    flagged: frozenset[tuple[str, str]]
    #: Every problem, for the Problems sheet.
    problems: Sequence[Problem]
    #: The day the corrected return is due back.
    due: date


@dataclass(frozen=True)
class PreviousUpdate:
    """A partner's accepted answer for an action last quarter, carried forward into this return."""

    status: str
    progress: str


def return_file_name(plan: Plan, partner: Partner, period: Period) -> str:
    """``Sevenoaks-CSP_2023-24-Q1_Kent-Police.xlsx``: safe on every filesystem, readable by people."""
    return f"{safe_name(plan.settings.short_name)}_{period}_{safe_name(partner.name)}.xlsx"


def return_file_names(plan: Plan, period: Period) -> dict[str, str]:
    """Every partner's return file name; partners whose names would clash get their ID added."""
    names = {p.id: return_file_name(plan, p, period) for p in plan.partners}
    counts = Counter(n.casefold() for n in names.values())
    clashes = {n for n, times in counts.items() if times > 1}
    return {pid: (f"{n[:-5]}_{safe_name(pid)}.xlsx" if n.casefold() in clashes else n) for pid, n in names.items()}


def safe_name(text: str, limit: int = 60) -> str:
    """Letters, digits and hyphens only (``&`` becomes ``and``, apostrophes vanish)."""
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "partner"


def write_return(
    plan: Plan,
    partner_id: str,
    period: Period,
    key: bytes,
    workspace_id: str,
    path: Path,
    previous: Mapping[str, PreviousUpdate] | None = None,
    issued: date | None = None,
    issue: int = 1,
    corrections: Corrections | None = None,
    answers: Mapping[str, Mapping[str, CellValue]] | None = None,
    written: Written | None = None,
) -> Identity:
    """Write the return for one partner and period at ``path``; give back the identity it carries.

    ``answers`` pre-fills the input cells (action ID -> input header -> value).  With
    ``corrections`` it is a return sent back for correction: the problem cells highlighted with a
    comment each, and a Problems sheet listing them all.  ``written``, if given, is filled with
    every cell written on each sheet, for the register to keep.
    """
    partner = plan.partner(partner_id)
    if partner is None:
        raise KeyError(partner_id)
    rows = plan.actions_for(partner_id)
    identity = Identity(
        workspace=workspace_id, partner=partner.id, period=str(period), plan_version=plan.version,
        actions=tuple(a.id for a, _ in rows), issued=issued or date.today(), issue=issue,
    )
    title = f"{plan.settings.short_name} quarterly return {period}: {partner.name}"
    # In memory: a return is small, and writing each part to a temporary file first doubles the time.
    with workbook(path, title=title, author=plan.settings.coordinator_name, options={"in_memory": True}) as wb:
        wb.worksheet_class = recording_worksheet()  # every sheet keeps what is written on it
        fmts = Formats(wb)
        _instructions(wb.add_worksheet(INSTRUCTIONS_SHEET), plan, partner, period, fmts)
        ws = wb.add_worksheet(RETURN_SHEET)
        _return_sheet(ws, plan, partner, period, rows, previous or {}, fmts, corrections, answers or {})
        if corrections is not None:
            _problems_sheet(wb.add_worksheet(PROBLEMS_SHEET), corrections, fmts)
        _lists(wb, fmts)
        _identity(wb, identity, key)
        ws.activate()
        if written is not None:
            written.update(cells_written(wb))
    return identity


def _instructions(ws: Worksheet, plan: Plan, partner: Partner, period: Period, fmts: Formats) -> None:
    s = plan.settings
    due = period.due(s.return_due_days)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 90, fmts.text)
    write_text(ws, 0, 0, f"{s.partnership}: quarterly monitoring return", fmts.title)
    facts = [
        ("Partnership", s.partnership),
        ("Partner", partner.name),
        ("Period", period.label),
        ("Return due by", f"{due:%A} {due.day} {due:%B %Y}"),
        ("When returns are due", f"{s.return_due_days} days after the quarter ends; a due date on a weekend or a "
                                 "bank holiday moves to the next working day."),
        ("Coordinator", s.coordinator_name),
        ("Email", s.coordinator_email),
        ("Phone", s.coordinator_phone),
    ]
    row = 2
    for label, value in facts:
        write_text(ws, row, 0, label, fmts.bold)
        write_text(ws, row, 1, value, fmts.text)
        row += 1
    row += 1
    write_text(ws, row, 0, "How to fill it in", fmts.bold)
    steps = [
        "Go to the Return sheet. It lists every action your organisation leads or supports.",
        "Fill in the white columns only (Status to Support needed); the grey columns are locked.",
        "Status: pick from the dropdown. % complete: how far the action has got, from 0 to 100 (50 and 50% both "
        "mean half done).",
        "Dates: day first, e.g. 31/12/2023 or 31 December 2023. Give a Date completed for every Completed action.",
        "Progress update: what was done this quarter; required when At risk or Off track.",
        "Support needed: Yes if the partnership's help is needed, and say what in the progress update.",
        "Do not add, delete or rename rows or sheets. You may rename the file.",
        f"Save the file and e-mail it to {s.coordinator_email} by the due date.",
    ]
    for step in steps:
        row += 1
        write_text(ws, row, 1, step, fmts.text)
    row += 2
    write_text(ws, row, 0, "What each status means", fmts.bold)
    rag = fmts.rag()
    for word, meaning in STATUS_MEANINGS:
        row += 1
        write_text(ws, row, 0, word, rag.get(word, fmts.plain))
        write_text(ws, row, 1, meaning, fmts.text)
    ws.protect("", {"select_locked_cells": True})
    ws.set_landscape()
    ws.set_paper(9)  # A4: councils and partners print on it, not on US Letter
    ws.fit_to_pages(1, 0)


def _return_sheet(
    ws: Worksheet, plan: Plan, partner: Partner, period: Period, rows: list[tuple[Action, Role]],
    previous: Mapping[str, PreviousUpdate], fmts: Formats, corrections: Corrections | None,
    answers: Mapping[str, Mapping[str, CellValue]],
) -> None:
    s = plan.settings
    due = period.due(s.return_due_days)
    h = HEADER_ROW - 1  # 0-based for XlsxWriter
    write_text(ws, 0, 0, f"{s.partnership}: {partner.name}, {period.label}", fmts.title)
    if corrections is None:
        write_text(ws, 1, 0, f"Fill in the white columns (Status to Support needed) and return this file by "
                             f"{due.day} {due:%B %Y} to {s.coordinator_email}.", fmts.subtitle)
    else:
        back = corrections.due
        write_text(ws, 1, 0, "Sent back for correction: your answers are filled in; please fix the cells in red "
                             f"(see the Problems sheet) and return this file to {s.coordinator_email} by "
                             f"{back:%A} {back.day} {back:%B %Y}.", fmts.subtitle)
    for c, col in enumerate(COLUMNS):
        write_text(ws, h, c, col.header, fmts.input_header if col.editable else fmts.header)
        ws.set_column(c, c, col.width)
    ws.set_row(h, 30)
    first, last = h + 1, h + max(len(rows), 1)
    for i, (a, role) in enumerate(rows):
        r = h + 1 + i
        prev = previous.get(a.id)
        priority = plan.priority(a.priority_id)
        lead = plan.partner(a.lead)
        context = (a.id, priority.name if priority else a.priority_id, a.text, a.success_measure,
                   lead.name if lead else a.lead, role)
        for c, value in enumerate(context):
            write_text(ws, r, c, value, fmts.locked)
        write_date(ws, r, 6, a.target_date, fmts.locked_date)
        write_text(ws, r, 7, prev.status if prev else "", fmts.locked)
        write_text(ws, r, 8, prev.progress if prev else "", fmts.locked)
        for c, fmt in zip(range(9, 15), (fmts.input, fmts.input, fmts.input_date, fmts.input_date,
                                         fmts.input_wrap, fmts.input), strict=True):
            header = COLUMNS[c].header
            note = corrections.notes.get((a.id, header)) if corrections else None
            if corrections and note:
                if (a.id, header) in corrections.flagged:
                    fmt = fmts.flagged(fmt)
                _comment(ws, r, c, note)
            _write_input(ws, r, c, answers.get(a.id, {}).get(header), fmt)
        # Room for the context to show in full and for a few lines of update to be typed.
        texts = (*context, prev.progress if prev else "")
        widths = [COLUMNS[i].width for i in (0, 1, 2, 3, 4, 5, 8)]
        ws.set_row(r, row_height(zip(texts, widths, strict=True), min_lines=4))
    _validations(ws, first, last)
    colour_statuses(ws, first, last, (9, 7), fmts)
    ws.freeze_panes(HEADER_ROW, 1)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                    "format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(8)  # A3: fifteen columns are unreadable on A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(h)
    ws.print_area(0, 0, last, len(COLUMNS) - 1)
    ws.set_header(f"&L{_header_text(s.short_name)}&R{_header_text(partner.name)} {period}")
    ws.set_footer("&CPage &P of &N")


def _comment(ws: Worksheet, r: int, c: int, note: str) -> None:
    """A comment big enough to show every line of the note without opening it further."""
    # XlsxWriter's default comment is about 128 x 74 pixels: five lines of 40 characters at twice the width.
    lines = sum(max(1, math.ceil(len(line) / 40)) for line in note.split("\n"))
    checked(ws.write_comment(r, c, note, {"x_scale": 2, "y_scale": max(1.5, lines / 5 * 1.2)}), "comment")


def _write_input(ws: Worksheet, r: int, c: int, value: CellValue, fmt: Format) -> None:
    """An input cell, pre-filled with what a partner sent (dates as dates, numbers as numbers)."""
    if isinstance(value, date):
        write_date(ws, r, c, value, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        write_number(ws, r, c, value, fmt)
    else:
        write_text(ws, r, c, "" if value is None else value, fmt)


def _problems_sheet(ws: Worksheet, corrections: Corrections, fmts: Formats) -> None:
    headers, widths = ("Cell", "Action ID", "Severity", "Problem", "How to fix"), (10, 10, 10, 70, 60)
    for c, (header, width) in enumerate(zip(headers, widths, strict=True)):
        write_text(ws, 0, c, header, fmts.header)
        ws.set_column(c, c, width)
    for r, p in enumerate(corrections.problems, start=1):
        for c, value in enumerate((p.where, p.action, p.severity.value, p.message, p.fix)):
            write_text(ws, r, c, value, fmts.text)
        ws.set_row(r, row_height(zip((p.message, p.fix), widths[3:], strict=True)))
    ws.freeze_panes(1, 0)
    ws.protect("", {"select_locked_cells": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)  # every column on one page's width, as many pages down as it takes
    ws.repeat_rows(0)


def _header_text(text: str) -> str:
    """Excel header/footer text: ``&`` starts a control code, so it is doubled."""
    return text.replace("&", "&&")


def _validations(ws: Worksheet, first: int, last: int) -> None:
    col = {c.header: i for i, c in enumerate(COLUMNS)}
    rules: dict[str, dict[str, object]] = {
        "Status": {"validate": "list", "source": "=StatusList",
                   "error_title": "Pick a status", "error_message": "Choose a status from the dropdown list."},
        # General, not a whole-number format: typing 50% then gives the cell a percent format in Excel and
        # LibreOffice alike, so 0.5 read back is known to be 50%.  A decimal rule, since 50% is stored as 0.5.
        "% complete": {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
                       "error_title": "0 to 100", "error_message": "Enter a percentage from 0 to 100, e.g. 50 or 50%."},
        "Date completed": {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
                           "maximum": date(2100, 12, 31), "error_title": "Not a date",
                           "error_message": "Enter a date such as 31/12/2023."},
        "Revised target date": {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
                                "maximum": date(2100, 12, 31), "error_title": "Not a date",
                                "error_message": "Enter a date such as 31/03/2024."},
        "Progress update": {"validate": "length", "criteria": "<=", "value": 32767,
                            "error_title": "Too long", "error_message": "A cell holds at most 32,767 characters."},
        "Support needed": {"validate": "list", "source": "=YesNoList",
                           "error_title": "Yes or No", "error_message": "Choose Yes or No from the dropdown list."},
    }
    for c in COLUMNS:
        if not c.editable:
            continue
        options = rules[c.header] | {"input_title": c.header[:32], "input_message": c.help, "error_type": "stop"}
        checked(ws.data_validation(first, col[c.header], last, col[c.header], options), f"{c.header} validation")


def _lists(wb: Workbook, fmts: Formats) -> None:
    """Dropdown sources on a hidden sheet behind names, so lists of any length work."""
    ws = wb.add_worksheet(LISTS_SHEET)
    write_text(ws, 0, 0, "Status", fmts.bold)
    write_text(ws, 0, 1, "Support needed", fmts.bold)
    for r, word in enumerate(STATUSES, start=1):
        write_text(ws, r, 0, word)
    for r, word in enumerate(YES_NO, start=1):
        write_text(ws, r, 1, word)
    wb.define_name("StatusList", f"={LISTS_SHEET}!$A$2:$A${len(STATUSES) + 1}")
    wb.define_name("YesNoList", f"={LISTS_SHEET}!$B$2:$B${len(YES_NO) + 1}")
    ws.protect("")
    ws.hide()


def _identity(wb: Workbook, identity: Identity, key: bytes) -> None:
    ws = wb.add_worksheet(IDENTITY_SHEET)
    payload = identity.payload()
    write_text(ws, *MARK_CELL, IDENTITY_MARK)
    write_text(ws, *PAYLOAD_CELL, payload)
    write_text(ws, *SIGNATURE_CELL, sign(payload, key))
    ws.protect("")
    ws.very_hidden()


def generate(
    workspace: Workspace,
    period: Period,
    partners: Iterable[str] = (),
    out_dir: Path | None = None,
    on_file: Callable[[Path], None] | None = None,
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Write the period's returns (for every partner with actions, or only ``partners``).

    Returns the path of each return by partner ID.  ``progress(done, total)`` is called as each
    return is written.

    Each return carries forward the partner's accepted answers from the previous quarter.
    Refuses a plan with errors, a period outside the plan's year and an unknown partner.
    """
    plan = workspace.plan_for(period)
    chosen = chosen_partners(plan, list(partners))
    out = Path(out_dir) if out_dir else workspace.returns_dir(period)
    key, ws_id = workspace.key, workspace.id
    names = return_file_names(plan, period)
    paths: dict[str, Path] = {}
    today = date.today()
    with workspace.register() as register:
        jobs = [_Job(partner.id, out / names[partner.id], _previous(register, partner.id, period),
                     register.next_issue(str(period), partner.id)) for partner in chosen]
        # Writing is the slow part and needs nothing from the register: it goes to every core.
        # Each worker loads the plan from its cache rather than being sent it: for a national plan
        # that is faster than pickling it here, once for every worker.
        results = pmap(_write_job, jobs, _writer_init, (workspace.plan_path, plan.version, period, key, ws_id, today))
        for done, (job, (identity, cells)) in enumerate(zip(jobs, results, strict=True), start=1):
            register.record_issue(identity, job.path.read_bytes(), job.path.name, datetime.now(), cells)
            paths[job.partner_id] = job.path
            if on_file:
                on_file(job.path)
            if progress:
                progress(done, len(jobs))
    return paths


@dataclass(frozen=True)
class _Job:
    partner_id: str
    path: Path
    previous: dict[str, PreviousUpdate]
    issue: int


_writer: dict[str, Any] = {}


def _writer_init(plan_path: Path, version: str, period: Period, key: bytes, workspace_id: str, issued: date) -> None:
    _writer.update(plan_path=plan_path, version=version, period=period, key=key, workspace_id=workspace_id,
                   issued=issued, plan=None)


def _write_job(job: _Job) -> tuple[Identity, str]:
    """Write one return; its identity and its cells, encoded here in the worker for the register."""
    w = _writer
    plan: Plan | None = w["plan"]
    if plan is None:
        plan = w["plan"] = load_plan(w["plan_path"])
        if plan.version != w["version"]:
            raise UsageError("the plan workbook changed while the returns were being written; "
                             "run 'cspxl generate' again.")
    cells: Written = {}
    identity = write_return(plan, job.partner_id, w["period"], w["key"], w["workspace_id"], job.path, job.previous,
                            issued=w["issued"], issue=job.issue, written=cells)
    return identity, cells_to_json(cells)


def _previous(register: Register, partner_id: str, period: Period) -> dict[str, PreviousUpdate]:
    """A partner's accepted answers last quarter, carried forward into this quarter's return."""
    before = register.current_answers(str(period.previous()), partner_id)
    return {k: PreviousUpdate(status=a.status or "", progress=a.progress) for k, a in before.items() if a.accepted}


def issue_return(register: Register, plan: Plan, partner_id: str, period: Period, key: bytes, workspace_id: str,
                 path: Path, corrections: Corrections | None = None,
                 answers: Mapping[str, Mapping[str, CellValue]] | None = None) -> Identity:
    """Write a partner's return with the next issue number and keep a copy as issued.

    It carries forward the partner's accepted answers from the previous quarter.
    """
    cells: Written = {}
    identity = write_return(plan, partner_id, period, key, workspace_id, path, _previous(register, partner_id, period),
                            issue=register.next_issue(str(period), partner_id), corrections=corrections,
                            answers=answers, written=cells)
    register.record_issue(identity, path.read_bytes(), path.name, datetime.now(), cells_to_json(cells))
    return identity


def chosen_partners(plan: Plan, wanted: list[str]) -> list[Partner]:
    """The partners named (all with actions when none are), refusing an unknown one or one without actions."""
    with_actions = plan.partners_with_actions()
    if not wanted:
        return with_actions
    by_id = {p.id.casefold(): p for p in plan.partners}
    chosen = []
    for pid in wanted:
        partner = by_id.get(pid.casefold())
        if partner is None:
            known = ", ".join(p.id for p in plan.partners)
            raise UsageError(f"partner '{pid}' is not in the plan's Partners sheet; use one of: {known}.")
        if partner not in with_actions:
            raise UsageError(f"partner '{pid}' leads or supports no action, so it has no return.")
        chosen.append(partner)
    return chosen
