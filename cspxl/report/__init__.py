"""The papers the meeting and the councillors read: the quarter's report, the year-end report, and the
committee reports around the plan (its adoption, a quarter's and the year's monitoring), as Word
documents on A4 (and PDF through LibreOffice)."""

from .committee import (
    committee_report_file_name,
    missing_details,
    plan_report_file_name,
    write_plan_report,
    write_quarter_committee_report,
    write_year_committee_report,
)
from .quarter import quarter_paper, report_file_name, write_quarter_report
from .year import write_year_report, year_paper, year_report_file_name

__all__ = ["committee_report_file_name", "missing_details", "plan_report_file_name", "quarter_paper",
           "report_file_name", "write_plan_report", "write_quarter_committee_report", "write_quarter_report",
           "write_year_committee_report", "write_year_report", "year_paper", "year_report_file_name"]
