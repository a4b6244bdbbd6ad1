"""The year counts its recommendations of reviews, and the rollover carries only the open ones."""

from __future__ import annotations

from datetime import date

import openpyxl

from cspxl.recommendations.action_plan import write_action_plan
from cspxl.recommendations.board import signoff
from cspxl.report.year import write_year_report
from cspxl.year.end import rollover
from cspxl.year.view import year_view
from cspxl.year.workbook import consolidate_year
from tests.recommendations.test_master_and_papers import paper_text


def test_the_year_counts_what_was_made_implemented_signed_off_and_open_and_the_median_days(reported, tmp_path) -> None:
    signoff(reported, ["DHR1-1"], date(2023, 9, 5), by="CSP Board")
    view = year_view(reported, 2023, date(2024, 5, 1))
    assert view.recommendations is not None
    # All six made in 2023-24; DHR1-1 implemented 16 days after it was made, and signed off.
    assert view.recommendations.rows() == [
        ("Made in the year", 6), ("Implemented in the year", 1), ("Signed off in the year", 1),
        ("Still open at the year's end", 5), ("Median days from made to implemented", 16)]
    book = consolidate_year(reported, 2023, date(2024, 5, 1), out=tmp_path / "year.xlsx")
    rows = list(openpyxl.load_workbook(book)["Recommendations"].iter_rows(values_only=True))
    assert rows == [("Recommendations from reviews", "Number"), ("Made in the year", 6),
                    ("Implemented in the year", 1), ("Signed off in the year", 1),
                    ("Still open at the year's end", 5), ("Median days from made to implemented", 16)]
    text = paper_text(write_year_report(reported, 2023, date(2024, 5, 1), out=tmp_path / "year.docx"))
    assert "Still open at the year's end | 5" in text and "Median days from made to implemented | 16" in text
    assert "DHR1" not in text  # counts only: the year's report circulates


def test_the_rollover_carries_the_open_recommendations_and_leaves_the_signed_off(reported) -> None:
    signoff(reported, ["DHR1-1"], date(2023, 9, 5))
    done = rollover(reported, 2024)
    assert (done.recommendations, done.signed_off) == (("DHR1-2", "DHR1-3", "DHR1-4", "SCR-1", "PCC-1"), ("DHR1-1",))
    assert [r.id for r in reported.plan.recommendations] == ["DHR1-2", "DHR1-3", "DHR1-4", "SCR-1", "PCC-1"]
    # The review's action plan still holds the one signed off and left in the finished year's plan.
    path = write_action_plan(reported, "DHR Sevenoaks 2022/01", None, date(2024, 5, 1))
    rows = list(openpyxl.load_workbook(path)["Action plan"].iter_rows(min_row=5, values_only=True))
    assert [(r[0].split(".")[0], r[6].split(" Signed off")[0]) for r in rows][0] == (
        "DHR1-1", "31/05/2023: Implemented. Routine enquiry in GP practices from May.")
    assert [r[0].split(".")[0] for r in rows] == ["DHR1-1", "DHR1-2", "DHR1-3", "DHR1-4"]
