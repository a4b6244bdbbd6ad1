"""Shared fixtures: a workspace on the example plan, plan workbooks from literal tables, returns filled in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cspxl import Workspace, example_plan_path, init_workspace, load_plan

#: The checkout, and the test data kept in it.
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

#: The tests marked ``slow``, and why: ``pytest -m "not slow"`` leaves them out of a quick loop; CI runs everything.
SLOW_MODULES: dict[str, str] = {
    "tests/test_libreoffice.py": "LibreOffice converts, prints and types into files",
    "tests/web/test_browser.py": "Chromium drives the page",
    "tests/test_bench.py": "the benchmark builds a partnership",
    "tests/test_packaging.py": "a wheel and a source distribution are built",
    "tests/test_types.py": "mypy checks the whole package",
    "tests/spreadsheets/test_sandbox.py": "worker processes are crashed, starved and timed out on purpose",
    "tests/spreadsheets/test_corpus.py": "993 workbooks Microsoft Excel saved are read",
    "tests/spreadsheets/test_fuzz.py": "hypothesis writes hundreds of workbooks",
    "tests/spreadsheets/test_hostile.py": "hostile files go through the worker sandbox one by one",
    "tests/mail/test_rounds.py": "a real SMTP server takes each round",
    "tests/test_platform.py": "the cycle runs in folders Windows and OneDrive make, one after another",
    # Each test below runs one or more whole quarters end to end: returns generated, filled in, ingested,
    # consolidated and often papers written.
    "tests/test_year.py": "a year of quarters, plan changes and the rollover",
    "tests/test_a_year_as_presented.py": "a year of quarters",
    "tests/test_overview.py": "a year of quarters",
    "tests/test_fake_clock.py": "a quarter under a fake clock",
    "tests/test_nothing_written_is_lost.py": "a quarter, its files locked and unlocked",
    "tests/test_closing.py": "quarters closed and reopened",
    "tests/returns/test_nothing_lost.py": "a quarter's returns, sent twice and late",
    "tests/returns/test_figures.py": "a quarter or two of figures for each case",
    "tests/report/test_quarter_report.py": "a quarter and its paper",
    "tests/screening/test_personal_cycle.py": "a quarter with personal data in every kind of cell",
    "tests/recommendations/test_master_and_papers.py": "quarters and their papers",
    "tests/recommendations/test_signoff.py": "quarters and the board's decisions",
    "tests/recommendations/test_edges.py": "quarters and the board's decisions",
    "tests/recommendations/test_year.py": "a year and its rollover",
    "tests/web/test_page_round.py": "a quarter through the page",
    "tests/web/test_council_year.py": "the council's year through the page",
    "tests/web/test_views_kept.py": "a quarter through the page and the command line beside it",
    "tests/web/test_recommendations_page.py": "quarters and the board's decisions through the page",
    "tests/cli/test_cli.py": "a quarter through the command line",
    "tests/assessment/test_assessment.py": "a year, its assessment and the papers",
    "tests/test_council_year_edges.py": "a year, its assessment and the papers",
    "tests/test_slipped_target.py": "quarters and the rollover",
    "tests/recommendations/test_return_sheet.py": "a return with recommendations for each case",
    "tests/returns/test_corrections.py": "returns sent back and corrected",
    "tests/returns/test_workbook.py": "every return of a quarter, on every core",
    "tests/returns/test_tamper.py": "returns tampered with and ingested",
    "tests/spreadsheets/test_limits.py": "files at and past each bound of the sandbox",
    "tests/master/test_master.py": "quarters and their masters",
    "tests/master/test_measures_sheet.py": "quarters of figures and their masters",
    "tests/master/test_rows_needing_correction.py": "quarters and their masters",
}
#: Fixtures that run the demo's whole year or build the guide: every test using one is slow too.
SLOW_FIXTURES = frozenset({"demo", "built_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests (see :data:`SLOW_MODULES` and :data:`SLOW_FIXTURES`)."""
    for item in items:
        where = Path(str(item.fspath)).resolve().relative_to(ROOT).as_posix()
        if where in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A new workspace holding the shipped Sevenoaks example plan."""
    return init_workspace(tmp_path / "ws", example_plan_path())


@pytest.fixture
def plan(workspace: Workspace):  # noqa: ANN201
    return load_plan(workspace.plan_path)


def write_book(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook as a coordinator would type it in Excel: each sheet a literal table, header first."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    """A sheet of a written workbook as dicts keyed by its header row (row 1)."""
    wb = openpyxl.load_workbook(path)
    rows = list(wb[sheet].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def by(rows: list[dict[str, Any]], column: str) -> dict[Any, dict[str, Any]]:
    return {r[column]: r for r in rows}


def rezip(source: Path, out: Path, *, edit: dict[str, Any] | None = None, add: dict[str, bytes] | None = None,
          duplicate: str | None = None) -> Path:
    """Copy a workbook's zip, changing parts as a crafted file would.

    ``edit`` maps a part name to new bytes or to a function of the old bytes; ``add`` adds parts;
    ``duplicate`` writes one part a second time under the same name.
    """
    import warnings
    import zipfile

    edit, add = edit or {}, add or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            change = edit.get(info.filename)
            data = change(data) if callable(change) else (change if change is not None else data)
            dst.writestr(info.filename, data)
            if info.filename == duplicate:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # zipfile warns about the duplicate: that is the point
                    dst.writestr(info.filename, data)
        for name, data in add.items():
            dst.writestr(name, data)
    return out


def with_shared_strings(source: Path, out: Path, sheet_part: str = "xl/worksheets/sheet2.xml") -> Path:
    """Move a sheet's inline strings (as openpyxl writes them) into a shared-strings part (as Excel does).

    Excel escapes characters XML cannot hold as ``_xHHHH_`` there, which readers must undo.
    """
    import re
    import zipfile

    strings: list[str] = []

    def share(match: re.Match[bytes]) -> bytes:
        strings.append(match[2].decode())
        return match[1] + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    with zipfile.ZipFile(source) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts[sheet_part] = re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                               share, parts[sheet_part], flags=re.S)
    sst = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    parts.setdefault("xl/sharedStrings.xml", b"")
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{sst}</sst>').encode()
    types = parts["[Content_Types].xml"]
    if b"sharedStrings" not in types:
        parts["[Content_Types].xml"] = types.replace(b"</Types>", (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        rels = parts["xl/_rels/workbook.xml.rels"]
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(b"</Relationships>", (
            b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return out
