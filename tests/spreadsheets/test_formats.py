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
from cspxl.demo.partners import fill_return
from cspxl.spreadsheets.ods import read_ods
from tests.conftest import DATA, rezip, with_shared_strings

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


def word_docx(text: str) -> bytes:
    """A Word document (.docx): a package whose main part is a wordprocessingml document, as Word writes it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                   f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return out.getvalue()


def word_97(text: str) -> bytes:
    """A Word 97-2003 document (.doc): an OLE compound file (MS-CFB, version 3) holding a WordDocument stream.

    Sector 0 is the allocation table, sector 1 the directory, sectors 2 to 9 the 4,096-byte stream.
    """
    import struct

    free, end, fat, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0) + struct.pack("<109I", 0, *[free] * 108))
    table = struct.pack("<128I", fat, end, 3, 4, 5, 6, 7, 8, 9, end, *[free] * 118)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, none, none, child)
                + bytes(16 + 4 + 16) + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry("WordDocument", 2, none, 2, 4096)
                 + entry("", 0, none, 0, 0) * 2)
    return header + table + directory + text.encode("utf-16-le").ljust(4096, b"\0")


ARRIVALS = {
    "Kent Police return.xlsx": (lambda f: b"Action ID,Status\r\nA01,On track\r\n",
                                "is a text file (a CSV, perhaps), not a workbook",
                                "Ask the partner to send the return workbook itself"),
    "empty.xlsx": (lambda f: b"", "is empty (0 bytes)", "Ask the partner to attach the return again"),
    "scan.pdf": (lambda f: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document, not a workbook",
                 "save it as an Excel workbook (.xlsx)"),
    "photo.xlsx": (lambda f: b"\x89PNG\r\n\x1a\n" + bytes(100), "is a PNG image, not a workbook", "(.xlsx)"),
    "protected.xlsx": (encrypted, "is protected with a password, so it cannot be opened", "remove the password"),
    "binary.xlsb": (lambda f: xlsb(), "is an Excel binary workbook (.xlsb)", "save it as an Excel workbook (.xlsx)"),
    "cut.xlsx": (lambda f: f.read_bytes()[:5000], "is damaged or cut short", "attach the return again"),
    "Kent Police Q1 return.docx": (lambda f: word_docx("A05: on track. Cameras in."),
                                   "is a Word document, not a workbook", "(.xlsx)"),
    "Kent Police Q1 return.doc": (lambda f: word_97("A05: on track. Cameras in."),
                                  "is a Word document (.doc), not a workbook", "(.xlsx)"),
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


def test_a_word_document_in_a_folder_is_skipped_saying_what_it_is(workspace, filled: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "covering letter.docx").write_bytes(word_docx("Please find our return attached."))
    (inbox / "minutes.doc").write_bytes(word_97("Minutes of the meeting."))
    (inbox / "pcc.xlsx").write_bytes(filled.read_bytes())
    result = ingest(workspace, [inbox], received=datetime(2023, 7, 10))
    assert [(Path(f.path).name, f.outcome, [p.message for p in f.problems if p.code == "file-skipped"])
            for f in result.files] == [
        ("covering letter.docx", "skipped", ["Skipped: the file is a Word document, not a workbook"]),
        ("minutes.doc", "skipped", ["Skipped: the file is a Word document (.doc), not a workbook"]),
        ("pcc.xlsx", "accepted", []),
    ]
    assert not result.failed


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
    from cspxl.spreadsheets.filetypes import identify

    assert what in identify(content).what


def numbers_file(bundle: str = "") -> bytes:
    """An Apple Numbers spreadsheet as Numbers saves it (a zip of its Index), or zipped as a bundle folder."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in ("Index/Document.iwa", "Index/CalculationEngine.iwa", "Index/Tables/Tile.iwa",
                     "Metadata/Properties.plist") if not bundle else ("Index.zip", "Metadata/Properties.plist"):
            z.writestr(f"{bundle}{name}", b"\x00iwa")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "kind", "what"),
    [(numbers_file(), None, "is an Apple Numbers spreadsheet, which cspxl cannot read"),
     (numbers_file("Attendance.numbers/"), None, "is an Apple Numbers spreadsheet, which cspxl cannot read"),
     (b"\x09\x04\x06\x00\x00\x00\x10\x00", "xls", ""),  # an Excel 4 worksheet: no OLE container around it
     (b'<?xml version="1.0"?><office:document office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
      None, "is a flat OpenDocument spreadsheet (.fods)"),
     (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', None,
      "is an Excel 2003 XML spreadsheet"),
     ("Action ID,Status\r\nA05,On track\r\n".encode("utf-16-le"), None, "is a text file"),  # no byte-order mark
     (b"Action ID,Update\r\n" + "A05,Caf\u00e9 ".encode() * 585, None, "is a text file")],  # cut mid-character
    ids=["numbers", "numbers-bundle", "biff4", "fods", "excel-2003-xml", "utf16-no-bom", "utf8-cut"],
)
def test_what_a_file_is_comes_from_its_bytes(content: bytes, kind: str | None, what: str) -> None:
    from cspxl.spreadsheets.filetypes import identify

    verdict = identify(content)
    assert (verdict.kind, verdict.what if what else "") == (kind, what) or what in verdict.what


