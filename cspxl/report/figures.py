"""What the papers count: actions by status, in the order the meeting reads them."""

from __future__ import annotations

from collections.abc import Iterable

from ..measures import figure_text
from ..plan import Measure
from ..status import NO_UPDATE, PAPER_ORDER


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many of ``statuses`` are each status, in the papers' order; '' (no accepted status) counts as No update."""
    counts = dict.fromkeys(PAPER_ORDER, 0)
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
