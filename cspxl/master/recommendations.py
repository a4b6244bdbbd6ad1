"""The master's Recommendations sheet: each recommendation of a review as it stands, for the board to decide on.

The full master shows every recommendation in full.  The circulation copy shows the public ones (personal data in
their evidence replaced) and, of those still confidential, only the sentence that counts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..recommendations.tracking import RecommendationState
from ..screening import kinds_found
from ..spreadsheets.write import (
    Formats,
    checked,
    row_height,
    table_sheet,
    write_across,
    write_date,
    write_number,
    write_text,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from .view import Monitoring

RECOMMENDATIONS = "Recommendations"
RECOMMENDATION_HEADERS: tuple[str, ...] = (
    "Recommendation ID", "Source", "Source type", "Recommendation", "Owner", "Supporting partners", "Date made",
    "Due date", "Status", "Evidence", "Date implemented", "Reason not accepted", "Supporting partners' updates",
    "Days open", "Overdue", "Awaiting sign-off", "Last updated", "Signed off on", "Confidential until",
    "Personal data",
)
_WIDTHS = (15, 22, 12, 44, 18, 18, 11, 11, 13, 44, 11, 30, 36, 8, 9, 9, 11, 11, 11, 12)


def shown(view: Monitoring) -> list[RecommendationState]:
    """The recommendations a copy of the view shows row by row: all in full, or in circulation the public ones."""
    return [s for s in view.recommendations if not (view.redacted and s.confidential)]


def write_recommendations(ws: Worksheet, view: Monitoring, fmts: Formats, title: str) -> None:
    """The Recommendations sheet of the master (or its circulation copy)."""
    rows = shown(view)
    table_sheet(ws, RECOMMENDATION_HEADERS, _WIDTHS, len(rows), fmts, title)
    for r, s in enumerate(rows, start=1):
        rec = s.recommendation
        supporting = "; ".join(_name(view, pid) for pid in rec.supporting)
        others = "\n".join(f"{_name(view, u.partner)} ({u.update.status}, {u.quarter}): {u.update.evidence}".rstrip(": ")
                           for u in s.supporters)
        texts = (rec.id, rec.source, rec.source_type, rec.text, _name(view, rec.owner), supporting)
        ws.set_row(r, row_height(zip((rec.text, s.evidence, s.reason, others), (44, 44, 30, 36), strict=True)))
        for c, text in enumerate(texts):
            write_text(ws, r, c, text, fmts.text)
        write_date(ws, r, 6, rec.made, fmts.date)
        write_date(ws, r, 7, rec.due, fmts.date)
        write_text(ws, r, 8, s.shown_status, fmts.plain)
        write_text(ws, r, 9, s.evidence, fmts.text)
        write_date(ws, r, 10, s.date_implemented, fmts.date)
        write_text(ws, r, 11, s.reason, fmts.text)
        write_text(ws, r, 12, others, fmts.text)
        write_number(ws, r, 13, s.days_open, fmts.int)
        write_text(ws, r, 14, "Yes" if s.overdue else "No", fmts.plain)
        write_text(ws, r, 15, "Yes" if s.awaiting_signoff else "No", fmts.plain)
        write_text(ws, r, 16, s.updated, fmts.plain)
        write_date(ws, r, 17, s.signed_off.on if s.signed_off else None, fmts.date)
        write_date(ws, r, 18, rec.confidential_until, fmts.date)
        found = [f for u in (*((s.update,) if s.update else ()), *(u.update for u in s.supporters))
                 for f in (*(u.personal or ()), *(u.reason_personal or ()))]
        write_text(ws, r, 19, kinds_found(found), fmts.text)
    last = max(len(rows), 1)
    for col, fmt in ((14, fmts.red), (15, fmts.amber)):
        checked(ws.conditional_format(1, col, last, col, {"type": "cell", "criteria": "==", "value": '"Yes"',
                                                          "format": fmt}), "flags")
    checked(ws.conditional_format(1, 19, last, 19, {"type": "no_blanks", "format": fmts.amber}), "personal data")
    if view.confidential:
        write_across(ws, len(rows) + 2, f"Not shown in this copy: {view.confidential}. The full master has them.",
                     _WIDTHS, fmts.text)
    elif not view.redacted and any(s.confidential for s in rows):
        write_across(ws, len(rows) + 2, "Confidential: the recommendations with a Confidential until date still to "
                     "come are shown in full only here; the circulation copy counts them.", _WIDTHS, fmts.text_bold)


def _name(view: Monitoring, partner_id: str) -> str:
    partner = view.plan.partner(partner_id)
    return partner.name if partner else partner_id
