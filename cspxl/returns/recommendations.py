"""The Recommendations sheet of a return: a partner's update on each open recommendation of a review it owns or
supports.

Each row shows the recommendation (its ID, source, text, due date and what was last reported), locked, and asks
for its ``Status``, ``Evidence``, ``Date implemented`` and ``Reason not accepted``.  One implemented or not
accepted and awaiting the board's sign-off comes pre-filled with what was reported, so nothing more is asked.
Rows are read back by Recommendation ID, each problem at its cell, as the Measures sheet's are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..cells import a1, clean_text, parse_date, preview
from ..identity import Identity
from ..periods import Period
from ..plan import Partner, Plan, Recommendation
from ..problems import Report
from ..recommendations.tracking import NO_UPDATE, REC_STATUSES, RecommendationState
from ..recommendations.tracking import RECOMMENDATIONS_SHEET as RECOMMENDATIONS_SHEET  # the return's sheet, named here
from ..register import RecommendationUpdate
from ..screening import Screener, redact
from ..spreadsheets import Book, Cell, CellValue, Sheet
from ..spreadsheets.write import Formats, checked, print_setup, row_height, write_date, write_note, write_text, write_value
from .by_id import RowsById
from .figures import FigureNotes
from .layout import HEADER_ROW, TITLE_COLUMN
from .rows import described, free_text, table_inputs

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

REC_ID, STATUS, EVIDENCE, DATE_IMPLEMENTED, REASON = (
    "Recommendation ID", "Status", "Evidence", "Date implemented", "Reason not accepted")
LAST_STATUS = "Last status"

#: What a locked column of the Recommendations sheet shows.
Shows = Literal["id", "source", "text", "role", "due", "last_status", "last_evidence"]


@dataclass(frozen=True)
class RecColumn:
    """One column of the Recommendations sheet: locked (``shows`` something) or an input."""

    header: str
    width: float
    shows: Shows | None = None
    help: str = ""


REC_COLUMNS: tuple[RecColumn, ...] = (
    RecColumn(REC_ID, 15, "id"),
    RecColumn("Source", 18, "source"),
    RecColumn("Recommendation", 44, "text"),
    RecColumn("Your role", 10, "role"),
    RecColumn("Due date", 11, "due"),
    RecColumn(LAST_STATUS, 12, "last_status"),
    RecColumn("Last evidence", 32, "last_evidence"),
    RecColumn(STATUS, 13, help="Pick one: Not started, In progress, Implemented or Not accepted."),
    RecColumn(EVIDENCE, 44, help="What was done, and what shows it: required when Implemented. No names of people."),
    RecColumn(DATE_IMPLEMENTED, 12, help="When Implemented: the day, within this quarter, e.g. 30/09/2024."),
    RecColumn(REASON, 30, help="When Not accepted: why. The board decides on this reason."),
)
REC_HEADERS: tuple[str, ...] = tuple(c.header for c in REC_COLUMNS)
REC_INPUTS: tuple[str, ...] = tuple(c.header for c in REC_COLUMNS if c.shows is None)
#: The locked columns: what the tamper check compares with the return as issued.
REC_CONTEXT: tuple[str, ...] = tuple(c.header for c in REC_COLUMNS if c.shows is not None)


@dataclass(frozen=True)
class RecommendationRows:
    """What a partner's return asks of it about recommendations: each open one it owns or supports with its role,
    where each stood when the return was written, and what its inputs are issued with."""

    rows: Sequence[tuple[Recommendation, str]]
    last: Mapping[str, RecommendationState]
    prefill: Mapping[str, Mapping[str, CellValue]]


def recommendation_rows(plan: Plan, partner_id: str, states: Sequence[RecommendationState],
                        prefill: Mapping[str, Mapping[str, CellValue]] | None = None) -> RecommendationRows:
    """A partner's rows of the Recommendations sheet from where every recommendation stands (``states``); pre-filled
    with ``prefill`` (a return for correction) or else with what awaits the board's sign-off."""
    closed = frozenset(s.recommendation.id for s in states if s.closed)
    return RecommendationRows(rows=open_for(plan, partner_id, closed), last={s.recommendation.id: s for s in states},
                              prefill=awaiting_prefill(states, partner_id) if prefill is None else prefill)


def open_for(plan: Plan, partner_id: str, closed: frozenset[str]) -> list[tuple[Recommendation, str]]:
    """The open recommendations a partner owns or supports, in plan order, with its role (Owner or Supporting)."""
    return [(r, "Owner" if r.owner == partner_id else "Supporting") for r in plan.recommendations
            if r.id not in closed and (r.owner == partner_id or partner_id in r.supporting)]


def awaiting_prefill(states: Sequence[RecommendationState], partner_id: str) -> dict[str, dict[str, CellValue]]:
    """The inputs of each recommendation the partner owns that awaits the board's sign-off, filled with what was
    reported: nothing more is asked until the board decides; choosing another status reports a change."""
    return {s.recommendation.id: {STATUS: s.status, EVIDENCE: s.evidence, DATE_IMPLEMENTED: s.date_implemented,
                                  REASON: s.reason}
            for s in states if s.awaiting_signoff and s.recommendation.owner == partner_id}


