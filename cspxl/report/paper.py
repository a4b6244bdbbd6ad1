"""A Word document for a meeting, read on A4: the page, the styles, tables that fit and repeat their headers.

Councillors read the paper printed or as a PDF, so every size is set here once: A4 with 20 mm
margins, nothing under 10 pt (the template's smaller styles are raised), a table's columns shared
out across the width of its page in proportions given by the caller, and its header row repeated
on each page.  A table too wide for portrait gets a landscape section of its own.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from copy import deepcopy
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from .._version import __version__
from ..errors import WriteError
from ..spreadsheets.landing import as_of_keywords, kept_sentence, land

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

#: The smallest text in the paper.
SMALLEST = Pt(10)
A4_SHORT, A4_LONG, MARGIN = Mm(210), Mm(297), Mm(20)
_HEADER_FILL, _LABEL_FILL = "1F4E78", "DEEAF6"
#: Characters a Word document cannot hold (XML 1.0); a line or page break typed in Word and pasted into
#: Excel arrives as \x0b or \x0c and is a new line here, the rest are left out.
_BREAKS = re.compile(r"[\x0b\x0c]")
_UNWRITABLE = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` as a Word document can hold it: every character kept but the control characters XML refuses."""
    return _UNWRITABLE.sub("", _BREAKS.sub("\n", text))


