"""Fill in a return in LibreOffice Calc, as a person would, and save it in the formats partners use.

Drives a headless LibreOffice over its own UNO API, so the answers go through Calc's own input
handling: "75%" becomes a percentage, "31/12/2023" a UK date, text typed into a dropdown cell is
kept as typed.  The tests use it to prove returns survive a real spreadsheet program; a
coordinator can use it to pre-fill test returns.

Run it with the system Python that has Debian's python3-uno (not a virtual environment)::

    /usr/bin/python3 scripts/lo_fill.py RETURN.xlsx --answers answers.json \\
        [--sort-by-column J] --save filled.xlsx --save filled.ods --save filled.xls

``answers.json`` maps cells of the Return sheet to what is typed in them, e.g.
``{"J5": "on track", "K5": "75%", "L5": "31/12/2023", "N5": "Going well"}``; a cell of another
sheet is named with it, ``{"Measures!J4": "52"}``.  ``--sort-by-column``
unprotects the sheet (it has no password), sorts the table by that column, descending, and
protects it again, as a partner tidying up might.  With no answers, the file is opened and saved
as it is (to see what LibreOffice keeps).  It prints nothing and exits 0 on success.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # Debian's python3-uno, for /usr/bin/python3
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

FILTERS = {".xlsx": "Calc Office Open XML", ".ods": "calc8", ".xls": "MS Excel 97"}
HEADER_ROW = 3  # the Return sheet's header row, as cspxl writes it

# UK conventions for what is typed: day-first dates, as a council laptop would be set up.
REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>en-GB</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>en-GB</value></prop></item>
</oor:items>
"""


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Calc:
    """A headless LibreOffice of our own: own profile, own pipe, ended by its process id."""

    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="cspxl-lo-"))
        (self.profile / "user").mkdir()
        (self.profile / "user" / "registrymodifications.xcu").write_text(REGISTRY)
        self.pipe = f"cspxl{os.getpid()}"
        soffice = shutil.which("soffice") or "soffice"
        self.process = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={self.profile.as_uri()}", f"--accept=pipe,name={self.pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self.desktop = self._connect()

    def _connect(self) -> object:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 90
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("LibreOffice did not start") from None
                time.sleep(0.25)
        self.ctx = ctx
        return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def open(self, path: Path) -> object:
        doc = self.desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {path}")
        return doc

    def close(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001 - it may already be gone; the kill below makes sure
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def type_into(calc: Calc, doc: object, where: str, text: str) -> None:
    """Type ``text`` into a cell (``J5`` on the Return sheet, or ``Measures!J4``) through Calc's
    input line, as a user does."""
    name, cell = where.split("!") if "!" in where else ("Return", where)
    sheet = doc.Sheets.getByName(name)
    if sheet.isProtected() and sheet.getCellRangeByName(cell).CellProtection.IsLocked:
        # Calc would show a "protected cell" message box; headless, it has no one to show it to.
        raise SystemExit(f"{where} is a locked cell of the protected {name} sheet; type into its white cells only.")
    dispatcher = calc.ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", calc.ctx)
    frame = doc.getCurrentController().getFrame()
    dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", f"${name}.${cell}"),))
    dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))


def sort_rows(doc: object, column: str) -> None:
    """Unprotect the Return sheet, sort its rows by one column (descending), protect it again."""
    sheet = doc.Sheets.getByName("Return")
    sheet.unprotect("")
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    last_row = cursor.RangeAddress.EndRow
    table = sheet.getCellRangeByPosition(0, HEADER_ROW, 14, last_row)  # the rows under the header, A:O
    field = uno.createUnoStruct("com.sun.star.table.TableSortField")
    field.Field = ord(column.upper()) - ord("A")
    field.IsAscending = False
    descriptor = table.createSortDescriptor()
    for p in descriptor:
        if p.Name == "SortFields":
            p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        elif p.Name == "ContainsHeader":
            p.Value = False
    table.sort(descriptor)
    sheet.protect("")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--answers", type=Path, help="JSON: {cell: text typed}")
    parser.add_argument("--sort-by-column", metavar="LETTER")
    parser.add_argument("--save", type=Path, action="append", required=True, help=".xlsx, .ods or .xls (repeatable)")
    args = parser.parse_args(argv)
    answers = json.loads(args.answers.read_text()) if args.answers else {}
    for out in args.save:
        if out.suffix.lower() not in FILTERS:
            parser.error(f"{out}: save as one of {', '.join(FILTERS)}")
    calc = Calc()
    doc = None
    try:
        doc = calc.open(args.source)
        for cell, text in answers.items():
            type_into(calc, doc, cell, str(text))
        if args.sort_by_column:
            sort_rows(doc, args.sort_by_column)
        for out in args.save:
            out.parent.mkdir(parents=True, exist_ok=True)
            doc.storeToURL(out.resolve().as_uri(), (prop("FilterName", FILTERS[out.suffix.lower()]),))
    finally:
        if doc is not None:
            doc.close(True)  # so no .~lock file is left beside the return
        calc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
