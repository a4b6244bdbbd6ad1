"""``cspxl demo``: a whole year on the shipped example, with simulated partners, in a new folder.

A sample of police.uk's crime figures is imported first.  Four quarters are run, each carrying
forward the one before: returns are generated, filled in
(some messy, one late, one never sent back), renamed, ingested in any order and consolidated.  The
plan changes after the second quarter (an action added, one given to another lead, one reworded);
each quarter's master and meeting paper are written a week after its returns were due, and the quarter
closed (its papers have gone to the board); after the fourth the year's workbook is written, the year
closed (``rollover``) and the year-end report written.

The council's cycle runs beside it: after the third quarter, in the winter, the strategic assessment's
workbook is written, the workshop's scores typed into its Scoring sheet and read back, and the
assessment written; the rollover then ranks the next plan's priorities by it, and the report that
takes that plan to committee for adoption is written.

Partners report on the recommendations of reviews they own or support as they go (see :mod:`.reviews`), and the
board signs off what is done a week after each quarter's papers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from pydantic import BaseModel

from ..crime.imports import import_crime, month_text
from ..errors import UsageError
from ..master.workbook import consolidate
from ..periods import FinancialYear, Period, fy_label, parse_financial_year
from ..plan import Plan
from ..plan.workbook import write_plan_workbook
from ..recommendations.board import signoff
from ..report import write_plan_report, write_year_report
from ..report.assessment import write_assessment
from ..report.closing import close_period
from ..returns.issue import generate
from ..returns.layout import HEADER_ROW
from ..returns.receive import ingest
from ..workspace import EXAMPLE_CRIME, Workspace, example_plan_path, init_workspace
from ..year.end import rollover
from ..year.workbook import consolidate_year
from .partners import fill_return, previous_statuses, simulated_answers, simulated_figures
from .reviews import SIGNED_OFF, TYPED

#: The partner who never returns in Q2 (an overdue return), the one who is late, the one who types
#: like a person in a hurry (and sends a correction), and the one whose return keeps an error.
SILENT_PARTNER = "clarion"
LATE_PARTNER = "kcc"
MESSY_PARTNER = "kent-police"
CARELESS_PARTNER = "kfrs"
#: Writes personal data into an update (a fictional victim, an Ofcom drama number), flagged for the master.
DETAILED_PARTNER = "davss"


class Demo(BaseModel):
    """What the demo made: each quarter's master, the year's workbook, the plans, and the papers."""

    masters: dict[str, Path]
    year: Path
    plan: Path
    finished_plan: Path
    #: The last quarter's meeting paper and the year-end report, as Word documents.
    report: Path
    year_report: Path
    #: The strategic assessment (with its workbook beside it) and the next plan's report for adoption.
    assessment: Path
    adoption: Path

    @property
    def master(self) -> Path:
        """The master to open first: the second quarter's, with a correction, a late and an overdue
        return, and personal data flagged."""
        return self.masters[next(p for p in self.masters if p.endswith("Q2"))]


def run_demo(folder: Path, say: Callable[[str], None] = lambda _: None) -> Demo:
    """Run the demo year in ``folder`` (which must be new or empty)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} is not empty; give the demo a new folder.")
    ws = init_workspace(folder, example_plan_path())
    plan = ws.plan
    say(f"Workspace created in {folder} with the {plan.settings.partnership} plan.")
    crime = import_crime(ws, [EXAMPLE_CRIME])
    say(f"Crime figures imported for {crime.area}, {month_text(crime.held[0])} to {month_text(crime.held[-1])} "
        "(a fictional sample in police.uk's format).")
    year = parse_financial_year(plan.settings.financial_year)
    masters: dict[str, Path] = {}
    papers: dict[str, Path] = {}
    for quarter in (1, 2, 3, 4):
        if quarter == 3:
            write_plan_workbook(ws.plan_path, _changed(plan))
            plan = ws.plan
            say("After Q2 the plan changed: A46 added, A07 given to the Forward Trust, A01 reworded; "
                "Q1 and Q2 keep the plan they were run with.")
        period = Period(year=year, quarter=quarter)
        due = _quarter(ws, plan, period, folder, say)
        as_of = due + timedelta(days=7)
        masters[str(period)] = consolidate(ws, period, as_of=as_of)
        papers[str(period)] = Path(close_period(ws, period, as_of, today=as_of).papers["paper"])
        say(f"{period}: master and meeting paper written as of {as_of:%d/%m/%Y}, and the quarter closed once they "
            "went to the board.")
        if signed := SIGNED_OFF.get(quarter):
            meeting = as_of + timedelta(days=7)
            signoff(ws, signed, meeting, by="CSP Board")
            say(f"{period}: at its meeting on {meeting:%d/%m/%Y} the board signed off {', '.join(signed)}.")
        if quarter == 2:
            _data_returns(ws, year, folder, say)
        if quarter == 3:
            assessed = _assessment(ws, year, as_of, folder, say)
    year_book = consolidate_year(ws, year, as_of=as_of)
    say(f"{fy_label(year)}: the year's workbook written.")
    closed = rollover(ws, FinancialYear(year + 1))
    say(f"{fy_label(year)} closed: {len(closed.carried)} unfinished actions carried into the {closed.year} plan, "
        f"{len(closed.completed)} completed ones not; its priorities in the order the {closed.assessment} ranks them.")
    year_report = write_year_report(ws, year, as_of, today=as_of)
    say(f"{fy_label(year)}: the year-end report written.")
    _meetings(ws, FinancialYear(year + 1))
    adoption = write_plan_report(ws, today=as_of)
    say(f"{closed.year}: the report that takes the plan to committee for adoption written.")
    return Demo(masters=masters, year=year_book, plan=closed.plan, finished_plan=closed.kept,
                report=papers[str(period)], year_report=year_report, assessment=assessed, adoption=adoption)


