"""The year-end report for the committee: how the year's plan went, priority by priority.

It is made from the year view (:func:`cspxl.year.view.year_view`), the same figures as the year's
workbook: each action's status in each quarter and at the year's end, each success measure's figures,
each partner's returns, and,
once the year has been rolled over, the actions carried into the next year's plan.  It holds
statuses, never partners' updates, so it has no personal data in it and may circulate.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..measures import SENT_BACK, figure_text
from ..periods import FinancialYear, fy_label
from ..plan import Action
from ..status import NO_UPDATE, NOT_ON_SCHEDULE, ON_SCHEDULE, PAPER_ORDER
from ..workspace import Workspace, safe_name
from ..year.view import NOT_EXPECTED, NOT_IN_PLAN, NOT_YET_DUE, YearAction, YearView, year_view
from .chart import status_chart
from .figures import share, status_counts, target_text
from .paper import Paper
from .words import count, day_text, listing

#: A quarter's return, as the year's returns table counts them.
RETURN_KINDS: tuple[str, ...] = ("Received", "Received late", "Overdue")


def year_report_file_name(short_name: str, year: str) -> str:
    return f"{safe_name(short_name)}_{year}_year-report.docx"


def write_year_report(workspace: Workspace, year: FinancialYear, as_of: date | None = None, out: Path | None = None,
                      today: date | None = None, say: Callable[[str], None] | None = None) -> Path:
    """Write the year-end report of the financial year starting in ``year`` as of ``as_of`` (default
    today); return its path.  A different report already there is kept beside it, and ``say`` told so."""
    today = today or date.today()
    view = year_view(workspace, year, as_of or today)
    carried = carried_actions(workspace, year)
    path = Path(out) if out else workspace.reports_dir / year_report_file_name(view.plan.settings.short_name,
                                                                                     view.year)
    return year_paper(view, carried, today).save(path, say)


def carried_actions(workspace: Workspace, year: FinancialYear) -> list[Action] | None:
    """The actions the next year's plan carries from this one, or ``None`` before the year is rolled over."""
    from ..plan import read_plan

    plan, _ = read_plan(workspace.require().plan_path)  # new target dates may still be wanting: no matter here
    if plan is None or plan.settings.financial_year != fy_label(year + 1):
        return None
    return [a for a in plan.actions if a.carried_from == fy_label(year)]


def ended(view: YearView) -> bool:
    """Whether every quarter's returns were due by the as-of day."""
    return view.ended


def year_paper(view: YearView, carried: list[Action] | None, today: date) -> Paper:
    s = view.plan.settings
    what = "Year-end review" if ended(view) else "The year so far"
    paper = Paper(title=f"{s.partnership}: {what.lower()} {view.year}", author=s.coordinator_name,
                  footer=f"{s.short_name} · {what.lower()} {view.year}", as_of=view.as_of, dated=today)
    paper.title(s.partnership, f"{what} of the Community Safety Strategy & Action Plan {view.year}",
                f"Position as of {day_text(view.as_of)}. Paper dated {day_text(today)}.")
    year_body(paper, view, carried)
    return paper


def year_body(paper: Paper, view: YearView, carried: list[Action] | None) -> None:
    """The paper after its title: what a committee report holds as its appendix."""
    paper.paragraph("This paper holds the actions' statuses and the partners' returns, not partners' updates, so "
                    "it holds no personal data and may be circulated.", italic=True)
    paper.heading("Summary")
    paper.paragraph(summary_text(view))
    year_end = status_counts(a.year_end for a in view.in_plan)
    returns = return_counts(view)
    rows = [*((k, str(v)) for k, v in year_end.items()), ("All actions in the plan", str(len(view.in_plan)))]
    if view.withdrawn:
        rows.append(("Withdrawn during the year", str(len(view.withdrawn))))
    back = [*((k, str(v)) for k, v in returns.items())]
    back += [("", "")] * (len(rows) - len(back))
    paper.table(("Actions at the year's end", "", "Returns over the year", ""),
                [(*a, *b) for a, b in zip(rows, back, strict=True)], (3, 1, 3, 1), width_share=0.8)
    paper.heading("Each priority's actions at the year's end", level=2)
    paper.picture(status_chart({name: status_counts(a.year_end for a in actions)
                                for name, actions in view.by_priority()}, PAPER_ORDER, width_mm=165))
    paper.landscape()
    _priorities(paper, view)
    for name, actions in view.by_priority():
        paper.heading(name)
        paper.table(("Action", "Lead partner", *(f"Q{q.quarter}" for q in view.quarters), "Year end"),
                    [(f"{a.action.id}: {a.action.text}", a.lead.name, *(_shown(q) for q in a.quarters),
                      a.year_end or NO_UPDATE) for a in actions],
                    (36, 14, 8, 8, 8, 8, 9))
    _withdrawn(paper, view)
    _measures(paper, view)
    _recommendations(paper, view)
    _returns(paper, view)
    _carried_section(paper, view, carried)


