"""``cspxl crime import``: police.uk's street-level files for the partnership's area, into the register.

The area is the plan's: the LSOAs whose names start with its ``Crime area`` setting (``Sevenoaks``
for ``Sevenoaks 001A``), or the LSOA codes of its ``Crime areas`` sheet.  Each file is counted for
the area by month, force and crime type and recorded in one transaction; a file already imported is
skipped, a file with no crime in the area (another force's) records nothing, and the months held
are listed with any gap between them, since a month missing is never a month without crime.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..errors import UsageError
from ..plan import Plan
from ..register.crime import CrimeFile, crime_file_imported, crime_months, record_crime_file
from ..workspace import Workspace
from .police_uk import police_files

Outcome = Literal["imported", "duplicate", "skipped"]


class FileImported(BaseModel):
    """What became of one file."""

    model_config = ConfigDict(frozen=True)

    name: str
    outcome: Outcome
    #: For an imported file: its crimes in the area; otherwise 0.
    crimes: int = 0
    months: tuple[str, ...] = ()
    forces: tuple[str, ...] = ()
    #: Why a file was skipped, or when a duplicate was first imported.
    detail: str = ""


class CrimeImport(BaseModel):
    """What an import did, and the months the register now holds for the area."""

    model_config = ConfigDict(frozen=True)

    area: str
    files: tuple[FileImported, ...]
    #: Every month held, first to last (``2023-04``).
    held: tuple[str, ...]
    #: The months between the first and last held that no file gave.
    missing: tuple[str, ...]


def area_of(plan: Plan) -> tuple[str, str]:
    """The register's key for the plan's area, and how to say it; refused when the plan names none."""
    if plan.crime_areas:
        codes = ",".join(sorted(plan.crime_areas))
        return f"lsoa:{hashlib.sha256(codes.encode()).hexdigest()[:12]}", f"the {len(plan.crime_areas)} LSOAs of Crime areas"
    if plan.settings.crime_area:
        return f"name:{plan.settings.crime_area.casefold()}", plan.settings.crime_area
    raise UsageError("the plan does not say which area's crimes to count: give a Crime area in Settings (the start of "
                     "its LSOA names in police.uk's files, e.g. Sevenoaks) or list its LSOA codes in a Crime areas "
                     "sheet, then import again.")


def in_area(plan: Plan) -> Callable[[str, str], bool]:
    """Whether a row (LSOA code, LSOA name) is in the plan's area."""
    codes = set(plan.crime_areas)
    prefix = plan.settings.crime_area.casefold() + " "
    if codes:
        return lambda code, name: code.upper() in codes
    return lambda code, name: name.casefold().startswith(prefix)


def import_crime(workspace: Workspace, paths: Iterable[Path], imported_at: datetime | None = None) -> CrimeImport:
    """Import police.uk street-level files (files, folders, zip archives) for the plan's area."""
    plan = workspace.plan
    area, said = area_of(plan)
    now = imported_at or datetime.now().replace(microsecond=0)
    outcomes = []
    with workspace.register() as register:
        for found in police_files(paths, in_area(plan)):
            if found.not_police_uk:
                outcomes.append(FileImported(name=found.name, outcome="skipped", detail=found.not_police_uk))
                continue
            first = crime_file_imported(register, found.sha256, area)
            if first is not None:
                outcomes.append(FileImported(name=found.name, outcome="duplicate", months=found.months,
                                             forces=found.forces, detail=f"{first:%d/%m/%Y}"))
                continue
            if not found.counts:
                outcomes.append(FileImported(name=found.name, outcome="skipped", months=found.months,
                                             forces=found.forces, detail=f"no crime in {said} in it"))
                continue
            record_crime_file(register, CrimeFile(sha256=found.sha256, name=found.name, area=area,
                                                  counts=found.counts), now)
            outcomes.append(FileImported(
                name=found.name, outcome="imported", months=tuple(found.counts), forces=found.forces,
                crimes=sum(n for forces in found.counts.values() for kinds in forces.values() for n in kinds.values())))
        held = tuple(crime_months(register, area))
    return CrimeImport(area=said, files=tuple(outcomes), held=held, missing=missing_months(held))


def held_crime(workspace: Workspace) -> CrimeImport:
    """The months of crime held for the plan's area, importing nothing."""
    area, said = area_of(workspace.plan)
    if not workspace.register_path.is_file():
        return CrimeImport(area=said, files=(), held=(), missing=())
    with workspace.register(readonly=True) as register:
        held = tuple(crime_months(register, area))
    return CrimeImport(area=said, files=(), held=held, missing=missing_months(held))


def missing_months(held: Iterable[str]) -> tuple[str, ...]:
    """The months between the first and the last of ``held`` that are not in it."""
    from dateutil.relativedelta import relativedelta

    months = sorted(held)
    if not months:
        return ()
    first, last = (datetime.strptime(m, "%Y-%m") for m in (months[0], months[-1]))
    every = (f"{first + relativedelta(months=k):%Y-%m}" for k in range((last.year - first.year) * 12
                                                                       + last.month - first.month + 1))
    return tuple(m for m in every if m not in months)


def month_text(month: str) -> str:
    """``2023-04`` as people say it: ``April 2023``."""
    year, number = map(int, month.split("-"))
    return f"{date(year, number, 1):%B %Y}"
