"""Reading OpenDocument spreadsheets (.ods), as LibreOffice saves them, into cspxl's plain cells.

The cell's ``office:value-type`` says what a partner typed: ``percentage`` for 75%, ``date`` for a
date, ``string`` for text; it is kept as a number format so the rules for .xlsx apply unchanged.
The XML is parsed with defusedxml, so entity tricks are refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from defusedxml.ElementTree import iterparse

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


TABLE, ROW, CELL, COVERED = _q("table", "table"), _q("table", "table-row"), _q("table", "table-cell"), _q(
    "table", "covered-table-cell")
NAME, STYLE = _q("table", "name"), _q("table", "style-name")
ROWS_REPEATED, COLS_REPEATED = _q("table", "number-rows-repeated"), _q("table", "number-columns-repeated")
ROWS_SPANNED, COLS_SPANNED = _q("table", "number-rows-spanned"), _q("table", "number-columns-spanned")
VALUE_TYPE, VALUE, FORMULA = _q("office", "value-type"), _q("office", "value"), _q("table", "formula")
DATE_VALUE, BOOL_VALUE = _q("office", "date-value"), _q("office", "boolean-value")
PARAGRAPH, SPACE, TAB, BREAK = _q("text", "p"), _q("text", "s"), _q("text", "tab"), _q("text", "line-break")
STYLE_NAME, TABLE_PROPS, DISPLAY = _q("style", "name"), _q("style", "table-properties"), _q("table", "display")

#: Rows or columns a single element may claim to repeat before it is treated as padding.
_PADDING = 1000
#: Excel's (and Calc's) largest sheet.
MAX_ROW, MAX_COL = 1_048_576, 16_384


@dataclass
class ParsedSheet:
    """One sheet: its cells {(row, col): (value, number_format)}, 1-based, and what was not read in full."""

    name: str
    state: str
    cells: dict[tuple[int, int], tuple[Any, str]] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: (row, col, times): a filled cell repeated across far more cells than a return has; only the first is kept.
    repeats: list[tuple[int, int, int]] = field(default_factory=list)


def read_ods(content: bytes) -> list[ParsedSheet]:
    """Every sheet of an .ods file; ``ValueError`` when its XML says something impossible."""
    with zipfile.ZipFile(io.BytesIO(content)) as z, z.open("content.xml") as xml:
        return list(_sheets(xml))


def _count(el: Any, attribute: str) -> int:
    text = el.get(attribute, "1")
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{attribute} is {text!r}")
    return int(text)


def _sheets(xml: Any) -> Iterator[ParsedSheet]:
    hidden_styles: set[str] = set()
    current_style = ""
    sheet = ParsedSheet("", "visible")
    style = ""
    row = col = 0
    row_cells: list[tuple[int, tuple[Any, str]]] = []
    for event, el in iterparse(xml, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == _q("style", "style"):
                current_style = el.get(STYLE_NAME, "")
            elif tag == TABLE_PROPS and el.get(DISPLAY) == "false":
                hidden_styles.add(current_style)
            elif tag == TABLE:
                sheet, style, row = ParsedSheet(el.get(NAME, ""), "visible"), el.get(STYLE, ""), 0
            elif tag == ROW:
                col, row_cells = 0, []
            continue
        if tag in (CELL, COVERED):
            repeat = _count(el, COLS_REPEATED)
            cell = _cell(el) if tag == CELL else None
            if cell is not None:
                if row + 1 > MAX_ROW or col + 1 > MAX_COL:
                    raise ValueError(f"a cell beyond the largest sheet (row {row + 1}, column {col + 1})")
                if repeat > _PADDING:
                    sheet.repeats.append((row + 1, col + 1, repeat))
                for i in range(min(repeat, _PADDING) if repeat <= _PADDING else 1):
                    row_cells.append((col + 1 + i, cell))
            spanned = (_count(el, COLS_SPANNED), _count(el, ROWS_SPANNED)) if tag == CELL else (1, 1)
            if spanned != (1, 1):
                sheet.merged.append((row + 1, col + 1, row + spanned[1], col + spanned[0]))
            col += repeat
            el.clear()
        elif tag == ROW:
            repeat = _count(el, ROWS_REPEATED)
            if row_cells and repeat > _PADDING:
                sheet.repeats.append((row + 1, row_cells[0][0], repeat))
                repeat_cells = 1
            else:
                repeat_cells = repeat
            # A repeated row carries the same cells on every row it stands for.
            for i in range(repeat_cells if row_cells else 0):
                for c, value in row_cells:
                    sheet.cells[(row + 1 + i, c)] = value
            row += repeat
            el.clear()
        elif tag == TABLE:
            sheet.state = "hidden" if style in hidden_styles else "visible"
            yield sheet
            el.clear()


def _cell(el: Any) -> tuple[Any, str] | None:
    formula = el.get(FORMULA)
    if formula:
        # As for .xlsx, a formula is read as what was typed, never its result ("of:" is ODF's prefix).
        return formula.removeprefix("of:"), "General"
    kind = el.get(VALUE_TYPE)
    if kind in ("float", "currency"):
        return _number(el.get(VALUE)), "General"
    if kind == "percentage":
        return _number(el.get(VALUE)), "0%"
    if kind == "date":
        return _date(el.get(DATE_VALUE, "")), "dd/mm/yyyy"
    if kind == "boolean":
        return el.get(BOOL_VALUE) == "true", "General"
    text = _text(el)
    return (text, "@") if text else None


def _number(text: str | None) -> float | int:
    value = float(text or 0)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _date(text: str) -> date | datetime | str:
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        return text


def _text(el: Any) -> str:
    """A cell's text: its own paragraphs (not a comment's) joined by newlines, with ODF's spaces,
    tabs and line breaks."""
    paragraphs = []
    for p in el.findall(PARAGRAPH):
        parts: list[str] = []
        _walk(p, parts)
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _walk(node: Any, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        if child.tag == SPACE:
            parts.append(" " * int(child.get(_q("text", "c"), "1")))
        elif child.tag == TAB:
            parts.append("\t")
        elif child.tag == BREAK:
            parts.append("\n")
        else:
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
