"""Committee reports in the council's own frame: the plan for adoption, a quarter's and the year's monitoring.

The plan reaches councillors as a committee report (the advisory committee, then Cabinet, then Council)
with a fixed frame: committee and date, Report of, Status, Also considered by, Key decision, the
executive summary, the key aim, portfolio holder and contact officers, a recommendation to each body,
the introduction and background (the statutory duty, the assessment, the priorities), the implications,
conclusions, appendices and background papers.  Its details come from the plan's ``Committee`` sheet
(:mod:`cspxl.plan.committee`); Appendix A is the plan as a person reads it, or the quarter's or year's
monitoring paper, which is the circulation copy (a committee report is public).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..assessment.scoring import Ranked, Scoring, ranking
from ..master.asof import as_of_for
from ..master.view import period_view, redacted
from ..measures import figure_text
from ..periods import FinancialYear, Period, fy_label, parse_financial_year, year_span
from ..plan import Action, Committee, Measure, Plan
from ..plan.committee import QUARTER_RECOMMENDATION, YEAR_RECOMMENDATION, Meeting
from ..register.scorings import latest_scoring
from ..workspace import Workspace, safe_name
from ..year.view import year_view
from .figures import target_text
from .paper import Paper
from .quarter import last_quarter, quarter_body
from .quarter import summary_text as quarter_summary
from .words import count, day_text, listing
from .year import carried_actions, ended, year_body
from .year import summary_text as year_summary

#: What the committee is asked of a year not yet over (the Committee sheet's is for the year-end review).
SO_FAR = ("That Members note the progress of the Community Safety Strategy & Action Plan in the year so far, set out "
          "in Appendix A.")
#: What a detail the plan leaves empty reads as in the report.
TO_BE_CONFIRMED = "To be confirmed"

DUTY = ("Under sections 5 and 6 of the Crime and Disorder Act 1998, the responsible authorities (the district and "
        "county councils, the police, the fire and rescue authority, the integrated care board and the probation "
        "service) must work together to formulate and implement a strategy to reduce crime and disorder, including "
        "anti-social behaviour, to combat the misuse of drugs, alcohol and other substances, to reduce re-offending "
        "and to prevent and reduce serious violence in the area. The Crime and Disorder (Formulation and "
        "Implementation of Strategy) Regulations 2007 require them to prepare a strategic assessment each year and "
        "a partnership plan that responds to it.")

_IMPLICATIONS: tuple[tuple[str, str], ...] = (
    ("Key implications", "Key Implications"), ("Legal implications and risk assessment",
                                               "Legal Implications and Risk Assessment"),
    ("Equality assessment", "Equality Assessment"), ("Net zero implications", "Net Zero Implications"),
    ("Wellbeing", "Wellbeing"))


class Frame(BaseModel):
    """What one committee report says around its appendix."""

    model_config = ConfigDict(frozen=True)

    title: str
    status: str
    meeting: date | None
    route: tuple[Meeting, ...]
    summary: str
    #: (body, recommendation); '' is the committee itself.
    recommendations: tuple[tuple[str, str], ...]
    background: tuple[str, ...]
    appendix: str
    background_papers: str


def plan_report_file_name(short_name: str, year: str) -> str:
    return f"{safe_name(short_name)}_{year}_plan-for-adoption.docx"


def committee_report_file_name(short_name: str, subject: Period | str) -> str:
    """The committee report on a quarter (``2023-24-Q2``) or a year (``2023-24``)."""
    kind = "committee-report" if isinstance(subject, Period) else "year-committee-report"
    return f"{safe_name(short_name)}_{subject}_{kind}.docx"


def missing_details(plan: Plan) -> str:
    """A sentence naming the details of the plan's Committee sheet a report needs and does not have, or ''."""
    missing = plan.committee.missing()
    if not missing:
        return ""
    return (f"The plan's Committee sheet has no {listing(missing)}, so the report says "
            f"'{TO_BE_CONFIRMED}' there; fill {'it' if len(missing) == 1 else 'them'} in and write it again.")


