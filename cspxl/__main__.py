"""``python -m cspxl``: the same as the ``cspxl`` command."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="cspxl")