def write_recommendations_sheet(ws: Worksheet, partner: Partner, rows: Sequence[tuple[Recommendation, str]],
                                last: Mapping[str, RecommendationState], fmts: Formats, titles: tuple[str, str, str],
                                prefill: Mapping[str, Mapping[str, CellValue]], marked: FigureNotes | None) -> None:
    """The Recommendations sheet: ``last`` is where each stood when the return was written; ``titles`` are the
    sheet's title, the line under it and each printed page's header."""
    h = HEADER_ROW - 1
    last_row = h + max(len(rows), 1)
    write_text(ws, 0, TITLE_COLUMN, titles[0], fmts.title)
    write_text(ws, 1, TITLE_COLUMN, titles[1], fmts.subtitle)
    for c, col in enumerate(REC_COLUMNS):
        write_text(ws, h, c, col.header, fmts.header if col.shows else fmts.input_header)
        ws.set_column(c, c, col.width)
    ws.set_row(h, 30)
    for i, (rec, role) in enumerate(rows):
        r = h + 1 + i
        state = last.get(rec.id)
        shown: dict[Shows, str] = {
            "id": rec.id, "source": rec.source, "text": rec.text, "role": role,
            "last_status": last_status(state), "last_evidence": last_evidence(state, role)}
        for c, col in enumerate(REC_COLUMNS):
            if col.shows == "due":
                write_date(ws, r, c, rec.due, fmts.locked_date)
            elif col.shows is not None:
                write_text(ws, r, c, shown[col.shows], fmts.locked)
            else:
                fmt = fmts.input_date if col.header == DATE_IMPLEMENTED else (
                    fmts.input if col.header == STATUS else fmts.input_wrap)
                note = marked.notes.get((rec.id, col.header)) if marked else None
                if marked and note:
                    fmt = fmts.flagged(fmt) if (rec.id, col.header) in marked.flagged else fmt
                    write_note(ws, r, c, note)
                write_value(ws, r, c, prefill.get(rec.id, {}).get(col.header), fmt)
        ws.set_row(r, row_height([(rec.text, REC_COLUMNS[2].width), (shown["last_evidence"], REC_COLUMNS[6].width)],
                                 min_lines=4))
    first = h + 1
    rules: dict[str, dict[str, object]] = {
        STATUS: {"validate": "list", "source": list(REC_STATUSES), "error_title": "Pick a status",
                 "error_message": "Choose Not started, In progress, Implemented or Not accepted."},
        DATE_IMPLEMENTED: {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
                           "maximum": date(2100, 12, 31), "error_title": "Not a date",
                           "error_message": "Enter a date such as 30/09/2024."},
        EVIDENCE: {"validate": "length", "criteria": "<=", "value": 32767, "error_title": "Too long",
                   "error_message": "A cell holds at most 32,767 characters."},
        REASON: {"validate": "length", "criteria": "<=", "value": 32767, "error_title": "Too long",
                 "error_message": "A cell holds at most 32,767 characters."},
    }
    for c, col in enumerate(REC_COLUMNS):
        if col.shows is None and rows:
            checked(ws.data_validation(first, c, last_row, c, rules[col.header] | {
                "input_title": col.header[:32], "input_message": col.help, "error_type": "stop"}),
                f"{col.header} validation")
    ws.freeze_panes(HEADER_ROW, 1)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                    "format_columns": True, "format_rows": True})
    print_setup(ws, titles[2], repeat=(h, h), widths=[col.width for col in REC_COLUMNS],
                starts=[REC_HEADERS.index(STATUS)])
    ws.print_area(0, 0, last_row, len(REC_COLUMNS) - 1)


def last_evidence(state: RecommendationState | None, role: str) -> str:
    """The owner's last evidence as the locked column shows it: to a supporting partner, another organisation,
    with the personal data found in it replaced."""
    if state is None:
        return ""
    if role != "Owner" and state.update is not None and state.update.personal:
        return redact(state.evidence, state.update.personal)
    return state.evidence


def last_status(state: RecommendationState | None) -> str:
    """What the locked Last status column shows: the status, and the day one was implemented (which the partner
    may give again, though it lies before the quarter)."""
    if state is None or state.status == NO_UPDATE:
        return ""
    if state.status == "Implemented" and state.date_implemented is not None:
        return f"Implemented on {state.date_implemented:%d/%m/%Y}"
    return state.status


def recommendations_titles(plan: Plan, partner: Partner, due: str, print_title: str) -> tuple[str, str, str]:
    """The Recommendations sheet's title, the line under it, and its printed pages' header."""
    return (f"{partner.name}: recommendations from reviews",
            "For each recommendation give its status and what shows it (Evidence); when Implemented, the date; "
            f"when Not accepted, why. Return this file by {due}.", print_title)