#: The supplier whose data return comes late, and the one who types a word for a figure (and corrects it).
LATE_SUPPLIER, SLIPPING_SUPPLIER = "wkha", "icb"


def _data_returns(ws: Workspace, year: FinancialYear, folder: Path, say: Callable[[str], None]) -> None:
    """The autumn's data round: the strategic assessment's data returns generated and filled in by each supplier,
    one a week late and one with a word for a figure, sent back for correction and corrected."""
    from ..periods import AssessmentRound
    from ..returns.assessment import generate_assessment
    from ..returns.corrections import feedback
    from .partners import fill_data_return

    round_ = AssessmentRound(year=year)
    due = round_.due(ws.plan.settings.return_due_days)
    issued = generate_assessment(ws, year, today=round_.start + timedelta(days=1))
    inbox = folder / "inbox" / str(round_)
    for partner, path in issued.items():
        filled = fill_data_return(path, inbox / f"{partner} figures for the assessment.xlsx", f"{partner}{year}",
                                  slip="about 40" if partner == SLIPPING_SUPPLIER else "")
        late = partner == LATE_SUPPLIER
        ingest(ws, [filled], datetime.combine(due + timedelta(days=7 if late else -8), time(10)))
    sent_back = feedback(ws, round_, on=due + timedelta(days=1))
    for partner, path in sent_back.items():
        fixed = fill_data_return(path, inbox / f"{partner} figures corrected.xlsx", f"{partner}{year}")
        ingest(ws, [fixed], datetime.combine(due + timedelta(days=6), time(10)))
    say(f"{round_}: {len(issued)} data returns for the strategic assessment generated and ingested "
        f"({LATE_SUPPLIER} a week late; {', '.join(sent_back) or 'none'} sent back for correction and corrected).")


def _meetings(ws: Workspace, year: FinancialYear) -> None:
    """The new year's committee meetings, typed into the rolled-over plan as the coordinator would."""
    from ..plan import Meeting

    plan = ws.plan
    days = (date(year, 6, 25), date(year, 9, 17), date(year, 11, 19), date(year + 1, 2, 11))
    route = (Meeting(body="Cabinet", day=date(year, 7, 11)), Meeting(body="Council", day=date(year, 7, 16)))
    write_plan_workbook(ws.plan_path, plan.model_copy(update={"committee": plan.committee.model_copy(
        update={"meeting_dates": days, "also_considered_by": route})}))


#: The workshop's scores of the example's priorities on the default criteria (harm, volume, trend, public
#: concern, partnership capacity): domestic abuse and drugs ranked highest.
WORKSHOP_SCORES: dict[str, tuple[int, ...]] = {
    "P1": (3, 4, 3, 4, 3), "P2": (2, 5, 3, 5, 4), "P3": (5, 4, 4, 4, 4), "P4": (4, 2, 3, 3, 3),
    "P5": (4, 3, 3, 3, 3), "P6": (5, 3, 4, 4, 3), "P7": (5, 3, 4, 4, 4),
}


def _assessment(ws: Workspace, year: FinancialYear, as_of: date, folder: Path, say: Callable[[str], None]) -> Path:
    """The winter's strategic assessment: its workbook written, the workshop's scores typed into a copy of its
    Scoring sheet and read back, and the assessment written with the priorities ranked."""
    import openpyxl

    from ..assessment.scoring import HEADER_ROW as SCORING_HEADER
    from ..assessment.workshop import record_scores

    _, book = write_assessment(ws, year, as_of, today=as_of)
    wb = openpyxl.load_workbook(book)
    sheet = wb["Scoring"]
    for row in range(SCORING_HEADER + 2, SCORING_HEADER + 2 + len(WORKSHOP_SCORES)):
        for col, score in enumerate(WORKSHOP_SCORES.get(str(sheet.cell(row, 1).value), ()), start=3):
            sheet.cell(row, col).value = score
    scores = folder / "inbox" / "assessment" / "Scoring - workshop.xlsx"
    scores.parent.mkdir(parents=True, exist_ok=True)
    wb.save(scores)
    scoring, report = record_scores(ws, year, scores, datetime.combine(as_of, time(16)))
    assert scoring is not None, [str(p) for p in report]
    paper, _ = write_assessment(ws, year, as_of, today=as_of)
    say(f"{fy_label(year)}: the strategic assessment written, its priorities ranked by the workshop's scores.")
    return paper


