"""Writing the partner return workbook, column by column from the layout's table.

One plain .xlsx per partner (no macros, no links).  Context is locked; the six input columns are
unlocked and validated; dropdown lists live on a hidden sheet behind defined names; the identity
sits on a very hidden sheet, signed with the workspace key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..cells import YES_NO
from ..identity import IDENTITY_MARK, IDENTITY_SHEET, MARK_CELL, PAYLOAD_CELL, SIGNATURE_CELL, Identity, sign
from ..periods import Period
from ..plan import Action, Measure, Partner, Plan, Role
from ..problems import Problem
from ..spreadsheets import CellValue
from ..spreadsheets.write import (
    Formats,
    Written,
    cells_written,
    checked,
    colour_words,
    print_setup,
    recording_worksheet,
    row_height,
    workbook,
    write_date,
    write_note,
    write_text,
    write_value,
)
from ..status import MEANINGS, STATUSES, status_colours
from .figures import MEASURES_SHEET, FigureNotes, measures_titles, write_measures_sheet
from .layout import (
    ACTION_ID,
    COLUMNS,
    HEADER_OF,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    PROBLEMS_SHEET,
    RETURN_SHEET,
    TITLE_COLUMN,
    position,
)
from .recommendations import (
    RECOMMENDATIONS_SHEET,
    RecommendationRows,
    recommendations_titles,
    write_recommendations_sheet,
)

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

@dataclass(frozen=True)
class Corrections:
    """What was wrong with a partner's return, marked on the copy sent back to them."""

    #: (action or measure ID, input header) -> every problem found on that cell, a line each (shown as
    #: its comment).  The Return and Measures sheets' inputs have different headers, so an action and a
    #: measure of the same ID never meet.
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


@dataclass(frozen=True)
class ReturnContent:
    """What one partner's return holds beyond the plan: built once, by
    :func:`~cspxl.returns.issue.return_content`, for a round's returns and a single one alike."""

    partner_id: str
    #: 1 for the first return issued for the period, then 2, 3…; and the day it is issued (default today).
    issue: int = 1
    issued: date | None = None
    #: Last quarter's accepted answers, shown beside each action.
    previous: Mapping[str, PreviousUpdate] = field(default_factory=dict)
    #: What the input cells are filled with: action ID -> input header -> value.
    answers: Mapping[str, Mapping[str, CellValue]] = field(default_factory=dict)
    #: Last quarter's figure of each measure the partner supplies, and what the Measures sheet's inputs hold.
    previous_figures: Mapping[str, float] = field(default_factory=dict)
    figures: Mapping[str, Mapping[str, CellValue]] = field(default_factory=dict)
    #: The open recommendations of reviews it owns or supports, for a Recommendations sheet.
    recommendations: RecommendationRows | None = None
    #: For a return sent back for correction: its problem cells, each noted, and a Problems sheet.
    corrections: Corrections | None = None


def write_return(plan: Plan, period: Period, content: ReturnContent, key: bytes, workspace_id: str,
                 path: Path) -> tuple[Identity, Written]:
    """Write ``content``'s partner's return for the period at ``path``; the identity it carries, and every cell
    written on each sheet (for the register to keep, so what comes back is compared with what went out)."""
    partner = plan.partner(content.partner_id)
    if partner is None:
        raise KeyError(content.partner_id)
    rows = plan.actions_for(partner.id)
    measures = plan.measures_for(partner.id)
    recommendations, corrections = content.recommendations, content.corrections
    recs = recommendations.rows if recommendations is not None else []
    identity = Identity(
        workspace=workspace_id, partner=partner.id, period=str(period), plan_version=plan.version,
        actions=tuple(a.id for a, _ in rows), issued=content.issued or date.today(), issue=content.issue,
        measures=tuple(m.id for m in measures), recommendations=tuple(r.id for r, _ in recs),
    )
    title = f"{plan.settings.short_name} quarterly return {period}: {partner.name}"
    # In memory: a return is small, and writing each part to a temporary file first doubles the time.
    with workbook(path, title=title, author=plan.settings.coordinator_name, options={"in_memory": True}) as wb:
        wb.worksheet_class = recording_worksheet()  # every sheet keeps what is written on it
        fmts = Formats(wb)
        _instructions(wb.add_worksheet(INSTRUCTIONS_SHEET), plan, partner, period, fmts, bool(recs))
        ws = wb.add_worksheet(RETURN_SHEET)
        _return_sheet(ws, plan, partner, period, rows, content.previous, fmts, corrections, content.answers)
        _further_sheets(wb, plan, partner, period, fmts, corrections,
                        (measures, content.previous_figures, content.figures), recommendations)
        if corrections is not None:
            write_problems_sheet(wb.add_worksheet(PROBLEMS_SHEET), corrections, fmts, _print_title(plan, partner, period))
        _lists(wb, fmts)
        write_identity(wb, identity, key)
        ws.activate()
        written = cells_written(wb)
    return identity, written