def return_counts(view: YearView) -> dict[str, int]:
    """The year's returns: expected (each partner each quarter due), on time, late, never received."""
    due = [q for r in view.returns for q in r.quarters if q not in (NOT_EXPECTED, NOT_YET_DUE)]
    return {"Returns expected": len(due), "On time": due.count("Received"), "Late": due.count("Received late"),
            "Not received": due.count("Overdue")}


def summary_text(view: YearView) -> str:
    """The year in plain English, from the summary's tables."""
    counts = status_counts(a.year_end for a in view.in_plan)
    total = len(view.in_plan)
    good = sum(counts[s] for s in ON_SCHEDULE)
    when = f"at the end of {view.year}" if ended(view) else f"so far in {view.year}"
    others = [f"{counts[s]} {s.lower()}" for s in NOT_ON_SCHEDULE if counts[s]]
    sentences = [f"Of {count(total, 'action')} in the plan {when}, {counts['Completed']} "
                 f"{'is' if counts['Completed'] == 1 else 'are'} completed and {counts['On track']} on track: "
                 f"{share(good, total)} completed or on schedule."]
    if others or counts[NO_UPDATE]:
        rest = others + ([f"{counts[NO_UPDATE]} without a status all year"] if counts[NO_UPDATE] else [])
        sentences.append(f"The rest: {listing(rest)}.")
    if view.withdrawn:
        n = len(view.withdrawn)
        sentences.append(f"{count(n, 'action')} {'was' if n == 1 else 'were'} withdrawn from the plan during the year "
                         f"and {'is' if n == 1 else 'are'} counted in none of these figures.")
    sentences.append(returns_text(return_counts(view)))
    return " ".join(s for s in sentences if s)


def returns_text(r: dict[str, int]) -> str:
    """The year's returns in a sentence, saying only the counts there are."""
    due, on_time, late, missing = r["Returns expected"], r["On time"], r["Late"], r["Not received"]
    if not due:
        return ""
    if on_time == due:
        return f"All {count(due, 'return')} due over the year came in on time." if due > 1 else \
            "The 1 return due over the year came in on time."
    came = listing([part for part in (f"{on_time} came in on time" if on_time else "",
                                      f"{late} came in late" if late and not on_time else f"{late} late" if late
                                      else "") if part])
    never = f"{missing} never came" if missing else ""
    return f"Of {count(due, 'return')} due over the year, " + "; ".join(filter(None, (came, never))) + "."


def _priorities(paper: Paper, view: YearView) -> None:
    paper.heading("Completed or on schedule, by priority")
    rows = []
    for name, actions in [*view.by_priority(), ("All priorities", view.in_plan)]:
        counts = status_counts(a.year_end for a in actions)
        good = sum(counts[s] for s in ON_SCHEDULE)
        rows.append((name, str(len(actions)), *(str(counts[s]) for s in PAPER_ORDER), share(good, len(actions))))
    paper.table(("Priority", "Actions", *PAPER_ORDER, "Completed or on track"), rows, (30, 7, 9, 8, 8, 8, 8, 8, 11))


def _withdrawn(paper: Paper, view: YearView) -> None:
    """The actions taken out of the plan during the year: in a table of their own, never in a total."""
    if not view.withdrawn:
        return
    paper.heading("Withdrawn during the year")
    paper.paragraph("These actions were taken out of the plan during the year. They are not counted in any total "
                    "or share in this report.")
    paper.table(("Action", "Lead partner", "Last in the plan", "Its status then"),
                [(f"{a.action.id}: {a.action.text}", a.lead.name, a.last_in_plan, _last_status(a))
                 for a in view.withdrawn], (50, 20, 12, 18))


def _last_status(action: YearAction) -> str:
    """The status an action had in the last quarter its plan held it."""
    held = [q for q in action.quarters if q != NOT_IN_PLAN]
    return _shown(held[-1]) if held else NO_UPDATE


