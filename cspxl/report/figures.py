"""What the papers count: actions by status, in the order the meeting reads them."""

from __future__ import annotations

from collections.abc import Iterable

from ..cells import STATUSES
from ..measures import figure_text
from ..plan import Measure

NO_UPDATE = "No update"
#: The order statuses are counted and charted in: done, going well, then the trouble.
ORDER: tuple[str, ...] = ("Completed", "On track", "Not started", "At risk", "Off track", NO_UPDATE)
assert set(ORDER) == {*STATUSES, NO_UPDATE}
#: Completed, or on schedule to be: the share a year-end review reports.
ON_SCHEDULE: tuple[str, ...] = ("Completed", "On track")


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many of ``statuses`` are each status, in :data:`ORDER`; '' (no accepted status) counts as No update."""
    counts = dict.fromkeys(ORDER, 0)
    for status in statuses:
        counts[status or NO_UPDATE] += 1
    return counts


def share(part: int, whole: int) -> str:
    """``89%``: a whole percentage, ``-`` of nothing."""
    return f"{round(100 * part / whole)}%" if whole else "-"


def target_text(measure: Measure) -> str:
    """``48 or lower``, ``90% or higher``, ``35 or higher in the year``; ``Monitored only`` for a measure
    without a target."""
    if measure.target is None or measure.better == "Monitor":
        return "Monitored only"
    year = " in the year" if measure.target_period == "Year" else ""
    return f"{figure_text(measure.target, measure.unit)} or {'lower' if measure.better == 'Lower' else 'higher'}{year}"