def write_plan_report(workspace: Workspace, out: Path | None = None, *, meeting: date | None = None,
                      today: date | None = None, say: Callable[[str], None] | None = None) -> Path:
    """Write the report that takes the workspace's plan to its committee for adoption; return its path.

    Appendix A is the plan itself: by priority, each action with its lead and supporting partners, target
    date and success measure, and the priority's success measures with baseline and target.
    """
    today = today or date.today()
    plan = workspace.plan
    s, c = plan.settings, plan.committee
    paper = _paper(plan, f"Community Safety Strategy & Action Plan {s.financial_year}",
                   f"Strategy & Action Plan {s.financial_year}", today)
    frame = Frame(
        title=f"Community Safety Strategy & Action Plan {s.financial_year}", status=c.status,
        meeting=meeting or (c.meeting_dates[0] if c.meeting_dates else None), route=c.also_considered_by,
        summary=_adoption_summary(plan),
        recommendations=tuple((m, c.recommendation(m)) for m in ("", *(r.body for r in c.also_considered_by))),
        background=(DUTY, _assessment_paragraph(plan, assessment_ranking(workspace, plan)), _monitoring_paragraph(),
                    f"The plan for {s.financial_year} is at Appendix A. It sets out "
                    f"{count(len(plan.actions), 'action')} under {count(len(plan.priorities), 'priority', 'priorities')}"
                    f"{_measures_clause(plan)}, each action with the partner who leads it, the partners who "
                    "support it and its target date."),
        appendix=f"Community Safety Strategy & Action Plan {s.financial_year}",
        background_papers=_background_papers(plan))
    write_frame(paper, plan, frame)
    paper.landscape()
    paper.heading(f"Appendix A: {frame.appendix}")
    plan_appendix(paper, plan)
    path = paper.save(Path(out) if out else workspace.reports_dir / plan_report_file_name(s.short_name,
                                                                                         s.financial_year), say)
    first, last = year_span(parse_financial_year(s.financial_year))
    outside = [a.id for a in plan.actions if not first <= a.target_date <= last]
    if outside and say is not None:
        say(f"{count(len(outside), 'action')} in Appendix A {'has' if len(outside) == 1 else 'have'} a target date "
            f"outside {s.financial_year} ({', '.join(outside[:5])}{', ...' if len(outside) > 5 else ''}), as the "
            f"plan gives {'it' if len(outside) == 1 else 'them'}: give each a date in {s.financial_year} in the plan "
            "and write the report again before it goes to committee.")
    return path


def write_quarter_committee_report(workspace: Workspace, period: Period, as_of: date | None = None,
                                   out: Path | None = None, *, meeting: date | None = None,
                                   today: date | None = None, say: Callable[[str], None] | None = None) -> Path:
    """Write the committee report on ``period``: the frame around the quarter's circulated paper."""
    today = today or date.today()
    plan = workspace.plan
    view = period_view(workspace, period, as_of_for(workspace, period, as_of, today=today))
    earlier = last_quarter(workspace, view)
    c = committee_of(workspace, FinancialYear(period.year))
    due = period.due(view.plan.settings.return_due_days)
    meeting = meeting or c.meeting_after(due)
    if meeting is None and plan.settings.financial_year != period.financial_year:
        # A fourth quarter's returns are due in the next year: its paper goes to that year's first meeting.
        meeting = committee_of(workspace, parse_financial_year(plan.settings.financial_year)).meeting_after(due)
    title = f"Community Safety Strategy & Action Plan {period.financial_year}: monitoring, {period.label}"
    paper = _paper(plan, title, f"Q{period.quarter} {period.financial_year}", today)
    frame = Frame(
        title=title, status="For information",
        meeting=meeting, route=(),
        summary=quarter_summary(view, earlier), recommendations=(("", c.paragraph(QUARTER_RECOMMENDATION)),),
        background=(DUTY, _monitoring_paragraph(),
                    f"This report presents the position of the plan for {period.financial_year} in {period.label}, "
                    f"as of {day_text(view.as_of)}, at Appendix A: each priority's actions and their status, the "
                    "exceptions, the success measures and the partners' returns."),
        appendix=f"Quarterly monitoring, {period.label}", background_papers=_background_papers(plan))
    write_frame(paper, plan, frame, c)
    paper.portrait()
    paper.heading(f"Appendix A: {frame.appendix}")
    quarter_body(paper, redacted(view), earlier)
    path = Path(out) if out else workspace.reports_dir / committee_report_file_name(view.plan.settings.short_name,
                                                                                    period)
    return paper.save(path, say)


