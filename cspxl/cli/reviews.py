"""The recommendations of reviews: ``signoff``, a recommendation's ``reopen``, and ``recommendations SOURCE``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from .app import main
from .output import friendly, out
from .params import DATE

if TYPE_CHECKING:
    from ..workspace import Workspace


@main.command()
@click.argument("ids", metavar="REC-ID...", nargs=-1, required=True)
@click.option("--on", "on", type=DATE, required=True, help="The day the board signed them off, e.g. 05/09/2024.")
@click.option("--by", "by", default="", help="Who signed them off, e.g. \"CSP Board\" (optional).")
@click.pass_obj
@friendly
def signoff(ws: Workspace, ids: tuple[str, ...], on: date, by: str) -> None:
    """Record that the board accepted each implemented or not-accepted recommendation REC-ID: it is closed and
    leaves the returns ('cspxl reopen REC-ID --reason …' brings it back)."""
    from ..recommendations.board import signoff as sign

    for state in sign(ws, ids, on, by):
        rec = state.recommendation
        out.print(f"[green]Signed off {escape(rec.id)}[/green] ({escape(state.status)}) on {on:%d/%m/%Y}"
                  + (f" by {escape(by.strip())}" if by.strip() else "") + f": {escape(rec.source)}.")


def reopened(ws: Workspace, wanted: str, reason: str) -> None:
    """``cspxl reopen REC-ID --reason …``: bring a signed-off recommendation back into its owner's returns."""
    from ..errors import UsageError
    from ..recommendations.board import reopen_recommendation

    try:
        decision = reopen_recommendation(ws, wanted, reason)
    except UsageError as exc:
        if "is not in the plan's Recommendations sheet" not in str(exc):
            raise
        held = ", ".join(r.id for r in ws.plan.recommendations) or "none"
        raise UsageError(f"'{wanted}' is neither a quarter (write it like 2023-24-Q1) nor a recommendation in the "
                         f"plan's Recommendations sheet (it holds {held}).") from exc
    out.print(f"[green]Reopened {escape(decision.recommendation_id)}[/green] (it was {escape(decision.status)}, "
              f"signed off): it is In progress until its owner reports again, and is in their next return. "
              f"Reason recorded: {escape(decision.reason)}")


@main.command()
@click.argument("source")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the action plan here (a .xlsx) instead of reports/ in the workspace.")
@click.option("--as-of", type=DATE, help="Where each recommendation stood on this day (default today).")
@click.pass_obj
@friendly
def recommendations(ws: Workspace, source: str, out_file: Path | None, as_of: date | None) -> None:
    """Write one review's action plan (SOURCE: the review's name as the plan's Source column gives it) with the
    columns review panels use, filled from the register, to send to the panel or the Home Office as it stands."""
    from ..recommendations.action_plan import write_action_plan

    path = write_action_plan(ws, source, out_file, as_of or date.today())
    out.print(f"[green]Wrote[/green] {escape(str(path))}")
