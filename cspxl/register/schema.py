"""The register's tables, and how a register made by an older cspxl is brought up to date.

Tables and columns are only ever added, never changed or dropped, so every register stays readable.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    period TEXT NOT NULL,
    partner TEXT NOT NULL,
    file_name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    archive_path TEXT NOT NULL,
    plan_version TEXT NOT NULL,
    identity TEXT NOT NULL,
    received_at TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_return ON submissions (period, partner);
CREATE TABLE IF NOT EXISTS answers (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    action_id TEXT NOT NULL,
    sheet_row INTEGER NOT NULL,
    status TEXT,
    percent INTEGER,
    date_completed TEXT,
    revised_target TEXT,
    progress TEXT NOT NULL,
    support_needed TEXT,
    needs_correction INTEGER NOT NULL,
    personal TEXT,
    PRIMARY KEY (submission_id, action_id)
);
-- The figures of success measures a return gave, superseded with their return as answers are.
CREATE TABLE IF NOT EXISTS figures (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    measure_id TEXT NOT NULL,
    sheet_row INTEGER NOT NULL,
    value REAL,
    comment TEXT NOT NULL,
    needs_correction INTEGER NOT NULL,
    personal TEXT,
    PRIMARY KEY (submission_id, measure_id)
);
CREATE TABLE IF NOT EXISTS issued (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    partner TEXT NOT NULL,
    issue INTEGER NOT NULL,
    identity TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    archive_path TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
-- Each partner's returns issued, and received, are asked about for every file ingested (a later return out?).
CREATE INDEX IF NOT EXISTS issued_by_partner ON issued (partner, period);
CREATE INDEX IF NOT EXISTS submissions_by_partner ON submissions (partner, period);
CREATE TABLE IF NOT EXISTS issued_cells (
    identity TEXT PRIMARY KEY REFERENCES issued (identity),
    cells TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    partner TEXT NOT NULL,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    message_id TEXT NOT NULL,
    attachment_sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_return ON messages (period, partner);
CREATE TABLE IF NOT EXISTS problems (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    fix TEXT NOT NULL,
    file TEXT NOT NULL,
    sheet TEXT NOT NULL,
    cell TEXT NOT NULL,
    action_id TEXT NOT NULL
);
-- A submission's problems are read for each partner when the master is written.
CREATE INDEX IF NOT EXISTS problems_by_submission ON problems (submission_id);
-- Each plan returns were generated from, by its version: the plan (JSON) and its workbook as it stood.
CREATE TABLE IF NOT EXISTS plans (
    version TEXT PRIMARY KEY,
    plan TEXT NOT NULL,
    archive_path TEXT NOT NULL,
    kept_at TEXT NOT NULL
);
-- Each police.uk street-level file imported (by its content), and the crimes it held in the area.
CREATE TABLE IF NOT EXISTS crime_files (
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    area TEXT NOT NULL,
    month TEXT NOT NULL,
    force TEXT NOT NULL,
    crimes INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (sha256, area, month, force)
);
-- Crimes in the area by month, force and police.uk crime type, as the latest file for that month and
-- force gives them (a file published again replaces the counts of the one before).
CREATE TABLE IF NOT EXISTS crime_counts (
    area TEXT NOT NULL,
    month TEXT NOT NULL,
    force TEXT NOT NULL,
    crime_type TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (area, month, force, crime_type)
);
-- Each time a period was closed (its papers went to the board, as of a day) or reopened: the last is its state.
CREATE TABLE IF NOT EXISTS closures (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    event TEXT NOT NULL,
    as_of TEXT NOT NULL,
    papers TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
-- Returns ingested for a closed period: recorded, but seen by no view until the period is reopened.
CREATE TABLE IF NOT EXISTS held (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
    closure_id INTEGER NOT NULL REFERENCES closures (id),
    released_at TEXT
);
-- The strategic assessment's indicators each data return gave: a row per indicator and quarter (a blank is
-- NULL, so a quarter left empty is told from one never asked for), with the indicator's comment on each.
CREATE TABLE IF NOT EXISTS indicator_figures (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    indicator_id TEXT NOT NULL,
    quarter TEXT NOT NULL,
    sheet_row INTEGER NOT NULL,
    value REAL,
    comment TEXT NOT NULL,
    needs_correction INTEGER NOT NULL,
    personal TEXT,
    PRIMARY KEY (submission_id, indicator_id, quarter)
);
-- Each Scoring sheet read back from a strategic assessment's workshop, as JSON: the last for a year is its scoring.
CREATE TABLE IF NOT EXISTS scorings (
    id INTEGER PRIMARY KEY,
    year TEXT NOT NULL,
    file_name TEXT NOT NULL,
    archive_path TEXT NOT NULL,
    scoring TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
-- Each return's updates on the recommendations of reviews its partner owns or supports.
CREATE TABLE IF NOT EXISTS recommendation_updates (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    recommendation_id TEXT NOT NULL,
    sheet_row INTEGER NOT NULL,
    status TEXT,
    evidence TEXT NOT NULL,
    date_implemented TEXT,
    reason TEXT NOT NULL,
    needs_correction INTEGER NOT NULL,
    personal TEXT,
    reason_personal TEXT,
    PRIMARY KEY (submission_id, recommendation_id)
);
-- Each time the board signed a recommendation off (closing it) or it was reopened: the last is its state.
CREATE TABLE IF NOT EXISTS recommendation_decisions (
    id INTEGER PRIMARY KEY,
    recommendation_id TEXT NOT NULL,
    event TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
-- Which plan each period's returns were generated from, each time they were: the last is the period's plan.
CREATE TABLE IF NOT EXISTS period_plans (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    version TEXT NOT NULL REFERENCES plans (version),
    generated_at TEXT NOT NULL
);
"""

