"""Closed periods: what went to the board, and the returns held back from it until a period is reopened.

A period is closed on the day its papers were as of, when they went to the board.  From then on a
return for it is recorded and archived, but held: no view of the register sees it, so every figure
of the period (and of the year, and every later quarter's "last quarter") stays as presented.
Reopening releases what was held.  Nothing is deleted: each close and reopen is a row of its own.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from ..periods import ReturnsFor
from .convert import record_from_row
from .records import SubmissionRecord

#: The submissions every view reads: all but those held for a closed period.  A temporary view, made on
#: each connection, so a read-only copy of an older register (which has no ``held`` table) reads too.
APPLIED_VIEW = """
CREATE TEMP VIEW IF NOT EXISTS applied AS
SELECT * FROM main.submissions WHERE id NOT IN (SELECT submission_id FROM held WHERE released_at IS NULL)
"""


class Closure(BaseModel):
    """A period's close: the day its papers were as of, when it was recorded, and the papers kept."""

    model_config = ConfigDict(frozen=True)

    id: int
    period: str
    on: date
    recorded_at: datetime
    #: Each paper as presented, by name (``master``, ``circulation``, ``paper``), as kept in the archive.
    papers: dict[str, str]


def applied_view(db: sqlite3.Connection) -> None:
    """Make the ``applied`` view on a connection (with an empty ``held`` table where the file has none)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'held'").fetchone() is None:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS held (submission_id INTEGER PRIMARY KEY, closure_id INTEGER,"
                   " released_at TEXT)")
    db.execute(APPLIED_VIEW)


class Closures:
    """The register's closes, reopenings and held returns (a part of :class:`~cspxl.register.Register`)."""

    db: sqlite3.Connection

    def closure(self, period: ReturnsFor) -> Closure | None:
        """The period's close, while it is closed; ``None`` if it was never closed, or reopened since."""
        return self._closure(str(period))

    def _closure(self, period: str) -> Closure | None:
        row = self.db.execute("SELECT * FROM closures WHERE period = ? ORDER BY id DESC LIMIT 1", (period,)).fetchone()
        if row is None or row["event"] != "closed":
            return None
        return Closure(id=row["id"], period=row["period"], on=date.fromisoformat(row["as_of"]),
                       recorded_at=datetime.fromisoformat(row["recorded_at"]), papers=json.loads(row["papers"]))

    def closed_periods(self) -> list[Closure]:
        """Every period closed now (its last event a close), oldest close first."""
        periods = [str(r[0]) for r in self.db.execute("SELECT DISTINCT period FROM closures")]
        closed = [c for p in periods if (c := self._closure(p)) is not None]
        return sorted(closed, key=lambda c: c.id)

    def record_close(self, period: ReturnsFor, on: date, papers: dict[str, str], at: datetime) -> Closure:
        """Close ``period`` as presented on ``on``, with the archived ``papers``."""
        with self.db:
            self.db.execute("INSERT INTO closures (period, event, as_of, papers, recorded_at) VALUES (?, 'closed', ?, ?, ?)",
                            (str(period), on.isoformat(), json.dumps(papers), at.isoformat()))
        closed = self.closure(period)
        assert closed is not None
        return closed

    def record_reopen(self, period: ReturnsFor, at: datetime) -> list[SubmissionRecord]:
        """Reopen ``period``: the returns held for it are applied from now on.  Returns them, oldest first."""
        released = self.held(period)
        with self.db:
            self.db.execute("INSERT INTO closures (period, event, as_of, papers, recorded_at) "
                            "VALUES (?, 'reopened', '', '{}', ?)", (str(period), at.isoformat()))
            self.db.executemany("UPDATE held SET released_at = ? WHERE submission_id = ?",
                                [(at.isoformat(), r.id) for r in released])
        return released

    def held(self, period: ReturnsFor) -> list[SubmissionRecord]:
        """The returns for ``period`` held while it is closed, in the order received."""
        rows = self.db.execute("SELECT s.* FROM main.submissions AS s JOIN held AS h ON h.submission_id = s.id "
                               "WHERE s.period = ? AND h.released_at IS NULL ORDER BY s.received_at, s.id", (str(period),))
        return [record_from_row(r) for r in rows]
