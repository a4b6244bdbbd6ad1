"""How the long-running calls (generate, ingest, consolidate) say how far they have got.

They take an optional ``progress(done, total)`` callable and call it as work completes; the
command line turns that into a progress bar, and a script can log it or ignore it.
"""

from __future__ import annotations

from collections.abc import Callable

#: Called with the units done so far and the units in all (returns written, files read, rows...).
Progress = Callable[[int, int], None]
