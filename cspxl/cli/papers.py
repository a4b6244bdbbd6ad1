"""The papers the meeting and the committee read: ``report``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from ..errors import UsageError
from .app import main
from .output import err, fail, friendly, out, render
from .params import DATE, PAPER_SUBJECT

if TYPE_CHECKING:
    from ..periods import FinancialYear, Period
    from ..workspace import Workspace


@main.command()
@click.argument("period", metavar="plan|PERIOD|YEAR", type=PAPER_SUBJECT)
@click.option("--as-of", type=DATE, help="Report the position on this day (default today), e.g. 28/07/2023.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the paper here (a .docx) instead of reports/ in the workspace.")
@click.option("--pdf", is_flag=True, help="Also print it to PDF with LibreOffice, beside the .docx.")
@click.option("--full", is_flag=True,
              help="Keep personal data in partners' updates (not to circulate); by default it is replaced.")
@click.option("--committee", is_flag=True,
              help="Write the committee report: the council's frame (from the plan's Committee sheet) with the "
                   "quarter's or the year's monitoring as its Appendix A.")
@click.option("--meeting", type=DATE, help="The committee's meeting date (default: the first of the Committee "
                                           "sheet's Meeting dates after the figures are in).")
@click.pass_obj
@friendly
def report(ws: Workspace, period: Period | FinancialYear | str, as_of: date | None, out_file: Path | None, pdf: bool,
           full: bool, committee: bool, meeting: date | None) -> None:
    """Write the meeting paper for PERIOD (summary, chart, exceptions, each priority's actions, returns),
    the year-end report for YEAR (e.g. 2023-24), or with --committee either inside the council's committee
    report frame; 'cspxl report plan' writes the report that takes the plan to committee for adoption, with
    the plan as its Appendix A.  Each is a Word document on A4."""
    from ..report import (
        missing_details,
        write_plan_report,
        write_quarter_committee_report,
        write_quarter_report,
        write_year_committee_report,
        write_year_report,
    )
    from ..report.pdf import no_pdf_sentence, soffice, to_pdf

    def say(line: str) -> None:
        out.print(escape(line), soft_wrap=True)

    if full and (committee or period == "plan"):
        raise UsageError("a committee report is public, so its appendix is the circulation copy; leave out --full.")
    if meeting is not None and not (committee or period == "plan"):
        raise UsageError("--meeting is the date of a committee report; add --committee, or leave it out.")
    said = ""
    if period == "plan" or committee:
        if period == "plan" and as_of is not None:
            raise UsageError("the adoption report presents the plan as it stands, not as of a day; leave out --as-of.")
        if period == "plan":
            path = write_plan_report(ws, out_file, meeting=meeting, say=say)
        elif isinstance(period, int):
            path = write_year_committee_report(ws, period, as_of, out_file, meeting=meeting, say=say)
        else:
            assert not isinstance(period, str)
            path = write_quarter_committee_report(ws, period, as_of, out_file, meeting=meeting, say=say)
        out.print(f"[green]Committee report written:[/green] {escape(str(path))}", soft_wrap=True)
        said = missing_details(ws.plan)
    elif isinstance(period, int):
        if full:
            raise UsageError("the year-end report holds statuses, not partners' updates, so there is nothing to keep "
                             "in full; leave out --full.")
        path = write_year_report(ws, period, as_of, out_file, say=say)
        out.print(f"[green]Year-end report written:[/green] {escape(str(path))}", soft_wrap=True)
    else:
        assert not isinstance(period, str)
        if as_of is None:
            from ..master.asof import as_of_said

            as_of, said = as_of_said(ws, period)
        path = write_quarter_report(ws, period, as_of, out_file, full=full, say=say)
        kind = "full paper (not to circulate)" if full else "paper"
        out.print(f"[green]Meeting {kind} written:[/green] {escape(str(path))}", soft_wrap=True)
    if said:
        say(said)
    if pdf:
        program = soffice()
        if program is None:
            err.print(no_pdf_sentence(path), soft_wrap=True)
            return
        out.print(f"[green]PDF written:[/green] {escape(str(to_pdf(path, program)))}", soft_wrap=True)


@main.command()
@click.argument("year", metavar="YEAR", type=PAPER_SUBJECT)
@click.option("--scores", "scores", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the workshop's scores from the Scoring sheet of this file (the assessment workbook, filled "
                   "in) and rank the priorities by them.")
@click.option("--as-of", type=DATE, help="Assess the position on this day (default today), e.g. 31/01/2024.")
@click.option("--pdf", is_flag=True, help="Also print the assessment to PDF with LibreOffice, beside the .docx.")
@click.pass_obj
@friendly
def assess(ws: Workspace, year: Period | FinancialYear | str, scores: Path | None, as_of: date | None, pdf: bool) -> None:
    """Write the Strategic Assessment carried out in YEAR (e.g. 2023-24) and its workbook, whose Scoring sheet
    the partnership fills in at its workshop; with --scores, read the scores back first and rank the
    priorities."""
    from ..assessment.workshop import record_scores
    from ..report.assessment import write_assessment
    from ..report.pdf import no_pdf_sentence, soffice, to_pdf

    if not isinstance(year, int):
        raise UsageError(f"give a financial year, e.g. 2023-24, not '{year}'.")

    def say(line: str) -> None:
        out.print(escape(line), soft_wrap=True)

    if scores is not None:
        scoring, report = record_scores(ws, year, scores)
        render(report)
        if scoring is None:
            fail(f"{scores.name} was not read: fix the problems above and give it again; nothing was recorded.", 1)
            return
        out.print(f"[green]Scores read:[/green] {len(scoring.candidates)} candidate priorities from "
                  f"{escape(scores.name)}", soft_wrap=True)
    paper, book = write_assessment(ws, year, as_of, say=say)
    out.print(f"[green]Strategic assessment written:[/green] {escape(str(paper))}", soft_wrap=True)
    out.print(f"[green]Its workbook (the Scoring sheet for the workshop):[/green] {escape(str(book))}", soft_wrap=True)
    if pdf:
        program = soffice()
        if program is None:
            err.print(no_pdf_sentence(paper), soft_wrap=True)
            return
        out.print(f"[green]PDF written:[/green] {escape(str(to_pdf(paper, program)))}", soft_wrap=True)
