"""The commands of the quarterly cycle: init, check, generate, ingest, status, consolidate, and the demo."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from ..errors import UsageError, WorkspaceError
from .app import main
from .output import RETURN_COLOURS, ProgressBar, count, err, friendly, out, plural, problem_line, render, status_table
from .params import DATE, DATETIME, PERIOD_OR_YEAR, RETURNS_FOR

if TYPE_CHECKING:
    from ..periods import AssessmentRound, FinancialYear, Period, ReturnsFor
    from ..workspace import Workspace


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Start from the Sevenoaks District 2023-24 example plan.")
@click.option("--partnership", metavar="NAME", default="",
              help="The partnership's full name, for the blank plan's Settings and its printed pages.")
@friendly
def init(folder: Path, example: bool, partnership: str) -> None:
    """Create a new workspace in FOLDER with a plan workbook and a new signing key."""
    from ..workspace import example_plan_path, init_workspace

    if example and partnership:
        raise click.UsageError("the example plan is the Sevenoaks partnership's; give --example or --partnership.")
    ws = init_workspace(folder, example_plan_path() if example else None, partnership.strip())
    out.print(f"Created the workspace {ws.root}.")
    where = f'"{ws.root}"' if " " in str(ws.root) else str(ws.root)  # a path with a space, quoted to be typed
    out.print(f"  Plan workbook: {ws.plan_path} (edit it in Excel, then run 'cspxl -w {where} check').")
    out.print(f"  Signing key:   {ws.key_path} (back it up somewhere safe; never send it to anyone).")


@main.command()
@click.argument("plan", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Make PLAN the workspace's plan.xlsx if it has no error "
              "(the plan it replaces is kept in plans/).")
@click.pass_obj
@friendly
def check(ws: Workspace, plan: Path | None, replace: bool) -> None:
    """Validate the plan workbook (the workspace's plan.xlsx, or PLAN) and list every problem."""
    from ..plan import read_plan

    path = plan or ws.plan_path
    if not path.is_file():
        raise WorkspaceError(f"there is no plan workbook at {path}; run 'cspxl init DIR' or give the plan's path.")
    if replace and (plan is None or path.resolve() == ws.plan_path.resolve()):
        raise UsageError("give the plan workbook to take as the workspace's plan: 'cspxl check PLAN --replace'.")
    kept: Path | None = None
    if replace:
        ws.require()
        result, report, kept = ws.replace_plan(path)
    else:
        result, report = read_plan(path)
    render(report)
    if not report.ok or result is None:
        n = len(report.errors)
        err.print(f"[red]{path.name} has {n} error{'s' if n != 1 else ''}; "
                  "fix them in the workbook and run check again.[/red]")
        sys.exit(2)
    if replace:
        out.print(f"{path.name} is now the workspace's plan ({ws.plan_path})"
                  + (f"; the plan it replaced is kept as {kept}." if kept else "."))
        path = ws.plan_path
    if path == ws.plan_path and ws.register_path.is_file():
        from ..problems import problem

        render(problem("period-plan-differs", file=path.name, value=period, changes=changes.describe())
               for period, changes in ws.period_plan_changes(result).items())
    measures = f", {plural(len(result.measures), 'measure')}" if result.measures else ""
    measures += f", {plural(len(result.indicators), 'indicator')}" if result.indicators else ""
    measures += f", {plural(len(result.recommendations), 'recommendation')}" if result.recommendations else ""
    out.print(f"[green]{path.name} is valid:[/green] {plural(len(result.partners), 'partner')}, "
              f"{len(result.priorities)} priorit{'y' if len(result.priorities) == 1 else 'ies'}, "
              f"{plural(len(result.actions), 'action')}{measures} for {result.settings.financial_year} "
              f"(plan version {result.version}).")


@main.command()
@click.argument("period", metavar="PERIOD|YEAR", type=PERIOD_OR_YEAR)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the returns (default: returns/PERIOD in the workspace).")
@click.option("--assessment", is_flag=True, help="With YEAR: the strategic assessment's data returns, one for each "
                                                 "partner that supplies indicators (see the plan's Indicators sheet).")
@click.pass_obj
@friendly
def generate(ws: Workspace, period: Period | FinancialYear, partners: tuple[str, ...], out_dir: Path | None,
             assessment: bool) -> None:
    """Write one return workbook per partner for PERIOD; with --assessment, the strategic assessment's data
    returns for YEAR (e.g. 2023-24)."""
    from ..returns.issue import generate as generate_returns

    if isinstance(period, int) != assessment:
        raise UsageError("give a quarter, e.g. 2023-24-Q1, for the quarterly returns, or a year with --assessment, "
                         "e.g. 2023-24 --assessment, for the strategic assessment's data returns.")
    if isinstance(period, int):
        from ..periods import AssessmentRound
        from ..returns.assessment import generate_assessment

        paths = generate_assessment(ws, period, partners, out_dir)
        for partner_id, path in paths.items():
            out.print(f"{partner_id:20} {path}")
        round_ = AssessmentRound(year=period)
        due = round_.due(ws.plan.settings.return_due_days)
        out.print(f"[green]Generated {len(paths)} data return{'s' if len(paths) != 1 else ''} for {round_}, "
                  f"{round_.label}, due {due:%d/%m/%Y}.[/green]")
        return
    with ProgressBar(f"Generating returns for {period}") as progress:
        paths = generate_returns(ws, period, partners, out_dir, progress=progress)
    for partner_id, path in paths.items():
        out.print(f"{partner_id:20} {path}")
    out.print(f"[green]Generated {len(paths)} return{'s' if len(paths) != 1 else ''} for {period}.[/green]")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--received", type=DATETIME,
              help="When the returns arrived (default: now), e.g. 10/07/2023 or 10/07/2023 14:30.")
