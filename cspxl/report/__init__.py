"""The papers the meeting and the councillors read: the quarter's report and the year-end report, as Word
documents on A4 (and PDF through LibreOffice)."""

from .quarter import quarter_paper, report_file_name, write_quarter_report
from .year import write_year_report, year_paper, year_report_file_name

__all__ = ["quarter_paper", "report_file_name", "write_quarter_report", "write_year_report", "year_paper",
           "year_report_file_name"]