def _quarter(ws: Workspace, plan: Plan, period: Period, folder: Path, say: Callable[[str], None]) -> date:
    """One quarter: its returns generated, filled in as partners do, and ingested in any order; its due date."""
    quarter = period.quarter
    returns = generate(ws, period)
    say(f"{period}: generated {len(returns)} returns in {ws.returns_dir(period)}.")
    inbox = folder / "inbox" / str(period)
    due = period.due(plan.settings.return_due_days)
    rng = random.Random(str(period))
    filled: list[tuple[Path, datetime]] = []
    for partner_id, path in returns.items():
        if partner_id == SILENT_PARTNER and quarter == 2:
            continue
        actions = [a.id for a, _ in plan.actions_for(partner_id)]
        answers = simulated_answers(actions, period.end, f"{period}/{partner_id}", previous_statuses(path))
        figures = simulated_figures(path, f"{period}/{partner_id}/figures")
        recommendations = TYPED.get(quarter, {}).get(partner_id)
        days = rng.randint(-10, 0) if partner_id != LATE_PARTNER else rng.randint(3, 9)
        received = datetime.combine(due + timedelta(days=days), time(10, 0))
        out = inbox / f"{partner_id} Q{quarter} return (completed).xlsx"
        extra: dict[str, object] = {}
        if partner_id == CARELESS_PARTNER and quarter == 2:
            answers[actions[0]] |= {"Status": "At risk", "Progress update": None}
            extra[f"C{HEADER_ROW + len(actions) + 2}"] = "Sorry this is late - call me if anything is unclear"
            figures[next(iter(figures))] = {"Value": "tbc", "Comment": "Awaiting the quarter's incident data."}
        if partner_id == DETAILED_PARTNER and quarter == 2:
            # Too much detail, as happens: a victim's name, date of birth and number in an update.
            answers[actions[0]] |= {"Progress update": "IDVA supported Mrs Okafor (DOB 03/04/1985) after the "
                                                      "incident; safe contact 07700 900461. Risk now medium."}
        if partner_id == MESSY_PARTNER:
            # What people really type: stray spaces, "50%" as text, a UK date as text, sorted rows.
            first = next(a for a in actions if answers[a]["Status"] not in ("Completed",))
            answers[first] |= {"Status": " on track ", "% complete": "50%", "Revised target date": "31/03/2024",
                               "Progress update": "Patrol plan agreed; first two operations done."}
            # Figures typed as text: a count with a stray space, a percentage with its sign.
            figures = {m: {"Value": f"{v['Value']:g}%" if isinstance(v["Value"], float) else f"{v['Value']} "}
                       for m, v in figures.items()}
            if quarter == 2:  # a first version with a mistake, then the correction two days later
                wrong = answers[first] | {"Status": "Off track", "Progress update": ""}
                draft = fill_return(path, inbox / f"{partner_id} Q2 return DRAFT.xlsx", answers | {first: wrong},
                                    figures=figures, recommendations=recommendations)
                filled.append((draft, received - timedelta(days=2)))
        fill_return(path, out, answers, sort_by="Status" if partner_id == MESSY_PARTNER else None, extra_cells=extra,
                    figures=figures, recommendations=recommendations)
        filled.append((out, received))
    rng.shuffle(filled)
    for out, received in filled:
        ingest(ws, [out], received=received)
    say(f"{period}: ingested {len(filled)} files from {inbox}.")
    return due


def _changed(plan: Plan) -> Plan:
    """The plan as a coordinator edits it after the second quarter."""
    actions = [a.model_copy(update={"lead": "forward-trust"}) if a.id == "A07"
               else a.model_copy(update={"text": a.text + " (with the town and parish councils)"}) if a.id == "A01"
               else a for a in plan.actions]
    actions.append(plan.actions[0].model_copy(update={
        "id": "A46", "text": "Pilot a neighbour mediation service for repeat noise complaints", "lead": "sdc",
        "supporting": ("wkha",), "target_date": Period(year=int(plan.settings.financial_year[:4]), quarter=4).end}))
    return plan.model_copy(update={"actions": tuple(actions)})

