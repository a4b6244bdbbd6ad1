"""One file cannot take the batch down: crashes, memory hogs and slow files are rejected on their own."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, generate, ingest, parse_period
from cspxl.reader import Book, ReadError, read_workbook
from cspxl.sandbox import Sandbox
from cspxl.simulate import fill_return

CRASH, HOG, SLOW = b"<crash>", b"<hog>", b"<slow>"


def misbehaving(name: str, content: bytes) -> Book:
    """A reader with the failures real readers have, triggered by markers in the bytes."""
    if CRASH in content:
        os.abort()  # what python-calamine does on a sheet claiming A1:XFD1048576
    if HOG in content:
        bytearray(8 * 2**30)  # far past the worker's memory limit
    if SLOW in content:
        time.sleep(30)
    return read_workbook(Path(name), content.replace(b"<ok>", b""))


def calamine(name: str, content: bytes) -> Book:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(__import__("io").BytesIO(content))
    for sheet in wb.sheet_names:
        wb.get_sheet_by_name(sheet).to_python()
    return Book(path=Path(name), sheets=[])


@pytest.fixture
def plain(tmp_path: Path) -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "fine"
    wb.save(tmp_path / "plain.xlsx")
    return (tmp_path / "plain.xlsx").read_bytes()


def test_a_crash_a_memory_hog_and_a_slow_file_are_each_rejected_and_the_rest_read(plain: bytes) -> None:
    sandbox = Sandbox(workers=2, timeout=3, parser=misbehaving)
    try:
        items = [("a.xlsx", plain), ("crash.xlsx", plain + CRASH), ("b.xlsx", plain), ("hog.xlsx", plain + HOG),
                 ("slow.xlsx", plain + SLOW), ("c.xlsx", plain)]
        started = time.monotonic()
        results = list(sandbox.read(items))
        assert time.monotonic() - started < 20
    finally:
        sandbox.close()
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Book", "ReadError", "Book", "ReadError", "ReadError", "Book"]
    assert "made the spreadsheet reader crash" in str(results[1])
    assert "needs more memory" in str(results[3])
    assert "took more than 3 seconds" in str(results[4])
    assert results[5].sheets[0].value(1, 1) == "fine"


def test_python_calamines_abort_on_a_sheet_claiming_xfd1048576_is_contained(tmp_path: Path, plain: bytes) -> None:
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["XFD1048576"] = "near", "far"
    wb.save(tmp_path / "far.xlsx")
    sandbox = Sandbox(workers=2, parser=calamine)
    try:
        results = list(sandbox.read([("far.xlsx", (tmp_path / "far.xlsx").read_bytes()), ("plain.xlsx", plain)]))
    finally:
        sandbox.close()
    assert isinstance(results[0], ReadError) and "crash" in str(results[0])
    assert isinstance(results[1], Book)


def test_an_ingest_goes_on_past_a_file_that_crashes_its_reader(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["pcc", "kcc"])
    good = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "On track"}})
    other = fill_return(issued["kcc"], tmp_path / "kcc.xlsx", {"A14": {"Status": "On track"}})
    bomb = tmp_path / "crash.xlsx"
    bomb.write_bytes(good.read_bytes() + CRASH)
    sandbox = Sandbox(workers=2, parser=misbehaving)
    try:
        result = ingest(workspace, [good, bomb, other], received=datetime(2023, 7, 10), sandbox=sandbox)
    finally:
        sandbox.close()
    assert [f.outcome for f in result.files] == ["accepted", "rejected", "accepted"]
    assert "made the spreadsheet reader crash" in result.files[1].problems[0].message
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.counts()["submissions"] == 2


def test_workers_that_cannot_start_at_all_are_said_so_rather_than_blamed_on_a_file(plain: bytes, monkeypatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from cspxl.sandbox import SandboxError

    class Broken:
        """A pool whose workers die at start, as when a script lacks its __main__ guard."""

        def submit(self, *args: object) -> object:
            raise BrokenProcessPool("A child process terminated abruptly")

        def shutdown(self, **kwargs: object) -> None:
            pass

    sandbox = Sandbox(workers=1)
    monkeypatch.setattr(sandbox, "_executor", lambda workers: Broken())
    with pytest.raises(SandboxError, match="could not start the worker processes .*__main__"):
        list(sandbox.read([("plain.xlsx", plain)]))


def explode(name: str, content: bytes) -> Book:
    raise AssertionError("a file already in the register was parsed again")


def test_reingesting_files_already_in_the_register_parses_none_of_them(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["pcc", "kcc"])
    files = [fill_return(issued["pcc"], tmp_path / "a" / "pcc.xlsx", {"A05": {"Status": "On track"}}),
             fill_return(issued["kcc"], tmp_path / "a" / "kcc.xlsx", {"A14": {"Status": "On track"}})]
    ingest(workspace, [tmp_path / "a"], received=datetime(2023, 7, 10))
    never = Sandbox(workers=1, parser=explode)
    try:
        again = ingest(workspace, [tmp_path / "a"], received=datetime(2023, 7, 11), sandbox=never)
    finally:
        never.close()
    assert [f.outcome for f in again.files] == ["duplicate", "duplicate"] and len(files) == 2
