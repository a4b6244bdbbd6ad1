"""The ``cspxl`` command line: parse, call the API, render the result, choose the exit status.

Exit status: 0 success; 1 when ``ingest`` rejected a file, found an error in a row or found no
return at all, or a round failed to deliver; 2 for bad usage or an unusable plan.  Errors are one
sentence on standard error, never a traceback.
"""

from . import closing, crime_figures, cycle, page, papers, reviews, rounds, years  # noqa: F401 - each module adds its commands to the group
from .app import main

__all__ = ["main"]
