"""The register as it stood at a moment: each partner's current answers, read once.

A master asks for the same quarters' answers many times over (this quarter, last quarter, each
quarter of the year for the history, the target date changes and the completions).  Reading each
period's current returns in one query, once, keeps ``cspxl status`` quick however many years the
workspace holds.  A return issued to one partner asks about a few partners only: it reads those.
A snapshot lives for one view: make a new one after recording anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypeVar

from ..periods import Period, ReturnsFor
from ..status import Status
from .convert import answer_from_row, figure_from_row, iso_until
from .records import Answer, Figure

R = TypeVar("R")

# The rows (answers or figures) of each partner's current return for a period: the latest received, then
# the one ingested last (the same rule as Register.current), of the returns applied (none held for a close).
CURRENT_ROWS = """
SELECT s.partner AS partner, x.* FROM {table} AS x JOIN (
    SELECT id, partner, ROW_NUMBER() OVER (PARTITION BY partner ORDER BY received_at DESC, id DESC) AS place
    FROM applied WHERE period = ? AND received_at <= ?
) AS s ON s.id = x.submission_id
WHERE s.place = 1
ORDER BY s.partner, x.sheet_row
"""
_CURRENT_ANSWERS, _CURRENT_FIGURES = CURRENT_ROWS.format(table="answers"), CURRENT_ROWS.format(table="figures")


# One partner's current return (Register.current's rule).
_PARTNER_ANSWERS = """
SELECT * FROM answers WHERE submission_id = (
    SELECT id FROM applied WHERE period = ? AND partner = ? AND received_at <= ?
    ORDER BY received_at DESC, id DESC LIMIT 1
) ORDER BY sheet_row
"""


class Snapshot:
    """The answers of the register received up to ``until`` (everything, when ``None``), read a whole
    period at a time (``whole_periods``, for a view of every partner) or a partner at a time."""

    def __init__(self, db: sqlite3.Connection, until: datetime | None = None, whole_periods: bool = True) -> None:
        self.db = db
        self.until = until
        self.whole_periods = whole_periods
        self._periods: dict[str, dict[str, dict[str, Answer]]] = {}
        self._partners: dict[tuple[str, str], dict[str, Answer]] = {}
        self._figures: dict[str, dict[str, dict[str, Figure]]] = {}

    def period(self, period: ReturnsFor) -> dict[str, dict[str, Answer]]:
        """Each partner's current answers for ``period``, by action."""
        return self._period(str(period))

    def answers(self, period: ReturnsFor, partner: str) -> dict[str, Answer]:
        """A partner's current answers for a period (accepted or not); empty when it sent none."""
        return self._answers(str(period), partner)

    def figures(self, period: ReturnsFor) -> dict[str, dict[str, Figure]]:
        """Each partner's current figures for ``period``, by measure (accepted or not)."""
        key = str(period)
        if key not in self._figures:
            self._figures[key] = self._by_partner(_CURRENT_FIGURES, key, "measure_id", figure_from_row)
        return self._figures[key]

    def figure(self, period: ReturnsFor, owner: str, measure: str) -> float | None:
        """The owner's accepted figure for a measure in a period; ``None`` when there is none."""
        found = self.figures(period).get(owner, {}).get(measure)
        return found.value if found is not None and found.accepted else None

    def _period(self, key: str) -> dict[str, dict[str, Answer]]:
        if key not in self._periods:
            self._periods[key] = self._by_partner(_CURRENT_ANSWERS, key, "action_id", answer_from_row)
        return self._periods[key]

    def _answers(self, key: str, partner: str) -> dict[str, Answer]:
        if self.whole_periods:
            return self._period(key).get(partner, {})
        if (key, partner) not in self._partners:
            rows = self.db.execute(_PARTNER_ANSWERS, (key, partner, iso_until(self.until)))
            self._partners[(key, partner)] = {row["action_id"]: answer_from_row(row) for row in rows}
        return self._partners[(key, partner)]

    def _by_partner(self, query: str, key: str, column: str, read: Callable[[sqlite3.Row], R]) -> dict[str, dict[str, R]]:
        """The rows ``query`` gives for the period ``key``, read, by partner and then by their ``column``."""
        out: dict[str, dict[str, R]] = {}
        for row in self.db.execute(query, (key, iso_until(self.until))):
            out.setdefault(row["partner"], {})[row[column]] = read(row)
        return out

    def completed_earlier(self, period: Period, leads: Mapping[Period, Mapping[str, str]]) -> dict[str, Answer]:
        """The actions whose lead's latest accepted status in an earlier quarter of ``period``'s year is
        Completed, with that answer.  ``leads`` gives each earlier quarter's lead of each action (a
        lead may change between quarters).  A status chosen since (the action reopened) is the latest
        instead, so the action is not among them."""
        earlier = {q: leads[q] for q in period.earlier_in_year() if q in leads}
        return {a: answer for a, answer in self.latest_accepted(earlier).items() if answer.status == Status.COMPLETED}

    def latest_accepted(self, leads: Mapping[Period, Mapping[str, str]]) -> dict[str, Answer]:
        """For each action, its lead's accepted answer with a status in the first of the quarters in
        ``leads`` (quarter -> action -> that quarter's lead, latest quarter first) that has one."""
        latest: dict[str, Answer] = {}
        for quarter, lead_of in leads.items():
            for action, lead in lead_of.items():
                if action in latest:
                    continue
                answer = self.answers(quarter, lead).get(action)
                if answer is not None and answer.accepted and answer.status:
                    latest[action] = answer
        return latest

    def latest_revised(self, leads: Mapping[Period, Mapping[str, str]]) -> dict[str, Answer]:
        """For each action, its lead's latest accepted answer that gives a revised target date, in the
        first of the quarters in ``leads`` (latest first) that has one: a partner gives a slipped date once,
        and it stands until another is given."""
        latest: dict[str, Answer] = {}
        for quarter, lead_of in leads.items():
            for action, lead in lead_of.items():
                answer = self.answers(quarter, lead).get(action)
                if action not in latest and answer is not None and answer.accepted and answer.revised_target:
                    latest[action] = answer
        return latest