def _further_sheets(wb: Workbook, plan: Plan, partner: Partner, period: Period, fmts: Formats,
                    corrections: Corrections | None,
                    measures: tuple[Sequence[Measure], Mapping[str, float], Mapping[str, Mapping[str, CellValue]]],
                    recommendations: RecommendationRows | None) -> None:
    """The Measures sheet (``measures``: those the partner supplies, last quarter's figures and the pre-filled ones)
    and the Recommendations sheet, for a partner that has them to fill."""
    due = corrections.due if corrections else period.due(plan.settings.return_due_days)
    marked = FigureNotes(corrections.notes, corrections.flagged) if corrections else None
    print_title = _print_title(plan, partner, period)
    if measures[0]:
        titles = measures_titles(plan, partner, f"{due.day} {due:%B %Y}", print_title)
        write_measures_sheet(wb.add_worksheet(MEASURES_SHEET), plan, partner, measures[0], measures[1], fmts, titles,
                             measures[2], marked)
    if recommendations is not None and recommendations.rows:
        titles = recommendations_titles(plan, partner, f"{due.day} {due:%B %Y}", print_title)
        write_recommendations_sheet(wb.add_worksheet(RECOMMENDATIONS_SHEET), partner, recommendations.rows,
                                    recommendations.last, fmts, titles, recommendations.prefill, marked)


def _instructions(ws: Worksheet, plan: Plan, partner: Partner, period: Period, fmts: Formats, recs: bool) -> None:
    s = plan.settings
    due = period.due(s.return_due_days)
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
    steps = [
        "Go to the Return sheet. It lists every action your organisation leads or supports.",
        "Fill in the white columns only (Status to Support needed); the grey columns are locked.",
        "Status: pick from the dropdown. % complete: how far the action has got, from 0 to 100 (50 and 50% both "
        "mean half done).",
        "Dates: day first, e.g. 31/12/2023 or 31 December 2023. Give a Date completed for every Completed action.",
        "Progress update: what was done this quarter; required when At risk or Off track.",
        "Support needed: Yes if the partnership's help is needed, and say what in the progress update.",
        *(["Then go to the Measures sheet: give this quarter's figure for each measure in Value (a number; a "
           "percentage from 0 to 100), and say in Comment what lies behind anything unusual."]
          if plan.measures_for(partner.id) else []),
        *(["Then go to the Recommendations sheet: for each recommendation of a review, pick its Status; when "
           "Implemented, say what shows it in Evidence and give the Date implemented; when Not accepted, give the "
           "Reason. Leave out the names of people."] if recs else []),
        "Do not add, delete or rename rows or sheets. You may rename the file.",
        f"Save the file and e-mail it to {s.coordinator_email} by the due date.",
    ]
    row = write_instructions(ws, f"{s.partnership}: quarterly monitoring return", facts, steps, fmts)
    row += 2
    write_text(ws, row, 0, "What each status means", fmts.bold)
    rag = status_colours(fmts.colour)
    for word, meaning in MEANINGS.items():
        row += 1
        write_text(ws, row, 0, word, rag.get(word, fmts.plain))
        write_text(ws, row, 1, meaning.text, fmts.text)
    ws.protect("", {"select_locked_cells": True})
    print_setup(ws, _print_title(plan, partner, period))


