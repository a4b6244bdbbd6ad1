"""The recommendations of reviews in the register: partners' updates from their returns, and the board's decisions.

An update counts as the figures do: a partner's current return for a quarter (received last, then ingested
last, of those applied) gives its updates for that quarter.  A decision (the board signing a recommendation off,
or its reopening) is a row of its own; the last recorded is the recommendation's state, and none is deleted.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from ..identity import Identity
from .convert import findings_from_json, iso_until
from .records import RecommendationUpdate, trusted
from .store import Register

Event = Literal["signed off", "reopened"]


class Decision(BaseModel):
    """The board signing a recommendation off on a day (closing it), or its reopening, and why."""

    model_config = ConfigDict(frozen=True)

    recommendation_id: str
    event: Event
    #: The status signed off (Implemented or Not accepted); for a reopening, the status it had.
    status: str
    on: date
    #: Who decided: the board, a named officer (blank when not said).
    by: str = ""
    #: Why it was reopened (blank for a sign-off).
    reason: str = ""
    recorded_at: datetime


def record_decision(register: Register, decision: Decision) -> None:
    """Keep a sign-off or a reopening."""
    with register.db:
        register.db.execute(
            "INSERT INTO recommendation_decisions (recommendation_id, event, status, decided_on, decided_by, reason,"
            " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (decision.recommendation_id, decision.event, decision.status, decision.on.isoformat(), decision.by,
             decision.reason, decision.recorded_at.isoformat()))


def decisions(register: Register, until: datetime | None = None) -> dict[str, list[Decision]]:
    """Each recommendation's decisions taken by ``until`` (all, when ``None``), in the order recorded.

    A decision counts from the day the board took it (``--on``), as a return counts from when it was received:
    a sign-off recorded the morning after the meeting is in the papers as of the meeting.
    """
    out: dict[str, list[Decision]] = {}
    try:
        rows = register.db.execute("SELECT * FROM recommendation_decisions WHERE decided_on <= ? ORDER BY id",
                                   ((until.date().isoformat() if until else "9999"),)).fetchall()
    except sqlite3.OperationalError as exc:  # a read-only copy of an older register has no such table
        if "no such table" not in str(exc):
            raise
        return out
    for r in rows:
        out.setdefault(r["recommendation_id"], []).append(Decision(
            recommendation_id=r["recommendation_id"], event=r["event"], status=r["status"],
            on=date.fromisoformat(r["decided_on"]), by=r["decided_by"], reason=r["reason"],
            recorded_at=datetime.fromisoformat(r["recorded_at"])))
    return out


def closed_recommendations(register: Register, until: datetime | None = None) -> frozenset[str]:
    """The recommendations signed off (and not reopened since) by ``until``: they leave the returns."""
    return frozenset(r for r, made in decisions(register, until).items() if made[-1].event == "signed off")


class Reported(NamedTuple):
    """An update as the register holds it: the quarter and partner of its return, and when that was received."""

    quarter: str
    partner: str
    received_at: datetime
    update: RecommendationUpdate
    #: The day the return it came in was issued.
    issued: date


# Each partner's current return for a quarter (Register.current's rule), for every quarter with returns applied.
_CURRENT_UPDATES = """
SELECT s.period AS period, s.partner AS partner, s.received_at AS received_at, s.identity AS identity, x.*
FROM recommendation_updates AS x JOIN (
    SELECT id, period, partner, received_at, identity,
           ROW_NUMBER() OVER (PARTITION BY period, partner ORDER BY received_at DESC, id DESC) AS place
    FROM applied WHERE received_at <= ?
) AS s ON s.id = x.submission_id
WHERE s.place = 1
ORDER BY s.period, s.partner, x.sheet_row
"""


def recommendation_updates(register: Register, until: datetime | None = None) -> list[Reported]:
    """The updates of each partner's current return for each quarter, among the returns received by ``until``
    (accepted or not), quarter by quarter.  Empty in a register made before they were kept."""
    try:
        rows = register.db.execute(_CURRENT_UPDATES, (iso_until(until),)).fetchall()
    except sqlite3.OperationalError as exc:  # a read-only copy of an older register has no such table
        if "no such table" not in str(exc):
            raise
        return []
    return [Reported(r["period"], r["partner"], datetime.fromisoformat(r["received_at"]), _update_from_row(r),
                     Identity.model_validate_json(r["identity"]).issued) for r in rows]


def submission_updates(register: Register, submission_id: int) -> dict[str, RecommendationUpdate]:
    """One return's updates, by recommendation, in the order of its rows."""
    try:
        rows = register.db.execute("SELECT * FROM recommendation_updates WHERE submission_id = ? ORDER BY sheet_row",
                                   (submission_id,)).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return {}
    return {r["recommendation_id"]: _update_from_row(r) for r in rows}


def _update_from_row(r: sqlite3.Row) -> RecommendationUpdate:
    return trusted(RecommendationUpdate, recommendation_id=r["recommendation_id"], row=r["sheet_row"],
                   status=r["status"], evidence=r["evidence"], reason=r["reason"],
                   needs_correction=bool(r["needs_correction"]),
                   date_implemented=date.fromisoformat(r["date_implemented"]) if r["date_implemented"] else None,
                   personal=findings_from_json(r["personal"]), reason_personal=findings_from_json(r["reason_personal"]))
