"""Police.uk crime counts in the register: what each imported file held for the partnership's area.

Counts are kept by area, month, force and crime type.  A month's counts for a force are those of the
file last imported for it, so a file police.uk publishes again (with corrections) replaces its month,
and the same file imported twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from .store import Register


class CrimeFile(BaseModel):
    """One police.uk street-level file's crimes in the area: ``counts`` by month, force and crime type."""

    model_config = ConfigDict(frozen=True)

    sha256: str
    name: str
    area: str
    counts: Mapping[str, Mapping[str, Mapping[str, int]]]


def crime_file_imported(register: Register, sha256: str, area: str) -> datetime | None:
    """When a file with this content was imported for ``area``, or ``None``."""
    row = register.db.execute("SELECT imported_at FROM crime_files WHERE sha256 = ? AND area = ?",
                              (sha256, area)).fetchone()
    return datetime.fromisoformat(row[0]) if row else None


def record_crime_file(register: Register, file: CrimeFile, imported_at: datetime) -> None:
    """Record a file's counts in one transaction (a file is wholly recorded or not at all), replacing
    those of each month and force it holds."""
    with register.db:
        for month, forces in file.counts.items():
            for force, kinds in forces.items():
                register.db.execute("DELETE FROM crime_counts WHERE area = ? AND month = ? AND force = ?",
                                    (file.area, month, force))
                register.db.executemany(
                    "INSERT INTO crime_counts (area, month, force, crime_type, count) VALUES (?, ?, ?, ?, ?)",
                    [(file.area, month, force, kind, n) for kind, n in sorted(kinds.items())])
                register.db.execute(
                    "INSERT INTO crime_files (sha256, name, area, month, force, crimes, imported_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (file.sha256, file.name, file.area, month, force, sum(kinds.values()), imported_at.isoformat()))


def crime_counts(register: Register, area: str) -> dict[str, dict[str, int]]:
    """The area's crimes by month (``2023-04``) and crime type, every force's added together."""
    out: dict[str, dict[str, int]] = {}
    for month, kind, n in register.db.execute(
            "SELECT month, crime_type, SUM(count) FROM crime_counts WHERE area = ? GROUP BY month, crime_type "
            "ORDER BY month, crime_type", (area,)):
        out.setdefault(month, {})[kind] = n
    return out


def crime_months(register: Register, area: str) -> dict[str, list[str]]:
    """The months held for the area (``2023-04``), each with the forces whose files gave it."""
    out: dict[str, list[str]] = {}
    for month, force in register.db.execute(
            "SELECT DISTINCT month, force FROM crime_files WHERE area = ? ORDER BY month, force", (area,)):
        out.setdefault(month, []).append(force)
    return out
