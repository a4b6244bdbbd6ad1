"""The quarter's paper for the partnership meeting: summary, chart, exceptions, each priority, returns.

It is made from the same view as the master (:func:`cspxl.master.view.period_view`), so its figures
are the master's.  It holds no problem codes, plan versions or commands: the meeting reads it.  By
default the updates are the circulation copy's (personal data replaced); ``full`` keeps them as
partners wrote them, and the paper says which it is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..master.asof import as_of_for
from ..master.view import ActionState, Monitoring, period_view, redacted
from ..measures import SENT_BACK, MeasureState, figure_text
from ..periods import Period
from ..status import NEED_UPDATE, NO_UPDATE, NOT_ON_SCHEDULE, PAPER_ORDER, Status
from ..workspace import Workspace, safe_name
from .chart import status_chart
from .figures import status_counts, target_text
from .paper import Paper
from .recommendations import recommendations_section
from .words import count, day_text, listing


def report_file_name(short_name: str, period: Period, full: bool = False) -> str:
    return f"{safe_name(short_name)}_{period}_report{'_full' if full else ''}.docx"


def write_quarter_report(workspace: Workspace, period: Period, as_of: date | None = None, out: Path | None = None,
                         full: bool = False, today: date | None = None, say: Callable[[str], None] | None = None) -> Path:
    """Write the meeting paper for ``period`` as of ``as_of`` (default: the day it was closed on, or the day
    its round settled, or today; see :func:`~cspxl.master.asof.as_of_for`); return its path.

    The paper is the circulation copy unless ``full``.  Last quarter's overdue count, for the summary,
    is taken as many days after last quarter's due date as ``as_of`` is after this one's.  A different
    paper already at the path is kept beside it (with its PDF), and ``say`` told so.
    """
    today = today or date.today()
    view = period_view(workspace, period, as_of_for(workspace, period, as_of, today=today))
    earlier = last_quarter(workspace, view)
    paper = quarter_paper(view if full else redacted(view), earlier, today)
    path = Path(out) if out else workspace.reports_dir / report_file_name(view.plan.settings.short_name,
                                                                                period, full)
    return paper.save(path, say)


def last_quarter(workspace: Workspace, view: Monitoring) -> Monitoring | None:
    """Last quarter's view at the same point of its round, when its returns were generated here."""
    before = view.period.previous()
    with workspace.register(readonly=True) as register:
        if register.period_plan_version(before) is None:
            return None
    as_of = min(view.as_of, before.due(view.plan.settings.return_due_days) + (view.as_of - view.due))
    with contextlib.suppress(UsageError):
        return period_view(workspace, before, as_of, history=False)
    return None


def quarter_paper(view: Monitoring, earlier: Monitoring | None, today: date) -> Paper:
    """The paper for a view (already redacted, unless it is the full paper)."""
    s = view.plan.settings
    paper = Paper(title=f"{s.partnership}: {view.period.label}", author=s.coordinator_name,
                  footer=f"{s.short_name} · {view.period.label}", as_of=view.as_of, dated=today)
    paper.title(s.partnership, f"Quarterly monitoring of the action plan: {view.period.label}",
                f"Position as of {day_text(view.as_of)}. Paper dated {day_text(today)}.")
    quarter_body(paper, view, earlier)
    return paper


def quarter_body(paper: Paper, view: Monitoring, earlier: Monitoring | None) -> None:
    """The paper after its title: what a committee report holds as its appendix."""
    paper.paragraph(_copy_note(view), italic=True)
    _summary(paper, view, earlier)
    paper.landscape()
    _exceptions(paper, view)
    for name, actions in by_priority(view):
        paper.heading(name, level=1)
        paper.table(("Action", "Lead partner", "Status", "Target date", "Progress update"),
                    [(_action(a), a.lead.name, a.status or NO_UPDATE, _target(a), _update(a)) for a in actions],
                    (30, 13, 10, 11, 36))
        _measures(paper, view, name)
        _crime(paper, view, name)
    recommendations_section(paper, view)
    paper.portrait()
    _returns(paper, view)


def _measures(paper: Paper, view: Monitoring, priority: str) -> None:
    """Beside a priority's actions, its success measures: this quarter's figures, judged."""
    measures = [m for m in view.measures if m.priority == priority]
    if not measures:
        return
    paper.paragraph("Success measures: RAG against the target (each quarter's figure against a quarter's target; "
                    "a year's target as said under the table), trend against the same quarter last year:", italic=True)
    summed = any(m.measure.summed for m in measures)
    headers = ("Measure", "Supplied by", "Target", "This quarter", *(("Year to date",) if summed else ()),
               "Last quarter", "Same quarter last year", "Change", "RAG", "Trend", "Comment")
    widths = (22, 12, 10, 8, *((8,) if summed else ()), 8, 9, 8, 8, 10, 15)
    paper.table(headers, [(f"{m.measure.id}: {m.measure.text}", m.owner.name, target_text(m.measure), _this(m),
                           *((figure_text(m.year_to_date, m.measure.unit),) if summed else ()),
                           figure_text(m.previous, m.measure.unit), figure_text(m.last_year, m.measure.unit),
                           f"{m.change:+.0%}" if m.change is not None else "", m.rag, m.trend, m.comment)
                          for m in measures], widths)
    for m in measures:
        if m.measure.target_period == "Year" and m.rule:
            paper.paragraph(f"{m.measure.id}: {m.rule}.")


