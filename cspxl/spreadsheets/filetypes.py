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
    if content.startswith(_BIFF2_TO_4):
        return Verdict("xls")  # a worksheet from Excel 2 to 4, saved before workbooks were OLE files
    for magic, what in _OTHER:
        if content.startswith(magic):
            return Verdict(None, f"is {what}, not a workbook", _SAVE_AS_XLSX)
    if content.lstrip().startswith(b"<?xml") or content.lstrip().startswith(b"<"):
        return _xml(content[:4096])
    if _looks_like_text(content[:4096]):
        return Verdict(None, "is a text file (a CSV, perhaps), not a workbook",
                       "ask the partner to send the return workbook itself, not a CSV or text export")
    return Verdict(None, "is not a workbook that cspxl can read", _SAVE_AS_XLSX)


#: The BOF record that begins an Excel 2, 3 or 4 worksheet (record type, then its length).
_BIFF2_TO_4 = (b"\x09\x00\x04\x00", b"\x09\x02\x06\x00", b"\x09\x04\x06\x00")

_OTHER: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"<!DOCTYPE html", "a web page (HTML)"),
    (b"<!doctype html", "a web page (HTML)"),
    (b"<html", "a web page (HTML)"),
)

PASSWORD = Verdict(None, "is protected with a password, so it cannot be opened",
                    "ask the partner to remove the password (in Excel, File > Info > Protect Workbook > Encrypt with "
                    "Password, and delete it; in LibreOffice, File > Properties > Security) and send it again")

#: What the main part of an Office Open XML package is, by its content type.
_OOXML_TYPES: dict[str, Kind | str] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": "an Excel binary workbook (.xlsb)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "a Word document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "a PowerPoint presentation",
}


def _zip(content: bytes) -> Verdict:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = z.namelist()
            lower = {n.lower().replace("\\", "/"): n for n in names}
            mimetype = z.read(lower["mimetype"])[:100] if "mimetype" in lower else b""
            manifest = z.read(lower["meta-inf/manifest.xml"])[:200_000] if "meta-inf/manifest.xml" in lower else b""
            main = _main_part_type(z, lower)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError):
        return Verdict(None, "is damaged or cut short (an incomplete zip archive)",
                       "ask the partner to attach the return again")
    if _ODS_MIME in mimetype or (not mimetype and _ODS_MIME in manifest):
        return PASSWORD if b"encryption-data" in manifest else Verdict("ods")
    found = _OOXML_TYPES.get(main or "")
    if found in ("xlsx", "xlsm"):
        return Verdict("xlsm" if any(n.endswith("vbaproject.bin") for n in lower) else "xlsx")
    if found is None and any(n.endswith("workbook.bin") for n in lower):
        found = "an Excel binary workbook (.xlsb)"
    if found is None and "xl/workbook.xml" in lower:  # no content types to say so, but laid out as Excel does
        return Verdict("xlsm" if "xl/vbaproject.bin" in lower else "xlsx")
    if found == "an Excel binary workbook (.xlsb)":
        return Verdict(None, "is an Excel binary workbook (.xlsb)", _SAVE_AS_XLSX)
    if found is not None:
        return Verdict(None, f"is {found}, not a workbook", _SAVE_AS_XLSX)
    if "word/document.xml" in lower or "ppt/presentation.xml" in lower:
        return Verdict(None, "is a Word or PowerPoint document, not a workbook", _SAVE_AS_XLSX)
    if any(n.endswith(("index/document.iwa", "index.zip")) for n in lower):
        if any(".numbers/" in n or "index/tables/" in n or "index/calculationengine" in n for n in lower):
            return Verdict(None, "is an Apple Numbers spreadsheet, which cspxl cannot read",
                           "ask the partner to open it in Numbers, choose File > Export To > Excel, and send the "
                           ".xlsx file that makes")
        return Verdict(None, "is an Apple Pages or Keynote document, not a workbook", _SAVE_AS_XLSX)
    if mimetype:
        return Verdict(None, f"is an OpenDocument file of another kind ({mimetype.decode('ascii', 'replace')})",
                       _SAVE_AS_XLSX)
    return Verdict(None, "is a zip archive, not a workbook", "ask the partner to send the return workbook itself")


