"""A quarter's page: its returns generated and sent, returns added, the status, feedback and chasing,
the master and the papers, and closing it."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, send_file, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..cells import parse_date
from ..errors import CspxlError, UsageError
from ..mail.channels import ByHand, Channel, Drafts, Outbox
from ..periods import Period, ReturnsFor, parse_period
from ..problems import Severity
from ..year.overview import day_text
from .context import MAX_UPLOAD_FILES, form_files, offered, start, views, workspace
from .ingesting import ingest_job
from .jobs import Job, printed
from .uploads import Uploads

pages = Blueprint("period", __name__)

_RETURN_COLOURS = {"Received": "govuk-tag--green", "Received late": "govuk-tag--yellow", "Overdue": "govuk-tag--red",
                   "Not yet due": "govuk-tag--grey"}


def _period(name: str) -> Period:
    try:
        return parse_period(name)
    except CspxlError:
        abort(404, description=f"'{name}' is not a quarter; quarters are written like 2023-24-Q1.")


def received_when(received: date | None) -> datetime | None:
    """When returns typed as received on a day arrived (noon of a past day; ``None`` for today or none given),
    refusing a day in the future: a mistyped one would make its return supersede every real one, for good."""
    if received is not None and received > date.today():
        raise UsageError(f"Received on {received:%d/%m/%Y} is in the future; give the day the returns arrived.")
    return datetime.combine(received, time(12)) if received and received < date.today() else None


def form_day(field_name: str, label: str) -> date | None:
    """A day typed in a form field the UK way, ``None`` when left empty."""
    text = (request.form.get(field_name) or "").strip()
    if not text:
        return None
    day = parse_date(text)
    if day is None:
        raise UsageError(f"{label} '{text}' is not a date; write it like 31/12/2023.")
    return day


@pages.get("/quarters")
def current() -> BaseResponse:
    """The quarter that needs the coordinator (see the home page), or the plan's first."""
    from flask import redirect

    seen = views().overview()
    period = seen.current or seen.rounds[-1].period
    return redirect(url_for("period.show", name=str(period)), code=303)


@pages.get("/quarters/<name>")
def show(name: str) -> str:
    period = _period(name)
    view = views().period(period)
    returns = offered(f"returns/{period}")
    papers = [(n, p) for n, p in offered("master") + offered("reports") if str(period) in p.name]
    quarters = [Period(year=period.year, quarter=q) for q in range(1, 5)]  # the quarter's own year's
    from ..report.pdf import soffice

    return render_template("period.html", period=period, view=view, returns=returns, papers=papers,
                           feedback=offered(f"feedback/{period}"), drafts=offered(f"drafts/{period}"),
                           quarters=quarters, day_text=day_text, colours=_RETURN_COLOURS, Severity=Severity,
                           pdf=soffice() is not None, today=date.today())


@pages.get("/quarters/<name>/returns.zip")
def returns_zip(name: str) -> Response:
    period = _period(name)
    files = offered(f"returns/{period}")
    if not files:
        abort(404, description=f"No return has been generated for {period} yet.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for _, path in files:
            archive.write(path, path.name)
    buffer.seek(0)
    return send_file(buffer, mimetype="application/zip", as_attachment=True, download_name=f"returns {period}.zip")


@pages.post("/quarters/<name>/generate")
def generate(name: str) -> BaseResponse:
    from ..returns.issue import generate as generate_returns

    period, ws = _period(name), workspace()

    def work(job: Job) -> None:
        paths = generate_returns(ws, period, progress=job.progress)
        job.outcome.lines.append(f"Generated {len(paths)} returns for {period}.")
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in paths.values()]

    return start(f"Generating the returns for {period}", _back(period), work)


@pages.post("/quarters/<name>/ingest")
def ingest(name: str) -> BaseResponse:
    period, ws = _period(name), workspace()
    when = received_when(form_day("received", "Received on"))
    uploads = Uploads(form_files("returns"), limit=MAX_UPLOAD_FILES)
    if not uploads.files:
        uploads.remove()
        raise UsageError("choose the returns to add: one or more files, with any names.")
    work = ingest_job(ws, uploads, when)
    return start(f"Adding {len(uploads.files)} files to {period}", _back(period), work, on_busy=uploads.remove)


@pages.post("/quarters/<name>/feedback")
def feedback(name: str) -> BaseResponse:
    """Write a return for correction for each partner whose return has errors; with drafts or e-mail chosen,
    send each back too, as ``cspxl feedback --eml`` or ``--smtp`` does."""
    from ..mail.rounds import send_feedback
    from ..returns.corrections import feedback as write_feedback

    period, ws = _period(name), workspace()
    on = form_day("on", "Sent back on")
    how = request.form.get("how", "none")
    outbox = _outbox(ws, period, how, request.form.get("password", "")) if how in ("eml", "smtp") else None
    resend = request.form.get("resend") == "yes"

    def work(job: Job) -> None:
        paths = write_feedback(ws, period, on=on)
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in paths.values()]
        job.outcome.lines.append(f"{len(paths)} returns to send back for correction." if paths
                                 else f"No return for {period} needs correction.")
        if paths and outbox is not None:
            _delivered(job, ws, send_feedback(ws, period, paths, resend=resend, via=outbox))

    return start(f"Writing the returns for correction for {period}", _back(period), work)


