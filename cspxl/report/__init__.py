"""The papers the meeting and the councillors read: the quarter's report and the year-end report, as Word
documents on A4 (and PDF through LibreOffice)."""

from .quarter import quarter_paper, report_file_name, write_quarter_report

__all__ = ["quarter_paper", "report_file_name", "write_quarter_report"]