def _return_sheet(
    ws: Worksheet, plan: Plan, partner: Partner, period: Period, rows: list[tuple[Action, Role]],
    previous: Mapping[str, PreviousUpdate], fmts: Formats, corrections: Corrections | None,
    answers: Mapping[str, Mapping[str, CellValue]],
) -> None:
    s = plan.settings
    due = period.due(s.return_due_days)
    h = HEADER_ROW - 1  # 0-based for XlsxWriter
    # The title and the line under it start beside the Action ID column, which prints on every page.
    write_text(ws, 0, TITLE_COLUMN, f"{s.partnership}: {partner.name}, {period.label}", fmts.title)
    if corrections is None:
        write_text(ws, 1, TITLE_COLUMN, f"Fill in the white columns (Status to Support needed) and return this file by "
                             f"{due.day} {due:%B %Y} to {s.coordinator_email}.", fmts.subtitle)
    else:
        back = corrections.due
        write_text(ws, 1, TITLE_COLUMN, "Sent back for correction: your answers are filled in; please fix the cells in red "
                             f"(see the Problems sheet) and return this file to {s.coordinator_email} by "
                             f"{back:%A} {back.day} {back:%B %Y}.", fmts.subtitle)
    for c, col in enumerate(COLUMNS):
        write_text(ws, h, c, col.header, fmts.input_header if col.editable else fmts.header)
        ws.set_column(c, c, col.width)
    ws.set_row(h, max(30.0, row_height((col.header, col.width - 1) for col in COLUMNS)))
    first, last = h + 1, h + max(len(rows), 1)
    for i, (a, role) in enumerate(rows):
        r = h + 1 + i
        shown = _shown(plan, a, role, previous.get(a.id))
        for c, col in enumerate(COLUMNS):
            fmt = getattr(fmts, col.style)
            if col.shows == "target_date":
                write_date(ws, r, c, a.target_date, fmt)
            elif col.shows is not None:
                write_text(ws, r, c, shown[col.shows], fmt)
            else:
                note = corrections.notes.get((a.id, col.header)) if corrections else None
                if corrections and note:
                    if (a.id, col.header) in corrections.flagged:
                        fmt = fmts.flagged(fmt)
                    write_note(ws, r, c, note)
                write_value(ws, r, c, answers.get(a.id, {}).get(col.header), fmt)
        # Room for the context to show in full and for a few lines of update to be typed.
        texts = [(shown[col.shows], col.width) for col in COLUMNS if col.shows and col.style == "locked"]
        ws.set_row(r, row_height(texts, min_lines=4))
    _validations(ws, first, last)
    colour_words(ws, first, last, (position("status"), position("previous_status")), status_colours(fmts.colour))
    ws.freeze_panes(HEADER_ROW, 1)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                    "format_columns": True, "format_rows": True})
    # Printed in two parts, the ID on each: what the action is, then last quarter's answers and the inputs.
    print_setup(ws, _print_title(plan, partner, period), repeat=(h, h), widths=[col.width for col in COLUMNS],
                starts=[position("previous_status")])
    ws.print_area(0, 0, last, len(COLUMNS) - 1)


def write_instructions(ws: Worksheet, title: str, facts: list[tuple[str, str]], steps: list[str],
                       fmts: Formats) -> int:
    """An Instructions sheet's title, its facts (label and value) and its steps "How to fill it in"; the row
    of the last step.  A quarter's return and an assessment's data return share it."""
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 90, fmts.text)
    write_text(ws, 0, 0, title, fmts.title)
    row = 2
    for label, value in facts:
        write_text(ws, row, 0, label, fmts.bold)
        write_text(ws, row, 1, value, fmts.text)
        ws.set_row(row, row_height([(value, 90)]))  # LibreOffice grows no row to fit its wrapped text
        row += 1
    row += 1
    write_text(ws, row, 0, "How to fill it in", fmts.bold)
    for step in steps:
        row += 1
        write_text(ws, row, 1, step, fmts.text)
        ws.set_row(row, row_height([(step, 90)]))
    return row


