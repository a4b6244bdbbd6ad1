"""Workbooks saved by Microsoft Excel itself (charts, tables, macros, 1904 dates…) meet the readers.

None is a return, so each must be read and then refused in one sentence as not issued by cspxl:
never a traceback, never a change to the register.  Skipped when the shared corpus is absent.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from cspxl import Register, ingest
from cspxl.cells import is_percent_format
from cspxl.spreadsheets.read import Book, read_workbook
from cspxl.spreadsheets.sandbox import shared
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus" / "excel-made"
FILES = sorted(p for p in CORPUS.glob("*") if p.suffix in (".xlsx", ".xlsm")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"the Excel-made corpus is not at {CORPUS}")


def test_every_workbook_excel_saved_is_read() -> None:
    books = list(shared().read((p.name, p.read_bytes()) for p in FILES))
    unread = [(p.name, str(b)) for p, b in zip(FILES, books, strict=True) if not isinstance(b, Book)]
    assert unread == []
    assert sum(len(b.sheets) for b in books if isinstance(b, Book)) >= len(FILES)


def test_ingesting_them_refuses_each_as_not_a_return_and_records_nothing(workspace) -> None:
    result = ingest(workspace, [CORPUS], received=datetime(2023, 7, 10))
    outcomes = {(f.outcome, f.problems[0].code) for f in result.files}
    assert outcomes <= {("rejected", "identity-missing"), ("skipped", "file-skipped")}
    assert sum(f.outcome == "rejected" for f in result.files) == len(FILES)
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.counts() == {"submissions": 0, "answers": 0, "figures": 0, "problems": 0}


def test_the_fast_reader_gives_the_values_openpyxl_gives_on_every_workbook_excel_saved() -> None:
    # Text holding _xHHHH_ escapes is left out: openpyxl unescapes shared strings itself and cspxl's
    # openpyxl path unescapes them once more (for inline strings); python-calamine follows the spec.
    differ = []
    for path in FILES:
        fast, exact = read_workbook(path, return_sized=False), read_workbook(path, return_sized=False, exact=True)
        assert [(s.name, s.state) for s in fast.sheets] == [(s.name, s.state) for s in exact.sheets], path.name
        for a, b in zip(fast.sheets, exact.sheets, strict=True):
            assert sorted(a.merged) == sorted(b.merged), (path.name, a.name)
            for rc in set(a.cells) | set(b.cells):
                va, vb = a.value(*rc), b.value(*rc)
                if va != vb and "_x" not in f"{va}{vb}":
                    differ.append((path.name, a.name, rc, va, vb))
                elif isinstance(vb, int | float) and is_percent_format(b.get(*rc).number_format):
                    assert is_percent_format(a.get(*rc).number_format), (path.name, a.name, rc)
    assert differ == []
