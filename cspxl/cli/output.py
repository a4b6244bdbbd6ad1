"""What the command line shows: one line per problem, progress bars, the status table.

Output goes to standard output (what a command found) and errors to standard error, one sentence
each, never a traceback (:func:`friendly`).
"""

from __future__ import annotations

import functools
import sys
import time as clock
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console
from rich.markup import escape

from ..errors import CspxlError, PlanError, UsageError, WorkspaceError

if TYPE_CHECKING:  # the modules behind these load when a command runs, so --help is quick
    from rich.table import Table

    from ..master.data_returns import DataRound
    from ..master.view import Monitoring
    from ..problems import Problem

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
            fail(str(exc), 2)
        except (UsageError, WorkspaceError) as exc:
            fail(str(exc), 2)
        except CspxlError as exc:  # MailError and RegisterError among them: the server or the register unusable
            fail(str(exc), 1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}.", 1)

    return wrapper  # type: ignore[return-value]


def fail(message: str, code: int) -> None:
    err.print(f"[red]Error:[/red] {escape(message)}")
    sys.exit(code)


def render(problems: Iterable[Problem], console: Console = out) -> None:
    """One line per problem: place, fault, fix, coloured by severity."""
    for p in problems:
        console.print(problem_line(p))


def problem_line(p: Problem) -> str:
    return f"[{_STYLE[p.severity.value]}]{p.severity.value:7}[/] {escape(str(p))} [dim]({p.code})[/dim]"


RETURN_COLOURS = {"Received": "green", "Received late": "yellow", "Overdue": "red", "Not yet due": "dim"}


def status_table(view: Monitoring | DataRound, width: int = 80) -> Table:
    """Who has returned, in a table that fits an 80-column terminal: the partner ID (with its name under
    it) and the return's status are never cut; the headers and the names wrap instead."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    widest = max(len(r.partner.id) for r in view.returns)
    # Two spaces between columns while everything fits in 80 (IDs up to 14 characters); one beyond.
    gap = 1 if widest <= 14 else 0
    table = Table(title=f"{view.plan.settings.short_name} returns for {view.period}, due {view.due:%d/%m/%Y} "
                        f"(as of {view.as_of:%d/%m/%Y})", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, gap, 0, 0),
                  title_justify="left", show_edge=False)
    # The ID, never cut, and the partner's name under it, shortened to the column if need be.
    # On a terminal wider than 80 columns the names take what is spare.
    names = max(len(r.partner.name) for r in view.returns)
    table.add_column("Partner", no_wrap=True, overflow="ellipsis", min_width=widest,
                     max_width=max(widest, min(names, 13 + max(0, width - 80))))
    table.add_column("Return", no_wrap=True, min_width=len("Received late"))
    table.add_column("Arrived", no_wrap=True)
    for header in ("Days\nlate", "Files", "Errors", "Warn-\nings"):
        table.add_column(header, justify="right", no_wrap=True)
    # What was sent and when chased matters least here: on a narrow terminal these wrap, not the rest.
    table.add_column("Sent", min_width=5)
    table.add_column("Chased", min_width=5)
    for r in view.returns:  # as Text, not markup: a county's 300 rows print a third faster
        sent = f"{r.sent_on:%d/%m}{' draft' if r.sent_as_draft else ''}" if r.sent_on else ""
        chased = f"{r.last_reminder:%d/%m} {r.reminders}×" if r.last_reminder else ""
        cells = (f"{r.first_received:%d/%m}" if r.first_received else "", str(r.days_late or ""), str(r.files or ""),
                 str(count(r.problems, "error") or ""), str(count(r.problems, "warning") or ""), sent, chased)
        who = Text(r.partner.id)
        who.append(f"\n{r.partner.name}", style="dim")
        table.add_row(who, Text(r.status, style=RETURN_COLOURS[r.status]), *map(Text, cells))
    return table


def count(problems: Iterable[Problem], severity: str) -> int:
    return sum(p.severity.value == severity for p in problems)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
