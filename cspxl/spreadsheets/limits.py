"""What a returned file may hold before it is refused, and how a refusal is put to the coordinator.

A real return is about 30 KB and a thousand cells; these bounds are generous for that and far below
what would hurt the machine.  A refusal says what the file is and what stopped the readers, never
a Python exception's name.
"""

from __future__ import annotations

import zipfile

from ..errors import Crafted, ReadError

MAX_FILE_BYTES = 20 * 2**20
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_RATIO = 100
MAX_PARTS = 5000
MAX_SHEETS = 100
MAX_CELLS = 50_000
MAX_ROWS = 5_000
MAX_CHARACTERS = 2_000_000

SEND_AGAIN = "ask the partner to fill in the return they were sent and send it again"


def reraise_interruption(exc: BaseException) -> None:
    """Let through what is not a reader's failure on the file: an interruption, or running out of time.

    A reader's failure is an ``Exception``, or a panic in python-calamine's Rust code, which reaches
    Python as a ``BaseException``; either means the next reader may try.
    """
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def refuse_crafted(exc: BaseException) -> None:
    """Raise :class:`Crafted` (or a memory refusal) if ``exc`` was a reader's refusal of a hostile file."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps the parser's refusal in a ValueError
        if isinstance(cause, DefusedXmlException):
            raise Crafted("contains XML entity declarations, which Excel never writes (a sign of a crafted file)",
                          SEND_AGAIN) from exc
        if isinstance(cause, MemoryError):
            raise ReadError("needs more memory to read than any return could", SEND_AGAIN) from exc
        cause = cause.__cause__ or cause.__context__


_KINDS = {"xlsx": "an Excel workbook (.xlsx)", "xlsm": "a macro-enabled Excel workbook (.xlsm)",
          "xls": "an Excel 97-2003 workbook (.xls)", "ods": "an OpenDocument spreadsheet (.ods)"}


def unreadable(kind: str, features: list[str] | None = None, hint: str = "") -> str:
    """What the file is and that it could not be read, with what may have stopped the readers."""
    what = _KINDS.get(kind, "a workbook")
    why = hint or (f"it holds {', '.join(features)}, which may be what stopped them" if features else
                   "it may be damaged, or hold parts they do not handle")
    return f"is {what} that cspxl's spreadsheet readers could not read ({why})"


#: Parts of an .xlsx that readers handle least well, by what their names start with.
_FEATURES = {"xl/pivottables/": "pivot tables", "xl/macrosheets/": "Excel 4 macro sheets",
             "xl/chartsheets/": "chart sheets", "xl/dialogsheets/": "dialog sheets", "xl/drawings/": "drawings",
             "xl/externallinks/": "links to other workbooks", "xl/slicers/": "slicers", "xl/model/": "a data model"}


def features(package: zipfile.ZipFile) -> list[str]:
    names = [n.lower().replace("\\", "/") for n in package.namelist()]
    return [what for start, what in _FEATURES.items() if any(n.startswith(start) for n in names)]