def _moved(filled: Path, out: Path, rename: dict[str, str], edit: dict[str, bytes] | None = None) -> Path:
    """The same workbook with its parts renamed (``rename`` maps a prefix of a part name to another)."""
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            name = info.filename
            for old, new in rename.items():
                if name.startswith(old):
                    name = new + name[len(old):]
            dst.writestr(name, (edit or {}).get(info.filename, data))
    return out


@pytest.mark.parametrize("layout", ["capitalised", "backslashes", "at-root"])
def test_a_return_laid_out_as_other_programs_write_it_is_read(workspace, filled: Path, tmp_path: Path,
                                                             layout: str) -> None:
    """Part names are compared without case; some writers separate folders with backslashes; the
    package, not a fixed path, says where the workbook is."""
    with zipfile.ZipFile(filled) as z:
        types, rels, parts = z.read("[Content_Types].xml"), z.read("_rels/.rels"), z.read("xl/_rels/workbook.xml.rels")
    shared = with_shared_strings(filled, tmp_path / "shared.xlsx")  # as Excel saves text, in a shared part
    moved = {
        "capitalised": lambda: _moved(shared, tmp_path / "a.xlsx", {"xl/sharedStrings.xml": "xl/SharedStrings.xml"}),
        "backslashes": lambda: _moved(filled, tmp_path / "b.xlsx", {"xl/worksheets/": "xl\\worksheets\\"}),
        "at-root": lambda: _moved(filled, tmp_path / "c.xlsx", {"xl/_rels/": "_rels/", "xl/": ""}, {
            "[Content_Types].xml": types.replace(b'PartName="/xl/', b'PartName="/'),
            "_rels/.rels": rels.replace(b'Target="xl/', b'Target="'),
            "xl/_rels/workbook.xml.rels": parts.replace(b'Target="/xl/', b'Target="/')}),
    }[layout]()
    with zipfile.ZipFile(moved) as z:
        assert {"capitalised": "xl/SharedStrings.xml", "backslashes": "xl\\worksheets\\sheet2.xml",
                "at-root": "workbook.xml"}[layout] in z.namelist()
    (outcome,) = ingest(workspace, [moved], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted", [str(p) for p in outcome.problems]
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.current_answers("2023-24-Q1", "pcc")["A05"].progress == "Cameras in."


def test_an_xls_claiming_the_whole_grid_is_read_by_its_cells_alone(monkeypatch) -> None:
    """A 6 KB .xls with a cell at IV65536 (Excel 97's last) once meant 16 million cells to visit."""
    from cspxl.spreadsheets import read_workbook, xls

    visited: list[object] = []
    real = xls.xls_value
    monkeypatch.setattr(xls, "xls_value", lambda cell, mode: visited.append(cell) or real(cell, mode))
    book = read_workbook(DATA / "corner-cell.xls")
    assert {rc: c.value for rc, c in book.sheets[0].cells.items()} == {(1, 1): "near", (2, 2): 0.5, (65536, 256): "far"}
    assert book.sheets[0].get(2, 2).number_format == "0%" and book.partial == ""
    assert len(visited) < 1000  # the cells of the rows that have any: hundreds, not 16 million


def test_an_xls_is_read_with_its_number_formats_and_the_1904_date_system() -> None:
    """tests/data/dates-1904.xls: saved as Excel 97-2003 by LibreOffice Calc from a workbook using the 1904 date
    system (Excel for Mac's), with 28/06/2023 and 31/03/2024 typed as dates and 75% as a percentage."""
    import xlrd

    from cspxl.spreadsheets import read_workbook

    assert xlrd.open_workbook(DATA / "dates-1904.xls").datemode == 1  # the dates are counted from 1 January 1904
    book = read_workbook(DATA / "dates-1904.xls")
    assert (book.kind, book.partial, [s.name for s in book.sheets]) == ("xls", "", ["Return"])
    assert {rc: (c.value, c.number_format) for rc, c in book.sheets[0].cells.items()} == {
        (1, 1): ("Completed", "General"), (1, 2): (datetime(2023, 6, 28), "dd/mm/yyyy"), (1, 3): (0.75, "0%"),
        (2, 1): ("Revised", "General"), (2, 2): (datetime(2024, 3, 31), "dd/mm/yyyy"),
    }


def test_xlrds_warnings_never_reach_the_screen(capfd) -> None:
    """xlrd writes warnings to standard output; a file padded past its sectors draws one."""
    from cspxl.spreadsheets.read import read_workbook

    padded = (DATA / "corner-cell.xls").read_bytes() + b"\x00" * 100
    book = read_workbook(Path("padded.xls"), padded)
    assert book.sheets[0].value(1, 1) == "near"
    assert capfd.readouterr() == ("", "")


def test_an_xls_xlrd_cannot_read_is_read_for_its_values_and_said_so(monkeypatch) -> None:
    import xlrd

    from cspxl.spreadsheets.read import read_workbook

    def fails(**kwargs: object) -> object:
        raise AssertionError  # what xlrd raises on a wrong shared-string count, with no message

    monkeypatch.setattr(xlrd, "open_workbook", fails)
    book = read_workbook(DATA / "small.xls")
    assert book.sheets[0].value(1, 1) == "near" and book.sheets[0].value(2, 2) == 0.5  # a percent's format is lost
    assert book.partial == "number formats (a % sign typed) and formulas as typed"


def test_a_file_no_reader_can_read_is_named_for_what_it_is_without_python_names(monkeypatch, filled: Path) -> None:
    import python_calamine
    import xlrd

    from cspxl.spreadsheets import read as reader

    def fails(*args: object, **kwargs: object) -> object:
        raise TypeError("Nested.from_tree() missing 1 required positional argument: 'node'")

    monkeypatch.setattr(xlrd, "open_workbook", fails)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", fails)
    with pytest.raises(reader.ReadError) as xls:
        reader.read_workbook(DATA / "corner-cell.xls")
    monkeypatch.setattr(reader, "_read_ooxml_openpyxl", lambda *a: (_ for _ in ()).throw(reader.ReadError("x")))
    with zipfile.ZipFile(filled) as z:
        assert not any(n.startswith("xl/pivotTables/") for n in z.namelist())
    pivots = _moved(filled, filled.with_name("pivots.xlsx"), {}, None)
    with zipfile.ZipFile(pivots, "a") as z:
        z.writestr("xl/pivotTables/pivotTable1.xml", "<pivotTableDefinition/>")
    with pytest.raises(reader.ReadError) as xlsx:
        reader.read_workbook(pivots)
    assert str(xls.value) == ("is an Excel 97-2003 workbook (.xls) that cspxl's spreadsheet readers could not read "
                              "(it may be damaged, or hold parts they do not handle)")
    assert str(xlsx.value) == ("is an Excel workbook (.xlsx) that cspxl's spreadsheet readers could not read (it holds "
                               "pivot tables, which may be what stopped them)")


def test_a_return_read_only_in_part_is_accepted_with_a_warning_saying_what_was_lost(workspace, filled: Path,
                                                                                   monkeypatch) -> None:
    """Both exact readers stop on it (the scan meets something unusual, openpyxl fails): python-calamine's
    values are read, and the return says so rather than pass for one read in full."""
    from cspxl import load_plan, read_return
    from cspxl.spreadsheets import read as reader
    from cspxl.spreadsheets import xlsx as _ooxml

    def unusual(package: object) -> object:
        raise _ooxml.Unusual("a shared formula written once for many cells")

    monkeypatch.setattr(_ooxml, "_scan_where_needed", unusual)
    monkeypatch.setattr(reader, "_read_ooxml_openpyxl", lambda *a: (_ for _ in ()).throw(reader.ReadError("x")))
    submission, report = read_return(filled, load_plan(workspace.plan_path), workspace.key)
    assert submission is not None
    assert [(p.code, p.message) for p in report if p.code == "read-in-part"] == [
        ("read-in-part", "Only part of the file could be read exactly: it was read without formulas as typed (their "
                         "results were read)")]
    assert {a.action_id: a.progress for a in submission.answers}["A05"] == "Cameras in."
