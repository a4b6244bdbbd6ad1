"""What Microsoft Excel "repairs" when it opens a workbook, checked without Excel.

Excel offers to repair (and then drops) parts of a file that break its rules, and a coordinator who
sees that dialog stops trusting the file.  XlsxWriter refuses some of these itself (titles and
messages of a data validation longer than Excel's limits of 32 and 255 characters, a list longer
than 255 characters, overlapping merged ranges: see its ``data_validation()`` and
``merge_range()``), and cspxl turns its warnings into errors.  Others it writes without a word, and
those are what this checks in a finished file: two data validations on one cell, ranges outside
the sheet, conditional formats pointing at formats that do not exist, names pointing at sheets that
do not exist, text longer than a cell holds.
"""

from __future__ import annotations

import re
import zipfile
from itertools import combinations
from pathlib import Path
from xml.etree.ElementTree import Element, fromstring

from openpyxl.utils.cell import range_boundaries

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_ROW, MAX_COL = 1_048_576, 16_384
#: Excel's limits on a data validation (XlsxWriter's documentation of data_validation() gives the same).
TITLE_LIMIT, MESSAGE_LIMIT, LIST_LIMIT = 32, 255, 255
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Box = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


def what_excel_would_repair(path: Path) -> list[str]:
    """Every rule of Excel's a workbook breaks, a sentence each; an empty list for a clean file."""
    found: list[str] = []
    with zipfile.ZipFile(path) as z:
        workbook = fromstring(z.read("xl/workbook.xml"))
        relationships = fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(f"{_PKG}Relationship")
        rels = {r.get("Id"): r.get("Target", "") for r in relationships}
        styles = fromstring(z.read("xl/styles.xml")) if "xl/styles.xml" in z.namelist() else None
        dxfs = len(list(styles.iter(f"{_MAIN}dxf"))) if styles is not None else 0
        names = [s.get("name", "") for s in workbook.iter(f"{_MAIN}sheet")]
        found += _sheet_names(names)
        found += _defined_names(workbook, names)
        strings = fromstring(z.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in z.namelist() else None
        if strings is not None:
            found += [f"a shared string of {len(t)} characters" for t in _texts(strings) if len(t) > 32767]
        for sheet in workbook.iter(f"{_MAIN}sheet"):
            target = rels[sheet.get(f"{_REL}id")].lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            found += [f"{sheet.get('name')}: {fault}" for fault in _sheet(fromstring(z.read(part)), dxfs)]
    return found


def _sheet_names(names: list[str]) -> list[str]:
    found = [f"sheet name '{n}' is not 1 to 31 characters without []:*?/\\" for n in names
             if not 1 <= len(n) <= 31 or _SHEET_NAME_FORBIDDEN.search(n) or n.startswith("'") or n.endswith("'")]
    folded = [n.casefold() for n in names]
    found += [f"sheet name '{n}' is used twice" for n in names if folded.count(n.casefold()) > 1]
    return found


def _defined_names(workbook: Element, sheets: list[str]) -> list[str]:
    found = []
    for name in workbook.iter(f"{_MAIN}definedName"):
        formula = name.text or ""
        for quoted, plain in re.findall(r"'((?:[^']|'')+)'!|([A-Za-z_][\w.]*)!", formula):
            sheet = quoted.replace("''", "'") if quoted else plain
            if sheet not in sheets:
                found.append(f"the name {name.get('name')} refers to a sheet '{sheet}' that does not exist")
    return found


def _sheet(root: Element, dxfs: int) -> list[str]:
    found: list[str] = []
    validations: list[tuple[str, list[Box]]] = []
    for dv in root.iter(f"{_MAIN}dataValidation"):
        sqref = dv.get("sqref", "")
        boxes, bad = _boxes(sqref)
        found += [f"data validation over an invalid range '{b}'" for b in bad]
        validations.append((sqref, boxes))
        for attribute, limit in (("promptTitle", TITLE_LIMIT), ("errorTitle", TITLE_LIMIT), ("prompt", MESSAGE_LIMIT),
                                 ("error", MESSAGE_LIMIT)):
            if len(dv.get(attribute, "").encode("utf-16-le")) // 2 > limit:
                found.append(f"data validation {sqref}: {attribute} longer than {limit} characters")
        formula = dv.findtext(f"{_MAIN}formula1") or ""
        if dv.get("type") == "list" and formula.startswith('"') and len(formula) - 2 > LIST_LIMIT:
            found.append(f"data validation {sqref}: a list longer than {LIST_LIMIT} characters")
    for (ref_a, boxes_a), (ref_b, boxes_b) in combinations(validations, 2):
        if any(_overlap(a, b) for a in boxes_a for b in boxes_b):
            found.append(f"data validations {ref_a} and {ref_b} cover the same cells")
    priorities: list[str] = []
    for cf in root.iter(f"{_MAIN}conditionalFormatting"):
        _, bad = _boxes(cf.get("sqref", ""))
        found += [f"conditional format over an invalid range '{b}'" for b in bad]
        for rule in cf.iter(f"{_MAIN}cfRule"):
            priorities.append(rule.get("priority", ""))
            dxf = rule.get("dxfId")
            if dxf is not None and not int(dxf) < dxfs:
                found.append(f"conditional format {cf.get('sqref')} uses format {dxf}, which does not exist")
    found += [f"two conditional formats share priority {p}" for p in set(priorities) if priorities.count(p) > 1]
    merged = [(m.get("ref", ""), _boxes(m.get("ref", ""))[0]) for m in root.iter(f"{_MAIN}mergeCell")]
    for (ref_a, a), (ref_b, b) in combinations(merged, 2):
        if any(_overlap(x, y) for x in a for y in b):
            found.append(f"merged ranges {ref_a} and {ref_b} overlap")
    for tag in ("autoFilter", "dimension"):
        for el in root.iter(f"{_MAIN}{tag}"):
            found += [f"{tag} over an invalid range '{b}'" for b in _boxes(el.get("ref", ""))[1]]
    for t in root.iter(f"{_MAIN}t"):
        if len(t.text or "") > 32767:
            found.append(f"a cell of {len(t.text or '')} characters")
    return found


def _boxes(sqref: str) -> tuple[list[Box], list[str]]:
    """The ranges of a space-separated reference, and those that are not valid ranges of a sheet."""
    boxes, bad = [], []
    for ref in sqref.split():
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            bad.append(ref)
            continue
        box = (min_col or 1, min_row or 1, max_col or MAX_COL, max_row or MAX_ROW)
        if not (1 <= box[0] <= box[2] <= MAX_COL and 1 <= box[1] <= box[3] <= MAX_ROW):
            bad.append(ref)
            continue
        boxes.append(box)
    if not sqref.strip():
        bad.append("(empty)")
    return boxes, bad


def _overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _texts(strings: Element) -> list[str]:
    return ["".join(t.text or "" for t in si.iter(f"{_MAIN}t")) for si in strings.iter(f"{_MAIN}si")]