def write_problems_sheet(ws: Worksheet, corrections: Corrections, fmts: Formats, title: str,
                         row_id: str = ACTION_ID) -> None:
    """The Problems sheet of a return sent back for correction: every problem, where it is and how to fix it."""
    headers, widths = ("Cell", row_id, "Severity", "Problem", "How to fix"), (14, 10, 10, 68, 58)  # Indicators!G4 fits
    for c, (header, width) in enumerate(zip(headers, widths, strict=True)):
        write_text(ws, 0, c, header, fmts.header)
        ws.set_column(c, c, width)
    for r, p in enumerate(corrections.problems, start=1):
        for c, value in enumerate((p.where, p.action, p.severity.value, p.message, p.fix)):
            write_text(ws, r, c, value, fmts.text)
        ws.set_row(r, row_height(zip((p.message, p.fix), widths[3:], strict=True)))
    ws.freeze_panes(1, 0)
    ws.protect("", {"select_locked_cells": True})
    print_setup(ws, title, repeat=(0, 0), widths=widths)


def _print_title(plan: Plan, partner: Partner, period: Period) -> str:
    """Each printed page's header: whose return, for which quarter (the sheet's name beside it)."""
    return f"{plan.settings.short_name} · {partner.name} · {period.label}"


def _shown(plan: Plan, action: Action, role: Role, previous: PreviousUpdate | None) -> dict[str, str]:
    """What each locked text column shows for an action (see :data:`~cspxl.returns.layout.Shows`)."""
    priority = plan.priority(action.priority_id)
    lead = plan.partner(action.lead)
    return {"action_id": action.id, "priority": priority.name if priority else action.priority_id,
            "action": action.text, "success_measure": action.success_measure,
            "lead": lead.name if lead else action.lead, "role": role,
            "previous_status": previous.status if previous else "",
            "previous_update": previous.progress if previous else ""}


def _validations(ws: Worksheet, first: int, last: int) -> None:
    for c, col in enumerate(COLUMNS):
        if col.editable:
            options = col.rule | {"input_title": col.header[:32], "input_message": col.help, "error_type": "stop"}
            checked(ws.data_validation(first, c, last, c, options), f"{col.header} validation")


def _lists(wb: Workbook, fmts: Formats) -> None:
    """Dropdown sources on a hidden sheet behind names, so lists of any length work."""
    ws = wb.add_worksheet(LISTS_SHEET)
    write_text(ws, 0, 0, HEADER_OF["status"], fmts.bold)
    write_text(ws, 0, 1, HEADER_OF["support_needed"], fmts.bold)
    for r, word in enumerate(STATUSES, start=1):
        write_text(ws, r, 0, word)
    for r, answer in enumerate(YES_NO, start=1):
        write_text(ws, r, 1, answer)
    wb.define_name("StatusList", f"={LISTS_SHEET}!$A$2:$A${len(STATUSES) + 1}")
    wb.define_name("YesNoList", f"={LISTS_SHEET}!$B$2:$B${len(YES_NO) + 1}")
    ws.protect("")
    ws.hide()


def write_identity(wb: Workbook, identity: Identity, key: bytes) -> None:
    """The signed identity on its very hidden sheet."""
    ws = wb.add_worksheet(IDENTITY_SHEET)
    payload = identity.payload()
    write_text(ws, *MARK_CELL, IDENTITY_MARK)
    write_text(ws, *PAYLOAD_CELL, payload)
    write_text(ws, *SIGNATURE_CELL, sign(payload, key))
    ws.protect("")
    ws.very_hidden()