def _main_part_type(z: zipfile.ZipFile, lower: dict[str, str]) -> str | None:
    """The content type of an Office Open XML package's main part (wherever it sits), or ``None``.

    The package's own relationships name the main part, and its content types say what that is:
    a workbook need not be at ``xl/workbook.xml``.
    """
    from defusedxml import ElementTree  # the package is untrusted

    if "_rels/.rels" not in lower or "[content_types].xml" not in lower:
        return None
    try:
        rels = ElementTree.fromstring(z.read(lower["_rels/.rels"])[:1_000_000])
        types = ElementTree.fromstring(z.read(lower["[content_types].xml"])[:1_000_000])
    except Exception:  # noqa: BLE001 - defusedxml's refusals and any parse failure: not a package we know
        return None
    target = next((r.get("Target", "") for r in rels if (r.get("Type") or "").endswith("/officeDocument")), "")
    part = "/" + target.lstrip("/").replace("\\", "/")
    for override in types:
        if override.tag.endswith("Override") and (override.get("PartName") or "").lower() == part.lower():
            return override.get("ContentType")
    extension = part.rsplit(".", 1)[-1].lower()
    for default in types:
        if default.tag.endswith("Default") and (default.get("Extension") or "").lower() == extension:
            return default.get("ContentType")
    return None


def _ole(content: bytes) -> Verdict:
    import olefile  # only for the rare legacy and password-protected files

    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=False)}
    except Exception:  # noqa: BLE001 - olefile's failures on a damaged or crafted container
        # A container olefile finds damaged may still be read by xlrd, which is more forgiving.
        return Verdict("xls")
    if "encryptedpackage" in streams:
        return PASSWORD
    if "workbook" in streams or "book" in streams:
        return Verdict("xls")
    if "worddocument" in streams:
        return Verdict(None, "is a Word document (.doc), not a workbook", _SAVE_AS_XLSX)
    if "powerpoint document" in streams:
        return Verdict(None, "is a PowerPoint presentation (.ppt), not a workbook", _SAVE_AS_XLSX)
    return Verdict(None, "is an Office file that is not a workbook", _SAVE_AS_XLSX)


def _xml(head: bytes) -> Verdict:
    """An XML file: a flat OpenDocument spreadsheet, an Excel 2003 XML spreadsheet, a web page, or other."""
    if _ODS_MIME in head:
        return Verdict(None, "is a flat OpenDocument spreadsheet (.fods), which cspxl does not read",
                       "ask the partner to save it as an Excel workbook (.xlsx) or an OpenDocument spreadsheet (.ods) "
                       "and send it again")
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return Verdict(None, "is an Excel 2003 XML spreadsheet, which cspxl does not read", _SAVE_AS_XLSX)
    if b"<html" in head.lower():
        return Verdict(None, "is a web page (HTML), not a workbook", _SAVE_AS_XLSX)
    return Verdict(None, "is an XML file, not a workbook", _SAVE_AS_XLSX)


def _looks_like_text(head: bytes) -> bool:
    """Text in UTF-8 (the last character may be cut by the 4 KB taken), UTF-16 or UTF-32, with a
    byte-order mark or without, or in Windows' Western code page."""
    import codecs

    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff")):
        return True
    if b"\x00" in head:  # UTF-16 or UTF-32 without a byte-order mark, or a binary file
        return any(_wide_text(head, encoding) for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def _wide_text(head: bytes, encoding: str) -> bool:
    """Whether ``head`` reads as text in a wide encoding: no control characters but line ends and tabs,
    and mostly the characters a CSV is made of (random bytes read as UTF-16 are mostly CJK)."""
    width = 4 if "32" in encoding else 2
    try:
        text = head[: len(head) // width * width].decode(encoding)
    except UnicodeDecodeError:
        return False
    if not text or any(not (ch.isprintable() or ch in "\t\r\n") for ch in text):
        return False
    return sum(ch < "\u0250" for ch in text) >= 0.9 * len(text)
