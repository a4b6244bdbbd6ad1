"""The ``cspxl`` command group: its options, and the workspace every command works in."""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__


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
    from .._loading import load
    from .encoding import readable_output

    readable_output()  # a partner's name the console's code page lacks never stops a command
    # Each command imports what it needs when it runs; under a test's fake clock that must be safe.
    ctx.obj = load("cspxl.workspace").Workspace(workspace)
