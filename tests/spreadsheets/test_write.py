"""The writing rules every workbook obeys: losses are errors, outputs appear atomically."""

from pathlib import Path

import openpyxl
import pytest

from cspxl import WriteError
from cspxl.spreadsheets.write import workbook, write_text


def test_text_too_long_for_a_cell_is_an_error_not_a_silent_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    with pytest.raises(WriteError, match="does not fit in a cell"), workbook(path, title="t") as wb:
        write_text(wb.add_worksheet("S"), 0, 0, "x" * 32768)
    assert not path.exists() and not list(tmp_path.iterdir())


def test_an_xlsxwriter_warning_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    long_list = [f"choice {i}" for i in range(60)]  # an inline list source over 255 characters
    with pytest.raises(WriteError), workbook(path, title="t") as wb:
        wb.add_worksheet("S").data_validation(0, 0, 0, 0, {"validate": "list", "source": long_list})
    assert not path.exists()


def test_a_failed_write_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    with workbook(path, title="t") as wb:
        write_text(wb.add_worksheet("S"), 0, 0, "first")
    before = path.read_bytes()
    with pytest.raises(WriteError), workbook(path, title="t") as wb:
        write_text(wb.add_worksheet("S"), 0, 0, "y" * 40000)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["master.xlsx"]


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    with workbook(path, title="t") as wb:
        ws = wb.add_worksheet("S")
        for r, text in enumerate(["=1+1", "+SUM(A1)", "-2", "@cmd", "http://example.org", "0123"]):
            write_text(ws, r, 0, text)
    cells = [c for (c,) in openpyxl.load_workbook(path)["S"].iter_rows()]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"), ("+SUM(A1)", "s"), ("-2", "s"), ("@cmd", "s"), ("http://example.org", "s"), ("0123", "s")]
