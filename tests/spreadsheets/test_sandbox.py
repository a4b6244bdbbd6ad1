"""One file cannot take the batch down: crashes, memory hogs and slow files are rejected on their own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.errors import ReadError
from cspxl.spreadsheets.read import Book, read_workbook
from cspxl.spreadsheets.sandbox import Sandbox

CRASH, HOG, SLOW, STUCK, WAITS, WORKS = b"<crash>", b"<hog>", b"<slow>", b"<stuck>", b"<waits>", b"<works>"


def busy(seconds: float) -> None:
    """Use this much processor time, in Python code."""
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def misbehaving(name: str, content: bytes) -> Book:
    """A reader with the failures real readers have, triggered by markers in the bytes."""
    if CRASH in content:
        os.abort()  # what python-calamine does on a sheet claiming A1:XFD1048576
    if HOG in content:
        bytearray(8 * 2**30)  # far past the worker's memory limit
    if SLOW in content:
        busy(30)
    if STUCK in content:
        # Catastrophic backtracking: minutes in the regular expression engine's C code, which holds
        # the interpreter and so cannot take the signal, as a reader looping in native code.
        re.match(r"(a+)+$", "a" * 40 + "b")
    if WAITS in content:
        time.sleep(3)  # waiting, as a worker does for a core on a busy machine: no processor time
    if WORKS in content:
        busy(2)  # two seconds of real work: far more than a return, within the limit
    return read_workbook(Path(name), content)


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


def test_a_crash_a_memory_hog_and_slow_files_are_each_rejected_and_the_rest_read(plain: bytes) -> None:
    sandbox = Sandbox(workers=2, timeout=1, parser=misbehaving, grace=1)
    try:
        items = [("a.xlsx", plain), ("crash.xlsx", plain + CRASH), ("b.xlsx", plain), ("hog.xlsx", plain + HOG),
                 ("slow.xlsx", plain + SLOW), ("stuck.xlsx", plain + STUCK), ("waits.xlsx", plain + WAITS),
                 ("c.xlsx", plain)]
        started = time.monotonic()
        results = list(sandbox.read(items))
        assert time.monotonic() - started < 60
    finally:
        sandbox.close()
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Book", "ReadError", "Book", "ReadError", "ReadError", "ReadError", "Book", "Book"]
    assert "made the spreadsheet reader crash" in str(results[1])
    assert "needs more memory" in str(results[3])
    assert "took more than 1 second of processor time" in str(results[4])
    assert "took more than 1 second of processor time" in str(results[5])  # ended from outside
    assert results[6].sheets[0].value(1, 1) == "fine"  # three seconds of waiting is not three of work
    assert results[7].sheets[0].value(1, 1) == "fine"


@pytest.fixture
def saturated() -> Iterator[None]:
    """Every core busy with other work, as on a coordinator's laptop in the middle of the day."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def test_good_files_are_read_with_every_core_busy_elsewhere(plain: bytes, saturated: None) -> None:
    """Each file takes two seconds of processor time, which on a saturated machine is more than
    three seconds of the clock: only processor time may count against it."""
    sandbox = Sandbox(workers=2, timeout=3, parser=misbehaving)
    try:
        results = list(sandbox.read([(f"{n}.xlsx", plain + WORKS) for n in "ab"]))
    finally:
        sandbox.close()
    assert [type(r).__name__ for r in results] == ["Book"] * 2, [str(r) for r in results]


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

    from cspxl.errors import SandboxError

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
