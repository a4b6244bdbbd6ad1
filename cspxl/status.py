"""An action's status: the five words a partner picks, and the one place that says what each means.

Everything that shows or judges a status reads it from here: the return's dropdown and its rules,
the colours of the master, the Dashboard and the paper's chart, the order the papers count in, and
the ladder that says whether an action got better or worse. The spreadsheet layer knows colours by
name only (``green``, ``amber`` …); which status wears which is decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Literal, NamedTuple, TypeVar

T = TypeVar("T")

#: The cell colours of a workbook, by the name the spreadsheet layer knows them by.
CellColour = Literal["green", "amber", "red", "blue", "grey"]


class Status(StrEnum):
    """The words a partner picks, in the order the dropdown lists them."""

    NOT_STARTED = "Not started"
    ON_TRACK = "On track"
    AT_RISK = "At risk"
    OFF_TRACK = "Off track"
    COMPLETED = "Completed"


class Meaning(NamedTuple):
    """What a status means and how it is shown."""

    #: The sentence the return's Instructions sheet gives a partner.
    text: str
    #: Its cell colour in a workbook (RAG, Completed blue); ``None``: left plain.
    rag: CellColour | None
    #: Its colour in a chart: the Dashboard's and the paper's.
    colour: str
    #: Its place from worst (0) to best: a move up is an improvement.
    rank: int
    #: A progress update is required with it.
    needs_update: bool = False


MEANINGS: dict[Status, Meaning] = {
    Status.NOT_STARTED: Meaning("Work has not begun yet (and was not due to).", None, "#A6A6A6", 2),
    Status.ON_TRACK: Meaning("Progressing as planned; expected to meet the target date.", "green", "#70AD47", 3),
    Status.AT_RISK: Meaning("Behind or facing obstacles; the target date may be missed. Say why in the update.",
                            "amber", "#FFC000", 1, needs_update=True),
    Status.OFF_TRACK: Meaning("Will miss the target date without intervention. Say why and what help is needed.",
                              "red", "#C00000", 0, needs_update=True),
    Status.COMPLETED: Meaning("Finished. Give the date completed.", "blue", "#4472C4", 4),
}

#: Every status, in the dropdown's order (the return, the master's and the Dashboard's columns).
STATUSES: tuple[Status, ...] = tuple(Status)
#: An action with no accepted status this quarter: counted and charted beside the statuses.
NO_UPDATE = "No update"
NO_UPDATE_COLOUR = "#D9D9D9"
#: Every status from best to worst: done, going well, then the trouble.
BEST_FIRST: tuple[Status, ...] = tuple(sorted(STATUSES, key=lambda s: -MEANINGS[s].rank))
#: The order the papers count and chart statuses in: best first, then the actions with no update.
PAPER_ORDER: tuple[str, ...] = (*BEST_FIRST, NO_UPDATE)
#: Completed, or on schedule to be: the share a year-end review reports.
ON_SCHEDULE: tuple[Status, ...] = tuple(s for s in BEST_FIRST if MEANINGS[s].rank >= MEANINGS[Status.ON_TRACK].rank)
#: The rest, best first: the actions a paper lists after those completed or on track.
NOT_ON_SCHEDULE: tuple[Status, ...] = tuple(s for s in BEST_FIRST if s not in ON_SCHEDULE)
#: Statuses that need a progress update saying why.
NEED_UPDATE: tuple[Status, ...] = tuple(s for s in STATUSES if MEANINGS[s].needs_update)
#: Each status's chart colour, and No update's.
CHART_COLOURS: dict[str, str] = {**{s.value: m.colour for s, m in MEANINGS.items()}, NO_UPDATE: NO_UPDATE_COLOUR}

#: Words partners type for a status, beside the statuses themselves (matched as ``cells.key`` reduces them).
ALIASES: dict[str, Status] = {"complete": Status.COMPLETED, "done": Status.COMPLETED, "ontarget": Status.ON_TRACK}


def status_colours(colour: Callable[[CellColour], T]) -> dict[str, T]:
    """Status word -> its cell colour's format, ``colour`` giving the spreadsheet layer's format for a colour
    name; the statuses shown plain are left out."""
    return {s.value: colour(m.rag) for s, m in MEANINGS.items() if m.rag is not None}


def rank(status: str) -> int:
    """Where ``status`` stands from worst (0) to best."""
    return MEANINGS[Status(status)].rank
