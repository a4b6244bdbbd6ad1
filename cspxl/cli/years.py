"""The commands of the year as a whole: the year end (``rollover``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.markup import escape

from .app import main
from .output import friendly, out, plural

if TYPE_CHECKING:
    from ..workspace import Workspace


@main.command()
@click.argument("year", metavar="YEAR")
@click.pass_obj
@friendly
def rollover(ws: Workspace, year: str) -> None:
    """Close the plan's year and write plan.xlsx for YEAR (e.g. 2024-25) with the unfinished actions."""
    from ..periods import parse_financial_year
    from ..year.end import rollover as roll

    done = roll(ws, parse_financial_year(year))
    out.print(f"Closed {done.finished}: its plan is kept in {escape(str(done.kept))}, and every quarter of it stays "
              "reportable as it was.", soft_wrap=False)
    dropped = f" ({', '.join(done.completed)})" if done.completed else ""
    carried, completed = plural(len(done.carried), "action"), plural(len(done.completed), "completed action")
    out.print(f"[green]Wrote {escape(str(done.plan))} for {done.year}:[/green] {carried} carried from {done.finished}, "
              f"{completed} not carried{dropped}.", soft_wrap=False)
    if done.retargeted:
        one = len(done.retargeted) == 1
        out.print(f"{plural(len(done.retargeted), 'carried action')} take{'s' if one else ''} "
                  f"{'its' if one else 'their'} lead's latest revised target date, the plan's first kept as "
                  f"{'its' if one else 'their'} Original target date.", soft_wrap=False)
    if done.assessment:
        added = f"; new in the plan: {', '.join(done.added)}" if done.added else ""
        out.print(f"Its priorities are in the order the {done.assessment} ranks them ({', '.join(done.priorities)})"
                  f"{added}; the plan's Settings name the assessment.", soft_wrap=False)
    else:
        out.print(f"{done.finished}'s strategic assessment was not scored here ('cspxl assess {done.finished} "
                  "--scores FILE'), so the priorities keep the finished plan's order.", soft_wrap=False)
    if done.recommendations or done.signed_off:
        left = f"; signed off, so left in {done.finished}'s plan: {', '.join(done.signed_off)}" if done.signed_off else ""
        out.print(f"{plural(len(done.recommendations), 'open recommendation')} of reviews carried"
                  f"{left}.", soft_wrap=False)
    out.print(f"The Committee sheet keeps its details but not {done.finished}'s meeting dates: give {done.year}'s "
              "before writing its committee reports.", soft_wrap=False)
    if done.carried:
        out.print(f"Run 'cspxl check': it lists every carried action whose target date is still outside {done.year}; "
                  f"give each a date in {done.year}.", soft_wrap=False)
