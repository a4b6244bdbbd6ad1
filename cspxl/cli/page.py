"""The coordinator's page: ``serve``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.markup import escape

from .app import main
from .output import friendly, out

if TYPE_CHECKING:
    from ..workspace import Workspace


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="The port to listen on (default: 8421, or a free one if that is taken).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but this computer's own is a risk, and is warned of.")
@click.option("--no-browser", is_flag=True, help="Do not open the page in the browser; only print its address.")
@click.pass_obj
@friendly
def serve(ws: Workspace, port: int | None, host: str, no_browser: bool) -> None:
    """Open the coordinator's page in the browser: the whole round, without the command line."""
    from ..web import serve as serve_page

    serve_page(ws, port, host, open_browser=not no_browser, say=lambda line: out.print(escape(line), soft_wrap=True))
