"""The papers the meeting and the committee read: ``report``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from ..errors import UsageError
from .app import main
from .output import err, friendly, out
from .params import DATE, PERIOD_OR_YEAR

if TYPE_CHECKING:
    from ..periods import Period
    from ..workspace import Workspace


@main.command()
@click.argument("period", type=PERIOD_OR_YEAR)
@click.option("--as-of", type=DATE, help="Report the position on this day (default today), e.g. 28/07/2023.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the paper here (a .docx) instead of reports/ in the workspace.")
@click.option("--pdf", is_flag=True, help="Also print it to PDF with LibreOffice, beside the .docx.")
@click.option("--full", is_flag=True,
              help="Keep personal data in partners' updates (not to circulate); by default it is replaced.")
@click.pass_obj
@friendly
def report(ws: Workspace, period: Period | int, as_of: date | None, out_file: Path | None, pdf: bool,
           full: bool) -> None:
    """Write the meeting paper for PERIOD (summary, chart, exceptions, each priority's actions, returns),
    or the year-end report for YEAR (e.g. 2023-24), as a Word document on A4."""
    from ..report import write_quarter_report, write_year_report
    from ..report.pdf import no_pdf_sentence, soffice, to_pdf

    def say(line: str) -> None:
        out.print(escape(line), soft_wrap=True)

    said = ""
    if isinstance(period, int):
        if full:
            raise UsageError("the year-end report holds statuses, not partners' updates, so there is nothing to keep "
                             "in full; leave out --full.")
        path = write_year_report(ws, period, as_of, out_file, say=say)
        out.print(f"[green]Year-end report written:[/green] {escape(str(path))}", soft_wrap=True)
    else:
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
