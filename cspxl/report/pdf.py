"""The paper as a PDF, printed by LibreOffice when it is installed.

LibreOffice runs headless with a profile of its own in a temporary folder, so it neither disturbs
nor waits for a LibreOffice the coordinator has open, and is stopped if it takes too long.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import WriteError

#: Where LibreOffice installs itself on Windows and macOS, when ``soffice`` is not on the path.
_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
           "/Applications/LibreOffice.app/Contents/MacOS/soffice")
TIMEOUT = 300


def soffice() -> str | None:
    """LibreOffice's program, or ``None`` when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((p for p in _PLACES if os.path.isfile(p)), None)


def no_pdf_sentence(docx: Path) -> str:
    return (f"No PDF was written, since LibreOffice is not installed here: open {docx.name} in Word and save it "
            "as PDF (File, Save As, PDF), or install LibreOffice and run the command again.")


def to_pdf(docx: Path, program: str) -> Path:
    """Print ``docx`` to a PDF beside it with LibreOffice (``program``); the PDF's path."""
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="cspxl-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix=".cspxl-pdf-", dir=docx.parent) as out:
        try:
            done = subprocess.run([program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                                   "--norestore", "--convert-to", "pdf", "--outdir", out, str(docx)],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise WriteError(f"LibreOffice took more than {TIMEOUT // 60} minutes to print {docx.name}, so no PDF "
                             "was written; open it in Word and save it as PDF.") from exc
        made = Path(out, target.name)
        if done.returncode != 0 or not made.is_file():
            said = ((done.stderr or done.stdout).strip().splitlines() or ["nothing"])[-1]
            raise WriteError(f"LibreOffice could not print {docx.name} to PDF (it said: {said}); open it in Word "
                             "and save it as PDF.")
        os.replace(made, target)  # in the same folder: the PDF appears whole or not at all
    return target
