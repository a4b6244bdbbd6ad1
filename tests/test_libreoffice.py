"""A real spreadsheet program opens what cspxl writes, and what it saves comes back in.

LibreOffice converts the example plan, a generated return and the demo's master to PDF (so each
opens without error), and re-saves a filled return as .xlsx, which must still ingest.  Skipped
with a reason when LibreOffice is absent, except in CI, where it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import example_plan_path, generate, ingest, parse_period
from cspxl.demo import run_demo
from cspxl.simulate import fill_return

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

if SOFFICE is None and os.environ.get("CI"):
    pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc", pytrace=False)
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def convert(files: list[Path], to: str, out: Path, profile: Path) -> list[Path]:
    """Convert files with headless LibreOffice in its own profile; return the converted files."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    ext = to.split(":")[0]
    converted = [out / f"{f.stem}.{ext}" for f in files]
    for path in converted:
        assert path.is_file() and path.stat().st_size > 1000, (path, done.stdout, done.stderr)
    return converted


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lo")
    run_demo(root / "demo")
    return root / "demo"


def test_the_plan_a_return_and_the_master_open_and_print_in_libreoffice(demo: Path, tmp_path: Path) -> None:
    files = [example_plan_path(), *sorted((demo / "returns" / "2023-24-Q2").glob("*Kent-Police.xlsx")),
             demo / "master" / "Sevenoaks-CSP_2023-24-Q2_master.xlsx"]
    pdfs = convert(files, "pdf", tmp_path / "pdf", tmp_path / "profile")
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")


def test_a_return_saved_by_libreoffice_keeps_its_identity_and_answers(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["pcc"])["pcc"]
    filled = fill_return(issued, tmp_path / "filled" / "pcc.xlsx",
                         {"A05": {"Status": "At risk", "% complete": 40, "Progress update": "Camera supplier delayed."},
                          "A23": {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 6, 28)}})
    (resaved,) = convert([filled], "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", tmp_path / "profile")
    assert resaved.read_bytes() != filled.read_bytes()
    result = ingest(workspace, [resaved], received=datetime(2023, 7, 10))
    (outcome,) = result.files
    assert outcome.outcome == "accepted", [str(p) for p in outcome.problems]
    assert not outcome.errors
    from cspxl import Register

    with Register(workspace.register_path, workspace.archive_dir) as reg:
        answers = reg.current_answers("2023-24-Q1", "pcc")
    assert (answers["A05"].status, answers["A05"].percent, answers["A05"].progress) == (
        "At risk", 40, "Camera supplier delayed.")
    assert (answers["A23"].status, answers["A23"].date_completed.isoformat()) == ("Completed", "2023-06-28")
