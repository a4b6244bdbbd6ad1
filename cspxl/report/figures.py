"""What the papers count: actions by status, in the order the meeting reads them."""

from __future__ import annotations

from collections.abc import Iterable

from ..cells import STATUSES

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


def figure_text(value: float | None, unit: str) -> str:
    """A measure's figure as a paper prints it: ``1,234``, ``12.5``, ``72.5%``; '' for none."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "Percent" else text


def target_text(target: float | None, unit: str, better: str) -> str:
    """``48 or lower``, ``90% or higher``; ``Monitored only`` for a measure without a target."""
    if target is None or better == "Monitor":
        return "Monitored only"
    return f"{figure_text(target, unit)} or {'lower' if better == 'Lower' else 'higher'}"