def write_year_committee_report(workspace: Workspace, year: FinancialYear, as_of: date | None = None,
                                out: Path | None = None, *, meeting: date | None = None, today: date | None = None,
                                say: Callable[[str], None] | None = None) -> Path:
    """Write the committee report on the financial year starting in ``year``: the frame around the year-end
    review (or the year so far), which goes back along the plan's route."""
    today = today or date.today()
    plan = workspace.plan
    view = year_view(workspace, year, as_of or today)
    # The review goes to committee after the year ends: in the next year's cycle, once the plan is rolled over.
    c = committee_of(workspace, FinancialYear(year + 1)) if plan.settings.financial_year == fy_label(year + 1) \
        else committee_of(workspace, year)
    what = "year-end review" if ended(view) else "the year so far"
    title = f"Community Safety Strategy & Action Plan {view.year}: {what}"
    paper = _paper(plan, title, f"{what} {view.year}", today)
    q4_due = Period(year=year, quarter=4).due(view.plan.settings.return_due_days)
    noting = c.paragraph(YEAR_RECOMMENDATION) if ended(view) else SO_FAR
    carried = carried_actions(workspace, year)
    frame = Frame(
        # The year-end review goes to the first meeting after Q4's returns; the year so far to the next one.
        title=title, status="For information", route=c.also_considered_by,
        meeting=meeting or c.meeting_after(q4_due if ended(view) else view.as_of),
        summary=year_summary(view),
        recommendations=tuple((m, noting) for m in ("", *(r.body for r in c.also_considered_by))),
        background=(DUTY, _monitoring_paragraph(),
                    (f"This report presents the year-end review of the plan for {view.year}, as of "
                     f"{day_text(view.as_of)}, at Appendix A: each priority's actions at the year's end, the success "
                     "measures and the partners' returns"
                     + (", and the actions carried into the next year's plan." if carried is not None else ".")
                     if ended(view) else
                     f"This report presents the progress so far of the plan for {view.year}, as of "
                     f"{day_text(view.as_of)}, at Appendix A: each priority's actions and their latest status, the "
                     "success measures and the partners' returns so far.")),
        appendix=f"{what[0].upper()}{what[1:]} {view.year}", background_papers=_background_papers(plan))
    write_frame(paper, plan, frame, c)
    paper.portrait()
    paper.heading(f"Appendix A: {frame.appendix}")
    year_body(paper, view, carried)
    path = Path(out) if out else workspace.reports_dir / committee_report_file_name(view.plan.settings.short_name,
                                                                                    fy_label(year))
    return paper.save(path, say)


# The frame ---------------------------------------------------------------------------------------------

def committee_of(workspace: Workspace, year: FinancialYear) -> Committee:
    """The committee's details for a financial ``year``: the plan's as it stands when it is that year's, else
    those of the year's plan workbook as the rollover kept it at the year's end (whose meeting dates are that
    year's), else those of the plan its last quarter was generated from."""
    plan = workspace.plan
    if plan.settings.financial_year == fy_label(year):
        return plan.committee
    if (kept := workspace.finished_plan(year)) is not None:
        return kept.committee
    return workspace.plan_for(Period(year=year, quarter=4)).committee