def _this(m: MeasureState) -> str:
    """This quarter's figure, or why there is none."""
    if m.needs_correction:
        return SENT_BACK
    return figure_text(m.value, m.measure.unit) or "No figure"


def _crime(paper: Paper, view: Monitoring, priority: str) -> None:
    """Beside a priority's actions, the crimes police.uk counted in the area for the crime types it maps to."""
    from ..crime.imports import month_text

    if view.crime is None or not view.crime.latest:  # no figures imported: nothing to show
        return
    rows = [r for r in view.crime.rows if r.priority == priority]
    if not rows:
        return
    paper.paragraph(f"Crime recorded by the police in {view.crime.area} (police.uk open data, indicative"
                    + (f", to {month_text(view.crime.latest)}" if view.crime.latest else "") + "):", italic=True)
    paper.table(("Crime type", "This quarter", "Same quarter last year", "Change", "Last 12 months",
                 "12 months before"),
                [(r.crime_type, count_text(r.quarter), count_text(r.last_year), _change(r.quarter, r.last_year),
                  count_text(r.twelve_months), count_text(r.twelve_before)) for r in rows],
                (30, 12, 14, 10, 12, 12), width_share=0.8)


def count_text(value: int | None) -> str:
    """A count, or that a month of it is missing: never a missing month taken as none."""
    return "not available" if value is None else f"{value:,}"


def _change(now: int | None, before: int | None) -> str:
    if now is None or not before:
        return ""
    return f"{(now - before) / before:+.0%}"


def _copy_note(view: Monitoring) -> str:
    if view.redacted:
        return ("This paper may be circulated: personal data found in partners' updates has been replaced by a "
                "note of its kind, such as [name removed]. Updates are otherwise as partners wrote them.")
    return ("This paper holds partners' updates exactly as written, including any personal data in them. Do not "
            "circulate it; circulate the version with personal data removed.")


# The summary -------------------------------------------------------------------------------------

def return_counts(view: Monitoring) -> dict[str, int]:
    on_time, late = view.returns_with("Received"), view.returns_with("Received late")
    return {"Returns expected": len(view.returns), "Received": on_time + late, "On time": on_time, "Late": late,
            "Overdue": view.returns_with("Overdue"), "Not yet due": view.returns_with("Not yet due")}


def summary_text(view: Monitoring, earlier: Monitoring | None) -> str:
    """The summary in plain English, from the figures in the summary's tables."""
    counts = status_counts(a.status for a in view.actions)
    total = len(view.actions)
    others = [f"{counts[s]} {s.lower()}" for s in NOT_ON_SCHEDULE if counts[s]]
    sentences = [f"Of {count(total, 'action')}, {counts['Completed']} {'is' if counts['Completed'] == 1 else 'are'} "
                 f"completed and {counts['On track']} on track"
                 + (f"; {listing(others)}" if others else "")
                 + (f"; {counts[NO_UPDATE]} {'has' if counts[NO_UPDATE] == 1 else 'have'} no update"
                    if counts[NO_UPDATE] else "") + "."]
    overdue = len(view.overdue_actions)
    said = f"{overdue} {'is' if overdue == 1 else 'are'} overdue" if overdue else "None is overdue"
    if earlier is not None:
        before = len(earlier.overdue_actions)
        change = overdue - before
        said += (f", {abs(change)} {'more' if change > 0 else 'fewer'} than last quarter" if change
                 else ", the same as last quarter")
    sentences.append(said + ".")
    if view.worse:
        sentences.append(f"{count(len(view.worse), 'action')} got worse since last quarter.")
    if view.measures:
        sentences.append(measures_text([m.rag for m in view.measures]))
    r = return_counts(view)
    came = "has" if r["Received"] == 1 else "have"
    returns = f"{r['Received']} of {count(r['Returns expected'], 'return')} expected {came} come in"
    if r["Received"]:
        returns += f", {r['On time']} on time"
    waiting = [f"{r[k]} {k.lower()}" for k in ("Overdue", "Not yet due") if r[k]]
    if waiting:
        returns += f"; {listing(waiting)}"
    sentences.append(returns + ".")
    return " ".join(sentences)


