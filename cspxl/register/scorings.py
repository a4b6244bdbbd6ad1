"""Strategic assessments' scorings in the register: each Scoring sheet read back, kept with its file.

A year may be scored more than once (the workshop's file, then a corrected one): every reading is kept,
and the last is the year's scoring.  Nothing is replaced or deleted.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..periods import FinancialYear, fy_label
from .store import Register


def record_scoring(register: Register, year: FinancialYear, file_name: str, content: bytes, scoring_json: str,
                   recorded_at: datetime) -> str:
    """Keep the file in the archive and record its scoring for ``year``; the file's path in the archive."""
    suffix = "." + file_name.rsplit(".", 1)[-1] if "." in file_name else ""
    archived = register.keep_file(content, suffix)
    with register.db:
        register.db.execute("INSERT INTO scorings (year, file_name, archive_path, scoring, recorded_at) "
                            "VALUES (?, ?, ?, ?, ?)",
                            (fy_label(year), file_name, archived, scoring_json, recorded_at.isoformat()))
    return archived


def latest_scoring(register: Register, year: FinancialYear,
                   until: datetime | None = None) -> tuple[str, str, datetime] | None:
    """The year's last scoring recorded by ``until`` (ever, when ``None``): its JSON, the file it came from and
    when it was recorded; ``None`` if none was (or in a register made before scorings were kept)."""
    try:
        row = register.db.execute("SELECT scoring, file_name, recorded_at FROM scorings WHERE year = ? AND "
                                  "recorded_at <= ? ORDER BY id DESC LIMIT 1",
                                  (fy_label(year), (until or datetime.max).isoformat())).fetchone()
    except sqlite3.OperationalError as exc:  # a read-only copy of an older register has no such table
        if "no such table" in str(exc):
            return None
        raise
    return (row[0], row[1], datetime.fromisoformat(row[2])) if row else None
