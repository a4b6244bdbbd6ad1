"""The year's page: the year's workbook, the year-end report, and the rollover into the next year."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..errors import UsageError
from ..periods import fy_label, parse_financial_year
from .context import offered, start, workspace
from .jobs import Job

pages = Blueprint("year", __name__)


@pages.get("/year")
def show() -> str:
    from ..report.pdf import soffice

    ws = workspace()
    label = ws.plan.settings.financial_year
    written = [(n, p) for n, p in offered("master") + offered("reports") if "-Q" not in p.name]
    return render_template("year.html", year=label, next_year=fy_label(parse_financial_year(label) + 1),
                           written=written, kept=offered("plans"), pdf=soffice() is not None)


def _year_field() -> int:
    text = (request.form.get("year") or "").strip()
    return parse_financial_year(text or workspace().plan.settings.financial_year)


@pages.post("/year/papers")
def papers() -> BaseResponse:
    from ..report import write_year_report
    from ..report.pdf import no_pdf_sentence, soffice, to_pdf
    from ..year.workbook import consolidate_year

    ws, year_start = workspace(), _year_field()
    pdf = request.form.get("pdf") == "yes"

    def work(job: Job) -> None:
        written: list[Path] = [consolidate_year(ws, year_start, say=job.outcome.lines.append)]
        job.progress(1, 2)
        written.append(write_year_report(ws, year_start, say=job.outcome.lines.append))
        if pdf:
            program = soffice()
            if program is None:
                job.outcome.lines.append(no_pdf_sentence(written[-1]))
            else:
                written.append(to_pdf(written[-1], program))
        job.progress(2, 2)
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
        done = roll(ws, following)
        job.outcome.lines.append(f"Closed {done.finished}: its plan is kept as {done.kept.name}, and every quarter of "
                                 "it stays reportable as it was.")
        dropped = f" ({', '.join(done.completed)})" if done.completed else ""
        job.outcome.lines.append(f"Wrote plan.xlsx for {done.year}: {len(done.carried)} actions carried from "
                                 f"{done.finished}, {len(done.completed)} completed actions not carried{dropped}.")
        if done.carried:
            job.outcome.lines.append(f"Check the plan: it lists every carried action whose target date is still "
                                     f"outside {done.year}; give each a date in {done.year}.")
        job.outcome.files = ["plan.xlsx", done.kept.relative_to(ws.root).as_posix()]

    return start(f"Rolling the plan over into {following}", url_for("year.show"), work)