@click.option("--partner", metavar="ID", help="With --period: take files that have lost their identity as this "
              "partner's return (refused unless their rows match the actions issued).")
@click.option("--period", "for_period", type=RETURNS_FOR,
              help="With --partner: the period (or the assessment's data round, e.g. 2023-24-SA) those files are for.")
@click.pass_obj
@friendly
def ingest(ws: Workspace, paths: tuple[Path, ...], received: datetime | None, partner: str | None,
           for_period: ReturnsFor | None) -> None:
    """Read returned files and folders (any names, any order) into the register."""
    if (partner is None) != (for_period is None):
        raise click.UsageError("give --partner and --period together.")
    from ..returns.receive import FileOutcome, Outcome
    from ..returns.receive import ingest as ingest_files

    labels = {"accepted": "[green]accepted[/]", "held": "[yellow]held[/]", "duplicate": "[cyan]already in[/]",
              "rejected": "[red]rejected[/]", "skipped": "[dim]skipped[/]"}

    with ProgressBar("Ingesting") as progress:

        def show(f: FileOutcome) -> None:
            """The file's verdict, on standard output: the path as given, then why or who."""
            why = next((p.message.removeprefix("Skipped: ") for p in f.problems if p.code == "file-skipped"), "")
            who = f" {f.partner} {f.period}" if f.partner else f": {why}" if why else ""
            progress.print(f"{labels[f.outcome]} {escape(f.path)}{escape(who)}")
            for p in f.problems:
                if p.code not in ("file-duplicate", "file-skipped"):
                    progress.print(problem_line(p))

        assign = (partner, for_period) if partner and for_period else None
        result = ingest_files(ws, paths, received, on_file=show, assign=assign, progress=progress)
    outcomes: tuple[Outcome, ...] = ("accepted", "held", "duplicate", "rejected", "skipped")
    summary = ", ".join(f"{result.count(k)} {k}" for k in outcomes if result.count(k))
    out.print(summary or "No files found.")
    if not result.any_returns:
        out.print(f"No return was found in {' '.join(str(p) for p in paths)}.")
    if result.failed:
        sys.exit(1)


@main.command()
@click.argument("period", metavar="PERIOD", type=RETURNS_FOR)
@click.option("--as-of", type=DATE, help="Judge lateness as of this day (default: today).")
@click.pass_obj
@friendly
def status(ws: Workspace, period: ReturnsFor, as_of: date | None) -> None:
    """Show who has returned for PERIOD (or a strategic assessment's data round, e.g. 2023-24-SA), and who is
    late or overdue."""
    from ..master.view import period_view
    from ..periods import AssessmentRound

    if isinstance(period, AssessmentRound):
        _data_round_status(ws, period, as_of)
        return
    view = period_view(ws, period, as_of, history=False)
    out.print(status_table(view, out.width))
    if view.closed_on:
        out.print(f"{period} was closed as of {view.closed_on:%d/%m/%Y}: its figures are as presented then.")
    if view.held:
        held = ", ".join(f"{escape(partner)} (received {when:%d/%m/%Y})" for partner, when in view.held)
        out.print(f"Held since, not applied: {held}; 'cspxl reopen {period}' applies "
                  f"{'it' if len(view.held) == 1 else 'them'}.", soft_wrap=False)
    counts = ", ".join(f"{view.returns_with(s)} {s.lower()}" for s in RETURN_COLOURS if view.returns_with(s))
    out.print(f"{len(view.returns)} expected: {counts}. {plural(len(view.overdue_actions), 'action')} overdue.")
    if not any(r.files for r in view.returns):
        out.print(f"No returns for {period} have been ingested yet; save them in a folder and run "
                  f"'cspxl ingest FOLDER'.")
        return
    errors = [r for r in view.returns if count(r.problems, "error")]
    warnings = [r for r in view.returns if count(r.problems, "warning") and r not in errors]
    must = ", ".join(f"{escape(r.partner.id)} ({plural(count(r.problems, 'error'), 'error')})" for r in errors)
    out.print(f"Must correct: {must} (run 'cspxl feedback {period}')." if errors else "No return needs correcting.",
              soft_wrap=False)
    if warnings:
        said = ", ".join(f"{escape(r.partner.id)} ({plural(count(r.problems, 'warning'), 'warning')})"
                         for r in warnings)
        out.print(f"Warnings only, to read: {said}.", soft_wrap=False)