def _paper(plan: Plan, title: str, subject: str, today: date) -> Paper:
    """A report titled ``title``, its footer naming its ``subject`` briefly (``Q2 2023-24``)."""
    s = plan.settings
    return Paper(title=f"{s.partnership}: {title}", author=s.coordinator_name,
                 footer=f"{s.short_name} · committee report · {subject}", dated=today)


def write_frame(paper: Paper, plan: Plan, frame: Frame, c: Committee | None = None) -> None:
    """The report up to its appendix, in the order a council's committee reports follow; ``c``, the committee's
    details (the plan's when not given)."""
    c = c or plan.committee
    paper.title(frame.title, plan.settings.partnership)
    committee = c.committee or TO_BE_CONFIRMED
    paper.details([
        ("Committee and date", f"{committee} \u2013 {day_text(frame.meeting)}" if frame.meeting
         else f"{committee} \u2013 date {TO_BE_CONFIRMED.lower()}"),
        ("Report of", c.report_of or TO_BE_CONFIRMED), ("Status", frame.status),
        ("Also considered by", route_text(frame.route, frame.meeting)), ("Key decision", "Yes" if c.key_decision else "No")])
    paper.heading("Executive Summary")
    paper.paragraph(frame.summary)
    paper.details([("This report supports the Key Aim of", c.key_aim or TO_BE_CONFIRMED),
                   ("Portfolio Holder", c.portfolio_holder or TO_BE_CONFIRMED),
                   ("Contact Officer(s)", c.contact_officers or TO_BE_CONFIRMED)])
    paper.heading("Recommendations")
    for body, text in frame.recommendations:
        paper.paragraph(f"Recommendation to {body or committee}:", bold=True)
        paper.paragraph(text)
    paper.heading("Introduction and Background")
    for n, text in enumerate((t for t in frame.background if t), start=1):
        paper.paragraph(f"{n}\u2003{text}")
    for key, heading in _IMPLICATIONS:
        paper.heading(heading)
        paper.paragraph(c.paragraph(key))
    paper.heading("Conclusions")
    paper.paragraph(c.paragraph("Conclusions"))
    paper.heading("Appendices")
    paper.details([("Appendix A", frame.appendix)])
    paper.heading("Background Papers")
    paper.paragraph(frame.background_papers)


def route_text(route: Sequence[Meeting], meeting: date | None) -> str:
    """``Cabinet – 13 July 2023; Council – 18 July 2023``, or ``None``.  A body's date is said only when it
    follows the committee's meeting: the year-end review goes along the route the plan took a year before,
    and the dates the plan was adopted on are not its dates."""
    return "; ".join(f"{m.body} \u2013 {day_text(m.day)}" if m.day and meeting and m.day > meeting else m.body
                     for m in route) or "None"


def _adoption_summary(plan: Plan) -> str:
    s = plan.settings
    responds = (f" It responds to the community safety priorities identified in the {s.strategic_assessment}."
                if s.strategic_assessment else "")
    leads = {a.lead for a in plan.actions}
    return (f"This report presents the {s.partnership}'s Community Safety Strategy & Action Plan for "
            f"{s.financial_year}.{responds} The plan sets out {count(len(plan.actions), 'action')} under "
            f"{count(len(plan.priorities), 'priority', 'priorities')}, led by {count(len(leads), 'partner')}"
            f"{_measures_clause(plan)}.")


def _measures_clause(plan: Plan) -> str:
    n = len(plan.measures)
    return f", with {count(n, 'success measure')} to judge whether it is working" if n else ""


