"""The assessment's data round page: the strategic assessment's data returns generated, added, followed and sent
back for correction, as a quarter's returns are on its page."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

# Imported with the page, not on first use: a module whose models are built under a test's fake clock cannot be.
from ..errors import UsageError
from ..master.data_returns import data_round
from ..periods import AssessmentRound, FinancialYear, parse_financial_year
from ..problems import Severity
from ..returns.assessment import generate_assessment
from .context import MAX_UPLOAD_FILES, form_files, offered, start, workspace
from .ingesting import ingest_job
from .jobs import Job
from .uploads import Uploads

pages = Blueprint("assessment", __name__)

_RETURN_COLOURS = {"Received": "govuk-tag--green", "Received late": "govuk-tag--yellow", "Overdue": "govuk-tag--red",
                   "Not yet due": "govuk-tag--grey"}


def _round() -> AssessmentRound:
    return AssessmentRound(year=parse_financial_year(workspace().plan.settings.financial_year))


@pages.get("/assessment-data")
def show() -> str:
    ws, round_ = workspace(), _round()
    plan = ws.plan
    today = date.today()
    view = data_round(ws, round_, max(today, round_.start)) if plan.indicators else None
    return render_template("assessment.html", round=round_, plan=plan, view=view, colours=_RETURN_COLOURS,
                           Severity=Severity, due=round_.due(plan.settings.return_due_days),
                           returns=offered(f"returns/{round_}"), feedback=offered(f"feedback/{round_}"),
                           drafts=[d for d in offered("drafts") if d[1].name.startswith(f"{round_}_")],
                           first=round_.quarters[0].start, last=round_.quarters[-1].end)


@pages.post("/assessment-data/generate")
def generate() -> BaseResponse:
    ws, round_ = workspace(), _round()

    def work(job: Job) -> None:
        paths = generate_assessment(ws, FinancialYear(round_.year))
        job.outcome.lines.append(f"Generated {len(paths)} data returns for {round_.label}.")
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in paths.values()]

    return start(f"Generating the data returns for {round_}", url_for("assessment.show"), work)


@pages.post("/assessment-data/ingest")
def ingest() -> BaseResponse:
    from .period import form_day, received_when

    ws = workspace()
    when = received_when(form_day("received", "Received on"))
    uploads = Uploads(form_files("returns"), limit=MAX_UPLOAD_FILES)
    if not uploads.files:
        uploads.remove()
        raise UsageError("choose the data returns to add: one or more files, with any names.")
    return start(f"Adding {len(uploads.files)} files", url_for("assessment.show"), ingest_job(ws, uploads, when),
                 on_busy=uploads.remove)


@pages.post("/assessment-data/feedback")
def feedback() -> BaseResponse:
    from ..returns.corrections import feedback as write_feedback

    ws, round_ = workspace(), _round()

    def work(job: Job) -> None:
        paths = write_feedback(ws, round_)
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in paths.values()]
        job.outcome.lines.append(f"{len(paths)} data returns to send back for correction." if paths
                                 else f"No data return for {round_} needs correction.")

    return start(f"Writing the data returns for correction for {round_}", url_for("assessment.show"), work)


@pages.post("/assessment-data/mail")
def mail() -> BaseResponse:
    """Send the data returns or reminders, as drafts or by e-mail, or record them as sent by hand."""
    from .period import mail_round

    return mail_round(_round(), url_for("assessment.show"))