def _data_round_status(ws: Workspace, round_: AssessmentRound, as_of: date | None) -> None:
    """The status of a strategic assessment's data round: the suppliers' returns, as a quarter's."""
    from ..master.data_returns import data_round

    view = data_round(ws, round_, as_of)
    if not view.returns:
        out.print(f"The plan lists no indicators, so no data return is expected for {round_}; add them to its "
                  "Indicators sheet.")
        return
    out.print(status_table(view, out.width))
    counts = ", ".join(f"{view.returns_with(s)} {s.lower()}" for s in RETURN_COLOURS if view.returns_with(s))
    out.print(f"{len(view.returns)} expected: {counts}.")
    errors = [r for r in view.returns if count(r.problems, "error")]
    must = ", ".join(f"{escape(r.partner.id)} ({plural(count(r.problems, 'error'), 'error')})" for r in errors)
    out.print(f"Must correct: {must} (run 'cspxl feedback {round_}')." if errors else "No data return needs correcting.",
              soft_wrap=False)


@main.command()
@click.argument("period", type=PERIOD_OR_YEAR)
@click.option("--as-of", type=DATE, help="Judge overdue actions and returns as of this day (default: today).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the workbook (default: master/ in the workspace).")
@click.option("--redact", is_flag=True,
              help="Write the circulation copy: personal data found in partners' text replaced by placeholders.")
@click.pass_obj
@friendly
def consolidate(ws: Workspace, period: Period | FinancialYear, as_of: date | None, out_file: Path | None,
                redact: bool) -> None:
    """Write the master monitoring workbook for PERIOD (with --redact, the copy that may circulate), or
    the year's workbook for YEAR (e.g. 2023-24)."""
    from ..master.workbook import consolidate as consolidate_period

    if isinstance(period, int):
        from ..year.workbook import consolidate_year

        if redact:
            raise UsageError("the year's workbook holds statuses, not partners' text, so there is nothing to redact; "
                             "leave out --redact.")
        path = consolidate_year(ws, period, as_of, out_file, say=lambda line: out.print(escape(line)))
        out.print(f"[green]Year workbook written:[/green] {path}")
        return
    said = ""
    if as_of is None:
        from ..master.asof import as_of_said

        as_of, said = as_of_said(ws, period)
    with ProgressBar(f"Consolidating {period}") as progress:
        path = consolidate_period(ws, period, as_of, out_file, progress=progress, redact=redact,
                                  say=lambda line: progress.print(escape(line)))
    if redact:
        out.print(f"[green]Circulation copy written:[/green] {path}")
    else:
        out.print(f"[green]Master workbook written:[/green] {path}")
    if said:
        out.print(said)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@friendly
def demo(folder: Path) -> None:
    """Run a whole year on the example plan in FOLDER, with simulated partners, and the year end."""
    from ..demo.run import run_demo

    done = run_demo(folder, say=lambda line: out.print(escape(line)))
    out.print("[green]Demo complete.[/green] Open the workbooks:")
    for period, path in done.masters.items():
        out.print(f"  {period} master: {escape(str(path))}")
    out.print(f"  the year: {escape(str(done.year))}")
    out.print(f"  the next year's plan: {escape(str(done.plan))} (the finished year's: {escape(str(done.finished_plan))})")
    out.print(f"  the last quarter's meeting paper: {escape(str(done.report))}")
    out.print(f"  the year-end report: {escape(str(done.year_report))}")
    out.print(f"  the strategic assessment: {escape(str(done.assessment))}")
    out.print(f"  the next year's plan for adoption: {escape(str(done.adoption))}")
    out.print(f"Start with the Q2 master (a correction, a late and an overdue return, personal data flagged):\n"
              f"{escape(str(done.master))}")