class RecommendationReader(RowsById[RecommendationUpdate]):
    """Reads a returned Recommendations sheet's rows by Recommendation ID into updates, each problem at its cell.

    ``prefilled`` is what the return was issued with in its inputs, and ``last`` what its Last status column showed:
    a date implemented it showed there was accepted before, so it may lie before the quarter.  ``made`` is the day
    each recommendation was made: none is implemented before it.
    """

    sheet_title, headers, context, id_header, required, kind = (
        RECOMMENDATIONS_SHEET, REC_HEADERS, REC_CONTEXT, REC_ID, STATUS, "recommendation")

    def __init__(self, file: str, issued: Sequence[str], period: Period, report: Report, screener: Screener,
                 prefilled: Mapping[str, Mapping[str, CellValue]], last: Mapping[str, str] | None = None,
                 made: Mapping[str, date] | None = None) -> None:
        super().__init__(file, issued, report, screener, prefilled)
        self.period, self.last, self.made = period, last or {}, made or {}

    def nothing_asked(self, identity: Identity) -> bool:
        """Whether the return asked nothing: no action, no measure, and only recommendations issued filled in as
        reported, awaiting the board.  Sent back untouched, it is the partner's answer, not a blank return."""
        return (not identity.actions and not identity.measures and bool(identity.recommendations)
                and all(clean_text(self.prefilled.get(r, {}).get(STATUS)) for r in identity.recommendations))

    def read_row(self, sheet: Sheet, r: int, rec: str, cols: dict[str, int]) -> RecommendationUpdate:
        at = {h: (a1(r, cols[h]), sheet.get(r, cols[h])) if h in cols else ("", Cell(None)) for h in REC_INPUTS}
        issued = self.prefilled.get(rec, {})
        self.typed = self.typed or any(clean_text(c.value) and clean_text(c.value) != clean_text(issued.get(h))
                                       for h, (_, c) in at.items())
        if not any(clean_text(c.value) for _, c in at.values()):
            self.add("recommendation-blank", at[STATUS][0], rec)
            return RecommendationUpdate(recommendation_id=rec, row=r)
        where, c = at[STATUS]
        status = _status(c.value)
        if not clean_text(c.value):
            self.add("recommendation-status-blank", where, rec)
        elif status is None:
            self.add("recommendation-status-unknown", where, rec, value=preview(clean_text(c.value)))
        evidence = free_text(self.add, at[EVIDENCE][0], rec, EVIDENCE, at[EVIDENCE][1].value)
        reason = free_text(self.add, at[REASON][0], rec, REASON, at[REASON][1].value)
        found = {EVIDENCE: tuple(self.screener(evidence)), REASON: tuple(self.screener(reason))}
        for header, text in ((EVIDENCE, evidence), (REASON, reason)):
            for f in found[header]:
                self.add("personal-data", at[header][0], rec, **described(
                    text, f, header, kept="it is kept as typed, and the master marks the recommendation"))
        done = self._date(at[DATE_IMPLEMENTED], rec)
        if status == "Implemented":
            if not evidence:
                self.add("recommendation-evidence-required", at[EVIDENCE][0], rec)
            if not clean_text(at[DATE_IMPLEMENTED][1].value):
                self.add("recommendation-date-required", at[DATE_IMPLEMENTED][0], rec)
        if status == "Not accepted" and not reason:
            self.add("recommendation-reason-required", at[REASON][0], rec)
        return RecommendationUpdate(recommendation_id=rec, row=r, status=status, evidence=evidence,
                                    date_implemented=done, reason=reason, personal=found[EVIDENCE],
                                    reason_personal=found[REASON])

    def _date(self, place: tuple[str, Cell], rec: str) -> date | None:
        where, c = place
        if not clean_text(c.value):
            return None
        day = parse_date(c.value)
        made = self.made.get(rec)
        if day is None:
            self.add("date-invalid", where, rec, value=preview(clean_text(c.value)))
        elif made is not None and day < made:
            self.add("recommendation-date-before-made", where, rec, value=f"{day:%d/%m/%Y}", made=f"{made:%d/%m/%Y}")
        elif not self.period.start <= day <= self.period.end and f"{day:%d/%m/%Y}" not in self.last.get(rec, ""):
            self.add("recommendation-date-outside", where, rec, value=f"{day:%d/%m/%Y}", period=self.period.label,
                     first=f"{self.period.start:%d/%m/%Y}", last=f"{self.period.end:%d/%m/%Y}")
        return day


def _status(value: object) -> str | None:
    """A status as typed, matched without regard to case or spacing; ``None`` when it is none of them."""
    typed = " ".join(clean_text(value).split()).casefold()
    return next((s for s in REC_STATUSES if s.casefold() == typed), None)


def last_statuses_of(book: Book | None) -> dict[str, str]:
    """What each recommendation's locked Last status showed on a return's Recommendations sheet (as issued)."""
    if book is None:
        return {}
    rows = table_inputs(book, RECOMMENDATIONS_SHEET, REC_HEADERS, (LAST_STATUS,))[0]
    return {rec: clean_text(values.get(LAST_STATUS)) for rec, values in rows.items()}


def recommendation_inputs_of(book: Book) -> tuple[dict[str, dict[str, CellValue]], dict[int, str]]:
    """The input values of each recommendation's row on a workbook's Recommendations sheet, and each column's header."""
    return table_inputs(book, RECOMMENDATIONS_SHEET, REC_HEADERS, REC_INPUTS)
