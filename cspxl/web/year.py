"""The year's page, in the order the council's year goes: the strategic assessment and its workshop's scores,
the year's workbook and the year-end report (with its committee report), the rollover into the next year,
and the report that takes the plan to committee for adoption."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

# Imported with the page, not on first use: a module whose models are built under a test's fake clock cannot be.
from ..assessment.workshop import record_scores
from ..errors import UsageError
from ..periods import FinancialYear, fy_label, parse_financial_year
from ..report.assessment import write_assessment
from .context import MAX_UPLOAD_FILES, form_files, offered, start, workspace
from .jobs import Job, printed
from .uploads import Uploads

pages = Blueprint("year", __name__)


@pages.get("/year")
def show() -> str:
    from ..report.pdf import soffice

    ws = workspace()
    label = ws.plan.settings.financial_year
    written = [(n, p) for n, p in offered("master") + offered("reports") if "-Q" not in p.name]
    assessments = [(n, p) for n, p in written if "strategic-assessment" in p.name]
    return render_template("year.html", year=label, next_year=fy_label(parse_financial_year(label) + 1),
                           written=[w for w in written if w not in assessments], assessments=assessments,
                           kept=offered("plans"), pdf=soffice() is not None)


def _year_field() -> FinancialYear:
    text = (request.form.get("year") or "").strip()
    return parse_financial_year(text or workspace().plan.settings.financial_year)


@pages.post("/year/papers")
def papers() -> BaseResponse:
    from ..report import missing_details, write_year_committee_report, write_year_report
    from ..year.workbook import consolidate_year

    ws, year_start = workspace(), _year_field()
    pdf = request.form.get("pdf") == "yes"
    committee = request.form.get("committee") == "yes"

    def work(job: Job) -> None:
        written: list[Path] = [consolidate_year(ws, year_start, say=job.outcome.lines.append)]
        job.progress(1, 3)
        written.append(write_year_report(ws, year_start, say=job.outcome.lines.append))
        job.progress(2, 3)
        if committee:
            written.append(write_year_committee_report(ws, year_start, say=job.outcome.lines.append))
            if missing := missing_details(ws.plan):
                job.outcome.lines.append(missing)
        if pdf:
            printed(job, written)
        job.progress(3, 3)
        job.outcome.lines.insert(0, f"Wrote the year's workbook and the year-end report for {fy_label(year_start)}.")
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in written]

    return start(f"Writing the year's papers for {fy_label(year_start)}", url_for("year.show"), work)


@pages.post("/year/rollover")
def rollover() -> BaseResponse:
    from ..year.end import rollover as roll

    ws = workspace()
    following = (request.form.get("next_year") or "").strip()
    if not following:
        raise UsageError("give the year to roll the plan over into, like 2024-25.")

    def work(job: Job) -> None:
        done = roll(ws, parse_financial_year(following))
        job.outcome.lines.append(f"Closed {done.finished}: its plan is kept as {done.kept.name}, and every quarter of "
                                 "it stays reportable as it was.")
        dropped = f" ({', '.join(done.completed)})" if done.completed else ""
        job.outcome.lines.append(f"Wrote plan.xlsx for {done.year}: {len(done.carried)} actions carried from "
                                 f"{done.finished}, {len(done.completed)} completed actions not carried{dropped}.")
        if done.assessment:
            job.outcome.lines.append(f"Its priorities are in the order the {done.assessment} ranks them"
                                     + (f"; new in the plan: {', '.join(done.added)}." if done.added else "."))
        else:
            job.outcome.lines.append(f"{done.finished}'s strategic assessment was not scored here, so the priorities "
                                     "keep the finished plan's order.")
        job.outcome.lines.append(f"The Committee sheet keeps its details but not {done.finished}'s meeting dates: give "
                                 f"{done.year}'s before writing its committee reports.")
        if done.carried:
            job.outcome.lines.append(f"Check the plan: it lists every carried action whose target date is still "
                                     f"outside {done.year}; give each a date in {done.year}.")
        job.outcome.files = ["plan.xlsx", done.kept.relative_to(ws.root).as_posix()]

    return start(f"Rolling the plan over into {following}", url_for("year.show"), work)


@pages.post("/year/assessment")
def assessment() -> BaseResponse:
    """Write the strategic assessment and its workbook; with the workshop's filled-in Scoring sheet uploaded,
    read its scores back first, as ``cspxl assess YEAR --scores FILE`` does."""
    ws, year_start = workspace(), _year_field()
    pdf = request.form.get("pdf") == "yes"
    uploads = Uploads([f for f in form_files("scores") if f.filename], limit=MAX_UPLOAD_FILES)
    if len(uploads.files) > 1:
        uploads.remove()
        raise UsageError("choose one file of scores: the assessment workbook, its Scoring sheet filled in.")

    def work(job: Job) -> None:
        with uploads:
            for upload in uploads.files:
                scoring, report = record_scores(ws, year_start, upload.path)
                job.outcome.problems.extend(report)
                if scoring is None:
                    job.outcome.lines.append(f"{upload.name} was not read: fix the problems below and choose it "
                                             "again; nothing was recorded.")
                    job.outcome.failed = True
                    return
                job.outcome.lines.append(f"Scores read from {upload.name}: {len(scoring.candidates)} candidate "
                                         "priorities ranked.")
        written = list(write_assessment(ws, year_start, say=job.outcome.lines.append))
        if pdf:
            printed(job, written)
        job.outcome.lines.insert(0, f"Wrote the strategic assessment of {fy_label(year_start)} and its workbook; "
                                    "the workbook's Scoring sheet is the one to fill in at the workshop.")
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in written]

    return start(f"Writing the strategic assessment of {fy_label(year_start)}", url_for("year.show"), work,
                 on_busy=uploads.remove)


@pages.post("/year/adoption")
def adoption() -> BaseResponse:
    """Write the report that takes the plan as it stands to committee for adoption."""
    from ..report import missing_details, write_plan_report

    ws = workspace()
    pdf = request.form.get("pdf") == "yes"

    def work(job: Job) -> None:
        written = [write_plan_report(ws, say=job.outcome.lines.append)]
        if missing := missing_details(ws.plan):
            job.outcome.lines.append(missing)
        if pdf:
            printed(job, written)
        job.outcome.lines.insert(0, f"Wrote the report that takes the plan for {ws.plan.settings.financial_year} to "
                                    "committee for adoption, the plan as its Appendix A.")
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in written]

    return start("Writing the plan's report for adoption", url_for("year.show"), work)
