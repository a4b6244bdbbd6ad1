"""Closing a quarter once its papers have gone to the board, and reopening it: ``close`` and ``reopen``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from ..errors import CspxlError
from .app import main
from .output import friendly, out, plural
from .params import DATE, PERIOD

if TYPE_CHECKING:
    from ..periods import Period
    from ..workspace import Workspace


@main.command()
@click.argument("period", type=PERIOD)
@click.option("--on", "on", type=DATE,
              help="The day the board's papers were as of (default: today), e.g. 05/09/2024.")
@click.pass_obj
@friendly
def close(ws: Workspace, period: Period, on: date | None) -> None:
    """Record that PERIOD's figures went to the board: its papers as of --on are kept as presented, and
    later returns for it are held until it is reopened."""
    from ..report.closing import close_period

    done = close_period(ws, period, on, say=lambda line: out.print(escape(line)))
    out.print(f"[green]Closed {done.period} as of {done.on:%d/%m/%Y}:[/green] its papers as presented are kept "
              "in the archive.")
    for name, what in (("master", "master"), ("circulation", "circulation copy"), ("paper", "meeting paper")):
        out.print(f"  {what}: {escape(done.papers[name])} (kept as {escape(done.kept[name])})")
    out.print(f"From now on {done.period} is seen as of {done.on:%d/%m/%Y} unless --as-of says otherwise, and a "
              f"return for it is held, not applied ('cspxl reopen {done.period}' applies what was held).")


@main.command()
@click.argument("target", metavar="PERIOD|REC-ID")
@click.option("--reason", default="", help="Why a recommendation is reopened (required for one), e.g. \"the audit "
              "found the training was not delivered\".")
@click.pass_context
@friendly
def reopen(ctx: click.Context, target: str, reason: str) -> None:
    """Reopen a closed PERIOD: apply the returns held since it was closed, and say which of its papers now
    differ from what was presented.  Or reopen a signed-off recommendation (REC-ID --reason TEXT): it comes back
    into its owner's return, the reason recorded."""
    ws: Workspace = ctx.obj
    try:
        recommendations = {r.id.casefold() for r in ws.plan.recommendations}
    except CspxlError:  # no plan, or one with errors: a quarter can still be reopened
        recommendations = set()
    if target.strip().casefold() in recommendations:
        from .reviews import reopened

        reopened(ws, target, reason)
        return
    try:
        period = PERIOD.convert(target, None, ctx)
    except click.BadParameter:  # not a quarter: a recommendation, or a sentence saying why it is neither
        from .reviews import reopened

        reopened(ws, target, reason)
        return
    _reopen_period(ws, period)


def _reopen_period(ws: Workspace, period: Period) -> None:
    from ..report.closing import reopen_period

    done = reopen_period(ws, period)
    closed = f"{done.closed_on:%d/%m/%Y}"
    applied = ", ".join(f"{r.partner}'s (received {r.received_at:%d/%m/%Y})" for r in done.applied)
    out.print(f"[green]Reopened {done.period}[/green] (closed as of {closed}). "
              + (f"Applied {plural(len(done.applied), 'held return')}: {escape(applied)}." if done.applied
                 else "No return was held."))
    if not done.master:
        out.print(f"They change nothing in the papers presented as of {closed}." if done.applied else "")
        return
    out.print(f"Seen as of {done.as_of:%d/%m/%Y}, what they change in the papers presented as of {closed}:")
    out.print("  In the master and its circulation copy:")
    for line in done.master:
        out.print(f"    {escape(line)}")
    out.print("  In the meeting paper:" if done.paper else "  In the meeting paper: nothing.")
    for line in done.paper:
        out.print(f"    {escape(line)}")
    day = f"{done.as_of:%d/%m/%Y}"
    out.print(f"Write them again with 'cspxl consolidate {done.period} --as-of {day}' (and --redact) and 'cspxl report "
              f"{done.period} --as-of {day}', and close {done.period} again once they have gone to the board.")
