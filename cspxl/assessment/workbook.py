"""The assessment's workbook: the Scoring sheet the workshop fills in, and the evidence beside it.

``Scoring`` lists each candidate priority (the plan's, locked, then empty rows for new ones) with a
cell per criterion to score 1 to 5 and its weighted total worked out as the workshop types; the year is
on it, so a file from another year is refused.  ``Crime``, ``Indicators`` and ``Delivery`` hold the
assessment's tables, and ``Ranking`` the ranking once the scores are in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..cells import column_letter
from ..periods import AssessmentRound
from ..plan.models import TOP_SCORE
from ..spreadsheets.printing import print_setup
from ..spreadsheets.write import Formats, checked, row_height, table_sheet, workbook, write_number, write_text
from .scoring import HEADER_ROW, NAME_HEADER, NEW_ROWS, SCORING_SHEET, YEAR_CELL, scoring_headers
from .view import Assessment

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet


def write_assessment_workbook(path: Path, a: Assessment, say: Callable[[str], None] | None = None) -> Path:
    """Write the assessment's workbook to ``path`` (atomically; a different one there is kept beside it)."""
    s = a.plan.settings
    title = f"{s.partnership}: {a.name}"
    with workbook(path, title=title, author=s.coordinator_name, keep=True, said=say) as wb:
        fmts = Formats(wb)
        _scoring(wb.add_worksheet(SCORING_SHEET), a, fmts, title)
        if a.ranked:
            _ranking(wb.add_worksheet("Ranking"), a, fmts, title)
        _crime(wb.add_worksheet("Crime"), a, fmts, title)
        _indicators(wb.add_worksheet("Indicators"), a, fmts, title)
        _delivery(wb.add_worksheet("Delivery"), a, fmts, title)
    return Path(path)


def _scoring(ws: Worksheet, a: Assessment, fmts: Formats, title: str) -> None:
    criteria = a.plan.criteria
    headers = scoring_headers(criteria)
    top = HEADER_ROW - 1  # 0-based row of the headers
    write_text(ws, 0, 0, f"{a.name}: scoring the candidate priorities", fmts.title)
    write_text(ws, YEAR_CELL[0] - 1, 0, "Assessment year", fmts.bold)
    write_text(ws, YEAR_CELL[0] - 1, YEAR_CELL[1] - 1, a.year, fmts.locked)
    write_text(ws, 2, 0, f"Score each candidate from 1 (low) to {TOP_SCORE} (high) on each criterion; add a new "
                         "candidate with an ID and a name in an empty row. The weighted score is each score times "
                         "its criterion's weight, added up.", fmts.subtitle)
    widths = [16.0 if c == 0 else 48.0 if header == NAME_HEADER else 14.0 for c, header in enumerate(headers)]
    for c, (header, width) in enumerate(zip(headers, widths, strict=True)):
        write_text(ws, top, c, header, fmts.header)
        ws.set_column(c, c, width)
    ws.set_row(0, 20)
    ws.set_row(top, row_height((h, w - 1) for h, w in zip(headers, widths, strict=True)))
    write_text(ws, top + 1, 0, "Weight", fmts.bold)
    write_text(ws, top + 1, 1, "what each criterion counts for", fmts.subtitle)
    for c, criterion in enumerate(criteria, start=2):
        write_number(ws, top + 1, c, criterion.weight, fmts.locked)
        if criterion.guide:
            ws.write_comment(top, c, criterion.guide)
    scored = {c.candidate.id: c.candidate for c in a.ranked}
    rows = [(p.id, p.name) for p in a.plan.priorities]
    rows += [(c.id, c.name) for c in scored.values() if c.id not in {p.id for p in a.plan.priorities}]
    first = top + 2
    for r, (pid, name) in enumerate([*rows, *[("", "")] * NEW_ROWS], start=first):
        new = not pid or r >= first + len(a.plan.priorities)
        write_text(ws, r, 0, pid, fmts.input if new else fmts.locked)
        write_text(ws, r, 1, name, fmts.input_wrap if new else fmts.locked)
        given = [scored[pid].scores.get(c.name) if pid in scored else None for c in criteria]
        for c, score in enumerate(given, start=2):
            write_number(ws, r, c, score, fmts.input) if score is not None else ws.write_blank(r, c, None, fmts.input)
        ws.set_row(r, row_height([(name, 48)]))
        # Excel's letters are 1-based, XlsxWriter's columns 0-based; the weights are in the row under the headers.
        terms = "+".join(f"{column_letter(c + 1)}{r + 1}*{column_letter(c + 1)}${top + 2}"
                         for c in range(2, 2 + len(criteria)))
        scores = f"{column_letter(3)}{r + 1}:{column_letter(2 + len(criteria))}{r + 1}"
        # Shown once every score of the row is in: a total of some scores would read as a low one.
        # Its value as well as the formula: LibreOffice shows what the file holds until it recalculates.
        total = round(sum(c.weight * g for c, g in zip(criteria, given, strict=True) if g is not None), 6)
        ws.write_formula(r, 2 + len(criteria), f'=IF(COUNT({scores})<{len(criteria)},"",{terms})', fmts.locked,
                         total if all(g is not None for g in given) else "")
    last = first + len(rows) + NEW_ROWS - 1
    checked(ws.data_validation(first, 2, last, 1 + len(criteria), {
        "validate": "integer", "criteria": "between", "minimum": 1, "maximum": TOP_SCORE,
        "error_title": "Not a score", "error_message": f"Type a whole number from 1 to {TOP_SCORE}."}),
        "validation on the scores")
    ws.freeze_panes(first, 2)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    print_setup(ws, title, repeat=(top, top + 1))


