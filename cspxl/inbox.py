"""What is in the files and folders a coordinator points ``cspxl ingest`` at.

Folders are walked recursively in name order.  Litter is skipped with a note rather than rejected
as a return: Excel's ``~$`` lock files, hidden files, things that are not spreadsheets, and
cspxl's own files when the workspace itself is ingested.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

#: File types looked at when a folder is ingested; anything else in it is skipped with a note.
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xls", ".ods", ".xlsb"}


def expand(paths: Iterable[Path], own: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
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
                    yield path, unreadable
                elif any(resolved == m or resolved.startswith(m + os.sep) for m in mine):
                    yield path, "skipped: one of cspxl's own files in the workspace"
                else:
                    yield path, _litter(path)
        elif _lock_file(given):
            yield given, _litter(given)
        else:
            yield given, ""


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
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return f"skipped: not a spreadsheet ({path.suffix or 'no extension'})"
    return ""