#: Every table and index the register keeps, by kind.
MADE = frozenset(re.findall(r"CREATE (TABLE|INDEX) IF NOT EXISTS (\w+)", SCHEMA))


def upgrade(path: Path) -> None:
    """Add the tables a newer cspxl keeps to a register made by an older one (nothing is changed).

    It writes only when something is missing, so that reading a register never takes its write lock.
    """
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
            bring_up_to_date(db)
    except sqlite3.Error:
        pass  # a read-only copy of the register: read what it has


def bring_up_to_date(db: sqlite3.Connection) -> None:
    """Make every table and column this cspxl keeps that the register lacks, all at once or not at all.

    Only when something is missing does it take the write lock (waiting on the busy timeout), so that another
    reader never sees half a schema and two processes making the same register never fail each other.
    """
    if up_to_date(db):
        return
    try:
        db.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}")
        add_columns(db)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        db.commit()
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # the first error is the one to tell
            db.rollback()
        raise


def up_to_date(db: sqlite3.Connection) -> bool:
    """Whether the register has every table, index and column this cspxl keeps (found by reading alone)."""
    have = {(str(kind).upper(), name) for kind, name in db.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index')")}
    if not MADE <= have:
        return False
    return all(set(columns) <= {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
               for table, columns in _ADDED_COLUMNS.items())


def is_empty(db: sqlite3.Connection) -> bool:
    """Whether the file holds no table at all: a register another process is making this moment."""
    count: int = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return count == 0


def into_wal(db: sqlite3.Connection, patience: float) -> None:
    """Put the register into write-ahead logging, waiting up to ``patience`` seconds for others to let go.

    SQLite does not wait on its busy timeout to change the journal mode: a page or a command reading a register
    being made this moment would otherwise make the writer fail at once with 'database is locked'.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:  # any BUSY_*
                raise
            time.sleep(0.02)


#: Columns added to a table after cspxl first made it, with their declarations.
_ADDED_COLUMNS = {"answers": {"personal": "TEXT"}}


def add_columns(db: sqlite3.Connection) -> None:
    """Add the columns a newer cspxl keeps to the tables of an older register (NULL in the rows it has)."""
    for table, columns in _ADDED_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, declaration in columns.items():
            if name not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")
