"""Spreadsheet files, knowing nothing of plans or returns: reading any workbook into plain values,
telling what a file is by its bytes, reading untrusted files in limited workers, walking folders,
and writing workbooks with XlsxWriter safely."""

from .book import Book, Cell, CellValue, Sheet
from .read import read_own_workbook, read_workbook

__all__ = ["Book", "Cell", "CellValue", "Sheet", "read_own_workbook", "read_workbook"]
