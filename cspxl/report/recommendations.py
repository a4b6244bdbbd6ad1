"""The paper's section "Recommendations from reviews": what is open by source, what is overdue, and what awaits the
board's sign-off (the board's decision list).

A circulated paper shows only the public recommendations by name; of those still confidential it says only how
many there are, from how many reviews, and how many are overdue.  The full paper shows them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..master.view import Monitoring
from ..recommendations.tracking import RecommendationState
from .paper import Paper
from .words import count, day_text

SECTION = "Recommendations from reviews"


def recommendations_section(paper: Paper, view: Monitoring) -> None:
    """The section, for a view with recommendations (already made fit to circulate, unless the paper is full)."""
    if not view.recommendations:
        return
    every = view.recommendations
    listed = [s for s in every if not (view.redacted and s.confidential)]
    paper.heading(SECTION)
    open_ = [s for s in every if not s.closed]
    paper.paragraph(
        f"{count(len(every), 'recommendation')} of reviews {'is' if len(every) == 1 else 'are'} tracked: "
        f"{len(open_)} open, {sum(s.overdue for s in every)} overdue, {sum(s.awaiting_signoff for s in every)} "
        f"awaiting the board's sign-off and {sum(s.closed for s in every)} signed off.")
    if view.confidential:
        paper.paragraph(f"Not shown by name in this paper: {view.confidential}. Their reviews are not yet published; "
                        "the full paper has them.", italic=True)
    by_source = _by_source([s for s in listed if not s.closed])
    if by_source:
        paper.heading("Open by source", level=2)
        paper.table(("Source", "Type", "Open", "Overdue", "Awaiting sign-off"), by_source, (40, 18, 8, 8, 12))
    overdue = [s for s in listed if s.overdue]
    paper.heading("Overdue", level=2)
    if overdue:
        paper.table(("Recommendation", "Source", "Owner", "Due", "Status", "Latest evidence"),
                    [(_text(s), s.recommendation.source, _owner(view, s), day_text(s.recommendation.due),
                      s.status + (" (awaiting sign-off)" if s.awaiting_signoff else ""), s.evidence) for s in overdue],
                    (30, 14, 13, 9, 9, 25))
    else:
        paper.paragraph("None" + (" of those shown." if view.confidential else "."))
    awaiting = [s for s in listed if s.awaiting_signoff]
    paper.heading("For the board's sign-off", level=2)
    if awaiting:
        paper.paragraph("The board is asked to sign off each of these, as implemented or as not accepted for the "
                        "reason given, or to say what more it needs.")
        paper.table(("Recommendation", "Source", "Owner", "Status", "Evidence or reason", "Date implemented"),
                    [(_text(s), s.recommendation.source, _owner(view, s), s.status,
                      s.evidence if s.status == "Implemented" else s.reason, day_text(s.date_implemented))
                     for s in awaiting], (30, 14, 13, 10, 25, 9))
    else:
        paper.paragraph("Nothing awaits the board's sign-off" + (" among those shown." if view.confidential else "."))


def _by_source(states: Sequence[RecommendationState]) -> list[tuple[str, str, str, str, str]]:
    sources = dict.fromkeys(s.recommendation.source for s in states)
    rows = []
    for source in sources:
        of = [s for s in states if s.recommendation.source == source]
        rows.append((source, of[0].recommendation.source_type, str(len(of)), str(sum(s.overdue for s in of)),
                     str(sum(s.awaiting_signoff for s in of))))
    return rows


def _text(s: RecommendationState) -> str:
    return f"{s.recommendation.id}: {s.recommendation.text}"


def _owner(view: Monitoring, s: RecommendationState) -> str:
    partner = view.plan.partner(s.recommendation.owner)
    return partner.name if partner else s.recommendation.owner