def _ranking(ws: Worksheet, a: Assessment, fmts: Formats, title: str) -> None:
    criteria = a.criteria
    last = {r.candidate.id: r.rank for r in a.last_ranked}
    headers = ("Rank", "Priority ID", "Candidate priority", *(c.name for c in criteria), "Weighted score",
               "Last year's rank", "Change")
    widths = (7, 11, 44, *(12 for _ in criteria), 10, 10, 14)
    table_sheet(ws, headers, widths, len(a.ranked), fmts, title)
    for r, ranked in enumerate(a.ranked, start=1):
        c = ranked.candidate
        write_number(ws, r, 0, ranked.rank, fmts.plain)
        write_text(ws, r, 1, c.id, fmts.text)
        write_text(ws, r, 2, c.name, fmts.text)
        ws.set_row(r, row_height([(c.name, 44)]))
        for k, criterion in enumerate(criteria, start=3):
            write_number(ws, r, k, c.scores[criterion.name], fmts.plain)
        write_number(ws, r, 3 + len(criteria), ranked.total, fmts.plain)
        before = last.get(c.id)
        write_number(ws, r, 4 + len(criteria), before, fmts.plain)
        write_text(ws, r, 5 + len(criteria), change_text(ranked.rank, before, bool(a.last_ranked)), fmts.text)


def change_text(rank: int, before: int | None, ranked_last_year: bool) -> str:
    """``Up 2``, ``Down 1``, ``Same``, ``New`` (not ranked last year), or '' with no ranking last year."""
    if not ranked_last_year:
        return ""
    if before is None:
        return "New"
    return "Same" if before == rank else f"Up {before - rank}" if rank < before else f"Down {rank - before}"


def _crime(ws: Worksheet, a: Assessment, fmts: Formats, title: str) -> None:
    if a.crime is None:
        write_text(ws, 0, 0, a.no_crime, fmts.text)
        ws.set_column(0, 0, 100)
        print_setup(ws, title)
        return
    labels = year_labels(a)
    headers = ("Crime type", "Priority", *labels, "Trend", "This quarter", "Same quarter last year",
               "Rate per 1,000 (latest 12 months)")
    table_sheet(ws, headers, (30, 30, 13, 13, 13, 10, 11, 12, 13), len(a.crime.rows), fmts, title)
    for r, row in enumerate(a.crime.rows, start=1):
        write_text(ws, r, 0, row.crime_type, fmts.text)
        write_text(ws, r, 1, row.priority, fmts.text)
        ws.set_row(r, row_height([(row.crime_type, 30), (row.priority, 30)]))
        for c, value in enumerate((*row.years,), start=2):
            write_number(ws, r, c, value, fmts.plain) if value is not None else write_text(ws, r, c, "not available")
        write_text(ws, r, 5, row.trend, fmts.text)
        for c, value in ((6, row.quarter), (7, row.same_quarter_last_year)):
            write_number(ws, r, c, value, fmts.plain) if value is not None else write_text(ws, r, c, "not available")
        write_number(ws, r, 8, row.rate, fmts.plain)


def year_labels(a: Assessment) -> tuple[str, str, str]:
    """``Year to Sep 2021`` and the two years after: the twelve months to each, for the crime overview's columns."""
    assert a.crime is not None
    end = a.crime.quarter.end
    first, second, third = (f"Year to {end:%b} {end.year - k}" for k in (2, 1, 0))
    return first, second, third


def _indicators(ws: Worksheet, a: Assessment, fmts: Formats, title: str) -> None:
    quarters = [f"{q.financial_year} Q{q.quarter}" for q in AssessmentRound(year=int(a.year[:4])).quarters]
    headers = ("Indicator ID", "Indicator", "Supplied by", "Priorities it informs", *quarters, *a.indicator_years,
               "Trend", "Missing")
    widths = (11, 40, 26, 30, *(9 for _ in quarters), 11, 11, 11, 9, 40)
    table_sheet(ws, headers, widths, len(a.indicators), fmts, title)
    for r, i in enumerate(a.indicators, start=1):
        for c, text in enumerate((i.id, i.text, i.supplier, "; ".join(i.priorities))):
            write_text(ws, r, c, text, fmts.text)
        for c, value in enumerate((*i.values, *i.years), start=4):
            write_number(ws, r, c, value, fmts.plain)
        write_text(ws, r, len(headers) - 2, i.trend, fmts.text)
        write_text(ws, r, len(headers) - 1, i.missing, fmts.text)
        ws.set_row(r, row_height([(i.text, 40), (i.supplier, 26), ("; ".join(i.priorities), 30), (i.missing, 40)]))


def _delivery(ws: Worksheet, a: Assessment, fmts: Formats, title: str) -> None:
    headers = ("Priority", "Actions", "Completed", "Completed or on track", "Measures with a target",
               "Measures meeting their target")
    table_sheet(ws, headers, (50, 10, 11, 13, 13, 13), len(a.delivery), fmts, title)
    for r, d in enumerate(a.delivery, start=1):
        write_text(ws, r, 0, d.priority, fmts.text)
        ws.set_row(r, row_height([(d.priority, 50)]))
        for c, n in enumerate((d.actions, d.completed, d.on_schedule, d.measures, d.met), start=1):
            write_number(ws, r, c, n, fmts.plain)