def _measures(paper: Paper, view: YearView) -> None:
    """Each success measure's figure in each quarter, with its RAG against the target then."""
    if not view.measures:
        return
    paper.heading("Success measures")
    paper.paragraph("Each measure's figure each quarter, and its RAG against the target: Green met, Amber within the "
                    "tolerance, Red missed, Grey only monitored or no figure. A year's target judges a count on the "
                    "year to date against the target pro rata to the quarters elapsed, and a percentage on its latest "
                    "figure, as said under the table.")
    summed = any(m.measure.summed for m in view.measures)
    paper.table(("Measure", "Priority", "Target", *(f"Q{q.quarter}" for q in view.quarters),
                 *(("Year to date",) if summed else ())),
                [(f"{m.measure.id}: {m.measure.text}", m.priority, target_text(m.measure),
                  *(_figure(v, rag, m.measure.unit, back, ytd) for v, rag, back, ytd
                    in zip(m.values, m.rags, m.sent_back or (False,) * len(m.values),
                           m.to_date or (None,) * len(m.values), strict=True)),
                  *((figure_text(m.year_to_date, m.measure.unit),) if summed else ()))
                 for m in view.measures], (30, 18, 10, 9, 9, 9, 9, *((9,) if summed else ())))
    for m in view.measures:
        if m.measure.target_period == "Year" and m.rule:
            paper.paragraph(f"{m.measure.id}: {m.rule}.")


def _figure(value: float | None, rag: str, unit: str, sent_back: bool = False, to_date: float | None = None) -> str:
    """A quarter's figure with its RAG (``52 (Amber)``; ``14 (23 to date, Green)`` for a year's count, whose
    RAG judged the year to date), or why there is none."""
    if sent_back:
        return SENT_BACK
    if value is None:  # a quarter not yet due, or not in the plan, has none either
        return rag if rag in (NOT_YET_DUE, NOT_IN_PLAN) else "No figure"
    if to_date is not None:
        return f"{figure_text(value, unit)} ({figure_text(to_date, unit)} to date, {rag})"
    return f"{figure_text(value, unit)} ({rag})"


def _recommendations(paper: Paper, view: YearView) -> None:
    """The recommendations of reviews over the year, counted (no text, so the paper may circulate)."""
    counts = view.recommendations
    if counts is None:
        return
    paper.heading("Recommendations from reviews")
    paper.table(("Recommendations from reviews", "Number"),
                [(label, "none implemented" if value is None else f"{value:g}") for label, value in counts.rows()],
                (4, 1), width_share=0.6)


def _returns(paper: Paper, view: YearView) -> None:
    paper.heading("Returns")
    paper.paragraph("Each partner's return each quarter, as that quarter's monitoring recorded it.")
    due = [[q for q in r.quarters if q not in (NOT_EXPECTED, NOT_YET_DUE)] for r in view.returns]
    paper.table(("Partner", *(f"Q{q.quarter}" for q in view.quarters), "On time"),
                [(r.partner.name, *r.quarters, f"{r.on_time} of {len(d)}") for r, d in zip(view.returns, due,
                                                                                          strict=True)],
                (34, 12, 12, 12, 12, 10))


def _carried_section(paper: Paper, view: YearView, carried: list[Action] | None) -> None:
    following = fy_label(view.quarters[0].year + 1)
    paper.heading(f"Carried into {following}")
    if carried is None:
        paper.paragraph(f"The plan for {following} has not been made from this one yet, so no action is shown as "
                        "carried into it.")
        return
    if not carried:
        paper.paragraph(f"No action of {view.year} is carried into {following}.")
        return
    leads = {a.action.id: a for a in view.actions}
    paper.paragraph(f"{count(len(carried), 'action')} of {view.year}, not completed, {'is' if len(carried) == 1 else 'are'} "
                    f"carried into the plan for {following}.")
    paper.table(("Action", "Lead partner", f"Status at the end of {view.year}"),
                [(f"{a.id}: {a.text}", _lead(leads.get(a.id), a), (leads[a.id].year_end if a.id in leads else "")
                  or NO_UPDATE) for a in carried], (60, 24, 16))


def _lead(year_action: YearAction | None, action: Action) -> str:
    return year_action.lead.name if year_action else action.lead


def _shown(quarter: str) -> str:
    return quarter or NO_UPDATE
