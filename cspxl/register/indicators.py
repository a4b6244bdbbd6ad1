"""The strategic assessment's indicator figures in the register: each supplier's current data return.

A supplier's current return for a round is the one received last (then ingested last), of those applied,
as for a quarter's returns; its figures are its indicators' for each quarter, accepted or not.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..periods import AssessmentRound
from .convert import findings_from_json, iso_until
from .records import IndicatorFigure, trusted
from .snapshot import CURRENT_ROWS
from .store import Register


def current_indicator_figures(register: Register, round_: AssessmentRound, until: datetime | None = None,
                              ) -> dict[str, dict[tuple[str, str], IndicatorFigure]]:
    """Each supplier's current figures for the data round ``round_`` (``2023-24-SA``) among the returns received
    by ``until`` (all, when ``None``), by (indicator, quarter); empty in a register made before indicators were
    kept."""
    out: dict[str, dict[tuple[str, str], IndicatorFigure]] = {}
    try:
        rows = register.db.execute(CURRENT_ROWS.format(table="indicator_figures"), (str(round_), iso_until(until)))
        for r in rows:
            out.setdefault(r["partner"], {})[(r["indicator_id"], r["quarter"])] = trusted(
                IndicatorFigure, indicator_id=r["indicator_id"], quarter=r["quarter"], row=r["sheet_row"],
                value=r["value"], comment=r["comment"], needs_correction=bool(r["needs_correction"]),
                personal=findings_from_json(r["personal"]))
    except sqlite3.OperationalError as exc:  # a read-only copy of an older register has no such table
        if "no such table" not in str(exc):
            raise
    return out
