"""The commands of police.uk's crime figures: ``crime import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from .app import main
from .output import friendly, out

if TYPE_CHECKING:
    from ..workspace import Workspace


@main.group()
def crime() -> None:
    """Crime in the partnership's area, from police.uk's open data."""


@crime.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
@friendly
def import_(ws: Workspace, paths: tuple[Path, ...]) -> None:
    """Count the crimes in the plan's area in police.uk street-level files (CSV files, folders, zip archives)."""
    from ..crime.imports import import_crime, month_text

    done = import_crime(ws, paths)
    for f in done.files:
        months = ", ".join(month_text(m) for m in f.months)
        forces = ", ".join(f.forces)
        if f.outcome == "imported":
            said = f"{f.crimes:,} crimes in {done.area}, {months} ({forces})"
        elif f.outcome == "duplicate":
            said = f"already imported on {f.detail}; nothing changed"
        else:
            said = f"{f.detail}" + (f" ({forces}, {months}); nothing recorded" if f.months else "; nothing recorded")
        out.print(f"{f.outcome if f.outcome != 'duplicate' else 'skipped':9}{escape(f.name)}: {escape(said)}",
                  soft_wrap=True)
    if done.held:
        span = month_text(done.held[0]) + (f" to {month_text(done.held[-1])}" if len(done.held) > 1 else "")
        gap = (f"; missing, so not counted: {', '.join(month_text(m) for m in done.missing)}"
               if done.missing else "")
        out.print(f"Held for {escape(done.area)}: {span}{gap}.", soft_wrap=True)
    else:
        out.print(f"No month of crime in {escape(done.area)} is held yet.", soft_wrap=True)
    if any(f.outcome == "skipped" and not f.months for f in done.files):
        sys.exit(1)
