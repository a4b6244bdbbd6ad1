"""The ``cspxl`` command line: parse, call the API, render the result, choose the exit status.

Exit status: 0 success; 1 when ``ingest`` rejected a file or found an error in a row; 2 for bad
usage or an unusable plan.  Errors are one sentence on standard error, never a traceback.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import sys
import time as clock
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..cells import parse_date
from ..errors import CspxlError, PlanError, UsageError, WorkspaceError

if TYPE_CHECKING:  # the modules behind these load when a command runs, so --help is quick
    from rich.table import Table

    from ..master.view import Monitoring
    from ..periods import Period
    from ..problems import Problem
    from ..workspace import Workspace

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])

_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


class ProgressBar:
    """A progress bar for work that runs more than a moment, drawn under the command's output.

    It appears only once the work has taken ``after`` seconds, and never when standard output is
    not a terminal (a log file, a script), so quick runs and captured output stay clean; what the
    command prints meanwhile (:meth:`print`) goes to standard output either way.
    """

    def __init__(self, label: str, console: Console | None = None, after: float = 0.5) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = console or out
        self._bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=self.console, transient=True, disable=not self.console.is_terminal,
                             redirect_stdout=False, redirect_stderr=False)
        self._task = self._bar.add_task(label, total=None)
        self._after, self._started, self._shown = after, clock.monotonic(), False

    def __call__(self, done: int, total: int) -> None:
        if not self._shown and clock.monotonic() - self._started >= self._after:
            self._bar.start()
            self._shown = True
        self._bar.update(self._task, completed=done, total=total)

    def print(self, text: str) -> None:
        """A line above the bar (or plainly, when there is none)."""
        self.console.print(text)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._shown:
            self._bar.stop()


class PeriodType(click.ParamType):  # type: ignore[type-arg]  # generic only in recent Click
    name = "PERIOD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        from ..periods import Period, parse_financial_year, parse_period, quarter_alone

        if isinstance(value, Period):
            return value
        try:
            year = None
            if quarter_alone(value):  # Q2 alone: the quarter of the plan's year
                from ..workspace import Workspace

                workspace = ctx.find_object(Workspace) if ctx else None
                plan = (workspace or Workspace(Path("."))).plan
                year = parse_financial_year(plan.settings.financial_year)
            return parse_period(value, year)
        except CspxlError as exc:
            self.fail(str(exc), param, ctx)


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A day written the UK way (31/12/2023) or as ISO (2023-12-31)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        day = parse_date(value) if isinstance(value, str) else None
        if day is None:
            self.fail(f"'{value}' is not a date; write it like 31/12/2023 or 2023-12-31.", param, ctx)
        return day


class DateTimeType(click.ParamType):  # type: ignore[type-arg]
    """A day, optionally with a time: ``31/12/2023``, ``31/12/2023 14:30`` or ISO."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        m = re.match(r"^(.*?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$", text)
        day = parse_date(m[1] if m else text)
        hms = (int(m[2]), int(m[3]), int(m[4] or 0)) if m else (0, 0, 0)
        if day is None or not (hms[0] < 24 and hms[1] < 60 and hms[2] < 60):
            self.fail(f"'{value}' is not a date; write it like 31/12/2023 or 31/12/2023 14:30.", param, ctx)
        when = datetime.combine(day, time(*hms))
        if when > datetime.now():
            # A mistyped future date would make that return supersede every real one, for good.
            self.fail(f"'{value}' is in the future; give the day the return arrived.", param, ctx)
        return when


PERIOD, DATE, DATETIME = PeriodType(), DateType(), DateTimeType()


def friendly(fn: F) -> F:
    """Turn cspxl's exceptions (and file-system failures) into one sentence and an exit status."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanError as exc:
            from ..problems import Report

            if isinstance(exc.report, Report):
                render(exc.report.errors, err)
            _fail(str(exc), 2)
        except (UsageError, WorkspaceError) as exc:
            _fail(str(exc), 2)
        except CspxlError as exc:  # MailError among them: the server could not be used at all
            _fail(str(exc), 1)
        except sqlite3.Error as exc:
            _fail(f"the register could not be updated ({exc}); check the workspace folder and try again.", 1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}.", 1)

    return wrapper  # type: ignore[return-value]


def _fail(message: str, code: int) -> None:
    err.print(f"[red]Error:[/red] {escape(message)}")
    sys.exit(code)


def render(problems: Iterable[Problem], console: Console = out) -> None:
    """One line per problem: place, fault, fix, coloured by severity."""
    for p in problems:
        console.print(_problem_line(p))


def _problem_line(p: Problem) -> str:
    return f"[{_STYLE[p.severity.value]}]{p.severity.value:7}[/] {escape(str(p))} [dim]({p.code})[/dim]"


def mail_options(fn: F) -> F:
    """Where messages go: --eml DIR (drafts) or --smtp (send), with the server's settings overridable."""
    options = [
        click.option("--eml", "eml_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Write .eml drafts to this folder (Outlook and Thunderbird open them ready to send)."),
        click.option("--smtp", is_flag=True, help="Send now through the SMTP server in the plan's Settings."),
        click.option("--smtp-host", help="Override the plan's 'SMTP host'."),
        click.option("--smtp-port", type=click.IntRange(1, 65535), help="Override the plan's 'SMTP port'."),
        click.option("--smtp-security", type=click.Choice(["starttls", "ssl", "none"], case_sensitive=False),
                     help="Override the plan's 'SMTP security'."),
        click.option("--smtp-user", help="Override the plan's 'SMTP user' (the password comes from "
                                         "CSPXL_SMTP_PASSWORD or a prompt, never a file)."),
        click.option("--resend", is_flag=True, help="Send again to partners who were already sent this message."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _delivery_target(ws: Workspace, period: Period, opts: dict[str, Any]) -> dict[str, Any]:
    """The eml_dir/smtp keywords for the outbox, asking for the SMTP password only when it is needed."""
    import os

    from ..mail.rounds import smtp_from_settings

    if bool(opts["eml_dir"]) == bool(opts["smtp"]):
        raise click.UsageError("choose where messages go: --eml DIR (drafts) or --smtp (send now).")
    if not opts["smtp"]:
        return {"eml_dir": opts["eml_dir"], "smtp": None}
    plan = ws.plan
    smtp = smtp_from_settings(plan, host=opts["smtp_host"], port=opts["smtp_port"], security=opts["smtp_security"],
                              user=opts["smtp_user"])
    if smtp.security == "none":
        err.print(f"[yellow]Warning:[/yellow] sending to {smtp.host} without encryption (SMTP security is none).")
    password = ""
    if smtp.user:
        password = os.environ.get("CSPXL_SMTP_PASSWORD", "")
        if not password:
            if not sys.stdin.isatty():
                raise UsageError(f"the SMTP server needs the password for '{smtp.user}': "
                                 "set CSPXL_SMTP_PASSWORD or run the command in a terminal to be asked.")
            password = click.prompt(f"Password for {smtp.user} at {smtp.host}", hide_input=True, err=True)
    from dataclasses import replace

    return {"eml_dir": None, "smtp": replace(smtp, password=password)}


def _render_round(result: Any) -> None:
    style = {"sent": "green", "drafted": "green", "recorded": "green", "skipped": "dim", "failed": "red"}
    for d in result.deliveries:
        where = f" → {d.path}" if d.path else (f" → {', '.join(d.recipients)}" if d.recipients else "")
        detail = f": {d.detail}" if d.detail else ""
        out.print(f"[{style[d.outcome]}]{d.outcome:8}[/] {escape(d.partner)} {d.kind}{escape(where)}{escape(detail)}")
    kinds = ("sent", "drafted", "recorded", "skipped", "failed")
    counts = ", ".join(f"{result.count(k)} {k}" for k in kinds if result.count(k))
    out.print(counts or "Nothing to send.")
    if result.failed:
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--workspace", "-w", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The workspace folder (holding plan.xlsx and the signing key).")
@click.version_option(__version__, prog_name="cspxl")
@click.pass_context
def main(ctx: click.Context, workspace: Path) -> None:
    """Run a Community Safety Partnership's quarterly monitoring cycle in Excel workbooks.

    \b
    The cycle:  init -> check -> generate -> (partners fill in) -> ingest -> status -> consolidate
    Periods are UK financial-year quarters: 2023-24-Q1 is April to June 2023.
    """
    from ..workspace import Workspace

    ctx.obj = Workspace(workspace)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Start from the Sevenoaks District 2023-24 example plan.")
@friendly
def init(folder: Path, example: bool) -> None:
    """Create a new workspace in FOLDER with a plan workbook and a new signing key."""
    from ..workspace import example_plan_path, init_workspace

    ws = init_workspace(folder, example_plan_path() if example else None)
    out.print(f"Created the workspace {ws.root}.")
    out.print(f"  Plan workbook: {ws.plan_path} (edit it in Excel, then run 'cspxl -w {ws.root} check').")
    out.print(f"  Signing key:   {ws.key_path} (back it up somewhere safe; never send it to anyone).")


@main.command()
@click.argument("plan", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
@friendly
def check(ws: Workspace, plan: Path | None) -> None:
    """Validate the plan workbook (the workspace's plan.xlsx, or PLAN) and list every problem."""
    from ..plan import read_plan

    path = plan or ws.plan_path
    if not path.is_file():
        raise WorkspaceError(f"there is no plan workbook at {path}; run 'cspxl init DIR' or give the plan's path.")
    result, report = read_plan(path)
    render(report)
    if not report.ok or result is None:
        n = len(report.errors)
        err.print(f"[red]{path.name} has {n} error{'s' if n != 1 else ''}; "
                  "fix them in the workbook and run check again.[/red]")
        sys.exit(2)
    out.print(f"[green]{path.name} is valid:[/green] {len(result.partners)} partners, {len(result.priorities)} priorities, "
              f"{len(result.actions)} actions for {result.settings.financial_year} (plan version {result.version}).")


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the returns (default: returns/PERIOD in the workspace).")
@click.pass_obj
@friendly
def generate(ws: Workspace, period: Period, partners: tuple[str, ...], out_dir: Path | None) -> None:
    """Write one return workbook per partner for PERIOD."""
    from ..returns.issue import generate as generate_returns

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
@click.option("--period", "for_period", type=PERIOD, help="With --partner: the period those files are for.")
@click.pass_obj
@friendly
def ingest(ws: Workspace, paths: tuple[Path, ...], received: datetime | None, partner: str | None,
           for_period: Period | None) -> None:
    """Read returned files and folders (any names, any order) into the register."""
    if (partner is None) != (for_period is None):
        raise click.UsageError("give --partner and --period together.")
    from ..returns.receive import FileOutcome, Outcome
    from ..returns.receive import ingest as ingest_files

    labels = {"accepted": "[green]accepted[/]", "duplicate": "[cyan]already in[/]",
              "rejected": "[red]rejected[/]", "skipped": "[dim]skipped[/]"}

    with ProgressBar("Ingesting") as progress:

        def show(f: FileOutcome) -> None:
            """The file's verdict, on standard output: the path as given, then why or who."""
            why = next((p.message.removeprefix("Skipped: ") for p in f.problems if p.code == "file-skipped"), "")
            who = f" {f.partner} {f.period}" if f.partner else f": {why}" if why else ""
            progress.print(f"{labels[f.outcome]} {escape(f.path)}{escape(who)}")
            for p in f.problems:
                if p.code not in ("file-duplicate", "file-skipped"):
                    progress.print(_problem_line(p))

        assign = (partner, for_period) if partner and for_period else None
        result = ingest_files(ws, paths, received, on_file=show, assign=assign, progress=progress)
    outcomes: tuple[Outcome, ...] = ("accepted", "duplicate", "rejected", "skipped")
    summary = ", ".join(f"{result.count(k)} {k}" for k in outcomes if result.count(k))
    out.print(summary or "No files found.")
    if not result.any_returns:
        out.print(f"No return was found in {' '.join(str(p) for p in paths)}.")
    if result.failed:
        sys.exit(1)


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--as-of", type=DATE, help="Judge lateness as of this day (default: today).")
@click.pass_obj
@friendly
def status(ws: Workspace, period: Period, as_of: date | None) -> None:
    """Show who has returned for PERIOD, and who is late or overdue."""
    from ..master.view import period_view

    view = period_view(ws, period, as_of)
    out.print(_status_table(view))
    counts = ", ".join(f"{view.returns_with(s)} {s.lower()}" for s in _RETURN_COLOURS if view.returns_with(s))
    out.print(f"{len(view.returns)} expected: {counts}. {len(view.overdue_actions)} actions overdue.")
    if not any(r.files for r in view.returns):
        out.print(f"No returns for {period} have been ingested yet; save them in a folder and run "
                  f"'cspxl ingest FOLDER'.")
        return
    errors = [r for r in view.returns if _count(r.problems, "error")]
    warnings = [r for r in view.returns if _count(r.problems, "warning") and r not in errors]
    must = ", ".join(f"{escape(r.partner.id)} ({_plural(_count(r.problems, 'error'), 'error')})" for r in errors)
    out.print(f"Must correct: {must} (run 'cspxl feedback {period}')." if errors else "No return needs correcting.",
              soft_wrap=False)
    if warnings:
        said = ", ".join(f"{escape(r.partner.id)} ({_plural(_count(r.problems, 'warning'), 'warning')})"
                         for r in warnings)
        out.print(f"Warnings only, to read: {said}.", soft_wrap=False)


_RETURN_COLOURS = {"Received": "green", "Received late": "yellow", "Overdue": "red", "Not yet due": "dim"}


def _status_table(view: Monitoring) -> Table:
    """Who has returned, in a table that fits an 80-column terminal: the partner ID and the return's
    status are never cut; the headers wrap instead."""
    from rich import box
    from rich.table import Table

    widest = max(len(r.partner.id) for r in view.returns)
    # Two spaces between columns while everything fits in 80 (IDs up to 14 characters); one beyond.
    gap = 1 if widest <= 14 else 0
    table = Table(title=f"{view.plan.settings.short_name} returns for {view.period}, due {view.due:%d/%m/%Y} "
                        f"(as of {view.as_of:%d/%m/%Y})", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, gap, 0, 0),
                  title_justify="left", show_edge=False)
    table.add_column("Partner", no_wrap=True, min_width=widest)
    table.add_column("Return", no_wrap=True, min_width=len("Received late"))
    table.add_column("Arrived", no_wrap=True)
    for header in ("Days\nlate", "Files", "Errors", "Warn-\nings"):
        table.add_column(header, justify="right", no_wrap=True)
    # What was sent and when chased matters least here: on a narrow terminal these wrap, not the rest.
    table.add_column("Sent", min_width=5)
    table.add_column("Chased", min_width=5)
    for r in view.returns:
        sent = f"{r.sent_on:%d/%m}{' draft' if r.sent_as_draft else ''}" if r.sent_on else ""
        chased = f"{r.last_reminder:%d/%m} {r.reminders}×" if r.last_reminder else ""
        table.add_row(escape(r.partner.id), f"[{_RETURN_COLOURS[r.status]}]{r.status}[/]",
                      f"{r.first_received:%d/%m}" if r.first_received else "", str(r.days_late or ""),
                      str(r.files or ""), str(_count(r.problems, "error") or ""),
                      str(_count(r.problems, "warning") or ""), sent, chased)
    return table


def _count(problems: Iterable[Problem], severity: str) -> int:
    return sum(p.severity.value == severity for p in problems)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--as-of", type=DATE, help="Judge overdue actions and returns as of this day (default: today).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the master workbook (default: master/ in the workspace).")
@click.option("--redact", is_flag=True,
              help="Write the circulation copy: personal data found in partners' text replaced by placeholders.")
@click.pass_obj
@friendly
def consolidate(ws: Workspace, period: Period, as_of: date | None, out_file: Path | None, redact: bool) -> None:
    """Write the master monitoring workbook for PERIOD (with --redact, the copy that may circulate)."""
    from ..master.workbook import consolidate as consolidate_period

    with ProgressBar(f"Consolidating {period}") as progress:
        path = consolidate_period(ws, period, as_of, out_file, progress=progress, redact=redact)
    if redact:
        out.print(f"[green]Circulation copy written:[/green] {path}")
    else:
        out.print(f"[green]Master workbook written:[/green] {path}")


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the returns sent back (default: feedback/PERIOD in the workspace).")
@mail_options
@click.pass_obj
@friendly
def feedback(ws: Workspace, /, period: Period, partners: tuple[str, ...], out_dir: Path | None, **opts: Any) -> None:
    """Write a return for correction for each partner whose latest return for PERIOD has errors.

    With --eml DIR or --smtp, also send each one back to its partner.
    """
    from ..mail.rounds import send_feedback
    from ..returns.corrections import feedback as write_feedback

    target = _delivery_target(ws, period, opts) if opts["eml_dir"] or opts["smtp"] else None
    with err.status(f"Preparing returns for correction for {period}…"):
        paths = write_feedback(ws, period, partners, out_dir)
    for partner_id, path in paths.items():
        out.print(f"{partner_id:20} {path}")
    if not paths:
        out.print(f"No return for {period} needs correction.")
        return
    out.print(f"[green]{len(paths)} return{'s' if len(paths) != 1 else ''} to send back for correction.[/green]")
    if target is not None:
        _render_round(send_feedback(ws, period, paths, resend=opts["resend"], **target))


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@mail_options
@click.pass_obj
@friendly
def send(ws: Workspace, /, period: Period, partners: tuple[str, ...], **opts: Any) -> None:
    """E-mail each partner its return for PERIOD (generating it if need be), or write drafts."""
    from ..mail.rounds import send as send_returns

    target = _delivery_target(ws, period, opts)
    with err.status(f"Sending returns for {period}…"):
        result = send_returns(ws, period, partners, resend=opts["resend"], **target)
    _render_round(result)


@main.command("mark-sent")
@click.argument("period", type=PERIOD)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@click.option("--on", "on", type=DATE, help="The day they were sent (default: today), e.g. 03/07/2023.")
@click.pass_obj
@friendly
def mark_sent(ws: Workspace, period: Period, partners: tuple[str, ...], on: date | None) -> None:
    """Record returns for PERIOD that you e-mailed yourself (from Outlook, say) as sent.

    By default every partner with a return generated for PERIOD, sent today.
    """
    from ..mail.rounds import mark_sent as record_sent

    _render_round(record_sent(ws, period, partners, on))


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--as-of", type=DATE, help="Chase as of this day (default: today).")
@click.option("--window", type=click.IntRange(0, 60), default=3, show_default=True,
              help="Remind partners from this many days before the due date.")
@mail_options
@click.pass_obj
@friendly
def chase(ws: Workspace, /, period: Period, as_of: date | None, window: int, **opts: Any) -> None:
    """Remind every partner whose return for PERIOD is due soon or overdue and not yet in."""
    from ..mail.rounds import chase as chase_partners

    target = _delivery_target(ws, period, opts)
    with err.status(f"Chasing returns for {period}…"):
        result = chase_partners(ws, period, as_of, window=window, resend=opts["resend"], **target)
    _render_round(result)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@friendly
def demo(folder: Path) -> None:
    """Run the whole cycle on the example plan in FOLDER, with simulated partners."""
    from ..demo.run import run_demo

    path = run_demo(folder, say=lambda line: out.print(escape(line)))
    out.print(f"[green]Demo complete.[/green] Open the master workbook:\n{path}")
