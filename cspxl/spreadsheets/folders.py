"""What is in the files and folders a coordinator points ``cspxl ingest`` at.

Folders are walked recursively in name order.  Litter is skipped with a note rather than rejected
as a return: Excel's ``~$`` lock files, hidden files, and cspxl's own files when the workspace
itself is ingested.  A file in a folder whose name is not a workbook's (``.pdf``, ``.txt``, none at
all, ``.xls5``) is not skipped by its name: ingest looks at its bytes, and skips it with what it
is, or reads it if it is a workbook after all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

#: Names a workbook has; a file in a folder named otherwise is read only if its bytes are a workbook's.
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".ods", ".ots", ".xlsb"}


class Found(NamedTuple):
    """A file to ingest, or to skip with the reason why."""

    path: Path
    skip: str = ""
    #: Found in a folder under a name no workbook has: skipped unless its bytes are a workbook's.
    by_bytes: bool = False


def expand(paths: Iterable[Path], own: Iterable[Path] = ()) -> Iterator[Found]:
    """Files to ingest, folders walked recursively in name order, with a reason for any to skip.

    Inside a folder, cspxl's own files (``own``: the workspace's plan, returns as generated,
    masters, archive) are skipped, so ``cspxl ingest .`` in the workspace does the right thing.
    """
    mine = [str(p.resolve()) for p in own]
    for given in paths:
        given = Path(given)
        if given.is_dir():
            for path, resolved, unreadable in _files(given):
                if unreadable:
                    yield Found(path, unreadable)
                elif any(resolved == m or resolved.startswith(m + os.sep) for m in mine):
                    yield Found(path, "skipped: one of cspxl's own files in the workspace")
                else:
                    yield Found(path, _litter(path), by_bytes=path.suffix.lower() not in WORKBOOK_SUFFIXES)
        elif _lock_file(given):
            yield Found(given, _litter(given))
        else:
            yield Found(given)


def _files(folder: Path) -> list[tuple[Path, str, str]]:
    """Every file in a folder and the folders inside it (not those it links to), in name order,
    each with its real path as text; and each folder that cannot be opened, with why.

    The folder's real path is found once; only a file that is itself a link needs resolving, so a
    folder of 6,000 returns is walked in a moment.
    """
    found: list[tuple[Path, str, str]] = []
    folders = [(folder, str(folder.resolve()))]
    while folders:
        shown, real = folders.pop()
        try:
            with os.scandir(shown) as entries:
                for entry in entries:
                    path, resolved = shown / entry.name, os.path.join(real, entry.name)
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((path, resolved))
                    elif entry.is_file():  # a link to a file counts; a broken link, a folder link or a pipe not
                        found.append((path, str(path.resolve()) if entry.is_symlink() else resolved, ""))
        except OSError as exc:
            found.append((shown, "", f"skipped: the folder cannot be opened ({exc.strerror or type(exc).__name__})"))
    return sorted(found)


def _lock_file(path: Path) -> bool:
    """Excel's ``~$name.xlsx`` and LibreOffice's ``.~lock.name.xlsx#``: left while a workbook is open."""
    return path.name.startswith(("~$", ".~lock."))


def _litter(path: Path) -> str:
    if _lock_file(path):
        return "skipped: a lock file (left while the workbook was open in Excel or LibreOffice), not a return"
    if path.name.startswith("."):
        return "skipped: a hidden file"
    return ""
