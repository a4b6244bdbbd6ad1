"""What a file really is, from its bytes rather than its name, and what a partner should do about it.

Partners rename files, save CSVs as ".xlsx", protect workbooks with passwords and attach PDFs.
Before any parser sees a file, its first bytes (and, for zip and OLE containers, the names of
their parts) say what it is; only the formats cspxl reads go on to a parser.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Literal

Kind = Literal["xlsx", "xlsm", "ods", "xls"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
#: How a file that might be a workbook begins (a zip or an OLE container); anything else is told by
#: its first few kilobytes alone.
CONTAINERS = (*_ZIP, _OLE)
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Verdict:
    """A readable kind, or a refusal: what the file is and what the partner should do."""

    kind: Kind | None
    what: str = ""
    advice: str = ""


_SAVE_AS_XLSX = "ask the partner to save it as an Excel workbook (.xlsx) and send it again"


def identify(content: bytes) -> Verdict:
    """Say what ``content`` is: one of the readable kinds, or why not."""
    if not content:
        return Verdict(None, "is empty (0 bytes)", "ask the partner to attach the return again")
    if content.startswith(_ZIP):
        return _zip(content)
    if content.startswith(_OLE):
        return _ole(content)
    for magic, what in _OTHER:
        if content.startswith(magic):
            return Verdict(None, f"is {what}, not a workbook", _SAVE_AS_XLSX)
    if _looks_like_text(content[:4096]):
        return Verdict(None, "is a text file (perhaps a CSV renamed), not a workbook",
                       "ask the partner to send the return workbook itself, not a CSV or text export")
    return Verdict(None, "is not a workbook that cspxl can read", _SAVE_AS_XLSX)


_OTHER: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"<?xml", "an XML file (perhaps an Excel 2003 XML spreadsheet)"),
    (b"<!DOCTYPE html", "a web page (HTML)"),
    (b"<!doctype html", "a web page (HTML)"),
    (b"<html", "a web page (HTML)"),
)


def _zip(content: bytes) -> Verdict:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = z.namelist()
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
            manifest = z.read("META-INF/manifest.xml")[:200_000] if "META-INF/manifest.xml" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return Verdict(None, "is damaged or cut short (an incomplete zip archive)",
                       "ask the partner to attach the return again")
    lower = {n.lower() for n in names}
    if mimetype.startswith(_ODS_MIME) and b"encryption-data" in manifest:
        return Verdict(None, "is protected with a password, so it cannot be opened",
                       "ask the partner to remove the password (File > Properties > Security) and send it again")
    if mimetype.startswith(_ODS_MIME):
        return Verdict("ods")
    if "xl/workbook.bin" in lower:
        return Verdict(None, "is an Excel binary workbook (.xlsb)", _SAVE_AS_XLSX)
    if "xl/workbook.xml" in lower:
        return Verdict("xlsm" if "xl/vbaproject.bin" in lower else "xlsx")
    if "word/document.xml" in lower or "ppt/presentation.xml" in lower:
        return Verdict(None, "is a Word or PowerPoint document, not a workbook", _SAVE_AS_XLSX)
    if mimetype:
        return Verdict(None, f"is an OpenDocument file of another kind ({mimetype.decode('ascii', 'replace')})",
                       _SAVE_AS_XLSX)
    return Verdict(None, "is a zip archive, not a workbook", "ask the partner to send the return workbook itself")


def _ole(content: bytes) -> Verdict:
    import olefile  # only for the rare legacy and password-protected files

    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError, TypeError) as exc:
        return Verdict(None, f"is a damaged Office file ({type(exc).__name__})",
                       "ask the partner to attach the return again")
    if "encryptedpackage" in streams:
        return Verdict(None, "is protected with a password, so it cannot be opened",
                       "ask the partner to remove the password (File > Info > Protect Workbook) and send it again")
    if "workbook" in streams or "book" in streams:
        return Verdict("xls")
    if "worddocument" in streams:
        return Verdict(None, "is a Word document (.doc), not a workbook", _SAVE_AS_XLSX)
    return Verdict(None, "is an Office file that is not a workbook", _SAVE_AS_XLSX)


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Excel's "Unicode text" is saved
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True
