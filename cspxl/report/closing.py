"""Closing a quarter once its figures have gone to the board, and reopening it.

``close`` keeps the master, the circulation copy and the meeting paper as of the day given (the day
the board's papers were as of) in the archive as presented: those already written as of that day as
they are, the others written now.  It records the close:
from then on the period is seen as of that day whenever no other is given, and a return that arrives
for it is held, not applied (:mod:`cspxl.returns.late`).  ``reopen`` applies what was held and
says how the period's papers now differ from what was presented.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from ..errors import UsageError
from ..master.view import ActionState, Monitoring, period_view
from ..master.workbook import consolidate, master_file_name
from ..measures import MeasureState, figure_text
from ..periods import Period, refuse_before
from ..register import SubmissionRecord
from ..spreadsheets.landing import as_of_written
from ..workspace import Workspace
from .quarter import report_file_name, write_quarter_report
from .words import day_text, listing

#: The papers a close keeps, by the name its record gives each.
PAPERS = ("master", "circulation", "paper")


class Closed(BaseModel):
    """What a close did: the papers as presented, where they are and where the archive keeps them."""

    period: str
    on: date
    papers: dict[str, str]
    #: The archive's copy of each paper, relative to the workspace.
    kept: dict[str, str]


class Reopened(BaseModel):
    """What a reopening did: the returns it applied, and how each paper now differs from what was presented."""

    period: str
    closed_on: date
    applied: list[SubmissionRecord]
    #: The day the papers would now be as of to show what was applied.
    as_of: date
    #: What differs in the master (and its circulation copy), and in the meeting paper.
    master: list[str]
    paper: list[str]


def close_period(workspace: Workspace, period: Period, on: date | None = None, today: date | None = None,
                 say: Callable[[str], None] | None = None) -> Closed:
    """Record that ``period``'s figures went to the board as of ``on`` (default today): write its master,
    circulation copy and paper as of then, keep each in the archive, and hold every later return."""
    today = today or date.today()
    on = refuse_before(on or today, period.start, str(period))
    if on > today:
        raise UsageError(f"{on:%d/%m/%Y} is in the future; close {period} as of the day its papers were as of.")
    with workspace.require().register(readonly=True) as register:
        closed = register.closure(period)
        if closed is not None:
            raise UsageError(f"{period} was already closed on {closed.on:%d/%m/%Y}; reopen it first "
                             f"('cspxl reopen {period}') to close it as of another day.")
        if register.period_plan_version(period) is None:
            raise UsageError(f"no returns were generated for {period}, so it has no figures to close.")
    papers = _presented(workspace, period, on, say)
    with workspace.register() as register:
        kept = {name: register.keep_file(path.read_bytes(), path.suffix) for name, path in papers.items()}
        register.record_close(period, on, kept, datetime.now())
    return Closed(period=str(period), on=on, papers={k: str(v) for k, v in papers.items()}, kept=kept)


def _presented(workspace: Workspace, period: Period, on: date, say: Callable[[str], None] | None) -> dict[str, Path]:
    """The period's master, circulation copy and paper as of ``on``: those already written as of that day
    (what went to the board) as they are, the others written now."""
    short = workspace.plan_for(period).settings.short_name
    where = {"master": workspace.master_dir / master_file_name(short, period),
             "circulation": workspace.master_dir / master_file_name(short, period, redact=True),
             "paper": workspace.reports_dir / report_file_name(short, period)}
    write: dict[str, Callable[[], Path]] = {
        "master": lambda: consolidate(workspace, period, on, say=say),
        "circulation": lambda: consolidate(workspace, period, on, redact=True, say=say),
        "paper": lambda: write_quarter_report(workspace, period, on, today=on, say=say)}
    return {name: path if as_of_written(path) == on else write[name]() for name, path in where.items()}


def reopen_period(workspace: Workspace, period: Period) -> Reopened:
    """Reopen a closed period and apply the returns held since it was closed; say what they change in
    its papers, seen as of the day the last of them arrived (the close's day if none came later)."""
    with workspace.require().register(readonly=True) as register:
        closed = register.closure(period)
        held = register.held(period)
    if closed is None:
        raise UsageError(f"{period} is not closed, so there is nothing to reopen.")
    as_of = max([closed.on, *(r.received_at.date() for r in held)])
    before = period_view(workspace, period, as_of)
    with workspace.register() as register:
        applied = register.record_reopen(period, datetime.now())
    master, paper = differences(before, period_view(workspace, period, as_of))
    return Reopened(period=str(period), closed_on=closed.on, applied=applied, as_of=as_of, master=master, paper=paper)


def differences(before: Monitoring, after: Monitoring) -> tuple[list[str], list[str]]:
    """What differs between two views of a period: in the master (every answer), and in the paper (what it
    shows: statuses, target dates, updates, support asked for, overdue actions, figures and returns)."""
    master: list[str] = []
    paper: list[str] = []
    was = {a.action.id: a for a in before.actions}
    for a in after.actions:
        old = was.get(a.action.id)
        if old is None:
            continue
        shown = _changed(_paper_fields(old), _paper_fields(a))
        hidden = _changed(_master_fields(old), _master_fields(a))
        if shown:
            paper.append(f"{a.action.id}: {listing(shown)}")
        if shown or hidden:
            master.append(f"{a.action.id}: {listing(shown + hidden)}")
    measures = {m.measure.id: m for m in before.measures}
    for m in after.measures:
        if m.measure.id in measures and (changed := _changed(_measure_fields(measures[m.measure.id]),
                                                             _measure_fields(m))):
            paper.append(f"{m.measure.id}: {listing(changed)}")
            master.append(f"{m.measure.id}: {listing(changed)}")
    returns = {r.partner.id: r.status for r in before.returns}
    for r in after.returns:
        if returns.get(r.partner.id, r.status) != r.status:
            said = f"{r.partner.name}'s return: from {returns[r.partner.id]} to {r.status}"
            paper.append(said)
            master.append(said)
    return master, paper


#: Fields whose text is a partner's own words: said to be new, not quoted (they may be long, or personal).
_WORDS = ("progress update", "supporting partners' updates", "comment")


def _changed(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """``status from On track to At risk``, or ``a new progress update``, for each field that differs."""
    return [f"a new {name}" if name in _WORDS else f"{name} from {old[name] or 'blank'} to {value or 'blank'}"
            for name, value in new.items() if old[name] != value]


def _paper_fields(a: ActionState) -> dict[str, str]:
    answer = a.answer
    return {"status": a.status, "revised target date": day_text(answer.revised_target if answer else None),
            "progress update": answer.progress if answer else "", "support asked for": "Yes" if a.support_needed
            else "No", "overdue": "Yes" if a.overdue else "No"}


def _master_fields(a: ActionState) -> dict[str, str]:
    return {"% complete": "" if a.percent is None else str(a.percent), "date completed": day_text(a.date_completed),
            "needs correction": "Yes" if a.needs_correction else "No",
            "supporting partners' updates": " ".join(s.answer.progress for s in a.supporting if s.answer)}


def _measure_fields(m: MeasureState) -> dict[str, str]:
    return {"figure": figure_text(m.value, m.measure.unit), "RAG": m.rag, "comment": m.comment}
