"""The return workbook as partners see it: its file name, its sheets, and its columns in one table.

Every column of the Return sheet is declared once, here: its header, its width, what it shows or
which answer it holds, how its cells are formatted and validated, and the help a partner sees.
The writer, the reader, the corrections sent back and the tamper check all work from this table,
so a column changes in one place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..periods import AssessmentRound, Period
from ..plan import Partner, Plan
from ..workspace import safe_name

RETURN_SHEET = "Return"
PROBLEMS_SHEET = "Problems"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
#: 1-based row of the header on the Return sheet; answers start on the next row.
HEADER_ROW = 3
#: Rows a returned sheet's header is looked for in: partners insert notes and rows above it.
HEADER_WITHIN = 30
#: The 0-based column a sheet's title starts in: the one after the ID column, which prints on every page.
TITLE_COLUMN = 1

#: What a locked column shows, from the plan and last quarter's answer.
Shows = Literal["action_id", "priority", "action", "success_measure", "lead", "role", "target_date",
                "previous_status", "previous_update"]
#: The answer an input column holds (a field of :class:`~cspxl.register.records.Answer`).
Holds = Literal["status", "percent", "date_completed", "revised_target", "progress", "support_needed"]
#: How a cell is formatted (see :class:`~cspxl.spreadsheets.write.Formats`).
Style = Literal["locked", "locked_date", "input", "input_date", "input_wrap"]

_DAY_RANGE = {"criteria": "between", "minimum": date(2000, 1, 1), "maximum": date(2100, 12, 31)}


@dataclass(frozen=True)
class Column:
    """One column of the Return sheet."""

    header: str
    width: float
    style: Style
    #: For a locked column, what it shows.
    shows: Shows | None = None
    #: For an input column, the answer it holds.
    holds: Holds | None = None
    #: For an input column, the help shown when the cell is selected.
    help: str = ""
    #: For an input column, its data validation (XlsxWriter's options, less the help and alert type).
    rule: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def editable(self) -> bool:
        return self.holds is not None


COLUMNS: tuple[Column, ...] = (
    Column("Action ID", 9, "locked", shows="action_id"),
    Column("Priority", 22, "locked", shows="priority"),
    Column("Action", 44, "locked", shows="action"),
    Column("Success measure", 30, "locked", shows="success_measure"),
    Column("Lead partner", 20, "locked", shows="lead"),
    Column("Role", 9, "locked", shows="role"),
    Column("Target date", 12, "locked_date", shows="target_date"),
    Column("Previous status", 12, "locked", shows="previous_status"),
    Column("Previous update", 30, "locked", shows="previous_update"),
    Column("Status", 13, "input", holds="status",
           help="Pick one: Not started, On track, At risk, Off track or Completed.",
           rule={"validate": "list", "source": "=StatusList", "error_title": "Pick a status",
                 "error_message": "Choose a status from the dropdown list."}),
    # General, not a whole-number format: typing 50% then gives the cell a percent format in Excel and
    # LibreOffice alike, so 0.5 read back is known to be 50%.  A decimal rule, since 50% is stored as 0.5.
    Column("% complete", 10, "input", holds="percent",
           help="How far the action has got, from 0 to 100: 50 and 50% both mean half done.",
           rule={"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100, "error_title": "0 to 100",
                 "error_message": "Enter a percentage from 0 to 100, e.g. 50 or 50%."}),
    Column("Date completed", 13, "input_date", holds="date_completed",
           help="Only when the status is Completed, e.g. 31/12/2023.",
           rule={"validate": "date", **_DAY_RANGE, "error_title": "Not a date",
                 "error_message": "Enter a date such as 31/12/2023."}),
    Column("Revised target date", 13, "input_date", holds="revised_target",
           help="Only if the target date has moved, e.g. 31/03/2024.",
           rule={"validate": "date", **_DAY_RANGE, "error_title": "Not a date",
                 "error_message": "Enter a date such as 31/03/2024."}),
    Column("Progress update", 42, "input_wrap", holds="progress",
           help="What was done this quarter. Required when At risk or Off track.",
           rule={"validate": "length", "criteria": "<=", "value": 32767, "error_title": "Too long",
                 "error_message": "A cell holds at most 32,767 characters."}),
    Column("Support needed", 10, "input", holds="support_needed",
           help="Yes if the partnership's help is needed; say what in the update.",
           rule={"validate": "list", "source": "=YesNoList", "error_title": "Yes or No",
                 "error_message": "Choose Yes or No from the dropdown list."}),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
INPUTS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.editable)
INPUT_HEADERS: tuple[str, ...] = tuple(c.header for c in INPUTS)
#: The locked context columns (everything but the inputs): what the tamper check compares.
CONTEXT_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if not c.editable)
#: The header of the input column holding each answer.
HEADER_OF: dict[Holds, str] = {c.holds: c.header for c in INPUTS if c.holds is not None}
#: The column that identifies a row.
ACTION_ID = COLUMNS[0].header


def position(name: Shows | Holds) -> int:
    """The 0-based column that shows or holds ``name``, as XlsxWriter counts."""
    return next(i for i, c in enumerate(COLUMNS) if name in (c.shows, c.holds))


def return_file_name(plan: Plan, partner: Partner, period: Period | AssessmentRound) -> str:
    """``Sevenoaks-CSP_2023-24-Q1_Kent-Police.xlsx``: safe on every filesystem, readable by people."""
    return f"{safe_name(plan.settings.short_name)}_{period}_{safe_name(partner.name)}.xlsx"


def return_file_names(plan: Plan, period: Period | AssessmentRound) -> dict[str, str]:
    """Every partner's return file name; partners whose names would clash get their ID added."""
    names = {p.id: return_file_name(plan, p, period) for p in plan.partners}
    counts = Counter(n.casefold() for n in names.values())
    clashes = {n for n, times in counts.items() if times > 1}
    return {pid: (f"{n[:-5]}_{safe_name(pid)}.xlsx" if n.casefold() in clashes else n) for pid, n in names.items()}
