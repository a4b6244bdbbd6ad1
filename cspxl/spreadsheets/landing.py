"""How a file cspxl writes lands at its path: whole or not at all, and never over one a reader may hold.

Every output is written to a temporary file beside its path and renamed over it, so no one ever
opens half a file.  A master, circulation copy, year workbook or paper that would replace a different
one first moves that one aside, under its own name with the day it was as of and when it was
written (``..._report (as of 2024-07-31, written 2024-08-02 14.30).docx``): a paper already sent
to the board is never lost.  A PDF printed from the old paper goes with it, so no PDF is left
beside a paper it contradicts.
"""

from __future__ import annotations

import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

#: What a written file's keywords (its document properties) say of its as-of day, for :func:`aside_name`.
_AS_OF = re.compile(rb"as of (\d{4}-\d{2}-\d{2})")


def as_of_keywords(as_of: date) -> str:
    """The keywords a master or paper carries in its properties, so a later one can name it when it moves aside."""
    return f"cspxl; as of {as_of.isoformat()}"


def land(tmp: Path, path: Path, *, keep: bool = False) -> Path | None:
    """Rename the finished ``tmp`` over ``path``.  With ``keep``, a different file already at ``path`` (and
    a PDF beside it of the same name) is moved aside first; returns where it went, or ``None``.

    Raises :class:`PermissionError` when a file is open in a program that locks it (Excel, Word on
    Windows): nothing has then been replaced.
    """
    kept = None
    if keep and path.exists() and not same_content(path, tmp):
        kept = aside_name(path)
        os.replace(path, kept)
        pdf = path.with_suffix(".pdf")
        if path.suffix.lower() == ".docx" and pdf.exists():
            os.replace(pdf, kept.with_suffix(".pdf"))
    os.replace(tmp, path)
    return kept


def same_content(a: Path, b: Path) -> bool:
    """Whether two files hold the same: the same bytes, or (workbooks and documents being zips whose
    entries carry the time they were written) the same parts with the same bytes."""
    first, second = a.read_bytes(), b.read_bytes()
    if first == second:
        return True
    try:
        with zipfile.ZipFile(a) as x, zipfile.ZipFile(b) as y:
            parts = {i.filename: (i.CRC, i.file_size) for i in x.infolist()}
            if parts != {i.filename: (i.CRC, i.file_size) for i in y.infolist()}:
                return False  # told apart from the zips' directories, nothing unpacked: the usual case
            return all(x.read(n) == y.read(n) for n in parts)
    except (OSError, zipfile.BadZipFile):
        return False


def aside_name(path: Path) -> Path:
    """A free name beside ``path`` for the file now there: its as-of day (from its properties, when it has
    one) and when it was written."""
    written = datetime.fromtimestamp(path.stat().st_mtime)
    as_of = _as_of(path)
    label = (f"as of {as_of}, " if as_of else "") + f"written {written:%Y-%m-%d %H.%M}"
    candidate, n = path.with_name(f"{path.stem} ({label}){path.suffix}"), 1
    while candidate.exists() or candidate.with_suffix(".pdf").exists():
        n += 1
        candidate = path.with_name(f"{path.stem} ({label}, {n}){path.suffix}")
    return candidate


def kept_sentence(path: Path, kept: Path) -> str:
    """What a command says when it moved an earlier file aside."""
    return f"The earlier {path.name} is kept beside it as {kept.name}."


def as_of_written(path: Path) -> date | None:
    """The as-of day a master or paper cspxl wrote at ``path`` gives in its properties; ``None`` if there is
    no such file, or it gives none."""
    found = _as_of(path) if path.is_file() else ""
    return date.fromisoformat(found) if found else None


def _as_of(path: Path) -> str:
    """The as-of day a workbook or document cspxl wrote gives in its keywords; '' for none (or not a zip)."""
    try:
        with zipfile.ZipFile(path) as z:
            found = _AS_OF.search(z.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    return found[1].decode() if found else ""