class Paper:
    """A Word document being written: add headings, paragraphs, tables and pictures, then :meth:`save`."""

    def __init__(self, *, title: str, author: str, footer: str, as_of: date | None = None,
                 dated: date | None = None) -> None:
        self.doc: DocumentObject = Document()
        self.footer = footer
        props = self.doc.core_properties
        props.title, props.author = title, author
        props.comments = props.version = f"Written by cspxl {__version__}"  # which cspxl wrote it
        props.keywords = as_of_keywords(as_of) if as_of else ""
        # Dated, not timed: the same paper written twice is the same file, and nothing is kept twice.
        props.created = props.modified = datetime.combine(dated, time()) if dated else datetime.now().replace(
            microsecond=0)
        self._styles()
        self._page(self.doc.sections[0], landscape=False)

    # The page and the styles ------------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = "Arial", Pt(11)
        for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
            style = styles[name]
            style.font.name, style.font.size = "Arial", Pt(size)
            style.font.color.rgb = RGBColor(0x1F, 0x4E, 0x78)
        for style in styles:  # the template's captions, footnotes and the like: never under 10 pt
            font = getattr(style, "font", None)
            if font is not None and font.size is not None and font.size < SMALLEST:
                font.size = SMALLEST

    def _page(self, section: object, *, landscape: bool) -> None:
        from docx.section import Section

        assert isinstance(section, Section)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        section.header_distance = section.footer_distance = Mm(10)
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.text = ""
        paragraph.add_run(f"{self.footer} · page ").font.size = SMALLEST
        _field(paragraph, "PAGE")
        paragraph.add_run(" of ").font.size = SMALLEST
        _field(paragraph, "NUMPAGES")

    def landscape(self) -> None:
        """Go on in a landscape section, on a new page: for a table of many columns."""
        self._page(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)

    def portrait(self) -> None:
        """Go on in a portrait section, on a new page."""
        self._page(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape=False)

    @property
    def width(self) -> int:
        """The width text may take on the current page, in EMU."""
        section = self.doc.sections[-1]
        assert section.page_width is not None and section.left_margin is not None and section.right_margin is not None
        return int(section.page_width - section.left_margin - section.right_margin)

    # Content ------------------------------------------------------------------------------------

    def title(self, text: str, *lines: str) -> None:
        self.doc.add_paragraph(printable(text), style="Title")
        for line in lines:
            self.doc.add_paragraph().add_run(printable(line)).font.size = Pt(12)

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(printable(text), level=level)

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        run = self.doc.add_paragraph().add_run(printable(text))
        run.bold, run.italic = bold, italic

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
              width_share: float = 1.0) -> None:
        """A table across the page (or ``width_share`` of it): ``widths`` are the columns' shares of that; the
        header row repeats on each page."""
        assert len(headers) == len(widths) and all(len(r) == len(headers) for r in rows)
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = sum(widths)
        emus = [int(self.width * width_share * w / total) for w in widths]
        for column, emu in zip(table.columns, emus, strict=True):
            column.width = emu
        header = table.rows[0]
        _repeat_as_header(header)
        for cell, text, emu in zip(header.cells, headers, emus, strict=True):
            cell.width = emu
            _fill(cell, _HEADER_FILL)
            run = cell.paragraphs[0].add_run(printable(text))
            run.bold, run.font.size, run.font.color.rgb = True, SMALLEST, RGBColor(0xFF, 0xFF, 0xFF)
        if rows:
            # One row made the python-docx way, the rest copied from it and given their text: a county's
            # paper has thousands of rows, and python-docx takes milliseconds a cell.
            cells = table.add_row().cells
            for cell, emu in zip(cells, emus, strict=True):
                cell.width = emu
                cell.paragraphs[0].add_run("").font.size = SMALLEST
            template = table.rows[1]._tr
            made, last = [template], template
            for _ in rows[1:]:
                last.addnext(made_row := deepcopy(template))
                made.append(last := made_row)
            for tr, values in zip(made, rows, strict=True):
                _write_row(tr, values)
        self.doc.add_paragraph()  # a table never runs into what follows it

    def details(self, rows: Sequence[tuple[str, str]]) -> None:
        """A two-column table of labels and values without a header row: the frame of a committee report."""
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        emus = (int(self.width * 0.32), int(self.width * 0.68))
        for column, emu in zip(table.columns, emus, strict=True):
            column.width = emu
        for row, (label, value) in zip(table.rows, rows, strict=True):
            for cell, text, emu, bold in zip(row.cells, (label, value), emus, (True, False), strict=True):
                cell.width = emu
                lines = printable(text).split("\n")
                run = cell.paragraphs[0].add_run(lines[0])
                run.bold = bold
                for line in lines[1:]:
                    run.add_break()
                    run.add_text(line)
            _fill(row.cells[0], _LABEL_FILL)
        self.doc.add_paragraph()

    def picture(self, png: bytes) -> None:
        """An image at the size its resolution gives it (a chart drawn at its printed size), or narrower to fit."""
        from docx.image.image import Image

        natural = Image.from_blob(png).width
        self.doc.add_picture(io.BytesIO(png), width=min(natural, self.width))

    def save(self, path: Path, said: Callable[[str], None] | None = None) -> Path:
        """Write the document to ``path`` atomically: a temporary file in the same folder, renamed over it.

        A different paper already there is moved aside first, with the PDF printed from it (see
        :mod:`cspxl.spreadsheets.landing`), and ``said`` is told so.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.docx", dir=path.parent)
        os.close(fd)
        try:
            self.doc.save(tmp_name)
            kept = land(Path(tmp_name), path, keep=True)
            if kept is not None and said is not None:
                said(kept_sentence(path, kept))
        except PermissionError as exc:  # what Windows raises while Word has the file open
            raise WriteError(f"{path} is open in another program (or read-only), so it was not replaced; "
                             "close it and run the command again. The previous file is unchanged.") from exc
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
        return path


def _write_row(tr: Any, values: Sequence[str]) -> None:
    """Put ``values`` in a table row's cells, each in the cell's one run, a new line a line break."""
    for tc, text in zip(tr.iterchildren(qn("w:tc")), values, strict=True):
        run = tc.find(f"{qn('w:p')}/{qn('w:r')}")
        for n, line in enumerate(printable(text).split("\n")):
            if n:
                etree.SubElement(run, qn("w:br"))
            t = etree.SubElement(run, qn("w:t"))
            t.set(qn("xml:space"), "preserve")
            t.text = line


def _field(paragraph: object, instruction: str) -> None:
    """A field Word and LibreOffice fill in as they lay out the page (PAGE, NUMPAGES)."""
    from docx.text.paragraph import Paragraph

    assert isinstance(paragraph, Paragraph)
    run = paragraph.add_run()
    run.font.size = SMALLEST
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("text", "1"),
                       ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _repeat_as_header(row: object) -> None:
    from docx.table import _Row

    assert isinstance(row, _Row)
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _fill(cell: object, colour: str) -> None:
    from docx.table import _Cell

    assert isinstance(cell, _Cell)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
