"""How the paper says numbers, lists and dates: ``1 action``, ``a, b and c``, ``30 September 2023``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def count(n: int, noun: str, plural: str = "") -> str:
    """``1 action``, ``2 actions``, ``0 days``; ``2 priorities`` given the ``plural``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def listing(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def day_text(day: date | None) -> str:
    """A date as the paper writes it, ``30 September 2023`` (no leading zero on any system); '' for none."""
    return f"{day.day} {day:%B %Y}" if day else ""
