"""Reading police.uk's street-level crime files: CSV files, the folders and zip archives they come in.

data.police.uk publishes a CSV a month a force (``2023-04-kent-street.csv``), in folders by month,
in zip archives.  Each row is a crime or an anti-social behaviour incident with its month, force,
approximate location, LSOA code and name, and crime type.  Files are read row by row, zip members
without unpacking them to disk, so a whole archive of every force costs memory for one row at a time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict

#: The columns of a street-level file, as police.uk writes them.
HEADER: tuple[str, ...] = ("Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                           "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PoliceFile(BaseModel):
    """What one street-level file holds for an area: its crimes by (month, crime type), and of which force."""

    model_config = ConfigDict(frozen=True)

    name: str
    sha256: str
    #: ``month -> force -> crime type -> crimes`` in the area.
    counts: dict[str, dict[str, dict[str, int]]]
    #: The forces whose rows the file holds (``Falls within``), in the area or not.
    forces: tuple[str, ...]
    #: The months of the file's rows, in the area or not.
    months: tuple[str, ...]
    #: '' for a street-level file; otherwise why it is not one.
    not_police_uk: str = ""


def police_files(paths: Iterable[Path], in_area: Callable[[str, str], bool]) -> Iterator[PoliceFile]:
    """Each CSV in ``paths`` (files, folders searched recursively, zip archives), counted for the area:
    ``in_area(lsoa_code, lsoa_name)`` says whether a row is in it."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from police_files(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")),
                                    in_area)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = sorted(m for m in archive.namelist() if m.lower().endswith(".csv"))
                if not members:  # a workbook is a zip too
                    yield PoliceFile(name=path.name, sha256="", counts={}, forces=(), months=(),
                                     not_police_uk="not a police.uk street-level file (an archive with no CSV "
                                                   "file in it, or a workbook)")
                for member in members:
                    with archive.open(member) as raw:
                        yield _count(f"{path.name}:{member}", raw, in_area)
        else:
            with path.open("rb") as raw:
                yield _count(path.name, raw, in_area)


def _count(name: str, raw: IO[bytes], in_area: Callable[[str, str], bool]) -> PoliceFile:
    """Read one file once: hash it and count its rows in the area as they stream past."""
    digest = hashlib.sha256()
    hashing = io.BufferedReader(_Hashing(raw, digest))
    text = io.TextIOWrapper(hashing, encoding="utf-8-sig", errors="replace", newline="")
    counts: dict[tuple[str, str], Counter[str]] = {}
    forces: set[str] = set()
    months: set[str] = set()
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header[:len(HEADER)]) != HEADER:
        return PoliceFile(name=name, sha256="", counts={}, forces=(), months=(),
                          not_police_uk="not a police.uk street-level file (its first row is not police.uk's header)")
    for row in reader:
        if len(row) < len(HEADER):
            continue
        month, force, code, lsoa, kind = row[1].strip(), row[3].strip(), row[7].strip(), row[8].strip(), row[9].strip()
        if not _MONTH.match(month):
            continue
        months.add(month)
        forces.add(force)
        if kind and in_area(code, lsoa):
            counts.setdefault((month, force), Counter())[kind] += 1
    text.read()  # the rest, if any, into the hash
    by_month: dict[str, dict[str, dict[str, int]]] = {}
    for (month, force), kinds in sorted(counts.items()):
        by_month.setdefault(month, {})[force] = dict(sorted(kinds.items()))
    return PoliceFile(name=name, sha256=digest.hexdigest(), counts=by_month, forces=tuple(sorted(forces)),
                      months=tuple(sorted(months)))


class _Hashing(io.RawIOBase):
    """A byte stream that adds everything read from it to a hash."""

    def __init__(self, raw: IO[bytes], digest: Any) -> None:
        self.raw, self.digest = raw, digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        self.digest.update(data)
        buffer[:len(data)] = data
        return len(data)