def measures_text(rags: list[str]) -> str:
    """The success measures in a sentence, by RAG, saying only the counts there are."""
    n = {rag: rags.count(rag) for rag in ("Green", "Amber", "Red", "Grey")}
    judged = [said for said in (
        f"{n['Green']} met {'its' if n['Green'] == 1 else 'their'} target" if n["Green"] else "",
        f"{n['Amber']} {'is' if n['Amber'] == 1 else 'are'} within the tolerance" if n["Amber"] else "",
        f"{n['Red']} missed {'it' if n['Red'] == 1 else 'theirs'}" if n["Red"] else "") if said]
    grey = (f"{n['Grey']} {'has' if n['Grey'] == 1 else 'have'} no figure or {'is' if n['Grey'] == 1 else 'are'} "
            "only monitored") if n["Grey"] else ""
    return f"Of {count(len(rags), 'success measure')}, " + "; ".join(filter(None, (listing(judged), grey))) + "."


def _summary(paper: Paper, view: Monitoring, earlier: Monitoring | None) -> None:
    paper.heading("Summary")
    paper.paragraph(summary_text(view, earlier))
    returns = [(k, str(v)) for k, v in return_counts(view).items()]
    actions = [*((k, str(v)) for k, v in status_counts(a.status for a in view.actions).items()),
               ("All actions", str(len(view.actions))), ("Overdue", str(len(view.overdue_actions)))]
    returns += [("", "")] * (len(actions) - len(returns))
    paper.table(("Returns", "", "Actions", ""), [(*r, *a) for r, a in zip(returns, actions, strict=True)],
                (3, 1, 3, 1), width_share=0.8)
    paper.heading("Actions by status in each priority", level=2)
    by_status = {name: status_counts(a.status for a in actions) for name, actions in by_priority(view)}
    paper.picture(status_chart(by_status, PAPER_ORDER, width_mm=165))


def by_priority(view: Monitoring) -> Iterator[tuple[str, list[ActionState]]]:
    """Each priority of the plan with its actions, in the plan's order."""
    for priority in view.plan.priorities:
        actions = [a for a in view.actions if a.action.priority_id == priority.id]
        if actions:
            yield priority.name, actions


# Exceptions, each priority, returns ----------------------------------------------------------------

def reasons(a: ActionState) -> list[str]:
    """Why an action is among the exceptions; none when it is not."""
    why = []
    if a.overdue:
        overdue = f"Overdue ({count(a.days_overdue or 0, 'day')})" if a.days_overdue else "Overdue"
        target = (a.answer.revised_target if a.answer else None) or a.action.target_date
        reported = f"; reported {a.status}" if a.status in (Status.ON_TRACK, Status.NOT_STARTED) else ""
        why.append(f"{overdue}: target date {day_text(target)} has passed{reported}")
    if a.status in NEED_UPDATE:
        why.append(a.status)
    if a.movement == "Worse":
        why.append(f"Worse than last quarter ({a.previous_status})")
    if a.support_needed:
        why.append("Support asked for")
    if a.no_update:
        why.append(NO_UPDATE)
    return why


def exceptions(view: Monitoring) -> list[ActionState]:
    return [a for a in view.actions if reasons(a)]


def _exceptions(paper: Paper, view: Monitoring) -> None:
    paper.heading("Exceptions")
    listed = exceptions(view)
    if not listed:
        paper.paragraph("No action is overdue, off track or at risk, worse than last quarter, asking for support "
                        "or without an update.")
        return
    paper.paragraph(f"{count(len(listed), 'action')} overdue, off track or at risk, worse than last quarter, "
                    "asking for support, or without an update.")
    paper.table(("Action", "Lead partner", "Status", "Target date", "Revised target", "Why listed", "Progress update"),
                [(_action(a), a.lead.name, a.status or NO_UPDATE, day_text(a.action.target_date),
                  day_text(a.answer.revised_target) if a.answer and a.answer.revised_target else "",
                  "; ".join(reasons(a)), _update(a)) for a in listed],
                (22, 11, 9, 9, 9, 19, 25))


def _returns(paper: Paper, view: Monitoring) -> None:
    paper.heading("Returns")
    paper.paragraph(f"Returns were due on {day_text(view.due)}.")
    paper.table(("Partner", "Return", "Received on", "Days late"),
                [(r.partner.name, r.status, day_text(r.first_received.date()) if r.first_received else "",
                  str(r.days_late) if r.days_late else "") for r in view.returns],
                (44, 18, 22, 12))


def _action(a: ActionState) -> str:
    return f"{a.action.id}: {a.action.text}"


def _target(a: ActionState) -> str:
    if a.answer and a.answer.revised_target and a.answer.revised_target != a.action.target_date:
        return f"{day_text(a.answer.revised_target)} (was {day_text(a.action.target_date)})"
    return day_text(a.action.target_date)


def _update(a: ActionState) -> str:
    return a.answer.progress if a.answer else ""