@pages.post("/quarters/<name>/papers")
def papers(name: str) -> BaseResponse:
    from ..master.asof import as_of_said
    from ..master.workbook import consolidate
    from ..report import missing_details, write_quarter_committee_report, write_quarter_report

    period, ws = _period(name), workspace()
    as_of = form_day("as_of", "As of")
    wanted = set(request.form.getlist("papers")) or {"master", "circulation", "paper"}
    committee = "committee" in wanted
    pdf = request.form.get("pdf") == "yes"

    def work(job: Job) -> None:
        said = ""
        day = as_of
        if day is None:
            day, said = as_of_said(ws, period)
        written: list[Path] = []
        steps = [w for w in ("master", "circulation", "paper") if w in wanted]
        for n, what in enumerate(steps):
            job.progress(n, len(steps))
            if what == "paper":
                written.append(write_quarter_report(ws, period, day, say=job.outcome.lines.append))
            else:
                written.append(consolidate(ws, period, day, redact=what == "circulation", say=job.outcome.lines.append))
        if committee:
            written.append(write_quarter_committee_report(ws, period, day, say=job.outcome.lines.append))
            if missing := missing_details(ws.plan):
                job.outcome.lines.append(missing)
        if pdf:
            printed(job, written)
        job.progress(len(steps), len(steps))
        job.outcome.lines.insert(0, f"Written as of {day:%d/%m/%Y}." + (f" {said}" if said else ""))
        job.outcome.files = [p.relative_to(ws.root).as_posix() for p in written]

    return start(f"Writing the papers for {period}", _back(period), work)


@pages.post("/quarters/<name>/close")
def close(name: str) -> BaseResponse:
    from ..report.closing import close_period

    period, ws = _period(name), workspace()
    on = form_day("on", "Papers as of")

    def work(job: Job) -> None:
        done = close_period(ws, period, on, say=job.outcome.lines.append)
        job.outcome.lines.append(f"Closed {done.period} as of {done.on:%d/%m/%Y}: its papers as presented are kept "
                                 "in the archive, and a return for it that comes later is held, not applied.")
        job.outcome.files = [p for p in done.papers.values() if "/" in p]

    return start(f"Closing {period}", _back(period), work)


@pages.post("/quarters/<name>/reopen")
def reopen(name: str) -> BaseResponse:
    from ..report.closing import reopen_period

    period, ws = _period(name), workspace()

    def work(job: Job) -> None:
        done = reopen_period(ws, period)
        applied = ", ".join(f"{r.partner}'s (received {r.received_at:%d/%m/%Y})" for r in done.applied)
        job.outcome.lines.append(f"Reopened {done.period} (closed as of {done.closed_on:%d/%m/%Y}). "
                                 + (f"Applied: {applied}." if done.applied else "No return was held."))
        job.outcome.lines.extend(f"In the master: {line}" for line in done.master)
        job.outcome.lines.extend(f"In the meeting paper: {line}" for line in done.paper)
        if done.master or done.paper:
            job.outcome.lines.append(f"Write the papers again as of {done.as_of:%d/%m/%Y}, and close {done.period} "
                                     "again once they have gone to the board.")

    return start(f"Reopening {period}", _back(period), work)


@pages.post("/quarters/<name>/mail")
def mail(name: str) -> BaseResponse:
    """Send the returns or reminders, as drafts or by e-mail, or record the returns as sent by hand."""
    return mail_round(_period(name), _back(_period(name)))


def mail_round(period: ReturnsFor, back: str) -> BaseResponse:
    """The form's mail round for ``period`` (a quarter, or an assessment's data round) as a job: the returns or
    reminders sent, as drafts or by e-mail, or the returns recorded as sent by hand."""
    from ..mail import rounds

    ws = workspace()
    what = request.form.get("what", "")
    if what not in ("returns", "chase", "mark-sent"):
        raise UsageError("choose what to send: the returns, or reminders.")
    on = form_day("on", "Sent on")
    resend = request.form.get("resend") == "yes"
    via: Channel = _outbox(ws, period, request.form.get("how", "eml"), request.form.get("password", "")) \
        if what != "mark-sent" else ByHand(on)
    titles = {"returns": "Sending the returns", "chase": "Chasing the returns",
              "mark-sent": "Recording the returns as sent"}

    def work(job: Job) -> None:
        if what == "chase" and not isinstance(via, ByHand):
            result = rounds.chase(ws, period, resend=resend, via=via)
        else:
            result = rounds.send(ws, period, resend=resend, via=via)
        _delivered(job, ws, result)

    return start(f"{titles[what]} for {period}", back, work)


def _delivered(job: Job, ws: Any, result: Any) -> None:
    """Each partner's delivery in a sentence, and the drafts written offered for download."""
    root = ws.root.resolve()
    for d in result.deliveries:
        where = f" to {', '.join(d.recipients)}" if d.recipients else ""
        job.outcome.lines.append(f"{d.partner}: {d.kind} {d.outcome}{where}" + (f" ({d.detail})" if d.detail else ""))
        if d.path and Path(d.path).resolve().is_relative_to(root):
            job.outcome.files.append(Path(d.path).resolve().relative_to(root).as_posix())
    counts = ", ".join(f"{result.count(k)} {k}" for k in ("sent", "drafted", "recorded", "skipped", "failed")
                       if result.count(k))
    job.outcome.lines.append(counts or "Nothing to send.")
    job.outcome.failed = result.failed


def _outbox(ws: Any, period: ReturnsFor, how: str, password: str) -> Outbox:
    """Where the form asks the messages to go: the SMTP server, or drafts in the workspace's drafts folder."""
    import os
    from dataclasses import replace

    from ..mail.smtp import smtp_from_settings

    if how == "smtp":
        smtp = smtp_from_settings(ws.plan)
        secret = password or os.environ.get("CSPXL_SMTP_PASSWORD", "")
        if smtp.user and not secret:
            raise UsageError(f"the SMTP server needs the password for '{smtp.user}': type it in the password box.")
        return replace(smtp, password=secret)
    return Drafts(ws.drafts_dir(period))


def _back(period: Period) -> str:
    return url_for("period.show", name=str(period))
