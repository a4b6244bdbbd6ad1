"""What people really type into a spreadsheet, turned into values: headers, dates, percentages, words.

Normalising at the edge, with whitelists and alias maps, so the rest of cspxl sees clean values.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .status import ALIASES, STATUSES

YES_NO: tuple[str, ...] = ("Yes", "No")

def key(text: object) -> str:
    """A header or word reduced for matching: case, spaces, underscores and hyphens ignored."""
    return _key(str(text))


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Cached: the same headers, sheet names and words are matched in every file of a collection."""
    return _SEPARATORS.sub("", text).casefold()


_SEPARATORS = re.compile(r"[\s_\-]+")


_STATUS_ALIASES: dict[str, str] = {key(s): s.value for s in STATUSES} | {a: s.value for a, s in ALIASES.items()}

_YES_NO_ALIASES = {"yes": "Yes", "y": "Yes", "no": "No", "n": "No"}


def column_letter(col: int) -> str:
    """1 -> ``A``, 27 -> ``AA``."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """A cell's name from 1-based row and column: ``a1(7, 6) == 'F7'``."""
    return f"{column_letter(col)}{row}"


def parse_a1(ref: str) -> tuple[int, int]:
    """``'F7'`` -> (7, 6): a cell's 1-based row and column from its name."""
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref.strip())
    if not m:
        raise ValueError(f"'{ref}' is not a cell reference")
    col = 0
    for ch in m[1].upper():
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col


def clean_text(value: object) -> str:
    """A cell's value as text, stripped; ``None`` is the empty string."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def preview(text: str, limit: int = 60) -> str:
    """Text shortened to one readable line for a message (whitespace collapsed, an ellipsis if cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalise_status(value: object) -> str | None:
    """``' on track '`` -> ``'On track'``; ``None`` when it is not a status word."""
    return _STATUS_ALIASES.get(key(clean_text(value)))


def normalise_yes_no(value: object) -> str | None:
    """``'y'``/``'YES'``/``True`` -> ``'Yes'``; ``None`` when it is neither."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return _YES_NO_ALIASES.get(clean_text(value).casefold())


#: Typed with no separators it could be a serial, a count or yyyymmdd: not taken as a date.
_DIGITS_ONLY = re.compile(r"^\d+$")
#: ``2023-12-31`` and ``2023/12/31``: the year first, so the month comes before the day.
_YEAR_FIRST = re.compile(r"^\d{4}\s*[-/.]")
#: Day, month and year all in figures: the first must be the day (``12/31/2023`` is never a date).
_FIGURES = re.compile(r"^(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*\d{2,4}\b")
#: Two different defaults: a date read the same with both had its day, month and year typed.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """A date from a real date cell or from text typed the UK way (day first), else ``None``.

    Text is read by python-dateutil, day first: ``31/12/2023``, ``31-12-23``, ``31.12.2023``,
    ``28/6/24``, ``28 June 2024``, ``28th June 2024``, ``28 Jun 24``, and ISO ``2023-12-31``.  A
    date needs its day, month and year (``June 2024`` is not one), and month first is never guessed:
    ``12/31/2023`` is not a date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A serial number in a cell without a date format (what Excel stores under the hood).
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        return None
    text = clean_text(value)
    if not text or _DIGITS_ONLY.match(text) or len(text) > 60:
        return None
    from dateutil.parser import ParserError, parse  # loaded when a date is typed as text

    year_first = bool(_YEAR_FIRST.match(text))
    try:
        first, second = (parse(text, dayfirst=not year_first, yearfirst=year_first, default=d) for d in _DEFAULTS)
    except (ParserError, ValueError, OverflowError):
        return None
    if first != second:  # the day, the month or the year was not typed
        return None
    figures = _FIGURES.match(text)
    if figures and (first.day, first.month) != (int(figures[1]), int(figures[2])):
        return None  # dateutil swapped day and month to make sense of a month-first date
    return first.date()


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")


def parse_number(value: object) -> float | None:
    """A number as people type one: a number, or text like ``1,234`` or ``12.5``; ``None`` otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = clean_text(value).replace(" ", "")
    return float(text.replace(",", "")) if _NUMBER.match(text) else None


def is_percent_format(number_format: str | None) -> bool:
    """True for a cell formatted as a percentage (Excel's ``0%``, ``0.00%`` and the like)."""
    return bool(number_format) and "%" in str(number_format).replace("\\%", "").replace('"%"', "")


class Percent(NamedTuple):
    """What a ``% complete`` cell says: the percentage, or the two things it could mean.

    ``value`` is ``None`` when the cell holds no number, or when it is ambiguous; then
    ``readings`` holds both percentages it could be, and nothing is guessed.
    """

    value: float | None
    readings: tuple[float, float] | None = None


def parse_percent(value: object, number_format: str | None = None) -> Percent:
    """A ``% complete`` as typed: ``50``, ``'50%'``, ``'50 %'``, ``'50'`` and 0.5 in a percent-formatted cell are 50.

    Excel and LibreOffice store ``50%`` typed into a cell as 0.5 and give the cell a percent format,
    so a number with a percent format is a fraction.  A number between 0 and 1 without one could be
    either (``0.5`` typed, or ``50%`` typed into a cell whose whole-number format LibreOffice kept),
    and so could 60 in a percent-formatted cell (LibreOffice shows ``60`` typed there as 6000%):
    those are ambiguous.
    """
    if isinstance(value, bool):
        return Percent(None)
    if isinstance(value, (int, float)):
        number = float(value)
        if is_percent_format(number_format):
            if 1 < number <= 100:  # 60 typed into a cell LibreOffice had made a percentage shows 6000%
                return Percent(None, (number, number * 100))
            return Percent(_hundredfold(number))
        if 0 < number < 1:
            return Percent(None, (number, number * 100))
        return Percent(number)
    text = clean_text(value).replace(" ", "").replace("\u00a0", "")
    if not text:
        return Percent(None)
    try:
        number = float(text.removesuffix("%"))
    except ValueError:
        return Percent(None)
    if not math.isfinite(number):  # "nan" and "inf" are words to a person, not numbers
        return Percent(None)
    if not text.endswith("%") and 0 < number < 1:
        return Percent(None, (number, number * 100))
    return Percent(number)


#: A fraction times 100 is compared at this many places: 0.55 x 100 is 55.00000000000001 in floating
#: point, yet 55% is what the partner typed (Excel and Calc store it as the fraction 0.55).
_PLACES = 9


def _hundredfold(fraction: float) -> float:
    """A percentage from the fraction a percent cell stores, without floating point's last-digit noise."""
    return round(fraction * 100, _PLACES)
