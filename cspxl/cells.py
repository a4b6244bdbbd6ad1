"""What people really type into a spreadsheet, turned into values: headers, dates, percentages, words.

Normalising at the edge, with whitelists and alias maps, so the rest of cspxl sees clean values.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

STATUSES: tuple[str, ...] = ("Not started", "On track", "At risk", "Off track", "Completed")
YES_NO: tuple[str, ...] = ("Yes", "No")

def key(text: object) -> str:
    """A header or word reduced for matching: case, spaces, underscores and hyphens ignored."""
    return _key(str(text))


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Cached: the same headers, sheet names and words are matched in every file of a collection."""
    return _SEPARATORS.sub("", text).casefold()


_SEPARATORS = re.compile(r"[\s_\-]+")


_STATUS_ALIASES = {key(s): s for s in STATUSES} | {"complete": "Completed", "done": "Completed", "ontarget": "On track"}

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


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """A date from a real date cell or from text typed the UK way (day first), else ``None``.

    Accepts ``31/12/2023``, ``31-12-23``, ``31.12.2023`` and ISO ``2023-12-31``.  Never guesses
    month-first: ``12/31/2023`` is not a date.
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
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_FIRST.match(text):
            year = int(m[3])
            year += 2000 if year < 100 else 0
            return date(year, int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def is_percent_format(number_format: str | None) -> bool:
    """True for a cell formatted as a percentage (Excel's ``0%``, ``0.00%`` and the like)."""
    return bool(number_format) and "%" in str(number_format).replace("\\%", "").replace('"%"', "")


def parse_percent(value: object, number_format: str | None = None) -> float | None:
    """``50``, ``'50%'``, ``'50'`` and 0.5 in a percent-formatted cell all mean 50; else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) * (100 if is_percent_format(number_format) else 1)
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    try:
        return float(text.removesuffix("%"))
    except ValueError:
        return None
