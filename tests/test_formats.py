"""Whatever a partner sends is identified by its bytes: read if it is a workbook cspxl reads, else one
sentence saying what it is and what the partner should do."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import Register, generate, ingest, parse_period
from cspxl._ods import read_ods
from cspxl.simulate import fill_return
from tests.conftest import rezip

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def filled(workspace, tmp_path: Path) -> Path:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc"])["pcc"]
    return fill_return(issued, tmp_path / "pcc.xlsx", {"A05": {"Status": "On track", "Progress update": "Cameras in."}})


def encrypted(source: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(source.read_bytes())).encrypt("secret", out)
    return out.getvalue()


def xlsb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return out.getvalue()


ARRIVALS = {
    "Kent Police return.xlsx": (lambda f: b"Action ID,Status\r\nA01,On track\r\n",
                                "is a text file (perhaps a CSV renamed), not a workbook",
                                "Ask the partner to send the return workbook itself"),
    "empty.xlsx": (lambda f: b"", "is empty (0 bytes)", "Ask the partner to attach the return again"),
    "scan.pdf": (lambda f: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document, not a workbook",
                 "save it as an Excel workbook (.xlsx)"),
    "photo.xlsx": (lambda f: b"\x89PNG\r\n\x1a\n" + bytes(100), "is a PNG image, not a workbook", "(.xlsx)"),
    "protected.xlsx": (encrypted, "is protected with a password, so it cannot be opened", "remove the password"),
    "binary.xlsb": (lambda f: xlsb(), "is an Excel binary workbook (.xlsb)", "save it as an Excel workbook (.xlsx)"),
    "cut.xlsx": (lambda f: f.read_bytes()[:5000], "is damaged or cut short", "attach the return again"),
}


@pytest.mark.parametrize("name", list(ARRIVALS))
def test_what_is_not_a_readable_workbook_is_named_with_what_to_do(workspace, filled: Path, tmp_path: Path, name) -> None:
    make, what, todo = ARRIVALS[name]
    path = tmp_path / "inbox" / name
    path.parent.mkdir()
    path.write_bytes(make(filled))
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        before = reg.counts()
    (outcome,) = ingest(workspace, [path], received=datetime(2023, 7, 10)).files
    (problem,) = outcome.problems
    assert (outcome.outcome, problem.code) == ("rejected", "file-unreadable")
    assert what in problem.message and todo in problem.fix and "\n" not in str(problem)
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.counts() == before


def test_a_macro_enabled_workbook_is_read_and_its_macros_never_run(workspace, filled: Path, tmp_path: Path) -> None:
    xlsm = rezip(filled, tmp_path / "pcc.xlsm", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    (outcome,) = ingest(workspace, [xlsm], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted"
    assert [p.code for p in outcome.problems if p.code != "status-blank"] == ["macros-ignored"]
    assert "were not run" in next(p.message for p in outcome.problems if p.code == "macros-ignored")


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
 <office:automatic-styles>
  <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="Return">
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>A05</text:p></table:table-cell>
    <table:table-cell office:value-type="percentage" office:value="0.75"><text:p>75%</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2023-12-31"><text:p>31/12/23</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>On track</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><office:annotation><text:p>a comment, not an answer</text:p></office:annotation><text:p>two<text:s text:c="2"/>spaces</text:p><text:p>second line</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>merged</text:p></table:table-cell>
    <table:covered-table-cell table:number-columns-repeated="2"/>
    <table:table-cell table:number-columns-repeated="5000" office:value-type="string"><text:p>filled to the end</text:p></table:table-cell>
   </table:table-row>
   <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
  </table:table>
  <table:table table:name="Lists" table:style-name="ta2">
   <table:table-row><table:table-cell office:value-type="float" office:value="42"><text:p>42</text:p></table:table-cell></table:table-row>
  </table:table>
 </office:spreadsheet></office:body>
</office:document-content>"""


def ods(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return out.getvalue()


def test_an_ods_keeps_what_was_typed_percentages_dates_repeats_and_hidden_sheets() -> None:
    ret, lists = read_ods(ods(ODS_CONTENT))
    assert (ret.name, ret.state, lists.name, lists.state) == ("Return", "visible", "Lists", "hidden")
    assert ret.cells == {
        (1, 1): ("A05", "@"), (1, 2): (0.75, "0%"), (1, 3): (date(2023, 12, 31), "dd/mm/yyyy"),
        (1, 4): ("On track", "@"), (1, 5): ("On track", "@"), (1, 6): ("two  spaces\nsecond line", "@"),
        (2, 1): ("merged", "@"), (2, 4): ("filled to the end", "@"),
    }
    assert (ret.merged, ret.repeats) == ([(2, 1, 2, 3)], [(2, 4, 5000)])
    assert lists.cells == {(1, 1): (42, "General")}


@pytest.mark.parametrize("repeat", ["-30", "0", "x"])
def test_an_ods_with_an_impossible_repeat_count_is_damaged(repeat: str) -> None:
    crafted = ODS_CONTENT.replace('table:number-columns-repeated="2"', f'table:number-columns-repeated="{repeat}"', 1)
    with pytest.raises(ValueError, match="number-columns-repeated"):
        read_ods(ods(crafted))


def odf_protected() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                   'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                   '</manifest:file-entry></manifest:manifest>')
        z.writestr("content.xml", b"\x8f\x12 encrypted bytes")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "what"),
    [(odf_protected(), "is protected with a password"),
     (b"<!DOCTYPE html><html><body>return</body></html>", "is a web page (HTML)"),
     ("Action ID\tStatus\r\nA05\tOn track\r\n".encode("utf-16"), "is a text file")],
    ids=["password-ods", "html", "utf16-text"],
)
def test_more_things_that_are_not_returns_are_named(content: bytes, what: str) -> None:
    from cspxl.filetypes import identify

    assert what in identify(content).what
