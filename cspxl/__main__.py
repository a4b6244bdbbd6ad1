"""``python -m cspxl``: the same as the ``cspxl`` command."""

from .cli import main

main(prog_name="cspxl")
