"""The bounds on what a returned file may hold (20 MB a file, 200 MB unpacked, 5,000 parts, 100 sheets,
50,000 cells, 2 million characters, 5,000 filled rows a sheet): a file at a bound is read; one past it
is refused in one sentence saying what it holds, and nothing is recorded."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from cspxl import Register, ingest
from cspxl.spreadsheets import read_workbook

SEND_AGAIN = "Ask the partner to fill in the return they were sent and send it again."


def book(sheets: int = 1, rows: int = 1, columns: int = 1, value: object = 1, last: list[object] | None = None) -> bytes:
    """A workbook of ``sheets`` sheets, each ``rows`` by ``columns`` cells holding ``value`` (the last sheet's
    last row ``last`` instead, when given)."""
    wb = openpyxl.Workbook(write_only=True)  # rows streamed out: 50,000 cells in a moment
    for n in range(sheets):
        ws = wb.create_sheet(f"Sheet{n + 1}")
        for r in range(rows):
            ws.append(last if last is not None and n == sheets - 1 and r == rows - 1 else [value] * columns)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_cells(cells: int) -> bytes:
    """1,000 rows of 50 numbers, the last row shorter or longer to hold exactly ``cells``."""
    return book(rows=1000, columns=50, last=[1] * (cells - 999 * 50))


def with_characters(characters: int) -> bytes:
    """100 cells of 20,000 characters, the last one shorter or longer to hold exactly ``characters``."""
    return book(rows=100, value="x" * 20_000, last=["x" * (characters - 99 * 20_000)])


def padded(size: int) -> bytes:
    """A workbook grown to exactly ``size`` bytes by a part stored uncompressed (no reader opens it)."""
    def build(padding: int) -> bytes:
        out = io.BytesIO(book())
        with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
            z.writestr("customXml/padding.bin", bytes(padding))
        return out.getvalue()

    first = build(1000)
    grown = build(1000 + size - len(first))
    assert len(grown) == size
    return grown


def with_parts(parts: int) -> bytes:
    out = io.BytesIO(book())
    with zipfile.ZipFile(out, "a") as z:
        for n in range(parts - len(z.namelist())):
            z.writestr(f"customXml/item{n}.xml", "<a/>")
        assert len(z.namelist()) == parts
    return out.getvalue()


def claiming(unpacked_mb: int) -> bytes:
    """A workbook with a 3 MB part stored uncompressed whose entry in the zip's directory claims ``unpacked_mb``
    MB: too few packed bytes for a zip bomb's ratio (100 to 1), too many unpacked for any return."""
    out = io.BytesIO(book())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        z.writestr("customXml/big.bin", bytes(3 * 2**20))
    data = bytearray(out.getvalue())
    entry = data.rindex(b"customXml/big.bin") - 46  # its central directory record
    assert data[entry:entry + 4] == b"PK\x01\x02"
    data[entry + 24:entry + 28] = (unpacked_mb * 2**20).to_bytes(4, "little")  # the uncompressed size
    return bytes(data)


AT_THE_BOUND: dict[str, Callable[[], bytes]] = {
    "20 MB": lambda: padded(20 * 2**20),
    "5,000 parts": lambda: with_parts(5000),
    "100 sheets": lambda: book(sheets=100),
    "50,000 cells": lambda: with_cells(50_000),
    "2,000,000 characters": lambda: with_characters(2_000_000),
    "5,000 rows": lambda: book(rows=5000),
}


@pytest.mark.parametrize("bound", list(AT_THE_BOUND))
def test_a_file_at_a_bound_is_read(bound: str) -> None:
    read_workbook(Path("at the bound.xlsx"), AT_THE_BOUND[bound]())


PAST_THE_BOUND: dict[str, tuple[Callable[[], bytes], str]] = {
    "20 MB": (lambda: padded(21 * 2**20),
              "The file is 21 MB, far larger than any return (the limit is 20 MB). Ask the partner to send the "
              "return they were sent, filled in."),
    "200 MB unpacked": (lambda: claiming(250),
                        r"The file would unpack to 250 MB from \d+ KB \(a 'zip bomb'\), far more than any return\. "
                        + re.escape(SEND_AGAIN)),
    "5,000 parts": (lambda: with_parts(5001),
                    f"The file has 5001 parts inside, far more than a workbook has. {SEND_AGAIN}"),
    "100 sheets": (lambda: book(sheets=101), f"The file has 101 sheets, far more than a return. {SEND_AGAIN}"),
    "50,000 cells": (lambda: with_cells(50_001),
                     f"The file holds 50,001 cells and 0 characters, far more than a return. {SEND_AGAIN}"),
    "2,000,000 characters": (lambda: with_characters(2_000_001),
                             f"The file holds 100 cells and 2,000,001 characters, far more than a return. {SEND_AGAIN}"),
    "5,000 rows": (lambda: book(rows=5001),
                   f"The file has 5,001 filled rows on its 'Sheet1' sheet, far more than a return. {SEND_AGAIN}"),
}


@pytest.mark.parametrize("bound", list(PAST_THE_BOUND))
def test_a_file_past_a_bound_is_refused_in_one_sentence_and_nothing_is_recorded(workspace, tmp_path: Path,
                                                                                bound: str) -> None:
    make, sentence = PAST_THE_BOUND[bound]
    path = tmp_path / "Kent Police return.xlsx"
    path.write_bytes(make())
    (outcome,) = ingest(workspace, [path], received=datetime(2023, 7, 10)).files
    (problem,) = outcome.problems
    assert (outcome.outcome, problem.code) == ("rejected", "file-unreadable")
    said = str(problem)
    assert said.startswith("Kent Police return.xlsx: ") and "\n" not in said
    assert re.fullmatch(sentence if bound == "200 MB unpacked" else re.escape(sentence),
                        said.removeprefix("Kent Police return.xlsx: ")), said
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.counts() == {"submissions": 0, "answers": 0, "figures": 0, "problems": 0}