def _assessment_paragraph(plan: Plan, ranked: Sequence[Ranked]) -> str:
    """The assessment the plan names, and its priorities: in the order the assessment's scoring ranked them
    when it was scored here (``ranked``), else as the plan lists them, never called ranked."""
    s = plan.settings
    if s.strategic_assessment and ranked:
        names = "; ".join(f"({r.rank}) {r.candidate.name}" for r in ranked)
        return (f"The plan responds to the community safety priorities identified in the most recent strategic "
                f"assessment, the {s.strategic_assessment}, which ranked them in this order: {names}.")
    names = "; ".join(f"({n}) {p.name}" for n, p in enumerate(plan.priorities, start=1))
    if s.strategic_assessment:
        return (f"The plan responds to the community safety priorities identified in the {s.strategic_assessment}. "
                f"Its priorities are: {names}.")
    return f"The plan's priorities are: {names}."


def assessment_ranking(workspace: Workspace, plan: Plan) -> list[Ranked]:
    """The ranking of the assessment a plan names, when it is the year before's (as the rollover names it) and was
    scored here."""
    year_before = FinancialYear(parse_financial_year(plan.settings.financial_year) - 1)
    before = fy_label(year_before)
    if plan.settings.strategic_assessment != f"Strategic Assessment {before}":
        return []  # the plan names another assessment, or none: its ranking is not the one scored here
    with workspace.register(readonly=True) as register:
        scored = latest_scoring(register, year_before)
    return ranking(Scoring.model_validate_json(scored[0])) if scored else []


def _monitoring_paragraph() -> str:
    return ("The partnership monitors the plan each quarter: each partner reports on the actions it leads or "
            "supports and the figures it supplies, and the partnership's meeting receives a paper on the position. "
            "The year-end review returns to this committee.")


def _background_papers(plan: Plan) -> str:
    typed = plan.committee.paragraph("Background papers")
    if plan.settings.strategic_assessment and plan.settings.strategic_assessment not in typed:
        return plan.settings.strategic_assessment if typed == "None." else f"{typed} {plan.settings.strategic_assessment}."
    return typed


# Appendix A of the adoption report: the plan as a person reads it ------------------------------------------

ACTION_HEADERS = ("Action", "Lead partner", "Supporting partners", "Target date", "Success measure")
MEASURE_HEADERS = ("Success measure", "Supplied by", "Baseline", "Target")


def plan_appendix(paper: Paper, plan: Plan) -> None:
    """The plan by priority: its actions, then its success measures, in landscape tables whose headers repeat."""
    paper.paragraph("For each priority, the actions the partners will take: who leads each, who supports it, when it "
                    "is due and how its success will be seen; then the priority's success measures, each with its "
                    "baseline and target.", italic=True)
    for n, priority in enumerate(plan.priorities, start=1):
        paper.heading(f"Priority {n}: {priority.name}", level=2)
        actions = [a for a in plan.actions if a.priority_id == priority.id]
        if actions:
            paper.table(ACTION_HEADERS, [action_row(plan, a) for a in actions], (38, 14, 20, 10, 18))
        else:
            paper.paragraph("No actions under this priority.")
        measures = [m for m in plan.measures if m.priority_id == priority.id]
        if measures:
            paper.table(MEASURE_HEADERS, [measure_row(plan, m) for m in measures], (46, 18, 18, 18))


def action_row(plan: Plan, action: Action) -> tuple[str, str, str, str, str]:
    return (f"{action.id}: {action.text}", _name(plan, action.lead),
            "; ".join(_name(plan, p) for p in action.supporting) or "None", day_text(action.target_date),
            action.success_measure)


def measure_row(plan: Plan, measure: Measure) -> tuple[str, str, str, str]:
    baseline = figure_text(measure.baseline, measure.unit)
    if baseline and measure.baseline_period:
        baseline = f"{baseline} ({measure.baseline_period.replace('-Q', ' Q')})"
    return (f"{measure.id}: {measure.text}", _name(plan, measure.owner), baseline or "None", target_text(measure))


def _name(plan: Plan, partner_id: str) -> str:
    partner = plan.partner(partner_id)
    return partner.name if partner else partner_id

