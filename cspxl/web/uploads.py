"""Files sent from the browser, written to a temporary folder of the page's own.

No name or path from the browser is used as a path: each file goes into a numbered folder made here,
under the last part of its name with every character a file system could read as a path, a device or
nothing taken out. So ``../../key/signing.key`` lands as ``1/signing.key`` inside the temporary folder,
and the name a partner gave a file (which the register and the master show) is otherwise kept.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage

from ..errors import UsageError

#: Windows' device names, which no file may take whatever its extension.
_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


@dataclass(frozen=True)
class Upload:
    """One file received: where it was written, and the name the browser gave it (for display only)."""

    path: Path
    name: str


def clean_name(name: str, number: int) -> str:
    """A name for a file from the browser that is only ever a file name, in any file system."""
    last = re.split(r"[/\\]", name or "")[-1]
    last = _UNSAFE.sub("", last).strip().rstrip(". ")
    if _DEVICES.match(last):
        last = f"_{last}"
    if len(last) > 120:
        stem, dot, ext = last.rpartition(".")
        last = (stem[: 119 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else last[:120]
    return last or f"file {number}"


class Uploads:
    """A temporary folder holding one request's files, removed when the ``with`` block ends."""

    def __init__(self, files: Iterable[FileStorage], limit: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="cspxl-upload-"))
        self.files: list[Upload] = []
        try:
            for number, storage in enumerate((f for f in files if f and f.filename), start=1):
                if number > limit:
                    raise UsageError(f"more than {limit} files were sent at once; send them in smaller batches.")
                target = self.folder / str(number) / clean_name(storage.filename or "", number)
                target.parent.mkdir()
                storage.save(target)
                self.files.append(Upload(target, storage.filename or target.name))
        except BaseException:
            self.remove()
            raise

    def __enter__(self) -> Uploads:
        return self

    def __exit__(self, *_: object) -> None:
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
